"""The append-only change history: `/workspaces/{ws}/activity` and per pilot."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query

from pilotboard.access import WorkspaceRead
from pilotboard.activity.schemas import ActivityPublic
from pilotboard.activity.service import list_entries
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import problems
from pilotboard.core.pagination import ListParamsDep, Page
from pilotboard.pilots.service import get_pilot

router = APIRouter(prefix="/workspaces/{workspace_id}", tags=["activity"])


@router.get(
    "/activity",
    operation_id="listActivity",
    description="The append-only history of the workspace: who changed what, with the fields "
    "before and after. Filter by `object_type`. Webhook URLs are shown whole to those who may "
    "read `/webhooks` (admins; API tokens with the `write` scope); others see their scheme and "
    "host only (`https://hooks.example.com/…`).",
    summary="Every change in the workspace, newest first",
    response_model=Page[ActivityPublic],
    responses=problems(401, 404),
)
def list_activity(
    access: WorkspaceRead,
    db: SessionDep,
    params: ListParamsDep,
    object_type: Annotated[
        str | None,
        Query(max_length=32, description="Only changes to this kind of object, e.g. `pilot`."),
    ] = None,
) -> Page[ActivityPublic]:
    return list_entries(
        db,
        workspace_id=access.workspace_id,
        object_type=object_type,
        params=params,
        webhook_urls=access.may("admin"),
    )


@router.get(
    "/pilots/{pilot_id}/activity",
    operation_id="listPilotActivity",
    description="The history of one pilot and its records, newest first.",
    summary="A pilot's history, newest first",
    response_model=Page[ActivityPublic],
    responses=problems(401, 404),
)
def list_pilot_activity(
    pilot_id: Annotated[uuid.UUID, Path(description="The pilot's id.")],
    access: WorkspaceRead,
    db: SessionDep,
    params: ListParamsDep,
) -> Page[ActivityPublic]:
    pilot = get_pilot(db, workspace_id=access.workspace_id, pilot_id=pilot_id)
    return list_entries(
        db,
        workspace_id=access.workspace_id,
        pilot_id=pilot.id,
        params=params,
        webhook_urls=access.may("admin"),
    )
