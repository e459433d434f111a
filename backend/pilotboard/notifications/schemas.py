from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, model_validator

from pilotboard.core.fields import refuses_null
from pilotboard.notifications.models import NotificationKind

_WS = "2b8e4f61-93c5-4a0d-b7e2-5c9a1d3f6e84"
_PILOT = "3c7d9e2a-5b1f-4e8c-a6d4-1f0b2c3d4e5a"
_NOTIFICATION = "7a2b3c4d-5e6f-4a1b-8c9d-0e1f2a3b4c5d"


class NotificationPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "id": _NOTIFICATION,
                "kind": "decision_needed",
                "workspace_id": _WS,
                "pilot_id": _PILOT,
                "title": "A decision waits on you: Remote diagnostics",
                "body": "Remote diagnostics is in scale review: record scale, continue, pivot "
                "or stop.",
                "url": f"/w/{_WS}/pilots/{_PILOT}",
                "created_at": "2026-11-22T10:00:00Z",
                "read_at": None,
            }
        }
    )

    id: uuid.UUID = Field(description="The notification's id.")
    kind: NotificationKind = Field(description="What happened.")
    workspace_id: uuid.UUID = Field(description="The workspace it is about.")
    pilot_id: uuid.UUID | None = Field(description="The pilot it is about, if any.")
    title: str = Field(description="One line saying what happened.")
    body: str = Field(description="A few more words.")
    url: str = Field(description="The app path where to act (e.g. `/w/{ws}/pilots/{id}`).")
    created_at: datetime = Field(description="When it was sent.")
    read_at: datetime | None = Field(description="When you marked it read; `null` while unread.")


class MarkRead(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"example": {"ids": [_NOTIFICATION]}},
    )

    ids: list[uuid.UUID] | None = Field(
        default=None,
        max_length=200,
        description="The notifications to mark read (yours; others are ignored).",
        json_schema_extra=refuses_null,
    )
    all: bool | None = Field(
        default=None,
        description="`true` marks every notification of yours read.",
        json_schema_extra=refuses_null,
    )

    @model_validator(mode="after")
    def _one_of(self) -> MarkRead:
        if self.ids is None and self.all is None:
            raise ValueError("Send `ids` (a list of notification ids) or `all: true`.")
        if self.ids is not None and self.all is not None:
            raise ValueError("Send either `ids` or `all`, not both.")
        if self.all is False:
            raise ValueError("`all` can only be true; to mark some, send `ids`.")
        return self


class UnreadCount(BaseModel):
    model_config = ConfigDict(json_schema_extra={"example": {"unread": 3}})

    unread: int = Field(description="How many of your notifications are still unread.")


class PreferencesPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "email_immediate": ["decision_needed", "mentioned", "invited"],
                "weekly_digest": True,
            }
        }
    )

    email_immediate: list[NotificationKind] = Field(
        description="The kinds of notification also sent to you by email at once."
    )
    weekly_digest: bool = Field(
        description="Whether you get the weekly digest of the workspaces where you are an "
        "executive or admin (by default: yes when you are one somewhere)."
    )


class PreferencesUpdate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"example": {"email_immediate": ["decision_needed", "mentioned"]}},
    )

    email_immediate: list[NotificationKind] | None = Field(
        default=None,
        max_length=len(NotificationKind),
        description="Replaces the list of kinds emailed at once (each kind at most once).",
        json_schema_extra=refuses_null,
    )
    weekly_digest: bool | None = Field(
        default=None,
        description="Turns the weekly digest on or off.",
        json_schema_extra=refuses_null,
    )
