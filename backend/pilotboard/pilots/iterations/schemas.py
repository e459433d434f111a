"""API shapes of the iteration log."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pilotboard.core.fields import refuses_null
from pilotboard.pilots.schemas import Body, Stamped

_SUMMARY = (
    "What changed, written for the customer's eyes (at most 4,000 characters): the feedback "
    "page shows it for the pilot's latest iteration, and nothing else of the pilot."
)


class IterationFeedback(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {"responses": 3, "difference_mean": 4.33, "effort_mean": 3.67}
        }
    )

    responses: int = Field(description="Responses about this iteration through feedback links.")
    difference_mean: float | None = Field(
        description="Their mean `difference` (1 to 5, two decimals); `null` without responses."
    )
    effort_mean: float | None = Field(
        description="Their mean `effort` (1 to 5, two decimals); `null` without responses."
    )


NO_FEEDBACK = IterationFeedback(responses=0, difference_mean=None, effort_mean=None)


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
                "customer_summary": "Your ward's dressings are now restocked at 6 a.m., before "
                "the day shift starts.",
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
    customer_summary: str = Field(description=_SUMMARY, default="", max_length=4000)
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
    customer_summary: str | None = Field(
        description=_SUMMARY + " `null` clears it.", default=None, max_length=4000
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
    customer_summary: str = Field(description=_SUMMARY)
    new_needs: str = Field(description="Needs the iteration uncovered.")
    learnings: str = Field(description="What the team learned.")
    measurement_count: int = Field(description="Measurements tied to this iteration.")
    feedback: IterationFeedback = Field(
        description="The customer's responses about this iteration (read-only)."
    )
