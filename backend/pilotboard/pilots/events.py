"""Webhook events about a pilot and its records, built from the API's read of them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlmodel import Session

from pilotboard.core.derived import settle
from pilotboard.pilots.models import Pilot
from pilotboard.pilots.read import read_pilot
from pilotboard.webhooks import service as webhooks
from pilotboard.webhooks.models import EventType


def emit_pilot_event(
    session: Session, pilot: Pilot, event: EventType, *, now: datetime, **extra: Any
) -> None:
    """Put a `pilot.*` webhook event in the outbox: the pilot as read today, plus ``extra``.
    The derived columns are settled first, so a pilot's health-changed event comes before the
    event of the change that caused it, and the read is current."""
    settle(session)

    def data() -> dict[str, Any]:
        return {**read_pilot(session, pilot, now.date()).model_dump(mode="json"), **extra}

    webhooks.emit(session, workspace_id=pilot.workspace_id, type=event, now=now, data=data)


def emit_record_event(
    session: Session, pilot: Pilot, event: EventType, read: Callable[[], Any], now: datetime
) -> None:
    """Put a webhook event in the outbox: the record as the API reads it, with its pilot. The
    derived columns are settled first, as for :func:`emit_pilot_event`."""
    settle(session)
    webhooks.emit(
        session,
        workspace_id=pilot.workspace_id,
        type=event,
        now=now,
        data=lambda: {**read().model_dump(mode="json"), "pilot_id": str(pilot.id)},
    )
