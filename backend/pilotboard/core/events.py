"""Domain events: how one domain tells the others that something they derive from has changed,
without importing them.

A domain defines its events (frozen dataclasses) in its own ``events.py`` and publishes them
with :func:`publish`; the handlers run at once, in the publisher's transaction. Who listens to
what is decided in one place, ``pilotboard/wiring.py``, which attaches the bus to the app's
session factory.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.orm import Session, sessionmaker

_KEY = "pilotboard.event_bus"

E = TypeVar("E")
Handler = Callable[[Session, Any], None]


class EventBus:
    def __init__(self) -> None:
        self._handlers: dict[type, list[Handler]] = {}

    def subscribe(self, kind: type[E], handler: Callable[[Session, E], None]) -> None:
        self._handlers.setdefault(kind, []).append(handler)

    def handlers(self, kind: type) -> list[Handler]:
        return list(self._handlers.get(kind, ()))

    def attach(self, maker: sessionmaker[Any]) -> None:
        """Deliver the events published through the sessions ``maker`` makes."""
        maker.kw["info"] = {**maker.kw.get("info", {}), _KEY: self}


def publish(session: Session, event: object) -> None:
    """Run every handler of ``event`` now, in ``session``'s transaction. A session the app's
    factory did not make has no bus: that is a bug (the handlers would silently not run)."""
    bus: EventBus | None = session.info.get(_KEY)
    if bus is None:
        raise RuntimeError("This session has no event bus: make sessions with pilotboard.wiring.")
    for handler in bus.handlers(type(event)):
        handler(session, event)
