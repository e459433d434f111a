"""API shapes for webhooks, their deliveries and the attempts of each delivery."""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from pilotboard.core.fields import refuses_null
from pilotboard.webhooks.models import DeliveryStatus, EventType

EVENT_DESCRIPTIONS: dict[EventType, str] = {
    EventType.pilot_created: "A pilot was proposed.",
    EventType.pilot_updated: "A pilot's own fields changed (title, owner, sponsor, customer…).",
    EventType.pilot_stage_changed: "A pilot moved to another stage; `previous_stage` says from.",
    EventType.pilot_health_changed: "A pilot's health changed, by an edit or by time passing; "
    "`previous_health` says from.",
    EventType.iteration_created: "An iteration was logged on a pilot.",
    EventType.measurement_created: "A measurement was recorded for a pilot's metric.",
    EventType.decision_recorded: "An executive recorded a gate decision.",
    EventType.decision_withdrawn: "A gate decision was withdrawn; it stays on record, "
    "with `withdrawn_at`, `withdrawn_by` and `withdraw_reason`.",
    EventType.comment_created: "A member commented on a pilot (the comment as `GET …/comments` "
    "lists it, with `pilot_id`).",
    EventType.check_in_received: "A department checked in on a pilot, through its emailed link "
    "or recorded in the app (the pilot, with the check-in as `GET …/check-ins` lists it in "
    "`check_in`).",
}


def _strip_url(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("Enter the URL that receives the events.")
    return value


WebhookUrl = Annotated[
    str,
    StringConstraints(max_length=2000),
    AfterValidator(_strip_url),
    WithJsonSchema(
        {
            "type": "string",
            "format": "uri",
            "minLength": 1,
            "maxLength": 2000,
            "description": "An http(s) URL of a public server; private, loopback, link-local "
            "and metadata addresses are refused.",
        }
    ),
]
Description = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]


def _unique_events(events: list[EventType]) -> list[EventType]:
    seen: set[EventType] = set()
    for event in events:
        if event in seen:
            raise ValueError(f"“{event.value}” is listed twice; list each event once.")
        seen.add(event)
    return events


Events = Annotated[
    list[EventType],
    Field(
        min_length=1,
        max_length=len(EventType),
        description="The events to receive, each once: "
        + "; ".join(f"`{e.value}`: {text}" for e, text in EVENT_DESCRIPTIONS.items()),
    ),
    AfterValidator(_unique_events),
]

_EXAMPLE: dict[str, Any] = {
    "url": "https://crm.example.com/hooks/pilotboard",
    "description": "CRM sync",
    "events": ["pilot.stage_changed", "pilot.health_changed", "decision.recorded"],
    "enabled": True,
}


class WebhookCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"example": _EXAMPLE})

    url: WebhookUrl
    events: Events
    description: Description = Field(default="", description="What receives the events.")
    enabled: bool = Field(
        default=True, description="`false` creates it turned off; deliveries start when enabled."
    )


class WebhookUpdate(BaseModel):
    """Only the fields sent change. Setting `enabled` to `true` clears `disabled_reason`."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"example": {"enabled": True, "events": ["pilot.created"]}},
    )

    url: WebhookUrl | None = Field(
        default=None,
        description="A new receiving URL (checked like on creation).",
        json_schema_extra=refuses_null,
    )
    events: Events | None = Field(
        default=None,
        description="The new list of events to receive (replaces the list).",
        json_schema_extra=refuses_null,
    )
    description: Description | None = Field(
        default=None, description="What receives the events.", json_schema_extra=refuses_null
    )
    enabled: bool | None = Field(
        default=None,
        description="Turn deliveries off (`false`) or back on (`true`).",
        json_schema_extra=refuses_null,
    )

    @field_validator("url", "events", "description", "enabled")
    @classmethod
    def _not_null(cls, value: object) -> object:
        if value is None:
            raise ValueError("This field cannot be null; leave it out to keep its value.")
        return value


_PUBLIC_EXAMPLE: dict[str, Any] = {
    "id": "3f2c1b0a-9e8d-4c7b-a6f5-e4d3c2b1a098",
    **_EXAMPLE,
    "disabled_reason": None,
    "disabled_at": None,
    "failing_since": None,
    "last_success_at": "2026-11-22T10:05:00Z",
    "last_failure_at": None,
    "created_at": "2026-11-22T10:00:00Z",
    "updated_at": "2026-11-22T10:00:00Z",
}


# What admins edit: the ETag covers these only, so an edit is not refused because a delivery
# went out meanwhile (`last_success_at`, `failing_since`… change without anyone editing).
CONFIGURATION = {"id", "url", "description", "events", "enabled", "updated_at"}


def webhook_etag(webhook: WebhookPublic) -> str:
    """The ETag of a webhook's configuration: the single read's header and a list item's `etag`."""
    configuration = webhook.model_dump_json(include=CONFIGURATION)
    return f'"{hashlib.sha256(configuration.encode()).hexdigest()[:32]}"'


class WebhookPublic(BaseModel):
    model_config = ConfigDict(json_schema_extra={"example": _PUBLIC_EXAMPLE})

    id: uuid.UUID = Field(description="The webhook's id.")
    url: str = Field(description="Where events are sent.")
    description: str = Field(description="What receives the events.")
    events: list[EventType] = Field(description="The events it receives.")
    enabled: bool = Field(description="Whether events are delivered to it.")
    disabled_reason: str | None = Field(
        description="Why Pilotboard turned the endpoint off (after 24 hours of failed "
        "deliveries); `null` when it is enabled or an admin turned it off."
    )
    disabled_at: datetime | None = Field(
        description="When it was turned off; `null` while enabled."
    )
    failing_since: datetime | None = Field(
        description="The first failed attempt since the last success; `null` while healthy."
    )
    last_success_at: datetime | None = Field(
        description="The last delivery the receiver accepted; `null` if none yet."
    )
    last_failure_at: datetime | None = Field(description="The last failed attempt; `null` if none.")
    created_at: datetime = Field(description="When it was created.")
    updated_at: datetime = Field(description="When it last changed.")
    etag: str = Field(
        default="",
        description="Read-only: the version of its configuration, the exact `ETag` its single "
        "read answers with. Send it as `If-Match` to change or delete it straight from a list.",
    )

    @model_validator(mode="after")
    def _versioned(self) -> WebhookPublic:
        if not self.etag:
            self.etag = webhook_etag(self)
        return self


class WebhookCreated(WebhookPublic):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                **_PUBLIC_EXAMPLE,
                "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw2C1xOyGVqGA=",
            }
        }
    )

    secret: str = Field(
        description="The signing secret (`whsec_` + base64), shown this once: store it now. "
        "Verify each delivery's `webhook-signature` with it (Standard Webhooks)."
    )


class AttemptPublic(BaseModel):
    number: int = Field(description="1 for the first try, then 2, 3…")
    attempted_at: datetime = Field(description="When the attempt was made.")
    succeeded: bool = Field(description="The receiver answered 2xx.")
    status_code: int | None = Field(description="`null` when no response came back.")
    latency_ms: int = Field(description="How long the receiver took to answer, in milliseconds.")
    response_excerpt: str = Field(description="The start of the response body (at most 1 KB).")
    error: str | None = Field(description="What went wrong, in plain words; `null` on success.")


class DeliveryPublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "id": "5b4a3928-1706-4f5e-8d4c-3b2a19080706",
                "message_id": "msg_8c0f6a2e4b1d4e7f9a3c5b7d9e1f2a4c",
                "event_type": "pilot.stage_changed",
                "status": "pending",
                "attempt_count": 1,
                "next_attempt_at": "2026-11-22T10:00:10Z",
                "completed_at": None,
                "payload": {
                    "type": "pilot.stage_changed",
                    "timestamp": "2026-11-22T10:00:00Z",
                    "data": {"id": "…", "stage": "running", "previous_stage": "selecting"},
                },
                "attempts": [
                    {
                        "number": 1,
                        "attempted_at": "2026-11-22T10:00:01Z",
                        "succeeded": False,
                        "status_code": 503,
                        "latency_ms": 120,
                        "response_excerpt": "Service unavailable",
                        "error": "The receiver answered 503.",
                    }
                ],
                "created_at": "2026-11-22T10:00:00Z",
                "updated_at": "2026-11-22T10:00:01Z",
            }
        }
    )

    id: uuid.UUID = Field(description="The delivery's id.")
    message_id: str = Field(description="The `webhook-id` header: the same on every attempt.")
    event_type: EventType = Field(description="The event delivered.")
    status: DeliveryStatus = Field(
        description="`pending` while it waits for its next attempt; `succeeded`; `failed` when "
        "retries over 24 hours did not get through."
    )
    attempt_count: int = Field(description="Attempts made so far.")
    next_attempt_at: datetime | None = Field(description="When the next attempt is due.")
    completed_at: datetime | None = Field(
        description="When it succeeded or was given up; `null` while pending."
    )
    payload: dict[str, Any] = Field(description="The body sent: `{type, timestamp, data}`.")
    attempts: list[AttemptPublic] = Field(description="Every attempt, first to last.")
    created_at: datetime = Field(description="When the event was queued for this webhook.")
    updated_at: datetime = Field(description="When the delivery last changed.")
