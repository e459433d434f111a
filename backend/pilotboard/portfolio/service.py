"""The executive portfolio, in a fixed number of SQL statements whatever the number of pilots,
each an aggregate or a page: Python handles only the rows the document prints (at most 300
chart marks, 50 attention items, 50 decisions waiting), the compact rows of the other decisions
waiting (hashed for the `ETag`, never made into items) and the few pilots whose stored health
is stale. So the cost of a read grows with what it shows; what it aggregates is read off
``ix_pilots_portfolio``, the covering index of each pilot's compact facts (stage, entry, health,
the metric summary, stake, risk), never off the pilot rows, which their health facts make wide.
What lives in a pilot's records is stored beside them too (``pilots/portfolio_facts.py``, kept
current with its health) and read off indexes of its own, by range or by a walk to the middle:
the revenue lift, the days to the scale decision, what the pilot waits on, and when each
involvement's silence began; no statement reads the decisions, transitions, metrics or
involvement rows of every pilot.

Health as of a day (``Judged``): a pilot stores its health, exact until ``health_changes_on``
(``pilots/health/rules.py``). The stale ones (``stale_condition``) are re-evaluated with the
pure rules from their stored facts (through ``HealthMemo``), and the result enters SQL as
``health_expression``: stored health, overridden for the few that moved. Every figure, the
health filter included, is SQL over that expression; only the attention page's items are
evaluated again, for the day counts of their reasons.

The statements (``?format=csv`` runs only ``pilot_rows_statement``, with names joined in):
thresholds; the stale pilots; the groups (counts, stakes and gains by stage, health, risk and
progress band: the totals, the stages and the bins), summed off the workspace's rollup
(``rollup.py``: a few hundred rows that triggers on ``pilots`` keep current, whatever the number
of pilots) with the stale pilots moved to their health of the day, or counted over the pilots
by ``groups_statement`` for a filter the rollup does not carry (owner, department, engagement,
words); ``lifts_statement`` (the median
lift, a walk to the middle of the stored lifts); ``time_in_stage_statement`` (a walk to the
middle of each stage along the index); the marks (``points_statement``, the first 300 by
importance); the attention page; the decisions waiting (``waiting_statement``, a range of the
stored ``waiting_on``, in the order of their list: the first 50 printed, the rest counted and
hashed); the departments' heatmap (``departments_statement``: the involvements'
status counts off their index, the silent ones a range of the stored ``silent_since``); the
median days to the scale decision (``scale_days_statement``, a walk to the middle).
"""

from __future__ import annotations

import hashlib
import statistics
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import orjson
from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Connection,
    Engine,
    Float,
    Select,
    String,
    and_,
    bindparam,
    case,
    cast,
    delete,
    func,
    insert,
    literal,
    or_,
    select,
    union_all,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from pilotboard.accounts.models import User
from pilotboard.core.db import WRITE_INTENT
from pilotboard.core.errors import InvalidInput
from pilotboard.core.pagination import decode_cursor, encode_cursor
from pilotboard.customers.models import Customer
from pilotboard.departments.models import Department
from pilotboard.pilots.filters import PilotFilters, filter_conditions
from pilotboard.pilots.health import rules
from pilotboard.pilots.metrics import figures
from pilotboard.pilots.models import (
    ACTIVE_STAGES,
    LIFECYCLE,
    PERIODS_PER_YEAR,
    DecisionKind,
    Engagement,
    Health,
    Involvement,
    Iteration,
    Pilot,
    RevenuePeriod,
    Stage,
)
from pilotboard.pilots.portfolio_facts import WAITING_SCALE, WAITING_START
from pilotboard.pilots.settings import workspace_rules
from pilotboard.pilots.snapshot import SPONSOR_ROLES
from pilotboard.portfolio import rollup
from pilotboard.portfolio.models import DepartmentEngagement, PortfolioGroup
from pilotboard.portfolio.sql import EPOCH_ORDINAL, day_number, serial_plans
from pilotboard.workspaces.models import Membership

EVALUATED_STAGES = tuple(s.value for s in LIFECYCLE if s in ACTIVE_STAGES)
STAGE_ORDER = (*(s.value for s in LIFECYCLE), Stage.paused.value, Stage.stopped.value)
CLOSED = frozenset({Stage.adopted.value, Stage.stopped.value})
TIMED_STAGES = (*EVALUATED_STAGES, Stage.paused.value)
GAIN_STAGES = frozenset({Stage.scaling.value, Stage.adopted.value})
SEVERITY = {Health.stalled.value: 0, Health.at_risk.value: 1}
SEVERITY_ORDER = (Health.stalled.value, Health.at_risk.value, Health.on_track.value)
ON_TRACK = Health.on_track.value
STOPPED = Stage.stopped.value
SCALE_REVIEW = Stage.scale_review.value
START, SCALE = DecisionKind.start.value, DecisionKind.scale.value
YEAR = RevenuePeriod.year.value
DEPARTMENT_SEPARATOR = "\x1f"
STATES = tuple(e.value for e in Engagement)


@dataclass(frozen=True)
class Scope:
    """The matching pilots, as SQL: the filters, plus the health filter once health is known."""

    workspace_id: uuid.UUID
    conditions: tuple[ColumnElement[bool], ...]
    narrowed: bool

    @classmethod
    def of(cls, workspace_id: uuid.UUID, filters: PilotFilters) -> Scope:
        return cls(workspace_id, tuple(filter_conditions(workspace_id, filters)), filters.narrows)

    def restrict(self, pilot_id: Any) -> list[ColumnElement[bool]]:
        """Conditions that keep a child table's rows to the matching pilots (none when every
        pilot of the workspace matches)."""
        if not self.narrowed:
            return []
        return [pilot_id.in_(select(col(Pilot.id)).where(*self.conditions))]

    def narrow(self, condition: ColumnElement[bool]) -> Scope:
        return Scope(self.workspace_id, (*self.conditions, condition), narrowed=True)


# --- one row per pilot -----------------------------------------------------------------------


@dataclass(slots=True)
class PilotFigures:
    id: str  # the canonical text form
    title: str
    stage: str
    risk_level: str | None
    revenue_at_stake: float | None
    days_in_stage: int
    health: str
    reasons: list[rules.Reason]
    revenue_lift: float | None
    revenue_gain: float | None
    progress: float | None
    criteria_changed: bool


def pilot_rows_statement(scope: Scope, as_of: date, extra: Sequence[Any] = ()) -> Select[Any]:
    """One row per matching pilot, by title, with its metric summary and, for the pilots
    whose health is re-evaluated, the stored facts."""
    to_evaluate = and_(
        col(Pilot.stage).in_(EVALUATED_STAGES),
        or_(
            col(Pilot.health) != Health.on_track.value,
            col(Pilot.health_changes_on) <= as_of,
        ),
    )
    return (
        select(
            # As text: 50,000 uuid.UUID objects only to print them again cost tens of ms.
            cast(col(Pilot.id), String).label("id"),
            col(Pilot.title),
            col(Pilot.stage),
            col(Pilot.risk_level),
            col(Pilot.revenue_at_stake),
            day_number(col(Pilot.stage_entered_at)).label("entered_day"),
            # Read (and parsed) only for the pilots whose health is re-evaluated; as text, the
            # same on both engines, parsed by _health.
            case((to_evaluate, cast(col(Pilot.health_facts), String))).label("facts"),
            col(Pilot.revenue_latest),
            col(Pilot.revenue_baseline),
            col(Pilot.revenue_direction),
            col(Pilot.metrics_progress),
            col(Pilot.revenue_period),
            col(Pilot.criteria_changed),
            *extra,
        )
        .where(*scope.conditions)
        .order_by(col(Pilot.title), col(Pilot.id))
    )


def _id_text(value: str) -> str:
    """SQLite stores a UUID as 32 hex digits, PostgreSQL prints it with dashes."""
    if len(value) == 32:
        return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"
    return value


# Health, its reasons, and the reasons as the document prints them: a tuple, shared by every
# document that uses it (orjson writes it as an array), so no caller can change it for the next.
Evaluated = tuple[str, tuple[rules.Reason, ...], tuple[dict[str, str], ...]]
_NOT_EVALUATED: Evaluated = (ON_TRACK, (), ())


class HealthMemo:
    """Health re-evaluations, remembered between requests.

    ``rules.evaluate_health`` is a pure function of the stored facts, the stage, the day it was
    entered, the thresholds and ``as_of``, so the key is exactly those: the next request (a
    reload, another filter) reuses the result instead of parsing and evaluating the facts of
    thousands of flagged pilots again, and any change to a pilot changes its facts or stage and
    so its key. Shared by the threads of the process (single dict operations, atomic under the
    GIL; the values are never mutated). Bounded: emptied when it reaches ``limit`` entries
    (about 1 KB each; a 50,000-pilot workspace has ~16,000 flagged pilots)."""

    def __init__(self, limit: int = 25_000) -> None:
        self.limit = limit
        self._results: dict[tuple[Any, ...], Evaluated] = {}

    def evaluate(
        self,
        stored_facts: str | None,
        stage: str,
        entered_day: int,
        thresholds: dict[str, int],
        thresholds_key: tuple[tuple[str, int], ...],
        as_of: date,
    ) -> Evaluated:
        """Health, reasons and the reasons as the portfolio prints them, as of ``as_of``:
        re-evaluated from the stored facts (JSON text) when query 1 returned them, plainly on
        track otherwise."""
        if stored_facts is None:
            return _NOT_EVALUATED
        key = (stored_facts, stage, entered_day, thresholds_key, as_of)
        known = self._results.get(key)
        if known is not None:
            return known
        entered_on = date.fromordinal(EPOCH_ORDINAL + entered_day)
        facts = rules.Facts.from_json(
            orjson.loads(stored_facts), stage=stage, stage_entered_on=entered_on
        )
        result = rules.evaluate_health(facts, thresholds, as_of)
        reasons = tuple(result.reasons)
        evaluated = (
            result.health,
            reasons,
            tuple({"code": r.code, "severity": r.severity, "message": r.message} for r in reasons),
        )
        if len(self._results) >= self.limit:
            self._results.clear()
        self._results[key] = evaluated
        return evaluated

    def clear(self) -> None:
        self._results.clear()


def _thresholds_key(thresholds: dict[str, int]) -> tuple[tuple[str, int], ...]:
    return tuple(sorted(thresholds.items()))


def _figures(row: Any, thresholds: dict[str, int], as_of: date, memo: HealthMemo) -> PilotFigures:
    (pilot_id, title, stage, risk_level, stake, entered_day, stored_facts, latest, baseline,
     direction, progress, period, criteria_changed) = row[:13]  # fmt: skip
    health, reasons, _ = memo.evaluate(
        stored_facts, stage, entered_day, thresholds, _thresholds_key(thresholds), as_of
    )
    return PilotFigures(
        id=_id_text(pilot_id),
        title=title,
        stage=stage,
        risk_level=risk_level,
        revenue_at_stake=stake,
        days_in_stage=max(0, as_of.toordinal() - EPOCH_ORDINAL - entered_day),
        health=health,
        reasons=list(reasons),
        revenue_lift=figures.lift(latest=latest, baseline=baseline, direction=direction),
        revenue_gain=annual_gain(latest, baseline, period),
        progress=round(progress, 6) if progress is not None else None,
        criteria_changed=bool(criteria_changed),
    )


def annual_gain(latest: float | None, baseline: float | None, period: str | None) -> float | None:
    """The revenue gain per year: latest - baseline of the revenue metric, times the periods of
    its values in a year (a monthly metric's gain times 12)."""
    if latest is None or baseline is None:
        return None
    return (latest - baseline) * PERIODS_PER_YEAR.get(period or YEAR, 1)


def _rows(session: Session, statement: Select[Any]) -> Iterator[Any]:
    """The rows of ``statement``, fetched a thousand at a time: nothing per pilot outlives its
    turn unless the caller keeps it (the rows of 50,000 pilots would otherwise all be alive at
    once), without a driver call per row."""
    for rows in session.connection().execute(statement).partitions(1000):
        yield from rows


def _plain_rows(session: Session, statement: Select[Any]) -> Iterator[tuple[Any, ...]]:
    """As ``_rows``, for a statement whose every column is plain text, an integer or a float on
    both engines (``pilot_rows_statement`` without extras): the driver's own tuples, without
    SQLAlchemy's per-row Row objects and type processing, a third of the fetch time at 10,000
    pilots."""
    result = session.connection().execute(statement)
    try:
        cursor = result.cursor
        while rows := cursor.fetchmany(1000):
            yield from rows
    finally:
        result.close()


# --- aggregates over child tables ------------------------------------------------------------


def departments_statement(scope: Scope, as_of: date, silence_days: int) -> Select[Any]:
    """Per department of the workspace (by name): its involvements in the matching pilots,
    counted by engagement status (off the rollup when every pilot matches), and how many of
    them are *silent* as of ``as_of``: `engaged` or `champion` in a pilot that is `running` or
    in `scale_review`, whose last check-in (or, before any, first request) is more than
    ``silence_days`` days old, as the `department_silent` health rule judges it. Those are the
    involvements whose stored ``silent_since`` (``pilots/portfolio_facts.py``) is before the
    cutoff: a range of its index, so only the silent ones are read."""
    status = col(Involvement.status)
    mine = [
        col(Involvement.workspace_id) == scope.workspace_id,
        *scope.restrict(col(Involvement.pilot_id)),
    ]
    if scope.narrowed:
        # The involvements alone, with no join to the pilots: the pilots a filter keeps are
        # read off the portfolio's index by `IN`.
        counts = (
            select(
                col(Involvement.department_id).label("department_id"),
                *(func.sum(case((status == state, 1), else_=0)).label(state) for state in STATES),
            )
            .where(*mine)
            .group_by(col(Involvement.department_id))
            .subquery("counts")
        )
    else:
        # Every involvement of the workspace: its rollup by department and status, a few
        # rows per department whatever the number of pilots (``rollup.py``).
        rolled = col(DepartmentEngagement.status)
        involvements = col(DepartmentEngagement.involvements)
        counts = (
            select(
                col(DepartmentEngagement.department_id).label("department_id"),
                *(
                    func.sum(case((rolled == state, involvements), else_=0)).label(state)
                    for state in STATES
                ),
            )
            .where(col(DepartmentEngagement.workspace_id) == scope.workspace_id)
            .group_by(col(DepartmentEngagement.department_id))
            .subquery("counts")
        )
    silent = (
        select(
            col(Involvement.department_id).label("department_id"),
            func.count().label("silent"),
        )
        .where(*mine, col(Involvement.silent_since) < as_of - timedelta(days=silence_days))
        .group_by(col(Involvement.department_id))
        .subquery("silent")
    )
    return (
        select(
            col(Department.id),
            col(Department.name),
            *(counts.c[s] for s in STATES),
            silent.c.silent,
        )
        .outerjoin(counts, counts.c.department_id == col(Department.id))
        .outerjoin(silent, silent.c.department_id == col(Department.id))
        .where(col(Department.workspace_id) == scope.workspace_id)
        .order_by(col(Department.name), col(Department.id))
    )


def _departments(
    session: Session, scope: Scope, as_of: date, thresholds: dict[str, int]
) -> list[dict[str, Any]]:
    result = []
    statement = departments_statement(scope, as_of, thresholds["department_silence_days"])
    for department_id, name, *values in session.connection().execute(statement):
        *by_state, silent_count = (int(v or 0) for v in values)
        count = dict(zip(STATES, by_state, strict=True))
        total = sum(count.values())
        indifferent = (
            count[Engagement.invited.value] + count[Engagement.declined.value] + silent_count
        )
        index = round(indifferent / total, 6) if total else None
        result.append(
            {
                "department_id": str(department_id),
                "name": name,
                **count,
                "silent": silent_count,
                "indifference_index": index,
                "flagged": index is not None and index >= 0.5 and total >= 2,
            }
        )
    return result


def scale_days_statement(scope: Scope) -> Select[Any]:
    """The median whole days from a pilot's first entry into `running` to its first `scale`
    decision, over the matching pilots that have both: the middle one or two of their stored
    ``scale_days`` (``pilots/portfolio_facts.py``), a walk to the middle of its index."""
    days = col(Pilot.scale_days)
    having = (*scope.conditions, days.is_not(None))
    count = select(func.count()).where(*having).scalar_subquery()
    middle = (
        select(days.label("value"))
        .where(*having)
        .order_by(days)
        .offset((count - 1) // 2)
        .limit(2 - count % 2)
        .subquery("middle")
    )
    return select(func.avg(cast(middle.c.value, Float)))


def _median_days_to_scale_decision(session: Session, scope: Scope) -> float | None:
    median = session.connection().execute(scale_days_statement(scope)).scalar_one()
    return float(median) if median is not None else None


def columns(*selected: Any) -> Select[Any]:
    """``select``, typed for statements of many columns."""
    return select(*selected)


# --- health as of a day, in SQL --------------------------------------------------------------


def stale_condition(as_of: date, today: date) -> ColumnElement[bool]:
    """The active pilots whose stored health may not be their health as of ``as_of``.

    A pilot's health is stored as evaluated on a day no later than ``today`` (every change to
    its data refreshes it, the daily job refreshes those whose ``health_changes_on`` came) and
    holds, by the rules' own account, until ``health_changes_on``. So as of today or later only
    the pilots whose health changes on or before ``as_of`` are stale; before today, so is every
    flagged one (what it is now is not what it was then)."""
    stale: ColumnElement[bool] = col(Pilot.health_changes_on) <= as_of
    if as_of < today:
        stale = or_(col(Pilot.health) != ON_TRACK, stale)
    return and_(col(Pilot.stage).in_(EVALUATED_STAGES), stale)


def stale_statement(scope: Scope, as_of: date, today: date) -> Select[Any]:
    """The stale matching pilots, with what their re-evaluation needs (the facts as text):
    found on the portfolio's index, then only their rows read."""
    stale = select(col(Pilot.id)).where(*scope.conditions, stale_condition(as_of, today))
    return columns(
        cast(col(Pilot.id), String).label("id"),
        col(Pilot.health),
        col(Pilot.stage),
        day_number(col(Pilot.stage_entered_at)).label("entered_day"),
        cast(col(Pilot.health_facts), String).label("facts"),
        # What the pilot adds to its group (``groups_statement``), for the rollup's reader.
        col(Pilot.risk_level),
        progress_band_expression().label("band"),
        func.coalesce(col(Pilot.revenue_at_stake), 0.0).label("stake"),
        gain_expression().label("gain"),
        case((lift_known(), literal(1)), else_=literal(0)).label("lift"),
    ).where(col(Pilot.id).in_(stale.correlate(None)))


def health_expression(moved: dict[str, list[uuid.UUID]]) -> ColumnElement[str]:
    """A pilot's health as of the day, as SQL: on track outside the evaluated stages, the new
    health of the stale pilots whose health moved (``moved``, by new health), the stored health
    otherwise. The ids are rendered inline: a list can be longer than a statement's parameter
    limit."""
    whens: list[tuple[ColumnElement[bool], Any]] = [
        (col(Pilot.stage).not_in(EVALUATED_STAGES), literal(ON_TRACK))
    ]
    for health, ids in sorted(moved.items()):
        whens.append((col(Pilot.id).in_(_inline(f"moved_{health}", ids)), literal(health)))
    return case(*whens, else_=col(Pilot.health))


@dataclass(frozen=True)
class Judged:
    """The matching pilots as of a day: their health as SQL, the scope with the health filter
    applied, and what judging them needs again for the reasons of the few it prints."""

    scope: Scope
    health: ColumnElement[str]
    as_of: date
    today_number: int  # as_of as a day number
    thresholds: dict[str, int]
    memo: HealthMemo
    # The pilots whose health moved, each as (its id, its group with its stored health, its
    # figures, its new health): ``rollup_groups`` and ``first_marks_statement`` move them.
    moved: tuple[tuple[uuid.UUID, rollup.GroupKey, rollup.Figures, str], ...] = ()

    @classmethod
    def of(
        cls,
        session: Session,
        *,
        workspace_id: uuid.UUID,
        filters: PilotFilters,
        as_of: date,
        today: date,
        memo: HealthMemo,
    ) -> Judged:
        """Two statements (three on PostgreSQL, which first turns parallel plans off for the
        transaction: `serial_plans`): the workspace's thresholds, and the stale pilots,
        re-evaluated here (through ``memo``); every other pilot's stored health stands."""
        serial_plans(session)
        _, thresholds = workspace_rules(session, workspace_id)
        scope = Scope.of(workspace_id, filters)
        key = _thresholds_key(thresholds)
        moved: dict[str, list[uuid.UUID]] = {}
        groups = []
        for (
            pilot_id, stored, stage, entered_day, facts, risk_level, band, stake, gain, lift
        ) in session.connection().execute(stale_statement(scope, as_of, today)):  # fmt: skip
            health = memo.evaluate(facts, stage, entered_day, thresholds, key, as_of)[0]
            if health != stored:
                moved_id = uuid.UUID(_id_text(pilot_id))
                moved.setdefault(health, []).append(moved_id)
                contribution = (1, float(stake), float(gain), lift)
                groups.append((moved_id, (stage, stored, risk_level, band), contribution, health))
        expression = health_expression(moved)
        if filters.health is not None:
            scope = scope.narrow(expression == filters.health)
        today_number = as_of.toordinal() - EPOCH_ORDINAL
        return cls(scope, expression, as_of, today_number, thresholds, memo, tuple(groups))

    @property
    def in_stage(self) -> ColumnElement[int]:
        """Whole days in the current stage as of the day (0 for a stage entered later)."""
        entered = day_number(col(Pilot.stage_entered_at))
        today = literal(self.today_number)
        return case((entered < today, today - entered), else_=literal(0))

    def reasons(self, facts: str | None, stage: str, entered_day: int) -> Evaluated:
        return self.memo.evaluate(
            facts, stage, entered_day, self.thresholds, _thresholds_key(self.thresholds), self.as_of
        )


def after(keys: Sequence[tuple[Any, bool]], values: Sequence[Any]) -> Any:
    """Rows strictly after ``values`` in the order of ``keys`` ((expression, descending) each),
    as one condition: a > x or (a = x and (b > y or …))."""
    (expression, descending), value = keys[0], values[0]
    beyond = expression < value if descending else expression > value
    if len(keys) == 1:
        return beyond
    return or_(beyond, and_(expression == value, after(keys[1:], values[1:])))


def gain_expression() -> ColumnElement[float]:
    """``annual_gain`` in SQL, counted for pilots scaling or adopted only (0 otherwise)."""
    latest, baseline = col(Pilot.revenue_latest), col(Pilot.revenue_baseline)
    per_year = case(PERIODS_PER_YEAR, value=col(Pilot.revenue_period), else_=literal(1))
    counted = and_(col(Pilot.stage).in_(GAIN_STAGES), latest.is_not(None), baseline.is_not(None))
    return case((counted, (latest - baseline) * per_year), else_=literal(0.0))


def progress_band_expression() -> ColumnElement[str]:
    progress = col(Pilot.metrics_progress)
    return case(
        (progress.is_(None), literal("none")),
        (progress >= 1.0, literal("100+")),
        (progress < 0.25, literal("0-25")),
        (progress < 0.5, literal("25-50")),
        (progress < 0.75, literal("50-75")),
        else_=literal("75-100"),
    )


# --- the statements --------------------------------------------------------------------------


def groups_statement(judged: Judged) -> Select[Any]:
    """The matching pilots counted by stage, health, risk level and progress band, with their
    revenue at stake and annual gain: the totals, the stages and (less the marks) the bins
    are all sums of these few hundred groups at most."""
    rows = (
        columns(
            col(Pilot.stage).label("stage"),
            judged.health.label("health"),
            col(Pilot.risk_level).label("risk_level"),
            progress_band_expression().label("band"),
            col(Pilot.revenue_at_stake).label("stake"),
            gain_expression().label("gain"),
            case((lift_known(), literal(1))).label("lift"),
        )
        .where(*judged.scope.conditions)
        .subquery("judged")
    )
    return columns(
        rows.c.stage,
        rows.c.health,
        rows.c.risk_level,
        rows.c.band,
        func.count(),
        func.sum(rows.c.stake),
        func.sum(rows.c.gain),
        func.count(rows.c.lift),
    ).group_by(rows.c.stage, rows.c.health, rows.c.risk_level, rows.c.band)


def rolled_up(filters: PilotFilters) -> bool:
    """Whether the groups can be read off the rollup (``rollup_groups``): its groups carry the
    stage, the health and the risk level, but not the owner, the departments or the words."""
    return (
        filters.owner_id is None
        and filters.department_id is None
        and filters.engagement is None
        and not filters.q
    )


def rollup_groups(
    connection: Connection, judged: Judged, filters: PilotFilters
) -> tuple[list[tuple[Any, ...]], bool]:
    """What ``groups_statement`` returns, off the workspace's rollup (``rollup.py``), for
    filters that ``rolled_up``: its groups with the health as of the day (on track outside the
    evaluated stages, the moved pilots in their new health's group), then the filters. And
    whether any pilot outside the evaluated stages is stored with a health other than on track
    (none is, unless written around the rules: ``first_marks_statement`` then looks for it)."""
    groups: dict[rollup.GroupKey, list[Any]] = {}
    misfiled = False

    def add(key: rollup.GroupKey, sums: rollup.Figures, sign: int) -> None:
        into = groups.setdefault(key, [0, 0.0, 0.0, 0])
        for i, value in enumerate(sums):
            into[i] += sign * value

    for (stage, health, risk_level, band), sums in rollup.read(
        connection, judged.scope.workspace_id
    ).items():
        judged_health = health if stage in EVALUATED_STAGES else ON_TRACK
        misfiled = misfiled or judged_health != health
        add((stage, judged_health, risk_level, band), sums, 1)
    for _, (stage, stored, risk_level, band), sums, health in judged.moved:
        add((stage, stored, risk_level, band), sums, -1)
        add((stage, health, risk_level, band), sums, 1)
    wanted = {0: filters.stage, 1: filters.health, 2: filters.risk_level}
    rows = [
        (*key, *sums)
        for key, sums in groups.items()
        if sums[0] and all(value is None or key[i] == value for i, value in wanted.items())
    ]
    return rows, misfiled


def rebuild_rollup(session: Session, workspace_id: uuid.UUID) -> int:
    """Count the workspace's rollups again, one row per group of its pilots and per department
    and status of its involvements (for rows written with the triggers off: a bulk load as
    ``session_replication_role = replica``); returns how many groups of pilots."""
    connection = session.connection()
    table = PortfolioGroup.__table__  # type: ignore[attr-defined]
    connection.execute(delete(table).where(table.c.workspace_id == workspace_id))
    band = progress_band_expression()
    grouped = (
        columns(
            col(Pilot.workspace_id),
            col(Pilot.stage),
            col(Pilot.health),
            col(Pilot.risk_level),
            band,
            func.count(),
            func.coalesce(func.sum(col(Pilot.revenue_at_stake)), 0.0),
            func.sum(gain_expression()),
            func.count(case((lift_known(), literal(1)))),
        )
        .where(col(Pilot.workspace_id) == workspace_id)
        .group_by(
            col(Pilot.workspace_id),
            col(Pilot.stage),
            col(Pilot.health),
            col(Pilot.risk_level),
            band,
        )
    )
    names = ["workspace_id", "stage", "health", "risk_level", "band", "pilots", "stake", "gain"]
    connection.execute(insert(table).from_select([*names, "lifts"], grouped))
    # And the departments' engagements.
    engagements = DepartmentEngagement.__table__  # type: ignore[attr-defined]
    connection.execute(delete(engagements).where(engagements.c.workspace_id == workspace_id))
    key = (col(Involvement.workspace_id), col(Involvement.department_id), col(Involvement.status))
    counted = select(*key, func.count()).where(key[0] == workspace_id).group_by(*key)
    connection.execute(
        insert(engagements).from_select(
            ["workspace_id", "department_id", "status", "involvements"], counted
        )
    )
    return connection.execute(
        select(func.count()).where(table.c.workspace_id == workspace_id)
    ).scalar_one()


RECOUNT_TRIES = 5
SERIALIZATION_FAILURE = "40001"  # PostgreSQL's SQLSTATE for a snapshot that cannot commit


def recount_rollups(engine: Engine, workspace_id: uuid.UUID) -> int:
    """`rebuild_rollup` in a transaction of its own, safe while the app writes (`pilotboard
    rebuild-rollups`); returns how many groups of pilots.

    A write appends its signed rows in the transaction that changes the pilot. On PostgreSQL
    the recount runs as one snapshot (``REPEATABLE READ``): the rows it deletes and the pilots it
    counts are of the same moment, so a write committed meanwhile is neither counted nor deleted,
    and its own rows stay to add it. A compaction deleting the same rows at once makes one of the
    two fail to commit; the recount then starts again. On SQLite it takes the write lock first.
    """
    postgresql = engine.dialect.name == "postgresql"
    options: dict[str, Any] = {WRITE_INTENT: True}
    if postgresql:
        options["isolation_level"] = "REPEATABLE READ"
    bound = engine.execution_options(**options)
    for attempt in range(1, RECOUNT_TRIES + 1):
        try:
            with Session(bound) as session:
                groups = rebuild_rollup(session, workspace_id)
                session.commit()
                return groups
        except OperationalError as exc:
            sqlstate = getattr(exc.orig, "sqlstate", None)
            if not postgresql or sqlstate != SERIALIZATION_FAILURE or attempt == RECOUNT_TRIES:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def lift_known() -> ColumnElement[bool]:
    """The pilots that have a revenue lift (``pilots.revenue_lift`` is not null), from the
    columns of the portfolio's index: a latest value and a baseline that is not 0."""
    baseline = col(Pilot.revenue_baseline)
    return and_(col(Pilot.revenue_latest).is_not(None), baseline.is_not(None), baseline != 0)


def lifts_statement(judged: Judged, count: int) -> Select[Any]:
    """What the middle one or two revenue lifts are computed from, among the ``count``
    matching pilots that have one (``groups_statement`` counts them): a walk to the middle of
    the index of their stored lift (``pilots.revenue_lift``, the SQL of ``figures.lift``
    unrounded), which holds what is read. Their lifts are computed and averaged in Python,
    rounded as ``figures.lift`` rounds each, so the median is the same figure as the pilot
    pages'."""
    return (
        columns(
            col(Pilot.revenue_latest), col(Pilot.revenue_baseline), col(Pilot.revenue_direction)
        )
        .where(*judged.scope.conditions, col(Pilot.revenue_lift).is_not(None))
        .order_by(col(Pilot.revenue_lift))
        .offset(max(0, (count - 1) // 2))
        .limit(2 - count % 2 if count else 0)
    )


def time_in_stage_statement(judged: Judged, counts: dict[str, int]) -> Select[Any] | None:
    """Per timed stage with pilots (``counts``: how many match in each), the entry days at the
    middle of the stage's order by entry (one or two) and at its start (the longest in it):
    walked along the portfolio's index (workspace, stage, entry), nothing sorted."""
    entered = day_number(col(Pilot.stage_entered_at))
    picks = []
    for stage in TIMED_STAGES:
        n = counts[stage]
        if not n:
            continue
        for role, offset, limit in (("median", (n - 1) // 2, 2 - n % 2), ("max", 0, 1)):
            picks.append(
                columns(
                    literal(stage).label("stage"),
                    literal(role).label("role"),
                    entered.label("entered_day"),
                )
                .where(*judged.scope.conditions, col(Pilot.stage) == stage)
                .order_by(col(Pilot.stage_entered_at))
                .offset(offset)
                .limit(limit)
                .subquery(f"{stage}_{role}")
            )
    if not picks:
        return None
    return union_all(*(columns(pick) for pick in picks))  # type: ignore[return-value]


def attention_keys(judged: Judged) -> list[tuple[Any, bool]]:
    """The attention list's order: stalled first, longest in the stage first, title, id."""
    severity = case((judged.health == Health.stalled.value, literal(0)), else_=literal(1))
    return [
        (severity, False),
        (literal(0) - judged.in_stage, False),
        (col(Pilot.title), False),
        (col(Pilot.id), False),
    ]


def attention_statement(judged: Judged, limit: int, cursor: Sequence[Any] | None) -> Select[Any]:
    """A page of the flagged pilots (stalled or at risk), in the attention order, after
    ``cursor`` (the order's values of the last item of the previous page). The page is chosen
    from the portfolio's index; only its rows are read for their facts."""
    keys = attention_keys(judged)
    flagged = [judged.health.in_(tuple(SEVERITY))]
    if cursor is not None:
        flagged.append(after(keys, cursor))
    page = (
        select(col(Pilot.id))
        .where(*judged.scope.conditions, *flagged)
        .order_by(*(expression for expression, _ in keys))
        .limit(limit)
        .correlate(None)
    )
    return (
        columns(
            *(expression for expression, _ in keys[:2]),
            cast(col(Pilot.id), String).label("id"),
            col(Pilot.title),
            judged.health.label("health"),
            col(Pilot.stage),
            day_number(col(Pilot.stage_entered_at)).label("entered_day"),
            cast(col(Pilot.health_facts), String).label("facts"),
            col(Pilot.criteria_changed),
        )
        .where(col(Pilot.id).in_(page))
        .order_by(*(expression for expression, _ in keys))
    )


def waiting_keys(judged: Judged) -> list[tuple[Any, bool]]:
    """The decisions waiting's order: longest waiting first, then title, then id."""
    return [
        (literal(0) - judged.in_stage, False),
        (col(Pilot.title), False),
        (col(Pilot.id), False),
    ]


def waiting_statement(
    judged: Judged,
    min_engaged: int,
    *,
    limit: int | None = None,
    cursor: Sequence[Any] | None = None,
) -> Select[Any]:
    """The pilots waiting on an executive, in the order of ``waiting_keys`` (minus the days
    waiting, id as text, title, stage): in `scale_review` and not yet answered, or waiting
    only on their `start` decision; with ``cursor`` (the order's values of the last item of the
    previous page) only those after it, and at most ``limit``. Read off their stored
    ``waiting_on`` and ``start_engaged`` (``pilots/portfolio_facts.py``, a range of their
    index, which holds what the order reads), with what the stored facts leave to the read
    checked here: the workspace's least number of engaged departments, a sponsor who is an
    active executive or admin of the workspace, and (only the rows of the pilots that may wait
    on their start read) a hypothesis."""
    workspace_id = judged.scope.workspace_id
    waiting_on, sponsor_id = col(Pilot.waiting_on), col(Pilot.sponsor_id)
    sponsors = (
        select(col(Membership.user_id))
        .join(User, col(User.id) == col(Membership.user_id))
        .where(
            col(Membership.workspace_id) == workspace_id,
            col(Membership.role).in_(SPONSOR_ROLES),
            col(User.is_active),
        )
    )
    early = aliased(Pilot)
    with_hypothesis = select(col(early.id)).where(
        col(early.workspace_id) == workspace_id,
        col(early.waiting_on) == WAITING_START,
        col(early.hypothesis) != "",
    )
    start = and_(
        waiting_on == WAITING_START,
        col(Pilot.start_engaged) >= min_engaged,
        sponsor_id.in_(sponsors),
        col(Pilot.id).in_(with_hypothesis),
    )
    keys = waiting_keys(judged)
    after_cursor = [after(keys, cursor)] if cursor is not None else []
    statement = (
        columns(
            keys[0][0].label("negative_days"),
            cast(col(Pilot.id), String).label("id"),
            col(Pilot.title),
            col(Pilot.stage),
        )
        .where(
            *judged.scope.conditions,
            waiting_on.in_((WAITING_SCALE, WAITING_START)),
            or_(waiting_on == WAITING_SCALE, start),
            *after_cursor,
        )
        .order_by(*(expression for expression, _ in keys))
    )
    return statement.limit(limit) if limit is not None else statement


def importance_keys(judged: Judged) -> list[tuple[Any, bool]]:
    """The order in which pilots earn a chart mark: stalled, at risk, on track; then by revenue
    at stake, largest first (none last); then title and id."""
    stake = col(Pilot.revenue_at_stake)
    severity = case(
        (judged.health == Health.stalled.value, literal(0)),
        (judged.health == Health.at_risk.value, literal(1)),
        else_=literal(2),
    )
    return [
        (severity, False),
        (case((stake.is_(None), literal(1)), else_=literal(0)), False),
        (func.coalesce(stake, literal(0.0)), True),
        (col(Pilot.title), False),
        (col(Pilot.id), False),
    ]


def points_statement(
    judged: Judged,
    *,
    limit: int | None,
    classes: dict[str, int] | None = None,
    misfiled: bool = True,
) -> Select[Any]:
    """The chart's marks: every pilot but the stopped ones, by title; or with ``limit``, the
    first ``limit`` in the order of importance (in no order). ``classes``: how many of them
    there are by health as of the day (from the groups); with it, the first are found by
    walks along ``ix_pilots_marks`` (``first_marks_statement``), without, by sorting them
    all. ``misfiled``: see ``first_marks_statement``."""
    keys = importance_keys(judged)
    statement = columns(
        cast(col(Pilot.id), String).label("id"),
        col(Pilot.title),
        col(Pilot.stage),
        col(Pilot.risk_level),
        judged.health.label("health"),
        col(Pilot.revenue_latest),
        col(Pilot.revenue_baseline),
        col(Pilot.revenue_direction),
        col(Pilot.metrics_progress),
        col(Pilot.revenue_at_stake),
        col(Pilot.criteria_changed),
        progress_band_expression().label("band"),
    )
    if classes is not None and limit is not None:
        # Chosen among the matching ones: read by id alone (SQLite would otherwise scan the
        # workspace's index for them).
        first = first_marks_statement(judged, limit, classes, misfiled=misfiled)
        return statement.where(col(Pilot.id).in_(first))
    statement = statement.where(*judged.scope.conditions, col(Pilot.stage) != STOPPED)
    if limit is None:
        return statement.order_by(col(Pilot.title), col(Pilot.id))
    # The first `limit` chosen by their keys alone, then only their columns computed.
    first = (
        select(col(Pilot.id))
        .where(*judged.scope.conditions, col(Pilot.stage) != STOPPED)
        .order_by(
            *(expression.desc() if descending else expression for expression, descending in keys)
        )
        .limit(limit)
        .correlate(None)
    )
    return statement.where(col(Pilot.id).in_(first))


def first_marks_statement(
    judged: Judged, limit: int, classes: dict[str, int], *, misfiled: bool = True
) -> Select[Any]:
    """The ids of the first ``limit`` marks in the order of importance (``importance_keys``),
    as short walks along ``ix_pilots_marks`` (workspace, stored health, stake, title, id)
    instead of a sort of every pilot: by health as of the day, most severe first, only as many
    of each health as are still wanted (``classes`` counts them); within one, the pilots whose
    stored health is it, by stake (largest first, then title and id; those with none after,
    by title and id), and the few whose health moved to it. Their union, at most a few times
    ``limit`` rows, is sorted by the full order. With ``misfiled`` (unless the caller knows no
    pilot outside the evaluated stages is stored with a health other than on track), those
    pilots are looked for too, as on track: a scan of that part of the workspace."""
    moved: dict[str, list[uuid.UUID]] = {}
    for moved_id, *_, health in judged.moved:
        moved.setdefault(health, []).append(moved_id)
    every_moved = [moved_id for moved_id, *_ in judged.moved]
    stake, title, pilot_id = col(Pilot.revenue_at_stake), col(Pilot.title), col(Pilot.id)
    matching = [*judged.scope.conditions, col(Pilot.stage) != STOPPED]
    branches: list[Select[Any]] = []
    remaining = limit
    for severity, health in enumerate(SEVERITY_ORDER):
        take = min(remaining, classes.get(health, 0))
        if take <= 0:
            continue
        remaining -= take

        def branch(
            *conditions: Any, order: Sequence[Any] = (), severity: int = severity, take: int = take
        ) -> None:
            statement = columns(
                literal(severity).label("severity"),
                case((stake.is_(None), literal(1)), else_=literal(0)).label("no_stake"),
                func.coalesce(stake, literal(0.0)).label("stake"),
                title.label("title"),
                pilot_id.label("id"),
            ).where(*matching, *conditions)
            if order:
                statement = statement.order_by(*order).limit(take)
            branches.append(columns(statement.subquery().c))

        stored = [col(Pilot.health) == health]
        if health != ON_TRACK:
            stored.append(col(Pilot.stage).in_(EVALUATED_STAGES))
        if every_moved:
            stored.append(pilot_id.not_in(_inline("not_moved", every_moved)))
        branch(*stored, stake.is_not(None), order=(stake.desc(), title, pilot_id))
        branch(*stored, stake.is_(None), order=(title, pilot_id))
        if moved.get(health):
            branch(pilot_id.in_(_inline(f"moved_to_{health}", moved[health])))
        if health == ON_TRACK and misfiled:
            # On track whatever is stored: outside the evaluated stages.
            branch(
                col(Pilot.stage).not_in(EVALUATED_STAGES),
                col(Pilot.health) != ON_TRACK,
            )
    if not branches:
        return select(pilot_id).where(literal(False))
    union = union_all(*branches).subquery("marks")
    return (
        select(union.c.id)
        .order_by(
            union.c.severity, union.c.no_stake, union.c.stake.desc(), union.c.title, union.c.id
        )
        .limit(limit)
        .correlate(None)
    )


def _inline(name: str, ids: list[uuid.UUID]) -> BindParameter[Any]:
    """A list of ids rendered in the statement (it can be longer than the parameter limit)."""
    return bindparam(name, value=ids, expanding=True, literal_execute=True)


# --- the portfolio ---------------------------------------------------------------------------

POINT_LIMIT = 300
ATTENTION_LIMIT = 50
WAITING_LIMIT = 50
RISK_ORDER = ("low", "medium", "high", None)
BANDS = ("none", "0-25", "25-50", "50-75", "75-100", "100+")


def portfolio(
    session: Session,
    *,
    workspace_id: uuid.UUID,
    filters: PilotFilters,
    as_of: date,
    today: date,
    memo: HealthMemo,
) -> dict[str, Any]:
    """The portfolio of the pilots that match ``filters``, as of ``as_of`` (``today`` is the
    clock's day), shaped exactly as ``schemas.Portfolio`` (JSON-ready: ids and dates as
    strings). Every figure is an SQL aggregate; Python handles only the rows it prints (at most
    300 marks, 50 attention items, 50 decisions waiting), the stale pilots and the compact rows
    of the decisions waiting it counts without printing (for ``portfolio_read``'s digest)."""
    document, _ = portfolio_read(
        session,
        workspace_id=workspace_id,
        filters=filters,
        as_of=as_of,
        today=today,
        memo=memo,
    )
    return document


def portfolio_read(
    session: Session,
    *,
    workspace_id: uuid.UUID,
    filters: PilotFilters,
    as_of: date,
    today: date,
    memo: HealthMemo,
) -> tuple[dict[str, Any], bytes]:
    """The portfolio (as ``portfolio``), and a digest of the decisions waiting it counts in
    `decisions_waiting_total` but does not print (those past the first ``WAITING_LIMIT``, as
    `GET …/portfolio/decisions-waiting` pages them): the route's `ETag` covers both, so it
    changes when any waiting decision does, printed or not."""
    judged = Judged.of(
        session, workspace_id=workspace_id, filters=filters, as_of=as_of, today=today, memo=memo
    )
    connection = session.connection()
    group_rows: Any
    if rolled_up(filters):
        group_rows, misfiled = rollup_groups(connection, judged, filters)
    else:
        group_rows, misfiled = connection.execute(groups_statement(judged)), True
    counts = dict.fromkeys(STAGE_ORDER, 0)
    stakes = dict.fromkeys(STAGE_ORDER, 0.0)
    health_counts = {h.value: 0 for h in Health}
    gain = 0.0
    cells: dict[tuple[Any, str], dict[str, Any]] = {}
    marks_by_health: dict[str, int] = {}
    lifts = 0
    for (
        stage,
        health,
        risk_level,
        band,
        count,
        stake,
        group_gain,
        group_lifts,
    ) in group_rows:
        counts[stage] += count
        lifts += group_lifts
        stakes[stage] += float(stake or 0.0)
        gain += float(group_gain or 0.0)
        if stage not in CLOSED:
            health_counts[health] += count
        if stage != STOPPED:
            marks_by_health[health] = marks_by_health.get(health, 0) + count
            cell = cells.setdefault((risk_level, band), _empty_bin(risk_level, band))
            cell["count"] += count
            cell[health] += count
            cell["revenue_at_stake"] += float(stake or 0.0)
    middle = [
        figures.lift(latest=latest, baseline=baseline, direction=direction or "")
        for latest, baseline, direction in connection.execute(lifts_statement(judged, lifts))
    ]
    median_lift = _median([v for v in middle if v is not None])
    timed: dict[str, dict[str, list[int]]] = {s: {"median": [], "max": []} for s in TIMED_STAGES}
    in_stage_statement = time_in_stage_statement(judged, counts)
    if in_stage_statement is not None:
        for stage, role, entered_day in connection.execute(in_stage_statement):
            timed[stage][role].append(max(0, judged.today_number - entered_day))
    points_total = sum(counts.values()) - counts[STOPPED]
    points, bins = _points_and_bins(
        connection, judged, points_total, cells, marks_by_health, misfiled
    )
    attention_total = health_counts[Health.stalled.value] + health_counts[Health.at_risk.value]
    attention = [item for _, item in _attention(connection, judged, ATTENTION_LIMIT, cursor=None)]
    waiting, waiting_total, unprinted = _waiting_first(session, judged)
    adopted, stopped = counts[Stage.adopted.value], counts[STOPPED]
    total = sum(counts.values())
    document = {
        "as_of": as_of.isoformat(),
        "totals": {"pilots": total, "active": total - adopted - stopped, **health_counts},
        "stages": [
            {"stage": stage, "count": counts[stage], "revenue_at_stake": round(stakes[stage], 6)}
            for stage in STAGE_ORDER
        ],
        "points": points,
        "points_total": points_total,
        "point_bins": bins,
        "attention": attention,
        "attention_total": attention_total,
        "decisions_waiting": waiting,
        "decisions_waiting_total": waiting_total,
        "outcomes": {
            "adopted": adopted,
            "stopped": stopped,
            "win_rate": round(adopted / (adopted + stopped), 6) if adopted + stopped else None,
            "total_revenue_gain": round(gain, 6),
            "median_revenue_lift": round(median_lift, 6) if median_lift is not None else None,
            "median_days_to_scale_decision": _median_days_to_scale_decision(session, judged.scope),
        },
        "departments": _departments(session, judged.scope, as_of, judged.thresholds),
        "time_in_stage": [
            {
                "stage": stage,
                "median_days": float(statistics.mean(timed[stage]["median"]))
                if timed[stage]["median"]
                else None,
                "max_days": timed[stage]["max"][0] if timed[stage]["max"] else None,
            }
            for stage in TIMED_STAGES
        ],
    }
    return document, unprinted


def _point(row: Any) -> dict[str, Any]:
    (pilot_id, title, stage, risk_level, health, latest, baseline, direction, progress, stake,
     criteria_changed) = row[:11]  # fmt: skip
    return {
        "pilot_id": _id_text(pilot_id),
        "title": title,
        "stage": stage,
        "risk_level": risk_level,
        "health": health,
        "revenue_lift": figures.lift(latest=latest, baseline=baseline, direction=direction),
        "progress": round(progress, 6) if progress is not None else None,
        "revenue_at_stake": stake,
        "criteria_changed": bool(criteria_changed),
    }


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def _empty_bin(risk_level: str | None, band: str) -> dict[str, Any]:
    return {"risk_level": risk_level, "progress_band": band, "count": 0, "on_track": 0,
            "at_risk": 0, "stalled": 0, "revenue_at_stake": 0.0}  # fmt: skip


def _points_and_bins(
    connection: Any,
    judged: Judged,
    points_total: int,
    cells: dict[tuple[Any, str], dict[str, Any]],
    classes: dict[str, int],
    misfiled: bool,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The marks, by title, and the bins of the rest: every pilot but the stopped ones is a
    mark up to ``POINT_LIMIT``; beyond, the first ``POINT_LIMIT`` by importance are, and the
    bins are ``cells`` (every pilot but the stopped, by risk level and progress band) less
    the marks."""
    if points_total <= POINT_LIMIT:
        rows = connection.execute(points_statement(judged, limit=None)).all()
        return [_point(row) for row in rows], []
    statement = points_statement(judged, limit=POINT_LIMIT, classes=classes, misfiled=misfiled)
    rows = connection.execute(statement).all()
    marks = sorted((_point(row) for row in rows), key=lambda p: (p["title"], p["pilot_id"]))
    for row in rows:
        cell = cells[(row.risk_level, row.band)]
        cell["count"] -= 1
        cell[row.health] -= 1
        cell["revenue_at_stake"] -= float(row.revenue_at_stake or 0.0)
    bins = [
        {**cell, "revenue_at_stake": round(cell["revenue_at_stake"], 6)}
        for cell in cells.values()
        if cell["count"]
    ]
    bins.sort(key=lambda b: (RISK_ORDER.index(b["risk_level"]), BANDS.index(b["progress_band"])))
    return marks, bins


def _attention(
    connection: Any, judged: Judged, limit: int, cursor: Sequence[Any] | None
) -> list[tuple[list[Any], dict[str, Any]]]:
    """A page of the attention list: (the order's values, the item), each item's reasons
    evaluated as of the day."""
    page = []
    rows = connection.execute(attention_statement(judged, limit, cursor))
    for (severity, negative_days, pilot_id, title, health, stage, entered_day, facts,
         criteria_changed) in rows:  # fmt: skip
        pid = _id_text(pilot_id)
        _, _, reasons = judged.reasons(facts, stage, entered_day)
        page.append(
            (
                [severity, negative_days, title, pid],
                {
                    "pilot_id": pid,
                    "title": title,
                    "health": health,
                    "reasons": reasons,
                    "days_in_stage": -negative_days,
                    "criteria_changed": bool(criteria_changed),
                },
            )
        )
    return page


def _attention_cursor(cursor: str) -> list[Any]:
    """The order's values a `next_cursor` carries: severity, minus the days in stage, title,
    id; anything else was not issued by this API."""
    severity, negative_days, title, pid = decode_cursor(cursor, 4)
    try:
        if not (
            severity in (0, 1)
            and type(negative_days) is int
            and isinstance(title, str)
            and isinstance(pid, str)
        ):
            raise ValueError(cursor)
        return [severity, negative_days, title, uuid.UUID(pid)]
    except ValueError as exc:
        raise InvalidInput.field(["query", "cursor"], "Not a cursor this API issued.") from exc


def attention_page(
    session: Session,
    *,
    workspace_id: uuid.UUID,
    filters: PilotFilters,
    as_of: date,
    today: date,
    memo: HealthMemo,
    limit: int,
    cursor: str | None,
) -> dict[str, Any]:
    """One page of the attention list, by keyset: only its items are read and re-evaluated."""
    after_values = _attention_cursor(cursor) if cursor is not None else None
    judged = Judged.of(
        session, workspace_id=workspace_id, filters=filters, as_of=as_of, today=today, memo=memo
    )
    connection = session.connection()
    total = connection.execute(
        select(func.count()).where(*judged.scope.conditions, judged.health.in_(tuple(SEVERITY)))
    ).scalar_one()
    page = _attention(connection, judged, limit + 1, after_values)
    more = len(page) > limit
    page = page[:limit]
    return {
        "items": [item for _, item in page],
        "next_cursor": encode_cursor(page[-1][0]) if more and page else None,
        "total": total,
    }


def _waiting_item(row: Sequence[Any]) -> tuple[list[Any], dict[str, Any]]:
    """A row of ``waiting_statement`` as (the order's values, the item)."""
    negative_days, pilot_id, title, stage = row
    pid = _id_text(pilot_id)
    item = {
        "pilot_id": pid,
        "title": title,
        "decision": SCALE if stage == SCALE_REVIEW else START,
        "waiting_days": -negative_days,
    }
    return [negative_days, title, pid], item


def _waiting_first(session: Session, judged: Judged) -> tuple[list[dict[str, Any]], int, bytes]:
    """The portfolio's decisions waiting: the first ``WAITING_LIMIT`` items, how many there
    are, and a digest of the others. One statement over every waiting pilot (its compact row
    off ``ix_pilots_waiting``: no index holds the order, so the database sorts them all even
    for a page); only the first are made into items, the rest are hashed as they arrive."""
    statement = waiting_statement(judged, judged.thresholds["min_engaged_departments"])
    first: list[dict[str, Any]] = []
    rest = hashlib.sha256()
    total = 0
    for row in _plain_rows(session, statement):
        total += 1
        if total <= WAITING_LIMIT:
            first.append(_waiting_item(row)[1])
        else:
            rest.update(orjson.dumps(row))
    return first, total, rest.digest()


def _waiting_cursor(cursor: str) -> list[Any]:
    """The order's values a `next_cursor` of the decisions waiting carries: minus the days
    waiting, title, id; anything else was not issued by this API."""
    negative_days, title, pid = decode_cursor(cursor, 3)
    try:
        if not (type(negative_days) is int and negative_days <= 0 and isinstance(title, str)):
            raise ValueError(cursor)
        if not isinstance(pid, str):
            raise ValueError(cursor)
        return [negative_days, title, uuid.UUID(pid)]
    except ValueError as exc:
        raise InvalidInput.field(["query", "cursor"], "Not a cursor this API issued.") from exc


def waiting_page(
    session: Session,
    *,
    workspace_id: uuid.UUID,
    filters: PilotFilters,
    as_of: date,
    today: date,
    memo: HealthMemo,
    limit: int,
    cursor: str | None,
) -> dict[str, Any]:
    """One page of the decisions waiting, by keyset, in the portfolio's order: the count, then
    the page (its keys read off the waiting index, after ``cursor``)."""
    after_values = _waiting_cursor(cursor) if cursor is not None else None
    judged = Judged.of(
        session, workspace_id=workspace_id, filters=filters, as_of=as_of, today=today, memo=memo
    )
    connection = session.connection()
    min_engaged = judged.thresholds["min_engaged_departments"]
    every = waiting_statement(judged, min_engaged).order_by(None).subquery("waiting")
    total = connection.execute(select(func.count()).select_from(every)).scalar_one()
    statement = waiting_statement(judged, min_engaged, limit=limit + 1, cursor=after_values)
    page = [_waiting_item(row) for row in _plain_rows(session, statement)]
    more = len(page) > limit
    page = page[:limit]
    return {
        "items": [item for _, item in page],
        "next_cursor": encode_cursor(page[-1][0]) if more and page else None,
        "total": total,
    }


# --- the CSV rows ----------------------------------------------------------------------------

CsvLine = tuple[
    str,  # title
    str,  # stage
    str,  # health
    tuple[str, ...],  # reason messages
    str | None,  # risk level
    str | None,  # customer
    str | None,  # owner
    str | None,  # sponsor
    tuple[str, ...],  # "Department (status)", by name
    float | None,  # revenue at stake
    float | None,  # revenue lift
    float | None,  # progress
    int,  # days in stage
    date | None,  # last iteration
    bool,  # criteria changed after the start
]


def csv_lines(
    session: Session,
    *,
    workspace_id: uuid.UUID,
    filters: PilotFilters,
    as_of: date,
    memo: HealthMemo,
) -> Iterator[CsvLine]:
    """One line per matching pilot (stopped ones included), by title, in one query, yielded as
    the rows arrive (a thousand at a time): nothing holds every line at once."""
    _, thresholds = workspace_rules(session, workspace_id)
    owner, sponsor = aliased(User), aliased(User)
    involved = (
        select(
            col(Involvement.pilot_id).label("pilot_id"),
            func.aggregate_strings(
                col(Department.name) + " (" + col(Involvement.status) + ")",
                DEPARTMENT_SEPARATOR,
            ).label("names"),
        )
        .join(Department, col(Department.id) == col(Involvement.department_id))
        .where(col(Involvement.workspace_id) == workspace_id)
        .group_by(col(Involvement.pilot_id))
        .subquery("involved")
    )
    iterated = (
        select(
            col(Iteration.pilot_id).label("pilot_id"),
            func.max(col(Iteration.started_on)).label("started"),
            func.max(col(Iteration.ended_on)).label("ended"),
        )
        .where(col(Iteration.workspace_id) == workspace_id)
        .group_by(col(Iteration.pilot_id))
        .subquery("iterated")
    )
    statement = (
        pilot_rows_statement(
            Scope.of(workspace_id, filters),
            as_of,
            extra=(
                col(Customer.name).label("customer_name"),
                col(owner.name).label("owner_name"),
                col(sponsor.name).label("sponsor_name"),
                involved.c.names.label("department_names"),
                iterated.c.started,
                iterated.c.ended,
            ),
        )
        .outerjoin(Customer, col(Customer.id) == col(Pilot.customer_id))
        .outerjoin(owner, col(owner.id) == col(Pilot.owner_id))
        .outerjoin(sponsor, col(sponsor.id) == col(Pilot.sponsor_id))
        .outerjoin(involved, involved.c.pilot_id == col(Pilot.id))
        .outerjoin(iterated, iterated.c.pilot_id == col(Pilot.id))
    )
    for row in _rows(session, statement):
        f = _figures(row, thresholds, as_of, memo)
        if filters.health is not None and f.health != filters.health:
            continue
        names = row.department_names
        yield (
            f.title,
            f.stage,
            f.health,
            tuple(r.message for r in f.reasons),
            f.risk_level,
            row.customer_name,
            row.owner_name,
            row.sponsor_name,
            tuple(sorted(names.split(DEPARTMENT_SEPARATOR))) if names else (),
            f.revenue_at_stake,
            f.revenue_lift,
            f.progress,
            f.days_in_stage,
            max((d for d in (row.started, row.ended) if d is not None), default=None),
            f.criteria_changed,
        )
