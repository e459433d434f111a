"""API shapes of the decisions executives record."""

from __future__ import annotations

import uuid
from datetime import date

from pydantic import ConfigDict, Field

from pilotboard.pilots.models import (
    DecisionKind,
)
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
