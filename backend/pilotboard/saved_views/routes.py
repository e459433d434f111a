"""Saved views: `/api/v1/workspaces/{workspace_id}/saved-views[/{view_id}]`.

A view is its author's alone: every member, viewers included, keeps their own, and nobody
else sees them (another person's view answers 404). They are not part of the export, like
notification preferences.
"""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Response, status

from pilotboard.access import WorkspaceContext, WorkspaceRead
from pilotboard.core import etag
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import problems
from pilotboard.core.etag import IfMatch
from pilotboard.core.pagination import ListParamsDep, Page
from pilotboard.saved_views import service
from pilotboard.saved_views.models import SavedView
from pilotboard.saved_views.schemas import SavedViewCreate, SavedViewPublic, SavedViewUpdate

router = APIRouter(prefix="/workspaces/{workspace_id}/saved-views", tags=["saved views"])

ViewId = Annotated[uuid.UUID, Path(description="The saved view's id.")]


def _own_view(
    db: SessionDep, access: WorkspaceContext, view_id: uuid.UUID, if_match: str | None
) -> SavedView:
    view = service.get_view(
        db,
        workspace_id=access.workspace_id,
        user_id=access.user.id,
        view_id=view_id,
        for_update=True,
    )
    etag.check_if_match(
        if_match,
        lambda: service.view_public(view),
        what="saved view",
        etag=service.view_etag(view),
    )
    return view


@router.get(
    "",
    operation_id="listSavedViews",
    summary="My saved views of the pilots list here",
    description="Your own views in this workspace, oldest first. Each item's `etag` is what "
    "`If-Match` takes to change it.",
    response_model=Page[SavedViewPublic],
    responses=problems(401, 403, 404),
)
def list_saved_views(
    access: WorkspaceRead, db: SessionDep, params: ListParamsDep
) -> Page[SavedViewPublic]:
    items, cursor = service.list_views(
        db, workspace_id=access.workspace_id, user_id=access.user.id, params=params
    )
    return Page[SavedViewPublic](items=items, next_cursor=cursor)


@router.post(
    "",
    operation_id="createSavedView",
    summary="Save a view of the pilots list",
    status_code=status.HTTP_201_CREATED,
    response_model=SavedViewPublic,
    responses=problems(401, 403, 404, 409),
    description="`409` (type `…/name-taken`) when you already have a view of that name here "
    "(names compare without case); `422` when you have "
    f"{service.MAX_VIEWS} views here already, or `search` holds a filter the list does not "
    "take (naming it).",
)
def create_saved_view(
    body: SavedViewCreate,
    access: WorkspaceRead,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
) -> SavedViewPublic:
    created = service.create_view(
        db,
        workspace_id=access.workspace_id,
        user_id=access.user.id,
        values={**body.model_dump(exclude={"search"}), "search": body.search.stored()},
        now=clock.now(),
    )
    response.headers["ETag"] = created.etag
    return created


@router.patch(
    "/{view_id}",
    operation_id="updateSavedView",
    summary="Rename or change one of my saved views",
    response_model=SavedViewPublic,
    responses=problems(401, 403, 404, 409, 412),
    description="Only the fields sent change; `search` replaces the stored filters. Honours "
    "`If-Match` (the item's `etag`).",
)
def update_saved_view(
    view_id: ViewId,
    body: SavedViewUpdate,
    access: WorkspaceRead,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
    if_match: IfMatch = None,
) -> SavedViewPublic:
    view = _own_view(db, access, view_id, if_match)
    changes = body.model_dump(exclude_unset=True, exclude={"search"})
    if body.search is not None:
        changes["search"] = body.search.stored()
    read = service.update_view(db, view=view, changes=changes, now=clock.now())
    response.headers["ETag"] = read.etag
    return read


@router.delete(
    "/{view_id}",
    operation_id="deleteSavedView",
    summary="Delete one of my saved views",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(401, 403, 404, 412),
    description="Honours `If-Match` (the item's `etag`).",
)
def delete_saved_view(
    view_id: ViewId,
    access: WorkspaceRead,
    db: SessionDep,
    if_match: IfMatch = None,
) -> Response:
    view = _own_view(db, access, view_id, if_match)
    service.delete_view(db, view=view)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
