"""Delivering webhooks to a real HTTP receiver on 127.0.0.1: signatures, retries, timeouts,
restarts, turning failing endpoints off, and which changes emit which events.

The worker is driven one round at a time (`run_once`) under the frozen clock; only its HTTP
requests are real.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from pilotboard.activity.models import Activity
from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.jobs.runner import JobRunner
from pilotboard.main import create_app
from pilotboard.pilots import routes as pilot_routes
from pilotboard.webhooks.models import WebhookEvent
from pilotboard.webhooks.worker import DeliveryWorker
from pilotboard.wiring import DAILY_JOBS
from pilotboard.workspaces.models import Role
from tests.backend.conftest import make_settings
from tests.backend.factories import Api, add_member, browser_caller, make_user, make_workspace

EPOCH = 1768467600  # 2026-01-15T09:00:00Z, the frozen clock's start


@dataclass
class Received:
    path: str
    headers: dict[str, str]
    body: str


@dataclass
class Receiver:
    """An HTTP server on 127.0.0.1 that records what it gets and answers as told."""

    port: int = 0
    requests: list[Received] = field(default_factory=list)
    answers: deque[tuple[int, dict[str, str], bytes]] = field(default_factory=deque)
    hold_next: bool = False
    release: threading.Event = field(default_factory=threading.Event)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/pilotboard?source=test"

    def answer(self, status: int, body: bytes = b"", **headers: str) -> None:
        self.answers.append((status, headers, body))


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("content-length", "0"))
            body = self.rfile.read(length).decode()
            state.requests.append(
                Received(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            )
            if state.hold_next:
                state.hold_next = False
                state.release.wait(10)
            status, headers, content = (
                state.answers.popleft() if state.answers else (200, {}, b"thanks")
            )
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)

        def log_message(self, *args: Any) -> None:
            pass

    class Server(ThreadingHTTPServer):
        daemon_threads = True

        def handle_error(self, request: Any, client_address: Any) -> None:
            pass  # the worker hung up (a timeout test): nothing to report

    server = Server(("127.0.0.1", 0), Handler)
    state.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        state.release.set()
        server.shutdown()
        server.server_close()


class Ticker:
    """A stopwatch that advances 250 ms per reading, so latencies are exact."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 0.25
        return self.now


@pytest.fixture
def local_settings(settings: Settings, app: FastAPI) -> Settings:
    local = settings.model_copy(
        update={"webhooks_allow_localhost": True, "webhooks_timeout_seconds": 0.5}
    )
    app.state.settings = local
    return local


@pytest.fixture
def new_worker(
    local_settings: Settings, session_factory: Callable[[], Session], clock: FrozenClock
) -> Iterator[Callable[[], DeliveryWorker]]:
    """Workers as separate app processes would have them (no shared state but the database)."""
    made: list[DeliveryWorker] = []

    def make() -> DeliveryWorker:
        worker = DeliveryWorker(
            session_factory=session_factory,
            settings=local_settings,
            clock=clock,
            jitter=lambda: 0.5,  # no spread: retries land exactly 10 s, 20 s, 40 s… later
            timer=Ticker(),
        )
        made.append(worker)
        return worker

    yield make
    for worker in made:
        worker.stop()


@pytest.fixture
def jobs(session_factory: Callable[[], Session], clock: FrozenClock) -> JobRunner:
    """The app's daily jobs, driven by hand."""
    return JobRunner(session_factory=session_factory, clock=clock, jobs=DAILY_JOBS)


@pytest.fixture
def world(
    db: Session,
    clock: FrozenClock,
    local_settings: Settings,
    client: TestClient,
    app: FastAPI,
) -> dict[str, Any]:
    settings = local_settings.model_copy(
        update={"session_idle_hours": 1e5, "session_max_days": 1e4}
    )
    app.state.settings = settings
    now = clock.now()
    ws = make_workspace(db, now=now, name="Acme")
    apis = {}
    people = {}
    for role in (Role.admin, Role.editor, Role.executive):
        user = make_user(db, now=now, name=f"{role.value.title()} Person")
        add_member(db, workspace=ws, user=user, role=role, now=now)
        people[role.value] = user
        apis[role.value] = Api(
            client, browser_caller(db, user=user, settings=settings, now=now), ws
        )
    db.commit()
    return {"ws": ws, "api": apis, "people": people}


def subscribe(world: dict[str, Any], receiver: Receiver, *events: str) -> dict[str, Any]:
    return world["api"]["admin"].ok(  # type: ignore[no-any-return]
        "POST", "/webhooks", {"url": receiver.url, "events": list(events or ["pilot.created"])}
    )


def new_pilot(world: dict[str, Any], title: str = "Vendor-managed inventory") -> dict[str, Any]:
    return world["api"]["editor"].ok(  # type: ignore[no-any-return]
        "POST", "/pilots", {"title": title, "target_outcome": "business_process"}
    )


def expected_signature(secret: str, received: Received) -> str:
    key = base64.b64decode(secret.removeprefix("whsec_"))
    signed = f"{received.headers['webhook-id']}.{received.headers['webhook-timestamp']}."
    digest = hmac.new(key, (signed + received.body).encode(), hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def deliveries(world: dict[str, Any], webhook: dict[str, Any]) -> list[dict[str, Any]]:
    return world["api"]["admin"].ok("GET", f"/webhooks/{webhook['id']}/deliveries")["items"]  # type: ignore[no-any-return]


def test_a_delivery_is_signed_as_standard_webhooks_says(
    world: dict[str, Any],
    receiver: Receiver,
    new_worker: Callable[[], DeliveryWorker],
    db: Session,
) -> None:
    webhook = subscribe(world, receiver, "pilot.created")
    pilot = new_pilot(world)
    receiver.answer(204)

    assert new_worker().run_once() == 1

    event = db.exec(select(WebhookEvent)).one()
    [received] = receiver.requests
    assert received.path == "/hooks/pilotboard?source=test"
    assert {
        name: received.headers[name]
        for name in ("host", "content-type", "user-agent", "webhook-id", "webhook-timestamp")
    } == {
        "host": f"127.0.0.1:{receiver.port}",
        "content-type": "application/json",
        "user-agent": "Pilotboard-Webhooks/0.1.0",
        "webhook-id": f"msg_{event.id.hex}",
        "webhook-timestamp": str(EPOCH),
    }
    assert received.headers["webhook-signature"] == expected_signature(webhook["secret"], received)
    assert json.loads(received.body) == {
        "type": "pilot.created",
        "timestamp": "2026-01-15T09:00:00Z",
        "data": world["api"]["editor"].ok("GET", f"/pilots/{pilot['id']}"),
    }
    [delivery] = deliveries(world, webhook)
    assert delivery == {
        "id": delivery["id"],
        "message_id": f"msg_{event.id.hex}",
        "event_type": "pilot.created",
        "status": "succeeded",
        "attempt_count": 1,
        "next_attempt_at": None,
        "completed_at": "2026-01-15T09:00:00Z",
        "payload": json.loads(received.body),
        "attempts": [
            {
                "number": 1,
                "attempted_at": "2026-01-15T09:00:00Z",
                "succeeded": True,
                "status_code": 204,
                "latency_ms": 250,
                "response_excerpt": "",
                "error": None,
            }
        ],
        "created_at": "2026-01-15T09:00:00Z",
        "updated_at": "2026-01-15T09:00:00Z",
    }
    endpoint = world["api"]["admin"].ok("GET", f"/webhooks/{webhook['id']}")
    assert (endpoint["last_success_at"], endpoint["failing_since"]) == (
        "2026-01-15T09:00:00Z",
        None,
    )


def test_500s_are_retried_with_backoff_under_the_same_id(
    world: dict[str, Any],
    receiver: Receiver,
    new_worker: Callable[[], DeliveryWorker],
    clock: FrozenClock,
) -> None:
    webhook = subscribe(world, receiver)
    new_pilot(world)
    receiver.answer(500, b"database down")
    receiver.answer(503, b"x" * 3000)
    receiver.answer(200, b"ok")
    worker = new_worker()

    assert worker.run_once() == 1
    assert deliveries(world, webhook)[0]["next_attempt_at"] == "2026-01-15T09:00:10Z"
    clock.advance(seconds=9)
    assert worker.run_once() == 0  # not due yet
    clock.advance(seconds=1)
    assert worker.run_once() == 1
    assert deliveries(world, webhook)[0]["next_attempt_at"] == "2026-01-15T09:00:30Z"
    clock.advance(seconds=20)
    assert worker.run_once() == 1
    assert worker.run_once() == 0

    [delivery] = deliveries(world, webhook)
    assert (delivery["status"], delivery["attempt_count"], delivery["next_attempt_at"]) == (
        "succeeded",
        3,
        None,
    )
    assert [
        (a["attempted_at"], a["status_code"], a["succeeded"], a["response_excerpt"], a["error"])
        for a in delivery["attempts"]
    ] == [
        ("2026-01-15T09:00:00Z", 500, False, "database down", "The receiver answered 500."),
        ("2026-01-15T09:00:10Z", 503, False, "x" * 1024, "The receiver answered 503."),
        ("2026-01-15T09:00:30Z", 200, True, "ok", None),
    ]
    assert [r.headers["webhook-timestamp"] for r in receiver.requests] == [
        str(EPOCH),
        str(EPOCH + 10),
        str(EPOCH + 30),
    ]
    assert len({r.headers["webhook-id"] for r in receiver.requests}) == 1
    assert len({r.headers["webhook-signature"] for r in receiver.requests}) == 3
    for received in receiver.requests:
        assert received.headers["webhook-signature"] == expected_signature(
            webhook["secret"], received
        )


def test_a_timeout_is_a_failed_attempt_and_is_retried(
    world: dict[str, Any],
    receiver: Receiver,
    new_worker: Callable[[], DeliveryWorker],
    clock: FrozenClock,
) -> None:
    webhook = subscribe(world, receiver)
    new_pilot(world)
    receiver.hold_next = True  # the first request gets no answer until released
    worker = new_worker()

    assert worker.run_once() == 1
    receiver.release.set()
    clock.advance(seconds=10)
    assert worker.run_once() == 1

    [delivery] = deliveries(world, webhook)
    assert [(a["status_code"], a["latency_ms"], a["error"]) for a in delivery["attempts"]] == [
        (None, 250, "No answer within 0.5 s."),
        (200, 250, None),
    ]
    assert delivery["status"] == "succeeded"


def test_redirects_are_not_followed(
    world: dict[str, Any], receiver: Receiver, new_worker: Callable[[], DeliveryWorker]
) -> None:
    webhook = subscribe(world, receiver)
    new_pilot(world)
    receiver.answer(302, b"", Location=f"http://127.0.0.1:{receiver.port}/elsewhere")

    new_worker().run_once()

    assert len(receiver.requests) == 1
    [attempt] = deliveries(world, webhook)[0]["attempts"]
    assert (attempt["status_code"], attempt["error"]) == (
        302,
        "The receiver answered 302, a redirect; redirects are not followed (Location: "
        f"http://127.0.0.1:{receiver.port}/elsewhere).",
    )


def test_the_address_is_checked_again_at_delivery_time(
    world: dict[str, Any],
    receiver: Receiver,
    new_worker: Callable[[], DeliveryWorker],
    local_settings: Settings,
    session_factory: Callable[[], Session],
    clock: FrozenClock,
) -> None:
    webhook = subscribe(world, receiver)
    new_pilot(world)
    strict = DeliveryWorker(
        session_factory=session_factory,
        settings=local_settings.model_copy(update={"webhooks_allow_localhost": False}),
        clock=clock,
        jitter=lambda: 0.5,
        timer=Ticker(),
    )
    try:
        assert strict.run_once() == 1
    finally:
        strict.stop()

    assert receiver.requests == []
    [attempt] = deliveries(world, webhook)[0]["attempts"]
    assert (attempt["status_code"], attempt["latency_ms"], attempt["error"]) == (
        None,
        0,
        "Not sent: 127.0.0.1 is a loopback address; webhooks only go to public servers.",
    )


def test_no_delivery_is_lost_when_the_app_restarts_mid_retry(
    world: dict[str, Any],
    receiver: Receiver,
    new_worker: Callable[[], DeliveryWorker],
    clock: FrozenClock,
) -> None:
    webhook = subscribe(world, receiver)
    new_pilot(world)
    receiver.answer(500)
    first = new_worker()
    assert first.run_once() == 1
    first.stop()  # the app shuts down between two attempts

    clock.advance(seconds=10)
    second = new_worker()  # the app is back: it claims the retry, then dies before sending
    assert len(second.claim()) == 1

    third = new_worker()
    assert third.run_once() == 0  # claimed by the process that died: wait for its lease
    clock.advance(seconds=32)  # the lease: 4 times the 0.5 s timeout, plus 30 s
    assert third.run_once() == 1

    [delivery] = deliveries(world, webhook)
    assert (delivery["status"], [a["status_code"] for a in delivery["attempts"]]) == (
        "succeeded",
        [500, 200],
    )
    assert len(receiver.requests) == 2


def test_an_endpoint_failing_for_24_hours_is_turned_off_with_the_reason(
    world: dict[str, Any],
    receiver: Receiver,
    new_worker: Callable[[], DeliveryWorker],
    clock: FrozenClock,
    db: Session,
) -> None:
    webhook = subscribe(world, receiver)
    new_pilot(world)
    for _ in range(40):
        receiver.answer(500, b"still down")
    worker = new_worker()

    rounds = 0
    while True:
        assert worker.run_once() == 1
        rounds += 1
        [delivery] = deliveries(world, webhook)
        if delivery["status"] != "pending":
            break
        clock.current = datetime.fromisoformat(delivery["next_attempt_at"])

    assert rounds == 17
    assert (delivery["status"], delivery["attempts"][-1]["attempted_at"]) == (
        "failed",
        "2026-01-16T09:00:00Z",
    )
    endpoint = world["api"]["admin"].ok("GET", f"/webhooks/{webhook['id']}")
    assert {k: endpoint[k] for k in ("enabled", "disabled_at", "disabled_reason")} == {
        "enabled": False,
        "disabled_at": "2026-01-16T09:00:00Z",
        "disabled_reason": "Turned off after 24 hours in which every delivery failed (failing "
        "since 2026-01-15T09:00:00Z). Last error: The receiver answered 500.",
    }
    assert db.exec(
        select(Activity.action, Activity.actor_user_id, Activity.summary).where(
            Activity.object_id == uuid.UUID(endpoint["id"]), Activity.action == "webhook.disabled"
        )
    ).all() == [
        (
            "webhook.disabled",
            None,
            f"Webhook to {receiver.url} turned off: its deliveries failed for 24 hours",
        )
    ]

    # Off: new events are not queued for it. Enabled again by an admin: a clean slate.
    new_pilot(world, "Another")
    assert len(deliveries(world, webhook)) == 1
    enabled = world["api"]["admin"].ok("PATCH", f"/webhooks/{webhook['id']}", {"enabled": True})
    assert {k: enabled[k] for k in ("enabled", "disabled_reason", "failing_since")} == {
        "enabled": True,
        "disabled_reason": None,
        "failing_since": None,
    }


def test_deliveries_wait_while_their_endpoint_is_off(
    world: dict[str, Any],
    receiver: Receiver,
    new_worker: Callable[[], DeliveryWorker],
) -> None:
    webhook = subscribe(world, receiver)
    new_pilot(world)
    admin: Api = world["api"]["admin"]
    admin.ok("PATCH", f"/webhooks/{webhook['id']}", {"enabled": False})
    worker = new_worker()

    assert worker.run_once() == 0
    admin.ok("PATCH", f"/webhooks/{webhook['id']}", {"enabled": True})
    assert worker.run_once() == 1
    assert len(receiver.requests) == 1


def test_each_change_emits_its_event_with_the_api_shapes(
    world: dict[str, Any],
    receiver: Receiver,
    new_worker: Callable[[], DeliveryWorker],
    db: Session,
    clock: FrozenClock,
) -> None:
    subscribe(
        world,
        receiver,
        "pilot.created",
        "pilot.updated",
        "pilot.stage_changed",
        "iteration.created",
        "measurement.created",
        "decision.recorded",
    )
    editor: Api = world["api"]["editor"]
    executive: Api = world["api"]["executive"]
    pilot = new_pilot(world)
    pid = pilot["id"]
    editor.ok("PATCH", f"/pilots/{pid}", {"title": "VMI at St. Agnes", "hypothesis": "Less waste"})
    editor.ok("POST", f"/pilots/{pid}/transitions", {"to_stage": "selecting"})
    iteration = editor.ok("POST", f"/pilots/{pid}/iterations", {"started_on": "2026-01-15"})
    metric = editor.ok(
        "POST",
        f"/pilots/{pid}/metrics",
        {"name": "Stock-outs", "direction": "decrease", "baseline": 10, "target": 5},
    )
    measurement = editor.ok(
        "POST",
        f"/pilots/{pid}/metrics/{metric['id']}/measurements",
        {"value": 8, "measured_on": "2026-01-15"},
    )
    decision = executive.ok(
        "POST", f"/pilots/{pid}/decisions", {"kind": "start", "rationale": "Go"}
    )
    new_worker().run_once()  # a batch of 4
    new_worker().run_once()

    sent = [json.loads(r.body) for r in receiver.requests]
    by_type = {body["type"]: body["data"] for body in sent}
    assert sorted(by_type) == [
        "decision.recorded",
        "iteration.created",
        "measurement.created",
        "pilot.created",
        "pilot.stage_changed",
        "pilot.updated",
    ]
    assert by_type["pilot.updated"]["changed"] == ["hypothesis", "title"]
    assert by_type["pilot.updated"]["title"] == "VMI at St. Agnes"
    assert (
        by_type["pilot.stage_changed"]["stage"],
        by_type["pilot.stage_changed"]["previous_stage"],
    ) == (
        "selecting",
        "proposed",
    )
    assert by_type["iteration.created"] == {**iteration, "pilot_id": pid}
    assert by_type["measurement.created"] == {**measurement, "pilot_id": pid}
    assert by_type["decision.recorded"] == {**decision, "pilot_id": pid}
    assert len(db.exec(select(WebhookEvent)).all()) == 6


def test_a_rolled_back_change_sends_nothing(
    world: dict[str, Any],
    receiver: Receiver,
    new_worker: Callable[[], DeliveryWorker],
    db: Session,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    subscribe(world, receiver, "pilot.created")

    def fail(*args: Any) -> str:
        raise RuntimeError("boom after the pilot and its event were written")

    monkeypatch.setattr(pilot_routes, "pilot_etag", fail)
    response = world["api"]["editor"].send(
        "POST", "/pilots", {"title": "Doomed", "target_outcome": "profitability"}
    )

    assert response.status_code == 500
    assert world["api"]["editor"].ok("GET", "/pilots")["items"] == []
    assert db.exec(select(WebhookEvent)).all() == []
    assert new_worker().run_once() == 0
    assert receiver.requests == []


def test_events_nobody_listens_to_are_not_written(world: dict[str, Any], db: Session) -> None:
    new_pilot(world)
    assert db.exec(select(WebhookEvent)).all() == []


def _health_events(db: Session) -> list[dict[str, Any]]:
    bodies = db.exec(
        select(WebhookEvent.body)
        .where(WebhookEvent.type == "pilot.health_changed")
        .order_by(col(WebhookEvent.occurred_at))
    ).all()
    return [json.loads(body) for body in bodies]


def test_health_changed_is_emitted_once_per_change(
    world: dict[str, Any],
    receiver: Receiver,
    new_worker: Callable[[], DeliveryWorker],
    jobs: JobRunner,
    db: Session,
    clock: FrozenClock,
) -> None:
    subscribe(world, receiver, "pilot.health_changed")
    editor: Api = world["api"]["editor"]
    first = new_pilot(world, "Found by the daily job")
    second = new_pilot(world, "Found by an edit")
    worker = new_worker()
    assert jobs.run_due()["health"] == 0
    worker.run_once()
    assert _health_events(db) == []

    clock.advance(days=61)  # both pilots now over 60 days in `proposed`: at risk
    # An edit of what its health is derived from (its sponsor) re-evaluates it as of today.
    sponsor = str(world["people"]["executive"].id)
    editor.ok("PATCH", f"/pilots/{second['id']}", {"sponsor_id": sponsor})
    assert jobs.run_due()["health"] == 1  # the day changed: the daily jobs run once
    assert jobs.run_due() == {}
    assert worker.run_once() == 2
    worker.run_once()
    assert jobs.run("health") == 0  # idempotent: nothing left to find
    editor.ok("PATCH", f"/pilots/{second['id']}", {"hypothesis": "Edited again"})  # same health

    events = _health_events(db)
    assert [
        (e["data"]["title"], e["data"]["previous_health"], e["data"]["health"], e["timestamp"])
        for e in events
    ] == [
        ("Found by an edit", "on_track", "at_risk", "2026-03-17T09:00:00Z"),
        ("Found by the daily job", "on_track", "at_risk", "2026-03-17T09:00:00Z"),
    ]
    assert [r["code"] for r in events[1]["data"]["health_reasons"]] == ["stuck_in_selection"]

    editor.ok("POST", f"/pilots/{first['id']}/transitions", {"to_stage": "selecting"})
    assert [(e["data"]["title"], e["data"]["health"]) for e in _health_events(db)][2:] == [
        ("Found by the daily job", "on_track")
    ]
    assert len(receiver.requests) == 2


def test_the_worker_starts_and_stops_with_the_app(tmp_path: Path, database_url: str) -> None:
    settings = make_settings(database_url, tmp_path, webhooks_poll_seconds=0.05)
    app = create_app(settings, clock=FrozenClock())

    with TestClient(app):
        worker, runner = app.state.webhook_worker, app.state.job_runner
        assert (worker.running, runner.running) == (True, True)
    assert (worker.running, runner.running) == (False, False)

    quiet = create_app(
        make_settings(database_url, tmp_path, webhooks_worker=False, background_jobs=False)
    )
    with TestClient(quiet):
        assert (quiet.state.webhook_worker, quiet.state.job_runner) == (None, None)


def test_deliveries_do_not_make_an_admins_edit_stale(
    world: dict[str, Any],
    receiver: Receiver,
    new_worker: Callable[[], DeliveryWorker],
) -> None:
    webhook = subscribe(world, receiver)
    admin: Api = world["api"]["admin"]
    etag = admin.send("GET", f"/webhooks/{webhook['id']}").headers["ETag"]
    new_pilot(world)
    receiver.answer(500)
    new_worker().run_once()

    after = admin.send("GET", f"/webhooks/{webhook['id']}")
    assert (after.headers["ETag"], after.json()["failing_since"]) == (etag, "2026-01-15T09:00:00Z")
    edited = admin.send(
        "PATCH", f"/webhooks/{webhook['id']}", {"description": "CRM"}, **{"If-Match": etag}
    )
    assert edited.status_code == 200
    stale = admin.send(
        "PATCH", f"/webhooks/{webhook['id']}", {"enabled": False}, **{"If-Match": etag}
    )
    assert stale.status_code == 412


def test_the_daily_job_forgets_finished_deliveries_after_30_days(
    world: dict[str, Any],
    receiver: Receiver,
    new_worker: Callable[[], DeliveryWorker],
    jobs: JobRunner,
    clock: FrozenClock,
    db: Session,
) -> None:
    webhook = subscribe(world, receiver)
    new_pilot(world, "Delivered")
    worker = new_worker()
    worker.run_once()
    admin: Api = world["api"]["admin"]
    admin.ok("PATCH", f"/webhooks/{webhook['id']}", {"enabled": False})
    new_pilot(world, "Waiting")  # not queued: the endpoint is off
    admin.ok("PATCH", f"/webhooks/{webhook['id']}", {"enabled": True})
    new_pilot(world, "Still waiting")
    admin.ok("PATCH", f"/webhooks/{webhook['id']}", {"enabled": False})

    clock.advance(days=30, seconds=1)
    assert jobs.run_due()["webhook_events"] == 1  # the delivered one; the pending one is kept
    assert worker.run_once() == 0  # the pending delivery's endpoint is off

    titles = [
        json.loads(body)["data"]["title"] for body in db.exec(select(WebhookEvent.body)).all()
    ]
    assert titles == ["Still waiting"]
    assert [d["status"] for d in deliveries(world, webhook)] == ["pending"]
