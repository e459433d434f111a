"""Admission control: N requests work at once, the rest wait in line or are refused quickly."""

from __future__ import annotations

import asyncio

import httpx
from starlette.types import Receive, Scope, Send

from pilotboard.core.admission import Admission, AdmissionMiddleware


def test_a_slot_frees_for_the_next_in_line() -> None:
    async def scenario() -> list[str]:
        admission = Admission(limit=1, max_waiting=5, queue_timeout=5)
        order: list[str] = []
        assert await admission.acquire()

        async def later(name: str) -> None:
            assert await admission.acquire()
            order.append(name)
            admission.release()

        waiting = [asyncio.create_task(later(name)) for name in ("second", "third")]
        await asyncio.sleep(0)
        assert (admission.in_flight, admission.waiting) == (1, 2)
        order.append("first")
        admission.release()
        await asyncio.gather(*waiting)
        return order

    assert asyncio.run(scenario()) == ["first", "second", "third"]


def test_a_full_line_and_a_long_wait_are_refused() -> None:
    async def scenario() -> tuple[bool, bool, int]:
        admission = Admission(limit=1, max_waiting=1, queue_timeout=0.05)
        assert await admission.acquire()
        queued = asyncio.create_task(admission.acquire())
        await asyncio.sleep(0)
        refused_at_once = await admission.acquire()  # the line (one place) is taken
        timed_out = await queued  # nothing released within the queue timeout
        return refused_at_once, timed_out, admission.refused

    assert asyncio.run(scenario()) == (False, False, 2)


def test_a_refused_api_request_is_a_503_with_retry_after_and_other_paths_pass() -> None:
    release = asyncio.Event()

    async def slow_app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["path"].startswith("/api/"):
            await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    admission = Admission(limit=1, max_waiting=0, queue_timeout=8)
    app = AdmissionMiddleware(slow_app, admission=admission)

    async def scenario() -> tuple[httpx.Response, httpx.Response, httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            first = asyncio.create_task(client.get("/api/v1/pilots"))
            while admission.in_flight == 0:
                await asyncio.sleep(0.001)
            busy = await client.get("/api/v1/pilots")
            page = await client.get("/portfolio")  # the SPA is not gated
            release.set()
            return await first, busy, page

    first, busy, page = asyncio.run(scenario())
    assert (first.status_code, busy.status_code, page.status_code) == (200, 503, 200)
    assert busy.headers["retry-after"] == "2"
    assert busy.headers["content-type"] == "application/problem+json"
    assert busy.json()["type"] == "https://pilotboard.dev/problems/service-unavailable"
    assert admission.in_flight == 0
