"""API shapes of the pilot itself, and what every record's shapes share (field names as API.md
fixes them)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pilotboard.core.etag import version_etag
from pilotboard.core.fields import refuses_null
from pilotboard.pilots.health.schemas import HealthReason
from pilotboard.pilots.models import (
    Engagement,
    Health,
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
    etag: str = Field(
        default="",
        description="Read-only: the object's version, the exact `ETag` its single read answers "
        "with. Send it as `If-Match` to change or delete the object straight from a list.",
    )

    @model_validator(mode="after")
    def _versioned(self) -> Stamped:
        # The version is the id and `updated_at`, as `pilots.http.record_etag` tags the reads.
        if not self.etag:
            self.etag = version_etag(self.id, self.updated_at)
        return self


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
                "criteria_changed": False,
                "revenue_gain_per_year": 60000.0,
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
    criteria_changed: bool = Field(
        description="Read-only: true, for good, once a success criterion changed after the pilot "
        "first entered `running`: a metric's `baseline`, `target`, `direction` or `kind` (or the "
        "revenue metric's `revenue_period`), each recorded in that metric's `criteria_changes`, "
        "or a metric deleted (recorded in the activity log)."
    )
    revenue_gain_per_year: Money | None = Field(
        description="Read-only: the revenue metric's latest value minus its baseline, "
        "annualised by its `revenue_period` (times 12 per month, 4 per quarter, 1 per year). "
        "`null` without a revenue metric with a baseline and a measurement."
    )
    stop_reason: str | None = Field(
        default=None,
        description="Read-only: why the pilot was stopped (the `reason` of its transition to "
        "`stopped`), shown as its outcome; `null` unless the pilot is stopped.",
    )
