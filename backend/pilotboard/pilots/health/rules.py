"""The health rules, as one table: what each rule checks, when, how badly, and what it says.

Nothing here touches the database or the clock. Health is a function of a pilot's *facts* (a
compact summary of its data, built in ``facts.py``), the workspace's thresholds and the
evaluation date; a day count is whole calendar days: the evaluation date minus the UTC date of
the event. A pilot's health is the worst severity among the rules that fire; `paused`,
`stopped` and `adopted` pilots are `on_track` (no rule applies).

To add a rule, add a row to ``RULES`` (and its threshold, if it has one, to
``DEFAULT_THRESHOLDS``): the API documentation (:func:`rules_markdown`), the evaluation and the
date on which a timed rule will fire all follow from the row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from pilotboard.pilots.models import ACTIVE_STAGES, LIFECYCLE, Pilot, Stage

DEFAULT_THRESHOLDS: dict[str, int] = {
    "no_iteration_days": 45,
    "scale_decision_days": 30,
    "selection_days": 60,
    "ready_to_scale_days": 30,
    "invited_not_engaged_days": 21,
    "min_engaged_departments": 2,
    "measurement_gap_iterations": 2,
    "department_silence_days": 30,
    "customer_voice_days": 30,
    # Not a rule's: how often a running pilot's departments are asked to check in
    # (``pilots/checkins``); a workspace threshold all the same, set in the same place.
    "check_in_days": 21,
}
# The thresholds that schedule something rather than judge health.
SCHEDULE_THRESHOLDS = frozenset({"check_in_days"})

SEVERITY_RANK = {"on_track": 0, "at_risk": 1, "stalled": 2}


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
    # The engaged or champion department silent the longest, and since when: its last check-in,
    # or when it was first asked (departments never asked and never checked in are left out).
    silent_department: str | None = None
    silent_since: date | None = None
    # The customer's voice: an unrevoked feedback link, the latest iteration's start (by
    # number) and the UTC date of the latest feedback response.
    has_feedback_link: bool = False
    latest_iteration_started_on: date | None = None
    latest_response_on: date | None = None

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
    "silent_since",
    "latest_iteration_started_on",
    "latest_response_on",
)


# --- the table -------------------------------------------------------------------------------


def _stages(*stages: Stage) -> frozenset[str]:
    return frozenset(s.value for s in stages)


def _between(first: Stage, last: Stage) -> frozenset[str]:
    return _stages(*LIFECYCLE[LIFECYCLE.index(first) : LIFECYCLE.index(last) + 1])


def _always(_facts: Facts, _limit: int) -> bool:
    return True


def _heard_since_latest_iteration(facts: Facts) -> bool:
    """A feedback response came on or after the day the latest iteration started."""
    started, heard = facts.latest_iteration_started_on, facts.latest_response_on
    return started is not None and heard is not None and heard >= started


@dataclass(frozen=True)
class Rule:
    """One health rule.

    A *timed* rule (``since`` set) fires once more than ``limit`` whole days have passed since
    ``since(facts)``, provided ``applies(facts, limit)``; until then it tells on which date it
    will fire. Any other rule fires when ``applies(facts, limit)``. ``limit`` is the workspace's
    value of ``threshold`` (the ``fixed`` number when the rule has no threshold of its own);
    ``message(facts, limit, days)`` gets the days since ``since`` for a timed rule (else 0).
    ``fires_when`` documents the rule; ``{limit}`` in it stands for the default threshold.
    """

    code: str
    severity: str
    stages: frozenset[str]
    fires_when: str
    message: Callable[[Facts, int, int], str]
    applies: Callable[[Facts, int], bool] = _always
    since: Callable[[Facts], date | None] | None = None
    threshold: str | None = None
    fixed: int = 0

    def limit(self, thresholds: Mapping[str, int]) -> int:
        return thresholds[self.threshold] if self.threshold else self.fixed


RULES: tuple[Rule, ...] = (
    Rule(
        code="no_recent_iteration",
        severity="stalled",
        stages=_stages(Stage.running),
        threshold="no_iteration_days",
        since=lambda f: f.latest_iteration_on or f.stage_entered_on,
        fires_when="more than {limit} days since the latest iteration's start or end date (or "
        "since entering `running` when there is none)",
        message=lambda f, limit, days: (
            f"No iteration for {days} days since "
            f"{'the latest iteration' if f.latest_iteration_on else 'entering running'} "
            f"(more than {limit}): log what changed with the customer."
        ),
    ),
    Rule(
        code="scale_decision_overdue",
        severity="stalled",
        stages=_stages(Stage.scale_review),
        threshold="scale_decision_days",
        applies=lambda f, _: not f.decision_since_stage_entry,
        since=lambda f: f.stage_entered_on,
        fires_when="over {limit} days in the stage without a `scale`, `continue`, `pivot` or "
        "`stop` decision taken since entering it",
        message=lambda f, limit, days: (
            f"Waiting {days} days for an executive decision (more than {limit}): scale, "
            "continue, pivot or stop."
        ),
    ),
    Rule(
        code="stuck_in_selection",
        severity="at_risk",
        stages=_stages(Stage.proposed, Stage.selecting),
        threshold="selection_days",
        since=lambda f: f.stage_entered_on,
        fires_when="over {limit} days in the stage",
        message=lambda f, limit, days: (
            f"{days} days in {f.stage} (more than {limit}): choose the testbed customer and "
            "move on."
        ),
    ),
    Rule(
        code="ready_to_scale_not_proposed",
        severity="at_risk",
        stages=_stages(Stage.running),
        threshold="ready_to_scale_days",
        applies=lambda f, _: f.metric_count > 0,
        since=lambda f: f.all_metrics_at_target_since,
        fires_when="every metric at or past its target, and over {limit} days since the "
        "measurement that brought the last of them there",
        message=lambda f, limit, days: (
            f"Every metric has been at its target for {days} days (more than {limit}): propose "
            "the scale review."
        ),
    ),
    Rule(
        code="too_few_departments",
        severity="at_risk",
        stages=_between(Stage.running, Stage.scaling),
        threshold="min_engaged_departments",
        applies=lambda f, limit: f.engaged_departments < limit,
        fires_when="fewer than {limit} departments `engaged` or `champion`",
        message=lambda f, limit, _: (
            f"Only {f.engaged_departments} department(s) engaged; at least {limit} must own "
            "the pilot with you."
        ),
    ),
    Rule(
        code="department_not_engaged",
        severity="at_risk",
        stages=_between(Stage.selecting, Stage.scaling),
        threshold="invited_not_engaged_days",
        since=lambda f: f.oldest_pending_invite_on,
        fires_when="a department `invited` over {limit} days ago and still not engaged",
        message=lambda f, limit, days: (
            f"A department was invited {days} days ago (more than {limit}) and is not engaged: "
            "show it its stake."
        ),
    ),
    Rule(
        code="no_recent_measurement",
        severity="at_risk",
        stages=_stages(Stage.running, Stage.scale_review),
        threshold="measurement_gap_iterations",
        applies=lambda f, gap: (
            f.iteration_count >= gap and not any(f.recent_iterations_measured[:gap])
        ),
        fires_when="at least {limit} iterations, and none of the last {limit} has a measurement",
        message=lambda f, gap, _: (
            f"None of the last {gap} iterations has a measurement: collect the data and look at it."
        ),
    ),
    Rule(
        code="no_customer_metric",
        severity="at_risk",
        stages=_between(Stage.running, Stage.scaling),
        fixed=1,
        applies=lambda f, _: f.customer_metric_count == 0,
        fires_when="no `customer_experienced` metric",
        message=lambda f, limit, _: "No metric measures what the customer experiences: add one.",
    ),
    Rule(
        code="premier_account",
        severity="at_risk",
        stages=_between(Stage.selecting, Stage.scaling),
        applies=lambda f, _: f.premier_customer,
        fires_when="the chosen customer is a premier account",
        message=lambda f, limit, _: (
            "The testbed customer is a premier account: a pilot there raises a red flag with them."
        ),
    ),
    Rule(
        code="no_sponsor",
        severity="at_risk",
        stages=_between(Stage.running, Stage.scaling),
        applies=lambda f, _: not f.sponsor_active,
        fires_when="no executive sponsor, or the sponsor is no longer an active member",
        message=lambda f, limit, _: (
            "No active executive sponsor: scaling needs top management behind it."
        ),
    ),
    Rule(
        code="owner_inactive",
        severity="at_risk",
        stages=frozenset(s.value for s in ACTIVE_STAGES),
        applies=lambda f, _: not f.owner_active,
        fires_when="the owner is no longer an active member",
        message=lambda f, limit, _: (
            "The owner is no longer an active member: hand the pilot to someone."
        ),
    ),
    Rule(
        code="scale_plan_incomplete",
        severity="at_risk",
        stages=_stages(Stage.scaling),
        applies=lambda f, _: f.departments_without_plan > 0,
        fires_when="an involved department has no planning, resource or compensation change",
        message=lambda f, limit, _: (
            f"{f.departments_without_plan} involved department(s) have no planning, resource "
            "or compensation change in the scale plan."
        ),
    ),
    Rule(
        code="department_silent",
        severity="at_risk",
        stages=_stages(Stage.running, Stage.scale_review),
        threshold="department_silence_days",
        since=lambda f: f.silent_since,
        fires_when="an `engaged` or `champion` department has not checked in for more than "
        "{limit} days (since its last check-in, or since it was first asked)",
        message=lambda f, limit, days: (
            f"{f.silent_department or 'A department'}: silent for {days} days (more than "
            f"{limit}): ask how the pilot is going for them."
        ),
    ),
    Rule(
        code="no_customer_voice",
        severity="at_risk",
        stages=_stages(Stage.running, Stage.scale_review),
        threshold="customer_voice_days",
        applies=lambda f, _: f.has_feedback_link and not _heard_since_latest_iteration(f),
        since=lambda f: f.latest_iteration_started_on,
        fires_when="the pilot has a customer feedback link, and its latest iteration started "
        "more than {limit} days ago without a response since",
        message=lambda f, limit, days: (
            f"No word from the customer on the iteration started {days} days ago (more than "
            f"{limit}): ask them through the feedback link."
        ),
    ),
)

RULES_BY_CODE = {rule.code: rule for rule in RULES}
_ACTIVE = frozenset(s.value for s in ACTIVE_STAGES)


# --- evaluation ------------------------------------------------------------------------------


def evaluate_health(facts: Facts, thresholds: Mapping[str, int], as_of: date) -> HealthResult:
    """Every rule that fires for ``facts`` on ``as_of`` (in the table's order), the resulting
    health, and the first later date on which the answer would change if nothing else
    happened. Runs for thousands of pilots per portfolio request, so lean."""
    stage = facts.stage
    if stage not in _ACTIVE:
        return HealthResult(health="on_track", reasons=[], changes_on=None)
    t = {**DEFAULT_THRESHOLDS, **thresholds}
    reasons: list[Reason] = []
    upcoming: list[date] = []
    for rule in RULES:
        if stage not in rule.stages:
            continue
        limit = rule.limit(t)
        if not rule.applies(facts, limit):
            continue
        days = 0
        if rule.since is not None:
            since = rule.since(facts)
            if since is None:
                continue
            days = (as_of - since).days
            if days <= limit:
                upcoming.append(since + timedelta(days=limit + 1))
                continue
        reasons.append(Reason(rule.code, rule.severity, rule.message(facts, limit, days), limit))
    health = "on_track"
    for reason in reasons:
        if SEVERITY_RANK[reason.severity] > SEVERITY_RANK[health]:
            health = reason.severity
    return HealthResult(
        health=health, reasons=reasons, changes_on=min(upcoming) if upcoming else None
    )


def evaluate_pilot(pilot: Pilot, thresholds: Mapping[str, int], as_of: date) -> HealthResult:
    """A pilot's health from its stored facts; its stage and the stage's date always come from
    the pilot itself."""
    facts = Facts.from_json(
        {
            **pilot.health_facts,
            "stage": pilot.stage,
            "stage_entered_on": pilot.stage_entered_at.date().isoformat(),
        }
    )
    return evaluate_health(facts, thresholds, as_of)


# --- documentation ---------------------------------------------------------------------------


def _stages_in_words(stages: frozenset[str]) -> str:
    if stages == _ACTIVE:
        return "every active stage"
    ordered = [s.value for s in LIFECYCLE if s.value in stages]
    first, last = LIFECYCLE.index(Stage(ordered[0])), LIFECYCLE.index(Stage(ordered[-1]))
    if len(ordered) > 2 and last - first + 1 == len(ordered):
        return f"{ordered[0]} to {ordered[-1]}"
    return ", ".join(ordered)


def rules_markdown(thresholds: Mapping[str, int] = DEFAULT_THRESHOLDS) -> str:
    """The rules as documentation, generated from the table: one line per rule (code ·
    severity · stages · fires when, with the default threshold)."""
    lines = [
        "Health rules (code · severity · stages · fires when, with the default threshold):",
        "",
    ]
    for rule in RULES:
        when = rule.fires_when.format(limit=rule.limit(thresholds))
        stages = _stages_in_words(rule.stages)
        lines.append(f"- ``{rule.code}`` · {rule.severity} · {stages} · {when}")
    lines += [
        "",
        "`paused`, `stopped` and `adopted` pilots are `on_track` (no rule applies). A pilot's "
        "health is the worst severity among the rules that fire.",
    ]
    return "\n".join(lines)
