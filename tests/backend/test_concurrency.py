"""Parallel requests against a real server: no stall, no 5xx, nothing created twice.

Each test here reproduces a failure seen under concurrent use (issue #11) on the engine where
it happened; on SQLite, which runs one writer at a time, the same tests check the same answers.
"""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, text
from sqlmodel import col, select

from pilotboard.core.clock import SystemClock
from pilotboard.core.config import Settings
from pilotboard.core.db import create_db_engine
from pilotboard.customers.models import Customer
from pilotboard.departments.models import Department
from pilotboard.pilots.models import Pilot
from pilotboard.webhooks import signing
from pilotboard.webhooks.models import WebhookDelivery, WebhookEndpoint, WebhookEvent
from pilotboard.webhooks.worker import DeliveryWorker, Job, Outcome
from pilotboard.wiring import session_factory_for
from tests.backend.conftest import TEST_SECRET, backend_name
from tests.backend.factories import PASSWORD, make_user
from tests.backend.live import LiveServer, at_once, live_server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    # Few admitted requests and connections, so the tests below load them many times over.
    with live_server(
        tmp_path_factory.mktemp("live"), "concurrency", max_concurrent_requests=4
    ) as live:
        yield live


def test_more_readers_than_connections_and_threads_all_get_answers(server: LiveServer) -> None:
    # 64 clients for 4 admitted requests, 6 connections and 40 pool threads: before admission
    # control, threads waited for connections held by requests waiting for threads, and
    # nothing was answered until the pool timed out.
    with server.client() as client:
        pilot = client.post("/pilots", json={"title": "Readers", "target_outcome": "profitability"})
        assert pilot.status_code == 201

    def read(_: int) -> int:
        with server.client() as client:
            return client.get(f"/pilots/{pilot.json()['id']}").status_code

    assert Counter(at_once(64, read)) == {200: 64}


@pytest.mark.parametrize(
    ("path", "body", "model"),
    [
        ("/pilots", {"title": "Same key", "target_outcome": "profitability"}, Pilot),
        ("/customers", {"name": "Same key Ltd", "segment": "retail"}, Customer),
        ("/departments", {"name": "Same key department"}, Department),
    ],
)
def test_concurrent_duplicates_of_one_key_get_the_first_answer(
    server: LiveServer, path: str, body: dict[str, object], model: type
) -> None:
    key = f"dup-{uuid.uuid4()}"

    def post(_: int) -> httpx.Response:
        with server.client() as client:
            return client.post(path, json=body, headers={"Idempotency-Key": key})

    answers = at_once(10, post)
    assert Counter(answer.status_code for answer in answers) == {201: 10}
    assert len({answer.json()["id"] for answer in answers}) == 1
    assert sorted(answer.headers.get("Idempotent-Replayed", "") for answer in answers) == [
        "",
        *["true"] * 9,
    ]
    name_field = "title" if model is Pilot else "name"
    with server.session() as db:
        count = db.exec(
            select(func.count()).where(getattr(model, name_field) == body[name_field])
        ).one()
    assert count == 1


def test_concurrent_imports_of_one_new_customer_create_it_once(server: LiveServer) -> None:
    external_id = f"CRM-{uuid.uuid4().hex[:8]}"
    csv = f"name,external_id,segment\nImported Twice Inc,{external_id},retail\n".encode()

    def upload(_: int) -> httpx.Response:
        with server.client() as client:
            return client.post(
                "/imports/customers", files={"file": ("customers.csv", csv, "text/csv")}
            )

    answers = at_once(6, upload)
    assert [answer.status_code for answer in answers] == [200] * 6
    reports = sorted((a.json()["created"], a.json()["unchanged"]) for a in answers)
    assert reports == [(0, 1)] * 5 + [(1, 0)]
    with server.session() as db:
        count = db.exec(select(func.count()).where(col(Customer.external_id) == external_id)).one()
    assert count == 1


def _login(server: LiveServer, email: str, password: str) -> int:
    response = httpx.post(
        f"{server.url}/api/v1/auth/login",
        json={"email": email, "password": password},
        timeout=60,
    )
    return response.status_code


def _new_account(server: LiveServer) -> str:
    with server.session() as db:
        user = make_user(db, now=SystemClock().now())
        db.commit()
        return user.email


def test_parallel_wrong_passwords_are_checked_no_more_than_the_limit(server: LiveServer) -> None:
    email = _new_account(server)
    statuses = at_once(40, lambda _: _login(server, email, "wrong password, surely"))
    # The fifth failure locks the account: exactly five attempts were checked.
    assert Counter(statuses) == {401: 5, 429: 35}


def test_a_right_password_in_a_parallel_burst_waits_behind_the_lock(server: LiveServer) -> None:
    email = _new_account(server)
    right = 17
    statuses = at_once(
        30, lambda n: _login(server, email, PASSWORD if n == right else "wrong password")
    )
    # Attempts are checked one after the other: the right one gets in only if it was among
    # the first five checked, and then it resets the count for those after it.
    counted = Counter(statuses)
    if counted[200] == 0:
        assert counted == {401: 5, 429: 25}
    else:
        assert counted[200] == 1
        assert counted[401] <= 9
    assert sum(counted.values()) == 30


@pytest.mark.skipif(
    backend_name() != "postgresql", reason="SQLite runs one writer at a time: no lock to wait on"
)
def test_recording_a_delivery_does_not_wait_for_requests_queuing_new_ones(
    tmp_path: Path,
) -> None:
    """The worker's locks must not conflict with the foreign-key lock a request takes on the
    endpoint when it queues a delivery; with FOR UPDATE they did, and with several endpoints the
    two lock orders deadlocked."""
    with live_server(tmp_path, "webhook_locks", webhooks_allow_localhost=True) as live:
        settings = Settings.model_validate(
            {
                "env": "production",
                "database_url": str(live.engine.url.render_as_string(hide_password=False)),
                "secret_key": TEST_SECRET,
                "var_dir": tmp_path / "var",
                "webhooks_allow_localhost": True,
            }
        )
        with live.client() as client:
            created = client.post(
                "/webhooks",
                json={"url": "http://127.0.0.1:9/hook", "events": ["pilot.created"]},
            )
            assert created.status_code == 201, created.text
            endpoint_id = uuid.UUID(created.json()["id"])
            hooked = {"title": "Hooked", "target_outcome": "profitability"}
            assert client.post("/pilots", json=hooked).status_code == 201

        with live.session() as db:
            delivery = db.exec(
                select(WebhookDelivery).where(WebhookDelivery.endpoint_id == endpoint_id)
            ).one()
            event = db.get(WebhookEvent, delivery.event_id)
            assert event is not None

        # A request queuing a delivery to the same endpoint, its transaction still open.
        engine = create_db_engine(settings.database_url)
        holder = engine.connect()
        holding = holder.begin()
        # The lock PostgreSQL takes on the endpoint when a delivery row referencing it is
        # inserted (the foreign-key check), held as such a request would hold it.
        holder.execute(
            text("SELECT 1 FROM webhook_endpoints WHERE id = :id FOR KEY SHARE"),
            {"id": endpoint_id},
        )
        try:
            worker = DeliveryWorker(
                session_factory=session_factory_for(live.engine, SystemClock()),
                settings=settings,
                clock=SystemClock(),
            )
            job = Job(
                delivery_id=delivery.id,
                endpoint_id=endpoint_id,
                claim_token=uuid.uuid4(),
                url="http://127.0.0.1:9/hook",
                secret=signing.new_secret(),
                message_id="msg",
                body=event.body,
            )
            outcome = Outcome(
                attempted_at=SystemClock().now(),
                succeeded=True,
                status_code=204,
                latency_ms=3,
                excerpt="",
                error=None,
            )
            finished = threading.Event()

            def record() -> None:
                worker.record([(job, outcome)])
                finished.set()

            recorder = threading.Thread(target=record, daemon=True)
            recorder.start()
            assert finished.wait(timeout=10), "the worker waited on the request's lock"
        finally:
            holding.rollback()
            holder.close()
            engine.dispose()
        with live.session() as db:
            stored = db.get(WebhookEndpoint, endpoint_id)
            assert stored is not None
            assert stored.last_success_at is not None
