"""The ``pilotboard`` command line."""

from __future__ import annotations

import json
import logging
import os
import socket
import sys
import uuid
from typing import TYPE_CHECKING, Annotated, Literal

import typer
import uvicorn
from pydantic import ValidationError

from pilotboard.core.config import Settings, get_settings
from pilotboard.core.logredact import install as install_log_redaction

if TYPE_CHECKING:
    from sqlalchemy import Engine

app = typer.Typer(
    help="Pilotboard: run testbed pilots from the chosen customer to the scale decision.",
    no_args_is_help=True,
    add_completion=False,
)


def _settings() -> Settings:
    try:
        return get_settings()
    except ValidationError as exc:
        for error in exc.errors():
            typer.echo(f"Configuration error: {error['msg']}", err=True)
        raise typer.Exit(2) from exc


def _migrated_engine(settings: Settings) -> Engine:
    """An engine on the configured database, which must be at the newest schema (exit 1 and
    the `pilotboard migrate` advice otherwise). The caller disposes of it."""
    from pilotboard.core.db import create_db_engine
    from pilotboard.main import MigrationsBehind, ensure_migrated

    engine = create_db_engine(settings.database_url)
    try:
        ensure_migrated(engine, settings)
    except MigrationsBehind as exc:
        engine.dispose()
        typer.echo(str(exc), err=True)
        raise typer.Exit(1) from exc
    return engine


def _workspace_option(value: str | None) -> uuid.UUID | None:
    """A ``--workspace`` option's id (exit 2 when it is not one)."""
    if value is None:
        return None
    try:
        return uuid.UUID(value)
    except ValueError as exc:
        typer.echo(f"Refused: {value!r} is not a workspace id.", err=True)
        raise typer.Exit(2) from exc


def _configure_logging(level: str, *, quiet_migrations: bool = False) -> None:
    logging.basicConfig(
        level=level.upper(),
        format="%(asctime)s %(levelname)s %(name)s %(message)s",
        stream=sys.stderr,
    )
    if quiet_migrations:
        # Revision checks (start-up, health) would otherwise log on every call.
        logging.getLogger("alembic.runtime.migration").setLevel(logging.WARNING)
    # Secret link tokens in request paths are redacted (core/logredact.py).
    install_log_redaction()


@app.command()
def migrate() -> None:
    """Upgrade the database to the newest schema (safe to run repeatedly)."""
    from pilotboard.core import migrations

    settings = _settings()
    _configure_logging(settings.log_level)
    migrations.upgrade(settings)
    typer.echo(f"Database migrated to {migrations.head_revision(settings)}.")


MAX_DEFAULT_WORKERS = 8
# How long an idle keep-alive connection stays open. Longer than the idle timeouts of load
# balancers (60 s is common) and of HTTP clients that reuse connections without retrying: with
# uvicorn's 5 s, a client sending on a connection the server was closing that moment got a reset.
KEEP_ALIVE_SECONDS = 75


def event_loop(*, sqlite: bool) -> Literal["asyncio", "auto"]:
    """The event loop ``serve`` runs.

    SQLite: asyncio's own. The one-pilot read runs its SQLite queries on the loop, and uvloop
    served some connections far later than others there: 2 to 3 % of requests took 200 to 900 ms,
    where asyncio's loop kept each under 175 ms at the same throughput. PostgreSQL: uvloop where
    it is installed (uvicorn's ``auto``; uvicorn's standard extras install it). Every query goes
    through the thread pool, and uvloop wakes the loop for each result more cheaply. On asyncio's
    loop, two workers served 13 % less (bench/RESULTS.md, "The event loop").
    """
    return "asyncio" if sqlite else "auto"


def default_workers(*, sqlite: bool, cpus: int | None) -> int:
    """Processes ``serve`` starts without ``--workers``.

    SQLite: one. Its writers queue in-process (``core/db.py``) in arrival order; several
    processes would meet in SQLite's busy handler instead, and the p99 of writes with them.
    PostgreSQL: one per CPU, at most ``MAX_DEFAULT_WORKERS`` (each keeps its own pool of
    connections: ``PILOTBOARD_MAX_CONCURRENT_REQUESTS`` plus three).
    """
    if sqlite:
        return 1
    return max(1, min(cpus or 1, MAX_DEFAULT_WORKERS))


@app.command()
def precompress() -> None:
    """Write a gzip copy beside each compressible file of the built web app (after the build)."""
    from pilotboard.core.spa import precompress as write_gz

    settings = _settings()
    written = write_gz(settings.spa_dir.resolve())
    typer.echo(f"Precompressed {len(written)} files in {settings.spa_dir}.")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Address to listen on.")] = None,
    port: Annotated[int | None, typer.Option(help="Port to listen on.")] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            min=1,
            envvar="PILOTBOARD_WORKERS",
            help="Worker processes (one database for all). Default: one on SQLite, one per "
            f"CPU up to {MAX_DEFAULT_WORKERS} on PostgreSQL.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Serve the API and the web app. Refuses to start on a database that needs `migrate`."""
    from pilotboard.core.db import is_sqlite

    settings = _settings()
    _configure_logging(settings.log_level, quiet_migrations=True)
    settings.secret()
    _migrated_engine(settings).dispose()
    if workers is None:
        workers = default_workers(sqlite=is_sqlite(settings.database_url), cpus=os.cpu_count())
    bind_host = host or settings.host
    bind_port = port or settings.port
    typer.echo(
        f"Pilotboard is serving on http://{bind_host}:{bind_port} "
        f"({workers} worker{'s' if workers != 1 else ''})"
    )
    config = uvicorn.Config(
        "pilotboard.main:create_app",
        factory=True,
        host=bind_host,
        port=bind_port,
        workers=workers,
        log_level=settings.log_level,
        proxy_headers=settings.trusted_proxy,
        forwarded_allow_ips="*" if settings.trusted_proxy else None,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        loop=event_loop(sqlite=is_sqlite(settings.database_url)),
    )
    if not run_server(config):
        raise typer.Exit(3)


def run_server(config: uvicorn.Config) -> bool:
    """Serve ``config`` until stopped (what ``uvicorn.run`` does, with one socket per worker).

    Several workers run under uvicorn's supervisor, each listening on a socket of its own
    (`core/listeners.py`) where the system has ``SO_REUSEPORT``, else on the supervisor's one
    socket. Returns whether the server started.
    """
    server = uvicorn.Server(config)
    try:
        if config.workers > 1:
            from uvicorn.supervisors import Multiprocess

            from pilotboard.core.listeners import worker_listener

            per_worker = hasattr(socket, "SO_REUSEPORT")
            host, port = config.host, config.port
            listener = worker_listener(host, port) if per_worker else config.bind_socket()
            with listener:
                Multiprocess(config, sockets=[listener]).run()
            return True
        server.run()
    except KeyboardInterrupt:  # Ctrl+C after the server stopped: not an error
        pass
    return server.started or config.workers > 1


@app.command("create-user")
def create_user(
    email: Annotated[str, typer.Option(help="Sign-in email (unique, case-insensitive).")],
    name: Annotated[str, typer.Option(help="The person's display name.")],
    admin: Annotated[bool, typer.Option("--admin", help="Make an instance administrator.")] = False,
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from one line of stdin.")
    ] = False,
) -> None:
    """Create a user. Prompts for the password without echo, or reads it from stdin."""
    from pilotboard.accounts.service import create_user as create
    from pilotboard.core.clock import SystemClock
    from pilotboard.core.db import create_db_engine
    from pilotboard.core.errors import ProblemError
    from pilotboard.core.security import password_problem
    from pilotboard.wiring import session_factory_for

    settings = _settings()
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    problem = password_problem(password, email=email.strip().lower())
    if problem:
        typer.echo(f"Refused: {problem}", err=True)
        raise typer.Exit(2)
    engine = create_db_engine(settings.database_url)
    try:
        with session_factory_for(
            engine, SystemClock(), public_url=settings.public_url
        )() as session:
            try:
                user = create(
                    session,
                    email=email,
                    name=name,
                    password=password,
                    is_admin=admin,
                    now=SystemClock().now(),
                )
            except ProblemError as exc:
                typer.echo(f"Refused: {exc.detail}", err=True)
                raise typer.Exit(2) from exc
            session.commit()
            typer.echo(f"Created {'admin ' if admin else ''}user {user.email} ({user.id}).")
    finally:
        engine.dispose()


@app.command()
def demo() -> None:
    """Load the demo workspace (sample pilots in every stage) once; later runs change nothing.

    Development only: the demo accounts share a published password.
    """
    from pilotboard.core.clock import SystemClock
    from pilotboard.core.db import WRITE_INTENT
    from pilotboard.demo import LOGINS, build_demo, demo_summary
    from pilotboard.wiring import session_factory_for

    settings = _settings()
    if not settings.is_development:
        typer.echo(
            "Refused: the demo accounts share a published password; load the demo only with "
            "PILOTBOARD_ENV=development (as `make run` does).",
            err=True,
        )
        raise typer.Exit(2)
    engine = _migrated_engine(settings)
    try:
        with session_factory_for(
            engine, SystemClock(), public_url=settings.public_url
        )() as session:
            session.connection(execution_options={WRITE_INTENT: True})
            result = build_demo(session, SystemClock())
            counts = demo_summary(session, result.workspace_id)
            session.commit()
    finally:
        engine.dispose()
    if result.created:
        typer.echo(
            "Created the Demo workspace: "
            + ", ".join(f"{count} {name}" for name, count in counts.items())
            + "."
        )
    else:
        typer.echo("The Demo workspace already exists; nothing changed.")
    typer.echo(LOGINS.format(url=f"http://{settings.host}:{settings.port}"))


@app.command()
def digest(
    workspace: Annotated[
        str | None, typer.Option(help="Only this workspace (its id); default: every workspace.")
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the digests; send and record nothing.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Send again to those already sent this week's.")
    ] = False,
) -> None:
    """Send the weekly digest now, whatever the day, to every executive and admin who wants it
    and has not had this week's (the server sends it by itself on the workspace's digest day).

    The messages go through the mail outbox: the server's mail worker sends them.
    """
    from pilotboard.core.clock import SystemClock
    from pilotboard.core.db import WRITE_INTENT
    from pilotboard.notifications.digest import send_digests
    from pilotboard.wiring import session_factory_for
    from pilotboard.workspaces.models import Workspace

    settings = _settings()
    only = _workspace_option(workspace)
    workspace_ids = None if only is None else [only]
    engine = _migrated_engine(settings)
    clock = SystemClock()
    try:
        factory = session_factory_for(engine, clock, public_url=settings.public_url)
        with factory() as session:
            if not dry_run:
                session.connection(execution_options={WRITE_INTENT: True})
            if workspace_ids and session.get(Workspace, workspace_ids[0]) is None:
                typer.echo(f"Refused: no workspace {workspace_ids[0]}.", err=True)
                raise typer.Exit(2)
            run = send_digests(
                session,
                now=clock.now(),
                workspace_ids=workspace_ids,
                only_due=False,
                force=force,
                dry_run=dry_run,
            )
            if dry_run:
                session.rollback()
            else:
                session.commit()
    finally:
        engine.dispose()
    if dry_run:
        for preview in run.previews:
            typer.echo(preview)
            typer.echo("-" * 72)
        typer.echo(f"Dry run: {len(run.previews)} digest(s) would be sent; nothing was sent.")
        return
    typer.echo(
        f"Queued {run.sent} digest(s); {run.already_sent} person(s) already had this week's "
        "(--force sends again)."
    )


@app.command("rebuild-rollups")
def rebuild_rollups(
    workspace: Annotated[
        str | None, typer.Option(help="Only this workspace (its id); default: every workspace.")
    ] = None,
) -> None:
    """Count the portfolio's rollups again from the pilots and involvements.

    The database keeps them current by itself (triggers on both tables). Run this after loading
    rows with the triggers off, e.g. a PostgreSQL restore run as
    ``session_replication_role = replica``. Safe while the server runs.
    """
    from sqlmodel import Session, col, select

    from pilotboard.portfolio.service import recount_rollups
    from pilotboard.workspaces.models import Workspace

    settings = _settings()
    only = _workspace_option(workspace)
    engine = _migrated_engine(settings)
    try:
        with Session(engine) as session:
            listed = select(Workspace.id).order_by(col(Workspace.created_at), col(Workspace.id))
            if only is not None:
                listed = listed.where(Workspace.id == only)
            workspace_ids = list(session.exec(listed))
        if only is not None and not workspace_ids:
            typer.echo(f"Refused: no workspace {only}.", err=True)
            raise typer.Exit(2)
        groups = sum(recount_rollups(engine, workspace_id) for workspace_id in workspace_ids)
    finally:
        engine.dispose()
    typer.echo(
        f"Recounted the rollups of {len(workspace_ids)} workspace(s): {groups} group(s) of pilots."
    )


def _nul_locations_in(raw: bytes) -> list[list[str | int]]:
    """Where a JSON document holds NUL characters (empty when it holds none or is not JSON)."""
    if b"\\u0000" not in raw:
        return []
    from pilotboard.core.guards import nul_locations

    try:
        return nul_locations(json.loads(raw))
    except ValueError:
        return []


@app.command("import")
def import_workspace(
    file: Annotated[
        typer.FileBinaryRead,
        typer.Argument(help="A document from `GET /workspaces/{id}/export` (`-` reads stdin)."),
    ],
    name: Annotated[
        str | None, typer.Option(help="The new workspace's name (default: the one in the file).")
    ] = None,
    admin: Annotated[
        str | None,
        typer.Option(
            help="Email of an existing account to make admin of the new workspace; it also owns "
            "the pilots whose owner has no account here."
        ),
    ] = None,
) -> None:
    """Restore an export into a NEW workspace (all or nothing, in one transaction).

    Every object gets a new id and every reference follows it. People are linked to the
    accounts with the same email: members get their role back; a sponsor, decider or actor
    without an account here becomes empty; a pilot owner without one is replaced by the
    `--admin` account (or the first admin restored). At least one admin must have an account.
    Webhooks come back disabled with a new signing secret, printed here once; a file with a
    webhook URL the API would refuse (a private, loopback or metadata address) is refused.
    Derived values (health) are recomputed.
    """
    from pydantic import ValidationError as DocumentError
    from sqlalchemy.exc import DBAPIError as DatabaseError

    from pilotboard.core.clock import SystemClock
    from pilotboard.core.db import WRITE_INTENT
    from pilotboard.core.errors import InvalidInput
    from pilotboard.exports.schemas import ExportDocument
    from pilotboard.exports.service import restore_workspace
    from pilotboard.wiring import session_factory_for

    settings = _settings()
    raw = file.read()
    nul = _nul_locations_in(raw)
    if nul:
        typer.echo(
            f"Refused: {len(nul)} text field(s) hold a NUL character (U+0000), which no field "
            "may hold (a database written by an older version may have stored it):",
            err=True,
        )
        for loc in nul[:20]:
            typer.echo(f"  {'.'.join(str(part) for part in loc)}", err=True)
        raise typer.Exit(2)
    try:
        document = ExportDocument.model_validate_json(raw)
    except DocumentError as exc:
        typer.echo(
            f"Refused: the file is not a Pilotboard export ({exc.error_count()} errors):", err=True
        )
        for error in exc.errors()[:20]:
            where = ".".join(str(part) for part in error["loc"]) or "(document)"
            typer.echo(f"  {where}: {error['msg']}", err=True)
        raise typer.Exit(2) from exc
    engine = _migrated_engine(settings)
    try:
        with session_factory_for(
            engine, SystemClock(), public_url=settings.public_url
        )() as session:
            session.connection(execution_options={WRITE_INTENT: True})
            try:
                restored = restore_workspace(
                    session,
                    document=document,
                    name=name,
                    admin_email=admin,
                    app_secret=settings.secret(),
                    now=SystemClock().now(),
                    webhooks_allow_localhost=settings.webhooks_allow_localhost,
                )
            except InvalidInput as exc:
                typer.echo(f"Refused: {exc.detail}", err=True)
                for item in exc.extra.get("errors", [])[:20]:
                    where = ".".join(str(part) for part in item["loc"])
                    typer.echo(f"  {where}: {item['msg']}", err=True)
                raise typer.Exit(2) from exc
            except DatabaseError as exc:
                # A value the checks above let through but the database refused: nothing was
                # written (one transaction), and the operator gets the database's reason.
                reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
                typer.echo(f"Refused: the database did not accept the document: {reason}", err=True)
                raise typer.Exit(2) from exc
            session.commit()
    finally:
        engine.dispose()
    typer.echo(f"Restored “{restored.name}” as workspace {restored.workspace_id}:")
    typer.echo("  " + ", ".join(f"{count} {what}" for what, count in restored.counts.items()))
    typer.echo("  Members: " + ", ".join(restored.members))
    if restored.missing_people:
        typer.echo(
            "  Without an account here (not restored as members; their references are empty): "
            + ", ".join(restored.missing_people)
        )
    if restored.reassigned_pilots:
        typer.echo(
            f"  {restored.reassigned_pilots} pilot(s) whose owner has no account here now "
            "belong to the restoring admin."
        )
    for url, secret in restored.webhook_secrets:
        typer.echo(f"  Webhook {url} is disabled; its new signing secret (shown once): {secret}")


@app.command()
def openapi() -> None:
    """Print the OpenAPI document (the generated TypeScript client is built from it)."""
    from pilotboard.main import create_app

    # The document depends on the code only, never on this machine's configuration or secrets.
    document = create_app(Settings(env="development")).openapi()
    typer.echo(json.dumps(document, indent=2, sort_keys=True))


def main() -> None:
    app()
