"""Engine creation, the shared table metadata and the request-scoped transaction.

Services only ``flush()``; the request that called them commits when the route returns and rolls
back when it raises, so a failed request never leaves half its changes behind.
"""

from __future__ import annotations

import asyncio
import os
import zlib
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Annotated, Any

import anyio
from fastapi import Depends, Request
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from pilotboard.core.types import NAMING_CONVENTION

SQLITE_BUSY_TIMEOUT_MS = 5000
# Page cache per connection, in KiB (SQLite's default is 2 MiB): the pilots table of a 10,000-pilot
# workspace (~7 MiB) stays in memory between portfolio requests instead of being re-read page by
# page. An upper bound, filled only as pages are read; measured in bench/RESULTS.md.
SQLITE_CACHE_KIB = 16 * 1024

SessionFactory = Callable[[], Session]
WRITE_INTENT = "pilotboard_write_intent"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def normalize_database_url(url: str) -> str:
    """Send every PostgreSQL URL through psycopg 3, whatever scheme the operator wrote."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def is_sqlite(url: str) -> bool:
    return make_url(normalize_database_url(url)).get_backend_name() == "sqlite"


def create_db_engine(
    url: str, *, pool_size: int | None = None, pool_timeout: float | None = None, **kwargs: Any
) -> Engine:
    """An engine for ``url``: SQLite in WAL mode with foreign keys, or PostgreSQL via psycopg.

    ``pool_size`` is the number of connections kept open; the app sizes it to the requests it
    admits at once (``core/admission.py``) plus its background workers, so an admitted request
    never waits for a connection. ``pool_timeout`` bounds that wait should it happen anyway.
    """
    url = normalize_database_url(url)
    database = make_url(url).database
    in_memory = is_sqlite(url) and (not database or database == ":memory:" or "memory" in url)
    if not in_memory:  # an in-memory SQLite database lives in one connection, without a pool
        if pool_size is not None:
            kwargs.setdefault("pool_size", pool_size)
            kwargs.setdefault("max_overflow", 0)
        if pool_timeout is not None:
            kwargs.setdefault("pool_timeout", pool_timeout)
    if not is_sqlite(url):
        kwargs.setdefault("pool_pre_ping", True)
        return create_engine(url, **kwargs)

    if database and database != ":memory:" and not database.startswith("file:"):
        create_private_file(Path(database))
    engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)
    configure_sqlite(engine)
    return engine


def create_private_file(path: Path) -> None:
    """Create the database file readable by its owner only (0600), like the secret key.

    SQLite gives its ``-wal`` and ``-shm`` files the database file's permissions, so they stay
    private too. An existing file keeps the permissions its operator gave it.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    os.close(descriptor)


def configure_sqlite(engine: Engine) -> None:
    """Pragmas on every connection, and transactions SQLAlchemy (not pysqlite) controls.

    pysqlite's own transaction handling defers BEGIN and breaks SAVEPOINT; turning it off and
    emitting BEGIN ourselves gives real transactions, which the tests' per-test rollback needs.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # Writers take the write lock up front, so they queue on busy_timeout instead of failing
        # when another writer committed after they read (SQLITE_BUSY_SNAPSHOT).
        immediate = connection.get_execution_options().get(WRITE_INTENT, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def serialize_in_workspace(session: Session, *, workspace_id: Any, purpose: str) -> None:
    """Make concurrent transactions doing ``purpose`` in one workspace run one after the other.

    A transaction-scoped advisory lock on PostgreSQL, released at commit or rollback; SQLite
    already runs one writer at a time (writers begin immediately). For work that reads, then
    writes what it read was missing (a CSV import matching records by key): the second
    transaction waits, then sees the first one's rows instead of inserting them again.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    key = zlib.crc32(f"{purpose}:{workspace_id}".encode()) - 2**31
    session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})


def _sqlite_write_lock(request: Request) -> asyncio.Lock | None:
    """The process's SQLite write lock (one per event loop), or ``None`` on PostgreSQL.

    SQLite runs one writer at a time. Writers that meet a held lock sleep in SQLite's busy
    handler (1, 2, 5 … 100 ms naps, no queue), so one unlucky writer can lose to later ones
    again and again: at 4 concurrent writers the p99 was about 1 s, 60 times the p50
    (bench/RESULTS.md, "Serving path"). Queuing them here first, in arrival order and without
    holding a thread, leaves busy_timeout for the rare writer in another process.
    """
    state = request.app.state
    engine: Engine | None = getattr(state, "engine", None)
    if engine is None or engine.dialect.name != "sqlite":
        return None
    loop = asyncio.get_running_loop()
    held: tuple[asyncio.AbstractEventLoop, asyncio.Lock] | None = getattr(
        state, "sqlite_write_lock", None
    )
    if held is None or held[0] is not loop:
        held = (loop, asyncio.Lock())
        state.sqlite_write_lock = held
    return held[1]


def _open(factory: SessionFactory, *, write: bool) -> Session:
    session = factory()
    if write:
        try:
            session.connection(execution_options={WRITE_INTENT: True})
        except BaseException:
            session.close()
            raise
    return session


def _finish(session: Session, *, failed: bool) -> None:
    try:
        if failed:
            session.rollback()
        else:
            session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


async def _request_session(request: Request) -> AsyncIterator[Session]:
    """The request's session: committed when the route returns, rolled back when it raises.

    An ``async`` dependency that enters the thread pool only where the database is touched:
    a read opens its session inline (no I/O until its first query, which runs in the route's
    thread) and hops once, to commit; a write hops once more to begin immediately.
    """
    factory: SessionFactory = request.app.state.session_factory
    write = request.method in UNSAFE_METHODS
    lock = _sqlite_write_lock(request) if write else None
    if lock is not None:
        await lock.acquire()
    try:
        if write:
            session = await run_in_threadpool(_open, factory, write=True)
        else:
            session = factory()
        failed = True
        try:
            yield session
            failed = False
        finally:
            # Shielded: a cancelled request (the client went away) still returns its connection.
            with anyio.CancelScope(shield=True):
                await run_in_threadpool(_finish, session, failed=failed)
    finally:
        if lock is not None:
            lock.release()


# scope="function": the commit happens before the response is sent, so a client never sees a
# success whose transaction then failed.
SessionDep = Annotated[Session, Depends(_request_session, scope="function")]

__all__ = [
    "NAMING_CONVENTION",
    "SessionDep",
    "SessionFactory",
    "create_db_engine",
    "is_sqlite",
    "normalize_database_url",
    "serialize_in_workspace",
]
