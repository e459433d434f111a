"""Phase 0: many readers at once. Does the server keep answering, second after second?"""

from __future__ import annotations

import asyncio
import random
import time

import httpx

from drillkit.context import API, Context
from drillkit.stats import LoopLag, PhaseResult, Recorder


async def _read_loop(
    ctx: Context, client: httpx.AsyncClient, recorder: Recorder, end: float, seed: int
) -> None:
    rng = random.Random(seed)
    pilots = ctx.ws("/pilots")
    while time.monotonic() < end:
        roll = rng.random()
        if roll < 0.45 and ctx.reader_pilot_ids:
            pilot_id = rng.choice(ctx.reader_pilot_ids)
            await recorder.send(client, "GET", f"{pilots}/{pilot_id}", label="GET pilot")
        elif roll < 0.9:
            await recorder.send(client, "GET", pilots, label="GET pilots", params={"limit": "50"})
        else:
            await recorder.send(client, "GET", f"{API}/health", label="GET health")


async def readers(ctx: Context, *, users: int, duration: float) -> PhaseResult:
    """``users`` clients, one connection each, reading for ``duration`` seconds."""
    recorder = Recorder(f"0 readers x{users}")
    clients = [ctx.client() for _ in range(users)]
    try:
        recorder.restart_clock()
        end = recorder.started + duration
        with LoopLag() as lag:
            await asyncio.gather(
                *(
                    _read_loop(ctx, client, recorder, end, ctx.rng.randrange(1 << 30))
                    for client in clients
                )
            )
    finally:
        await asyncio.gather(*(client.aclose() for client in clients))
    result = PhaseResult(recorder.name, recorder, stall=recorder.longest_stall())
    buckets = recorder.answered_per_second(duration)
    result.notes.append(
        f"answered per second: min {min(buckets[1:] or buckets)}, max {max(buckets)}, "
        f"mean {sum(buckets) / len(buckets):.0f}; the drill's own event loop ran up to "
        f"{lag.worst:.2f} s late"
    )
    if result.stall and lag.worst >= 1:
        result.notes.append(
            "the drill's event loop itself was blocked for a second or more: part of the stall "
            "may be on the client side"
        )
    return result
