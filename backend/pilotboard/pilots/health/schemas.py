"""API shapes of health: why a pilot is at risk or stalled."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class HealthReason(BaseModel):
    code: str = Field(description="The rule that fired, e.g. `no_recent_iteration`.")
    severity: Literal["at_risk", "stalled"] = Field(description="`at_risk` or `stalled`.")
    message: str = Field(description="What is wrong and what clears it, in plain words.")
    threshold: int = Field(description="The workspace threshold the rule compares with.")
