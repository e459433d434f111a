"""The decisions executives record on a pilot (a decision satisfies a gate, it moves nothing),
and their withdrawal while the pilot is still in the stage they were recorded in."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from pilotboard.activity.service import Actor
from pilotboard.core.errors import (
    DecisionFinal,
    DecisionNotAllowed,
    DecisionWithdrawn,
    Forbidden,
    InvalidInput,
    NotFound,
)
from pilotboard.pilots.changes import audit, touch
from pilotboard.pilots.decisions.rules import (
    DECISION_EFFECTS,
    allowed_decisions,
    not_allowed_detail,
)
from pilotboard.pilots.decisions.schemas import AllowedDecision, AllowedDecisions, DecisionPublic
from pilotboard.pilots.events import emit_record_event
from pilotboard.pilots.models import (
    Decision,
    Pilot,
    Stage,
)
from pilotboard.webhooks.models import EventType


def decision_public(d: Decision) -> DecisionPublic:
    return DecisionPublic(
        id=d.id,
        kind=d.kind,
        rationale=d.rationale,
        decided_on=d.decided_on,
        decided_by=d.decided_by,
        withdrawn_at=d.withdrawn_at,
        withdrawn_by=d.withdrawn_by,
        withdraw_reason=d.withdraw_reason,
        created_at=d.created_at,
        updated_at=d.updated_at,
    )


def decision_publics(session: Session, pilot: Pilot) -> list[DecisionPublic]:
    """Every decision of the pilot, withdrawn ones included."""
    rows = session.exec(
        select(Decision)
        .where(Decision.workspace_id == pilot.workspace_id, Decision.pilot_id == pilot.id)
        .order_by(col(Decision.decided_on), col(Decision.created_at))
    ).all()
    return [decision_public(d) for d in rows]


def allowed_for(pilot: Pilot) -> AllowedDecisions:
    """The decisions the pilot's stage takes, each with what it lets the team do next."""
    return AllowedDecisions(
        stage=Stage(pilot.stage),
        allowed=[
            AllowedDecision(kind=kind, effect=DECISION_EFFECTS[kind])
            for kind in allowed_decisions(pilot.stage)
        ],
    )


def get_decision(session: Session, pilot: Pilot, decision_id: uuid.UUID) -> Decision:
    decision = session.exec(
        select(Decision)
        .where(
            Decision.workspace_id == pilot.workspace_id,
            Decision.pilot_id == pilot.id,
            Decision.id == decision_id,
        )
        .with_for_update()
    ).first()
    if decision is None:
        raise NotFound("No decision with this id on the pilot.")
    return decision


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
    kind = str(data["kind"])
    allowed = allowed_decisions(pilot.stage)
    if kind not in allowed:
        raise DecisionNotAllowed(
            not_allowed_detail(pilot.stage, kind), allowed=[k.value for k in allowed]
        )
    decision = Decision(
        workspace_id=pilot.workspace_id,
        pilot_id=pilot.id,
        kind=kind,
        rationale=data["rationale"],
        decided_on=decided_on,
        decided_by=user_id,
        created_at=now,
        updated_at=now,
    )
    session.add(decision)
    session.flush()
    audit(
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
    touch(pilot, now)
    emit_record_event(
        session, pilot, EventType.decision_recorded, lambda: decision_public(decision), now
    )
    return decision


def withdraw_decision(
    session: Session,
    *,
    pilot: Pilot,
    decision: Decision,
    actor: Actor,
    user_id: uuid.UUID,
    is_admin: bool,
    reason: str,
    now: datetime,
) -> Decision:
    """Withdraw ``decision`` (by its decider or an admin) while the pilot is still in the stage
    it was recorded in. It stays on record and, being withdrawn, counts for nothing."""
    if not is_admin and decision.decided_by != user_id:
        raise Forbidden(
            "Only the executive who recorded this decision, or an admin, can withdraw it."
        )
    if decision.withdrawn_at is not None:
        raise DecisionWithdrawn("This decision is already withdrawn.")
    if pilot.stage_entered_at > decision.created_at:
        raise DecisionFinal(
            f"The pilot has moved to `{pilot.stage}` since this decision was recorded, so it "
            "stands; record a new decision instead."
        )
    decision.withdrawn_at = now
    decision.withdrawn_by = user_id
    decision.withdraw_reason = reason
    touch(decision, now)
    session.add(decision)
    audit(
        session,
        actor=actor,
        now=now,
        action="decision.withdrawn",
        pilot=pilot,
        object_type="decision",
        object_id=decision.id,
        summary=f"Decision withdrawn: {decision.kind} — {reason[:200]}",
        before={"withdrawn_at": None},
        after={"kind": decision.kind, "withdrawn_at": now, "withdraw_reason": reason},
    )
    touch(pilot, now)
    emit_record_event(
        session, pilot, EventType.decision_withdrawn, lambda: decision_public(decision), now
    )
    return decision
