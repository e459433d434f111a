"""The webhooks' daily job: forget delivered events after 30 days."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, col, select

from pilotboard.webhooks.models import DeliveryStatus, WebhookDelivery, WebhookEvent

RETENTION = timedelta(days=30)


def forget_old_events(session: Session, *, now: datetime) -> int:
    """Delete events older than ``RETENTION`` with no delivery still pending (their deliveries
    and attempts go with them). Returns how many."""
    pending = select(WebhookDelivery.event_id).where(
        WebhookDelivery.status == DeliveryStatus.pending.value
    )
    result = session.execute(
        delete(WebhookEvent).where(
            col(WebhookEvent.occurred_at) < now - RETENTION,
            col(WebhookEvent.id).not_in(pending),
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)
