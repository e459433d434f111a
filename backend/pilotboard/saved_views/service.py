"""Saved views: each person's own, in one workspace. Another person's view is a 404, like a
missing one, so ids reveal nothing."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from pilotboard.core.errors import InvalidInput, NameTaken, NotFound
from pilotboard.core.etag import version_etag
from pilotboard.core.pagination import ListParams, SortKey, cut_page, paginate_query
from pilotboard.saved_views.models import Density, Layout, SavedView
from pilotboard.saved_views.schemas import SavedViewPublic, ViewSearch

MAX_VIEWS = 50
VIEW_SORT = SortKey(columns=(col(SavedView.created_at), col(SavedView.id)))


def view_etag(view: SavedView) -> str:
    """The version of what its owner edits (two edits in the same instant still differ)."""
    search = json.dumps(view.search, sort_keys=True)
    return version_etag(view.id, view.updated_at, view.name, view.layout, view.density, search)


def view_public(view: SavedView) -> SavedViewPublic:
    return SavedViewPublic(
        id=view.id,
        name=view.name,
        layout=Layout(view.layout),
        density=Density(view.density),
        search={k: str(v) for k, v in view.search.items()},
        etag=view_etag(view),
        created_at=view.created_at,
        updated_at=view.updated_at,
    )


def _owned(workspace_id: uuid.UUID, user_id: uuid.UUID) -> list[Any]:
    return [col(SavedView.workspace_id) == workspace_id, col(SavedView.user_id) == user_id]


def list_views(
    session: Session, *, workspace_id: uuid.UUID, user_id: uuid.UUID, params: ListParams
) -> tuple[list[SavedViewPublic], str | None]:
    statement = select(SavedView).where(*_owned(workspace_id, user_id))
    rows = session.exec(paginate_query(statement, VIEW_SORT, params)).all()
    page, cursor = cut_page(rows, VIEW_SORT, params, lambda v: (v.created_at, v.id))
    return [view_public(v) for v in page], cursor


def get_view(
    session: Session,
    *,
    workspace_id: uuid.UUID,
    user_id: uuid.UUID,
    view_id: uuid.UUID,
    for_update: bool = False,
) -> SavedView:
    statement = select(SavedView).where(
        *_owned(workspace_id, user_id), col(SavedView.id) == view_id
    )
    if for_update:
        statement = statement.with_for_update().execution_options(populate_existing=True)
    view = session.exec(statement).first()
    if view is None:
        raise NotFound("No saved view with this id.")
    return view


def _check_name_free(
    session: Session,
    *,
    workspace_id: uuid.UUID,
    user_id: uuid.UUID,
    name: str,
    except_id: uuid.UUID | None = None,
) -> None:
    """409 `name-taken` when another of the person's views here has this name (in any case)."""
    statement = select(col(SavedView.id)).where(
        *_owned(workspace_id, user_id), func.lower(col(SavedView.name)) == name.lower()
    )
    if except_id is not None:
        statement = statement.where(col(SavedView.id) != except_id)
    if session.exec(statement).first() is not None:
        raise NameTaken(
            f"You already have a view called “{name}”; choose another name.",
            extra={"errors": [{"loc": ["body", "name"], "msg": "This name is taken."}]},
        )


def create_view(
    session: Session,
    *,
    workspace_id: uuid.UUID,
    user_id: uuid.UUID,
    values: Mapping[str, Any],
    now: datetime,
) -> SavedViewPublic:
    count = session.exec(
        select(func.count()).select_from(SavedView).where(*_owned(workspace_id, user_id))
    ).one()
    if count >= MAX_VIEWS:
        raise InvalidInput.field(
            ["body"],
            f"You can keep {MAX_VIEWS} views in a workspace; delete one you no longer use first.",
        )
    name = values["name"]
    _check_name_free(session, workspace_id=workspace_id, user_id=user_id, name=name)
    view = SavedView(
        workspace_id=workspace_id,
        user_id=user_id,
        name=name,
        layout=str(values["layout"]),
        density=str(values["density"]),
        search=ViewSearch.model_validate(values["search"]).stored(),
        created_at=now,
        updated_at=now,
    )
    session.add(view)
    session.flush()
    return view_public(view)


def update_view(
    session: Session, *, view: SavedView, changes: Mapping[str, Any], now: datetime
) -> SavedViewPublic:
    if "name" in changes and changes["name"] != view.name:
        _check_name_free(
            session,
            workspace_id=view.workspace_id,
            user_id=view.user_id,
            name=changes["name"],
            except_id=view.id,
        )
    values = {
        "name": changes.get("name", view.name),
        "layout": str(changes.get("layout", view.layout)),
        "density": str(changes.get("density", view.density)),
        "search": (
            ViewSearch.model_validate(changes["search"]).stored()
            if "search" in changes
            else view.search
        ),
    }
    if all(getattr(view, k) == v for k, v in values.items()):
        return view_public(view)
    for name, value in values.items():
        setattr(view, name, value)
    view.updated_at = now
    session.add(view)
    session.flush()
    return view_public(view)


def delete_view(session: Session, *, view: SavedView) -> None:
    session.delete(view)
    session.flush()
