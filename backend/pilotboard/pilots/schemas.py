"""API shapes of pilots and their records (field names as API.md fixes them)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from pilotboard.core.fields import refuses_null
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
    id: uuid.UUID = Field(description="The object's id.")
    created_at: datetime = Field(description="When it was created.")
    updated_at: datetime = Field(description="When it last changed.")


# --- health ----------------------------------------------------------------------------------


class HealthReason(BaseModel):
    code: str = Field(description="The rule that fired, e.g. `no_recent_iteration`.")
    severity: Literal["at_risk", "stalled"] = Field(description="`at_risk` or `stalled`.")
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

    title: str = Field(description="A short name for the pilot.", min_length=1, max_length=200)
    hypothesis: str = Field(
        description="What the pilot sets out to show, in one or two sentences.",
        default="",
        max_length=4000,
    )
    target_outcome: Outcome = Field(
        description="The customer outcome it targets: `profitability`, `business_process` or "
        "`strategic_positioning`."
    )
    owner_id: uuid.UUID | None = Field(default=None, description="Defaults to you.")
    sponsor_id: uuid.UUID | None = Field(
        default=None, description="A member with the executive or admin role."
    )
    budget: Money | None = Field(
        description="What the pilot may spend, in the workspace currency.",
        default=None,
        ge=0,
        le=MAX_MONEY,
    )
    revenue_at_stake: Money | None = Field(
        description="The revenue the pilot could affect, in the workspace currency.",
        default=None,
        ge=0,
        le=MAX_MONEY,
    )
    risk_level: RiskLevel | None = Field(
        default=None, description="Only with a `risk_rationale`; otherwise derived."
    )
    risk_rationale: str = Field(
        description="Why the risk level was set by hand.", default="", max_length=2000
    )


class PilotUpdate(Body):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"example": {"customer_id": _C, "hypothesis": "Sharper hypothesis."}},
    )

    title: str | None = Field(
        description="A short name for the pilot.",
        default=None,
        min_length=1,
        max_length=200,
        json_schema_extra=refuses_null,
    )
    hypothesis: str | None = Field(
        description="What the pilot sets out to show, in one or two sentences.",
        default=None,
        max_length=4000,
    )
    target_outcome: Outcome | None = Field(
        default=None,
        description="The customer outcome it targets: `profitability`, `business_process` or "
        "`strategic_positioning`.",
        json_schema_extra=refuses_null,
    )
    owner_id: uuid.UUID | None = Field(
        default=None,
        description="The owner: an active member of the workspace.",
        json_schema_extra=refuses_null,
    )
    sponsor_id: uuid.UUID | None = Field(
        default=None,
        description="The executive sponsor: a member with the executive or admin role; `null` "
        "removes it.",
    )
    customer_id: uuid.UUID | None = Field(
        default=None, description="Must be one of the pilot's candidates."
    )
    risk_level: RiskLevel | None = Field(
        default=None,
        description="Set by hand, with a `risk_rationale`; otherwise derived from the chosen "
        "customer.",
    )
    risk_rationale: str | None = Field(
        description="Why the risk level was set by hand.", default=None, max_length=2000
    )
    budget: Money | None = Field(
        description="What the pilot may spend, in the workspace currency.",
        default=None,
        ge=0,
        le=MAX_MONEY,
    )
    revenue_at_stake: Money | None = Field(
        description="The revenue the pilot could affect, in the workspace currency.",
        default=None,
        ge=0,
        le=MAX_MONEY,
    )


class PilotDepartment(BaseModel):
    department_id: uuid.UUID = Field(description="The department involved.")
    name: str = Field(description="The department's name, for display.")
    status: Engagement = Field(description="`invited`, `engaged`, `champion` or `declined`.")


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
                "departments": [
                    {"department_id": _D, "name": "Supply chain", "status": "engaged"},
                ],
                "last_iteration_on": "2026-11-15",
                "created_at": _TS,
                "updated_at": _TS,
            }
        }
    )

    title: str = Field(description="A short name for the pilot.")
    hypothesis: str = Field(description="What the pilot sets out to show, in one or two sentences.")
    target_outcome: Outcome = Field(
        description="The customer outcome it targets: `profitability`, `business_process` or "
        "`strategic_positioning`."
    )
    owner_id: uuid.UUID = Field(description="The owner (user id).")
    sponsor_id: uuid.UUID | None = Field(description="The executive sponsor (user id), or `null`.")
    customer_id: uuid.UUID | None = Field(description="The chosen testbed customer, or `null`.")
    risk_level: RiskLevel | None = Field(
        description="Derived from the chosen customer's score and premier flag, unless set by "
        "hand; `null` until then."
    )
    risk_rationale: str = Field(description="Why the risk level was set by hand.")
    budget: Money | None = Field(description="What the pilot may spend, in the workspace currency.")
    revenue_at_stake: Money | None = Field(
        description="The revenue the pilot could affect, in the workspace currency."
    )
    stage: Stage = Field(description="Changed only by transitions.")
    stage_entered_at: datetime = Field(description="When the pilot entered its stage.")
    paused_from: Stage | None = Field(description="The stage a paused pilot returns to.")
    days_in_stage: int = Field(description="Whole days in the stage as of the evaluation date.")
    health: Health = Field(
        description="`on_track`, `at_risk` or `stalled`, as of the evaluation date."
    )
    health_reasons: list[HealthReason] = Field(
        description="Why, one entry per rule that fired; empty when on track."
    )
    departments: list[PilotDepartment] = Field(
        description="Read-only: every department involved in the pilot (declined ones too) with "
        "its engagement, ordered by name. Change them through `…/involvements`."
    )
    last_iteration_on: date | None = Field(
        description="Read-only: the most recent date of the pilot's iteration log. Each "
        "iteration counts with its `ended_on`, or with its `started_on` while it still runs (no "
        "`ended_on`); this is the latest of those over every iteration, not only the "
        "highest-numbered one, so an iteration logged late with earlier dates does not move it "
        "back. The `no_recent_iteration` health rule counts from the same date. `null` without "
        "iterations."
    )


class TransitionCreate(Body):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={"example": {"to_stage": "scale_review"}},
    )

    to_stage: Stage = Field(description="The stage to move to.")
    reason: str = Field(default="", max_length=2000, description="Required for paused/stopped.")
    lessons_learned: str = Field(default="", max_length=4000, description="Required for stopped.")


class TransitionPublic(BaseModel):
    id: uuid.UUID = Field(description="The entry's id.")
    sequence: int = Field(description="1, 2, … in order.")
    from_stage: Stage | None = Field(description="The stage left; `null` for the first entry.")
    to_stage: Stage = Field(description="The stage entered.")
    reason: str = Field(description="Why (paused or stopped pilots).")
    lessons_learned: str = Field(description="What a stopped pilot taught.")
    actor_user_id: uuid.UUID | None = Field(description="Who moved the pilot; `null` when unknown.")
    occurred_at: datetime = Field(description="When it moved.")


class GateCriterion(BaseModel):
    code: str = Field(description="The criterion, e.g. `sponsor`.")
    met: bool = Field(description="Whether the pilot meets it now.")
    message: str = Field(description="What the criterion asks for, in plain words.")


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

    to_stage: Stage = Field(description="The stage checked.")
    allowed: bool = Field(description="The lifecycle allows this move from the current stage.")
    met: bool = Field(description="Every criterion is met (and the move is allowed).")
    criteria: list[GateCriterion] = Field(description="Every criterion of the gate, met or not.")


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

    customer_id: uuid.UUID = Field(description="The customer to consider.")
    scores: dict[str, int] = Field(default_factory=dict, description="Criterion key → 1..5.")
    notes: str = Field(
        description="Why this customer would make a good testbed.", default="", max_length=2000
    )

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

    scores: dict[str, int] | None = Field(
        default=None, description="Replaces the scores.", json_schema_extra=refuses_null
    )
    notes: str | None = Field(description="New notes.", default=None, max_length=2000)

    @field_validator("scores")
    @classmethod
    def _range(cls, value: dict[str, int] | None) -> dict[str, int] | None:
        return None if value is None else _check_scores(value)


class CandidatePublic(Stamped):
    customer_id: uuid.UUID = Field(description="The customer considered.")
    customer_name: str = Field(description="Read-only, for display.")
    scores: dict[str, int] = Field(description="Rubric criterion key → score 1..5.")
    notes: str = Field(description="Why this customer would make a good testbed.")
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

    department_id: uuid.UUID = Field(description="The department to involve.")
    contact_name: str = Field(
        description="The department's contact for the pilot.", default="", max_length=120
    )
    stake: str = Field(default="", max_length=1000, description="What this department gets.")
    status: Engagement = Field(
        default=Engagement.invited, description="`invited`, `engaged`, `champion` or `declined`."
    )
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

    contact_name: str | None = Field(
        description="The department's contact for the pilot.", default=None, max_length=120
    )
    stake: str | None = Field(
        description="What this department gets from the pilot.", default=None, max_length=1000
    )
    status: Engagement | None = Field(
        default=None,
        description="`invited`, `engaged`, `champion` or `declined`.",
        json_schema_extra=refuses_null,
    )
    invited_on: date | None = Field(default=None, description="When the department was invited.")
    engaged_on: date | None = Field(default=None, description="When it engaged.")


class InvolvementPublic(Stamped):
    department_id: uuid.UUID = Field(description="The department involved.")
    department_name: str = Field(description="Read-only, for display.")
    contact_name: str = Field(description="The department's contact for the pilot.")
    stake: str = Field(description="What this department gets from the pilot.")
    status: Engagement = Field(description="`invited`, `engaged`, `champion` or `declined`.")
    invited_on: date | None = Field(description="When the department was invited.")
    engaged_on: date | None = Field(description="When it engaged.")


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

    started_on: date = Field(description="When the iteration started.")
    ended_on: date | None = Field(default=None, description="When it ended; `null` while it runs.")
    changes: str = Field(
        description="What was changed in this iteration.", default="", max_length=4000
    )
    change_order: int = Field(
        default=1, ge=1, le=3, description="1 = the change itself; 2, 3 = changes it led to."
    )
    customer_feedback: str = Field(
        description="What the customer experienced and said.", default="", max_length=4000
    )
    new_needs: str = Field(
        description="Needs the iteration uncovered.", default="", max_length=4000
    )
    learnings: str = Field(description="What the team learned.", default="", max_length=4000)

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

    started_on: date | None = Field(
        default=None, description="When the iteration started.", json_schema_extra=refuses_null
    )
    ended_on: date | None = Field(default=None, description="When it ended; `null` while it runs.")
    changes: str | None = Field(
        description="What was changed in this iteration.", default=None, max_length=4000
    )
    change_order: int | None = Field(
        description="1 = the change itself; 2, 3 = changes it led to.",
        default=None,
        ge=1,
        le=3,
        json_schema_extra=refuses_null,
    )
    customer_feedback: str | None = Field(
        description="What the customer experienced and said.", default=None, max_length=4000
    )
    new_needs: str | None = Field(
        description="Needs the iteration uncovered.", default=None, max_length=4000
    )
    learnings: str | None = Field(
        description="What the team learned.", default=None, max_length=4000
    )


class IterationPublic(Stamped):
    number: int = Field(description="1, 2, … in order of creation (read-only).")
    started_on: date = Field(description="When the iteration started.")
    ended_on: date | None = Field(description="When it ended; `null` while it runs.")
    changes: str = Field(description="What was changed in this iteration.")
    change_order: int = Field(description="1 = the change itself; 2, 3 = changes it led to.")
    customer_feedback: str = Field(description="What the customer experienced and said.")
    new_needs: str = Field(description="Needs the iteration uncovered.")
    learnings: str = Field(description="What the team learned.")
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

    kind: DecisionKind = Field(description="`start`, `continue`, `pivot`, `scale` or `stop`.")
    rationale: str = Field(
        description="Why: what the decision rests on.", min_length=1, max_length=4000
    )
    decided_on: date | None = Field(
        default=None, description="Defaults to today; not in the future."
    )


class DecisionPublic(Stamped):
    kind: DecisionKind = Field(description="`start`, `continue`, `pivot`, `scale` or `stop`.")
    rationale: str = Field(description="Why: what the decision rests on.")
    decided_on: date = Field(description="The day it was decided.")
    decided_by: uuid.UUID | None = Field(description="Who recorded it (read-only).")


# --- scale plan ------------------------------------------------------------------------------


class ScalePlanItemBody(Body):
    department_id: uuid.UUID = Field(description="The department that changes.")
    planning_change: str = Field(
        description="The change to how the department plans.", default="", max_length=2000
    )
    resource_change: str = Field(
        description="The change to the resources it allocates.", default="", max_length=2000
    )
    compensation_change: str = Field(
        description="The change to how its people are rewarded.", default="", max_length=2000
    )
    owner_name: str = Field(description="Who makes the change happen.", default="", max_length=120)
    due_on: date | None = Field(default=None, description="By when.")
    status: ItemStatus = Field(
        default=ItemStatus.planned, description="`planned`, `in_progress` or `done`."
    )


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

    scope: str = Field(
        description="Where and how far the pilot rolls out.", default="", max_length=4000
    )
    items: list[ScalePlanItemBody] = Field(
        description="Per department, the planning, resource and compensation changes (replaces "
        "the list).",
        default_factory=list,
        max_length=50,
    )


class ScalePlanItemPublic(BaseModel):
    department_id: uuid.UUID = Field(description="The department that changes.")
    department_name: str = Field(description="The department's name, for display.")
    planning_change: str = Field(description="The change to how the department plans.")
    resource_change: str = Field(description="The change to the resources it allocates.")
    compensation_change: str = Field(description="The change to how its people are rewarded.")
    owner_name: str = Field(description="Who makes the change happen.")
    due_on: date | None = Field(description="By when.")
    status: ItemStatus = Field(description="`planned`, `in_progress` or `done`.")


class ScalePlanPublic(BaseModel):
    scope: str = Field(description="Where and how far the pilot rolls out.")
    items: list[ScalePlanItemPublic] = Field(
        description="Per department, the planning, resource and compensation changes."
    )
    updated_at: datetime | None = Field(description="`null` until the plan is first saved.")


# --- activity --------------------------------------------------------------------------------


class ActivityPublic(BaseModel):
    id: uuid.UUID = Field(description="The entry's id.")
    occurred_at: datetime = Field(description="When the change happened.")
    actor_user_id: uuid.UUID | None = Field(
        description="Who made it (user id); `null` for the system."
    )
    actor_name: str | None = Field(description="Their name, for display.")
    action: str = Field(description="e.g. `pilot.updated`, `pilot.stage_changed`.")
    object_type: str = Field(description="The kind of object changed, e.g. `pilot` or `customer`.")
    object_id: uuid.UUID | None = Field(
        description="The object changed (it may since have been deleted)."
    )
    pilot_id: uuid.UUID | None = Field(description="The pilot the object belongs to, if any.")
    summary: str = Field(description="What happened, in words.")
    before: dict[str, Any] | None = Field(
        description="The changed fields before the change; `null` for a creation."
    )
    after: dict[str, Any] | None = Field(
        description="The changed fields after the change; `null` for a deletion."
    )
