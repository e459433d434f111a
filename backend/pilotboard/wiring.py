"""Where the app is put together: the sessions it makes, the derived columns they keep current,
who hears which domain event, and the background jobs. Everything that opens a session for the app
(requests, the background workers, the CLI, the tests) gets it from :func:`session_factory_for`.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from pilotboard.core.clock import Clock
from pilotboard.core.db import SessionFactory, track_changes
from pilotboard.core.derived import DerivedColumns
from pilotboard.core.events import EventBus
from pilotboard.core.idempotency import purge_expired
from pilotboard.jobs.runner import Job
from pilotboard.mail.jobs import forget_old_mail
from pilotboard.mail.links import attach_public_url
from pilotboard.mail.outbox import attach_templates
from pilotboard.notifications import triggers as notification_triggers
from pilotboard.notifications.acting import attach_clock
from pilotboard.notifications.digest import daily_digest_job
from pilotboard.pilots.checkins import service as check_ins
from pilotboard.pilots.checkins.jobs import ask_due_check_ins
from pilotboard.pilots.health import service as health
from pilotboard.pilots.health.jobs import refresh_due_health
from pilotboard.pilots.metrics.summary import MetricFigures
from pilotboard.portfolio.rollup import compact_due
from pilotboard.webhooks.jobs import forget_old_events

# The daily jobs, in the order they run (each in its own transaction).
DAILY_JOBS = (
    Job("health", lambda session, now: refresh_due_health(session, now=now)),
    Job("webhook_events", lambda session, now: forget_old_events(session, now=now)),
    Job("idempotency_keys", lambda session, now: purge_expired(session, now=now)),
    Job("old_mail", lambda session, now: forget_old_mail(session, now=now)),
    Job("check_ins", lambda session, now: ask_due_check_ins(session, now=now)),
    # After health, so the digest reports today's.
    Job("digest", daily_digest_job),
)
# The jobs of every round of the job runner (each minute).
FREQUENT_JOBS = (Job("portfolio_rollups", compact_due),)


def event_bus() -> EventBus:
    bus = EventBus()
    health.subscribe(bus)
    check_ins.subscribe(bus)
    notification_triggers.subscribe(bus)
    return bus


def session_factory_for(
    bind: Engine | Connection, clock: Clock, *, public_url: str | None = None, **options: Any
) -> SessionFactory:
    """Sessions on ``bind`` that keep the derived columns current (as of ``clock``) and
    deliver domain events. ``public_url`` (``PILOTBOARD_PUBLIC_URL``) is the base of the links
    in the mail they queue (the setting's default without it). ``options`` go to the sessions
    (e.g. ``join_transaction_mode``)."""
    maker = sessionmaker(bind=bind, class_=Session, expire_on_commit=False, **options)
    if public_url is not None:
        attach_public_url(maker, public_url)
    attach_templates(maker)
    attach_clock(maker, clock)
    track_changes(maker)
    DerivedColumns([MetricFigures(), health.HealthColumns(clock)]).attach(maker)
    event_bus().attach(maker)
    # After the derived columns: their settling at commit publishes what is told then.
    notification_triggers.attach(maker)
    return maker
