"""A saved view of the pilots list: one person's, in one workspace, never shown to anyone else.

The table carries ``workspace_id`` and its indexes start with it; a view is looked up by its
owner in the workspace (the list) and its name is unique there.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Column, Index, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from pilotboard.core.types import JSONDocument, UTCDateTime, new_id

MAX_NAME_LENGTH = 80


class Layout(StrEnum):
    list = "list"
    board = "board"


class Density(StrEnum):
    comfortable = "comfortable"
    compact = "compact"


class SavedView(SQLModel, table=True):
    __tablename__ = "saved_views"
    __table_args__ = (
        UniqueConstraint("workspace_id", "user_id", "name"),
        Index(
            "ix_saved_views_workspace_id_user_id_created_at_id",
            "workspace_id",
            "user_id",
            "created_at",
            "id",
        ),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    user_id: uuid.UUID = Field(foreign_key="users.id", ondelete="CASCADE")
    name: str = Field(sa_type=String(MAX_NAME_LENGTH))
    layout: str = Field(sa_type=String(16))
    density: str = Field(sa_type=String(16))
    # The pilots list's URL search params (filters and sort), as validated by ViewSearch.
    search: dict[str, Any] = Field(
        default_factory=dict, sa_column=Column(JSONDocument, nullable=False)
    )
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
