"""Feedback links (one per contact at the testbed customer) and the responses given through them.

A link's token is 256 random bits; only its SHA-256 is stored (``token_hash``), so a leaked
database does not open any link. Both tables carry ``workspace_id`` first in their indexes and go
with their pilot (ON DELETE CASCADE).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Date, Index
from sqlmodel import Field, SQLModel

from pilotboard.core.types import UTCDateTime, new_id

MAX_TEXT = 4000
SCALE = (1, 5)  # the two rated questions: 1 (none / hard) to 5 (a great deal / easy)


class FeedbackLink(SQLModel, table=True):
    __tablename__ = "feedback_links"
    __table_args__ = (
        Index(
            "ix_feedback_links_workspace_id_pilot_id_created_at_id",
            "workspace_id",
            "pilot_id",
            "created_at",
            "id",
        ),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    pilot_id: uuid.UUID = Field(foreign_key="pilots.id", ondelete="CASCADE")
    contact_name: str = Field(max_length=120)
    contact_email: str | None = Field(default=None, max_length=254)
    # Valid through this UTC date; `null`: until revoked.
    expires_on: date | None = Field(default=None, sa_type=Date)
    # SHA-256 of the token, hex; `null` for a link restored from an export (it opens nothing).
    token_hash: str | None = Field(default=None, max_length=64, unique=True)
    created_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    revoked_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class FeedbackResponse(SQLModel, table=True):
    __tablename__ = "feedback_responses"
    __table_args__ = (
        # A pilot's responses, a page at a time (keyset on created_at, id), and per iteration.
        Index(
            "ix_feedback_responses_workspace_id_pilot_id_created_at_id",
            "workspace_id",
            "pilot_id",
            "created_at",
            "id",
        ),
        # The per-link daily limit counts today's responses of one link.
        Index("ix_feedback_responses_link_id_created_at", "link_id", "created_at"),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    pilot_id: uuid.UUID = Field(foreign_key="pilots.id", ondelete="CASCADE")
    link_id: uuid.UUID | None = Field(
        default=None, foreign_key="feedback_links.id", ondelete="SET NULL"
    )
    # The pilot's latest iteration when the response came (`null` before the first one).
    iteration_id: uuid.UUID | None = Field(
        default=None, foreign_key="iterations.id", ondelete="SET NULL"
    )
    respondent_name: str = Field(default="", max_length=120)
    difference: int
    effort: int
    comment: str = Field(default="", max_length=MAX_TEXT)
    new_needs: str = Field(default="", max_length=MAX_TEXT)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
