"""The append-only change history: `/workspaces/{ws}/activity` and per pilot."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query
from sqlmodel import col, select

from pilotboard.access import WorkspaceRead
from pilotboard.accounts.models import User
from pilotboard.activity.models import Activity
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import problems
from pilotboard.core.pagination import ListParamsDep, Page, SortKey, cut_page, paginate_query
from pilotboard.pilots.schemas import ActivityPublic
from pilotboard.pilots.service import get_pilot

router = APIRouter(prefix="/workspaces/{workspace_id}", tags=["activity"])

NEWEST_FIRST = SortKey(columns=(col(Activity.occurred_at), col(Activity.id)), descending=True)


def _page(db: SessionDep, params: ListParamsDep, *where: object) -> Page[ActivityPublic]:
    statement = (
        select(Activity, User.name)
        .outerjoin(User, col(User.id) == col(Activity.actor_user_id))
        .where(*where)  # type: ignore[arg-type]
    )
    rows = db.exec(paginate_query(statement, NEWEST_FIRST, params)).all()
    page, cursor = cut_page(rows, NEWEST_FIRST, params, lambda r: (r[0].occurred_at, r[0].id))
    return Page[ActivityPublic](
        items=[
            ActivityPublic(
                id=a.id,
                occurred_at=a.occurred_at,
                actor_user_id=a.actor_user_id,
                actor_name=name,
                action=a.action,
                object_type=a.object_type,
                object_id=a.object_id,
                pilot_id=a.pilot_id,
                summary=a.summary,
                before=a.before,
                after=a.after,
            )
            for a, name in page
        ],
        next_cursor=cursor,
    )


@router.get(
    "/activity",
    operation_id="listActivity",
    description="The append-only history of the workspace: who changed what, with the fields "
    "before and after. Filter by `object_type`.",
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
    where = [Activity.workspace_id == access.workspace_id]
    if object_type:
        where.append(Activity.object_type == object_type)
    return _page(db, params, *where)


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
    return _page(
        db, params, Activity.workspace_id == access.workspace_id, Activity.pilot_id == pilot.id
    )
