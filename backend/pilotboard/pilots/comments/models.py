"""A comment on a pilot: its Markdown source, who wrote it and whom it mentions.

Like every child of a pilot it carries ``workspace_id`` (first in its index) and goes with its
pilot (ON DELETE CASCADE). The HTML is rendered from ``body`` on every read, never stored, so a
change to the sanitising rules applies to old comments too.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Column, Index
from sqlmodel import Field, SQLModel

from pilotboard.core.types import JSONDocument, UTCDateTime, new_id

MAX_BODY = 10_000


class Comment(SQLModel, table=True):
    __tablename__ = "comments"
    __table_args__ = (
        # A pilot's comments in order, a page at a time (keyset on created_at, id).
        Index(
            "ix_comments_workspace_id_pilot_id_created_at_id",
            "workspace_id",
            "pilot_id",
            "created_at",
            "id",
        ),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    pilot_id: uuid.UUID = Field(foreign_key="pilots.id", ondelete="CASCADE")
    # `null` once the author's account is gone (or was not restored with an export).
    author_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    body: str = Field(max_length=MAX_BODY)
    # The members mentioned, as user id strings, in the order the author listed them.
    mentions: list[str] = Field(
        default_factory=list, sa_column=Column(JSONDocument, nullable=False)
    )
    # When the author last changed the body or the mentions; `null` for an unedited comment.
    edited_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
