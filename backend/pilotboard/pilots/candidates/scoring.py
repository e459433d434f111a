"""Candidate scoring, as pure functions: the rubric's weighted total and the risk it implies."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

DEFAULT_RUBRIC: list[dict[str, Any]] = [
    {"key": "low_stakes", "label": "Low stakes in the relationship", "weight": 1.0},
    {"key": "ideal_conditions", "label": "Ideal conditions for change", "weight": 1.0},
    {"key": "eager_champion", "label": "An eager champion", "weight": 1.0},
    {"key": "learning_value", "label": "Strategic learning value", "weight": 1.0},
    {"key": "data_access", "label": "Access to data", "weight": 1.0},
]


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
