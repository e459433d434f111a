"""A pilot itself: create, read, change, delete, list (its records and stage have rooms of their
own)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import bindparam, or_
from sqlmodel import Session, col, select

from pilotboard.accounts.models import User
from pilotboard.activity.service import Actor
from pilotboard.core.errors import InvalidInput, NotFound
from pilotboard.core.pagination import ListParams, SortKey, cut_page, encode_cursor, paginate_query
from pilotboard.customers.models import Customer
from pilotboard.pilots.candidates.scoring import candidate_total, derived_risk
from pilotboard.pilots.changes import audit, touch
from pilotboard.pilots.events import emit_pilot_event
from pilotboard.pilots.filters import PilotFilters, filter_conditions
from pilotboard.pilots.health.rules import evaluate_pilot
from pilotboard.pilots.models import Candidate, Pilot, Stage, Transition
from pilotboard.pilots.read import read_pilots
from pilotboard.pilots.schemas import PilotPublic
from pilotboard.pilots.settings import workspace_rules
from pilotboard.webhooks.models import EventType
from pilotboard.workspaces.models import Membership, Role


def pilot_snapshot(pilot: Pilot) -> dict[str, Any]:
    fields = (
        "title", "hypothesis", "target_outcome", "owner_id", "sponsor_id", "customer_id",
        "risk_level", "risk_rationale", "budget", "revenue_at_stake", "stage",
    )  # fmt: skip
    return {name: getattr(pilot, name) for name in fields}


# Built once (every pilot route loads its pilot; building costs more than running).
_PILOT = select(Pilot).where(
    Pilot.workspace_id == bindparam("workspace_id"), Pilot.id == bindparam("pilot_id")
)
_PILOT_FOR_UPDATE = _PILOT.with_for_update()


def get_pilot(
    session: Session, *, workspace_id: uuid.UUID, pilot_id: uuid.UUID, for_update: bool = False
) -> Pilot:
    pilot = session.exec(
        _PILOT_FOR_UPDATE if for_update else _PILOT,
        params={"workspace_id": workspace_id, "pilot_id": pilot_id},
    ).first()
    if pilot is None:
        raise NotFound("No pilot with this id.")
    return pilot


def _member_role(session: Session, workspace_id: uuid.UUID, user_id: uuid.UUID) -> str | None:
    row = session.exec(
        select(Membership.role)
        .join(User, col(User.id) == col(Membership.user_id))
        .where(
            Membership.workspace_id == workspace_id,
            Membership.user_id == user_id,
            col(User.is_active),
        )
    ).first()
    return str(row) if row is not None else None


def _check_owner(session: Session, workspace_id: uuid.UUID, owner_id: uuid.UUID) -> None:
    if _member_role(session, workspace_id, owner_id) is None:
        raise InvalidInput.field(
            ["body", "owner_id"], "The owner must be an active member of the workspace."
        )


def _check_sponsor(session: Session, workspace_id: uuid.UUID, sponsor_id: uuid.UUID | None) -> None:
    if sponsor_id is None:
        return
    if _member_role(session, workspace_id, sponsor_id) not in (Role.executive, Role.admin):
        raise InvalidInput.field(
            ["body", "sponsor_id"], "The sponsor must be a member with the executive or admin role."
        )


def create_pilot(
    session: Session,
    *,
    workspace_id: uuid.UUID,
    actor: Actor,
    user_id: uuid.UUID,
    data: dict[str, Any],
    now: datetime,
) -> Pilot:
    owner_id = data.get("owner_id") or user_id
    _check_owner(session, workspace_id, owner_id)
    _check_sponsor(session, workspace_id, data.get("sponsor_id"))
    if data.get("risk_level") and not data.get("risk_rationale"):
        raise InvalidInput.field(
            ["body", "risk_rationale"], "Explain why when you set the risk level yourself."
        )
    pilot = Pilot(
        workspace_id=workspace_id,
        title=data["title"],
        hypothesis=data.get("hypothesis") or "",
        target_outcome=str(data["target_outcome"]),
        owner_id=owner_id,
        sponsor_id=data.get("sponsor_id"),
        budget=data.get("budget"),
        revenue_at_stake=data.get("revenue_at_stake"),
        risk_level=str(data["risk_level"]) if data.get("risk_level") else None,
        risk_rationale=data.get("risk_rationale") or "",
        stage=Stage.proposed.value,
        stage_entered_at=now,
        created_at=now,
        updated_at=now,
    )
    session.add(pilot)
    session.flush()
    session.add(
        Transition(
            workspace_id=workspace_id,
            pilot_id=pilot.id,
            sequence=1,
            from_stage=None,
            to_stage=Stage.proposed.value,
            actor_user_id=actor.user_id,
            occurred_at=now,
        )
    )
    audit(
        session,
        actor=actor,
        now=now,
        action="pilot.created",
        pilot=pilot,
        summary=f"Pilot “{pilot.title}” proposed",
        after=pilot_snapshot(pilot),
    )
    emit_pilot_event(session, pilot, EventType.pilot_created, now=now)
    return pilot


def update_pilot(
    session: Session, *, pilot: Pilot, actor: Actor, changes: dict[str, Any], now: datetime
) -> Pilot:
    before = pilot_snapshot(pilot)
    for name in ("title", "target_outcome", "owner_id"):
        if name in changes and changes[name] is None:
            raise InvalidInput.field(["body", name], "This field cannot be null.")
    if "owner_id" in changes:
        _check_owner(session, pilot.workspace_id, changes["owner_id"])
    if "sponsor_id" in changes:
        _check_sponsor(session, pilot.workspace_id, changes["sponsor_id"])
    explicit_risk = changes.get("risk_level")
    rationale = changes.get("risk_rationale")
    if explicit_risk and not (rationale or "").strip():
        raise InvalidInput.field(
            ["body", "risk_rationale"], "Explain why when you set the risk level yourself."
        )
    for name, value in changes.items():
        if name in ("customer_id", "risk_level"):
            continue
        if name == "hypothesis" and value is None:
            value = ""
        if name == "risk_rationale":
            value = value or ""
        setattr(pilot, name, str(value) if name == "target_outcome" else value)
    if "customer_id" in changes:
        customer_id = changes["customer_id"]
        if customer_id is None:
            pilot.customer_id = None
            if not explicit_risk:
                pilot.risk_level = None
        else:
            candidate = session.exec(
                select(Candidate).where(
                    Candidate.workspace_id == pilot.workspace_id,
                    Candidate.pilot_id == pilot.id,
                    Candidate.customer_id == customer_id,
                )
            ).first()
            if candidate is None:
                raise InvalidInput.field(
                    ["body", "customer_id"],
                    "Choose one of the pilot's candidates: add the customer as a candidate "
                    "and score it first.",
                )
            pilot.customer_id = customer_id
            if not explicit_risk:
                customer = session.get(Customer, customer_id)
                rubric, _ = workspace_rules(session, pilot.workspace_id)
                total = candidate_total(candidate.scores, rubric)
                pilot.risk_level = derived_risk(
                    is_premier=bool(customer and customer.is_premier_account), total=total
                )
                if "risk_rationale" not in changes:
                    pilot.risk_rationale = ""
    if explicit_risk:
        pilot.risk_level = str(explicit_risk)
    elif "risk_level" in changes and changes["risk_level"] is None and "customer_id" not in changes:
        pilot.risk_level = None
    after = pilot_snapshot(pilot)
    if after != before:
        touch(pilot, now)
        changed = {k: after[k] for k in after if after[k] != before[k]}
        summary = (
            "Customer chosen"
            if "customer_id" in changed and pilot.customer_id
            else "Pilot updated: " + ", ".join(sorted(changed))
        )
        audit(
            session,
            actor=actor,
            now=now,
            action="pilot.updated",
            pilot=pilot,
            summary=summary,
            before={k: before[k] for k in changed},
            after=changed,
        )
        emit_pilot_event(session, pilot, EventType.pilot_updated, now=now, changed=sorted(changed))
    return pilot


def delete_pilot(session: Session, *, pilot: Pilot, actor: Actor, now: datetime) -> None:
    audit(
        session,
        actor=actor,
        now=now,
        action="pilot.deleted",
        pilot=pilot,
        summary=f"Pilot “{pilot.title}” deleted",
        before=pilot_snapshot(pilot),
    )
    session.delete(pilot)
    session.flush()


SORTS: dict[str, SortKey] = {
    "created_at": SortKey(columns=(col(Pilot.created_at), col(Pilot.id))),
    "-created_at": SortKey(columns=(col(Pilot.created_at), col(Pilot.id)), descending=True),
    "updated_at": SortKey(columns=(col(Pilot.updated_at), col(Pilot.id))),
    "-updated_at": SortKey(columns=(col(Pilot.updated_at), col(Pilot.id)), descending=True),
    "title": SortKey(columns=(col(Pilot.title), col(Pilot.id))),
    "-title": SortKey(columns=(col(Pilot.title), col(Pilot.id)), descending=True),
    "stage_entered_at": SortKey(columns=(col(Pilot.stage_entered_at), col(Pilot.id))),
    "-stage_entered_at": SortKey(
        columns=(col(Pilot.stage_entered_at), col(Pilot.id)), descending=True
    ),
}
_SORT_VALUES: dict[str, Callable[[Pilot], tuple[Any, ...]]] = {
    "created_at": lambda p: (p.created_at, p.id),
    "updated_at": lambda p: (p.updated_at, p.id),
    "title": lambda p: (p.title, p.id),
    "stage_entered_at": lambda p: (p.stage_entered_at, p.id),
}
SCAN_CHUNK = 500


def list_pilots(
    session: Session,
    *,
    workspace_id: uuid.UUID,
    params: ListParams,
    as_of: date,
    today: date,
    sort: str,
    filters: PilotFilters,
) -> tuple[list[PilotPublic], str | None]:
    _, thresholds = workspace_rules(session, workspace_id)
    key = SORTS[sort]
    values_of = _SORT_VALUES[sort.lstrip("-")]
    statement = select(Pilot).where(*filter_conditions(workspace_id, filters))
    health = filters.health
    if not health:
        rows = session.exec(paginate_query(statement, key, params)).all()
        page, cursor = cut_page(rows, key, params, values_of)
        return read_pilots(session, page, thresholds, as_of), cursor

    if as_of == today:
        # The stored health is exact until `health_changes_on`; rows past it are re-evaluated.
        statement = statement.where(
            or_(
                (col(Pilot.health) == health)
                & (col(Pilot.health_changes_on).is_(None) | (col(Pilot.health_changes_on) > today)),
                col(Pilot.health_changes_on) <= today,
            )
        )
    found: list[Pilot] = []
    cursor = params.cursor
    # As of today the SQL filter is already exact for nearly every row, so the first read is
    # one page; it only grows when re-evaluation drops rows (other dates, stale rows).
    chunk_size = params.limit + 1
    while True:
        chunk = session.exec(paginate_query(statement, key, ListParams(chunk_size, cursor))).all()
        rows = chunk[:chunk_size]
        for pilot in rows:
            if evaluate_pilot(pilot, thresholds, as_of).health == health:
                found.append(pilot)
                if len(found) > params.limit:
                    break
        if len(found) > params.limit or len(chunk) <= chunk_size:
            break
        cursor = encode_cursor(values_of(rows[-1]))
        chunk_size = min(SCAN_CHUNK, chunk_size * 2)
    kept = found[: params.limit]
    more = len(found) > params.limit
    cursor_out = encode_cursor(values_of(kept[-1])) if more else None
    return read_pilots(session, kept, thresholds, as_of), cursor_out
