"""API shapes of the email log and the one-click unsubscribe."""

from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from pilotboard.core.pagination import Page
from pilotboard.mail.models import MailState


class MailLogItem(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "id": "0b6c1f0e-8a51-4d0e-9a57-3f1c2d4e5a6b",
                "to": "exec@demo.local",
                "subject": "A decision waits on you: Proactive outage calls",
                "kind": "decision_needed",
                "state": "queued",
                "attempts": 2,
                "last_error": "The SMTP server answered 451 Try again later",
                "created_at": "2026-12-06T09:00:00Z",
                "sent_at": None,
            }
        }
    )

    id: uuid.UUID = Field(description="The message's id.")
    to: str = Field(description="The recipient's address.")
    subject: str = Field(description="The subject, as sent.")
    kind: str = Field(
        description="What the message is: a notification kind (`decision_needed`, "
        "`mentioned`…), `digest` or `invitation`."
    )
    state: MailState = Field(
        description="`queued` until it is sent (also while no SMTP server is configured, or "
        "between retries); `sent`; `failed` when the server refused it for good or every retry "
        "failed."
    )
    attempts: int = Field(description="Attempts made to send it so far.")
    last_error: str | None = Field(
        description="What went wrong at the last failed attempt, in plain words; `null` when "
        "no attempt failed."
    )
    created_at: datetime = Field(description="When it was queued.")
    sent_at: datetime | None = Field(description="When the SMTP server accepted it.")


class UnsubscribeInfo(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "workspace_name": "Demo Telecom",
                "kind": "digest",
                "address": "e***@demo.local",
            }
        }
    )

    workspace_name: str = Field(description="The workspace the message came from.")
    kind: str = Field(description="The kind of mail the link stops (see the email log's `kind`).")
    address: str = Field(description="The recipient's address, masked (`e***@demo.local`).")


class MailLogPage(Page[MailLogItem]):
    smtp_configured: bool = Field(
        description="Whether this server has an SMTP server to send through "
        "(`PILOTBOARD_SMTP_URL`); when `false`, messages stay `queued` in the outbox."
    )
