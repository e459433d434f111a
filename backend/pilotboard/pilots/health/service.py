"""Stored health: one entry point, :func:`refresh`, and the three ways it is called.

A pilot row stores its health facts (from its records), today's health and reasons, and
``health_changes_on``, the date on which time alone changes the answer. :func:`refresh` is the
only writer of those columns (and, rebuilding the facts, of the portfolio's facts: see
``pilots/portfolio_facts.py``), emitting ``pilot.health_changed`` for each pilot whose health
changed. It is called by:

- :class:`HealthColumns`, the deriver the app's session factory runs (``core/derived.py``):
  a pilot, or one of its records, added, changed or deleted in a transaction is refreshed in it;
- the handlers of other domains' events (:func:`subscribe`): a customer's premier flag, a
  member's role or membership, the workspace's thresholds;
- the daily job (``jobs.py``), for the pilots whose health time alone has changed.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect, or_
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import Session, col, select

from pilotboard.core.clock import Clock
from pilotboard.core.events import EventBus, publish
from pilotboard.customers.events import PremierFlagChanged
from pilotboard.pilots.checkins.models import CheckIn, CheckInRequest
from pilotboard.pilots.events import emit_pilot_event
from pilotboard.pilots.feedback.models import FeedbackLink, FeedbackResponse
from pilotboard.pilots.health.events import HealthChanged, PilotsReevaluated
from pilotboard.pilots.health.facts import health_facts
from pilotboard.pilots.health.rules import evaluate_pilot
from pilotboard.pilots.models import (
    Candidate,
    Decision,
    Involvement,
    Iteration,
    Measurement,
    Metric,
    Pilot,
    ScalePlan,
    ScalePlanItem,
    Transition,
)
from pilotboard.pilots.portfolio_facts import (
    portfolio_facts,
    store_portfolio_facts,
    sync_silent_since,
)
from pilotboard.pilots.settings import workspace_rules
from pilotboard.pilots.snapshot import load_records
from pilotboard.webhooks.models import EventType
from pilotboard.workspaces.events import MembershipChanged, ThresholdsChanged


def refresh(session: Session, pilots: Sequence[Pilot], *, now: datetime, facts: bool = True) -> int:
    """Store the health of ``pilots`` as of ``now``, first rebuilding their facts from their
    records unless ``facts`` is false (a threshold or the date changed, not the data). Emits
    `pilot.health_changed` for each whose health changed and publishes ``HealthChanged`` for it
    (unless it was never evaluated before), then ``PilotsReevaluated`` for them all; returns how
    many changed."""
    if not pilots:
        return 0
    session.flush()
    changed = 0
    by_workspace: dict[uuid.UUID, list[Pilot]] = {}
    for pilot in pilots:
        by_workspace.setdefault(pilot.workspace_id, []).append(pilot)
    for workspace_id, group in by_workspace.items():
        _, thresholds = workspace_rules(session, workspace_id)
        previous = {pilot.id: pilot.health for pilot in group}
        # A pilot never evaluated (just created or restored) gets its first health, no change.
        first = {pilot.id for pilot in group if not pilot.health_facts}
        records = load_records(session, group) if facts else {}
        for pilot in group:
            if facts:
                pilot.health_facts = health_facts(records[pilot.id]).to_json()
                store_portfolio_facts(pilot, portfolio_facts(records[pilot.id]))
            _store_health(pilot, thresholds, now.date())
            session.add(pilot)
        session.flush()
        if facts:
            # Their involvements' silence follows their stage and their check-ins.
            sync_silent_since(session, workspace_id, [pilot.id for pilot in group])
        for pilot in group:
            if pilot.health != previous[pilot.id]:
                changed += 1
                emit_pilot_event(
                    session,
                    pilot,
                    EventType.pilot_health_changed,
                    now=now,
                    previous_health=previous[pilot.id],
                )
                if pilot.id in first:
                    continue
                publish(
                    session,
                    HealthChanged(
                        workspace_id=workspace_id,
                        pilot_id=pilot.id,
                        previous=previous[pilot.id],
                        health=pilot.health,
                        now=now,
                    ),
                )
        publish(
            session,
            PilotsReevaluated(
                workspace_id=workspace_id, pilot_ids=tuple(p.id for p in group), now=now
            ),
        )
    return changed


def _store_health(pilot: Pilot, thresholds: Mapping[str, int], today: date) -> None:
    result = evaluate_pilot(pilot, thresholds, today)
    pilot.health = result.health
    pilot.health_reasons = [r.as_dict() for r in result.reasons]
    pilot.health_changes_on = result.changes_on


# --- the deriver -----------------------------------------------------------------------------

# The pilot's own columns that health is derived into (and the metric summary's): writing them
# is not a change health must follow.
DERIVED_COLUMNS = frozenset(
    {
        "health",
        "health_facts",
        "health_reasons",
        "health_changes_on",
        "revenue_latest",
        "revenue_baseline",
        "revenue_direction",
        "revenue_period",
        "metrics_progress",
        "revenue_lift",
        # The portfolio's facts (pilots/portfolio_facts.py), stored with the health facts.
        "scale_days",
        "waiting_on",
        "start_engaged",
    }
)
RECORDS = (
    Candidate,
    CheckIn,
    CheckInRequest,
    Decision,
    FeedbackLink,
    FeedbackResponse,
    Involvement,
    Iteration,
    Measurement,
    Metric,
    ScalePlan,
    ScalePlanItem,
    Transition,
)
_RECORD_TABLES = frozenset(model.__tablename__ for model in RECORDS)
_PENDING = "pilotboard.health_pending"


# The pilot's own columns its facts are derived from: its stage and the day it entered it (the
# health facts, the portfolio's facts and `evaluate_pilot`), and the customer and people the
# rules look up (`snapshot.load_records`). A change to any other column (its title, hypothesis,
# budget, risk …) leaves its health as it was and re-derives nothing: editing a pilot's words
# costs a fifth of what it did (bench/RESULTS.md, "Serving path"). `test_fact_inputs.py` changes
# every other column and checks that the facts stay the same.
FACT_INPUTS = frozenset({"stage", "stage_entered_at", "customer_id", "owner_id", "sponsor_id"})


def _pilot_changed(pilot: Pilot) -> bool:
    state = inspect(pilot)
    if state.pending or state.deleted or state.was_deleted:
        return bool(state.pending)
    return any(state.attrs[key].history.has_changes() for key in FACT_INPUTS)


class HealthColumns:
    """Refreshes, in the same transaction, every pilot that was added or changed, or one of
    whose records was added, changed or deleted."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock

    def note(self, session: OrmSession, objects: Iterable[object]) -> None:
        noted: set[tuple[uuid.UUID, uuid.UUID]] = set()
        for obj in objects:
            if isinstance(obj, Pilot):
                if _pilot_changed(obj):
                    noted.add((obj.workspace_id, obj.id))
            elif isinstance(obj, RECORDS):
                noted.add((obj.workspace_id, obj.pilot_id))
        if noted:
            session.info.setdefault(_PENDING, set()).update(noted)

    def note_bulk(self, session: OrmSession, table: str, rows: Sequence[Mapping[str, Any]]) -> None:
        if table == Pilot.__tablename__:
            pairs = {(row["workspace_id"], row["id"]) for row in rows if "id" in row}
        elif table in _RECORD_TABLES:
            pairs = {(row["workspace_id"], row["pilot_id"]) for row in rows if "pilot_id" in row}
        else:
            return
        session.info.setdefault(_PENDING, set()).update(pairs)

    def after_flush(self, session: OrmSession) -> None:
        return None

    def settle(self, session: OrmSession) -> bool:
        noted: set[tuple[uuid.UUID, uuid.UUID]] = session.info.pop(_PENDING, set())
        if not noted:
            return False
        assert isinstance(session, Session)
        ids = sorted({pilot_id for _, pilot_id in noted})
        pilots = session.exec(
            select(Pilot)
            .where(col(Pilot.id).in_(ids))
            .order_by(col(Pilot.workspace_id), col(Pilot.id))
        ).all()
        refresh(session, pilots, now=self.clock.now())
        return True


# --- what other domains tell ---------------------------------------------------------------


def _pilots(session: Session, workspace_id: uuid.UUID, *where: Any) -> list[Pilot]:
    return list(session.exec(select(Pilot).where(Pilot.workspace_id == workspace_id, *where)).all())


def on_premier_flag_changed(session: Session, event: PremierFlagChanged) -> None:
    """The premier-account rule reads the flag from the pilots' stored facts."""
    pilots = _pilots(session, event.workspace_id, col(Pilot.customer_id).in_(event.customer_ids))
    refresh(session, pilots, now=event.now)


def on_membership_changed(session: Session, event: MembershipChanged) -> None:
    """Owners and sponsors must be active members (executives or admins for a sponsor)."""
    pilots = _pilots(
        session,
        event.workspace_id,
        or_(col(Pilot.owner_id) == event.user_id, col(Pilot.sponsor_id) == event.user_id),
    )
    refresh(session, pilots, now=event.now)


def on_thresholds_changed(session: Session, event: ThresholdsChanged) -> None:
    """Every pilot of the workspace, re-evaluated from its stored facts."""
    refresh(session, _pilots(session, event.workspace_id), now=event.now, facts=False)


def subscribe(bus: EventBus) -> None:
    bus.subscribe(PremierFlagChanged, on_premier_flag_changed)  # type: ignore[arg-type]
    bus.subscribe(MembershipChanged, on_membership_changed)  # type: ignore[arg-type]
    bus.subscribe(ThresholdsChanged, on_thresholds_changed)  # type: ignore[arg-type]
