"""Notifications (one row per recipient), each person's preferences, and the bookkeeping of the
two triggers that must fire once: a pilot entering the decisions waiting, a digest in a week.

Every table carries ``workspace_id`` and its indexes start with it, except two that belong to a
person rather than a workspace: the notifications listed by ``GET /me/notifications`` (across
the person's workspaces) and the preferences (one row per account).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, Index, PrimaryKeyConstraint, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from pilotboard.core.types import JSONDocument, UTCDateTime, new_id


class NotificationKind(StrEnum):
    decision_needed = "decision_needed"
    health_changed = "health_changed"
    mentioned = "mentioned"
    commented = "commented"
    check_in_received = "check_in_received"
    feedback_received = "feedback_received"
    invited = "invited"


# What a person without saved preferences gets by email at once.
DEFAULT_EMAIL_IMMEDIATE = (
    NotificationKind.decision_needed,
    NotificationKind.mentioned,
    NotificationKind.invited,
)


class Notification(SQLModel, table=True):
    __tablename__ = "notifications"
    __table_args__ = (
        # GET /me/notifications: one person's, newest first (unread ones filtered in the index).
        Index("ix_notifications_user_id_created_at_id", "user_id", "created_at", "id"),
        Index("ix_notifications_workspace_id_pilot_id", "workspace_id", "pilot_id"),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE")
    kind: str = Field(sa_type=String(32))
    pilot_id: uuid.UUID | None = Field(default=None, foreign_key="pilots.id", ondelete="SET NULL")
    title: str = Field(sa_type=String(200))
    body: str = Field(sa_type=String(2000))
    url: str = Field(sa_type=String(500))
    created_at: datetime = Field(sa_type=UTCDateTime)
    read_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class NotificationPreferences(SQLModel, table=True):
    """A person's saved choices; without a row, the defaults apply (``weekly_digest`` null:
    the default of the person's role in each workspace)."""

    __tablename__ = "notification_preferences"

    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE", primary_key=True)
    email_immediate: list[str] = Field(sa_column=Column(JSONDocument, nullable=False))
    weekly_digest: bool | None = None
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class DecisionWait(SQLModel, table=True):
    """A pilot currently in the decisions waiting (``decision``: `start` or `scale`). The row is
    written when it enters (the one moment ``decision_needed`` is sent) and removed when it
    leaves, so editing a waiting pilot notifies nobody again."""

    __tablename__ = "decision_waits"
    __table_args__ = (PrimaryKeyConstraint("workspace_id", "pilot_id"),)

    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    pilot_id: uuid.UUID = Field(foreign_key="pilots.id", ondelete="CASCADE")
    decision: str = Field(sa_type=String(8))
    entered_at: datetime = Field(sa_type=UTCDateTime)


class HealthChange(SQLModel, table=True):
    """A pilot's health changed (kept for the weekly digest; old rows are purged daily)."""

    __tablename__ = "health_changes"
    __table_args__ = (
        Index("ix_health_changes_workspace_id_changed_at_id", "workspace_id", "changed_at", "id"),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    pilot_id: uuid.UUID = Field(foreign_key="pilots.id", ondelete="CASCADE")
    previous: str = Field(sa_type=String(16))
    health: str = Field(sa_type=String(16))
    changed_at: datetime = Field(sa_type=UTCDateTime)


class DigestSend(SQLModel, table=True):
    """One weekly digest claimed for one person in one workspace and ISO week (``2026-W03``):
    the unique key is what makes it once per week whatever the number of processes."""

    __tablename__ = "digest_sends"
    __table_args__ = (UniqueConstraint("workspace_id", "user_id", "week"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE")
    week: str = Field(sa_type=String(8))
    sent_at: datetime = Field(sa_type=UTCDateTime)
