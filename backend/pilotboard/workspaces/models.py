"""Workspaces (one portfolio each) and who is in them, with which role."""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, Index, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from pilotboard.core.types import JSONDocument, UTCDateTime, new_id


class Role(StrEnum):
    admin = "admin"
    editor = "editor"
    executive = "executive"
    viewer = "viewer"


class Workspace(SQLModel, table=True):
    __tablename__ = "workspaces"

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    name: str = Field(max_length=100)
    currency: str = Field(default="EUR", sa_type=String(3))
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class Membership(SQLModel, table=True):
    __tablename__ = "memberships"
    __table_args__ = (
        UniqueConstraint("workspace_id", "user_id"),
        Index("ix_memberships_user_id", "user_id"),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE")
    role: Role = Field(sa_type=String(16))
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class WorkspaceSettings(SQLModel, table=True):
    """The rubric, the stall thresholds and the digest day of one workspace (defaults until
    someone edits)."""

    __tablename__ = "workspace_settings"

    workspace_id: uuid.UUID = Field(
        foreign_key="workspaces.id", ondelete="CASCADE", primary_key=True
    )
    rubric: list[dict[str, Any]] = Field(sa_column=Column(JSONDocument, nullable=False))
    thresholds: dict[str, int] = Field(sa_column=Column(JSONDocument, nullable=False))
    # The day of the week the weekly digest goes out (``monday`` … ``sunday``).
    digest_weekday: str = Field(default="monday", sa_type=String(9))
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
