"""API shapes of the outcome metrics and their measurements."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import ConfigDict, Field

from pilotboard.core.fields import refuses_null
from pilotboard.pilots.models import (
    Direction,
    MetricKind,
)
from pilotboard.pilots.schemas import Body, Stamped

Value = float


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
    target: Value | None = Field(
        description="The value that means success.", default=None, ge=-1e15, le=1e15
    )


class MetricUpdate(Body):
    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, json_schema_extra={"example": {"target": 30}}
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
    target: Value | None = Field(
        description="The value that means success.", default=None, ge=-1e15, le=1e15
    )


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
    target: Value | None = Field(description="The value that means success.")
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
