"""Who is acting in a session, for the notifications that must never go to their own cause.

The request's authentication remembers the signed-in user on the request's session
(``access.py``); the handlers of domain events (a pilot's health changed, it entered the
decisions waiting) read it back, since the event itself does not say who caused it. A session
with no one acting (the daily jobs, the CLI) answers ``None``. The session also knows the app's
clock, for handlers of events that carry no time.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from pilotboard.core.clock import Clock, SystemClock

_KEY = "pilotboard.acting_user"
_CLOCK = "pilotboard.clock"


def remember_acting_user(session: Session, user_id: uuid.UUID) -> None:
    session.info[_KEY] = user_id


def acting_user(session: Session) -> uuid.UUID | None:
    value = session.info.get(_KEY)
    return value if isinstance(value, uuid.UUID) else None


def attach_clock(maker: sessionmaker[Any], clock: Clock) -> None:
    """Let handlers of events that carry no time (a one-click unsubscribe) read the app's clock."""
    maker.kw["info"] = {**maker.kw.get("info", {}), _CLOCK: clock}


def now_of(session: Session) -> datetime:
    clock = session.info.get(_CLOCK)
    return (clock if clock is not None else SystemClock()).now()
