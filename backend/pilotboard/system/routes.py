from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from fastapi import APIRouter, Request
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from pilotboard.access import Public
from pilotboard.core.errors import Problem, ServiceUnavailable
from pilotboard.core.migrations import stored_revision
from pilotboard.system.schemas import Health

logger = logging.getLogger(__name__)
router = APIRouter(tags=["system"])

# Polls within this many seconds of a database check share its answer: however many load
# balancers, probes and monitors poll, the database answers one query a second, and no answer
# is older than a second.
FRESH_SECONDS = 1.0


class HealthProbe:
    """The database check behind `/health`: at most one in flight, its answer kept for
    `FRESH_SECONDS` (a failure too, so a database that is down is not asked again by every
    poll). One per app and event loop."""

    # Seconds on a clock that only moves forward (tests move it by hand).
    clock: Callable[[], float] = staticmethod(time.monotonic)

    def __init__(self, engine: Engine, loop: asyncio.AbstractEventLoop) -> None:
        self.engine = engine
        self.loop = loop
        self._lock = asyncio.Lock()
        self._checked_at = -FRESH_SECONDS
        self._revision: str | None = None
        self._failure: SQLAlchemyError | None = None

    def _answer(self) -> str | None:
        if self._failure is not None:
            raise self._failure
        return self._revision

    def _fresh(self) -> bool:
        return self.clock() - self._checked_at < FRESH_SECONDS

    async def revision(self) -> str | None:
        if self._fresh():
            return self._answer()
        async with self._lock:
            if not self._fresh():  # the poll before this one may have just checked
                try:
                    # One trip through the thread pool, for the one query.
                    self._revision = await run_in_threadpool(stored_revision, self.engine)
                    self._failure = None
                except SQLAlchemyError as exc:
                    self._failure = exc
                self._checked_at = self.clock()
            return self._answer()

    @classmethod
    def of(cls, request: Request) -> HealthProbe:
        state = request.app.state
        engine: Engine = state.engine
        loop = asyncio.get_running_loop()
        probe: HealthProbe | None = getattr(state, "health_probe", None)
        if probe is None or probe.engine is not engine or probe.loop is not loop:
            probe = cls(engine, loop)
            state.health_probe = probe
        return probe


@router.get(
    "/health",
    operation_id="getHealth",
    summary="Service and database health",
    response_model=Health,
    responses={503: {"model": Problem, "description": "The database is unreachable."}},
)
async def get_health(request: Request, _: Public) -> Health:
    """Answers `ok` when the app can reach its database, with the schema revision it runs on.

    Load balancers and the Docker health check poll this; it needs no authentication. The
    database is checked at most once a second: polls in between share the last check's answer.
    """
    try:
        revision = await HealthProbe.of(request).revision()
    except SQLAlchemyError as exc:
        logger.warning("health check: database unreachable: %s", type(exc).__name__)
        raise ServiceUnavailable("The database is unreachable.") from exc
    return Health(status="ok", database="ok", revision=revision)
