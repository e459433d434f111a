"""The iteration log: numbered 1, 2, … without gaps, each with what changed and what was learned."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from pilotboard.activity.service import Actor
from pilotboard.core.errors import InvalidInput, NotFound
from pilotboard.core.events import publish
from pilotboard.pilots.changes import apply_changes, audit, fields_of, touch
from pilotboard.pilots.events import emit_record_event
from pilotboard.pilots.feedback.models import FeedbackResponse
from pilotboard.pilots.iterations.events import IterationLogged
from pilotboard.pilots.iterations.schemas import NO_FEEDBACK, IterationFeedback, IterationPublic
from pilotboard.pilots.models import (
    Iteration,
    Measurement,
    Pilot,
)
from pilotboard.webhooks.models import EventType

ITERATION_FIELDS = (
    "number",
    "started_on",
    "ended_on",
    "changes",
    "change_order",
    "customer_feedback",
    "customer_summary",
    "new_needs",
    "learnings",
)


def iteration_publics(session: Session, pilot: Pilot) -> list[IterationPublic]:
    """The pilot's iterations in order: three queries whatever their number (the iterations,
    the measurement counts, the feedback aggregates)."""
    counts = _measurement_counts(session, pilot, Measurement.iteration_id)
    feedback = _feedback_by_iteration(session, pilot)
    rows = session.exec(
        select(Iteration)
        .where(Iteration.workspace_id == pilot.workspace_id, Iteration.pilot_id == pilot.id)
        .order_by(col(Iteration.number))
    ).all()
    return [iteration_public(i, counts.get(i.id, 0), feedback.get(i.id, NO_FEEDBACK)) for i in rows]


def _mean(value: Any) -> float | None:
    return None if value is None else round(float(value), 2)


def _feedback_by_iteration(
    session: Session, pilot: Pilot, iteration_id: uuid.UUID | None = None
) -> dict[uuid.UUID, IterationFeedback]:
    """The customer's responses per iteration of the pilot (one aggregate query); only
    ``iteration_id``'s when given."""
    statement = select(
        FeedbackResponse.iteration_id,
        func.count(),
        func.avg(FeedbackResponse.difference),
        func.avg(FeedbackResponse.effort),
    ).where(
        FeedbackResponse.workspace_id == pilot.workspace_id,
        FeedbackResponse.pilot_id == pilot.id,
        col(FeedbackResponse.iteration_id).is_not(None),
    )
    if iteration_id is not None:
        statement = statement.where(FeedbackResponse.iteration_id == iteration_id)
    return {
        key: IterationFeedback(
            responses=int(count), difference_mean=_mean(difference), effort_mean=_mean(effort)
        )
        for key, count, difference, effort in session.exec(
            statement.group_by(col(FeedbackResponse.iteration_id))
        ).all()
        if key is not None
    }


def iteration_feedback(session: Session, pilot: Pilot, iteration: Iteration) -> IterationFeedback:
    return _feedback_by_iteration(session, pilot, iteration.id).get(iteration.id, NO_FEEDBACK)


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


def iteration_public(
    iteration: Iteration,
    measurement_count: int = 0,
    feedback: IterationFeedback = NO_FEEDBACK,
) -> IterationPublic:
    return IterationPublic(
        id=iteration.id,
        number=iteration.number,
        started_on=iteration.started_on,
        ended_on=iteration.ended_on,
        changes=iteration.changes,
        change_order=iteration.change_order,
        customer_feedback=iteration.customer_feedback,
        customer_summary=iteration.customer_summary,
        new_needs=iteration.new_needs,
        learnings=iteration.learnings,
        measurement_count=measurement_count,
        feedback=feedback,
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
    audit(
        session,
        actor=actor,
        now=now,
        action="iteration.created",
        pilot=pilot,
        object_type="iteration",
        object_id=iteration.id,
        summary=f"Iteration {iteration.number} logged",
        after=fields_of(iteration, ITERATION_FIELDS),
    )
    touch(pilot, now)
    emit_record_event(
        session, pilot, EventType.iteration_created, lambda: iteration_public(iteration), now
    )
    publish(session, IterationLogged(pilot.workspace_id, pilot.id, iteration.id, now))
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
    before = fields_of(iteration, ITERATION_FIELDS)
    apply_changes(iteration, changes, not_null=("started_on", "change_order"))
    if iteration.ended_on and iteration.ended_on < iteration.started_on:
        raise InvalidInput.field(["body", "ended_on"], "ended_on must not be before started_on.")
    touch(iteration, now)
    session.add(iteration)
    audit(
        session,
        actor=actor,
        now=now,
        action="iteration.updated",
        pilot=pilot,
        object_type="iteration",
        object_id=iteration.id,
        summary=f"Iteration {iteration.number} updated",
        before=before,
        after=fields_of(iteration, ITERATION_FIELDS),
    )
    touch(pilot, now)
    return iteration


def delete_iteration(
    session: Session, *, pilot: Pilot, iteration: Iteration, actor: Actor, now: datetime
) -> None:
    audit(
        session,
        actor=actor,
        now=now,
        action="iteration.deleted",
        pilot=pilot,
        object_type="iteration",
        object_id=iteration.id,
        summary=f"Iteration {iteration.number} deleted",
        before=fields_of(iteration, ITERATION_FIELDS),
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
    touch(pilot, now)
