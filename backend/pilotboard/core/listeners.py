"""One listening socket per worker process, so that the kernel spreads connections over them.

uvicorn's ``--workers N`` binds one socket in its supervisor and hands that socket to every
worker: they all accept from one queue, and the worker that wakes first takes every connection
waiting. A client that opens its connections at once (a reverse proxy's pool of keep-alive
upstream connections, a load test's 32) can land all or most of them on one worker, which then
serves them alone for as long as they live while the others idle: two workers on PostgreSQL gave
0.9 to 2.2 times the throughput of one, by how the connections happened to fall
(bench/RESULTS.md, "The event loop, one socket per worker").

With ``SO_REUSEPORT``, each worker binds a socket of its own to the same address, and the kernel
gives each new connection to one of the listening sockets by a hash of the connection's
addresses: every worker gets its share. Linux allows this only among sockets of one user. A
worker that exits drops the connections still waiting in its own queue, and the supervisor starts
a replacement. macOS and the BSDs accept ``SO_REUSEPORT`` but do not spread connections.
"""

from __future__ import annotations

import socket
from typing import Any


def bind_shared(family: int, address: Any, *, kind: type[socket.socket] = socket.socket) -> Any:
    """A TCP socket bound to ``address`` with ``SO_REUSEPORT``, not listening yet."""
    sock = kind(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        sock.bind(address)
    except BaseException:
        sock.close()
        raise
    return sock


class WorkerListener(socket.socket):
    """The supervisor's socket. Bound, so that the address is held and a port in use fails
    before any worker starts; never listening, so that the kernel sends it no connection.

    uvicorn starts each worker with multiprocessing's ``spawn`` and pickles the sockets it is
    given into it. Pickled, this one becomes a new socket of the worker's own, bound to the same
    address; the worker listens on it.
    """

    def __reduce__(self) -> tuple[Any, tuple[int, Any]]:
        return (bind_shared, (self.family, self.getsockname()))


def worker_listener(host: str, port: int) -> WorkerListener:
    """The socket to hand to uvicorn's ``Multiprocess`` for ``host``:``port``."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener: WorkerListener = bind_shared(family, (host, port), kind=WorkerListener)
    return listener
