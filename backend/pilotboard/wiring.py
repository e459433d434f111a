"""Where the app is put together: the sessions it makes, the derived columns they keep current,
who hears which domain event, and the daily jobs. Everything that opens a session for the app
(requests, the background workers, the CLI, the tests) gets it from :func:`session_factory_for`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from pilotboard.core.clock import Clock
from pilotboard.core.db import SessionFactory
from pilotboard.core.derived import DerivedColumns
from pilotboard.core.events import EventBus
from pilotboard.core.idempotency import purge_expired
from pilotboard.jobs.runner import Job
from pilotboard.pilots.health import service as health
from pilotboard.pilots.health.jobs import refresh_due_health
from pilotboard.pilots.metrics.summary import MetricFigures
from pilotboard.webhooks.jobs import forget_old_events

# The daily jobs, in the order they run (each in its own transaction).
DAILY_JOBS = (
    Job("health", lambda session, now: refresh_due_health(session, now=now)),
    Job("webhook_events", lambda session, now: forget_old_events(session, now=now)),
    Job("idempotency_keys", lambda session, now: purge_expired(session, now=now)),
)


def event_bus() -> EventBus:
    bus = EventBus()
    health.subscribe(bus)
    return bus


def session_factory_for(bind: Engine | Connection, clock: Clock, **options: Any) -> SessionFactory:
    """Sessions on ``bind`` that keep the derived columns current (as of ``clock``) and
    deliver domain events. ``options`` go to the sessions (e.g. ``join_transaction_mode``)."""
    maker = sessionmaker(bind=bind, class_=Session, expire_on_commit=False, **options)
    DerivedColumns([MetricFigures(), health.HealthColumns(clock)]).attach(maker)
    event_bus().attach(maker)
    return maker
