"""API shapes of the candidate customers and their rubric scores."""

from __future__ import annotations

import uuid

from pydantic import ConfigDict, Field, field_validator

from pilotboard.core.fields import refuses_null
from pilotboard.pilots.schemas import _C, Body, Stamped

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
