"""Department check-ins: the requests sent to an involvement's contact, and the answers.

A request carries its own link token (256 random bits, only the SHA-256 stored). An answer comes
through that link or is recorded in the app by a member (``recorded_by``). The involvement keeps
``first_asked_on``, ``last_asked_at`` and ``last_check_in_on`` current (pilots/models.py), so
silence is read without aggregating these tables.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index, String
from sqlmodel import Field, SQLModel

from pilotboard.core.types import UTCDateTime, new_id


class Benefit(StrEnum):
    yes = "yes"
    partly = "partly"
    not_yet = "not_yet"


class CheckInRequest(SQLModel, table=True):
    __tablename__ = "check_in_requests"
    __table_args__ = (
        Index(
            "ix_check_in_requests_workspace_id_involvement_id_asked_at",
            "workspace_id",
            "involvement_id",
            "asked_at",
        ),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    pilot_id: uuid.UUID = Field(foreign_key="pilots.id", ondelete="CASCADE")
    involvement_id: uuid.UUID = Field(foreign_key="involvements.id", ondelete="CASCADE")
    # The iteration whose logging caused the request (`null` for a periodic one).
    iteration_id: uuid.UUID | None = Field(
        default=None, foreign_key="iterations.id", ondelete="SET NULL"
    )
    email: str = Field(max_length=254)
    # SHA-256 of the link's token, hex; `null` once restored from an export (it opens nothing).
    token_hash: str | None = Field(default=None, max_length=64, unique=True)
    asked_at: datetime = Field(sa_type=UTCDateTime)
    expires_at: datetime = Field(sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class CheckIn(SQLModel, table=True):
    __tablename__ = "check_ins"
    __table_args__ = (
        Index(
            "ix_check_ins_workspace_id_involvement_id_created_at_id",
            "workspace_id",
            "involvement_id",
            "created_at",
            "id",
        ),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    pilot_id: uuid.UUID = Field(foreign_key="pilots.id", ondelete="CASCADE")
    involvement_id: uuid.UUID = Field(foreign_key="involvements.id", ondelete="CASCADE")
    # The request answered (`null` when recorded in the app).
    request_id: uuid.UUID | None = Field(
        default=None, foreign_key="check_in_requests.id", ondelete="SET NULL"
    )
    # The pilot's latest iteration when the check-in came.
    iteration_id: uuid.UUID | None = Field(
        default=None, foreign_key="iterations.id", ondelete="SET NULL"
    )
    benefit: str = Field(sa_type=String(8))
    still_committed: bool
    blocker: str = Field(default="", max_length=2000)
    note: str = Field(default="", max_length=4000)
    # The member who recorded it in the app (`null` when it came through the link).
    recorded_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
