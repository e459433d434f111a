"""The decisions executives record on a pilot (a decision satisfies a gate, it moves nothing)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from pilotboard.activity.service import Actor
from pilotboard.core.errors import InvalidInput
from pilotboard.pilots.changes import audit, touch
from pilotboard.pilots.decisions.schemas import DecisionPublic
from pilotboard.pilots.events import emit_record_event
from pilotboard.pilots.models import (
    Decision,
    Pilot,
)
from pilotboard.webhooks.models import EventType


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
