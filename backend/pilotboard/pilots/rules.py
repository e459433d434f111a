"""The method's rules, as pure functions: candidate scoring, metric figures, health and gates.

Nothing here touches the database or the clock. Health is a function of a pilot's *facts* (a
compact summary of its data, built in ``facts.py``), the workspace's thresholds and the
evaluation date; a day count is whole calendar days: the evaluation date minus the UTC date of
the event.

Health rules (code · severity · stages · fires when, with the default threshold):

- ``no_recent_iteration`` · stalled · running · more than 45 days since the latest iteration's
  start or end date (or since entering `running` when there is none)
- ``scale_decision_overdue`` · stalled · scale_review · over 30 days in the stage without a
  `scale`, `continue`, `pivot` or `stop` decision taken since entering it
- ``stuck_in_selection`` · at_risk · proposed, selecting · over 60 days in the stage
- ``ready_to_scale_not_proposed`` · at_risk · running · every metric at or past its target, and
  over 30 days since the measurement that brought the last of them there
- ``too_few_departments`` · at_risk · running, scale_review, scaling · fewer than 2 departments
  `engaged` or `champion`
- ``department_not_engaged`` · at_risk · selecting to scaling · a department `invited` over 21
  days ago and still not engaged
- ``no_recent_measurement`` · at_risk · running, scale_review · at least 2 iterations, and none
  of the last 2 has a measurement
- ``no_customer_metric`` · at_risk · running to scaling · no `customer_experienced` metric
- ``premier_account`` · at_risk · selecting to scaling · the chosen customer is a premier account
- ``no_sponsor`` · at_risk · running to scaling · no executive sponsor, or the sponsor is no
  longer an active member
- ``owner_inactive`` · at_risk · every active stage · the owner is no longer an active member
- ``scale_plan_incomplete`` · at_risk · scaling · an involved department has no planning,
  resource or compensation change

`paused`, `stopped` and `adopted` pilots are `on_track` (no rule applies). A pilot's health is
the worst severity among the rules that fire.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from pilotboard.pilots.models import LIFECYCLE, Stage

# --- workspace settings ----------------------------------------------------------------------

DEFAULT_RUBRIC: list[dict[str, Any]] = [
    {"key": "low_stakes", "label": "Low stakes in the relationship", "weight": 1.0},
    {"key": "ideal_conditions", "label": "Ideal conditions for change", "weight": 1.0},
    {"key": "eager_champion", "label": "An eager champion", "weight": 1.0},
    {"key": "learning_value", "label": "Strategic learning value", "weight": 1.0},
    {"key": "data_access", "label": "Access to data", "weight": 1.0},
]
DEFAULT_THRESHOLDS: dict[str, int] = {
    "no_iteration_days": 45,
    "scale_decision_days": 30,
    "selection_days": 60,
    "ready_to_scale_days": 30,
    "invited_not_engaged_days": 21,
    "min_engaged_departments": 2,
    "measurement_gap_iterations": 2,
}

ACTIVE_STAGES = frozenset(
    {Stage.proposed, Stage.selecting, Stage.running, Stage.scale_review, Stage.scaling}
)

# --- candidate scoring -----------------------------------------------------------------------


def candidate_total(scores: Mapping[str, int], rubric: Sequence[Mapping[str, Any]]) -> float | None:
    """The weighted mean of the 1..5 scores mapped to 0..100 (all 5s → 100, all 1s → 0).

    Criteria without a score don't count; ``None`` when nothing weighted is scored.
    """
    weighted = 0.0
    weights = 0.0
    for criterion in rubric:
        score = scores.get(str(criterion["key"]))
        weight = float(criterion["weight"])
        if score is None or weight <= 0:
            continue
        weighted += weight * score
        weights += weight
    if weights == 0:
        return None
    return round((weighted / weights - 1) / 4 * 100, 1)


def derived_risk(*, is_premier: bool, total: float | None) -> str:
    """premier → high; total ≥ 70 → low; ≥ 40 → medium; else high."""
    if is_premier or total is None:
        return "high"
    if total >= 70:
        return "low"
    if total >= 40:
        return "medium"
    return "high"


# --- metrics ---------------------------------------------------------------------------------


def lift(*, latest: float | None, baseline: float | None, direction: str) -> float | None:
    """(latest - baseline) / baseline, sign flipped for `decrease` metrics; None without data
    or when the baseline is 0."""
    if latest is None or baseline is None or baseline == 0:
        return None
    value = (latest - baseline) / baseline
    return round(-value if direction == "decrease" else value, 6)


def progress(*, latest: float | None, baseline: float | None, target: float | None) -> float | None:
    """(latest - baseline) / (target - baseline); None without data or target = baseline."""
    if latest is None or baseline is None or target is None or target == baseline:
        return None
    return round((latest - baseline) / (target - baseline), 6)


def at_target(*, value: float, target: float | None, direction: str) -> bool:
    if target is None:
        return False
    return value <= target if direction == "decrease" else value >= target


def reached_target_on(
    measurements: Sequence[tuple[date, float]], *, target: float | None, direction: str
) -> date | None:
    """When the metric got to its target and stayed there: the first measurement of the final
    run of at-target measurements (``None`` when the latest measurement is not at target)."""
    reached: date | None = None
    for measured_on, value in sorted(measurements, key=lambda m: m[0]):
        if at_target(value=value, target=target, direction=direction):
            reached = reached or measured_on
        else:
            reached = None
    return reached


# --- health ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Reason:
    code: str
    severity: str
    message: str
    threshold: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "threshold": self.threshold,
        }


@dataclass
class HealthResult:
    health: str
    reasons: list[Reason]
    changes_on: date | None = None


@dataclass
class Facts:
    """What health needs to know about a pilot (dates are UTC calendar dates, ISO in JSON)."""

    stage: str
    stage_entered_on: date
    latest_iteration_on: date | None = None
    iteration_count: int = 0
    recent_iterations_measured: list[bool] = field(default_factory=list)  # newest first
    metric_count: int = 0
    customer_metric_count: int = 0
    all_metrics_at_target_since: date | None = None
    engaged_departments: int = 0
    oldest_pending_invite_on: date | None = None
    premier_customer: bool = False
    sponsor_active: bool = False
    owner_active: bool = True
    decision_since_stage_entry: bool = False
    departments_without_plan: int = 0

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for key, value in self.__dict__.items():
            data[key] = value.isoformat() if isinstance(value, date) else value
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any], **known: Any) -> Facts:
        """From ``to_json``'s output (dates may also be given as ``date`` already), with the
        facts in ``known`` taking precedence; unknown keys are ignored. Called for every
        re-evaluated pilot of the portfolio, so lean."""
        fields = cls.__dataclass_fields__
        values = {k: v for k, v in data.items() if k in fields}
        values.update(known)
        for key in _FACT_DATES:
            value = values.get(key)
            if value and value.__class__ is str:
                values[key] = date.fromisoformat(value)
        return cls(**values)


_FACT_DATES = (
    "stage_entered_on",
    "latest_iteration_on",
    "all_metrics_at_target_since",
    "oldest_pending_invite_on",
)

SEVERITY_RANK = {"on_track": 0, "at_risk": 1, "stalled": 2}


def _days(as_of: date, since: date) -> int:
    return (as_of - since).days


def _values(stages: Iterable[Stage]) -> frozenset[str]:
    return frozenset(s.value for s in stages)


def _between(first: Stage, last: Stage) -> frozenset[str]:
    return _values(LIFECYCLE[LIFECYCLE.index(first) : LIFECYCLE.index(last) + 1])


# The stage sets the rules test, built once (evaluate_health runs for thousands of pilots per
# portfolio request).
_ACTIVE = _values(ACTIVE_STAGES)
_SELECTING_TO_SCALING = _between(Stage.selecting, Stage.scaling)
_RUNNING_TO_SCALING = _between(Stage.running, Stage.scaling)
_RUNNING_OR_SCALE_REVIEW = _values((Stage.running, Stage.scale_review))


def evaluate_health(facts: Facts, thresholds: Mapping[str, int], as_of: date) -> HealthResult:
    """Every rule that fires for ``facts`` on ``as_of``, the resulting health, and the first
    later date on which the answer would change if nothing else happened."""
    t = {**DEFAULT_THRESHOLDS, **thresholds}
    stage = facts.stage
    reasons: list[Reason] = []
    upcoming: list[date] = []

    def timed(since: date | None, limit: int) -> bool:
        """`more than limit days since`; remembers when a not-yet-firing rule will fire."""
        if since is None:
            return False
        if _days(as_of, since) > limit:
            return True
        upcoming.append(since + timedelta(days=limit + 1))
        return False

    if stage not in _ACTIVE:
        return HealthResult(health="on_track", reasons=[], changes_on=None)

    if stage == Stage.running:
        since = facts.latest_iteration_on or facts.stage_entered_on
        if timed(since, t["no_iteration_days"]):
            what = "the latest iteration" if facts.latest_iteration_on else "entering running"
            reasons.append(
                Reason(
                    "no_recent_iteration",
                    "stalled",
                    f"No iteration for {_days(as_of, since)} days since {what} "
                    f"(more than {t['no_iteration_days']}): log what changed with the customer.",
                    t["no_iteration_days"],
                )
            )
    if (
        stage == Stage.scale_review
        and not facts.decision_since_stage_entry
        and timed(facts.stage_entered_on, t["scale_decision_days"])
    ):
        reasons.append(
            Reason(
                "scale_decision_overdue",
                "stalled",
                f"Waiting {_days(as_of, facts.stage_entered_on)} days for an executive "
                f"decision (more than {t['scale_decision_days']}): scale, continue, pivot "
                "or stop.",
                t["scale_decision_days"],
            )
        )
    if stage in (Stage.proposed, Stage.selecting) and timed(
        facts.stage_entered_on, t["selection_days"]
    ):
        reasons.append(
            Reason(
                "stuck_in_selection",
                "at_risk",
                f"{_days(as_of, facts.stage_entered_on)} days in {stage} (more than "
                f"{t['selection_days']}): choose the testbed customer and move on.",
                t["selection_days"],
            )
        )
    if (
        stage == Stage.running
        and facts.metric_count > 0
        and timed(facts.all_metrics_at_target_since, t["ready_to_scale_days"])
    ):
        assert facts.all_metrics_at_target_since is not None
        reasons.append(
            Reason(
                "ready_to_scale_not_proposed",
                "at_risk",
                "Every metric has been at its target for "
                f"{_days(as_of, facts.all_metrics_at_target_since)} days (more than "
                f"{t['ready_to_scale_days']}): propose the scale review.",
                t["ready_to_scale_days"],
            )
        )
    if stage in _RUNNING_TO_SCALING and facts.engaged_departments < t["min_engaged_departments"]:
        reasons.append(
            Reason(
                "too_few_departments",
                "at_risk",
                f"Only {facts.engaged_departments} department(s) engaged; at least "
                f"{t['min_engaged_departments']} must own the pilot with you.",
                t["min_engaged_departments"],
            )
        )
    if stage in _SELECTING_TO_SCALING and timed(
        facts.oldest_pending_invite_on, t["invited_not_engaged_days"]
    ):
        assert facts.oldest_pending_invite_on is not None
        reasons.append(
            Reason(
                "department_not_engaged",
                "at_risk",
                "A department was invited "
                f"{_days(as_of, facts.oldest_pending_invite_on)} days ago (more than "
                f"{t['invited_not_engaged_days']}) and is not engaged: show it its stake.",
                t["invited_not_engaged_days"],
            )
        )
    gap = t["measurement_gap_iterations"]
    if (
        stage in _RUNNING_OR_SCALE_REVIEW
        and facts.iteration_count >= gap
        and not any(facts.recent_iterations_measured[:gap])
    ):
        reasons.append(
            Reason(
                "no_recent_measurement",
                "at_risk",
                f"None of the last {gap} iterations has a measurement: collect the data and "
                "look at it.",
                gap,
            )
        )
    if stage in _RUNNING_TO_SCALING and facts.customer_metric_count == 0:
        reasons.append(
            Reason(
                "no_customer_metric",
                "at_risk",
                "No metric measures what the customer experiences: add one.",
                1,
            )
        )
    if stage in _SELECTING_TO_SCALING and facts.premier_customer:
        reasons.append(
            Reason(
                "premier_account",
                "at_risk",
                "The testbed customer is a premier account: a pilot there raises a red flag "
                "with them.",
                0,
            )
        )
    if stage in _RUNNING_TO_SCALING and not facts.sponsor_active:
        reasons.append(
            Reason(
                "no_sponsor",
                "at_risk",
                "No active executive sponsor: scaling needs top management behind it.",
                0,
            )
        )
    if not facts.owner_active:
        reasons.append(
            Reason(
                "owner_inactive",
                "at_risk",
                "The owner is no longer an active member: hand the pilot to someone.",
                0,
            )
        )
    if stage == Stage.scaling and facts.departments_without_plan > 0:
        reasons.append(
            Reason(
                "scale_plan_incomplete",
                "at_risk",
                f"{facts.departments_without_plan} involved department(s) have no planning, "
                "resource or compensation change in the scale plan.",
                0,
            )
        )

    health = "on_track"
    for reason in reasons:
        if SEVERITY_RANK[reason.severity] > SEVERITY_RANK[health]:
            health = reason.severity
    return HealthResult(
        health=health, reasons=reasons, changes_on=min(upcoming) if upcoming else None
    )


# --- gates -----------------------------------------------------------------------------------


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


def gate(to_stage: str, facts: GateFacts, *, min_engaged: int = 2) -> list[Criterion]:
    """The readiness checklist for entering ``to_stage`` (empty when it has no gate)."""
    if to_stage == Stage.running:
        return [
            Criterion(
                "customer_chosen",
                facts.has_customer,
                "A testbed customer is chosen from the candidates.",
            ),
            Criterion("hypothesis", facts.has_hypothesis, "The hypothesis is written down."),
            Criterion(
                "engaged_departments",
                facts.engaged_with_stake >= min_engaged,
                f"At least {min_engaged} departments are engaged, each with its stake "
                f"({facts.engaged_with_stake} now).",
            ),
            Criterion(
                "customer_metric",
                facts.customer_metric_with_targets >= 1,
                "At least one customer-experienced metric has a baseline and a target "
                "(success is defined before the pilot starts).",
            ),
            Criterion("sponsor", facts.has_sponsor, "An executive sponsor is named."),
            Criterion(
                "start_decision",
                facts.has_start_decision,
                "An executive recorded a `start` decision.",
            ),
        ]
    if to_stage == Stage.scale_review:
        missing = facts.metrics_without_measurement
        return [
            Criterion(
                "iterations",
                facts.iteration_count >= 2,
                f"At least 2 iterations are logged ({facts.iteration_count} now).",
            ),
            Criterion(
                "measurements",
                facts.metric_count > 0 and not missing,
                "Every metric has at least one measurement"
                + (f" (missing: {', '.join(missing)})." if missing else "."),
            ),
        ]
    if to_stage == Stage.scaling:
        missing_plan = facts.departments_without_plan
        return [
            Criterion(
                "scale_decision",
                facts.has_scale_decision_by_executive,
                "An executive recorded a `scale` decision.",
            ),
            Criterion(
                "scale_plan",
                facts.has_scale_plan and not missing_plan,
                "The scale plan names planning, resource or compensation changes for every "
                "involved department"
                + (f" (missing: {', '.join(missing_plan)})." if missing_plan else "."),
            ),
        ]
    if to_stage == Stage.adopted:
        return [
            Criterion(
                "scale_plan_done",
                facts.plan_item_count > 0 and facts.open_plan_items == 0,
                "Every scale-plan item is done"
                + (f" ({facts.open_plan_items} open)." if facts.open_plan_items else "."),
            )
        ]
    return []


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
