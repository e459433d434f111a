"""The background thread the outbox workers share (webhook deliveries, mail): it runs rounds
until stopped, back to back while a round fills its batch, else after a pause.

A worker subclasses :class:`PollingWorker`, sets ``thread_name``, ``batch_size`` and
``poll_seconds``, and implements :meth:`run_once` (one round; returns how many items it took).
Tests call ``run_once()`` directly; the app's lifespan calls ``start()`` and ``stop()``.
"""

from __future__ import annotations

import logging
import threading


class PollingWorker:
    thread_name = "worker"
    batch_size = 1
    poll_seconds = 1.0
    logger = logging.getLogger("pilotboard")

    def __init__(self) -> None:
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run_once(self) -> int:
        raise NotImplementedError

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name=self.thread_name, daemon=True)
        self._thread.start()

    def stop(self, timeout: float | None = None) -> None:
        """Ask the thread to stop and wait for the round in flight (at most ``timeout``)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                busy = self.run_once() >= self.batch_size
            except Exception:
                self.logger.exception(
                    "The %s thread failed a round; it tries again shortly.", self.thread_name
                )
                busy = False
            if not busy:
                self._stop.wait(self.poll_seconds)
