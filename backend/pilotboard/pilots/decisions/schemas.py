"""API shapes of the decisions executives record."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field

from pilotboard.pilots.models import DecisionKind, Stage
from pilotboard.pilots.schemas import Body, Stamped


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

    kind: DecisionKind = Field(
        description="`start`, `continue`, `pivot`, `scale` or `stop`; only those the pilot's "
        "stage allows (`GET …/decisions/allowed`)."
    )
    rationale: str = Field(
        description="Why: what the decision rests on.", min_length=1, max_length=4000
    )
    decided_on: date | None = Field(
        default=None, description="Defaults to today; not in the future."
    )


class DecisionWithdraw(Body):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "example": {"reason": "Recorded on the wrong pilot; the board decided on Nordwind."}
        },
    )

    reason: str = Field(
        description="Why it is withdrawn: 10 to 2000 characters.", min_length=10, max_length=2000
    )


class DecisionPublic(Stamped):
    kind: DecisionKind = Field(description="`start`, `continue`, `pivot`, `scale` or `stop`.")
    rationale: str = Field(description="Why: what the decision rests on.")
    decided_on: date = Field(description="The day it was decided.")
    decided_by: uuid.UUID | None = Field(description="Who recorded it (read-only).")
    withdrawn_at: datetime | None = Field(
        description="When it was withdrawn; `null` while it stands. A withdrawn decision counts "
        "for no gate, health rule or portfolio figure (read-only)."
    )
    withdrawn_by: uuid.UUID | None = Field(
        description="Who withdrew it; `null` while it stands (read-only)."
    )
    withdraw_reason: str = Field(
        description="Why it was withdrawn; empty while it stands (read-only)."
    )


class AllowedDecision(BaseModel):
    kind: DecisionKind = Field(description="A decision the pilot's stage allows.")
    effect: str = Field(description="What recording it lets the team do next, in plain words.")


class AllowedDecisions(BaseModel):
    stage: Stage = Field(description="The pilot's stage.")
    allowed: list[AllowedDecision] = Field(
        description="The decisions that can be recorded in it, in the order "
        "`start`, `continue`, `pivot`, `scale`, `stop`; empty for an adopted or stopped pilot."
    )
