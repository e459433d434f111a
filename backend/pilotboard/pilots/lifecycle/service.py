"""Moving a pilot through the lifecycle: the gate check (decided by ``rules.check_move``), the
transition and the stage history."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from pilotboard.activity.service import Actor
from pilotboard.core.errors import GateNotMet, InvalidInput
from pilotboard.pilots.changes import audit, touch
from pilotboard.pilots.events import emit_pilot_event
from pilotboard.pilots.lifecycle.facts import gate_facts
from pilotboard.pilots.lifecycle.rules import check_move
from pilotboard.pilots.lifecycle.schemas import GateCriterion, GatePublic, TransitionPublic
from pilotboard.pilots.models import Pilot, Stage, Transition
from pilotboard.pilots.settings import workspace_rules
from pilotboard.pilots.snapshot import load_records
from pilotboard.webhooks.models import EventType


def gate_check(session: Session, *, pilot: Pilot, to_stage: str, as_of: date) -> GatePublic:
    """The gate into ``to_stage`` as of ``as_of``, with the workspace's thresholds."""
    _, thresholds = workspace_rules(session, pilot.workspace_id)
    record_ = load_records(session, [pilot])[pilot.id]
    move = check_move(
        pilot.stage, pilot.paused_from, to_stage, gate_facts(record_), thresholds, as_of
    )
    return GatePublic(
        to_stage=to_stage,
        allowed=move.allowed,
        met=move.met,
        criteria=[GateCriterion(**c.as_dict()) for c in move.criteria],
        ready_on=move.ready_on,
    )


def transition(
    session: Session,
    *,
    pilot: Pilot,
    actor: Actor,
    to_stage: str,
    reason: str,
    lessons_learned: str,
    now: datetime,
) -> Pilot:
    if to_stage in (Stage.paused, Stage.stopped) and not reason.strip():
        raise InvalidInput.field(["body", "reason"], f"Say why the pilot is {to_stage}.")
    if to_stage == Stage.stopped and not lessons_learned.strip():
        raise InvalidInput.field(
            ["body", "lessons_learned"],
            "Record what was learned, so the next pilot starts from it.",
        )
    check = gate_check(session, pilot=pilot, to_stage=to_stage, as_of=now.date())
    if not check.met:
        unmet = [{"code": c.code, "message": c.message} for c in check.criteria if not c.met]
        raise GateNotMet(
            f"The pilot cannot move to {to_stage.replace('_', ' ')} yet: "
            f"{len(unmet)} criterion(s) not met.",
            unmet=unmet,
        )
    from_stage = pilot.stage
    pilot.paused_from = from_stage if to_stage == Stage.paused else None
    pilot.stage = to_stage
    pilot.stage_entered_at = now
    touch(pilot, now)
    sequence = session.exec(
        select(func.max(Transition.sequence)).where(
            Transition.workspace_id == pilot.workspace_id, Transition.pilot_id == pilot.id
        )
    ).one()
    session.add(
        Transition(
            workspace_id=pilot.workspace_id,
            pilot_id=pilot.id,
            sequence=(sequence or 0) + 1,
            from_stage=from_stage,
            to_stage=to_stage,
            reason=reason,
            lessons_learned=lessons_learned,
            actor_user_id=actor.user_id,
            occurred_at=now,
        )
    )
    audit(
        session,
        actor=actor,
        now=now,
        action="pilot.stage_changed",
        pilot=pilot,
        summary=f"Moved from {from_stage.replace('_', ' ')} to {to_stage.replace('_', ' ')}"
        + (f": {reason}" if reason else ""),
        before={"stage": from_stage},
        after={"stage": to_stage, "reason": reason, "lessons_learned": lessons_learned},
    )
    emit_pilot_event(
        session, pilot, EventType.pilot_stage_changed, now=now, previous_stage=from_stage
    )
    return pilot


def list_transitions(session: Session, *, pilot: Pilot) -> list[TransitionPublic]:
    rows = session.exec(
        select(Transition)
        .where(Transition.workspace_id == pilot.workspace_id, Transition.pilot_id == pilot.id)
        .order_by(col(Transition.sequence))
    ).all()
    return [
        TransitionPublic(
            id=t.id,
            sequence=t.sequence,
            from_stage=t.from_stage,
            to_stage=t.to_stage,
            reason=t.reason,
            lessons_learned=t.lessons_learned,
            actor_user_id=t.actor_user_id,
            occurred_at=t.occurred_at,
        )
        for t in rows
    ]
