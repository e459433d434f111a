"""The system under test: a fresh database, its migrations and accounts, and the server.

The server is ``pilotboard serve`` (``--workers N`` is passed through to uvicorn), started in a
process group of its own so that the crash phase can ``kill -9`` the supervisor and every worker
at once. Its stdout and stderr go to one log file, appended to across restarts.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

import httpx
import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
PILOTBOARD = BIN / "pilotboard"
HEALTH = "/api/v1/health"

WEBHOOK_TIMEOUT_SECONDS = 2.0
WEBHOOK_POLL_SECONDS = 0.2


class DrillSetupError(RuntimeError):
    """The drill could not build what it tests (database, accounts, server)."""


@dataclass
class Database:
    engine: str
    url: str
    name: str
    _drop: Callable[[], None] = field(repr=False)

    def drop(self) -> None:
        self._drop()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def create_database(*, engine: str, admin_url: str | None, var_dir: Path, tag: str) -> Database:
    """A new, empty database: a file under ``var_dir``, or ``pilotboard_drill_<tag>``."""
    if engine == "sqlite":
        path = var_dir / f"drill-{tag}.db"
        siblings = [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]
        for leftover in siblings:
            leftover.unlink(missing_ok=True)

        def remove() -> None:
            for leftover in siblings:
                leftover.unlink(missing_ok=True)

        return Database("sqlite", f"sqlite:///{path}", str(path), remove)

    if not admin_url:
        raise DrillSetupError("--engine postgresql needs --admin-url (a database to connect to).")
    name = f"pilotboard_drill_{tag}"
    admin = make_url(admin_url).set(drivername="postgresql")
    conninfo = admin.render_as_string(hide_password=False)
    try:
        with psycopg.connect(conninfo, autocommit=True, connect_timeout=10) as connection:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.Error as exc:
        raise DrillSetupError(f"Could not create the database {name}: {exc}") from exc

    def drop() -> None:
        with psycopg.connect(conninfo, autocommit=True, connect_timeout=10) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )

    url = admin.set(database=name).render_as_string(hide_password=False)
    return Database("postgresql", url, name, drop)


def server_environment(database_url: str, var_dir: Path) -> dict[str, str]:
    """The server's settings: development mode, quiet logs, fast webhooks to localhost."""
    inherited = {k: v for k, v in os.environ.items() if not k.startswith("PILOTBOARD_")}
    return {
        **inherited,
        "PILOTBOARD_ENV": "development",
        "PILOTBOARD_DATABASE_URL": database_url,
        "PILOTBOARD_VAR_DIR": str(var_dir),
        # Set here so every start (and every worker) signs with the same key.
        "PILOTBOARD_SECRET_KEY": secrets.token_urlsafe(48),
        "PILOTBOARD_LOG_LEVEL": "warning",  # no access-log line per request
        "PILOTBOARD_WEBHOOKS_ALLOW_LOCALHOST": "true",
        "PILOTBOARD_WEBHOOKS_POLL_SECONDS": str(WEBHOOK_POLL_SECONDS),
        "PILOTBOARD_WEBHOOKS_TIMEOUT_SECONDS": str(WEBHOOK_TIMEOUT_SECONDS),
    }


async def run_cli(
    args: Sequence[str], *, env: dict[str, str], stdin: str = "", timeout: float = 120
) -> str:
    """Run ``pilotboard ARGS``; its output, or DrillSetupError when it fails."""

    def call() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(PILOTBOARD), *args],
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    try:
        result = await asyncio.to_thread(call)
    except subprocess.TimeoutExpired as exc:
        raise DrillSetupError(f"pilotboard {args[0]} did not finish in {timeout:g} s") from exc
    if result.returncode != 0:
        raise DrillSetupError(
            f"pilotboard {' '.join(args[:1])} failed ({result.returncode}):\n"
            f"{result.stdout}{result.stderr}"
        )
    return result.stdout.strip()


class Server:
    """``pilotboard serve`` in its own process group, restartable on the same port."""

    def __init__(self, *, env: dict[str, str], port: int, workers: int, log_path: Path) -> None:
        self.env = env
        self.port = port
        self.workers = workers
        self.log_path = log_path
        self.base_url = f"http://127.0.0.1:{port}"
        self.starts = 0
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    def mark(self, text: str) -> None:
        with self.log_path.open("ab") as log:
            log.write(f"--- drill {time.strftime('%H:%M:%S')}: {text} ---\n".encode())

    def start(self) -> None:
        if self._process is not None and self._process.poll() is None:
            raise DrillSetupError("The server is already running.")
        self.starts += 1
        self.mark(f"start #{self.starts} ({self.workers} worker(s), port {self.port})")
        self._log = self.log_path.open("ab")
        self._process = subprocess.Popen(
            [
                str(PILOTBOARD),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--workers",
                str(self.workers),
            ],
            env=self.env,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=self._log,
            start_new_session=True,  # its own process group: one signal reaches every worker
        )

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    async def wait_ready(self, timeout: float = 90) -> float:
        """Poll the health endpoint until it answers 200; the seconds it took."""
        started = time.monotonic()
        deadline = started + timeout
        async with httpx.AsyncClient(base_url=self.base_url, timeout=5) as client:
            while time.monotonic() < deadline:
                if not self.running():
                    raise DrillSetupError(
                        f"The server exited ({self.returncode()}) while starting; see "
                        f"{self.log_path}:\n{self.log_tail()}"
                    )
                try:
                    if (await client.get(HEALTH)).status_code == 200:
                        return time.monotonic() - started
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.2)
        raise DrillSetupError(
            f"The server did not answer {HEALTH} within {timeout:g} s:\n{self.log_tail()}"
        )

    def returncode(self) -> int | None:
        return self._process.returncode if self._process is not None else None

    def _signal_group(self, signum: int) -> None:
        if self._process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self._process.pid, signum)

    def kill(self) -> None:
        """``kill -9`` the whole process group (supervisor and workers), and reap it."""
        if self._process is None:
            return
        self.mark("kill -9 of the process group")
        self._signal_group(signal.SIGKILL)
        self._process.wait()
        self._close_log()

    def stop(self, grace: float = 20) -> None:
        """SIGTERM the group, then SIGKILL whatever is left after ``grace`` seconds."""
        if self._process is None:
            return
        if self._process.poll() is None:
            self._signal_group(signal.SIGTERM)
            try:
                self._process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.mark(f"still running {grace:g} s after SIGTERM: kill -9")
        # Workers may outlive their supervisor: make sure the group is gone.
        self._signal_group(signal.SIGKILL)
        self._process.wait()
        self.mark(f"stopped (exit code {self._process.returncode})")
        self._close_log()
        self._process = None

    def _close_log(self) -> None:
        if self._log is not None:
            self._log.close()
            self._log = None

    def log_tail(self, lines: int = 30) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])
