"""A metric's figures, as pure functions: lift, progress toward the target, and when the target
was reached."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pilotboard.pilots.models import PERIODS_PER_YEAR, RevenuePeriod


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


def gain_per_year(
    *, latest: float | None, baseline: float | None, period: str | None
) -> float | None:
    """The revenue gain (latest - baseline, unsigned by direction) annualised by the revenue
    metric's period (x 12 per month, x 4 per quarter, x 1 per year, the default); None without
    data."""
    if latest is None or baseline is None:
        return None
    per_year = PERIODS_PER_YEAR.get(RevenuePeriod(period or RevenuePeriod.year), 1)
    return round((latest - baseline) * per_year, 6)
