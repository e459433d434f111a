"""Webhooks: endpoints, the outbox of events, one delivery per endpoint and event, its attempts.

An event is written to the outbox in the same transaction as the change it reports, with one
delivery row per subscribed endpoint, so a rolled-back change sends nothing and a committed one
is never lost. The worker claims due deliveries, sends them and records every attempt.

Every table carries ``workspace_id`` and its indexes start with it, except the worker's queue
index on ``webhook_deliveries.next_attempt_at``: the worker looks for due deliveries across every
workspace, and that column is empty once a delivery is finished, so the index holds the queue.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Column, Index, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from pilotboard.core.types import JSONDocument, UTCDateTime, new_id


class EventType(StrEnum):
    pilot_created = "pilot.created"
    pilot_updated = "pilot.updated"
    pilot_stage_changed = "pilot.stage_changed"
    pilot_health_changed = "pilot.health_changed"
    iteration_created = "iteration.created"
    measurement_created = "measurement.created"
    decision_recorded = "decision.recorded"
    decision_withdrawn = "decision.withdrawn"
    comment_created = "comment.created"
    feedback_received = "feedback.received"
    check_in_received = "check_in.received"


class DeliveryStatus(StrEnum):
    pending = "pending"
    succeeded = "succeeded"
    failed = "failed"


class WebhookEndpoint(SQLModel, table=True):
    __tablename__ = "webhook_endpoints"
    __table_args__ = (
        Index(
            "ix_webhook_endpoints_workspace_id_created_at_id", "workspace_id", "created_at", "id"
        ),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    url: str = Field(max_length=2000)
    description: str = Field(default="", max_length=200)
    events: list[str] = Field(default_factory=list, sa_column=Column(JSONDocument, nullable=False))
    enabled: bool = True
    # The signing secret, encrypted with a key derived from the app's secret key (see signing.py).
    secret_sealed: str = Field(sa_type=String(200))
    disabled_reason: str | None = Field(default=None, max_length=500)
    disabled_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    failing_since: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_success_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    last_failure_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class WebhookEvent(SQLModel, table=True):
    """The outbox: one row per event that at least one endpoint subscribed to."""

    __tablename__ = "webhook_events"
    __table_args__ = (
        Index("ix_webhook_events_workspace_id_occurred_at", "workspace_id", "occurred_at"),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    type: str = Field(sa_type=String(40))
    # The exact JSON body that is signed and sent: {"type", "timestamp", "data"}.
    body: str = Field(sa_type=Text)
    occurred_at: datetime = Field(sa_type=UTCDateTime)


class WebhookDelivery(SQLModel, table=True):
    """One event for one endpoint. ``next_attempt_at`` is set while it waits (or is claimed)."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        Index(
            "ix_webhook_deliveries_workspace_id_endpoint_id_created_at_id",
            "workspace_id",
            "endpoint_id",
            "created_at",
            "id",
        ),
        Index("ix_webhook_deliveries_workspace_id_event_id", "workspace_id", "event_id"),
        Index("ix_webhook_deliveries_next_attempt_at", "next_attempt_at"),
    )

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    endpoint_id: uuid.UUID = Field(foreign_key="webhook_endpoints.id", ondelete="CASCADE")
    event_id: uuid.UUID = Field(foreign_key="webhook_events.id", ondelete="CASCADE")
    status: str = Field(default=DeliveryStatus.pending.value, sa_type=String(16))
    attempt_count: int = 0
    next_attempt_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    # Set when a worker claims the delivery; the claim lasts until `next_attempt_at` (the lease).
    claim_token: uuid.UUID | None = None
    completed_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(sa_type=UTCDateTime)
    updated_at: datetime = Field(sa_type=UTCDateTime)


class WebhookAttempt(SQLModel, table=True):
    """One try at sending a delivery: what came back, how long it took."""

    __tablename__ = "webhook_attempts"
    __table_args__ = (UniqueConstraint("workspace_id", "delivery_id", "number"),)

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    workspace_id: uuid.UUID = Field(foreign_key="workspaces.id", ondelete="CASCADE")
    delivery_id: uuid.UUID = Field(foreign_key="webhook_deliveries.id", ondelete="CASCADE")
    number: int
    attempted_at: datetime = Field(sa_type=UTCDateTime)
    succeeded: bool
    status_code: int | None = None
    latency_ms: int
    response_excerpt: str = Field(default="", max_length=1024)
    error: str | None = Field(default=None, max_length=500)
