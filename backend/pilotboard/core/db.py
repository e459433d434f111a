"""Engine creation, the shared table metadata and the request-scoped transaction.

Services only ``flush()``; the request that called them commits when the route returns and rolls
back when it raises, so a failed request never leaves half its changes behind.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
import zlib
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Annotated, Any, ParamSpec, TypeVar, cast

import anyio
from fastapi import Depends, Request
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DisconnectionError, OperationalError
from sqlalchemy.orm import sessionmaker
from sqlalchemy.sql import Executable
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from pilotboard.core.types import NAMING_CONVENTION

SQLITE_BUSY_TIMEOUT_MS = 5000
# Page cache per connection, in KiB (SQLite's default is 2 MiB): the pilots table of a 10,000-pilot
# workspace (~7 MiB) stays in memory between portfolio requests instead of being re-read page by
# page. An upper bound, filled only as pages are read; measured in bench/RESULTS.md.
SQLITE_CACHE_KIB = 16 * 1024
# A PostgreSQL connection that sat in the pool this long is tested before a request gets it.
PING_AFTER_IDLE_SECONDS = 10.0
_IDLE_SINCE = "pilotboard_idle_since"

logger = logging.getLogger(__name__)

SessionFactory = Callable[[], Session]
WRITE_INTENT = "pilotboard_write_intent"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# On a session's `info`: its SQLite connection's `total_changes` when its transaction began.
_CHANGES_AT_BEGIN = "pilotboard_changes_at_begin"
# On a session's `info`: best-effort writes waiting for the end of the transaction.
_BOOKKEEPING = "pilotboard_bookkeeping"

P = ParamSpec("P")
T = TypeVar("T")


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
        engine = create_engine(url, **kwargs)
        ping_when_idle(engine, PING_AFTER_IDLE_SECONDS)
        return engine

    if database and database != ":memory:" and not database.startswith("file:"):
        create_private_file(Path(database))
    engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)
    configure_sqlite(engine)
    return engine


def ping_when_idle(engine: Engine, after_seconds: float) -> None:
    """Test a pooled connection before handing it out, when it has been idle ``after_seconds``.

    A connection the server or a proxy closed while it sat in the pool (a restart, an idle
    timeout) is then replaced before any request meets it: the pool opens a new one. SQLAlchemy's
    ``pool_pre_ping`` does the same at every checkout, which costs one round trip per request,
    a sixth of the trips of a one-pilot read (bench/RESULTS.md, "The event loop, one socket
    per worker"). A connection the server drops while in use fails that request, as with
    ``pool_pre_ping``, and SQLAlchemy then discards the pool's other connections of that moment.
    """

    @event.listens_for(engine, "checkin")
    def _checked_in(_dbapi_connection: Any, record: Any) -> None:
        record.info[_IDLE_SINCE] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.pop(_IDLE_SINCE, None)
        if since is None or time.monotonic() - since < after_seconds:
            return
        try:
            alive = engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as exc:
            if not engine.dialect.is_disconnect(exc, dbapi_connection, None):
                raise
            alive = False
        if not alive:
            # The pool discards this connection and checks out another (up to three tries).
            raise DisconnectionError("a pooled connection was closed while idle")


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


def inline_queries(session: Session) -> bool:
    """Whether ``session``'s short reads run inline on the event loop (SQLite) rather than in
    the thread pool (PostgreSQL).

    A SQLite query is a function call into this process: reading a token, a membership or a
    pilot by its key takes tens of microseconds, less than a trip to a pool thread and back
    (and under load, much less than the wait for the GIL that the trip ends with). WAL readers
    never wait for writers, so such a read cannot stall the loop. A PostgreSQL query waits on
    the network, and on other transactions' row locks: it always runs in the pool.
    """
    return session.get_bind().dialect.name == "sqlite"


async def run_db(session: Session, work: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run ``work`` (a short read through ``session``: a dependency loading what a route acts
    on, or the one-pilot read that ``GET …/pilots/{id}`` answers with) inline on SQLite and in
    the thread pool on PostgreSQL (`inline_queries`). Other routes, which do the request's real
    work, stay synchronous and run in the pool on both."""
    if inline_queries(session):
        return work(*args, **kwargs)
    return await run_in_threadpool(work, *args, **kwargs)


def core_rows(
    session: Session, statement: Executable, params: dict[str, Any]
) -> list[tuple[Any, ...]]:
    """The rows of a built-once column select (no entities), run on ``session``'s connection
    after flushing what the session holds as the ORM's autoflush would: the same rows as
    ``session.exec`` without the ORM's work per statement (its compile state, execute events
    and row loading), which costs more than a short query itself (bench/RESULTS.md, "serving
    path, fourth pass")."""
    if session.autoflush:  # as the ORM's own autoflush, not inside ``session.no_autoflush``
        session.flush()
    rows = session.connection().execute(statement, params).all()
    return cast(list[tuple[Any, ...]], rows)  # Rows are tuples


def defer_bookkeeping(session: Session, statement: Executable) -> None:
    """Queue a best-effort write (a token's last use, a session's last sight) for the end of
    the request's transaction, where `_finish` runs it in the thread pool before committing.

    Such a write in a read turns the read into a writer, which on SQLite may wait for the
    write lock; deferred, it never waits on the event loop, and a busy database simply skips
    it (the next request records it).
    """
    session.info.setdefault(_BOOKKEEPING, []).append(statement)


def _run_bookkeeping(session: Session) -> None:
    for statement in session.info.pop(_BOOKKEEPING, ()):
        try:
            with session.begin_nested():
                session.execute(statement)
        except OperationalError:
            logger.info("skipped a last-seen update: the database is busy")


def track_changes(maker: sessionmaker[Any]) -> None:
    """Let `wrote` tell, for the sessions ``maker`` makes on SQLite, whether their transaction
    changed any row: it compares the connection's ``total_changes`` with its count at begin."""

    def _after_begin(session: Any, _transaction: Any, connection: Any) -> None:
        raw = connection.connection.dbapi_connection
        if connection.dialect.name == "sqlite" and raw is not None:
            session.info[_CHANGES_AT_BEGIN] = raw.total_changes

    event.listen(maker, "after_begin", _after_begin)


def wrote(session: Session) -> bool:
    """Whether ending ``session``'s transaction has anything to write: pending ORM changes,
    queued bookkeeping, or rows its SQLite connection changed since the transaction began.
    ``True`` when it cannot tell (a session not made by a `track_changes` maker)."""
    if session.info.get(_BOOKKEEPING) or session.new or session.dirty or session.deleted:
        return True
    if not session.in_transaction():
        return False
    before = session.info.get(_CHANGES_AT_BEGIN)
    raw = session.connection().connection.dbapi_connection
    return before is None or raw is None or getattr(raw, "total_changes", None) != before


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
            _run_bookkeeping(session)
            session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


async def _request_session(request: Request) -> AsyncIterator[Session]:
    """The request's session: committed when the route returns, rolled back when it raises.

    An ``async`` dependency that enters the thread pool only where the database is touched:
    a read opens its session inline (no I/O until its first query) and ends it inline on
    SQLite when it wrote nothing (ending a read transaction is a function call), in the pool
    otherwise; a write hops once more to begin immediately.
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
                if not write and inline_queries(session) and not wrote(session):
                    _finish(session, failed=failed)
                else:
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
    "defer_bookkeeping",
    "is_sqlite",
    "normalize_database_url",
    "run_db",
    "serialize_in_workspace",
    "track_changes",
]
