"""What the portfolio reads of each pilot's records, stored beside them (#18).

The portfolio aggregates indexes, never the records of every pilot. Three of its figures need
facts that live in a pilot's records; each pilot stores them, derived by the same step that
stores its health (``health/service.py``, :func:`refresh` rebuilding the facts), so they are
current in every transaction that changes what they come from:

- ``pilots.scale_days``: whole days from the pilot's first entry into `running` to its first
  `scale` decision (UTC calendar dates; withdrawn decisions count for nothing), null without
  both. The portfolio's median days to the scale decision walks an index of it.
- ``pilots.waiting_on``: `scale` for a pilot in `scale_review` with no `scale`, `continue`,
  `pivot` or `stop` decision since it entered the stage; `start` for a pilot in `proposed` or
  `selecting` whose gate into `running` (``lifecycle/rules.py``) is met but for the start
  decision, the engaged departments, the sponsor and the hypothesis; null otherwise.
  ``pilots.start_engaged`` is then the gate's engaged departments with a stake. The portfolio
  checks the rest as it reads, for these few pilots: the workspace's least number of engaged
  departments and its members (neither belongs to the pilot's records), and the hypothesis (the
  pilot's words: editing them re-derives nothing, see ``FACT_INPUTS`` in
  ``health/service.py``).
- ``involvements.silent_since``: the date an involvement's silence counts from (its last
  check-in, else when it was first asked), while it is `engaged` or `champion` in a pilot in a
  stage where the `department_silent` health rule applies; null otherwise. The portfolio counts
  the silent involvements as of a day on an index of it.

None is part of a version: writing them changes no ``updated_at`` and no ETag.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, inspect, select, update
from sqlalchemy.orm import Session as OrmSession
from sqlmodel import col

from pilotboard.core.derived import DERIVED
from pilotboard.pilots.health.rules import RULES_BY_CODE
from pilotboard.pilots.lifecycle.facts import gate_facts
from pilotboard.pilots.models import DecisionKind, Involvement, Pilot, Stage
from pilotboard.pilots.snapshot import ENGAGED, PilotRecord

START_STAGES = (Stage.proposed.value, Stage.selecting.value)
REVIEW_ANSWERS = (
    DecisionKind.scale.value,
    DecisionKind.continue_.value,
    DecisionKind.pivot.value,
    DecisionKind.stop.value,
)
# Where an engaged department's silence counts, as the `department_silent` rule judges it.
SILENT_STAGES = tuple(sorted(RULES_BY_CODE["department_silent"].stages))
WAITING_START, WAITING_SCALE = "start", "scale"


@dataclass(frozen=True)
class PortfolioFacts:
    scale_days: int | None = None
    waiting_on: str | None = None
    start_engaged: int | None = None


def _utc_day(moment: datetime) -> date:
    return moment.astimezone(UTC).date() if moment.tzinfo else moment.date()


def portfolio_facts(record: PilotRecord) -> PortfolioFacts:
    """A pilot's stored portfolio facts, from its loaded records (``snapshot.load_records``:
    withdrawn decisions are not among them)."""
    pilot = record.pilot
    scales = [day for kind, day in record.decisions if kind == DecisionKind.scale.value]
    first_running = record.first_running_on
    scale_days = (min(scales) - first_running).days if scales and first_running else None
    if pilot.stage == Stage.scale_review.value:
        entered = _utc_day(pilot.stage_entered_at)
        answered = any(kind in REVIEW_ANSWERS and day >= entered for kind, day in record.decisions)
        return PortfolioFacts(scale_days, None if answered else WAITING_SCALE)
    if pilot.stage in START_STAGES:
        gate = gate_facts(record)
        ready = gate.has_customer and gate.customer_metric_with_targets >= 1
        if ready and not gate.has_start_decision:
            return PortfolioFacts(scale_days, WAITING_START, gate.engaged_with_stake)
    return PortfolioFacts(scale_days)


def store_portfolio_facts(pilot: Pilot, facts: PortfolioFacts) -> None:
    """Set the pilot's columns, only those that change (an unchanged pilot stays clean)."""
    for name in ("scale_days", "waiting_on", "start_engaged"):
        value = getattr(facts, name)
        if getattr(pilot, name) != value:
            setattr(pilot, name, value)


def silent_since_expression() -> ColumnElement[Any]:
    """``involvements.silent_since`` as SQL, for the involvement row being updated."""
    stage = (
        select(col(Pilot.stage))
        .where(col(Pilot.id) == col(Involvement.pilot_id))
        .correlate(Involvement)
        .scalar_subquery()
    )
    counts = and_(col(Involvement.status).in_(ENGAGED), stage.in_(SILENT_STAGES))
    since = func.coalesce(col(Involvement.last_check_in_on), col(Involvement.first_asked_on))
    return case((counts, since), else_=None)


def sync_silent_since(
    session: OrmSession, workspace_id: uuid.UUID, pilot_ids: Collection[uuid.UUID] | None = None
) -> None:
    """Bring ``silent_since`` of the involvements of ``pilot_ids`` (every pilot of the
    workspace when None) up to date in one UPDATE that writes only the rows whose value
    changes; involvements already loaded read it again on their next access."""
    if pilot_ids is not None and not pilot_ids:
        return
    value = silent_since_expression()
    statement = update(Involvement).where(
        col(Involvement.workspace_id) == workspace_id,
        col(Involvement.silent_since).is_distinct_from(value),
    )
    if pilot_ids is not None:
        statement = statement.where(col(Involvement.pilot_id).in_(list(pilot_ids)))
    session.execute(
        statement.values(silent_since=value).execution_options(
            synchronize_session=False, **{DERIVED: True}
        )
    )
    for obj in session.identity_map.values():
        if not isinstance(obj, Involvement):
            continue
        pilot_id = inspect(obj).dict.get("pilot_id")  # never a load
        if pilot_ids is None or pilot_id is None or pilot_id in pilot_ids:
            session.expire(obj, ["silent_since"])
