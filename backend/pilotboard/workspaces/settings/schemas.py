"""API shapes of the workspace settings: the candidate rubric, the stall thresholds, the
gates' time thresholds and the weekly digest's day."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    field_validator,
)

from pilotboard.core.fields import refuses_null
from pilotboard.pilots.candidates.scoring import DEFAULT_RUBRIC
from pilotboard.pilots.settings import WORKSPACE_THRESHOLDS

RUBRIC_KEY_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS: tuple[Weekday, ...] = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
)
DEFAULT_DIGEST_WEEKDAY: Weekday = "monday"
MAX_CRITERIA = 12


def _not_blank(value: str) -> str:
    if not value:
        raise ValueError("The label cannot be blank.")
    return value


Label = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=80),
    AfterValidator(_not_blank),
    WithJsonSchema({"type": "string", "minLength": 1, "maxLength": 80}),
]
Weight = Annotated[float, Field(ge=0, le=10, allow_inf_nan=False, strict=True)]
Days = Annotated[int, Field(ge=1, le=365, strict=True)]
Count = Annotated[int, Field(ge=1, le=10, strict=True)]
GateDays = Annotated[int, Field(ge=0, le=3650, strict=True)]
# The check-ins' schedule and the two silences the health rules watch.
VoiceDays = Annotated[int, Field(ge=1, le=3650, strict=True)]

_RUBRIC_EXAMPLE: list[Any] = [
    {"key": "low_stakes", "label": "Low stakes in the relationship", "weight": 2.0},
    {"key": "eager_champion", "label": "An eager champion", "weight": 1.0},
]


_THRESHOLDS_EXAMPLE: dict[str, Any] = dict(WORKSPACE_THRESHOLDS)
_SETTINGS_EXAMPLE: dict[str, Any] = {
    "rubric": [dict(criterion) for criterion in DEFAULT_RUBRIC],
    "thresholds": _THRESHOLDS_EXAMPLE,
    "digest_weekday": "monday",
    "updated_at": "2026-11-22T10:00:00Z",
}
_UPDATE_EXAMPLE: dict[str, Any] = {
    "rubric": _RUBRIC_EXAMPLE,
    "thresholds": {"no_iteration_days": 30},
}


class RubricCriterion(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"example": _RUBRIC_EXAMPLE[0]})

    key: str = Field(
        pattern=RUBRIC_KEY_PATTERN,
        description="Stable identifier the candidate `scores` use (lowercase, digits, `_`).",
    )
    label: Label = Field(description="What the criterion means, as people read it.")
    weight: Weight = Field(description="0 to 10; a criterion weighted 0 does not count.")


class Thresholds(BaseModel):
    model_config = ConfigDict(json_schema_extra={"example": _THRESHOLDS_EXAMPLE})

    no_iteration_days: Days = Field(description="Running with no iteration for longer: stalled.")
    scale_decision_days: Days = Field(
        description="In scale review without a decision for longer: stalled."
    )
    selection_days: Days = Field(description="Proposed or selecting for longer: at risk.")
    ready_to_scale_days: Days = Field(
        description="Every metric at target for longer without a scale review: at risk."
    )
    invited_not_engaged_days: Days = Field(
        description="A department invited for longer and not engaged: at risk."
    )
    min_engaged_departments: Count = Field(
        description="Fewer departments engaged from running on: at risk."
    )
    measurement_gap_iterations: Count = Field(
        description="That many latest iterations without a measurement: at risk."
    )
    min_running_days: GateDays = Field(
        description="Days a pilot must have run (since first entering running) before its scale "
        "review; 0 turns the check off."
    )
    min_iteration_days: GateDays = Field(
        description="Days an iteration must last to count toward the scale review's iterations; "
        "0 turns the check off."
    )
    check_in_days: VoiceDays = Field(
        description="While a pilot runs, each department's contact is asked to check in again "
        "once this many days passed since the last request or check-in (1 to 3650)."
    )
    department_silence_days: VoiceDays = Field(
        description="An engaged or champion department silent for longer (since its last "
        "check-in, or since first asked): at risk (1 to 3650)."
    )
    customer_voice_days: VoiceDays = Field(
        description="A pilot with a feedback link whose latest iteration started longer ago "
        "without a customer response since: at risk (1 to 3650)."
    )


class ThresholdsUpdate(BaseModel):
    """Any subset of the thresholds; the others keep their value."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"example": {"no_iteration_days": 30, "min_engaged_departments": 3}},
    )

    no_iteration_days: Days | None = Field(
        default=None,
        description="Days a running pilot may go without an iteration.",
        json_schema_extra=refuses_null,
    )
    scale_decision_days: Days | None = Field(
        default=None,
        description="Days in scale review without a decision.",
        json_schema_extra=refuses_null,
    )
    selection_days: Days | None = Field(
        default=None,
        description="Days a pilot may stay proposed or selecting.",
        json_schema_extra=refuses_null,
    )
    ready_to_scale_days: Days | None = Field(
        default=None,
        description="Days every metric may sit at target before a scale review.",
        json_schema_extra=refuses_null,
    )
    invited_not_engaged_days: Days | None = Field(
        default=None,
        description="Days a department may stay invited.",
        json_schema_extra=refuses_null,
    )
    min_engaged_departments: Count | None = Field(
        default=None,
        description="Departments that must be engaged from running on.",
        json_schema_extra=refuses_null,
    )
    measurement_gap_iterations: Count | None = Field(
        default=None,
        description="Latest iterations that may go without a measurement.",
        json_schema_extra=refuses_null,
    )
    min_running_days: GateDays | None = Field(
        default=None,
        description="Days a pilot must run before its scale review (0 to 3650; 0: no minimum).",
        json_schema_extra=refuses_null,
    )
    min_iteration_days: GateDays | None = Field(
        default=None,
        description="Days an iteration must last to count for the scale review (0 to 3650; 0: "
        "every iteration counts).",
        json_schema_extra=refuses_null,
    )
    check_in_days: VoiceDays | None = Field(
        default=None,
        description="Days between the check-in requests to a running pilot's departments "
        "(1 to 3650).",
        json_schema_extra=refuses_null,
    )
    department_silence_days: VoiceDays | None = Field(
        default=None,
        description="Days an engaged department may go without checking in (1 to 3650).",
        json_schema_extra=refuses_null,
    )
    customer_voice_days: VoiceDays | None = Field(
        default=None,
        description="Days the latest iteration may go without a customer response, once the "
        "pilot has a feedback link (1 to 3650).",
        json_schema_extra=refuses_null,
    )

    @field_validator("*")
    @classmethod
    def _not_null(cls, value: int | None) -> int:
        if value is None:
            raise ValueError("A threshold cannot be null; leave it out to keep its value.")
        return value


class SettingsPublic(BaseModel):
    model_config = ConfigDict(json_schema_extra={"example": _SETTINGS_EXAMPLE})

    rubric: list[RubricCriterion] = Field(description="The criteria candidates are scored on.")
    thresholds: Thresholds = Field(
        description="When a pilot counts as at risk or stalled, and the time the gates ask for."
    )
    digest_weekday: Weekday = Field(
        description="The day the weekly digest goes to the executives and admins (default "
        "`monday`)."
    )
    updated_at: datetime | None = Field(
        description="When an admin last changed the settings; `null` while the defaults apply."
    )


class SettingsUpdate(BaseModel):
    """`rubric` replaces the whole list; `thresholds` changes only the ones sent."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"example": _UPDATE_EXAMPLE},
    )

    rubric: list[RubricCriterion] | None = Field(
        default=None,
        min_length=1,
        max_length=MAX_CRITERIA,
        description=f"1 to {MAX_CRITERIA} criteria with unique keys, at least one weighted "
        "above 0.",
        json_schema_extra=refuses_null,
    )
    thresholds: ThresholdsUpdate | None = Field(
        default=None,
        description="The thresholds to change; the others keep their value.",
        json_schema_extra=refuses_null,
    )
    digest_weekday: Weekday | None = Field(
        default=None,
        description="The day the weekly digest goes out: `monday` … `sunday`.",
        json_schema_extra=refuses_null,
    )

    @field_validator("rubric")
    @classmethod
    def _rubric(cls, value: list[RubricCriterion] | None) -> list[RubricCriterion]:
        if value is None:
            raise ValueError("The rubric cannot be null; leave it out to keep it.")
        keys = [criterion.key for criterion in value]
        duplicates = sorted({key for key in keys if keys.count(key) > 1})
        if duplicates:
            raise ValueError(f"Criterion keys must be unique; repeated: {', '.join(duplicates)}.")
        if not any(criterion.weight > 0 for criterion in value):
            raise ValueError("At least one criterion needs a weight above 0.")
        return value

    @field_validator("thresholds")
    @classmethod
    def _thresholds(cls, value: ThresholdsUpdate | None) -> ThresholdsUpdate:
        if value is None:
            raise ValueError("The thresholds cannot be null; leave them out to keep them.")
        return value

    @field_validator("digest_weekday")
    @classmethod
    def _digest_weekday(cls, value: Weekday | None) -> Weekday:
        if value is None:
            raise ValueError("The digest day cannot be null; leave it out to keep it.")
        return value
