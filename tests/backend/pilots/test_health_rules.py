"""The health rules as pure functions, at their threshold edges, and the table they are kept in."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from pilotboard.pilots.health import rules
from pilotboard.pilots.health.rules import Facts

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


class TestTheTable:
    def test_every_rule_is_documented_with_its_default_threshold(self) -> None:
        text = rules.rules_markdown()
        for rule in rules.RULES:
            assert f"``{rule.code}``" in text
            assert "{limit}" not in text
        assert "more than 45 days since the latest iteration" in text
        assert "over 21 days ago" in text
        assert "proposed, selecting" in text
        assert "selecting to scaling" in text

    def test_every_threshold_belongs_to_a_rule_or_schedules_something(self) -> None:
        used = {rule.threshold for rule in rules.RULES if rule.threshold}
        assert used == set(rules.DEFAULT_THRESHOLDS) - rules.SCHEDULE_THRESHOLDS
        assert {"check_in_days"} == set(rules.SCHEDULE_THRESHOLDS)

    def test_codes_are_unique_and_severities_known(self) -> None:
        assert len(rules.RULES_BY_CODE) == len(rules.RULES)
        assert {rule.severity for rule in rules.RULES} <= {"at_risk", "stalled"}

    def test_the_rules_fire_in_table_order(self) -> None:
        facts = healthy(
            "running",
            engaged_departments=0,
            customer_metric_count=0,
            sponsor_active=False,
            owner_active=False,
            latest_iteration_on=D0 - timedelta(days=100),
        )
        fired = codes(facts, D0)
        order = [rule.code for rule in rules.RULES]
        assert fired == sorted(fired, key=order.index)
        assert fired[0] == "no_recent_iteration"
