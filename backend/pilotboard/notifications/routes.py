"""The signed-in person's notifications and preferences: `/me/notifications`, `/me/preferences`.

Browser sessions only: they are a person's own, across their workspaces, while an API token
acts in one workspace for an integration.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from pydantic import Field

from pilotboard.access import BrowserUser
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import problems
from pilotboard.core.etag import IfMatch, check_if_match, set_etag
from pilotboard.core.pagination import ListParamsDep, Page
from pilotboard.notifications import service
from pilotboard.notifications.schemas import (
    MarkRead,
    NotificationPublic,
    PreferencesPublic,
    PreferencesUpdate,
    UnreadCount,
)

router = APIRouter(prefix="/me", tags=["notifications"])


class NotificationPage(Page[NotificationPublic]):
    unread: int = Field(description="How many of your notifications are unread (all pages).")


@router.get(
    "/notifications",
    operation_id="listNotifications",
    summary="My notifications, newest first",
    response_model=NotificationPage,
    responses=problems(401, 403),
)
def list_notifications(
    principal: BrowserUser,
    db: SessionDep,
    params: ListParamsDep,
    unread: Annotated[bool, Query(description="Only the unread ones.")] = False,
) -> NotificationPage:
    """Notifications of the workspaces you are a member of (and your invitations), with the
    count of unread ones for the bell. Each `url` is the app path where to act."""
    items, cursor = service.list_notifications(
        db, user_id=principal.user.id, unread=unread, params=params
    )
    count = service.unread_count(db, user_id=principal.user.id)
    return NotificationPage(items=items, next_cursor=cursor, unread=count)


@router.post(
    "/notifications/read",
    operation_id="markNotificationsRead",
    summary="Mark notifications read",
    response_model=UnreadCount,
    responses=problems(401, 403),
)
def mark_read(
    body: MarkRead, principal: BrowserUser, db: SessionDep, clock: ClockDep
) -> UnreadCount:
    """`{"ids": [...]}` marks those (ids that are not yours change nothing), `{"all": true}`
    marks every one; answers how many stay unread."""
    left = service.mark_read(
        db,
        user_id=principal.user.id,
        ids=body.ids,
        everything=bool(body.all),
        now=clock.now(),
    )
    return UnreadCount(unread=left)


@router.get(
    "/preferences",
    operation_id="getPreferences",
    summary="My notification preferences",
    response_model=PreferencesPublic,
    responses=problems(401, 403),
)
def get_preferences(
    principal: BrowserUser, db: SessionDep, response: Response
) -> PreferencesPublic:
    """Which kinds of notification also come by email at once (by default `decision_needed`,
    `mentioned`, `invited`), and whether the weekly digest comes (by default when you are an
    executive or admin of a workspace)."""
    read = service.preferences_of(db, principal.user.id)
    set_etag(response, read)
    return read


@router.patch(
    "/preferences",
    operation_id="updatePreferences",
    summary="Change my notification preferences",
    response_model=PreferencesPublic,
    responses=problems(401, 403, 412),
)
def update_preferences(
    body: PreferencesUpdate,
    principal: BrowserUser,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
    if_match: IfMatch = None,
) -> PreferencesPublic:
    """Only the fields sent change: `email_immediate` replaces the list of kinds emailed at
    once (an unknown kind is a `422` naming it), `weekly_digest` turns the digest on or off.
    Honours `If-Match`."""
    check_if_match(if_match, service.preferences_of(db, principal.user.id), what="preferences")
    read = service.update_preferences(
        db,
        user_id=principal.user.id,
        changes=body.model_dump(exclude_unset=True),
        now=clock.now(),
    )
    set_etag(response, read)
    return read
