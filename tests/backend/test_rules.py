"""The method's rules as pure functions, at their threshold edges."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pilotboard.pilots import rules
from pilotboard.pilots.rules import Facts, GateFacts

T = rules.DEFAULT_THRESHOLDS
D0 = date(2026, 1, 1)


def codes(facts: Facts, as_of: date, thresholds: dict[str, int] | None = None) -> list[str]:
    return [r.code for r in rules.evaluate_health(facts, thresholds or T, as_of).reasons]


def healthy(stage: str, **overrides: object) -> Facts:
    """A pilot in ``stage`` that breaks no rule on D0."""
    values: dict[str, object] = {
        "stage": stage,
        "stage_entered_on": D0,
        "latest_iteration_on": D0,
        "iteration_count": 0,
        "metric_count": 1,
        "customer_metric_count": 1,
        "engaged_departments": 2,
        "sponsor_active": True,
        "owner_active": True,
    }
    values.update(overrides)
    return Facts(**values)  # type: ignore[arg-type]


class TestCandidateScore:
    def test_all_fives_is_100_and_all_ones_is_0(self) -> None:
        keys = [c["key"] for c in rules.DEFAULT_RUBRIC]
        assert rules.candidate_total(dict.fromkeys(keys, 5), rules.DEFAULT_RUBRIC) == 100.0
        assert rules.candidate_total(dict.fromkeys(keys, 1), rules.DEFAULT_RUBRIC) == 0.0

    def test_weighted_mean(self) -> None:
        rubric = [{"key": "a", "label": "A", "weight": 3}, {"key": "b", "label": "B", "weight": 1}]
        # (3*5 + 1*1) / 4 = 4.0 → (4 - 1) / 4 * 100 = 75
        assert rules.candidate_total({"a": 5, "b": 1}, rubric) == 75.0

    def test_nothing_scored_is_none(self) -> None:
        assert rules.candidate_total({}, rules.DEFAULT_RUBRIC) is None

    @pytest.mark.parametrize(
        ("premier", "total", "risk"),
        [
            (True, 100.0, "high"),
            (False, 70.0, "low"),
            (False, 69.9, "medium"),
            (False, 40.0, "medium"),
            (False, 39.9, "high"),
        ],
    )
    def test_derived_risk(self, premier: bool, total: float, risk: str) -> None:
        assert rules.derived_risk(is_premier=premier, total=total) == risk


class TestMetricFigures:
    def test_lift_for_increase_and_decrease(self) -> None:
        assert rules.lift(latest=135, baseline=100, direction="increase") == 0.35
        assert rules.lift(latest=35, baseline=50, direction="decrease") == 0.3

    def test_lift_is_none_without_data_or_zero_baseline(self) -> None:
        assert rules.lift(latest=None, baseline=100, direction="increase") is None
        assert rules.lift(latest=10, baseline=0, direction="increase") is None

    def test_progress(self) -> None:
        assert rules.progress(latest=45, baseline=55, target=35) == 0.5
        assert rules.progress(latest=45, baseline=55, target=55) is None

    def test_reached_target_is_the_start_of_the_final_run(self) -> None:
        series = [(D0, 10.0), (D0 + timedelta(days=5), 30.0), (D0 + timedelta(days=9), 12.0),
                  (D0 + timedelta(days=20), 31.0), (D0 + timedelta(days=30), 40.0)]  # fmt: skip
        assert rules.reached_target_on(series, target=30, direction="increase") == D0 + timedelta(
            days=20
        )
        assert rules.reached_target_on(series[:3], target=30, direction="increase") is None


class TestHealth:
    def test_no_recent_iteration_fires_after_45_days(self) -> None:
        facts = healthy("running")
        assert codes(facts, D0 + timedelta(days=45)) == []
        assert codes(facts, D0 + timedelta(days=46)) == ["no_recent_iteration"]
        result = rules.evaluate_health(facts, T, D0 + timedelta(days=46))
        assert result.health == "stalled"
        assert result.reasons[0].threshold == 45

    def test_no_recent_iteration_counts_from_entering_running_without_iterations(self) -> None:
        facts = healthy(
            "running", latest_iteration_on=None, stage_entered_on=D0 + timedelta(days=10)
        )
        assert codes(facts, D0 + timedelta(days=55)) == []
        assert codes(facts, D0 + timedelta(days=56)) == ["no_recent_iteration"]

    def test_scale_decision_overdue_after_30_days_without_a_decision(self) -> None:
        facts = healthy("scale_review", iteration_count=2, recent_iterations_measured=[True, True])
        assert codes(facts, D0 + timedelta(days=30)) == []
        assert codes(facts, D0 + timedelta(days=31)) == ["scale_decision_overdue"]
        decided = healthy("scale_review", decision_since_stage_entry=True)
        assert codes(decided, D0 + timedelta(days=90)) == []

    @pytest.mark.parametrize("stage", ["proposed", "selecting"])
    def test_stuck_in_selection_after_60_days(self, stage: str) -> None:
        facts = healthy(stage)
        assert codes(facts, D0 + timedelta(days=60)) == []
        assert codes(facts, D0 + timedelta(days=61)) == ["stuck_in_selection"]
        assert rules.evaluate_health(facts, T, D0 + timedelta(days=61)).health == "at_risk"

    def test_ready_to_scale_not_proposed_30_days_after_the_last_target(self) -> None:
        facts = healthy(
            "running", all_metrics_at_target_since=D0, latest_iteration_on=D0 + timedelta(days=20)
        )
        assert codes(facts, D0 + timedelta(days=30)) == []
        assert codes(facts, D0 + timedelta(days=31)) == ["ready_to_scale_not_proposed"]

    def test_too_few_departments(self) -> None:
        assert codes(healthy("running", engaged_departments=1), D0) == ["too_few_departments"]
        assert codes(healthy("scaling", engaged_departments=2), D0) == []
        assert codes(
            healthy("running", engaged_departments=2), D0, {**T, "min_engaged_departments": 3}
        ) == ["too_few_departments"]

    def test_department_not_engaged_after_21_days(self) -> None:
        facts = healthy("selecting", oldest_pending_invite_on=D0)
        assert codes(facts, D0 + timedelta(days=21)) == []
        assert codes(facts, D0 + timedelta(days=22)) == ["department_not_engaged"]
        assert (
            codes(healthy("proposed", oldest_pending_invite_on=D0), D0 + timedelta(days=22)) == []
        )

    def test_no_recent_measurement_needs_two_unmeasured_iterations(self) -> None:
        assert (
            codes(healthy("running", iteration_count=1, recent_iterations_measured=[False]), D0)
            == []
        )
        assert (
            codes(
                healthy("running", iteration_count=2, recent_iterations_measured=[False, True]), D0
            )
            == []
        )
        assert codes(
            healthy("running", iteration_count=3, recent_iterations_measured=[False, False, True]),
            D0,
        ) == ["no_recent_measurement"]

    def test_no_customer_metric(self) -> None:
        assert codes(healthy("running", customer_metric_count=0), D0) == ["no_customer_metric"]
        assert codes(healthy("selecting", customer_metric_count=0), D0) == []

    def test_premier_account(self) -> None:
        assert codes(healthy("selecting", premier_customer=True), D0) == ["premier_account"]
        assert codes(healthy("proposed", premier_customer=True), D0) == []

    def test_no_sponsor_and_owner_inactive(self) -> None:
        assert codes(healthy("running", sponsor_active=False), D0) == ["no_sponsor"]
        assert codes(healthy("proposed", sponsor_active=False), D0) == []
        assert codes(healthy("proposed", owner_active=False), D0) == ["owner_inactive"]

    def test_scale_plan_incomplete(self) -> None:
        assert codes(healthy("scaling", departments_without_plan=1), D0) == [
            "scale_plan_incomplete"
        ]

    @pytest.mark.parametrize("stage", ["paused", "stopped", "adopted"])
    def test_inactive_stages_are_on_track(self, stage: str) -> None:
        facts = healthy(stage, owner_active=False, engaged_departments=0, premier_customer=True)
        assert rules.evaluate_health(facts, T, D0 + timedelta(days=400)).health == "on_track"

    def test_worst_severity_wins_and_changes_on_is_the_next_flip(self) -> None:
        facts = healthy("running", engaged_departments=1, latest_iteration_on=D0)
        result = rules.evaluate_health(facts, T, D0 + timedelta(days=10))
        assert result.health == "at_risk"
        assert result.changes_on == D0 + timedelta(days=46)
        assert rules.evaluate_health(facts, T, D0 + timedelta(days=46)).health == "stalled"

    def test_facts_survive_json(self) -> None:
        facts = healthy("running", oldest_pending_invite_on=D0, all_metrics_at_target_since=D0)
        assert Facts.from_json(facts.to_json()) == facts


class TestGates:
    def test_running_lists_every_criterion(self) -> None:
        criteria = rules.gate("running", GateFacts(has_hypothesis=True, engaged_with_stake=1))
        assert [(c.code, c.met) for c in criteria] == [
            ("customer_chosen", False),
            ("hypothesis", True),
            ("engaged_departments", False),
            ("customer_metric", False),
            ("sponsor", False),
            ("start_decision", False),
        ]

    def test_scale_review_names_unmeasured_metrics(self) -> None:
        criteria = rules.gate(
            "scale_review",
            GateFacts(iteration_count=2, metric_count=2, metrics_without_measurement=["NPS"]),
        )
        assert [(c.code, c.met) for c in criteria] == [
            ("iterations", True),
            ("measurements", False),
        ]
        assert "NPS" in criteria[1].message

    def test_adopted_needs_every_item_done(self) -> None:
        assert not rules.gate("adopted", GateFacts(plan_item_count=2, open_plan_items=1))[0].met
        assert rules.gate("adopted", GateFacts(plan_item_count=2, open_plan_items=0))[0].met

    def test_allowed_moves(self) -> None:
        assert rules.allowed_moves("proposed", None) == ["selecting", "paused", "stopped"]
        assert rules.allowed_moves("scale_review", None) == [
            "scaling",
            "running",
            "paused",
            "stopped",
        ]
        assert rules.allowed_moves("paused", "running") == ["running", "stopped"]
        assert rules.allowed_moves("adopted", None) == []
        assert rules.allowed_moves("stopped", None) == []
