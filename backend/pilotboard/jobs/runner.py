"""The job runner: runs the app's daily jobs once per date, and its frequent jobs at every
round (each ``poll_seconds``), each job in its own transaction.

The jobs are listed in ``pilotboard/wiring.py``; each is a function of a session and the
current time that returns how many things it did. The runner is a thread started by the app's
lifespan (``pilotboard serve``); tests drive it with :meth:`JobRunner.run_due` or run one job
with :meth:`JobRunner.run`. Every job is idempotent and safe to run in several processes at
once (each process runs the day's jobs once), so nothing needs electing a leader.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlmodel import Session

from pilotboard.core.clock import Clock
from pilotboard.core.db import WRITE_INTENT, SessionFactory

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[Session, datetime], int]


class JobRunner:
    def __init__(
        self,
        *,
        session_factory: SessionFactory,
        clock: Clock,
        jobs: Sequence[Job],
        frequent: Sequence[Job] = (),
        poll_seconds: float = 60.0,
    ) -> None:
        self.session_factory = session_factory
        self.clock = clock
        self.jobs = {job.name: job for job in (*jobs, *frequent)}
        self.daily = tuple(job.name for job in jobs)
        self.frequent = tuple(job.name for job in frequent)
        self.poll_seconds = poll_seconds
        self._ran_on: date | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def run(self, name: str) -> int:
        """Run one job now, in a transaction of its own; returns what it returned."""
        job = self.jobs[name]
        session = self.session_factory()
        try:
            session.connection(execution_options={WRITE_INTENT: True})
            done = job.run(session, self.clock.now())
            session.commit()
            return done
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def run_due(self) -> dict[str, int]:
        """Run every job once when the date changed since the last round (a failed job is
        logged and retried at the next round)."""
        today = self.clock.today()
        if self._ran_on == today:
            return {}
        done: dict[str, int] = {}
        failed = False
        for name in self.daily:
            try:
                done[name] = self.run(name)
            except Exception:
                logger.exception("The daily job %s failed; it runs again shortly.", name)
                failed = True
        if not failed:
            self._ran_on = today
        return done

    def run_frequent(self) -> dict[str, int]:
        """Run every frequent job once (a failed one is logged and runs again next round)."""
        done: dict[str, int] = {}
        for name in self.frequent:
            try:
                done[name] = self.run(name)
            except Exception:
                logger.exception("The job %s failed; it runs again shortly.", name)
        return done

    # --- the background thread ---------------------------------------------------------------

    def start(self) -> None:
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="job-runner", daemon=True)
        self._thread.start()

    def stop(self, timeout: float | None = None) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.run_due()
            self.run_frequent()
            self._stop.wait(self.poll_seconds)
