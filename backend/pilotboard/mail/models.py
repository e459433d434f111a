"""The mail outbox (one row per message, rendered when queued) and the suppressed addresses.

A message is written in the same transaction as the change that causes it, so a rolled-back
change sends nothing and a committed one is never lost; the worker (``worker.py``) claims due
messages, sends them over SMTP and records the outcome on the row.

Every table carries ``workspace_id`` and its indexes start with it, except two lookups that
cannot know the workspace: the worker's queue index on ``next_attempt_at`` (empty once a message
is sent or failed, so it holds only the queue) and the unsubscribe token, which arrives alone
in a public link.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Index, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from pilotboard.core.types import UTCDateTime, new_id


class MailState(StrEnum):
    queued = "queued"
    sent = "sent"
    failed = "failed"


class MailMessage(SQLModel, table=True):
    __tablename__ = "mail_messages"
    __table_args__ = (
        Index("ix_mail_messages_workspace_id_created_at_id", "workspace_id", "created_at", "id"),
        Index(
            "ix_mail_messages_workspace_id_state_created_at_id",
            "workspace_id",
            "state",
            "created_at",
            "id",
        ),
        Index("ix_mail_messages_next_attempt_at", "next_attempt_at"),
        UniqueConstraint("unsubscribe_token"),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    # None for mail that belongs to no workspace; such mail shows in no workspace's log.
    workspace_id: uuid.UUID | None = Field(
        default=None, foreign_key="workspaces.id", ondelete="CASCADE"
    )
    # The recipient's account, when the sender knows it.
    user_id: uuid.UUID | None = Field(default=None, foreign_key="users.id", ondelete="SET NULL")
    kind: str = Field(sa_type=String(40))
    to_address: str = Field(sa_type=String(254))
    to_name: str | None = Field(default=None, sa_type=String(200))
    subject: str = Field(sa_type=String(300))
    text_body: str = Field(sa_type=Text)
    html_body: str = Field(sa_type=Text)
    # The Message-ID header, fixed when queued, so every attempt sends the same one.
    message_id: str = Field(sa_type=String(200))
    # The secret of the message's one-click unsubscribe link (it is in the message's body too).
    unsubscribe_token: str = Field(sa_type=String(64))
    state: str = Field(default=MailState.queued.value, sa_type=String(16))
    attempts: int = 0
    last_error: str | None = Field(default=None, sa_type=String(500))
    # Set while the message waits or is claimed (the claim's lease); None once sent or failed.
    next_attempt_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    claim_token: uuid.UUID | None = None
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=UTCDateTime)


class MailSuppression(SQLModel, table=True):
    """An address without an account that unsubscribed: the workspace no longer mails it."""

    __tablename__ = "mail_suppressions"
    __table_args__ = (UniqueConstraint("workspace_id", "address"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID | None = Field(
        default=None, foreign_key="workspaces.id", ondelete="CASCADE"
    )
    address: str = Field(sa_type=String(254))
    kind: str = Field(sa_type=String(40), description="The kind of mail it was unsubscribed from.")
    created_at: datetime = Field(sa_type=UTCDateTime)
