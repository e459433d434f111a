"""`serve --workers N`: each worker listens on a socket of its own, and connections spread."""

from __future__ import annotations

import io
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from multiprocessing.reduction import ForkingPickler
from pathlib import Path

import httpx
import pytest

from pilotboard.core.listeners import WorkerListener, worker_listener
from tests.backend.conftest import TEST_SECRET, throwaway_database
from tests.backend.live import _free_port

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/net/tcp")


def as_worker_gets_it(listener: WorkerListener) -> socket.socket:
    """The socket a worker unpickles: what uvicorn's spawn start sends it, read back."""
    buffer = io.BytesIO()
    ForkingPickler(buffer).dump(listener)
    sock: socket.socket = ForkingPickler.loads(buffer.getvalue())
    return sock


def test_a_worker_gets_a_socket_of_its_own_on_the_same_address() -> None:
    with worker_listener("127.0.0.1", 0) as listener, as_worker_gets_it(listener) as sock:
        assert type(sock) is socket.socket
        assert sock.fileno() != listener.fileno()
        assert sock.getsockname() == listener.getsockname()
        assert sock.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT) == 1


def test_a_port_in_use_fails_in_the_supervisor() -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        with pytest.raises(OSError, match="in use"):
            worker_listener("127.0.0.1", taken.getsockname()[1])


def test_connections_opened_at_once_spread_over_the_workers() -> None:
    """64 connections opened together, two workers' sockets: both get some, the supervisor's
    socket (bound, not listening) none. With one shared socket, the first worker to call
    `accept` could take them all."""
    with ExitStack() as stack:
        listener = stack.enter_context(worker_listener("127.0.0.1", 0))
        workers = [stack.enter_context(as_worker_gets_it(listener)) for _ in range(2)]
        for sock in workers:
            sock.listen(128)
            sock.setblocking(False)
        clients = [
            stack.enter_context(socket.create_connection(listener.getsockname())) for _ in range(64)
        ]
        accepted = [0, 0]
        deadline = time.monotonic() + 10
        while sum(accepted) < len(clients) and time.monotonic() < deadline:
            for index, sock in enumerate(workers):
                try:
                    stack.enter_context(sock.accept()[0])
                    accepted[index] += 1
                except BlockingIOError:
                    time.sleep(0.001)

    assert sum(accepted) == 64
    assert min(accepted) > 0, accepted


def listening_sockets(port: int) -> int:
    """How many sockets listen on ``port`` (IPv4), from /proc/net/tcp."""
    count = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, state = fields[1], fields[3]
        if state == "0A" and int(local.split(":")[1], 16) == port:  # 0A: LISTEN
            count += 1
    return count


@contextmanager
def serving(url: str, var_dir: Path, port: int, workers: int) -> Iterator[None]:
    env = {
        **os.environ,
        "PILOTBOARD_ENV": "production",
        "PILOTBOARD_SECRET_KEY": TEST_SECRET,
        "PILOTBOARD_VAR_DIR": str(var_dir),
        "PILOTBOARD_DATABASE_URL": url,
        "PILOTBOARD_LOG_LEVEL": "warning",
        "PILOTBOARD_WEBHOOKS_WORKER": "false",
        "PILOTBOARD_BACKGROUND_JOBS": "false",
        "PILOTBOARD_MAIL_WORKER": "false",
    }
    command = [str(Path(sys.executable).parent / "pilotboard")]
    subprocess.run([*command, "migrate"], env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [*command, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        yield
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@linux_only
def test_serve_with_two_workers_listens_twice_on_its_port(tmp_path: Path) -> None:
    port = _free_port()
    with throwaway_database(tmp_path, "listeners") as url, serving(url, tmp_path, port, 2):
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and listening_sockets(port) < 2:
            time.sleep(0.2)
        assert listening_sockets(port) == 2
        answered = httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=30)
        assert answered.status_code == 200
