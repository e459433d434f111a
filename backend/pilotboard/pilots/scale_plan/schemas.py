"""API shapes of the scale plan."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from pilotboard.pilots.models import (
    ItemStatus,
)
from pilotboard.pilots.schemas import _D, Body


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
