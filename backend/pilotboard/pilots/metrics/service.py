"""A pilot's outcome metrics and their dated measurements."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from pilotboard.activity.service import Actor
from pilotboard.core.errors import CriteriaLocked, InvalidInput, NotFound
from pilotboard.pilots.changes import apply_changes, audit, fields_of, touch
from pilotboard.pilots.events import emit_record_event
from pilotboard.pilots.metrics import rules
from pilotboard.pilots.metrics.figures import lift, progress
from pilotboard.pilots.metrics.schemas import CriteriaChange, MeasurementPublic, MetricPublic
from pilotboard.pilots.models import (
    Iteration,
    Measurement,
    Metric,
    Pilot,
    RevenuePeriod,
    Stage,
    Transition,
)
from pilotboard.webhooks.models import EventType

METRIC_FIELDS = (
    "name", "unit", "direction", "kind", "is_revenue", "baseline", "target", "revenue_period",
)  # fmt: skip
# Stored as text: the enums a body carries become their values.
_TEXT_FIELDS = ("direction", "kind", "revenue_period")


def latest_values(session: Session, pilot: Pilot) -> dict[uuid.UUID, tuple[float, int]]:
    """Per metric: the latest measured value and the number of measurements."""
    latest: dict[uuid.UUID, tuple[float, int]] = {}
    counts: dict[uuid.UUID, int] = defaultdict(int)
    for metric_id, value in session.exec(
        select(Measurement.metric_id, Measurement.value)
        .where(Measurement.workspace_id == pilot.workspace_id, Measurement.pilot_id == pilot.id)
        .order_by(col(Measurement.measured_on), col(Measurement.created_at))
    ).all():
        counts[metric_id] += 1
        latest[metric_id] = (value, counts[metric_id])
    return latest


def metric_public(metric: Metric, latest: tuple[float, int] | None) -> MetricPublic:
    value = latest[0] if latest else None
    return MetricPublic(
        id=metric.id,
        name=metric.name,
        unit=metric.unit,
        direction=metric.direction,
        kind=metric.kind,
        is_revenue=metric.is_revenue,
        baseline=metric.baseline,
        target=metric.target,
        revenue_period=metric.revenue_period,
        criteria_changes=[CriteriaChange.model_validate(c) for c in metric.criteria_changes],
        latest_value=value,
        lift=lift(latest=value, baseline=metric.baseline, direction=metric.direction),
        progress=progress(latest=value, baseline=metric.baseline, target=metric.target),
        measurement_count=latest[1] if latest else 0,
        created_at=metric.created_at,
        updated_at=metric.updated_at,
    )


def metric_publics(session: Session, pilot: Pilot) -> list[MetricPublic]:
    latest = latest_values(session, pilot)
    rows = session.exec(
        select(Metric)
        .where(Metric.workspace_id == pilot.workspace_id, Metric.pilot_id == pilot.id)
        .order_by(col(Metric.created_at), col(Metric.id))
    ).all()
    return [metric_public(m, latest.get(m.id)) for m in rows]


def get_metric(
    session: Session, pilot: Pilot, metric_id: uuid.UUID, *, for_update: bool = False
) -> Metric:
    """The pilot's metric ``metric_id`` (404 otherwise); locked until the transaction ends with
    ``for_update`` (for a change of it or of its measurements), not for a read."""
    statement = select(Metric).where(
        Metric.workspace_id == pilot.workspace_id,
        Metric.pilot_id == pilot.id,
        Metric.id == metric_id,
    )
    metric = session.exec(statement.with_for_update() if for_update else statement).first()
    if metric is None:
        raise NotFound("No metric with this id on the pilot.")
    return metric


def _single_revenue_metric(session: Session, pilot: Pilot, metric_id: uuid.UUID | None) -> None:
    other = session.exec(
        select(Metric.name).where(
            Metric.workspace_id == pilot.workspace_id,
            Metric.pilot_id == pilot.id,
            col(Metric.is_revenue),
            Metric.id != metric_id if metric_id else True,
        )
    ).first()
    if other is not None:
        raise InvalidInput.field(
            ["body", "is_revenue"],
            f"“{other}” is already the pilot's revenue metric; a pilot has one.",
        )


def has_started(session: Session, pilot: Pilot) -> bool:
    """Whether the pilot has ever entered `running` (whatever its stage now): from then on its
    success criteria are fixed."""
    return (
        session.exec(
            select(Transition.id)
            .where(
                Transition.workspace_id == pilot.workspace_id,
                Transition.pilot_id == pilot.id,
                Transition.to_stage == Stage.running.value,
            )
            .limit(1)
        ).first()
        is not None
    )


def _check_target_side(direction: str, baseline: float | None, target: float | None) -> None:
    problem = rules.target_side_problem(direction=direction, baseline=baseline, target=target)
    if problem is not None:
        raise InvalidInput.field(["body", "target"], problem)


def add_metric(
    session: Session, *, pilot: Pilot, actor: Actor, data: dict[str, Any], now: datetime
) -> Metric:
    """A new metric; allowed after the start too, without a reason (only changes and deletions
    of success criteria need one)."""
    _check_target_side(str(data["direction"]), data.get("baseline"), data.get("target"))
    if data.get("is_revenue"):
        _single_revenue_metric(session, pilot, None)
    metric = Metric(
        workspace_id=pilot.workspace_id,
        pilot_id=pilot.id,
        name=data["name"],
        unit=data.get("unit", ""),
        direction=str(data["direction"]),
        kind=str(data["kind"]),
        is_revenue=bool(data.get("is_revenue")),
        baseline=data.get("baseline"),
        target=data.get("target"),
        revenue_period=str(data.get("revenue_period") or RevenuePeriod.year),
        created_at=now,
        updated_at=now,
    )
    session.add(metric)
    session.flush()
    audit(
        session,
        actor=actor,
        now=now,
        action="metric.created",
        pilot=pilot,
        object_type="metric",
        object_id=metric.id,
        summary=f"Metric “{metric.name}” defined",
        after=fields_of(metric, METRIC_FIELDS),
    )
    touch(pilot, now)
    return metric


def update_metric(
    session: Session,
    *,
    pilot: Pilot,
    metric: Metric,
    actor: Actor,
    changes: dict[str, Any],
    now: datetime,
    reason: str | None = None,
) -> Metric:
    """Apply a PATCH. Once the pilot has started, a change of a success criterion needs
    ``reason`` (else `CriteriaLocked`, nothing changed); it is recorded in the metric's
    ``criteria_changes`` and flags the pilot's ``criteria_changed`` for good. ``reason`` is
    ignored when no criterion changes or the pilot has not started."""
    not_null = ("name", "direction", "kind", "is_revenue", "revenue_period")
    for name in not_null:
        if name in changes and changes[name] is None:
            raise InvalidInput.field(["body", name], "This field cannot be null.")
    before = fields_of(metric, METRIC_FIELDS)
    values = {k: (str(v) if k in _TEXT_FIELDS and v is not None else v) for k, v in changes.items()}
    after = {**before, **values}
    if changes.keys() & {"baseline", "target", "direction"}:  # older rows may predate the rule
        _check_target_side(after["direction"], after["baseline"], after["target"])
    if changes.get("is_revenue"):
        _single_revenue_metric(session, pilot, metric.id)
    changed = rules.changed_criteria(
        before, values, is_revenue=bool(before["is_revenue"] or after["is_revenue"])
    )
    entries: list[dict[str, Any]] = []
    if changed and has_started(session, pilot):
        if reason is None:
            raise CriteriaLocked(rules.locked_detail(metric.name, changed))
        entries = rules.criteria_entries(
            before, after, changed, reason=reason, changed_by=actor.user_id, changed_at=now
        )
    apply_changes(metric, values, not_null=not_null)
    if entries:
        metric.criteria_changes = [*metric.criteria_changes, *entries]
        pilot.criteria_changed = True
    touch(metric, now)
    session.add(metric)
    audit(
        session,
        actor=actor,
        now=now,
        action="metric.updated",
        pilot=pilot,
        object_type="metric",
        object_id=metric.id,
        summary=rules.change_summary(metric.name, before, after, changed, reason or "")
        if entries
        else f"Metric “{metric.name}” updated",
        before=before,
        after={
            **fields_of(metric, METRIC_FIELDS),
            **({"change_reason": reason} if entries else {}),
        },
    )
    touch(pilot, now)
    return metric


def delete_metric(
    session: Session,
    *,
    pilot: Pilot,
    metric: Metric,
    actor: Actor,
    now: datetime,
    reason: str | None = None,
) -> None:
    """Delete the metric and its measurements. Once the pilot has started this needs ``reason``
    (else `CriteriaLocked`): the deletion, its before values and the reason go to the activity
    log, and the pilot's ``criteria_changed`` is flagged for good."""
    started = has_started(session, pilot)
    if started and reason is None:
        raise CriteriaLocked(rules.deletion_locked_detail(metric.name))
    summary = f"Metric “{metric.name}” deleted with its measurements"
    if started:
        summary += f" after the pilot started, because {reason}"
        pilot.criteria_changed = True
    audit(
        session,
        actor=actor,
        now=now,
        action="metric.deleted",
        pilot=pilot,
        object_type="metric",
        object_id=metric.id,
        summary=summary,
        before={**fields_of(metric, METRIC_FIELDS), "criteria_changes": metric.criteria_changes},
        after={"change_reason": reason} if started else None,
    )
    session.delete(metric)
    touch(pilot, now)


def measurement_public(m: Measurement) -> MeasurementPublic:
    return MeasurementPublic(
        id=m.id,
        metric_id=m.metric_id,
        value=m.value,
        measured_on=m.measured_on,
        iteration_id=m.iteration_id,
        note=m.note,
        created_at=m.created_at,
        updated_at=m.updated_at,
    )


def measurement_publics(session: Session, pilot: Pilot, metric: Metric) -> list[MeasurementPublic]:
    rows = session.exec(
        select(Measurement)
        .where(Measurement.workspace_id == pilot.workspace_id, Measurement.metric_id == metric.id)
        .order_by(col(Measurement.measured_on), col(Measurement.created_at))
    ).all()
    return [measurement_public(m) for m in rows]


def add_measurement(
    session: Session,
    *,
    pilot: Pilot,
    metric: Metric,
    actor: Actor,
    data: dict[str, Any],
    now: datetime,
) -> Measurement:
    iteration_id = data.get("iteration_id")
    if iteration_id is not None:
        found = session.exec(
            select(Iteration.id).where(
                Iteration.workspace_id == pilot.workspace_id,
                Iteration.pilot_id == pilot.id,
                Iteration.id == iteration_id,
            )
        ).first()
        if found is None:
            raise InvalidInput.field(
                ["body", "iteration_id"], "No iteration with this id on the pilot."
            )
    unit = f" {metric.unit}" if metric.unit else ""
    measurement = Measurement(
        workspace_id=pilot.workspace_id,
        pilot_id=pilot.id,
        metric_id=metric.id,
        created_at=now,
        updated_at=now,
        **data,
    )
    session.add(measurement)
    session.flush()
    audit(
        session,
        actor=actor,
        now=now,
        action="measurement.created",
        pilot=pilot,
        object_type="measurement",
        object_id=measurement.id,
        summary=f"{metric.name}: {measurement.value:g}{unit} on {measurement.measured_on}",
        after={
            "metric_id": metric.id,
            "value": measurement.value,
            "measured_on": measurement.measured_on,
            "iteration_id": iteration_id,
        },
    )
    touch(pilot, now)
    emit_record_event(
        session, pilot, EventType.measurement_created, lambda: measurement_public(measurement), now
    )
    return measurement
