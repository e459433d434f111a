"""The lifecycle as pure functions: the moves a pilot may make and every gate's criteria."""

from __future__ import annotations

from datetime import date

from pilotboard.pilots.lifecycle import rules
from pilotboard.pilots.lifecycle.rules import GateFacts, Limits, check_move

T = {"min_engaged_departments": 2}
D0 = date(2026, 6, 1)
L = Limits(as_of=D0)


class TestGates:
    def test_running_lists_every_criterion(self) -> None:
        criteria = rules.gate("running", GateFacts(has_hypothesis=True, engaged_with_stake=1), L)
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
            GateFacts(
                iterations=[(date(2026, 1, 1), date(2026, 2, 1)), (date(2026, 2, 1), None)],
                first_running_on=date(2026, 1, 1),
                metric_count=2,
                metrics_without_measurement=["NPS"],
            ),
            L,
        )
        assert [(c.code, c.met) for c in criteria] == [
            ("iterations", True),
            ("measurements", False),
            ("time_running", True),
        ]
        assert "NPS" in criteria[1].message

    def test_adopted_needs_every_item_done(self) -> None:
        assert not rules.gate("adopted", GateFacts(plan_item_count=2, open_plan_items=1), L)[0].met
        assert rules.gate("adopted", GateFacts(plan_item_count=2, open_plan_items=0), L)[0].met

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


class TestCheckMove:
    def test_a_move_the_lifecycle_forbids_lists_that_first_then_the_gate(self) -> None:
        move = check_move("proposed", None, "running", GateFacts(), T, D0)
        assert (move.allowed, move.met) == (False, False)
        assert move.criteria[0].code == "lifecycle"
        assert "allowed next: selecting, paused, stopped" in move.criteria[0].message
        assert [c.code for c in move.criteria[1:]] == [
            "customer_chosen",
            "hypothesis",
            "engaged_departments",
            "customer_metric",
            "sponsor",
            "start_decision",
        ]

    def test_back_to_running_needs_a_continue_or_pivot_decision(self) -> None:
        waiting = check_move("scale_review", None, "running", GateFacts(), T, D0)
        assert [(c.code, c.met) for c in waiting.criteria] == [
            ("continue_or_pivot_decision", False)
        ]
        decided = GateFacts(continue_or_pivot_since_entry=True)
        assert check_move("scale_review", None, "running", decided, T, D0).met

    def test_a_paused_pilot_returns_to_its_stage_without_a_gate(self) -> None:
        move = check_move("paused", "running", "running", GateFacts(), T, D0)
        assert (move.allowed, move.criteria, move.met) == (True, [], True)
        assert not check_move("paused", "running", "scaling", GateFacts(), T, D0).allowed

    def test_the_workspace_threshold_sets_the_departments_needed(self) -> None:
        facts = GateFacts(engaged_with_stake=2)
        strict = check_move("selecting", None, "running", facts, {"min_engaged_departments": 3}, D0)
        assert [c.met for c in strict.unmet if c.code == "engaged_departments"] == [False]
        assert all(
            c.code != "engaged_departments"
            for c in check_move("selecting", None, "running", facts, T, D0).unmet
        )


class TestTheGatesTable:
    def test_the_documentation_is_generated_from_the_table(self) -> None:
        text = rules.gates_markdown()
        for stage, gate_rules in rules.GATES.items():
            assert f"into `{stage}`" in text
            for rule in gate_rules:
                assert rule.summary in text

    def test_a_stage_without_a_gate_has_no_criteria(self) -> None:
        assert rules.gate("selecting", GateFacts(), L) == []
        assert rules.gate("paused", GateFacts(), L) == []
