"""A real server for concurrency tests: its own committed database, uvicorn on a free port.

The rollback-per-test fixtures share one connection, so they cannot show what happens when
requests run in parallel transactions. These tests get a throwaway database, a server that owns
its engine and pool as `pilotboard serve` does, and real HTTP from many threads at once.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import httpx
import uvicorn
from sqlalchemy import Engine
from sqlmodel import Session

from pilotboard.core import migrations
from pilotboard.core.clock import SystemClock
from pilotboard.core.db import create_db_engine
from pilotboard.main import create_app
from pilotboard.wiring import session_factory_for
from pilotboard.workspaces.models import Role
from tests.backend.conftest import make_settings, throwaway_database
from tests.backend.factories import add_member, make_token, make_user, make_workspace

T = TypeVar("T")


@dataclass
class LiveServer:
    url: str
    engine: Engine
    workspace_id: str
    token: str
    admin_email: str

    @property
    def base(self) -> str:
        return f"{self.url}/api/v1/workspaces/{self.workspace_id}"

    def client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.base, headers={"Authorization": f"Bearer {self.token}"}, timeout=60
        )

    def session(self) -> Session:
        return session_factory_for(self.engine, SystemClock())()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def live_server(tmp_dir: Path, label: str, **settings: Any) -> Iterator[LiveServer]:
    """Serve a fresh, migrated database holding one workspace, its admin and a write token."""
    with throwaway_database(tmp_dir, label) as url:
        config = make_settings(url, tmp_dir, webhooks_worker=False, **settings)
        migrations.upgrade(config)
        engine = create_db_engine(url)
        now = SystemClock().now()
        with session_factory_for(engine, SystemClock())() as db:
            db.connection()
            user = make_user(db, now=now, name="Ada Admin")
            workspace = make_workspace(db, now=now, name="Live")
            add_member(db, workspace=workspace, user=user, role=Role.admin, now=now)
            token = make_token(db, user=user, workspace=workspace, now=now, write=True)
            db.commit()
            seeded = (str(workspace.id), user.email)

        port = _free_port()
        server = uvicorn.Server(
            uvicorn.Config(create_app(config), host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        try:
            yield LiveServer(
                url=f"http://127.0.0.1:{port}",
                engine=engine,
                workspace_id=seeded[0],
                token=token,
                admin_email=seeded[1],
            )
        finally:
            server.should_exit = True
            thread.join(timeout=30)
            engine.dispose()


def at_once(count: int, call: Callable[[int], T]) -> list[T]:
    """Run ``call(0)`` … ``call(count - 1)`` in parallel threads, released together."""
    barrier = threading.Barrier(count)

    def run(index: int) -> T:
        barrier.wait(timeout=30)
        return call(index)

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))
