"""Outcome metrics and their measurements: `…/pilots/{pilot_id}/metrics[/{metric_id}
[/measurements]]`."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response
from fastapi.responses import JSONResponse

from pilotboard.access import WorkspaceWrite
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import problems
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
from pilotboard.pilots.metrics import service
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
    metric = service.get_metric(db, pilot, metric_id)
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
    return service.get_metric(db, pilot, metric_id)


MetricForWrite = Annotated[Metric, Depends(_metric_for_write)]
MetricForRead = Annotated[Metric, Depends(_metric_for_read)]
MetricToMeasure = Annotated[Metric, Depends(_metric_to_measure)]


@router.get(
    "/pilots/{pilot_id}/metrics",
    operation_id="listMetrics",
    description="The pilot's outcome metrics with their latest value, lift and progress toward "
    "the target.",
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
    figures. At most one metric per pilot `is_revenue`: its lift is the pilot's revenue lift."""
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
    description="Only the fields sent change. Only one metric per pilot can be the revenue metric.",
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
        changes=body.model_dump(exclude_unset=True),
        now=clock.now(),
    )
    return with_etag(response, _metric_public(db, pilot, metric))


@router.delete(
    "/pilots/{pilot_id}/metrics/{metric_id}",
    operation_id="deleteMetric",
    description="Deletes the metric and all its measurements.",
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
) -> Response:
    service.delete_metric(db, pilot=pilot, metric=metric, actor=access.actor, now=clock.now())
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
