"""A metric's figures as pure functions: lift, progress, when the target was reached."""

from __future__ import annotations

from datetime import date, timedelta

from pilotboard.pilots.metrics import figures as rules

D0 = date(2026, 1, 1)


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
