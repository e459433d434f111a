"""Candidate scoring as pure functions."""

from __future__ import annotations

import pytest

from pilotboard.pilots.candidates import scoring as rules


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
