"""The customers considered for a pilot, each scored on the workspace's rubric."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from pilotboard.activity.service import Actor
from pilotboard.core.errors import Conflict, InvalidInput, NotFound
from pilotboard.customers.models import Customer
from pilotboard.pilots.candidates.schemas import CandidatePublic
from pilotboard.pilots.candidates.scoring import candidate_total
from pilotboard.pilots.changes import apply_changes, audit, fields_of, touch
from pilotboard.pilots.models import (
    Candidate,
    Pilot,
)
from pilotboard.pilots.settings import workspace_rules

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
        total=candidate_total(candidate.scores, rubric),
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
    audit(
        session,
        actor=actor,
        now=now,
        action="candidate.created",
        pilot=pilot,
        object_type="candidate",
        object_id=candidate.id,
        summary=f"{customer.name} considered as the testbed customer",
        after=fields_of(candidate, CANDIDATE_FIELDS),
    )
    touch(pilot, now)
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
    before = fields_of(candidate, CANDIDATE_FIELDS)
    if changes.get("scores") is not None:
        rubric, _ = workspace_rules(session, pilot.workspace_id)
        _check_criteria(changes["scores"], rubric)
    apply_changes(candidate, changes, not_null=("scores",))
    touch(candidate, now)
    session.add(candidate)
    audit(
        session,
        actor=actor,
        now=now,
        action="candidate.updated",
        pilot=pilot,
        object_type="candidate",
        object_id=candidate.id,
        summary="Candidate scores updated",
        before=before,
        after=fields_of(candidate, CANDIDATE_FIELDS),
    )
    touch(pilot, now)
    return candidate


def delete_candidate(
    session: Session, *, pilot: Pilot, candidate: Candidate, actor: Actor, now: datetime
) -> None:
    if pilot.customer_id == candidate.customer_id:
        raise Conflict("This candidate is the chosen customer: choose another customer first.")
    audit(
        session,
        actor=actor,
        now=now,
        action="candidate.deleted",
        pilot=pilot,
        object_type="candidate",
        object_id=candidate.id,
        summary="Candidate removed",
        before=fields_of(candidate, CANDIDATE_FIELDS),
    )
    session.delete(candidate)
    touch(pilot, now)
