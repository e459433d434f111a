"""The append-only change history: `/workspaces/{ws}/activity` and per pilot."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query
from sqlmodel import col, select

from pilotboard.access import WorkspaceContext, WorkspaceRead
from pilotboard.accounts.models import User
from pilotboard.activity.models import Activity
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import problems
from pilotboard.core.pagination import ListParamsDep, Page, SortKey, cut_page, paginate_query
from pilotboard.pilots.schemas import ActivityPublic
from pilotboard.pilots.service import get_pilot
from pilotboard.webhooks.service import hide_urls

router = APIRouter(prefix="/workspaces/{workspace_id}", tags=["activity"])

NEWEST_FIRST = SortKey(columns=(col(Activity.occurred_at), col(Activity.id)), descending=True)


def _public(entry: Activity, actor_name: str | None, *, webhook_urls: bool) -> ActivityPublic:
    summary, before, after = entry.summary, entry.before, entry.after
    if entry.object_type == "webhook" and not webhook_urls:
        summary, before, after = hide_urls(summary, before, after)
    return ActivityPublic(
        id=entry.id,
        occurred_at=entry.occurred_at,
        actor_user_id=entry.actor_user_id,
        actor_name=actor_name,
        action=entry.action,
        object_type=entry.object_type,
        object_id=entry.object_id,
        pilot_id=entry.pilot_id,
        summary=summary,
        before=before,
        after=after,
    )


def _page(
    access: WorkspaceContext, db: SessionDep, params: ListParamsDep, *where: object
) -> Page[ActivityPublic]:
    """A page of entries. Webhook URLs are shown whole only to those who may read `/webhooks`
    (admins, and their tokens with the `write` scope); others see the scheme and host."""
    webhook_urls = access.may("admin")
    statement = (
        select(Activity, User.name)
        .outerjoin(User, col(User.id) == col(Activity.actor_user_id))
        .where(*where)  # type: ignore[arg-type]
    )
    rows = db.exec(paginate_query(statement, NEWEST_FIRST, params)).all()
    page, cursor = cut_page(rows, NEWEST_FIRST, params, lambda r: (r[0].occurred_at, r[0].id))
    return Page[ActivityPublic](
        items=[_public(a, name, webhook_urls=webhook_urls) for a, name in page],
        next_cursor=cursor,
    )


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
    where = [Activity.workspace_id == access.workspace_id]
    if object_type:
        where.append(Activity.object_type == object_type)
    return _page(access, db, params, *where)


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
        access,
        db,
        params,
        Activity.workspace_id == access.workspace_id,
        Activity.pilot_id == pilot.id,
    )
