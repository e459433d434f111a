"""The executive portfolio, in a fixed number of SQL queries whatever the number of pilots.

Five queries, plus one for the workspace thresholds (``?format=csv`` runs only the first, with
the names it needs joined in):

0. Two small ones (``waiting.py``) for the decisions waiting: the early pilots waiting only on
   their `start` decision, and the pilots in `scale_review` already answered.
1. One row per matching pilot, with its metric summary as stored on the pilot row (kept in step
   with the metrics and their measurements by ``pilots.metrics.summary``): the revenue metric's
   latest value, baseline, direction and period, the mean progress of the metrics, and whether
   its success criteria changed after the start. The points, the
   attention list, the decisions waiting, the totals, the stage counts, the time in stage and
   the revenue outcomes are all read off this one result in a single pass (the points need
   every row anyway; counting them again in SQL would read the pilots twice).
2. The department heatmap: involvements grouped by department (GROUP BY, SUM(CASE …)), the
   silent ones (``department_silent``'s judgement as of ``as_of``) counted in the same pass.
3. The median days to the scale decision: first entry into `running` and first `scale`
   decision per pilot (GROUP BY), the median over pilots with window functions.

Health: a pilot stores its health as of the day it was last refreshed, exact until
``health_changes_on`` (``pilots/health/rules.py``). Only the active pilots whose stored health is
not plainly `on_track` as of ``as_of`` — stored at risk or stalled, or ``health_changes_on`` on or
before ``as_of`` — are re-evaluated with the pure rules, from the facts stored beside their
health, which query 1 returns for those pilots only. So "what will be stalled in 30 days if
nothing happens?" is exact, and so are the day counts in the reasons.
"""

from __future__ import annotations

import statistics
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import orjson
from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Select,
    String,
    and_,
    bindparam,
    case,
    cast,
    func,
    or_,
    select,
)
from sqlalchemy.orm import aliased
from sqlmodel import Session, col

from pilotboard.accounts.models import User
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
    Decision,
    DecisionKind,
    Engagement,
    Health,
    Involvement,
    Iteration,
    Pilot,
    RevenuePeriod,
    Stage,
    Transition,
)
from pilotboard.pilots.settings import workspace_rules
from pilotboard.portfolio.sql import EPOCH_ORDINAL, day_number, median_and_max
from pilotboard.portfolio.waiting import answered_review_statement, awaiting_start_statement

EVALUATED_STAGES = tuple(s.value for s in LIFECYCLE if s in ACTIVE_STAGES)
STAGE_ORDER = (*(s.value for s in LIFECYCLE), Stage.paused.value, Stage.stopped.value)
CLOSED = frozenset({Stage.adopted.value, Stage.stopped.value})
TIMED_STAGES = (*EVALUATED_STAGES, Stage.paused.value)
GAIN_STAGES = frozenset({Stage.scaling.value, Stage.adopted.value})
SEVERITY = {Health.stalled.value: 0, Health.at_risk.value: 1}
ON_TRACK = Health.on_track.value
STOPPED = Stage.stopped.value
SCALE_REVIEW = Stage.scale_review.value
START, SCALE = DecisionKind.start.value, DecisionKind.scale.value
YEAR = RevenuePeriod.year.value
DEPARTMENT_SEPARATOR = "\x1f"
STATES = tuple(e.value for e in Engagement)
# A silent involvement, as the `department_silent` rule judges it (its states and stages).
SILENT_STATES = (Engagement.engaged.value, Engagement.champion.value)
SILENT_STAGES = tuple(sorted(rules.RULES_BY_CODE["department_silent"].stages))


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

    def with_ids(self, ids: Sequence[str], *, include: bool) -> Scope:
        # Rendered inline: the list can be longer than a statement's parameter limit.
        values: BindParameter[Any] = bindparam(
            "health_ids", value=[uuid.UUID(i) for i in ids], expanding=True, literal_execute=True
        )
        condition = col(Pilot.id).in_(values) if include else col(Pilot.id).not_in(values)
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


def _health_scope(scope: Scope, health: str | None, kept: list[str], dropped: list[str]) -> Scope:
    """The scope of the aggregates once the health filter is applied in Python."""
    if health is None:
        return scope
    if health == ON_TRACK:
        # Fewer to name: the pilots dropped are the active ones flagged at risk or stalled.
        return scope.with_ids(dropped, include=False)
    return scope.with_ids(kept, include=True)


# --- aggregates over child tables ------------------------------------------------------------


def departments_statement(scope: Scope, as_of: date, silence_days: int) -> Select[Any]:
    """Per department of the workspace (by name): its involvements in the matching pilots,
    counted by engagement status, and how many of them are *silent* as of ``as_of``: `engaged`
    or `champion` in a pilot that is `running` or in `scale_review`, whose last check-in (or,
    before any, first request) is more than ``silence_days`` days old, as the
    `department_silent` health rule judges it."""
    status = col(Involvement.status)
    since = func.coalesce(col(Involvement.last_check_in_on), col(Involvement.first_asked_on))
    silent = and_(
        status.in_(SILENT_STATES),
        col(Pilot.stage).in_(SILENT_STAGES),
        since < as_of - timedelta(days=silence_days),
    )
    counts = (
        select(
            col(Involvement.department_id).label("department_id"),
            *(func.sum(case((status == state, 1), else_=0)).label(state) for state in STATES),
            func.sum(case((silent, 1), else_=0)).label("silent"),
        )
        .join(
            Pilot,
            (col(Pilot.id) == col(Involvement.pilot_id))
            & (col(Pilot.workspace_id) == col(Involvement.workspace_id)),
        )
        .where(
            col(Involvement.workspace_id) == scope.workspace_id,
            *scope.restrict(col(Involvement.pilot_id)),
        )
        .group_by(col(Involvement.department_id))
        .subquery("counts")
    )
    return (
        select(
            col(Department.id),
            col(Department.name),
            *(counts.c[s] for s in STATES),
            counts.c.silent,
        )
        .outerjoin(counts, counts.c.department_id == col(Department.id))
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
    """The median (and the longest) whole days from a pilot's first entry into `running` to
    its first `scale` decision, over the matching pilots that have both."""
    first_scale = (
        select(
            col(Decision.pilot_id).label("pilot_id"),
            func.min(col(Decision.decided_on)).label("decided_on"),
        )
        .where(
            col(Decision.workspace_id) == scope.workspace_id,
            col(Decision.kind) == DecisionKind.scale.value,
            col(Decision.withdrawn_at).is_(None),
            *scope.restrict(col(Decision.pilot_id)),
        )
        .group_by(col(Decision.pilot_id))
        .subquery("first_scale")
    )
    first_running = (
        select(
            col(Transition.pilot_id).label("pilot_id"),
            func.min(col(Transition.occurred_at)).label("occurred_at"),
        )
        .where(
            col(Transition.workspace_id) == scope.workspace_id,
            col(Transition.pilot_id).in_(select(first_scale.c.pilot_id)),
            col(Transition.to_stage) == Stage.running.value,
        )
        .group_by(col(Transition.pilot_id))
        .subquery("first_running")
    )
    values = select(
        (day_number(first_scale.c.decided_on) - day_number(first_running.c.occurred_at)).label(
            "value"
        )
    ).join_from(first_scale, first_running, first_running.c.pilot_id == first_scale.c.pilot_id)
    return median_and_max(values, group=False)


def _median_days_to_scale_decision(session: Session, scope: Scope) -> float | None:
    median, _ = session.connection().execute(scale_days_statement(scope)).one()
    return float(median) if median is not None else None


# --- the portfolio ---------------------------------------------------------------------------


def _median(values: Sequence[float]) -> float | None:
    return float(statistics.median(values)) if values else None


@dataclass
class _Tally:
    """The portfolio's figures, accumulated one pilot at a time. A point is a dict of strings
    and numbers only, which the garbage collector does not track; an attention item shares its
    reasons with the health memo."""

    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STAGE_ORDER, 0))
    stakes: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGE_ORDER, 0.0))
    health: dict[str, int] = field(default_factory=lambda: {h.value: 0 for h in Health})
    days: dict[str, list[int]] = field(default_factory=lambda: {s: [] for s in TIMED_STAGES})
    points: list[dict[str, Any]] = field(default_factory=list)
    attention: list[tuple[Any, ...]] = field(default_factory=list)
    waiting: list[tuple[int, str, str, str]] = field(default_factory=list)
    lifts: list[float] = field(default_factory=list)
    gain: float = 0.0


def portfolio(
    session: Session,
    *,
    workspace_id: uuid.UUID,
    filters: PilotFilters,
    as_of: date,
    memo: HealthMemo,
    attention_keys: bool = False,
) -> dict[str, Any]:
    """The portfolio of the pilots that match ``filters``, as of ``as_of``: a document shaped
    exactly as ``schemas.Portfolio`` (JSON-ready: ids and dates as strings), built without a
    model per pilot so that 50,000 pilots stay cheap in time and memory."""
    _, thresholds = workspace_rules(session, workspace_id)
    scope = Scope.of(workspace_id, filters)
    tally = _Tally()
    kept: list[str] = []
    dropped: list[str] = []
    wanted = filters.health
    today = as_of.toordinal() - EPOCH_ORDINAL
    evaluate, thresholds_key = memo.evaluate, _thresholds_key(thresholds)
    connection = session.connection()
    awaiting_start = {
        str(i)
        for (i,) in connection.execute(
            awaiting_start_statement(
                workspace_id, scope.conditions, thresholds["min_engaged_departments"]
            )
        )
    }
    answered_review = {
        str(i)
        for (i,) in connection.execute(answered_review_statement(workspace_id, scope.conditions))
    }
    # The hot loop of the endpoint (once per pilot): written out rather than through
    # PilotFigures, with the tallies bound to locals.
    counts, stakes, health_counts, days = tally.counts, tally.stakes, tally.health, tally.days
    points, attention, waiting, lifts = tally.points, tally.attention, tally.waiting, tally.lifts
    for row in _plain_rows(session, pilot_rows_statement(scope, as_of)):
        (pilot_id, title, stage, risk_level, stake, entered_day, stored_facts, latest, baseline,
         direction, progress, period, criteria_changed) = row  # fmt: skip
        pid = _id_text(pilot_id)
        criteria_changed = bool(criteria_changed)
        health, _, reasons = evaluate(
            stored_facts, stage, entered_day, thresholds, thresholds_key, as_of
        )
        if wanted is not None:
            if health != wanted:
                dropped.append(pid)
                continue
            kept.append(pid)
        in_stage = today - entered_day if today > entered_day else 0
        counts[stage] += 1
        if stake is not None:
            stakes[stage] += stake
        if stage not in CLOSED:
            health_counts[health] += 1
        if stage in days:
            days[stage].append(in_stage)
        lift = figures.lift(latest=latest, baseline=baseline, direction=direction)
        if lift is not None:
            lifts.append(lift)
        if stage in GAIN_STAGES and latest is not None and baseline is not None:
            tally.gain += (latest - baseline) * PERIODS_PER_YEAR.get(period or YEAR, 1)
        if health in SEVERITY:
            attention.append(
                (
                    SEVERITY[health],
                    -in_stage,
                    title,
                    pid,
                    {
                        "pilot_id": pid,
                        "title": title,
                        "health": health,
                        "reasons": reasons,
                        "days_in_stage": in_stage,
                        "criteria_changed": criteria_changed,
                    },
                )
            )
        if stage == SCALE_REVIEW and pid not in answered_review:
            waiting.append((-in_stage, title, pid, SCALE))
        elif pid in awaiting_start:
            waiting.append((-in_stage, title, pid, START))
        if stage != STOPPED:
            points.append(
                {
                    "pilot_id": pid,
                    "title": title,
                    "stage": stage,
                    "risk_level": risk_level,
                    "health": health,
                    "revenue_lift": lift,
                    "progress": round(progress, 6) if progress is not None else None,
                    "revenue_at_stake": stake,
                    "criteria_changed": criteria_changed,
                }
            )
    scope = _health_scope(scope, filters.health, kept, dropped)
    points_total = len(tally.points)
    marked, bins = _marks_and_bins(tally.points)
    tally.attention.sort()
    tally.waiting.sort()
    adopted, stopped = tally.counts[Stage.adopted.value], tally.counts[STOPPED]
    total = sum(tally.counts.values())
    return {
        "as_of": as_of.isoformat(),
        "totals": {"pilots": total, "active": total - adopted - stopped, **tally.health},
        "stages": [
            {"stage": stage, "count": tally.counts[stage], "revenue_at_stake": tally.stakes[stage]}
            for stage in STAGE_ORDER
        ],
        "points": marked,
        "points_total": points_total,
        "point_bins": bins,
        "attention": (
            tally.attention
            if attention_keys
            else [item for *_, item in tally.attention[:ATTENTION_LIMIT]]
        ),
        "attention_total": len(tally.attention),
        "decisions_waiting": [
            {"pilot_id": pid, "title": title, "decision": kind, "waiting_days": -negative_days}
            for negative_days, title, pid, kind in tally.waiting
        ],
        "outcomes": {
            "adopted": adopted,
            "stopped": stopped,
            "win_rate": round(adopted / (adopted + stopped), 6) if adopted + stopped else None,
            "total_revenue_gain": round(tally.gain, 6),
            "median_revenue_lift": round(statistics.median(tally.lifts), 6)
            if tally.lifts
            else None,
            "median_days_to_scale_decision": _median_days_to_scale_decision(session, scope),
        },
        "departments": _departments(session, scope, as_of, thresholds),
        "time_in_stage": [
            {
                "stage": stage,
                "median_days": _median(tally.days[stage]),
                "max_days": max(tally.days[stage], default=None),
            }
            for stage in TIMED_STAGES
        ],
    }


POINT_LIMIT = 300
ATTENTION_LIMIT = 50
RISK_ORDER = ("low", "medium", "high", None)
BANDS = ("none", "0-25", "25-50", "50-75", "75-100", "100+")


def progress_band(progress: float | None) -> str:
    if progress is None:
        return "none"
    if progress >= 1.0:
        return "100+"
    if progress < 0.25:
        return "0-25"
    if progress < 0.5:
        return "25-50"
    return "50-75" if progress < 0.75 else "75-100"


def _importance(point: dict[str, Any]) -> tuple[Any, ...]:
    stake = point["revenue_at_stake"]
    return (
        SEVERITY.get(point["health"], 2),
        stake is None,
        -(stake or 0.0),
        point["title"],
        point["pilot_id"],
    )


def _marks_and_bins(points: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[Any]]:
    if len(points) <= POINT_LIMIT:
        return points, []
    ranked = sorted(points, key=_importance)
    kept = {p["pilot_id"] for p in ranked[:POINT_LIMIT]}
    bins: dict[tuple[Any, str], dict[str, Any]] = {}
    for point in ranked[POINT_LIMIT:]:
        key = (point["risk_level"], progress_band(point["progress"]))
        entry = bins.setdefault(
            key,
            {"risk_level": key[0], "progress_band": key[1], "count": 0, "on_track": 0,
             "at_risk": 0, "stalled": 0, "revenue_at_stake": 0.0},
        )  # fmt: skip
        entry["count"] += 1
        entry[point["health"]] += 1
        entry["revenue_at_stake"] += point["revenue_at_stake"] or 0.0
    ordered = sorted(
        bins.values(),
        key=lambda b: (RISK_ORDER.index(b["risk_level"]), BANDS.index(b["progress_band"])),
    )
    return [p for p in points if p["pilot_id"] in kept], ordered


def attention_page(
    session: Session,
    *,
    workspace_id: uuid.UUID,
    filters: PilotFilters,
    as_of: date,
    memo: HealthMemo,
    limit: int,
    cursor: str | None,
) -> dict[str, Any]:
    document = portfolio(
        session,
        workspace_id=workspace_id,
        filters=filters,
        as_of=as_of,
        memo=memo,
        attention_keys=True,
    )
    entries = document["attention"]
    start = 0
    if cursor is not None:
        after = tuple(decode_cursor(cursor, 4))
        start = next((i for i, e in enumerate(entries) if tuple(e[:4]) > after), len(entries))
    page = entries[start : start + limit]
    more = start + limit < len(entries)
    return {
        "items": [item for *_, item in page],
        "next_cursor": encode_cursor(list(page[-1][:4])) if more and page else None,
        "total": len(entries),
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
