"""Fixed-window request counters shared by every server process (one row per key and window).

Used by the public, token-only pages: ``hit`` adds one to the key's counter for the current
window and says whether the limit is passed. The counter lives in the database so that several
processes share it; rows of past windows are removed by ``prune``.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, time, timedelta
from typing import Annotated, cast

from fastapi import Depends, Request
from sqlalchemy import Index, String, Table, delete
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Field, SQLModel

from pilotboard.access import client_address
from pilotboard.core.clock import Clock
from pilotboard.core.db import SessionFactory
from pilotboard.core.errors import TooManyRequests
from pilotboard.core.types import UTCDateTime


class RateCounter(SQLModel, table=True):
    __tablename__ = "rate_counters"
    __table_args__ = (Index("ix_rate_counters_window_start", "window_start"),)

    key: str = Field(sa_type=String(120), primary_key=True)
    window_start: datetime = Field(sa_type=UTCDateTime, primary_key=True)
    count: int = 0


# The public pages' limit: requests per client address per hour (API.md, "public links").
PUBLIC_LIMIT = 300
PUBLIC_WINDOW = timedelta(hours=1)
# Counters of windows older than this are removed whenever a new window starts.
KEEP = timedelta(days=2)


def _window_start(now: datetime, window: timedelta) -> datetime:
    seconds = int(window.total_seconds())
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds, tz=UTC)


def hit(factory: SessionFactory, *, key: str, limit: int, window: timedelta, now: datetime) -> int:
    """Count one request for ``key`` in its own committed transaction (a request that then
    fails still counts) and return the seconds to wait when the count passes ``limit``, else 0.
    """
    start = _window_start(now, window)
    with factory() as session:
        dialect = session.get_bind().dialect.name
        insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
        table = cast(Table, RateCounter.__table__)  # type: ignore[attr-defined]
        statement = (
            insert(table)
            .values(key=key[:120], window_start=start, count=1)
            .on_conflict_do_update(
                index_elements=["key", "window_start"], set_={"count": table.c.count + 1}
            )
            .returning(table.c.count)
        )
        count = int(session.execute(statement).scalar_one())
        if count == 1:
            session.execute(delete(table).where(table.c.window_start < now - KEEP))
        session.commit()
    if count <= limit:
        return 0
    return max(1, int((start + window - now).total_seconds()) + 1)


def public_rate_limit(request: Request) -> None:
    """The dependency of every public, token-only endpoint: at most ``PUBLIC_LIMIT`` requests
    per client address per hour, else ``429`` with ``Retry-After``."""
    clock: Clock = request.app.state.clock
    wait = hit(
        request.app.state.session_factory,
        key=f"public:{client_address(request)}",
        limit=PUBLIC_LIMIT,
        window=PUBLIC_WINDOW,
        now=clock.now(),
    )
    if wait:
        raise TooManyRequests(
            f"Too many requests from this address: at most {PUBLIC_LIMIT} an hour. "
            f"Try again in {wait} seconds.",
            retry_after=wait,
        )


PublicRateLimit = Annotated[None, Depends(public_rate_limit)]

# What one public link takes per UTC day (a feedback link's answers, a check-in link's).
LINK_DAILY_LIMIT = 20


def utc_day_start(now: datetime) -> datetime:
    """Midnight UTC at the start of ``now``'s UTC day."""
    return datetime.combine(now.astimezone(UTC).date(), time(), UTC)


def refuse_past_daily_limit(answered_today: int, *, now: datetime) -> None:
    """``429`` with ``Retry-After`` (the seconds to the next UTC midnight) once a link has taken
    ``LINK_DAILY_LIMIT`` answers today. The caller counts them under the link's lock."""
    if answered_today < LINK_DAILY_LIMIT:
        return
    midnight = utc_day_start(now) + timedelta(days=1)
    wait = max(1, math.ceil((midnight - now).total_seconds()))
    raise TooManyRequests(
        f"This link took its {LINK_DAILY_LIMIT} answers for today. Try again tomorrow (in "
        f"{wait} seconds, after midnight UTC).",
        retry_after=wait,
    )
