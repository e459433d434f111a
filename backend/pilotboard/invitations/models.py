"""Invitations: an address invited into a workspace with a role, through a single-use link.

The link's token is never stored, only its SHA-256 (like sessions and API tokens); resending
replaces it, so the old link dies. An invitation is pending until it is accepted, revoked or
past ``expires_at``.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Index, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from pilotboard.core.types import UTCDateTime, new_id

INVITATION_DAYS = 7


class Invitation(SQLModel, table=True):
    __tablename__ = "invitations"
    __table_args__ = (
        Index("ix_invitations_workspace_id_created_at_id", "workspace_id", "created_at", "id"),
        Index("ix_invitations_workspace_id_email", "workspace_id", "email"),
        # The token arrives alone, in a public link: the one lookup without the workspace.
        UniqueConstraint("token_hash"),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    email: str = Field(sa_type=String(254), description="Lower-cased.")
    role: str = Field(sa_type=String(16))
    token_hash: str = Field(sa_type=String(64))
    invited_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    expires_at: datetime = Field(sa_type=UTCDateTime)
    accepted_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    accepted_by: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    revoked_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
