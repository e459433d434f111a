"""The method: pilots, their records, the lifecycle and its gates, and derived health.

Every mutation ends with ``refresh(...)``, which recomputes the pilot's health facts in the same
transaction, and records itself in the activity log.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, col, select

from pilotboard.activity.service import Actor, record
from pilotboard.core.errors import GateNotMet, InvalidInput, NotFound
from pilotboard.core.pagination import ListParams, SortKey, cut_page, encode_cursor, paginate_query
from pilotboard.customers.models import Customer
from pilotboard.departments.models import Department
from pilotboard.pilots import facts as facts_module
from pilotboard.pilots import rules
from pilotboard.pilots.filters import PilotFilters, filter_conditions
from pilotboard.pilots.models import (
    Candidate,
    Involvement,
    Iteration,
    Pilot,
    Stage,
    Transition,
)
from pilotboard.pilots.schemas import (
    GateCriterion,
    GatePublic,
    HealthReason,
    PilotDepartment,
    PilotPublic,
    TransitionPublic,
)
from pilotboard.webhooks import service as webhooks
from pilotboard.webhooks.models import EventType
from pilotboard.workspaces.models import Membership, Role, WorkspaceSettings

# --- settings --------------------------------------------------------------------------------


def workspace_rules(
    session: Session, workspace_id: uuid.UUID
) -> tuple[list[dict[str, Any]], dict[str, int]]:
    """The workspace's rubric and thresholds (defaults until someone edits them)."""
    row = session.get(WorkspaceSettings, workspace_id)
    if row is None:
        return [dict(c) for c in rules.DEFAULT_RUBRIC], dict(rules.DEFAULT_THRESHOLDS)
    return list(row.rubric), {**rules.DEFAULT_THRESHOLDS, **row.thresholds}


# --- health ----------------------------------------------------------------------------------


def evaluate(pilot: Pilot, thresholds: dict[str, int], as_of: date) -> rules.HealthResult:
    """Health from the stored facts; stage and its date always come from the pilot itself."""
    facts = rules.Facts.from_json(
        {
            **pilot.health_facts,
            "stage": pilot.stage,
            "stage_entered_on": pilot.stage_entered_at.date().isoformat(),
        }
    )
    return rules.evaluate_health(facts, thresholds, as_of)


def refresh(session: Session, pilots: Sequence[Pilot], *, now: datetime) -> None:
    """Recompute the stored facts and today's health of ``pilots`` from their data."""
    if not pilots:
        return
    session.flush()
    _, thresholds = workspace_rules(session, pilots[0].workspace_id)
    records = facts_module.load_records(session, pilots)
    previous = {pilot.id: pilot.health for pilot in pilots}
    for pilot in pilots:
        facts = facts_module.health_facts(records[pilot.id])
        pilot.health_facts = facts.to_json()
        _store_health(pilot, thresholds, now.date())
        session.add(pilot)
    session.flush()
    _emit_health_changes(session, pilots, previous, now)


def emit_pilot_event(
    session: Session, pilot: Pilot, event: EventType, *, now: datetime, **extra: Any
) -> None:
    """Put a `pilot.*` webhook event in the outbox: the pilot as read today, plus ``extra``."""

    def data() -> dict[str, Any]:
        return {**read_pilot(session, pilot, now.date()).model_dump(mode="json"), **extra}

    webhooks.emit(session, workspace_id=pilot.workspace_id, type=event, now=now, data=data)


def _emit_health_changes(
    session: Session, pilots: Sequence[Pilot], previous: dict[uuid.UUID, str], now: datetime
) -> None:
    for pilot in pilots:
        if pilot.health != previous[pilot.id]:
            emit_pilot_event(
                session,
                pilot,
                EventType.pilot_health_changed,
                now=now,
                previous_health=previous[pilot.id],
            )


def refresh_due_health(session: Session, *, now: datetime, batch: int = 500) -> int:
    """The daily job: re-evaluate pilots whose stored health changes by time passing alone
    (`health_changes_on` reached), emitting `pilot.health_changed`. Idempotent: a re-evaluated
    pilot's `health_changes_on` moves past today. Returns how many pilots changed health."""
    today = now.date()
    changed = 0
    while True:
        pilots = session.exec(
            select(Pilot)
            .where(col(Pilot.health_changes_on) <= today)
            .order_by(col(Pilot.workspace_id), col(Pilot.id))
            .limit(batch)
            .with_for_update(skip_locked=True)
        ).all()
        for workspace_id in dict.fromkeys(p.workspace_id for p in pilots):
            group = [p for p in pilots if p.workspace_id == workspace_id]
            _, thresholds = workspace_rules(session, workspace_id)
            previous = {pilot.id: pilot.health for pilot in group}
            for pilot in group:
                _store_health(pilot, thresholds, today)
                session.add(pilot)
            session.flush()
            _emit_health_changes(session, group, previous, now)
            changed += sum(1 for p in group if p.health != previous[p.id])
        if len(pilots) < batch:
            return changed


def _store_health(pilot: Pilot, thresholds: dict[str, int], today: date) -> None:
    result = evaluate(pilot, thresholds, today)
    pilot.health = result.health
    pilot.health_reasons = [r.as_dict() for r in result.reasons]
    pilot.health_changes_on = result.changes_on


def refresh_workspace_health(session: Session, *, workspace_id: uuid.UUID, now: datetime) -> int:
    """Re-evaluate every pilot of a workspace from its stored facts (after a settings change)."""
    _, thresholds = workspace_rules(session, workspace_id)
    pilots = session.exec(select(Pilot).where(Pilot.workspace_id == workspace_id)).all()
    previous = {pilot.id: pilot.health for pilot in pilots}
    for pilot in pilots:
        _store_health(pilot, thresholds, now.date())
        session.add(pilot)
    session.flush()
    _emit_health_changes(session, pilots, previous, now)
    return len(pilots)


def refresh_people(
    session: Session, *, workspace_id: uuid.UUID, user_id: uuid.UUID, now: datetime
) -> None:
    """A member's role or membership changed: pilots they own or sponsor may change health."""
    pilots = session.exec(
        select(Pilot).where(
            Pilot.workspace_id == workspace_id,
            or_(col(Pilot.owner_id) == user_id, col(Pilot.sponsor_id) == user_id),
        )
    ).all()
    refresh(session, list(pilots), now=now)


def refresh_customer(
    session: Session, *, workspace_id: uuid.UUID, customer_id: uuid.UUID, now: datetime
) -> None:
    pilots = session.exec(
        select(Pilot).where(Pilot.workspace_id == workspace_id, Pilot.customer_id == customer_id)
    ).all()
    refresh(session, list(pilots), now=now)


# --- pilots ----------------------------------------------------------------------------------


def days_between(as_of: date, when: datetime) -> int:
    return (as_of - when.date()).days


@dataclass(frozen=True)
class PilotExtras:
    """What a pilot's read shows from its records rather than from its own row."""

    departments: tuple[PilotDepartment, ...] = ()
    last_iteration_on: date | None = None


def pilot_extras(session: Session, pilots: Sequence[Pilot]) -> dict[uuid.UUID, PilotExtras]:
    """The departments and latest iteration date of ``pilots`` (one workspace), in 2 queries
    whatever their number."""
    if not pilots:
        return {}
    workspace_id = pilots[0].workspace_id
    ids = [p.id for p in pilots]
    departments: dict[uuid.UUID, list[PilotDepartment]] = {pilot_id: [] for pilot_id in ids}
    for pilot_id, department_id, name, status in session.exec(
        select(Involvement.pilot_id, Department.id, Department.name, Involvement.status)
        .join(
            Department,
            (col(Department.workspace_id) == col(Involvement.workspace_id))
            & (col(Department.id) == col(Involvement.department_id)),
        )
        .where(Involvement.workspace_id == workspace_id, col(Involvement.pilot_id).in_(ids))
        .order_by(func.lower(Department.name), col(Department.name), col(Department.id))
    ).all():
        departments[pilot_id].append(
            PilotDepartment(department_id=department_id, name=name, status=status)
        )
    # An iteration counts with its end date, or its start date while it runs (ended_on is
    # never before started_on); the latest over all of them, as the health rule reads it.
    latest = dict(
        session.exec(
            select(
                Iteration.pilot_id,
                func.max(func.coalesce(col(Iteration.ended_on), col(Iteration.started_on))),
            )
            .where(Iteration.workspace_id == workspace_id, col(Iteration.pilot_id).in_(ids))
            .group_by(col(Iteration.pilot_id))
        ).all()
    )
    return {
        pilot_id: PilotExtras(tuple(departments[pilot_id]), latest.get(pilot_id))
        for pilot_id in ids
    }


def read_pilots(
    session: Session, pilots: Sequence[Pilot], thresholds: dict[str, int], as_of: date
) -> list[PilotPublic]:
    """The API's read of ``pilots`` (one workspace), in a fixed number of queries."""
    extras = pilot_extras(session, pilots)
    return [pilot_public(p, thresholds, as_of, extras=extras[p.id]) for p in pilots]


def read_pilot(session: Session, pilot: Pilot, as_of: date) -> PilotPublic:
    """The API's read of one pilot, health evaluated as of ``as_of``."""
    _, thresholds = workspace_rules(session, pilot.workspace_id)
    return read_pilots(session, [pilot], thresholds, as_of)[0]


def pilot_public(
    pilot: Pilot, thresholds: dict[str, int], as_of: date, *, extras: PilotExtras | None = None
) -> PilotPublic:
    """The pilot's read shape. Without ``extras`` (from `pilot_extras`) the departments are
    empty and `last_iteration_on` is null: API answers go through `read_pilots`."""
    extras = extras or PilotExtras()
    result = evaluate(pilot, thresholds, as_of)
    return PilotPublic(
        id=pilot.id,
        title=pilot.title,
        hypothesis=pilot.hypothesis,
        target_outcome=pilot.target_outcome,
        owner_id=pilot.owner_id,
        sponsor_id=pilot.sponsor_id,
        customer_id=pilot.customer_id,
        risk_level=pilot.risk_level,
        risk_rationale=pilot.risk_rationale,
        budget=pilot.budget,
        revenue_at_stake=pilot.revenue_at_stake,
        stage=pilot.stage,
        stage_entered_at=pilot.stage_entered_at,
        paused_from=pilot.paused_from,
        days_in_stage=max(0, days_between(as_of, pilot.stage_entered_at)),
        health=result.health,
        health_reasons=[HealthReason(**r.as_dict()) for r in result.reasons],
        departments=list(extras.departments),
        last_iteration_on=extras.last_iteration_on,
        created_at=pilot.created_at,
        updated_at=pilot.updated_at,
    )


def pilot_snapshot(pilot: Pilot) -> dict[str, Any]:
    fields = (
        "title", "hypothesis", "target_outcome", "owner_id", "sponsor_id", "customer_id",
        "risk_level", "risk_rationale", "budget", "revenue_at_stake", "stage",
    )  # fmt: skip
    return {name: getattr(pilot, name) for name in fields}


def get_pilot(
    session: Session, *, workspace_id: uuid.UUID, pilot_id: uuid.UUID, for_update: bool = False
) -> Pilot:
    statement = select(Pilot).where(Pilot.workspace_id == workspace_id, Pilot.id == pilot_id)
    if for_update:
        statement = statement.with_for_update()
    pilot = session.exec(statement).first()
    if pilot is None:
        raise NotFound("No pilot with this id.")
    return pilot


def _member_role(session: Session, workspace_id: uuid.UUID, user_id: uuid.UUID) -> str | None:
    from pilotboard.accounts.models import User

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


def _audit(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    action: str,
    pilot: Pilot,
    object_type: str = "pilot",
    object_id: uuid.UUID | None = None,
    summary: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    record(
        session,
        actor=actor,
        now=now,
        action=action,
        object_type=object_type,
        object_id=object_id or pilot.id,
        workspace_id=pilot.workspace_id,
        pilot_id=pilot.id,
        summary=summary,
        before=before,
        after=after,
    )


def _touch(record: Any, now: datetime) -> None:
    """Mark a pilot or one of its records as edited. `updated_at` moves to ``now``, or just past
    its previous value when the clock has not moved on (two edits within one clock tick, a write
    that waited for a lock, a frozen clock): every edit changes the version-based ETag."""
    previous: datetime | None = record.updated_at
    record.updated_at = (
        now if previous is None or now > previous else previous + timedelta(microseconds=1)
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
    _audit(
        session,
        actor=actor,
        now=now,
        action="pilot.created",
        pilot=pilot,
        summary=f"Pilot “{pilot.title}” proposed",
        after=pilot_snapshot(pilot),
    )
    refresh(session, [pilot], now=now)
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
                total = rules.candidate_total(candidate.scores, rubric)
                pilot.risk_level = rules.derived_risk(
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
        _touch(pilot, now)
        changed = {k: after[k] for k in after if after[k] != before[k]}
        summary = (
            "Customer chosen"
            if "customer_id" in changed and pilot.customer_id
            else "Pilot updated: " + ", ".join(sorted(changed))
        )
        _audit(
            session,
            actor=actor,
            now=now,
            action="pilot.updated",
            pilot=pilot,
            summary=summary,
            before={k: before[k] for k in changed},
            after=changed,
        )
        refresh(session, [pilot], now=now)
        emit_pilot_event(session, pilot, EventType.pilot_updated, now=now, changed=sorted(changed))
    return pilot


def delete_pilot(session: Session, *, pilot: Pilot, actor: Actor, now: datetime) -> None:
    _audit(
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
            if evaluate(pilot, thresholds, as_of).health == health:
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


# --- lifecycle -------------------------------------------------------------------------------


def _words(stage: str) -> str:
    return stage.replace("_", " ")


def gate_check(session: Session, *, pilot: Pilot, to_stage: str) -> GatePublic:
    _, thresholds = workspace_rules(session, pilot.workspace_id)
    record_ = facts_module.load_records(session, [pilot])[pilot.id]
    allowed = to_stage in rules.allowed_moves(pilot.stage, pilot.paused_from)
    criteria = rules.gate(
        to_stage,
        facts_module.gate_facts(record_),
        min_engaged=thresholds["min_engaged_departments"],
    )
    if pilot.stage == Stage.scale_review and to_stage == Stage.running:
        criteria = [
            rules.Criterion(
                "continue_or_pivot_decision",
                facts_module.continue_or_pivot_since_entry(record_),
                "An executive decided to `continue` or `pivot` since the scale review began.",
            )
        ]
    if pilot.stage == Stage.paused and to_stage == pilot.paused_from:
        criteria = []
    if not allowed:
        moves = [_words(m) for m in rules.allowed_moves(pilot.stage, pilot.paused_from)]
        criteria = [
            rules.Criterion(
                "lifecycle",
                False,
                f"A {_words(pilot.stage)} pilot cannot move to {_words(to_stage)}; "
                f"allowed next: {', '.join(moves) or 'nothing'}.",
            ),
            *criteria,
        ]
    met = allowed and all(c.met for c in criteria)
    return GatePublic(
        to_stage=to_stage,
        allowed=allowed,
        met=met,
        criteria=[GateCriterion(**c.as_dict()) for c in criteria],
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
    check = gate_check(session, pilot=pilot, to_stage=to_stage)
    if not check.met:
        unmet = [{"code": c.code, "message": c.message} for c in check.criteria if not c.met]
        raise GateNotMet(
            f"The pilot cannot move to {_words(to_stage)} yet: {len(unmet)} criterion(s) not met.",
            unmet=unmet,
        )
    from_stage = pilot.stage
    pilot.paused_from = from_stage if to_stage == Stage.paused else None
    pilot.stage = to_stage
    pilot.stage_entered_at = now
    _touch(pilot, now)
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
    _audit(
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
    refresh(session, [pilot], now=now)
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
