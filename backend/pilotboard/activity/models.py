"""The append-only activity log: every change, who made it, before and after."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Column, Index, String
from sqlmodel import Field, SQLModel

from pilotboard.core.types import JSONDocument, UTCDateTime, new_id


class Activity(SQLModel, table=True):
    """One change. ``workspace_id`` is empty only for account events (logins, logouts)."""

    __tablename__ = "activity"
    __table_args__ = (
        Index("ix_activity_workspace_id_occurred_at_id", "workspace_id", "occurred_at", "id"),
        Index(
            "ix_activity_workspace_id_object_type_object_id",
            "workspace_id",
            "object_type",
            "object_id",
        ),
        Index(
            "ix_activity_workspace_id_pilot_id_occurred_at",
            "workspace_id",
            "pilot_id",
            "occurred_at",
        ),
        Index("ix_activity_actor_user_id", "actor_user_id"),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID | None = Field(
        default=None, foreign_key="workspaces.id", ondelete="CASCADE"
    )
    occurred_at: datetime = Field(sa_type=UTCDateTime)
    actor_user_id: uuid.UUID | None = Field(
        default=None, foreign_key="users.id", ondelete="SET NULL"
    )
    actor_token_id: uuid.UUID | None = Field(
        default=None, foreign_key="api_tokens.id", ondelete="SET NULL"
    )
    action: str = Field(sa_type=String(64), description="e.g. `auth.login_failed`, `pilot.updated`")
    object_type: str = Field(sa_type=String(32))
    object_id: uuid.UUID | None = None
    pilot_id: uuid.UUID | None = Field(
        default=None, description="The pilot the object belongs to, for the pilot's history."
    )
    summary: str = Field(default="", max_length=300)
    before: dict[str, Any] | None = Field(default=None, sa_column=Column(JSONDocument))
    after: dict[str, Any] | None = Field(default=None, sa_column=Column(JSONDocument))
    client_address: str | None = Field(default=None, max_length=64)
    request_id: str | None = Field(default=None, max_length=128)
