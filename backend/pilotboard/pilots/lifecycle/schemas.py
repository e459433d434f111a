"""API shapes of the lifecycle: transitions and gate checks."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from pilotboard.pilots.models import (
    Stage,
)
from pilotboard.pilots.schemas import Body


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
    met: bool = Field(description="Whether the pilot meets it (as of the evaluation date).")
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
                "ready_on": None,
            }
        }
    )

    to_stage: Stage = Field(description="The stage checked.")
    allowed: bool = Field(description="The lifecycle allows this move from the current stage.")
    met: bool = Field(description="Every criterion is met (and the move is allowed).")
    criteria: list[GateCriterion] = Field(description="Every criterion of the gate, met or not.")
    ready_on: date | None = Field(
        description="The first date on which every criterion is met if only time passes: the "
        "evaluation date when all are met now, a later date when only time is missing (days "
        "running, iterations still open), `null` when anything else is missing."
    )
