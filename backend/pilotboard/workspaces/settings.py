"""Workspace settings: the candidate rubric and the stall thresholds (schemas, service, routes).

Until an admin edits them, a workspace uses the defaults of ``pilots/rules.py``; reading never
writes. Changing the rubric or a threshold re-evaluates the health of every pilot.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Response
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    field_validator,
)
from sqlmodel import Session, select

from pilotboard.access import WorkspaceAdmin, WorkspaceRead
from pilotboard.activity.service import Actor, record
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import problems
from pilotboard.core.etag import IfMatch, check_if_match, set_etag
from pilotboard.core.fields import refuses_null
from pilotboard.pilots.rules import DEFAULT_RUBRIC, DEFAULT_THRESHOLDS
from pilotboard.workspaces.models import Workspace, WorkspaceSettings

# --- schemas ---------------------------------------------------------------------------------

RUBRIC_KEY_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"
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

_RUBRIC_EXAMPLE: list[Any] = [
    {"key": "low_stakes", "label": "Low stakes in the relationship", "weight": 2.0},
    {"key": "eager_champion", "label": "An eager champion", "weight": 1.0},
]


_THRESHOLDS_EXAMPLE: dict[str, Any] = dict(DEFAULT_THRESHOLDS)
_SETTINGS_EXAMPLE: dict[str, Any] = {
    "rubric": [dict(criterion) for criterion in DEFAULT_RUBRIC],
    "thresholds": _THRESHOLDS_EXAMPLE,
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

    @field_validator("*")
    @classmethod
    def _not_null(cls, value: int | None) -> int:
        if value is None:
            raise ValueError("A threshold cannot be null; leave it out to keep its value.")
        return value


class SettingsPublic(BaseModel):
    model_config = ConfigDict(json_schema_extra={"example": _SETTINGS_EXAMPLE})

    rubric: list[RubricCriterion] = Field(description="The criteria candidates are scored on.")
    thresholds: Thresholds = Field(description="When a pilot counts as at risk or stalled.")
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


# --- service ---------------------------------------------------------------------------------


def settings_public(row: WorkspaceSettings | None) -> SettingsPublic:
    if row is None:
        return SettingsPublic.model_validate(
            {"rubric": DEFAULT_RUBRIC, "thresholds": DEFAULT_THRESHOLDS, "updated_at": None}
        )
    return SettingsPublic.model_validate(
        {
            "rubric": row.rubric,
            "thresholds": {**DEFAULT_THRESHOLDS, **row.thresholds},
            "updated_at": row.updated_at,
        }
    )


def get_settings(
    session: Session, *, workspace_id: uuid.UUID, for_update: bool = False
) -> WorkspaceSettings | None:
    statement = select(WorkspaceSettings).where(WorkspaceSettings.workspace_id == workspace_id)
    if not for_update:
        return session.exec(statement).first()
    statement = statement.with_for_update().execution_options(populate_existing=True)
    row = session.exec(statement).first()
    if row is None:
        # No row to lock yet: serialize the first edits on the workspace row instead, so two
        # admins saving at once cannot both insert.
        session.exec(select(Workspace.id).where(Workspace.id == workspace_id).with_for_update())
        row = session.exec(statement).first()
    return row


def _describe(before: SettingsPublic, after: SettingsPublic) -> str:
    parts = []
    if before.rubric != after.rubric:
        parts.append("rubric")
    changed = [
        name
        for name in Thresholds.model_fields
        if getattr(before.thresholds, name) != getattr(after.thresholds, name)
    ]
    if changed:
        parts.append("thresholds " + ", ".join(changed))
    return "Settings changed: " + "; ".join(parts)


def update_settings(
    session: Session,
    *,
    workspace_id: uuid.UUID,
    row: WorkspaceSettings | None,
    actor: Actor,
    changes: SettingsUpdate,
    now: datetime,
) -> SettingsPublic:
    before = settings_public(row)
    sent = changes.model_fields_set
    rubric: list[dict[str, Any]] = [c.model_dump() for c in before.rubric]
    thresholds: dict[str, int] = before.thresholds.model_dump()
    if "rubric" in sent and changes.rubric is not None:
        rubric = [criterion.model_dump() for criterion in changes.rubric]
    if "thresholds" in sent and changes.thresholds is not None:
        thresholds.update(changes.thresholds.model_dump(exclude_unset=True))
    if rubric == [c.model_dump() for c in before.rubric] and thresholds == (
        before.thresholds.model_dump()
    ):
        return before
    if row is None:
        row = WorkspaceSettings(
            workspace_id=workspace_id,
            rubric=rubric,
            thresholds=thresholds,
            created_at=now,
            updated_at=now,
        )
    else:
        row.rubric = rubric
        row.thresholds = thresholds
        row.updated_at = now
    session.add(row)
    session.flush()
    after = settings_public(row)
    record(
        session,
        actor=actor,
        now=now,
        action="settings.updated",
        object_type="settings",
        object_id=workspace_id,
        workspace_id=workspace_id,
        summary=_describe(before, after),
        before=before.model_dump(include={"rubric", "thresholds"}),
        after=after.model_dump(include={"rubric", "thresholds"}),
    )
    from pilotboard.pilots import service as pilots_service

    pilots_service.refresh_workspace_health(session, workspace_id=workspace_id, now=now)
    return after


# --- routes ----------------------------------------------------------------------------------

router = APIRouter(prefix="/workspaces/{workspace_id}/settings", tags=["settings"])


@router.get(
    "",
    operation_id="getSettings",
    summary="The rubric and the stall thresholds",
    response_model=SettingsPublic,
    responses=problems(401, 404),
)
def get_workspace_settings(
    access: WorkspaceRead, db: SessionDep, response: Response
) -> SettingsPublic:
    """The defaults until an admin changes them (then `updated_at` is set)."""
    read = settings_public(get_settings(db, workspace_id=access.workspace_id))
    set_etag(response, read)
    return read


@router.patch(
    "",
    operation_id="updateSettings",
    summary="Replace the rubric and/or change thresholds (admins)",
    response_model=SettingsPublic,
    responses=problems(401, 403, 404, 412),
)
def update_workspace_settings(
    body: SettingsUpdate,
    access: WorkspaceAdmin,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
    if_match: IfMatch = None,
) -> SettingsPublic:
    """Every pilot's health is re-evaluated with the new settings."""
    row = get_settings(db, workspace_id=access.workspace_id, for_update=True)
    check_if_match(if_match, settings_public(row), what="settings")
    read = update_settings(
        db,
        workspace_id=access.workspace_id,
        row=row,
        actor=access.actor,
        changes=body,
        now=clock.now(),
    )
    set_etag(response, read)
    return read
