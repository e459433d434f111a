"""Admission control: at most N API requests work at once; the rest wait their turn briefly.

Why: a request holds a database connection from its first query to its commit, and hops between
the event loop and the thread pool on the way. When more requests start than there are
connections, the late ones block pool threads waiting for a connection while the requests that
hold the connections wait for a free thread: nothing moves until the pool's timeout fires. With
no more requests admitted than the pool has connections (``main.py`` sizes the pool from the
same setting), an admitted request always finds a connection and a thread.

Requests beyond the limit wait in arrival order (an ``asyncio`` queue costs no thread and no
connection). A request that waited ``queue_timeout`` seconds, or that finds ``max_waiting``
requests already queued, is refused at once with ``503`` and ``Retry-After``, so an overload
is answered quickly and throughput recovers as soon as the load falls.
"""

from __future__ import annotations

import asyncio
import json
import math

from starlette.types import ASGIApp, Receive, Scope, Send

from pilotboard.core.errors import PROBLEM_MEDIA_TYPE, problem_type

GATED_PREFIX = "/api/"


class Admission:
    """A FIFO gate of ``limit`` slots with a bounded queue (one per process, on the event loop)."""

    def __init__(self, *, limit: int, max_waiting: int, queue_timeout: float) -> None:
        self.limit = limit
        self.max_waiting = max_waiting
        self.queue_timeout = queue_timeout
        self._semaphore: asyncio.Semaphore | None = None
        self.waiting = 0
        self.refused = 0

    @property
    def semaphore(self) -> asyncio.Semaphore:
        # Created on first use, inside the server's event loop.
        if self._semaphore is None:
            self._semaphore = asyncio.Semaphore(self.limit)
        return self._semaphore

    @property
    def in_flight(self) -> int:
        semaphore = self._semaphore
        return 0 if semaphore is None else self.limit - semaphore._value

    async def acquire(self) -> bool:
        """Take a slot; ``False`` when the queue is full or the wait timed out."""
        semaphore = self.semaphore
        if not semaphore.locked():
            await semaphore.acquire()
            return True
        if self.waiting >= self.max_waiting:
            self.refused += 1
            return False
        self.waiting += 1
        try:
            async with asyncio.timeout(self.queue_timeout):
                await semaphore.acquire()
            return True
        except TimeoutError:
            self.refused += 1
            return False
        finally:
            self.waiting -= 1

    def release(self) -> None:
        self.semaphore.release()

    def retry_after(self) -> int:
        return max(1, math.ceil(self.queue_timeout / 4))


class AdmissionMiddleware:
    """Runs every ``/api/`` request through an :class:`Admission` gate."""

    def __init__(self, app: ASGIApp, *, admission: Admission) -> None:
        self.app = app
        self.admission = admission

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope.get("path", "").startswith(GATED_PREFIX):
            await self.app(scope, receive, send)
            return
        admission = self.admission
        if not await admission.acquire():
            await _busy(send, admission.retry_after())
            return
        try:
            await self.app(scope, receive, send)
        finally:
            admission.release()


async def _busy(send: Send, retry_after: int) -> None:
    body = json.dumps(
        {
            "type": problem_type("service-unavailable"),
            "title": "Service unavailable",
            "status": 503,
            "detail": "The server is busy with other requests right now; nothing was changed. "
            f"Try again in {retry_after} seconds.",
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 503,
            "headers": [
                (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                (b"content-length", str(len(body)).encode()),
                (b"retry-after", str(retry_after).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
