"""Outcome metrics and their measurements: `…/pilots/{pilot_id}/metrics[/{metric_id}
[/measurements]]`."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from fastapi.responses import JSONResponse

from pilotboard.access import WorkspaceWrite
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import InvalidInput, problems
from pilotboard.core.etag import IfMatch
from pilotboard.core.idempotency import IdempotencyKey
from pilotboard.core.pagination import ListParamsDep, Page, page_in_memory
from pilotboard.pilots.http import (
    READ,
    WRITE,
    PilotForRead,
    PilotForWrite,
    PilotId,
    check_record_if_match,
    created,
    stamped,
    with_etag,
)
from pilotboard.pilots.metrics import rules, service
from pilotboard.pilots.metrics.schemas import (
    MeasurementCreate,
    MeasurementPublic,
    MetricCreate,
    MetricPublic,
    MetricUpdate,
)
from pilotboard.pilots.models import Metric, Pilot

router = APIRouter(prefix="/workspaces/{workspace_id}", tags=["pilots"])

MetricId = Annotated[uuid.UUID, Path(description="The metric's id.")]


def _metric_public(db: SessionDep, pilot: Pilot, metric: Metric) -> MetricPublic:
    return service.metric_public(metric, service.latest_values(db, pilot).get(metric.id))


def _metric_for_write(
    pilot_id: PilotId,  # first: the path parameters keep their documented order
    metric_id: MetricId,
    pilot: PilotForWrite,
    db: SessionDep,
    if_match: IfMatch = None,
) -> Metric:
    metric = service.get_metric(db, pilot, metric_id, for_update=True)
    check_record_if_match(
        if_match, metric, lambda: _metric_public(db, pilot, metric), what="metric"
    )
    return metric


def _metric_for_read(
    pilot_id: PilotId,  # first: the path parameters keep their documented order
    metric_id: MetricId,
    pilot: PilotForRead,
    db: SessionDep,
) -> Metric:
    return service.get_metric(db, pilot, metric_id)


def _metric_to_measure(
    pilot_id: PilotId,  # first: the path parameters keep their documented order
    metric_id: MetricId,
    pilot: PilotForWrite,
    db: SessionDep,
) -> Metric:
    return service.get_metric(db, pilot, metric_id, for_update=True)


def _deletion_reason(
    reason: Annotated[
        str | None,
        Query(
            description="Why the metric goes: needed once the pilot has first entered `running` "
            f"(at least {rules.MIN_REASON} characters; recorded in the activity log), ignored "
            "before.",
            max_length=rules.MAX_REASON,
        ),
    ] = None,
) -> str | None:
    problem = rules.reason_problem(reason)
    if problem is not None:
        raise InvalidInput.field(["query", "reason"], problem)
    return reason.strip() if reason is not None else None


MetricForWrite = Annotated[Metric, Depends(_metric_for_write)]
MetricForRead = Annotated[Metric, Depends(_metric_for_read)]
MetricToMeasure = Annotated[Metric, Depends(_metric_to_measure)]


@router.get(
    "/pilots/{pilot_id}/metrics",
    operation_id="listMetrics",
    description="The pilot's outcome metrics with their latest value, lift and progress toward "
    "the target, their `revenue_period` and every change of their success criteria made after "
    "the pilot started (`criteria_changes`).",
    summary="Outcome metrics with latest value, lift and progress",
    response_model=Page[MetricPublic],
    responses=READ,
)
def list_metrics(pilot: PilotForRead, db: SessionDep, params: ListParamsDep) -> Page[MetricPublic]:
    items, cursor = page_in_memory(service.metric_publics(db, pilot), params, stamped)
    return Page[MetricPublic](items=items, next_cursor=cursor)


@router.post(
    "/pilots/{pilot_id}/metrics",
    operation_id="createMetric",
    summary="Define a metric",
    status_code=201,
    response_model=MetricPublic,
    responses=problems(401, 403, 404),
)
def create_metric(
    pilot: PilotForWrite,
    body: MetricCreate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Measure what the customer experiences (`customer_experienced`), not only internal
    figures. At most one metric per pilot `is_revenue`: its lift is the pilot's revenue lift,
    its gain annualised by its `revenue_period`. The `target` must lie on the improving side of
    the `baseline` (above it for `increase`, below it for `decrease`), else `422` naming
    `target`. A metric may be added after the pilot started, without a reason."""
    now = clock.now()
    return created(
        db,
        request,
        access,
        idempotency_key,
        body,
        now,
        lambda: service.metric_public(
            service.add_metric(
                db, pilot=pilot, actor=access.actor, data=body.model_dump(), now=now
            ),
            None,
        ),
    )


@router.patch(
    "/pilots/{pilot_id}/metrics/{metric_id}",
    operation_id="updateMetric",
    description="Only the fields sent change. Only one metric per pilot can be the revenue metric. "
    "The `target` must stay on the improving side of the `baseline` (checked on the values after "
    "the change, so changing `direction` alone can fail), else `422` naming `target`. Once the "
    "pilot has first entered `running` (whatever its stage now), changing `baseline`, `target`, "
    "`direction` or `kind` (or the revenue metric's `revenue_period`) needs a `change_reason`: "
    "without it `409` `criteria-locked` and nothing changes; with it, each changed field is "
    "appended to `criteria_changes` and the pilot shows `criteria_changed: true` for good.",
    summary="Change a metric",
    response_model=MetricPublic,
    responses=WRITE,
)
def update_metric(
    metric: MetricForWrite,
    pilot: PilotForWrite,
    body: MetricUpdate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
) -> MetricPublic:
    metric = service.update_metric(
        db,
        pilot=pilot,
        metric=metric,
        actor=access.actor,
        changes=body.model_dump(exclude_unset=True, exclude={"change_reason"}),
        now=clock.now(),
        reason=body.change_reason,
    )
    return with_etag(response, _metric_public(db, pilot, metric))


@router.delete(
    "/pilots/{pilot_id}/metrics/{metric_id}",
    operation_id="deleteMetric",
    description="Deletes the metric and all its measurements. Once the pilot has first entered "
    "`running`, it needs `?reason=`: without it `409` `criteria-locked`; with it the deletion "
    "and its reason go to the activity log and the pilot shows `criteria_changed: true` for good.",
    summary="Delete a metric and its measurements",
    status_code=204,
    responses=WRITE,
)
def delete_metric(
    metric: MetricForWrite,
    pilot: PilotForWrite,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    reason: Annotated[str | None, Depends(_deletion_reason)],
) -> Response:
    service.delete_metric(
        db, pilot=pilot, metric=metric, actor=access.actor, now=clock.now(), reason=reason
    )
    return Response(status_code=204)


@router.get(
    "/pilots/{pilot_id}/metrics/{metric_id}/measurements",
    operation_id="listMeasurements",
    description="The metric's measurements, oldest first.",
    summary="A metric's measurements, oldest first",
    response_model=Page[MeasurementPublic],
    responses=READ,
)
def list_measurements(
    metric: MetricForRead, pilot: PilotForRead, db: SessionDep, params: ListParamsDep
) -> Page[MeasurementPublic]:
    items, cursor = page_in_memory(
        service.measurement_publics(db, pilot, metric),
        params,
        lambda m: (f"{m.measured_on.isoformat()}|{m.created_at.isoformat()}", m.id),
    )
    return Page[MeasurementPublic](items=items, next_cursor=cursor)


@router.post(
    "/pilots/{pilot_id}/metrics/{metric_id}/measurements",
    operation_id="createMeasurement",
    description="Records a dated value, optionally tied to one of the pilot's iterations. "
    "Health and the metric's lift follow.",
    summary="Record a measurement",
    status_code=201,
    response_model=MeasurementPublic,
    responses=problems(401, 403, 404),
)
def create_measurement(
    metric: MetricToMeasure,
    pilot: PilotForWrite,
    body: MeasurementCreate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    now = clock.now()
    return created(
        db,
        request,
        access,
        idempotency_key,
        body,
        now,
        lambda: service.measurement_public(
            service.add_measurement(
                db, pilot=pilot, metric=metric, actor=access.actor, data=body.model_dump(), now=now
            )
        ),
    )
