"""The lifecycle, as pure functions: which moves a pilot may make and what each gate asks.

:func:`check_move` decides every stage change, with every unmet criterion listed: the lifecycle
(:func:`allowed_moves`), the gate of the stage entered (:func:`gate`), and the two exceptions
(back from scale review to running needs a `continue` or `pivot` decision; a paused pilot
returns to its stage with no gate). Nothing here touches the database or the clock: the facts
come from ``facts.py``, the workspace's thresholds and the evaluation date come in as
:class:`Limits`. A day count is whole calendar days (the evaluation date minus a UTC date).

Time counts: a criterion that time alone can meet has a ``ready`` function, the first date on
which it is met given the data as it is; :attr:`Move.ready_on` is the first date on which every
criterion of the move is met, or null when something other than time is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from pilotboard.pilots.models import ACTIVE_STAGES, LIFECYCLE, Stage

# The gate thresholds of the workspace settings (beside the health ones), 0 turning each off.
GATE_THRESHOLDS: dict[str, int] = {
    "min_running_days": 60,
    "min_iteration_days": 14,
}
ITERATIONS_NEEDED = 2
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def day_in_words(day: date) -> str:
    """``3 March 2027`` (the same in every locale)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Criterion:
    """One criterion as judged: ``ready_on`` is the first date it is met given the data (the
    evaluation date when met now; ``None`` when time alone will not meet it)."""

    code: str
    met: bool
    message: str
    ready_on: date | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "met": self.met, "message": self.message}


@dataclass
class GateFacts:
    """What the gates look at (built from the pilot's data by the service)."""

    has_customer: bool = False
    has_hypothesis: bool = False
    engaged_with_stake: int = 0
    customer_metric_with_targets: int = 0
    has_sponsor: bool = False
    has_start_decision: bool = False
    first_running_on: date | None = None
    iterations: list[tuple[date, date | None]] = field(default_factory=list)  # started, ended
    metrics_without_measurement: list[str] = field(default_factory=list)
    metric_count: int = 0
    has_scale_decision_by_executive: bool = False
    has_scale_plan: bool = False
    departments_without_plan: list[str] = field(default_factory=list)
    open_plan_items: int = 0
    plan_item_count: int = 0
    continue_or_pivot_since_entry: bool = False


@dataclass(frozen=True)
class Limits:
    """What the gates compare the facts with: the workspace's thresholds and the evaluation
    date."""

    as_of: date
    min_engaged: int = 2
    min_running_days: int = GATE_THRESHOLDS["min_running_days"]
    min_iteration_days: int = GATE_THRESHOLDS["min_iteration_days"]

    @classmethod
    def of(cls, thresholds: Mapping[str, int], as_of: date) -> Limits:
        """From the workspace's thresholds (the gate ones default to ``GATE_THRESHOLDS``)."""
        gate_thresholds = {**GATE_THRESHOLDS, **thresholds}
        return cls(
            as_of=as_of,
            min_engaged=thresholds["min_engaged_departments"],
            min_running_days=gate_thresholds["min_running_days"],
            min_iteration_days=gate_thresholds["min_iteration_days"],
        )


@dataclass(frozen=True)
class GateRule:
    """One criterion of a gate: ``met(facts, limits)``, the ``message`` a person reads
    (``message(facts, limits)``), ``summary``, its line in the documentation, and for a
    criterion that time alone can meet, ``ready(facts, limits)``: the first date on which it is
    met given the data (``None`` when time alone will not meet it)."""

    code: str
    summary: str
    met: Callable[[GateFacts, Limits], bool]
    message: Callable[[GateFacts, Limits], str]
    ready: Callable[[GateFacts, Limits], date | None] | None = None


def _missing(names: list[str]) -> str:
    return f" (missing: {', '.join(names)})." if names else "."


# --- time counts -----------------------------------------------------------------------------


def running_ready(facts: GateFacts, limits: Limits) -> date | None:
    """The first date with ``min_running_days`` since first entering running (``None`` before
    the pilot has run)."""
    if limits.min_running_days == 0:
        return limits.as_of
    if facts.first_running_on is None:
        return None
    return max(limits.as_of, facts.first_running_on + timedelta(days=limits.min_running_days))


def _running_met(facts: GateFacts, limits: Limits) -> bool:
    return running_ready(facts, limits) == limits.as_of


def _running_message(facts: GateFacts, limits: Limits) -> str:
    needed = limits.min_running_days
    if needed == 0:
        return "The workspace sets no minimum running time."
    ask = f"The pilot has run at least {needed} days"
    first = facts.first_running_on
    if first is None:
        return f"{ask} (it has not run yet)."
    days = max(0, (limits.as_of - first).days)
    if days >= needed:
        return f"{ask} ({days} so far)."
    ready = first + timedelta(days=needed)
    return f"{ask} ({days} so far; ready on {day_in_words(ready)})."


def _counts(start: date, end: date | None, limits: Limits) -> bool:
    """An iteration lasting ``min_iteration_days`` (an open one: up to the evaluation date)."""
    if limits.min_iteration_days == 0:
        return True
    return ((end or limits.as_of) - start).days >= limits.min_iteration_days


def _long_iterations(facts: GateFacts, limits: Limits) -> int:
    return sum(1 for start, end in facts.iterations if _counts(start, end, limits))


def iterations_ready(facts: GateFacts, limits: Limits) -> date | None:
    """The first date with ``ITERATIONS_NEEDED`` long enough iterations, the open ones growing
    (``None`` when too few iterations are logged for that)."""
    missing = ITERATIONS_NEEDED - _long_iterations(facts, limits)
    if missing <= 0:
        return limits.as_of
    growing = sorted(
        start + timedelta(days=limits.min_iteration_days)
        for start, end in facts.iterations
        if end is None and not _counts(start, end, limits)
    )
    return growing[missing - 1] if len(growing) >= missing else None


def _iterations_message(facts: GateFacts, limits: Limits) -> str:
    needed, shortest = ITERATIONS_NEEDED, limits.min_iteration_days
    if shortest == 0:
        return f"At least {needed} iterations are logged ({len(facts.iterations)} now)."
    long = _long_iterations(facts, limits)
    short = len(facts.iterations) - long
    too_short = (
        f"; {short} shorter than {shortest} days {'does' if short == 1 else 'do'} not count"
        if short
        else ""
    )
    return (
        f"At least {needed} iterations of {shortest} days or more are logged "
        f"({long} now{too_short})."
    )


# The gates, by the stage they lead into; a stage not listed has none.
GATES: dict[str, tuple[GateRule, ...]] = {
    Stage.running.value: (
        GateRule(
            "customer_chosen",
            "a customer chosen from the candidates",
            lambda f, _: f.has_customer,
            lambda f, _: "A testbed customer is chosen from the candidates.",
        ),
        GateRule(
            "hypothesis",
            "a hypothesis",
            lambda f, _: f.has_hypothesis,
            lambda f, _: "The hypothesis is written down.",
        ),
        GateRule(
            "engaged_departments",
            "≥ 2 engaged departments with a stake (the workspace's threshold)",
            lambda f, lim: f.engaged_with_stake >= lim.min_engaged,
            lambda f, lim: (
                f"At least {lim.min_engaged} departments are engaged, each with its stake "
                f"({f.engaged_with_stake} now)."
            ),
        ),
        GateRule(
            "customer_metric",
            "a customer-experienced metric with baseline and target",
            lambda f, _: f.customer_metric_with_targets >= 1,
            lambda f, _: (
                "At least one customer-experienced metric has a baseline and a target "
                "(success is defined before the pilot starts)."
            ),
        ),
        GateRule(
            "sponsor",
            "a sponsor",
            lambda f, _: f.has_sponsor,
            lambda f, _: "An executive sponsor is named.",
        ),
        GateRule(
            "start_decision",
            "a `start` decision",
            lambda f, _: f.has_start_decision,
            lambda f, _: "An executive recorded a `start` decision.",
        ),
    ),
    Stage.scale_review.value: (
        GateRule(
            "iterations",
            f"≥ {ITERATIONS_NEEDED} iterations of at least `min_iteration_days` days each, "
            f"default {GATE_THRESHOLDS['min_iteration_days']}, an open one counting up to the "
            "evaluation date",
            lambda f, lim: _long_iterations(f, lim) >= ITERATIONS_NEEDED,
            _iterations_message,
            iterations_ready,
        ),
        GateRule(
            "measurements",
            "every metric measured",
            lambda f, _: f.metric_count > 0 and not f.metrics_without_measurement,
            lambda f, _: (
                "Every metric has at least one measurement"
                + _missing(f.metrics_without_measurement)
            ),
        ),
        GateRule(
            "time_running",
            "at least `min_running_days` days since first entering `running`, default "
            f"{GATE_THRESHOLDS['min_running_days']}",
            _running_met,
            _running_message,
            running_ready,
        ),
    ),
    Stage.scaling.value: (
        GateRule(
            "scale_decision",
            "a `scale` decision",
            lambda f, _: f.has_scale_decision_by_executive,
            lambda f, _: "An executive recorded a `scale` decision.",
        ),
        GateRule(
            "scale_plan",
            "a scale plan with a change for every involved department",
            lambda f, _: f.has_scale_plan and not f.departments_without_plan,
            lambda f, _: (
                "The scale plan names planning, resource or compensation changes for every "
                "involved department" + _missing(f.departments_without_plan)
            ),
        ),
    ),
    Stage.adopted.value: (
        GateRule(
            "scale_plan_done",
            "every plan item done",
            lambda f, _: f.plan_item_count > 0 and f.open_plan_items == 0,
            lambda f, _: (
                "Every scale-plan item is done"
                + (f" ({f.open_plan_items} open)." if f.open_plan_items else ".")
            ),
        ),
    ),
}


def _judge(rule: GateRule, facts: GateFacts, limits: Limits) -> Criterion:
    met = rule.met(facts, limits)
    if met:
        ready: date | None = limits.as_of
    else:
        ready = rule.ready(facts, limits) if rule.ready else None
    return Criterion(rule.code, met, rule.message(facts, limits), ready)


def gate(to_stage: str, facts: GateFacts, limits: Limits) -> list[Criterion]:
    """The readiness checklist for entering ``to_stage`` (empty when it has no gate)."""
    return [_judge(rule, facts, limits) for rule in GATES.get(str(to_stage), ())]


def gates_markdown() -> str:
    """The gates as documentation, generated from ``GATES``."""
    parts = [
        f"into `{stage}` ({', '.join(rule.summary for rule in rules)})"
        for stage, rules in GATES.items()
    ]
    return (
        "Every criterion with `met` and a message a person understands. Gates: "
        + "; ".join(parts)
        + ". Back from `scale_review` to `running` needs a `continue` or `pivot` decision "
        "since the review began; a paused pilot returns to its stage without a gate. "
        "A threshold of 0 turns its time check off. Day counts are whole days as of `as_of` "
        "(default today; a transition always uses today). `ready_on` is the first date on "
        "which every criterion is met if only time passes: `as_of` itself when all are met "
        "now, a later date when only time is missing (days running, iterations still open), "
        "`null` when anything else is missing."
    )


def allowed_moves(stage: str, paused_from: str | None) -> list[str]:
    """The stages a pilot may move to next, by the lifecycle alone (gates come on top)."""
    moves: list[str] = []
    if stage in {s.value for s in LIFECYCLE[:-1]}:
        moves.append(LIFECYCLE[LIFECYCLE.index(Stage(stage)) + 1].value)
    if stage == Stage.scale_review:
        moves.append(Stage.running.value)
    if stage in {s.value for s in ACTIVE_STAGES}:
        moves += [Stage.paused.value, Stage.stopped.value]
    if stage == Stage.paused:
        if paused_from:
            moves.append(paused_from)
        moves.append(Stage.stopped.value)
    return moves


@dataclass(frozen=True)
class Move:
    """The answer of :func:`check_move`."""

    to_stage: str
    allowed: bool
    criteria: list[Criterion] = field(default_factory=list)
    ready_on: date | None = None

    @property
    def met(self) -> bool:
        return self.allowed and all(c.met for c in self.criteria)

    @property
    def unmet(self) -> list[Criterion]:
        return [c for c in self.criteria if not c.met]


def _words(stage: str) -> str:
    return stage.replace("_", " ")


def check_move(
    stage: str,
    paused_from: str | None,
    to: str,
    facts: GateFacts,
    thresholds: Mapping[str, int],
    as_of: date,
) -> Move:
    """Whether a pilot in ``stage`` (paused from ``paused_from``) may move to ``to`` on
    ``as_of``, with every criterion of the move, met or not, and the first date on which all
    will be met if only time passes; a move the lifecycle forbids lists that first."""
    moves = allowed_moves(stage, paused_from)
    allowed = to in moves
    criteria = gate(to, facts, Limits.of(thresholds, as_of))
    if stage == Stage.scale_review and to == Stage.running:
        decided = facts.continue_or_pivot_since_entry
        criteria = [
            Criterion(
                "continue_or_pivot_decision",
                decided,
                "An executive decided to `continue` or `pivot` since the scale review began.",
                as_of if decided else None,
            )
        ]
    if stage == Stage.paused and to == paused_from:
        criteria = []
    if not allowed:
        criteria = [
            Criterion(
                "lifecycle",
                False,
                f"A {_words(stage)} pilot cannot move to {_words(to)}; "
                f"allowed next: {', '.join(_words(m) for m in moves) or 'nothing'}.",
            ),
            *criteria,
        ]
    dates = [c.ready_on for c in criteria]
    ready_on = None
    if allowed and None not in dates:
        ready_on = max([as_of, *(d for d in dates if d is not None)])
    return Move(to_stage=to, allowed=allowed, criteria=criteria, ready_on=ready_on)
