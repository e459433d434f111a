"""The workspace settings endpoints: `/workspaces/{ws}/settings`."""

from __future__ import annotations

from fastapi import APIRouter, Response

from pilotboard.access import WorkspaceAdmin, WorkspaceRead
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import problems
from pilotboard.core.etag import IfMatch, check_if_match, set_etag
from pilotboard.workspaces.settings.schemas import SettingsPublic, SettingsUpdate
from pilotboard.workspaces.settings.service import get_settings, settings_public, update_settings

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
