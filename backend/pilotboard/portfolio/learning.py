"""What the portfolio teaches: which practices went with scaling, from the workspace's history.

Every pilot that is *closed* as of ``as_of`` — its stage on that day, by the transition history
(``pilot_transitions``), is `adopted` or `scaling` (it scaled) or `stopped` (it did not) — falls
on exactly one side of every practice. Per practice and side: how many pilots, how many scaled,
the rate and its 95 % Wilson interval; then the difference of the two rates, and whether each
side has at least ``ENOUGH`` pilots.

A fixed number of SQL statements whatever the number of pilots (three, besides the caller's
authentication; four for a pilot's practices, which loads the pilot):

1. The workspace's thresholds (``scale_decision_days``).
2. One row per closed pilot (and, for ``pilot_practices``, the pilot asked about), with every
   fact a practice looks at, each an index lookup per closed pilot: its stage as of ``as_of``
   (the last transition on or before that day), the days it first entered `running` and
   `scale_review`, the departments engaged on or before the first day in `running`, a
   champion, its iterations and whether one made a change of order 2 or 3, a
   customer-experienced metric with baseline and target created on or before the first day in
   `running`, its risk level, its customer's premier flag, the iterations with customer
   feedback, and a scale-review decision within ``scale_decision_days``.
3. The metrics of the pilots whose success criteria changed after the start
   (``Pilot.criteria_changed``): their state on the first day in `running` is rebuilt from each
   metric's ``criteria_changes`` (the ``before`` of the first change of each field), since the
   stored kind, baseline and target are the ones after the change.

Facts that carry no date are taken as stored: an involvement's `champion` status, the pilot's
risk level and its customer's premier flag. Dated facts count up to ``as_of``: iterations by
``started_on``, feedback responses and transitions by their UTC date, decisions by
``decided_on``. Withdrawn decisions count for nothing; a metric deleted after the start (its
deletion is only in the activity log) counts for nothing either.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, String, and_, case, cast, func, or_, select
from sqlmodel import Session, col

from pilotboard.customers.models import Customer
from pilotboard.pilots.feedback.models import FeedbackResponse
from pilotboard.pilots.filters import PilotFilters
from pilotboard.pilots.models import (
    Decision,
    DecisionKind,
    Engagement,
    Health,
    Involvement,
    Iteration,
    Metric,
    MetricKind,
    Pilot,
    RiskLevel,
    Stage,
    Transition,
)
from pilotboard.pilots.settings import workspace_rules
from pilotboard.portfolio.service import (
    EVALUATED_STAGES,
    HealthMemo,
    Scope,
    _id_text,
    _plain_rows,
    _thresholds_key,
)
from pilotboard.portfolio.sql import EPOCH_ORDINAL, day_number

Z = 1.959963984540054  # the 97.5th percentile of the standard normal: a 95 % interval
ENOUGH = 5  # pilots on each side before a difference is worth reading
DIGITS = 6  # rates, bounds and differences are rounded to this many decimals

SCALED_STAGES = (Stage.adopted.value, Stage.scaling.value)
CLOSED_STAGES = (*SCALED_STAGES, Stage.stopped.value)
REVIEW_ANSWERS = (
    DecisionKind.scale.value,
    DecisionKind.continue_.value,
    DecisionKind.pivot.value,
    DecisionKind.stop.value,
)
ORDER_BASE = 2  # two facts in one number: a count x ORDER_BASE + a 0/1 flag (facts_statement)


@dataclass(frozen=True)
class Practice:
    code: str
    label: str
    explanation: str  # `{days}` is the workspace's `scale_decision_days`


PRACTICES: tuple[Practice, ...] = (
    Practice(
        "early_departments",
        "Two departments engaged before the start",
        "At least two departments had engaged (their `engaged_on` date) on or before the day "
        "the pilot first entered running.",
    ),
    Practice(
        "champion",
        "A department champion",
        "At least one involved department is a champion of the pilot.",
    ),
    Practice(
        "three_iterations",
        "Three or more iterations",
        "The pilot logged at least three iterations with its customer.",
    ),
    Practice(
        "higher_order_change",
        "A second- or third-order change",
        "At least one iteration made a change of order 2 or 3, not only first-order tweaks.",
    ),
    Practice(
        "customer_metric",
        "A customer metric fixed before the start",
        "A metric the customer experiences had a baseline and a target on the day the pilot "
        "first entered running.",
    ),
    Practice(
        "low_risk_customer",
        "A low-risk customer",
        "The pilot's risk level is low.",
    ),
    Practice(
        "premier_account",
        "A premier-account customer",
        "The chosen testbed customer is a premier account.",
    ),
    Practice(
        "customer_voice",
        "The customer's voice on two iterations",
        "Customer feedback came in through a feedback link on at least two different iterations.",
    ),
    Practice(
        "quick_decision",
        "A quick scale-review decision",
        "An executive decided (scale, continue, pivot or stop) within {days} days of the pilot "
        "first entering scale review.",
    ),
)
CODES = tuple(p.code for p in PRACTICES)


# --- the statistics ------------------------------------------------------------------------


def wilson(scaled: int, pilots: int, z: float = Z) -> tuple[float, float] | None:
    """The Wilson score interval of ``scaled`` successes in ``pilots`` trials (None for 0):
    (p + z²/2n ± z·√(p(1-p)/n + z²/4n²)) ÷ (1 + z²/n)."""
    if pilots <= 0:
        return None
    n, p, z2 = pilots, scaled / pilots, z * z
    centre = p + z2 / (2 * n)
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    denominator = 1 + z2 / n
    return max(0.0, (centre - half) / denominator), min(1.0, (centre + half) / denominator)


def side(pilots: int, scaled: int) -> dict[str, Any]:
    interval = wilson(scaled, pilots)
    return {
        "pilots": pilots,
        "scaled": scaled,
        "rate": round(scaled / pilots, DIGITS) if pilots else None,
        "ci_low": round(interval[0], DIGITS) if interval else None,
        "ci_high": round(interval[1], DIGITS) if interval else None,
    }


def practice_evidence(practice: Practice, counts: Sequence[int], days: int) -> dict[str, Any]:
    """``counts``: pilots with, scaled with, pilots without, scaled without."""
    with_, without = side(counts[0], counts[1]), side(counts[2], counts[3])
    difference = (
        round(counts[1] / counts[0] - counts[3] / counts[2], DIGITS)
        if counts[0] and counts[2]
        else None
    )
    return {
        "code": practice.code,
        "label": practice.label,
        "explanation": practice.explanation.format(days=days),
        "with": with_,
        "without": without,
        "difference": difference,
        "enough_data": counts[0] >= ENOUGH and counts[2] >= ENOUGH,
    }


def sort_key(item: dict[str, Any]) -> tuple[int, int, float, int]:
    """Enough data first, then the largest |difference|, null differences last; ties in the
    order of ``PRACTICES``."""
    difference = item["difference"]
    return (
        0 if item["enough_data"] else 1,
        0 if difference is not None else 1,
        -abs(difference) if difference is not None else 0.0,
        CODES.index(item["code"]),
    )


# --- the facts, in SQL ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Facts:
    """What one pilot's history says about each practice, as of ``as_of``."""

    pilot_id: str
    stage: str | None  # as of as_of, by the transition history
    running_day: int | None  # first entry into running (day number), up to as_of
    review_day: int | None  # first entry into scale_review
    early_departments: int  # engaged on or before running_day (or as_of before it ran)
    champion: bool
    iterations: int
    higher_order: bool  # an iteration with change order 2 or 3
    customer_metric: bool  # fixed on or before running_day (or as_of before it ran)
    risk_level: str | None
    premier: bool | None  # None without a customer
    voiced_iterations: int
    quick_decision: bool

    @property
    def closed(self) -> bool:
        return self.stage in CLOSED_STAGES

    @property
    def scaled(self) -> bool:
        return self.stage in SCALED_STAGES

    def sides(self) -> tuple[bool, ...]:
        """The side of every practice (in the order of ``PRACTICES``) as the evidence counts
        it: a pilot that never reached the stage a practice looks at is on the "without" side."""
        ran = self.running_day is not None
        return (
            ran and self.early_departments >= 2,
            self.champion,
            self.iterations >= 3,
            self.higher_order,
            ran and self.customer_metric,
            self.risk_level == RiskLevel.low.value,
            bool(self.premier),
            self.voiced_iterations >= 2,
            self.review_day is not None and self.quick_decision,
        )

    def follows(self, as_of_day: int, days: int) -> tuple[bool | None, ...]:
        """Per practice: True once the pilot follows it, False once it can no longer, None
        while it cannot be known yet. A closed pilot is judged as the evidence counts it."""
        if self.stage is None:  # the pilot did not exist yet
            return (None,) * len(PRACTICES)
        if self.closed:
            return self.sides()
        ran = self.running_day is not None
        quick: bool | None = None
        if self.review_day is not None:
            if self.quick_decision:
                quick = True
            elif as_of_day - self.review_day > days:
                quick = False
        return (
            # Before the start, what is engaged so far will have engaged before it.
            self.early_departments >= 2 if ran else (True if self.early_departments >= 2 else None),
            True if self.champion else None,
            True if self.iterations >= 3 else None,
            True if self.higher_order else None,
            self.customer_metric if ran else (True if self.customer_metric else None),
            self.risk_level == RiskLevel.low.value if self.risk_level is not None else None,
            self.premier,
            True if self.voiced_iterations >= 2 else None,
            quick,
        )


def _end_of(day: date) -> datetime:
    """The first instant after ``day`` (UTC): timestamps before it fall on or before the day."""
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=UTC)


def _first_entry(workspace_id: uuid.UUID, pilot_id: Any, stage: str, end: datetime) -> Any:
    """The day number of the pilot's first entry into ``stage`` before ``end`` (or NULL): the
    minimum of an index range ((workspace_id, to_stage, pilot_id, occurred_at))."""
    return select(day_number(func.min(col(Transition.occurred_at)))).where(
        col(Transition.workspace_id) == workspace_id,
        col(Transition.to_stage) == stage,
        col(Transition.pilot_id) == pilot_id,
        col(Transition.occurred_at) < end,
    )


def facts_statement(
    workspace_id: uuid.UUID,
    conditions: Sequence[ColumnElement[bool]],
    as_of: date,
    decision_days: int,
    *,
    include: uuid.UUID | None = None,
    health_columns: bool = False,
) -> Select[Any]:
    """One row per pilot matching ``conditions`` that is closed as of ``as_of`` (plus the pilot
    ``include``, whatever its stage), with the facts of ``Facts`` in its order, then
    ``criteria_changed`` and, with ``health_columns``, what the health filter needs.

    Driven by the pilots, not by their records: the closed pilots are found first (a third of
    a portfolio, typically), then each fact is one index lookup per closed pilot (correlated
    subqueries), so the records of the open pilots are never read. The stage as of ``as_of`` is
    the current stage when the pilot entered it on or before that day (``stage_entered_at`` is
    the time of its last transition), else the stage of its last transition before the end of
    that day."""
    end = _end_of(as_of)
    as_of_day = as_of.toordinal() - EPOCH_ORDINAL
    ws = workspace_id
    pilot_id = col(Pilot.id)

    then = (
        select(col(Transition.to_stage))
        .where(
            col(Transition.workspace_id) == ws,
            col(Transition.pilot_id) == pilot_id,
            col(Transition.occurred_at) < end,
        )
        .order_by(col(Transition.sequence).desc())
        .limit(1)
        .scalar_subquery()
    )
    stage = case((col(Pilot.stage_entered_at) < end, col(Pilot.stage)), else_=then)
    kept: ColumnElement[bool] = stage.in_(CLOSED_STAGES)
    if include is not None:
        kept = or_(kept, pilot_id == include)
    extra: list[Any] = []
    if health_columns:
        to_evaluate = and_(
            col(Pilot.stage).in_(EVALUATED_STAGES),
            or_(col(Pilot.health) != Health.on_track.value, col(Pilot.health_changes_on) <= as_of),
        )
        extra = [
            col(Pilot.stage).label("current_stage"),
            day_number(col(Pilot.stage_entered_at)).label("entered_day"),
            case((to_evaluate, cast(col(Pilot.health_facts), String))).label("facts"),
        ]
    base = (
        select(
            pilot_id.label("pilot_id"),
            stage.label("stage_as_of"),
            _first_entry(ws, pilot_id, Stage.running.value, end)
            .scalar_subquery()
            .label("running_day"),
            _first_entry(ws, pilot_id, Stage.scale_review.value, end)
            .scalar_subquery()
            .label("review_day"),
            col(Pilot.risk_level).label("risk_level"),
            col(Pilot.customer_id).label("customer_id"),
            cast(col(Pilot.criteria_changed), Integer).label("criteria_changed"),
            *extra,
        )
        .where(*conditions, kept)
        .cte("closed_pilots")
        .prefix_with("MATERIALIZED")  # each first entry computed once per pilot, not per use
    )
    pid = base.c.pilot_id
    # Before the pilot ran, "early" and "fixed before the start" look at what is so far.
    cutoff = func.coalesce(base.c.running_day, as_of_day)

    def count(model: Any, *where: ColumnElement[bool], what: Any = None) -> Any:
        return (
            select(what if what is not None else func.count())
            .where(col(model.workspace_id) == ws, col(model.pilot_id) == pid, *where)
            .correlate(base)
            .scalar_subquery()
        )

    # Two facts of one table in one lookup per pilot (each costs a pass over the pilot's rows):
    # a count x ORDER_BASE + a flag (0 or 1).
    engaged_early = and_(
        col(Involvement.engaged_on).is_not(None),
        day_number(col(Involvement.engaged_on)) <= cutoff,
    )
    involved = count(
        Involvement,
        what=func.sum(case((engaged_early, ORDER_BASE), else_=0))
        + func.max(case((col(Involvement.status) == Engagement.champion.value, 1), else_=0)),
    )
    iterated = count(
        Iteration,
        col(Iteration.started_on) <= as_of,
        what=func.count() * ORDER_BASE
        + func.max(case((col(Iteration.change_order) >= 2, 1), else_=0)),
    )
    metric = count(
        Metric,
        col(Metric.kind) == MetricKind.customer_experienced.value,
        col(Metric.baseline).is_not(None),
        col(Metric.target).is_not(None),
        day_number(col(Metric.created_at)) <= cutoff,
    )
    voiced = count(
        FeedbackResponse,
        col(FeedbackResponse.iteration_id).is_not(None),
        col(FeedbackResponse.created_at) < end,
        what=func.count(func.distinct(col(FeedbackResponse.iteration_id))),
    )
    decided = day_number(col(Decision.decided_on))
    quick = count(
        Decision,
        col(Decision.kind).in_(REVIEW_ANSWERS),
        col(Decision.withdrawn_at).is_(None),
        col(Decision.decided_on) <= as_of,
        decided >= base.c.review_day,
        decided <= base.c.review_day + decision_days,
    )
    health = [base.c.current_stage, base.c.entered_day, base.c.facts] if health_columns else []
    return (
        select(
            cast(pid, String).label("id"),
            base.c.stage_as_of,
            base.c.running_day,
            base.c.review_day,
            involved.label("involved"),  # early x ORDER_BASE + champion (0 or 1)
            iterated.label("iterated"),  # iterations x ORDER_BASE + a change of order 2-3
            metric.label("customer_metric"),
            base.c.risk_level,
            cast(col(Customer.is_premier_account), Integer).label("premier"),
            voiced.label("voiced"),
            case((base.c.review_day.is_(None), 0), else_=quick).label("quick"),
            base.c.criteria_changed,
            *health,
        )
        .select_from(base)
        .outerjoin(Customer, col(Customer.id) == base.c.customer_id)
    )


def changed_metrics_statement(
    workspace_id: uuid.UUID, conditions: Sequence[ColumnElement[bool]]
) -> Select[Any]:
    """The metrics of the matching pilots whose success criteria changed after the start."""
    return (
        select(
            cast(col(Metric.pilot_id), String).label("pilot_id"),
            col(Metric.kind),
            col(Metric.baseline),
            col(Metric.target),
            day_number(col(Metric.created_at)).label("created_day"),
            col(Metric.criteria_changes),
        )
        .join(
            Pilot,
            and_(col(Pilot.id) == col(Metric.pilot_id), col(Pilot.workspace_id) == workspace_id),
        )
        .where(*conditions, col(Metric.workspace_id) == workspace_id, col(Pilot.criteria_changed))
    )


def fixed_at_start(kind: str, baseline: Any, target: Any, changes: Iterable[Any]) -> bool:
    """Whether a metric, as it stood before its first recorded change of criteria (each
    field's ``before`` in its first change), was customer-experienced with baseline and
    target."""
    state: dict[str, Any] = {"kind": kind, "baseline": baseline, "target": target}
    seen: set[str] = set()
    for change in changes:
        name = change.get("field") if isinstance(change, dict) else None
        if name in state and name not in seen:
            seen.add(name)
            state[name] = change.get("before")
    return (
        state["kind"] == MetricKind.customer_experienced.value
        and state["baseline"] is not None
        and state["target"] is not None
    )


def load_facts(
    session: Session,
    workspace_id: uuid.UUID,
    conditions: Sequence[ColumnElement[bool]],
    as_of: date,
    decision_days: int,
    *,
    include: uuid.UUID | None = None,
    health: tuple[str, HealthMemo, dict[str, int]] | None = None,
) -> Iterator[Facts]:
    """The facts of the closed pilots (and of ``include``) matching ``conditions``; with
    ``health`` (the wanted health, the memo and the thresholds) only those whose health as of
    ``as_of`` is the wanted one, as the portfolio judges it."""
    as_of_day = as_of.toordinal() - EPOCH_ORDINAL
    statement = facts_statement(
        workspace_id,
        conditions,
        as_of,
        decision_days,
        include=include,
        health_columns=health is not None,
    )
    rows = list(_plain_rows(session, statement))
    rebuilt: dict[str, bool] = {}
    if any(row[11] for row in rows):
        running = {_id_text(row[0]): row[2] for row in rows if row[11]}
        for pilot_id, kind, baseline, target, created_day, changes in session.connection().execute(
            changed_metrics_statement(workspace_id, conditions)
        ):
            pid = _id_text(pilot_id)
            if pid not in running:
                continue
            cutoff = running[pid] if running[pid] is not None else as_of_day
            fixed = created_day <= cutoff and fixed_at_start(kind, baseline, target, changes or ())
            rebuilt[pid] = rebuilt.get(pid, False) or fixed
    for row in rows:
        (raw_id, stage, running_day, review_day, involved, iterated, metric, risk, premier,
         voiced, quick, changed) = row[:12]  # fmt: skip
        if health is not None:
            wanted, memo, thresholds = health
            current, entered_day, stored_facts = row[12:15]
            evaluated, _, _ = memo.evaluate(
                stored_facts, current, entered_day, thresholds, _thresholds_key(thresholds), as_of
            )
            if evaluated != wanted:
                continue
        pid = _id_text(raw_id)
        early, champion = divmod(int(involved or 0), ORDER_BASE)
        iterations, higher_order = divmod(int(iterated or 0), ORDER_BASE)
        yield Facts(
            pilot_id=pid,
            stage=stage,
            running_day=running_day,
            review_day=review_day,
            early_departments=early,
            champion=bool(champion),
            iterations=iterations,
            higher_order=bool(higher_order),
            customer_metric=rebuilt.get(pid, False) if changed else bool(metric),
            risk_level=risk,
            premier=bool(premier) if premier is not None else None,
            voiced_iterations=int(voiced),
            quick_decision=bool(quick),
        )


# --- the answers ---------------------------------------------------------------------------


def tally(facts: Iterable[Facts]) -> tuple[list[list[int]], int, int]:
    """Per practice: [pilots with, scaled with, pilots without, scaled without]; and the
    closed pilots that scaled and that stopped."""
    counts = [[0, 0, 0, 0] for _ in PRACTICES]
    scaled_total = stopped_total = 0
    for fact in facts:
        if not fact.closed:
            continue
        scaled = fact.scaled
        if scaled:
            scaled_total += 1
        else:
            stopped_total += 1
        for index, follows in enumerate(fact.sides()):
            slot = counts[index]
            base = 0 if follows else 2
            slot[base] += 1
            if scaled:
                slot[base + 1] += 1
    return counts, scaled_total, stopped_total


def _evidence(counts: list[list[int]], days: int) -> list[dict[str, Any]]:
    return [practice_evidence(p, c, days) for p, c in zip(PRACTICES, counts, strict=True)]


def learning(
    session: Session,
    *,
    workspace_id: uuid.UUID,
    filters: PilotFilters,
    as_of: date,
    memo: HealthMemo,
) -> dict[str, Any]:
    """The document of `GET /portfolio/learning` (shaped as ``PortfolioLearning``)."""
    _, thresholds = workspace_rules(session, workspace_id)
    days = thresholds["scale_decision_days"]
    scope = Scope.of(workspace_id, filters)
    health = (filters.health, memo, thresholds) if filters.health is not None else None
    facts = load_facts(session, workspace_id, scope.conditions, as_of, days, health=health)
    counts, scaled, stopped = tally(facts)
    practices = sorted(_evidence(counts, days), key=sort_key)
    return {
        "as_of": as_of.isoformat(),
        "closed": {"scaled": scaled, "stopped": stopped},
        "practices": practices,
    }


def pilot_practices(session: Session, *, pilot: Pilot, as_of: date) -> dict[str, Any]:
    """The document of `GET /pilots/{id}/practices` (shaped as ``PilotPractices``): whether
    the pilot follows each practice, beside the workspace's evidence (no filters)."""
    workspace_id = pilot.workspace_id
    _, thresholds = workspace_rules(session, workspace_id)
    days = thresholds["scale_decision_days"]
    scope = Scope.of(workspace_id, PilotFilters())
    everything = list(
        load_facts(session, workspace_id, scope.conditions, as_of, days, include=pilot.id)
    )
    own = next((f for f in everything if f.pilot_id == str(pilot.id)), None)
    counts, _, _ = tally(everything)
    as_of_day = as_of.toordinal() - EPOCH_ORDINAL
    follows = own.follows(as_of_day, days) if own else (None,) * len(PRACTICES)
    items = []
    for evidence, follow in zip(_evidence(counts, days), follows, strict=True):
        items.append({**evidence, "follows": follow})
    return {"as_of": as_of.isoformat(), "items": items}
