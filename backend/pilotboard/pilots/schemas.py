"""API shapes of pilots and their records (field names as API.md fixes them)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pilotboard.pilots.models import (
    DecisionKind,
    Direction,
    Engagement,
    Health,
    ItemStatus,
    MetricKind,
    Outcome,
    RiskLevel,
    Stage,
)

_P = "5b1f7c2e-8d3a-4e6f-9a0b-1c2d3e4f5a6b"
_U = "6f1c2a9e-4b7d-4c1e-9a53-0d2f8b7e5a10"
_C = "7a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
_D = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"
_TS = "2026-11-22T10:00:00Z"

Money = float
MAX_MONEY = 1e13


def _strip(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class Body(BaseModel):
    """Request bodies refuse unknown and read-only fields, and trim text."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Stamped(BaseModel):
    id: uuid.UUID
    created_at: datetime
    updated_at: datetime


# --- health ----------------------------------------------------------------------------------


class HealthReason(BaseModel):
    code: str = Field(description="The rule that fired, e.g. `no_recent_iteration`.")
    severity: Literal["at_risk", "stalled"]
    message: str = Field(description="What is wrong and what clears it, in plain words.")
    threshold: int = Field(description="The workspace threshold the rule compares with.")


# --- pilots ----------------------------------------------------------------------------------


class PilotCreate(Body):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "example": {
                "title": "Vendor-managed inventory at St. Agnes Hospital",
                "hypothesis": "If we manage the ward stock ourselves, nurses spend 30% less "
                "time on supplies and the hospital orders from us first.",
                "target_outcome": "business_process",
                "sponsor_id": _U,
                "budget": 120000,
                "revenue_at_stake": 850000,
            }
        },
    )

    title: str = Field(min_length=1, max_length=200)
    hypothesis: str = Field(default="", max_length=4000)
    target_outcome: Outcome
    owner_id: uuid.UUID | None = Field(default=None, description="Defaults to you.")
    sponsor_id: uuid.UUID | None = Field(
        default=None, description="A member with the executive or admin role."
    )
    budget: Money | None = Field(default=None, ge=0, le=MAX_MONEY)
    revenue_at_stake: Money | None = Field(default=None, ge=0, le=MAX_MONEY)
    risk_level: RiskLevel | None = Field(
        default=None, description="Only with a `risk_rationale`; otherwise derived."
    )
    risk_rationale: str = Field(default="", max_length=2000)


class PilotUpdate(Body):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"example": {"customer_id": _C, "hypothesis": "Sharper hypothesis."}},
    )

    title: str | None = Field(default=None, min_length=1, max_length=200)
    hypothesis: str | None = Field(default=None, max_length=4000)
    target_outcome: Outcome | None = None
    owner_id: uuid.UUID | None = None
    sponsor_id: uuid.UUID | None = None
    customer_id: uuid.UUID | None = Field(
        default=None, description="Must be one of the pilot's candidates."
    )
    risk_level: RiskLevel | None = None
    risk_rationale: str | None = Field(default=None, max_length=2000)
    budget: Money | None = Field(default=None, ge=0, le=MAX_MONEY)
    revenue_at_stake: Money | None = Field(default=None, ge=0, le=MAX_MONEY)


class PilotPublic(Stamped):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "id": _P,
                "title": "Vendor-managed inventory at St. Agnes Hospital",
                "hypothesis": "Nurses spend 30% less time on supplies.",
                "target_outcome": "business_process",
                "owner_id": _U,
                "sponsor_id": _U,
                "customer_id": _C,
                "risk_level": "low",
                "risk_rationale": "",
                "budget": 120000,
                "revenue_at_stake": 850000,
                "stage": "running",
                "stage_entered_at": _TS,
                "paused_from": None,
                "days_in_stage": 12,
                "health": "on_track",
                "health_reasons": [],
                "created_at": _TS,
                "updated_at": _TS,
            }
        }
    )

    title: str
    hypothesis: str
    target_outcome: Outcome
    owner_id: uuid.UUID
    sponsor_id: uuid.UUID | None
    customer_id: uuid.UUID | None
    risk_level: RiskLevel | None
    risk_rationale: str
    budget: Money | None
    revenue_at_stake: Money | None
    stage: Stage = Field(description="Changed only by transitions.")
    stage_entered_at: datetime
    paused_from: Stage | None = Field(description="The stage a paused pilot returns to.")
    days_in_stage: int = Field(description="Whole days in the stage as of the evaluation date.")
    health: Health
    health_reasons: list[HealthReason]


class TransitionCreate(Body):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"example": {"to_stage": "scale_review"}},
    )

    to_stage: Stage
    reason: str = Field(default="", max_length=2000, description="Required for paused/stopped.")
    lessons_learned: str = Field(default="", max_length=4000, description="Required for stopped.")


class TransitionPublic(BaseModel):
    id: uuid.UUID
    sequence: int = Field(description="1, 2, … in order.")
    from_stage: Stage | None
    to_stage: Stage
    reason: str
    lessons_learned: str
    actor_user_id: uuid.UUID | None
    occurred_at: datetime


class GateCriterion(BaseModel):
    code: str
    met: bool
    message: str


class GatePublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "to_stage": "running",
                "allowed": False,
                "met": False,
                "criteria": [
                    {
                        "code": "hypothesis",
                        "met": True,
                        "message": "The hypothesis is written down.",
                    },
                    {"code": "sponsor", "met": False, "message": "An executive sponsor is named."},
                ],
            }
        }
    )

    to_stage: Stage
    allowed: bool = Field(description="The lifecycle allows this move from the current stage.")
    met: bool = Field(description="Every criterion is met (and the move is allowed).")
    criteria: list[GateCriterion]


# --- candidates ------------------------------------------------------------------------------

Score = int


class CandidateCreate(Body):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "example": {
                "customer_id": _C,
                "scores": {"low_stakes": 4, "ideal_conditions": 5, "eager_champion": 5},
                "notes": "New site opening in March; the head nurse asked for it.",
            }
        },
    )

    customer_id: uuid.UUID
    scores: dict[str, int] = Field(default_factory=dict, description="Criterion key → 1..5.")
    notes: str = Field(default="", max_length=2000)

    @field_validator("scores")
    @classmethod
    def _range(cls, value: dict[str, int]) -> dict[str, int]:
        return _check_scores(value)


def _check_scores(value: dict[str, int]) -> dict[str, int]:
    for key, score in value.items():
        if not 1 <= score <= 5:
            raise ValueError(f"The score of `{key}` must be between 1 and 5.")
    return value


class CandidateUpdate(Body):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"example": {"scores": {"data_access": 3}}}
    )

    scores: dict[str, int] | None = Field(default=None, description="Replaces the scores.")
    notes: str | None = Field(default=None, max_length=2000)

    @field_validator("scores")
    @classmethod
    def _range(cls, value: dict[str, int] | None) -> dict[str, int] | None:
        return None if value is None else _check_scores(value)


class CandidatePublic(Stamped):
    customer_id: uuid.UUID
    customer_name: str = Field(description="Read-only, for display.")
    scores: dict[str, int]
    notes: str
    total: float | None = Field(description="Weighted mean mapped to 0..100 (read-only).")
    is_premier_account: bool = Field(description="The customer is a premier account (read-only).")
    is_chosen: bool = Field(description="This candidate is the pilot's chosen customer.")


# --- involvements ----------------------------------------------------------------------------


class InvolvementCreate(Body):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "example": {
                "department_id": _D,
                "contact_name": "Sam Okafor",
                "stake": "Tries its automated picking system on a real ward.",
                "status": "invited",
                "invited_on": "2026-11-02",
            }
        },
    )

    department_id: uuid.UUID
    contact_name: str = Field(default="", max_length=120)
    stake: str = Field(default="", max_length=1000, description="What this department gets.")
    status: Engagement = Engagement.invited
    invited_on: date | None = Field(default=None, description="Defaults to today.")
    engaged_on: date | None = Field(default=None, description="Set when it engages.")

    @model_validator(mode="after")
    def _order(self) -> InvolvementCreate:
        if self.invited_on and self.engaged_on and self.engaged_on < self.invited_on:
            raise ValueError("engaged_on must not be before invited_on")
        return self


class InvolvementUpdate(Body):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"example": {"status": "engaged"}},
    )

    contact_name: str | None = Field(default=None, max_length=120)
    stake: str | None = Field(default=None, max_length=1000)
    status: Engagement | None = None
    invited_on: date | None = None
    engaged_on: date | None = None


class InvolvementPublic(Stamped):
    department_id: uuid.UUID
    department_name: str = Field(description="Read-only, for display.")
    contact_name: str
    stake: str
    status: Engagement
    invited_on: date | None
    engaged_on: date | None


# --- iterations ------------------------------------------------------------------------------


class IterationCreate(Body):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "example": {
                "started_on": "2026-10-01",
                "ended_on": "2026-10-31",
                "changes": "Moved the restock round to 6 a.m.",
                "change_order": 2,
                "customer_feedback": "Night shift no longer runs out of dressings.",
                "new_needs": "Pharmacy wants the same for IV fluids.",
                "learnings": "Second-order changes matter more than the first tweak.",
            }
        },
    )

    started_on: date
    ended_on: date | None = None
    changes: str = Field(default="", max_length=4000)
    change_order: int = Field(
        default=1, ge=1, le=3, description="1 = the change itself; 2, 3 = changes it led to."
    )
    customer_feedback: str = Field(default="", max_length=4000)
    new_needs: str = Field(default="", max_length=4000)
    learnings: str = Field(default="", max_length=4000)

    @model_validator(mode="after")
    def _order(self) -> IterationCreate:
        if self.ended_on and self.ended_on < self.started_on:
            raise ValueError("ended_on must not be before started_on")
        return self


class IterationUpdate(Body):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"example": {"ended_on": "2026-11-15"}},
    )

    started_on: date | None = None
    ended_on: date | None = None
    changes: str | None = Field(default=None, max_length=4000)
    change_order: int | None = Field(default=None, ge=1, le=3)
    customer_feedback: str | None = Field(default=None, max_length=4000)
    new_needs: str | None = Field(default=None, max_length=4000)
    learnings: str | None = Field(default=None, max_length=4000)


class IterationPublic(Stamped):
    number: int = Field(description="1, 2, … in order of creation (read-only).")
    started_on: date
    ended_on: date | None
    changes: str
    change_order: int
    customer_feedback: str
    new_needs: str
    learnings: str
    measurement_count: int = Field(description="Measurements tied to this iteration.")


# --- metrics and measurements ----------------------------------------------------------------

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

    name: str = Field(min_length=1, max_length=120)
    unit: str = Field(default="", max_length=30)
    direction: Direction = Direction.increase
    kind: MetricKind = MetricKind.customer_experienced
    is_revenue: bool = False
    baseline: Value | None = Field(default=None, ge=-1e15, le=1e15)
    target: Value | None = Field(default=None, ge=-1e15, le=1e15)


class MetricUpdate(Body):
    model_config = ConfigDict(
        extra="forbid", str_strip_whitespace=True, json_schema_extra={"example": {"target": 30}}
    )

    name: str | None = Field(default=None, min_length=1, max_length=120)
    unit: str | None = Field(default=None, max_length=30)
    direction: Direction | None = None
    kind: MetricKind | None = None
    is_revenue: bool | None = None
    baseline: Value | None = Field(default=None, ge=-1e15, le=1e15)
    target: Value | None = Field(default=None, ge=-1e15, le=1e15)


class MetricPublic(Stamped):
    name: str
    unit: str
    direction: Direction
    kind: MetricKind
    is_revenue: bool
    baseline: Value | None
    target: Value | None
    latest_value: Value | None = Field(description="The most recent measurement (read-only).")
    lift: float | None = Field(
        description="(latest - baseline) / baseline, positive = better; null without data or "
        "when the baseline is 0 (read-only)."
    )
    progress: float | None = Field(
        description="(latest - baseline) / (target - baseline) (read-only)."
    )
    measurement_count: int


class MeasurementCreate(Body):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "example": {"value": 41, "measured_on": "2026-10-28", "note": "Week 4 average"}
        },
    )

    value: Value = Field(ge=-1e15, le=1e15)
    measured_on: date
    iteration_id: uuid.UUID | None = None
    note: str = Field(default="", max_length=1000)


class MeasurementPublic(Stamped):
    metric_id: uuid.UUID
    value: Value
    measured_on: date
    iteration_id: uuid.UUID | None
    note: str


# --- decisions -------------------------------------------------------------------------------


class DecisionCreate(Body):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "example": {
                "kind": "scale",
                "rationale": "Lift of 35% on two wards; supply chain ready to roll out.",
                "decided_on": "2026-11-20",
            }
        },
    )

    kind: DecisionKind
    rationale: str = Field(min_length=1, max_length=4000)
    decided_on: date | None = Field(
        default=None, description="Defaults to today; not in the future."
    )


class DecisionPublic(Stamped):
    kind: DecisionKind
    rationale: str
    decided_on: date
    decided_by: uuid.UUID | None = Field(description="Who recorded it (read-only).")


# --- scale plan ------------------------------------------------------------------------------


class ScalePlanItemBody(Body):
    department_id: uuid.UUID
    planning_change: str = Field(default="", max_length=2000)
    resource_change: str = Field(default="", max_length=2000)
    compensation_change: str = Field(default="", max_length=2000)
    owner_name: str = Field(default="", max_length=120)
    due_on: date | None = None
    status: ItemStatus = ItemStatus.planned


class ScalePlanPut(Body):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "example": {
                "scope": "All 14 hospitals in the northern region by Q3.",
                "items": [
                    {
                        "department_id": _D,
                        "planning_change": "Plan ward stock per hospital, not per order.",
                        "resource_change": "Two replenishment staff per region.",
                        "compensation_change": "Bonus on ward availability, not order volume.",
                        "owner_name": "Sam Okafor",
                        "due_on": "2027-03-31",
                        "status": "in_progress",
                    }
                ],
            }
        },
    )

    scope: str = Field(default="", max_length=4000)
    items: list[ScalePlanItemBody] = Field(default_factory=list, max_length=50)


class ScalePlanItemPublic(BaseModel):
    department_id: uuid.UUID
    department_name: str
    planning_change: str
    resource_change: str
    compensation_change: str
    owner_name: str
    due_on: date | None
    status: ItemStatus


class ScalePlanPublic(BaseModel):
    scope: str
    items: list[ScalePlanItemPublic]
    updated_at: datetime | None = Field(description="`null` until the plan is first saved.")


# --- activity --------------------------------------------------------------------------------


class ActivityPublic(BaseModel):
    id: uuid.UUID
    occurred_at: datetime
    actor_user_id: uuid.UUID | None
    actor_name: str | None
    action: str = Field(description="e.g. `pilot.updated`, `pilot.stage_changed`.")
    object_type: str
    object_id: uuid.UUID | None
    pilot_id: uuid.UUID | None
    summary: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None
