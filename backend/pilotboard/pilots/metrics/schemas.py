"""API shapes of the outcome metrics and their measurements."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from pilotboard.core.fields import refuses_null
from pilotboard.pilots.metrics.rules import MAX_REASON, MIN_REASON, CriterionField
from pilotboard.pilots.models import (
    Direction,
    MetricKind,
    RevenuePeriod,
)
from pilotboard.pilots.schemas import Body, Stamped

Value = float

_TARGET = (
    "The value that means success: above the baseline when higher is better (`increase`), "
    "below it when lower is better (`decrease`)."
)
_REVENUE_PERIOD = (
    "What the revenue metric's values are per: `month`, `quarter` or `year` (default). The "
    "pilot's revenue gain is annualised from it (times 12, 4 or 1); other metrics keep it "
    "unused."
)


class MetricCreate(Body):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "example": {
                "name": "Nurse minutes on supplies per shift",
                "unit": "min",
                "direction": "decrease",
                "kind": "customer_experienced",
                "is_revenue": False,
                "baseline": 55,
                "target": 35,
            }
        },
    )

    name: str = Field(description="What is measured.", min_length=1, max_length=120)
    unit: str = Field(description="Its unit, e.g. `min` or `%`.", default="", max_length=30)
    direction: Direction = Field(
        default=Direction.increase, description="Which way is better: `increase` or `decrease`."
    )
    kind: MetricKind = Field(
        default=MetricKind.customer_experienced,
        description="`customer_experienced` (what the customer feels) or `internal`.",
    )
    is_revenue: bool = Field(
        default=False,
        description="The pilot's revenue metric: its lift is the pilot's revenue lift (one per "
        "pilot).",
    )
    baseline: Value | None = Field(
        description="The value before the pilot.", default=None, ge=-1e15, le=1e15
    )
    target: Value | None = Field(description=_TARGET, default=None, ge=-1e15, le=1e15)
    revenue_period: RevenuePeriod = Field(default=RevenuePeriod.year, description=_REVENUE_PERIOD)


class MetricUpdate(Body):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "example": {
                "target": 30,
                "change_reason": "The ward counts supply minutes per shift now, not per day.",
            }
        },
    )

    name: str | None = Field(
        description="What is measured.",
        default=None,
        min_length=1,
        max_length=120,
        json_schema_extra=refuses_null,
    )
    unit: str | None = Field(
        description="Its unit, e.g. `min` or `%`.", default=None, max_length=30
    )
    direction: Direction | None = Field(
        default=None,
        description="Which way is better: `increase` or `decrease`.",
        json_schema_extra=refuses_null,
    )
    kind: MetricKind | None = Field(
        default=None,
        description="`customer_experienced` (what the customer feels) or `internal`.",
        json_schema_extra=refuses_null,
    )
    is_revenue: bool | None = Field(
        default=None,
        description="The pilot's revenue metric: its lift is the pilot's revenue lift (one per "
        "pilot).",
        json_schema_extra=refuses_null,
    )
    baseline: Value | None = Field(
        description="The value before the pilot.", default=None, ge=-1e15, le=1e15
    )
    target: Value | None = Field(description=_TARGET, default=None, ge=-1e15, le=1e15)
    revenue_period: RevenuePeriod | None = Field(
        default=None, description=_REVENUE_PERIOD, json_schema_extra=refuses_null
    )
    change_reason: str | None = Field(
        default=None,
        min_length=MIN_REASON,
        max_length=MAX_REASON,
        description="Why the success criteria change: needed once the pilot has first entered "
        "`running` to change `baseline`, `target`, `direction` or `kind` (or the revenue "
        "metric's `revenue_period`), and recorded in `criteria_changes`; ignored otherwise.",
    )


class CriteriaChange(BaseModel):
    """One change of a success criterion after the pilot first entered `running`."""

    field: CriterionField = Field(description="The criterion changed.")
    before: Value | str | None = Field(description="Its value before the change.")
    after: Value | str | None = Field(description="Its value after the change.")
    reason: str = Field(description="Why it changed (the PATCH's `change_reason`).")
    changed_by: uuid.UUID | None = Field(description="Who changed it (user id), or `null`.")
    changed_at: datetime = Field(description="When it changed.")


class MetricPublic(Stamped):
    name: str = Field(description="What is measured.")
    unit: str = Field(description="Its unit, e.g. `min` or `%`.")
    direction: Direction = Field(description="Which way is better: `increase` or `decrease`.")
    kind: MetricKind = Field(
        description="`customer_experienced` (what the customer feels) or `internal`."
    )
    is_revenue: bool = Field(
        description="The pilot's revenue metric: its lift is the pilot's revenue lift (one per "
        "pilot)."
    )
    baseline: Value | None = Field(description="The value before the pilot.")
    target: Value | None = Field(description=_TARGET)
    revenue_period: RevenuePeriod = Field(description=_REVENUE_PERIOD)
    criteria_changes: list[CriteriaChange] = Field(
        description="Read-only: every change of `baseline`, `target`, `direction` or `kind` (or "
        "the revenue metric's `revenue_period`) made after the pilot first entered `running`, "
        "oldest first, one entry per field, with its reason. Empty when the criteria stood."
    )
    latest_value: Value | None = Field(description="The most recent measurement (read-only).")
    lift: float | None = Field(
        description="(latest - baseline) / baseline, positive = better; null without data or "
        "when the baseline is 0 (read-only)."
    )
    progress: float | None = Field(
        description="(latest - baseline) / (target - baseline) (read-only)."
    )
    measurement_count: int = Field(description="How many measurements it has.")


class MeasurementCreate(Body):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "example": {"value": 41, "measured_on": "2026-10-28", "note": "Week 4 average"}
        },
    )

    value: Value = Field(description="The measured value, in the metric's unit.", ge=-1e15, le=1e15)
    measured_on: date = Field(description="When it was measured.")
    iteration_id: uuid.UUID | None = Field(
        default=None, description="The iteration it belongs to, if any."
    )
    note: str = Field(description="Context for the value.", default="", max_length=1000)


class MeasurementPublic(Stamped):
    metric_id: uuid.UUID = Field(description="The metric measured.")
    value: Value = Field(description="The measured value, in the metric's unit.")
    measured_on: date = Field(description="When it was measured.")
    iteration_id: uuid.UUID | None = Field(description="The iteration it belongs to, or `null`.")
    note: str = Field(description="Context for the value.")
