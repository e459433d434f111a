"""The lifecycle, as pure functions: which moves a pilot may make and what each gate asks.

:func:`check_move` decides every stage change, with every unmet criterion listed: the lifecycle
(:func:`allowed_moves`), the gate of the stage entered (:func:`gate`), and the two exceptions
(back from scale review to running needs a `continue` or `pivot` decision; a paused pilot
returns to its stage with no gate). Nothing here touches the database or the clock; the facts
come from ``facts.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pilotboard.pilots.models import ACTIVE_STAGES, LIFECYCLE, Stage


@dataclass(frozen=True)
class Criterion:
    code: str
    met: bool
    message: str

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
    iteration_count: int = 0
    metrics_without_measurement: list[str] = field(default_factory=list)
    metric_count: int = 0
    has_scale_decision_by_executive: bool = False
    has_scale_plan: bool = False
    departments_without_plan: list[str] = field(default_factory=list)
    open_plan_items: int = 0
    plan_item_count: int = 0
    continue_or_pivot_since_entry: bool = False


@dataclass(frozen=True)
class GateRule:
    """One criterion of a gate: ``met(facts, min_engaged)``, the ``message`` a person reads
    (``message(facts, min_engaged)``), and ``summary``, its line in the documentation."""

    code: str
    summary: str
    met: Callable[[GateFacts, int], bool]
    message: Callable[[GateFacts, int], str]


def _missing(names: list[str]) -> str:
    return f" (missing: {', '.join(names)})." if names else "."


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
            lambda f, n: f.engaged_with_stake >= n,
            lambda f, n: (
                f"At least {n} departments are engaged, each with its stake "
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
            "≥ 2 iterations",
            lambda f, _: f.iteration_count >= 2,
            lambda f, _: f"At least 2 iterations are logged ({f.iteration_count} now).",
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


def gate(to_stage: str, facts: GateFacts, *, min_engaged: int = 2) -> list[Criterion]:
    """The readiness checklist for entering ``to_stage`` (empty when it has no gate)."""
    return [
        Criterion(rule.code, rule.met(facts, min_engaged), rule.message(facts, min_engaged))
        for rule in GATES.get(str(to_stage), ())
    ]


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
        "since the review began; a paused pilot returns to its stage without a gate."
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
) -> Move:
    """Whether a pilot in ``stage`` (paused from ``paused_from``) may move to ``to`` now, with
    every criterion of the move, met or not; a move the lifecycle forbids lists that first."""
    moves = allowed_moves(stage, paused_from)
    allowed = to in moves
    criteria = gate(to, facts, min_engaged=thresholds["min_engaged_departments"])
    if stage == Stage.scale_review and to == Stage.running:
        criteria = [
            Criterion(
                "continue_or_pivot_decision",
                facts.continue_or_pivot_since_entry,
                "An executive decided to `continue` or `pivot` since the scale review began.",
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
    return Move(to_stage=to, allowed=allowed, criteria=criteria)
