"""Every request the drill sends, with its status and latency, and what a phase found."""

from __future__ import annotations

import asyncio
import math
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx

REQUEST_TIMEOUT = 30.0


@dataclass(slots=True)
class Sample:
    done: float  # seconds since the recorder started, when the answer (or the error) came
    latency: float  # seconds
    status: int | None  # None: no answer (connection refused or reset, timeout)
    label: str
    error: str | None = None


class Recorder:
    """The requests of one phase; ``send`` times one request and never raises on HTTP errors."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.started = time.monotonic()
        self.samples: list[Sample] = []

    def restart_clock(self) -> None:
        self.started = time.monotonic()

    async def send(
        self, client: httpx.AsyncClient, method: str, url: str, *, label: str, **kwargs: Any
    ) -> httpx.Response | None:
        """The response, or None when none came (the error is recorded)."""
        t0 = time.monotonic()
        try:
            response = await client.request(method, url, **kwargs)
        except httpx.TransportError as exc:
            now = time.monotonic()
            self.samples.append(
                Sample(now - self.started, now - t0, None, label, f"{type(exc).__name__}")
            )
            return None
        now = time.monotonic()
        self.samples.append(Sample(now - self.started, now - t0, response.status_code, label))
        return response

    # --- figures ----------------------------------------------------------------------------

    def status_classes(self) -> Counter[str]:
        counts: Counter[str] = Counter()
        for sample in self.samples:
            counts["none" if sample.status is None else f"{sample.status // 100}xx"] += 1
        return counts

    def statuses(self) -> Counter[str]:
        return Counter(
            str(s.status) if s.status is not None else (s.error or "no answer")
            for s in self.samples
        )

    def server_errors(self) -> list[Sample]:
        return [s for s in self.samples if s.status is not None and s.status >= 500]

    def latency_ms(self, quantile: float) -> float | None:
        answered = sorted(s.latency for s in self.samples if s.status is not None)
        if not answered:
            return None
        index = min(len(answered) - 1, max(0, round(quantile * len(answered)) - 1))
        return answered[index] * 1000

    def answered_per_second(self, duration: float) -> list[int]:
        buckets = [0] * max(1, int(duration))
        for sample in self.samples:
            if sample.status is not None and 0 <= sample.done < len(buckets):
                buckets[int(sample.done)] += 1
        return buckets

    def longest_stall(self) -> int:
        """The longest run of whole seconds, after the first, in which requests were waiting
        and none was answered. Seconds after the phase's planned end count too, while requests
        sent before it are still waiting."""
        if not self.samples:
            return 0
        horizon = int(max(sample.done for sample in self.samples))
        answered = [0] * (horizon + 1)
        waiting = [False] * (horizon + 1)
        for sample in self.samples:
            if sample.status is not None:
                answered[int(sample.done)] += 1
            # the whole seconds [k, k + 1) this request spent waiting
            first = max(1, math.ceil(sample.done - sample.latency))
            for second in range(first, min(int(sample.done), horizon + 1)):
                waiting[second] = True
        longest = run = 0
        for second in range(1, horizon + 1):
            run = run + 1 if waiting[second] and not answered[second] else 0
            longest = max(longest, run)
        return longest


@dataclass
class PhaseResult:
    """One row of the table, and what the phase found beyond the counts."""

    name: str
    recorder: Recorder
    stall: int | None = None  # seconds; None when the phase does not measure stalls
    lost: int | None = None  # acknowledged writes (or parts of them) missing afterwards
    duplicates: int | None = None  # records created more than once
    no_answer_allowed: bool = False  # the crash phase kills the server on purpose
    failures: list[str] = field(default_factory=list)  # further reasons the bar is not met
    notes: list[str] = field(default_factory=list)
    errored: str | None = None  # the phase itself could not run to its end

    def bar_failures(self) -> list[str]:
        reasons: list[str] = []
        classes = self.recorder.status_classes()
        if classes["5xx"]:
            reasons.append(f"{classes['5xx']} answers were 5xx")
        if classes["none"] and not self.no_answer_allowed:
            reasons.append(f"{classes['none']} requests got no answer (timeout or reset)")
        if self.stall:
            reasons.append(f"a stall of {self.stall} s with nothing answered")
        if self.lost:
            reasons.append(f"{self.lost} acknowledged writes (or parts of them) are missing")
        if self.duplicates:
            reasons.append(f"{self.duplicates} records were created more than once")
        if self.errored:
            reasons.append(f"the phase did not finish: {self.errored}")
        return reasons + self.failures


class LoopLag:
    """How late the drill's own event loop runs: a stall on the client side is not the server's."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.worst = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _tick(self) -> None:
        while True:
            expected = time.monotonic() + self.interval
            await asyncio.sleep(self.interval)
            self.worst = max(self.worst, time.monotonic() - expected)

    def __enter__(self) -> LoopLag:
        self._task = asyncio.get_running_loop().create_task(self._tick())
        return self

    def __exit__(self, *_: object) -> None:
        if self._task is not None:
            self._task.cancel()
