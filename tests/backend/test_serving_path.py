"""The serving path's design (#18): where a request's database work runs, what `/health` asks
the database, and what a read writes. Timing lives in bench/serving.py; these tests hold the
mechanisms that make it fast, and that none of them changes an answer."""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

import anyio.to_thread
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, create_engine, event, text
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session, col, select

from pilotboard.accounts.models import ApiToken, User
from pilotboard.core import db as core_db
from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.core.db import (
    create_db_engine,
    defer_bookkeeping,
    normalize_database_url,
    run_db,
    wrote,
)
from pilotboard.main import create_app
from pilotboard.system import routes as system_routes
from pilotboard.workspaces.models import Role, Workspace
from tests.backend.conftest import backend_name
from tests.backend.factories import (
    Api,
    Caller,
    add_member,
    browser_caller,
    make_token,
    make_user,
    make_workspace,
    token_caller,
)
from tests.backend.queries import count_queries

ON_SQLITE = backend_name() == "sqlite"


@pytest.fixture
def hops(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the functions sent to the thread pool while the test runs."""
    sent: list[str] = []
    run_sync = anyio.to_thread.run_sync

    async def counting(function: Any, *args: Any, **kwargs: Any) -> Any:
        named = getattr(function, "func", function)  # run_in_threadpool sends a partial
        sent.append(getattr(named, "__name__", repr(named)))
        return await run_sync(function, *args, **kwargs)

    monkeypatch.setattr(anyio.to_thread, "run_sync", counting)
    return sent


@pytest.fixture
def reader(client: TestClient, db: Session, clock: FrozenClock) -> tuple[Api, str]:
    """A read token's API and one pilot, made by an editor's write token."""
    now = clock.now()
    user = make_user(db, now=now, name="Editor")
    workspace = make_workspace(db, now=now, name="Serving")
    add_member(db, workspace=workspace, user=user, role=Role.editor, now=now)
    writer = Api(
        client,
        token_caller(make_token(db, user=user, workspace=workspace, now=now, write=True)),
        workspace,
    )
    read = Api(
        client,
        token_caller(make_token(db, user=user, workspace=workspace, now=now, write=False)),
        workspace,
    )
    db.commit()
    pilot = writer.ok("POST", "/pilots", {"title": "VMI", "target_outcome": "profitability"})
    return read, str(pilot["id"])


# --- where the work runs -------------------------------------------------------------------


@pytest.mark.skipif(not ON_SQLITE, reason="SQLite runs short reads inline")
def test_a_pilot_read_on_sqlite_never_enters_the_thread_pool(
    reader: tuple[Api, str], hops: list[str]
) -> None:
    api, pilot_id = reader
    api.get(f"/pilots/{pilot_id}")  # the token's first use records it (a write, in the pool)
    hops.clear()

    response = api.get(f"/pilots/{pilot_id}")

    assert response.status_code == 200
    assert response.json()["title"] == "VMI"
    assert response.headers["ETag"]
    # Authentication, the membership, the pilot, its read, FastAPI's check of what the (async)
    # route returned and the commit all run inline.
    assert hops == []


@pytest.mark.skipif(ON_SQLITE, reason="PostgreSQL waits on the network: every query in the pool")
def test_a_pilot_read_on_postgresql_runs_its_queries_in_the_pool(
    reader: tuple[Api, str], hops: list[str]
) -> None:
    api, pilot_id = reader
    api.get(f"/pilots/{pilot_id}")
    hops.clear()

    response = api.get(f"/pilots/{pilot_id}")

    assert response.status_code == 200
    # One trip finds the caller with the pilot, one reads it, one commits.
    assert hops == ["_readable_pilot", "read_pilot", "_finish"]
    # The route is async: FastAPI checks what it returned on the loop, not in another trip.
    assert "validate" not in hops


def caller_by(
    way: str, client: TestClient, db: Session, user: User, workspace: Workspace, now: Any
) -> Caller:
    """``user`` signed in ``way``: an API token for ``workspace``, or a browser session."""
    if way == "token":
        return token_caller(make_token(db, user=user, workspace=workspace, now=now, write=True))
    return browser_caller(db, user=user, settings=client.app.state.settings, now=now)


@pytest.mark.parametrize("way", ["token", "session"])
def test_the_caller_and_their_membership_come_from_one_statement(
    way: str, client: TestClient, db: Session, clock: FrozenClock, connection: Connection
) -> None:
    now = clock.now()
    user = make_user(db, now=now, name="Editor")
    workspace = make_workspace(db, now=now, name="Serving")
    add_member(db, workspace=workspace, user=user, role=Role.editor, now=now)
    api = Api(client, caller_by(way, client, db, user, workspace, now), workspace)
    db.commit()
    pilot = api.ok("POST", "/pilots", {"title": "VMI", "target_outcome": "profitability"})
    api.ok("GET", f"/pilots/{pilot['id']}")  # the credential's first use is recorded

    with count_queries(connection) as statements:
        assert api.ok("GET", f"/pilots/{pilot['id']}")["title"] == "VMI"

    credential = "api_tokens" if way == "token" else "user_sessions"
    asking = [s for s in statements if credential in s or "memberships" in s]
    assert len(asking) == 1, statements
    assert credential in asking[0]
    assert "memberships" in asking[0]
    assert "workspaces" in asking[0]
    # A pilot read also finds the pilot there: no statement of its own.
    assert "FROM pilots" not in "".join(s for s in statements if s not in asking)
    assert "pilots" in asking[0]


@pytest.mark.parametrize("way", ["token", "session"])
def test_one_statement_still_answers_401_404_and_403_in_that_order(
    way: str, client: TestClient, db: Session, clock: FrozenClock
) -> None:
    now = clock.now()
    viewer = make_user(db, now=now, name="Viewer")
    outsider = make_user(db, now=now, name="Outsider")
    ours = make_workspace(db, now=now, name="Ours")
    theirs = make_workspace(db, now=now, name="Theirs")
    add_member(db, workspace=ours, user=viewer, role=Role.viewer, now=now)
    add_member(db, workspace=theirs, user=outsider, role=Role.admin, now=now)
    in_ours = Api(client, caller_by(way, client, db, viewer, ours, now), ours)
    in_theirs = Api(client, caller_by(way, client, db, viewer, ours, now), theirs)
    db.commit()

    assert in_ours.get("/pilots").status_code == 200
    # A viewer may read, not write: 403, after the membership was found.
    refused = in_ours.send("POST", "/pilots", {"title": "VMI", "target_outcome": "profitability"})
    assert refused.status_code == 403
    # Another workspace (a member of it exists, just not this caller): 404, as if missing.
    assert in_theirs.get("/pilots").status_code == 404
    created = in_theirs.send("POST", "/pilots", {"title": "X", "target_outcome": "profitability"})
    assert created.status_code == 404
    # Unknown credentials: 401 before anything about the workspace.
    stranger = Caller(headers={"Authorization": "Bearer pb_unknown"})
    if way == "session":
        stranger = Caller(cookies={"pilotboard_session": "not-a-session"})
    assert Api(client, stranger, theirs).get("/pilots").status_code == 401
    assert Api(client, stranger, ours).get("/pilots").status_code == 401


@pytest.mark.parametrize("way", ["token", "session"])
def test_a_member_removed_from_the_workspace_is_404_with_their_own_credentials(
    way: str, client: TestClient, db: Session, clock: FrozenClock
) -> None:
    """The membership's outer join finds no row: the credential still signs its user in (their
    token is for this very workspace), and the workspace answers as if it did not exist."""
    now = clock.now()
    editor = make_user(db, now=now, name="Editor")
    workspace = make_workspace(db, now=now, name="Serving")
    membership = add_member(db, workspace=workspace, user=editor, role=Role.editor, now=now)
    api = Api(client, caller_by(way, client, db, editor, workspace, now), workspace)
    db.commit()
    pilot = api.ok("POST", "/pilots", {"title": "VMI", "target_outcome": "profitability"})

    db.delete(membership)
    db.commit()

    for response in (api.get("/pilots"), api.get(f"/pilots/{pilot['id']}")):
        assert response.status_code == 404
        assert response.json()["detail"] == "No workspace with this id."


@pytest.mark.parametrize("way", ["token", "session"])
def test_a_pilot_read_finds_only_a_pilot_of_the_workspace_it_names(
    way: str, client: TestClient, db: Session, clock: FrozenClock
) -> None:
    now = clock.now()
    person = make_user(db, now=now, name="Member of both")
    ours = make_workspace(db, now=now, name="Ours")
    theirs = make_workspace(db, now=now, name="Theirs")
    for workspace in (ours, theirs):
        add_member(db, workspace=workspace, user=person, role=Role.editor, now=now)
    in_ours = Api(client, caller_by(way, client, db, person, ours, now), ours)
    in_theirs = Api(client, caller_by(way, client, db, person, theirs, now), theirs)
    db.commit()
    mine = in_ours.ok("POST", "/pilots", {"title": "Ours", "target_outcome": "profitability"})
    other = in_theirs.ok("POST", "/pilots", {"title": "Theirs", "target_outcome": "profitability"})

    assert in_ours.ok("GET", f"/pilots/{mine['id']}")["title"] == "Ours"
    # Their pilot, asked for through our workspace (where the caller is a member): 404.
    crossed = in_ours.get(f"/pilots/{other['id']}")
    assert crossed.status_code == 404
    assert crossed.json()["detail"] == "No pilot with this id."
    assert in_ours.get(f"/pilots/{uuid.uuid4()}").status_code == 404
    # Its records' routes load it the same way.
    assert in_ours.get(f"/pilots/{other['id']}/iterations").status_code == 404
    assert in_theirs.ok("GET", f"/pilots/{other['id']}")["title"] == "Theirs"


def test_a_malformed_authorization_header_is_401_naming_the_scheme(
    client: TestClient, db: Session, clock: FrozenClock
) -> None:
    workspace = make_workspace(db, now=clock.now(), name="Serving")
    db.commit()
    for header in ("Basic dXNlcjpwYXNz", "Bearer", "Bearer   ", "pb_abc"):
        response = client.get(
            f"/api/v1/workspaces/{workspace.id}/pilots", headers={"Authorization": header}
        )
        assert response.status_code == 401, header
        assert "Authorization: Bearer" in response.json()["detail"]


def test_a_write_still_begins_and_commits_in_the_pool(
    client: TestClient, db: Session, clock: FrozenClock, hops: list[str]
) -> None:
    now = clock.now()
    user = make_user(db, now=now, name="Editor")
    workspace = make_workspace(db, now=now, name="Serving")
    add_member(db, workspace=workspace, user=user, role=Role.editor, now=now)
    api = Api(
        client,
        token_caller(make_token(db, user=user, workspace=workspace, now=now, write=True)),
        workspace,
    )
    db.commit()
    pilot = api.ok("POST", "/pilots", {"title": "VMI", "target_outcome": "profitability"})
    hops.clear()

    changed = api.ok("PATCH", f"/pilots/{pilot['id']}", {"hypothesis": "Fewer stock-outs"})

    assert changed["hypothesis"] == "Fewer stock-outs"
    assert hops[0] == "_open"
    assert hops[-1] == "_finish"
    assert api.ok("GET", f"/pilots/{pilot['id']}")["hypothesis"] == "Fewer stock-outs"


def test_run_db_runs_inline_on_sqlite_and_in_the_pool_on_postgresql(
    db: Session, hops: list[str]
) -> None:
    def answer(value: int) -> int:
        return value * 2

    assert anyio.run(run_db, db, answer, 21) == 42
    assert hops == ([] if ON_SQLITE else ["answer"])


# --- what a read writes --------------------------------------------------------------------


@pytest.fixture
def scratch(tmp_path: Path) -> Any:
    """A SQLite database of its own, with a sessionmaker that tracks changes like the app's."""
    engine = create_db_engine(f"sqlite:///{tmp_path / 'scratch.db'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT)"))
        connection.execute(text("INSERT INTO things (id, name) VALUES (1, 'one')"))
    maker = sessionmaker(bind=engine, class_=Session)
    core_db.track_changes(maker)
    yield maker
    engine.dispose()


def test_wrote_tells_a_read_from_a_write(scratch: Any) -> None:
    with scratch() as session:
        assert not wrote(session)  # nothing began
        session.execute(text("SELECT name FROM things")).all()
        assert not wrote(session)  # a read
        session.execute(text("UPDATE things SET name = 'uno' WHERE id = 1"))
        assert wrote(session)
        session.commit()
        session.execute(text("SELECT name FROM things")).all()
        assert not wrote(session)  # a new transaction that only read
        session.execute(text("UPDATE things SET name = 'uno' WHERE id = 99"))
        assert not wrote(session)  # an update that matched nothing changed nothing
        defer_bookkeeping(session, text("UPDATE things SET name = 'one' WHERE id = 1"))
        assert wrote(session)


def test_wrote_says_yes_when_it_cannot_tell(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'untracked.db'}")
    try:
        with Session(engine) as session:
            session.execute(text("SELECT 1")).all()
            assert wrote(session)  # not made by a tracking maker: end it in the pool
    finally:
        engine.dispose()


def test_bookkeeping_runs_at_the_end_and_a_busy_database_skips_it(scratch: Any) -> None:
    with scratch() as session:
        defer_bookkeeping(session, text("UPDATE things SET name = 'later' WHERE id = 1"))
        defer_bookkeeping(session, text("UPDATE missing_table SET x = 1"))  # fails: skipped
        assert session.execute(text("SELECT name FROM things")).scalar_one() == "one"
        core_db._finish(session, failed=False)
    with scratch() as session:
        assert session.execute(text("SELECT name FROM things")).scalar_one() == "later"


def test_a_failed_request_drops_its_bookkeeping(scratch: Any) -> None:
    with scratch() as session:
        defer_bookkeeping(session, text("UPDATE things SET name = 'never' WHERE id = 1"))
        session.execute(text("SELECT 1")).all()
        core_db._finish(session, failed=True)
    with scratch() as session:
        assert session.execute(text("SELECT name FROM things")).scalar_one() == "one"


def test_a_tokens_last_use_is_recorded_once_a_minute_not_on_every_read(
    reader: tuple[Api, str], db: Session, clock: FrozenClock
) -> None:
    api, pilot_id = reader
    api.get(f"/pilots/{pilot_id}")
    first = clock.now()
    clock.advance(seconds=30)
    api.get(f"/pilots/{pilot_id}")
    tokens = list(db.exec(select(ApiToken).where(col(ApiToken.can_write).is_(False))).all())
    for token in tokens:
        db.refresh(token)
    assert [t.last_used_at for t in tokens] == [first]

    clock.advance(seconds=31)
    api.get(f"/pilots/{pilot_id}")
    for token in tokens:
        db.refresh(token)
    assert [t.last_used_at for t in tokens] == [clock.now()]


# --- /health ---------------------------------------------------------------------------------


def _revision_queries(app: Any) -> list[str]:
    seen: list[str] = []

    @event.listens_for(app.state.engine, "before_cursor_execute")
    def count(_c: Any, _cur: Any, statement: str, *_: Any) -> None:
        if statement.startswith("SELECT") and "alembic_version" in statement:
            seen.append(statement)

    return seen


def test_health_polls_within_a_second_share_one_database_check(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path / 'health.db'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32))"))
        connection.execute(text("INSERT INTO alembic_version VALUES ('0042')"))
    app = create_app(settings, engine=engine, check_migrations=False)
    queries = _revision_queries(app)
    now = [1000.0]
    monkeypatch.setattr(system_routes.HealthProbe, "clock", staticmethod(lambda: now[0]))
    try:
        with TestClient(app) as client:
            answers = [client.get("/api/v1/health").json() for _ in range(5)]
            assert answers == [{"status": "ok", "database": "ok", "revision": "0042"}] * 5
            assert len(queries) == 1

            with engine.begin() as connection:
                connection.execute(text("UPDATE alembic_version SET version_num = '0043'"))
            now[0] += system_routes.FRESH_SECONDS * 0.9
            assert client.get("/api/v1/health").json()["revision"] == "0042"  # still fresh
            now[0] += system_routes.FRESH_SECONDS * 0.2
            assert client.get("/api/v1/health").json()["revision"] == "0043"
            assert len(queries) == 2
    finally:
        engine.dispose()


def test_health_keeps_a_failure_for_a_second_then_asks_again(
    tmp_path: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "later"
    engine = create_engine(f"sqlite:///{missing}/health.db")
    app = create_app(settings, engine=engine, check_migrations=False)
    now = [1000.0]
    monkeypatch.setattr(system_routes.HealthProbe, "clock", staticmethod(lambda: now[0]))
    try:
        with TestClient(app, raise_server_exceptions=False) as client:
            assert client.get("/api/v1/health").status_code == 503
            missing.mkdir()
            with engine.begin() as connection:
                connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32))"))
                connection.execute(text("INSERT INTO alembic_version VALUES ('0042')"))
            assert client.get("/api/v1/health").status_code == 503  # the failure still holds
            now[0] += system_routes.FRESH_SECONDS
            assert client.get("/api/v1/health").json()["revision"] == "0042"
    finally:
        engine.dispose()


# --- request ids ---------------------------------------------------------------------------


def test_request_ids_are_unique_32_hex_digits(client: TestClient) -> None:
    ids = [client.get("/api/v1/health").headers["X-Request-ID"] for _ in range(50)]

    assert all(re.fullmatch(r"[0-9a-f]{32}", value) for value in ids)
    assert len(set(ids)) == len(ids)


def test_a_forked_process_gets_its_own_request_id_prefix() -> None:
    from pilotboard.core import middleware

    before = middleware._ID_PREFIX
    middleware._new_id_prefix()
    assert before != middleware._ID_PREFIX
    assert len(middleware._ID_PREFIX) == 16


@pytest.mark.skipif(ON_SQLITE, reason="a pool of PostgreSQL connections")
def test_a_connection_in_steady_use_is_not_pinged(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`pool_pre_ping` cost a round trip per request; the pool now tests only connections idle
    for `PING_AFTER_IDLE_SECONDS`."""
    engine = create_db_engine(database_url, pool_size=1)
    pings: list[object] = []
    ping = engine.dialect.do_ping
    monkeypatch.setattr(engine.dialect, "do_ping", lambda raw: pings.append(raw) or ping(raw))
    try:
        for _ in range(3):
            with engine.connect() as connection:
                assert connection.execute(text("SELECT 1")).scalar_one() == 1
    finally:
        engine.dispose()

    assert pings == []


@pytest.mark.skipif(ON_SQLITE, reason="a pool of PostgreSQL connections")
def test_a_connection_closed_while_idle_is_replaced_before_use(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(core_db, "PING_AFTER_IDLE_SECONDS", 0.0)
    engine = create_db_engine(database_url, pool_size=1)
    admin = create_engine(normalize_database_url(database_url))
    try:
        with engine.connect() as connection:
            first = connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
        with admin.connect() as other:  # the server closes the pooled connection
            other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first})

        with engine.connect() as connection:
            second = connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
    finally:
        engine.dispose()
        admin.dispose()

    assert second != first


@pytest.mark.skipif(ON_SQLITE, reason="SQLite has no row locks (it renders no FOR UPDATE)")
def test_a_read_locks_no_row_and_a_change_still_does(
    client: TestClient, db: Session, clock: FrozenClock, connection: Connection
) -> None:
    """`GET …/measurements` loaded its metric `FOR UPDATE`: a read held a row lock until its
    commit, and writers of that metric waited on it. Only changes lock now."""
    now = clock.now()
    user = make_user(db, now=now, name="Editor")
    workspace = make_workspace(db, now=now, name="Locks")
    add_member(db, workspace=workspace, user=user, role=Role.editor, now=now)
    api = Api(client, caller_by("token", client, db, user, workspace, now), workspace)
    db.commit()
    pilot = api.ok("POST", "/pilots", {"title": "VMI", "target_outcome": "profitability"})
    metric = api.ok(
        "POST",
        f"/pilots/{pilot['id']}/metrics",
        {"name": "Minutes on supplies", "direction": "decrease", "baseline": 55, "target": 35},
    )
    measurements = f"/pilots/{pilot['id']}/metrics/{metric['id']}/measurements"

    with count_queries(connection) as read:
        assert api.ok("GET", measurements) is not None
    with count_queries(connection) as written:
        api.ok("POST", measurements, {"value": 41, "measured_on": str(clock.today())})

    assert not [statement for statement in read if "FOR UPDATE" in statement]
    assert [statement for statement in written if "FOR UPDATE" in statement]
