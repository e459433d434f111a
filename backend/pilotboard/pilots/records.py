"""What the team records on a pilot: candidates, departments, iterations, metrics,
measurements, decisions and the scale plan. Each change refreshes the pilot's health."""

from __future__ import annotations

import uuid
from collections import defaultdict
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from pilotboard.activity.service import Actor
from pilotboard.core.errors import Conflict, InvalidInput, NotFound
from pilotboard.customers.models import Customer
from pilotboard.departments.models import Department
from pilotboard.pilots import rules
from pilotboard.pilots.models import (
    Candidate,
    Decision,
    Engagement,
    Involvement,
    Iteration,
    Measurement,
    Metric,
    Pilot,
    ScalePlan,
    ScalePlanItem,
)
from pilotboard.pilots.schemas import (
    CandidatePublic,
    DecisionPublic,
    InvolvementPublic,
    IterationPublic,
    MeasurementPublic,
    MetricPublic,
    ScalePlanItemPublic,
    ScalePlanPublic,
)
from pilotboard.pilots.service import _audit, _touch, refresh, workspace_rules
from pilotboard.webhooks import service as webhooks
from pilotboard.webhooks.models import EventType


def _refresh(session: Session, pilot: Pilot, now: datetime) -> None:
    _touch(pilot, now)
    refresh(session, [pilot], now=now)


def _emit(session: Session, pilot: Pilot, event: EventType, read: Any, now: datetime) -> None:
    """Put a webhook event in the outbox: the record as the API reads it, with its pilot."""
    webhooks.emit(
        session,
        workspace_id=pilot.workspace_id,
        type=event,
        now=now,
        data=lambda: {**read().model_dump(mode="json"), "pilot_id": str(pilot.id)},
    )


def _fields(obj: Any, names: tuple[str, ...]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


def _apply(obj: Any, changes: dict[str, Any], *, not_null: tuple[str, ...] = ()) -> None:
    for name, value in changes.items():
        if value is None and name in not_null:
            raise InvalidInput.field(["body", name], "This field cannot be null.")
        setattr(obj, name, "" if value is None and isinstance(getattr(obj, name), str) else value)


# --- candidates ------------------------------------------------------------------------------

CANDIDATE_FIELDS = ("customer_id", "scores", "notes")


def _check_criteria(scores: dict[str, int], rubric: list[dict[str, Any]]) -> None:
    keys = {str(c["key"]) for c in rubric}
    unknown = sorted(set(scores) - keys)
    if unknown:
        raise InvalidInput.field(
            ["body", "scores", unknown[0]],
            f"Not a rubric criterion; use one of: {', '.join(sorted(keys))}.",
        )


def candidate_publics(session: Session, pilot: Pilot) -> list[CandidatePublic]:
    rubric, _ = workspace_rules(session, pilot.workspace_id)
    rows = session.exec(
        select(Candidate, Customer)
        .join(Customer, col(Customer.id) == col(Candidate.customer_id))
        .where(Candidate.workspace_id == pilot.workspace_id, Candidate.pilot_id == pilot.id)
        .order_by(col(Candidate.created_at), col(Candidate.id))
    ).all()
    return [_candidate_public(c, customer, rubric, pilot) for c, customer in rows]


def _candidate_public(
    candidate: Candidate, customer: Customer, rubric: list[dict[str, Any]], pilot: Pilot
) -> CandidatePublic:
    return CandidatePublic(
        id=candidate.id,
        customer_id=candidate.customer_id,
        customer_name=customer.name,
        scores=dict(candidate.scores),
        notes=candidate.notes,
        total=rules.candidate_total(candidate.scores, rubric),
        is_premier_account=customer.is_premier_account,
        is_chosen=pilot.customer_id == candidate.customer_id,
        created_at=candidate.created_at,
        updated_at=candidate.updated_at,
    )


def get_candidate(session: Session, pilot: Pilot, candidate_id: uuid.UUID) -> Candidate:
    candidate = session.exec(
        select(Candidate)
        .where(
            Candidate.workspace_id == pilot.workspace_id,
            Candidate.pilot_id == pilot.id,
            Candidate.id == candidate_id,
        )
        .with_for_update()
    ).first()
    if candidate is None:
        raise NotFound("No candidate with this id on the pilot.")
    return candidate


def candidate_public(session: Session, pilot: Pilot, candidate: Candidate) -> CandidatePublic:
    rubric, _ = workspace_rules(session, pilot.workspace_id)
    customer = session.get(Customer, candidate.customer_id)
    assert customer is not None
    return _candidate_public(candidate, customer, rubric, pilot)


def add_candidate(
    session: Session, *, pilot: Pilot, actor: Actor, data: dict[str, Any], now: datetime
) -> Candidate:
    customer = session.get(Customer, data["customer_id"])
    if customer is None or customer.workspace_id != pilot.workspace_id:
        raise InvalidInput.field(
            ["body", "customer_id"], "No customer with this id in the workspace."
        )
    rubric, _ = workspace_rules(session, pilot.workspace_id)
    _check_criteria(data["scores"], rubric)
    exists = session.exec(
        select(Candidate.id).where(
            Candidate.workspace_id == pilot.workspace_id,
            Candidate.pilot_id == pilot.id,
            Candidate.customer_id == customer.id,
        )
    ).first()
    if exists is not None:
        raise Conflict(f"{customer.name} is already a candidate for this pilot.")
    candidate = Candidate(
        workspace_id=pilot.workspace_id,
        pilot_id=pilot.id,
        customer_id=customer.id,
        scores=data["scores"],
        notes=data.get("notes", ""),
        created_at=now,
        updated_at=now,
    )
    session.add(candidate)
    session.flush()
    _audit(
        session,
        actor=actor,
        now=now,
        action="candidate.created",
        pilot=pilot,
        object_type="candidate",
        object_id=candidate.id,
        summary=f"{customer.name} considered as the testbed customer",
        after=_fields(candidate, CANDIDATE_FIELDS),
    )
    _refresh(session, pilot, now)
    return candidate


def update_candidate(
    session: Session,
    *,
    pilot: Pilot,
    candidate: Candidate,
    actor: Actor,
    changes: dict[str, Any],
    now: datetime,
) -> Candidate:
    before = _fields(candidate, CANDIDATE_FIELDS)
    if changes.get("scores") is not None:
        rubric, _ = workspace_rules(session, pilot.workspace_id)
        _check_criteria(changes["scores"], rubric)
    _apply(candidate, changes, not_null=("scores",))
    _touch(candidate, now)
    session.add(candidate)
    _audit(
        session,
        actor=actor,
        now=now,
        action="candidate.updated",
        pilot=pilot,
        object_type="candidate",
        object_id=candidate.id,
        summary="Candidate scores updated",
        before=before,
        after=_fields(candidate, CANDIDATE_FIELDS),
    )
    _refresh(session, pilot, now)
    return candidate


def delete_candidate(
    session: Session, *, pilot: Pilot, candidate: Candidate, actor: Actor, now: datetime
) -> None:
    if pilot.customer_id == candidate.customer_id:
        raise Conflict("This candidate is the chosen customer: choose another customer first.")
    _audit(
        session,
        actor=actor,
        now=now,
        action="candidate.deleted",
        pilot=pilot,
        object_type="candidate",
        object_id=candidate.id,
        summary="Candidate removed",
        before=_fields(candidate, CANDIDATE_FIELDS),
    )
    session.delete(candidate)
    _refresh(session, pilot, now)


# --- involvements ----------------------------------------------------------------------------

INVOLVEMENT_FIELDS = (
    "department_id",
    "contact_name",
    "stake",
    "status",
    "invited_on",
    "engaged_on",
)


def involvement_publics(session: Session, pilot: Pilot) -> list[InvolvementPublic]:
    rows = session.exec(
        select(Involvement, Department.name)
        .join(Department, col(Department.id) == col(Involvement.department_id))
        .where(Involvement.workspace_id == pilot.workspace_id, Involvement.pilot_id == pilot.id)
        .order_by(col(Involvement.created_at), col(Involvement.id))
    ).all()
    return [involvement_public(i, name) for i, name in rows]


def involvement_public(involvement: Involvement, department_name: str) -> InvolvementPublic:
    return InvolvementPublic(
        id=involvement.id,
        department_id=involvement.department_id,
        department_name=department_name,
        contact_name=involvement.contact_name,
        stake=involvement.stake,
        status=involvement.status,
        invited_on=involvement.invited_on,
        engaged_on=involvement.engaged_on,
        created_at=involvement.created_at,
        updated_at=involvement.updated_at,
    )


def get_involvement(
    session: Session, pilot: Pilot, involvement_id: uuid.UUID
) -> tuple[Involvement, str]:
    row = session.exec(
        select(Involvement, Department.name)
        .join(Department, col(Department.id) == col(Involvement.department_id))
        .where(
            Involvement.workspace_id == pilot.workspace_id,
            Involvement.pilot_id == pilot.id,
            Involvement.id == involvement_id,
        )
        .with_for_update(of=Involvement)
    ).first()
    if row is None:
        raise NotFound("No department involvement with this id on the pilot.")
    return row[0], row[1]


def _engaged_date(involvement: Involvement, today: date) -> None:
    if (
        involvement.status in (Engagement.engaged, Engagement.champion)
        and involvement.engaged_on is None
    ):
        involvement.engaged_on = today
    if (
        involvement.invited_on
        and involvement.engaged_on
        and involvement.engaged_on < involvement.invited_on
    ):
        raise InvalidInput.field(
            ["body", "engaged_on"], "engaged_on must not be before invited_on."
        )


def add_involvement(
    session: Session, *, pilot: Pilot, actor: Actor, data: dict[str, Any], now: datetime
) -> tuple[Involvement, str]:
    department = session.get(Department, data["department_id"])
    if department is None or department.workspace_id != pilot.workspace_id:
        raise InvalidInput.field(
            ["body", "department_id"], "No department with this id in the workspace."
        )
    exists = session.exec(
        select(Involvement.id).where(
            Involvement.workspace_id == pilot.workspace_id,
            Involvement.pilot_id == pilot.id,
            Involvement.department_id == department.id,
        )
    ).first()
    if exists is not None:
        raise Conflict(f"{department.name} is already involved in this pilot.")
    involvement = Involvement(
        workspace_id=pilot.workspace_id,
        pilot_id=pilot.id,
        department_id=department.id,
        contact_name=data.get("contact_name", ""),
        stake=data.get("stake", ""),
        status=str(data.get("status") or Engagement.invited.value),
        invited_on=data.get("invited_on") or now.date(),
        engaged_on=data.get("engaged_on"),
        created_at=now,
        updated_at=now,
    )
    _engaged_date(involvement, now.date())
    session.add(involvement)
    session.flush()
    _audit(
        session,
        actor=actor,
        now=now,
        action="involvement.created",
        pilot=pilot,
        object_type="involvement",
        object_id=involvement.id,
        summary=f"{department.name} invited",
        after=_fields(involvement, INVOLVEMENT_FIELDS),
    )
    _refresh(session, pilot, now)
    return involvement, department.name


def update_involvement(
    session: Session,
    *,
    pilot: Pilot,
    involvement: Involvement,
    name: str,
    actor: Actor,
    changes: dict[str, Any],
    now: datetime,
) -> Involvement:
    before = _fields(involvement, INVOLVEMENT_FIELDS)
    if "status" in changes and changes["status"] is not None:
        changes["status"] = str(changes["status"])
    _apply(involvement, changes, not_null=("status",))
    _engaged_date(involvement, now.date())
    _touch(involvement, now)
    session.add(involvement)
    after = _fields(involvement, INVOLVEMENT_FIELDS)
    summary = (
        f"{name} is now {involvement.status}"
        if after["status"] != before["status"]
        else f"{name}'s involvement updated"
    )
    _audit(
        session,
        actor=actor,
        now=now,
        action="involvement.updated",
        pilot=pilot,
        object_type="involvement",
        object_id=involvement.id,
        summary=summary,
        before=before,
        after=after,
    )
    _refresh(session, pilot, now)
    return involvement


def delete_involvement(
    session: Session,
    *,
    pilot: Pilot,
    involvement: Involvement,
    name: str,
    actor: Actor,
    now: datetime,
) -> None:
    _audit(
        session,
        actor=actor,
        now=now,
        action="involvement.deleted",
        pilot=pilot,
        object_type="involvement",
        object_id=involvement.id,
        summary=f"{name} no longer involved",
        before=_fields(involvement, INVOLVEMENT_FIELDS),
    )
    session.delete(involvement)
    _refresh(session, pilot, now)


# --- iterations ------------------------------------------------------------------------------

ITERATION_FIELDS = (
    "number",
    "started_on",
    "ended_on",
    "changes",
    "change_order",
    "customer_feedback",
    "new_needs",
    "learnings",
)


def iteration_publics(session: Session, pilot: Pilot) -> list[IterationPublic]:
    counts = _measurement_counts(session, pilot, Measurement.iteration_id)
    rows = session.exec(
        select(Iteration)
        .where(Iteration.workspace_id == pilot.workspace_id, Iteration.pilot_id == pilot.id)
        .order_by(col(Iteration.number))
    ).all()
    return [iteration_public(i, counts.get(i.id, 0)) for i in rows]


def _measurement_counts(session: Session, pilot: Pilot, column: Any) -> dict[uuid.UUID, int]:
    return {
        key: count
        for key, count in session.exec(
            select(column, func.count())
            .where(Measurement.workspace_id == pilot.workspace_id, Measurement.pilot_id == pilot.id)
            .group_by(column)
        ).all()
        if key is not None
    }


def iteration_public(iteration: Iteration, measurement_count: int = 0) -> IterationPublic:
    return IterationPublic(
        id=iteration.id,
        number=iteration.number,
        started_on=iteration.started_on,
        ended_on=iteration.ended_on,
        changes=iteration.changes,
        change_order=iteration.change_order,
        customer_feedback=iteration.customer_feedback,
        new_needs=iteration.new_needs,
        learnings=iteration.learnings,
        measurement_count=measurement_count,
        created_at=iteration.created_at,
        updated_at=iteration.updated_at,
    )


def get_iteration(session: Session, pilot: Pilot, iteration_id: uuid.UUID) -> Iteration:
    iteration = session.exec(
        select(Iteration)
        .where(
            Iteration.workspace_id == pilot.workspace_id,
            Iteration.pilot_id == pilot.id,
            Iteration.id == iteration_id,
        )
        .with_for_update()
    ).first()
    if iteration is None:
        raise NotFound("No iteration with this id on the pilot.")
    return iteration


def iteration_measurement_count(session: Session, pilot: Pilot, iteration: Iteration) -> int:
    return int(
        session.exec(
            select(func.count()).where(
                Measurement.workspace_id == pilot.workspace_id,
                Measurement.iteration_id == iteration.id,
            )
        ).one()
    )


def add_iteration(
    session: Session, *, pilot: Pilot, actor: Actor, data: dict[str, Any], now: datetime
) -> Iteration:
    highest = session.exec(
        select(func.max(Iteration.number)).where(
            Iteration.workspace_id == pilot.workspace_id, Iteration.pilot_id == pilot.id
        )
    ).one()
    iteration = Iteration(
        workspace_id=pilot.workspace_id,
        pilot_id=pilot.id,
        number=(highest or 0) + 1,
        created_at=now,
        updated_at=now,
        **data,
    )
    session.add(iteration)
    session.flush()
    _audit(
        session,
        actor=actor,
        now=now,
        action="iteration.created",
        pilot=pilot,
        object_type="iteration",
        object_id=iteration.id,
        summary=f"Iteration {iteration.number} logged",
        after=_fields(iteration, ITERATION_FIELDS),
    )
    _refresh(session, pilot, now)
    _emit(session, pilot, EventType.iteration_created, lambda: iteration_public(iteration), now)
    return iteration


def update_iteration(
    session: Session,
    *,
    pilot: Pilot,
    iteration: Iteration,
    actor: Actor,
    changes: dict[str, Any],
    now: datetime,
) -> Iteration:
    before = _fields(iteration, ITERATION_FIELDS)
    _apply(iteration, changes, not_null=("started_on", "change_order"))
    if iteration.ended_on and iteration.ended_on < iteration.started_on:
        raise InvalidInput.field(["body", "ended_on"], "ended_on must not be before started_on.")
    _touch(iteration, now)
    session.add(iteration)
    _audit(
        session,
        actor=actor,
        now=now,
        action="iteration.updated",
        pilot=pilot,
        object_type="iteration",
        object_id=iteration.id,
        summary=f"Iteration {iteration.number} updated",
        before=before,
        after=_fields(iteration, ITERATION_FIELDS),
    )
    _refresh(session, pilot, now)
    return iteration


def delete_iteration(
    session: Session, *, pilot: Pilot, iteration: Iteration, actor: Actor, now: datetime
) -> None:
    _audit(
        session,
        actor=actor,
        now=now,
        action="iteration.deleted",
        pilot=pilot,
        object_type="iteration",
        object_id=iteration.id,
        summary=f"Iteration {iteration.number} deleted",
        before=_fields(iteration, ITERATION_FIELDS),
    )
    number = iteration.number
    session.delete(iteration)
    session.flush()
    later = session.exec(
        select(Iteration)
        .where(
            Iteration.workspace_id == pilot.workspace_id,
            Iteration.pilot_id == pilot.id,
            col(Iteration.number) > number,
        )
        .order_by(col(Iteration.number))
    ).all()
    for item in later:  # keep the numbering 1, 2, 3… without gaps
        item.number -= 1
        session.add(item)
        session.flush()
    _refresh(session, pilot, now)


# --- metrics and measurements ----------------------------------------------------------------

METRIC_FIELDS = ("name", "unit", "direction", "kind", "is_revenue", "baseline", "target")


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
        latest_value=value,
        lift=rules.lift(latest=value, baseline=metric.baseline, direction=metric.direction),
        progress=rules.progress(latest=value, baseline=metric.baseline, target=metric.target),
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


def get_metric(session: Session, pilot: Pilot, metric_id: uuid.UUID) -> Metric:
    metric = session.exec(
        select(Metric)
        .where(
            Metric.workspace_id == pilot.workspace_id,
            Metric.pilot_id == pilot.id,
            Metric.id == metric_id,
        )
        .with_for_update()
    ).first()
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


def add_metric(
    session: Session, *, pilot: Pilot, actor: Actor, data: dict[str, Any], now: datetime
) -> Metric:
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
        created_at=now,
        updated_at=now,
    )
    session.add(metric)
    session.flush()
    _audit(
        session,
        actor=actor,
        now=now,
        action="metric.created",
        pilot=pilot,
        object_type="metric",
        object_id=metric.id,
        summary=f"Metric “{metric.name}” defined",
        after=_fields(metric, METRIC_FIELDS),
    )
    _refresh(session, pilot, now)
    return metric


def update_metric(
    session: Session,
    *,
    pilot: Pilot,
    metric: Metric,
    actor: Actor,
    changes: dict[str, Any],
    now: datetime,
) -> Metric:
    before = _fields(metric, METRIC_FIELDS)
    if changes.get("is_revenue"):
        _single_revenue_metric(session, pilot, metric.id)
    values = {
        k: (str(v) if k in ("direction", "kind") and v is not None else v)
        for k, v in changes.items()
    }
    _apply(metric, values, not_null=("name", "direction", "kind", "is_revenue"))
    _touch(metric, now)
    session.add(metric)
    _audit(
        session,
        actor=actor,
        now=now,
        action="metric.updated",
        pilot=pilot,
        object_type="metric",
        object_id=metric.id,
        summary=f"Metric “{metric.name}” updated",
        before=before,
        after=_fields(metric, METRIC_FIELDS),
    )
    _refresh(session, pilot, now)
    return metric


def delete_metric(
    session: Session, *, pilot: Pilot, metric: Metric, actor: Actor, now: datetime
) -> None:
    _audit(
        session,
        actor=actor,
        now=now,
        action="metric.deleted",
        pilot=pilot,
        object_type="metric",
        object_id=metric.id,
        summary=f"Metric “{metric.name}” deleted with its measurements",
        before=_fields(metric, METRIC_FIELDS),
    )
    session.delete(metric)
    _refresh(session, pilot, now)


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
    _audit(
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
    _refresh(session, pilot, now)
    _emit(
        session, pilot, EventType.measurement_created, lambda: measurement_public(measurement), now
    )
    return measurement


# --- decisions -------------------------------------------------------------------------------


def decision_public(d: Decision) -> DecisionPublic:
    return DecisionPublic(
        id=d.id,
        kind=d.kind,
        rationale=d.rationale,
        decided_on=d.decided_on,
        decided_by=d.decided_by,
        created_at=d.created_at,
        updated_at=d.updated_at,
    )


def decision_publics(session: Session, pilot: Pilot) -> list[DecisionPublic]:
    rows = session.exec(
        select(Decision)
        .where(Decision.workspace_id == pilot.workspace_id, Decision.pilot_id == pilot.id)
        .order_by(col(Decision.decided_on), col(Decision.created_at))
    ).all()
    return [decision_public(d) for d in rows]


def record_decision(
    session: Session,
    *,
    pilot: Pilot,
    actor: Actor,
    user_id: uuid.UUID,
    data: dict[str, Any],
    now: datetime,
) -> Decision:
    decided_on = data.get("decided_on") or now.date()
    if decided_on > now.date():
        raise InvalidInput.field(
            ["body", "decided_on"], "A decision cannot be dated in the future."
        )
    decision = Decision(
        workspace_id=pilot.workspace_id,
        pilot_id=pilot.id,
        kind=str(data["kind"]),
        rationale=data["rationale"],
        decided_on=decided_on,
        decided_by=user_id,
        created_at=now,
        updated_at=now,
    )
    session.add(decision)
    session.flush()
    _audit(
        session,
        actor=actor,
        now=now,
        action="decision.recorded",
        pilot=pilot,
        object_type="decision",
        object_id=decision.id,
        summary=f"Decision: {decision.kind} — {decision.rationale[:200]}",
        after={"kind": decision.kind, "rationale": decision.rationale, "decided_on": decided_on},
    )
    _refresh(session, pilot, now)
    _emit(session, pilot, EventType.decision_recorded, lambda: decision_public(decision), now)
    return decision


# --- scale plan ------------------------------------------------------------------------------


def scale_plan_public(session: Session, pilot: Pilot) -> ScalePlanPublic:
    plan = session.exec(
        select(ScalePlan).where(
            ScalePlan.workspace_id == pilot.workspace_id, ScalePlan.pilot_id == pilot.id
        )
    ).first()
    rows = session.exec(
        select(ScalePlanItem, Department.name)
        .join(Department, col(Department.id) == col(ScalePlanItem.department_id))
        .where(ScalePlanItem.workspace_id == pilot.workspace_id, ScalePlanItem.pilot_id == pilot.id)
        .order_by(col(ScalePlanItem.position))
    ).all()
    return ScalePlanPublic(
        scope=plan.scope if plan else "",
        items=[
            ScalePlanItemPublic(
                department_id=item.department_id,
                department_name=name,
                planning_change=item.planning_change,
                resource_change=item.resource_change,
                compensation_change=item.compensation_change,
                owner_name=item.owner_name,
                due_on=item.due_on,
                status=item.status,
            )
            for item, name in rows
        ],
        updated_at=plan.updated_at if plan else None,
    )


def put_scale_plan(
    session: Session,
    *,
    pilot: Pilot,
    actor: Actor,
    scope: str,
    items: list[dict[str, Any]],
    now: datetime,
) -> None:
    involved = set(
        session.exec(
            select(Involvement.department_id).where(
                Involvement.workspace_id == pilot.workspace_id, Involvement.pilot_id == pilot.id
            )
        ).all()
    )
    seen: set[uuid.UUID] = set()
    for index, item in enumerate(items):
        department_id = item["department_id"]
        if department_id not in involved:
            raise InvalidInput.field(
                ["body", "items", index, "department_id"],
                "Only departments involved in the pilot can be in its scale plan.",
            )
        if department_id in seen:
            raise InvalidInput.field(
                ["body", "items", index, "department_id"],
                "Each department appears once in the plan.",
            )
        seen.add(department_id)
    before = scale_plan_public(session, pilot).model_dump(mode="json")
    plan = session.exec(
        select(ScalePlan)
        .where(ScalePlan.workspace_id == pilot.workspace_id, ScalePlan.pilot_id == pilot.id)
        .with_for_update()
    ).first()
    if plan is None:
        plan = ScalePlan(
            workspace_id=pilot.workspace_id, pilot_id=pilot.id, created_at=now, updated_at=now
        )
    else:
        _touch(plan, now)
    plan.scope = scope
    session.add(plan)
    for old in session.exec(
        select(ScalePlanItem).where(
            ScalePlanItem.workspace_id == pilot.workspace_id, ScalePlanItem.pilot_id == pilot.id
        )
    ).all():
        session.delete(old)
    session.flush()
    for position, item in enumerate(items):
        session.add(
            ScalePlanItem(
                workspace_id=pilot.workspace_id,
                pilot_id=pilot.id,
                position=position,
                **{**item, "status": str(item["status"])},
            )
        )
    session.flush()
    after = scale_plan_public(session, pilot).model_dump(mode="json")
    done = sum(1 for i in items if str(i["status"]) == "done")
    _audit(
        session,
        actor=actor,
        now=now,
        action="scale_plan.updated",
        pilot=pilot,
        object_type="scale_plan",
        object_id=plan.id,
        summary=f"Scale plan saved ({done} of {len(items)} items done)",
        before={"scope": before["scope"], "items": before["items"]},
        after={"scope": after["scope"], "items": after["items"]},
    )
    _refresh(session, pilot, now)
