"""Success criteria, as pure functions: which side of the baseline a target must lie on, which
changes of a metric are changes of a success criterion once the pilot has started, and how such a
change is recorded and told."""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any, Literal

from pilotboard.pilots.models import Direction

CriterionField = Literal["baseline", "target", "direction", "kind", "revenue_period"]

# What a metric's success means: changed after the pilot first entered `running`, each needs a
# reason and is recorded. `revenue_period` only for the revenue metric (it changes what the
# pilot's revenue gain means).
CRITERIA: tuple[CriterionField, ...] = ("baseline", "target", "direction", "kind")
REVENUE_CRITERIA: tuple[CriterionField, ...] = (*CRITERIA, "revenue_period")

MIN_REASON = 10
MAX_REASON = 2000

_LABELS = {"revenue_period": "revenue period"}


def shown(value: Any) -> str:
    """A criterion's value as a sentence shows it: numbers as floats (``12.0``), none as
    ``none``."""
    if value is None:
        return "none"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(float(value))
    return str(value)


def target_side_problem(
    *, direction: str, baseline: float | None, target: float | None
) -> str | None:
    """Why ``target`` is on the wrong side of ``baseline`` (it must be better: above it when
    higher is better, below it when lower is), or None when it is fine or either is unset."""
    if baseline is None or target is None:
        return None
    if direction == Direction.decrease:
        if target < baseline:
            return None
        return (
            "For a metric where lower is better, the target must be below the baseline "
            f"({shown(baseline)})."
        )
    if target > baseline:
        return None
    return (
        "For a metric where higher is better, the target must be above the baseline "
        f"({shown(baseline)})."
    )


def changed_criteria(
    before: Mapping[str, Any], after: Mapping[str, Any], *, is_revenue: bool
) -> list[CriterionField]:
    """The success criteria whose value differs between ``before`` and ``after`` (in the order
    of ``REVENUE_CRITERIA``; the revenue period counts for the revenue metric only)."""
    fields = REVENUE_CRITERIA if is_revenue else CRITERIA
    return [name for name in fields if name in after and after[name] != before.get(name)]


def reason_problem(reason: str | None) -> str | None:
    """Why ``reason`` (given) cannot explain a change of success criteria, or None."""
    if reason is None:
        return None
    length = len(reason.strip())
    if length < MIN_REASON:
        return f"Say why, in at least {MIN_REASON} characters."
    if length > MAX_REASON:
        return f"Keep it to {MAX_REASON} characters."
    return None


def criteria_entries(
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    fields: Sequence[CriterionField],
    *,
    reason: str,
    changed_by: uuid.UUID | None,
    changed_at: datetime,
) -> list[dict[str, Any]]:
    """One entry of a metric's ``criteria_changes`` per changed field, as stored (JSON)."""
    return [
        {
            "field": name,
            "before": before.get(name),
            "after": after.get(name),
            "reason": reason,
            "changed_by": str(changed_by) if changed_by else None,
            "changed_at": changed_at.isoformat(),
        }
        for name in fields
    ]


def change_summary(
    name: str,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    fields: Sequence[CriterionField],
    reason: str,
) -> str:
    """The activity log's line: “Minutes”: target moved from 3.0 to 2.5 because …"""
    moves = ", ".join(
        f"{_LABELS.get(f, f)} moved from {shown(before.get(f))} to {shown(after.get(f))}"
        for f in fields
    )
    return f"Metric “{name}”: {moves} because {reason}"


def locked_detail(name: str, fields: Sequence[CriterionField]) -> str:
    """The 409's detail: which success criteria a change would move, and what it needs."""
    labels = [_LABELS.get(f, f) for f in fields]
    listed = labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
    return (
        f"The pilot has started, so its success criteria are fixed: changing the {listed} of "
        f"“{name}” needs a `change_reason` ({MIN_REASON} to {MAX_REASON} characters), which is "
        "recorded with the change."
    )


def deletion_locked_detail(name: str) -> str:
    return (
        f"The pilot has started, so its success criteria are fixed: deleting “{name}” needs a "
        f"`reason` (at least {MIN_REASON} characters), which is recorded in the activity log."
    )
