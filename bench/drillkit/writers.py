"""Phases (a) and (e): writers under webhook load, then writers while the server is killed.

Every write is a ``POST`` with its own ``Idempotency-Key`` and a body carrying a unique marker
(the pilot's title, the iteration's ``changes``), so each record can be found and counted
afterwards. A write that got a 2xx is *acknowledged*; a write whose answer never came (or came as
5xx, or as 409 with ``Retry-After``) is sent again with the same key and the same body, which must
then replay the first answer or create the record once.

``verify`` runs after the phases: every acknowledged write must exist with its activity entry
and one webhook delivery per endpoint, and no marker may appear twice.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx

from drillkit.context import Context, iteration_body, list_all, pilot_body, tag
from drillkit.server import Server
from drillkit.stats import PhaseResult, Recorder

RETRY_PAUSE = 0.25


@dataclass
class WriteOp:
    kind: str  # "pilot" or "iteration"
    key: str
    url: str
    body: dict[str, Any]
    marker: str  # the title of a pilot, the `changes` of an iteration
    pilot_id: str | None = None  # an iteration's pilot
    attempts: int = 0
    unanswered: int = 0  # attempts that got no answer: they may or may not have been applied
    server_errors: int = 0
    outcome: str = "pending"  # acknowledged, rejected, gave up
    id: str | None = None
    replayed: bool = False
    detail: str = ""


@dataclass
class Ledger:
    """What one phase wrote and what it was told."""

    name: str
    ops: list[WriteOp] = field(default_factory=list)
    # pilot id → the hypothesis of its last acknowledged PATCH (None: the outcome is unknown)
    patched: dict[str, str | None] = field(default_factory=dict)
    patches_sent: int = 0
    patches_refused: Counter[int] = field(default_factory=Counter)

    def acknowledged(self) -> list[WriteOp]:
        return [op for op in self.ops if op.outcome == "acknowledged"]


async def perform(
    op: WriteOp,
    client: httpx.AsyncClient,
    recorder: Recorder,
    *,
    max_attempts: int,
    deadline: float,
) -> None:
    """Send ``op`` until it is answered 2xx or 4xx, or attempts or time run out."""
    while op.attempts < max_attempts and time.monotonic() < deadline:
        op.attempts += 1
        response = await recorder.send(
            client,
            "POST",
            op.url,
            label=f"POST {op.kind}",
            json=op.body,
            headers={"Idempotency-Key": op.key},
        )
        if response is None:
            op.unanswered += 1
            await asyncio.sleep(RETRY_PAUSE)
            continue
        if response.is_success:
            op.outcome = "acknowledged"
            op.id = str(response.json()["id"])
            op.replayed = response.headers.get("Idempotent-Replayed") == "true"
            return
        if response.status_code == 409 and "retry-after" in response.headers:
            try:
                wait = float(response.headers["retry-after"])
            except ValueError:
                wait = 1.0
            await asyncio.sleep(min(max(wait, 0.1), 2.0))
            continue
        if response.status_code >= 500:
            op.server_errors += 1
            await asyncio.sleep(RETRY_PAUSE)
            continue
        op.outcome = "rejected"
        op.detail = f"{response.status_code} {response.text[:200]}"
        return
    op.outcome = "gave up"


def new_pilot_op(ctx: Context, phase: str, writer: int) -> WriteOp:
    marker = f"drill {phase} w{writer} {tag()}"
    return WriteOp(
        kind="pilot",
        key=f"drill-{tag()}",
        url=ctx.ws("/pilots"),
        body=pilot_body(marker, ctx.rng),
        marker=marker,
    )


def new_iteration_op(ctx: Context, pilot_id: str) -> WriteOp:
    body = iteration_body(tag(), ctx.today)
    return WriteOp(
        kind="iteration",
        key=f"drill-{tag()}",
        url=ctx.ws(f"/pilots/{pilot_id}/iterations"),
        body=body,
        marker=str(body["changes"]),
        pilot_id=pilot_id,
    )


async def _patch(
    ctx: Context, client: httpx.AsyncClient, recorder: Recorder, ledger: Ledger, pilot_id: str
) -> None:
    """Read the pilot, then change its hypothesis with ``If-Match``."""
    url = ctx.ws(f"/pilots/{pilot_id}")
    read = await recorder.send(client, "GET", url, label="GET pilot (for If-Match)")
    if read is None or read.status_code != 200 or "etag" not in read.headers:
        return
    hypothesis = f"patched by the drill {tag()}"
    ledger.patches_sent += 1
    response = await recorder.send(
        client,
        "PATCH",
        url,
        label="PATCH pilot",
        json={"hypothesis": hypothesis},
        headers={"If-Match": read.headers["etag"]},
    )
    if response is not None and response.status_code == 200:
        ledger.patched[pilot_id] = hypothesis
    elif response is None or response.status_code >= 500:
        ledger.patched[pilot_id] = None  # applied or not: nobody can tell
    else:
        ledger.patches_refused[response.status_code] += 1


class Stop:
    """When writers stop starting new writes, and when they give up retrying old ones."""

    def __init__(self, hard_deadline: float) -> None:
        self.stopping = False
        self.hard_deadline = hard_deadline


async def _write_loop(
    ctx: Context,
    client: httpx.AsyncClient,
    recorder: Recorder,
    ledger: Ledger,
    stop: Stop,
    *,
    writer: int,
    max_attempts: int,
    patch_every: int,
    in_flight: set[int],
) -> None:
    last_pilot: str | None = None
    count = 0
    while not stop.stopping:
        count += 1
        if last_pilot is None or count % 2 == 1:
            op = new_pilot_op(ctx, ledger.name, writer)
        else:
            op = new_iteration_op(ctx, last_pilot)
        ledger.ops.append(op)
        in_flight.add(writer)
        try:
            await perform(
                op, client, recorder, max_attempts=max_attempts, deadline=stop.hard_deadline
            )
        finally:
            in_flight.discard(writer)
        if op.kind == "pilot" and op.outcome == "acknowledged":
            last_pilot = op.id
        if patch_every and count % patch_every == 0 and last_pilot and not stop.stopping:
            await _patch(ctx, client, recorder, ledger, last_pilot)


async def writers(ctx: Context, ledger: Ledger, *, users: int, duration: float) -> PhaseResult:
    """Phase (a): ``users`` writers for ``duration`` seconds, creating pilots and iterations
    alternately, with a PATCH (If-Match) every fifth write. Webhooks are already listening."""
    recorder = Recorder("a writers")
    stop = Stop(hard_deadline=time.monotonic() + duration + 60)
    clients = [ctx.client() for _ in range(users)]
    try:
        recorder.restart_clock()
        tasks = [
            asyncio.create_task(
                _write_loop(
                    ctx,
                    client,
                    recorder,
                    ledger,
                    stop,
                    writer=index,
                    max_attempts=3,
                    patch_every=5,
                    in_flight=set(),
                )
            )
            for index, client in enumerate(clients)
        ]
        await asyncio.sleep(duration)
        stop.stopping = True
        await asyncio.gather(*tasks)
    finally:
        await asyncio.gather(*(client.aclose() for client in clients))
    result = PhaseResult(recorder.name, recorder, stall=recorder.longest_stall())
    result.notes.append(_ledger_summary(ledger))
    if ledger.patches_sent:
        refused = ", ".join(f"{n} x {s}" for s, n in sorted(ledger.patches_refused.items()))
        result.notes.append(
            f"{ledger.patches_sent} PATCHes with If-Match"
            + (f"; refused: {refused}" if refused else "")
        )
    return result


def _ledger_summary(ledger: Ledger) -> str:
    outcomes = Counter(op.outcome for op in ledger.ops)
    kinds = Counter(op.kind for op in ledger.acknowledged())
    text = (
        f"{len(ledger.ops)} writes: {outcomes['acknowledged']} acknowledged "
        f"({kinds['pilot']} pilots, {kinds['iteration']} iterations), "
        f"{outcomes['rejected']} rejected, {outcomes['gave up']} given up"
    )
    rejected = [op.detail for op in ledger.ops if op.outcome == "rejected"]
    if rejected:
        text += f" (first refusal: {rejected[0][:160]})"
    return text


async def crash(
    ctx: Context,
    server: Server,
    ledger: Ledger,
    *,
    users: int,
    kills: int,
    window: tuple[float, float],
    tail: float,
) -> PhaseResult:
    """Phase (e): ``users`` writers while the server's process group is killed with SIGKILL
    ``kills`` times, each after a random pause within ``window`` seconds, and restarted."""
    recorder = Recorder("e crash")
    restart_budget = 90.0
    planned = kills * (window[1] + restart_budget) + tail
    stop = Stop(hard_deadline=time.monotonic() + planned + 60)
    clients = [ctx.client() for _ in range(users)]
    in_flight: set[int] = set()
    result = PhaseResult(recorder.name, recorder, no_answer_allowed=True)
    try:
        recorder.restart_clock()
        tasks = [
            asyncio.create_task(
                _write_loop(
                    ctx,
                    client,
                    recorder,
                    ledger,
                    stop,
                    writer=index,
                    max_attempts=10_000,  # bounded by the deadline; retried until answered
                    patch_every=0,
                    in_flight=in_flight,
                )
            )
            for index, client in enumerate(clients)
        ]
        events: list[str] = []
        try:
            for number in range(1, kills + 1):
                await asyncio.sleep(ctx.rng.uniform(*window))
                busy = len(in_flight)
                moment = time.monotonic() - recorder.started
                await asyncio.to_thread(server.kill)
                server.start()
                took = await server.wait_ready(timeout=restart_budget)
                events.append(
                    f"kill {number} at {moment:.1f} s ({busy} of {users} writers mid-request), "
                    f"up again after {took:.1f} s"
                )
            await asyncio.sleep(tail)
        finally:
            stop.stopping = True
            await asyncio.gather(*tasks)
        result.notes.extend(events)
    finally:
        await asyncio.gather(*(client.aclose() for client in clients))
    result.notes.append(_ledger_summary(ledger))
    retried = [op for op in ledger.ops if op.unanswered and op.outcome == "acknowledged"]
    replayed = sum(op.replayed for op in retried)
    result.notes.append(
        f"{len(retried)} acknowledged writes had lost an answer first and were sent again with "
        f"the same key: {replayed} replayed, {len(retried) - replayed} created on the retry"
    )
    return result


# --- verification ----------------------------------------------------------------------------


@dataclass
class Findings:
    lost: set[str] = field(default_factory=set)  # keys of acknowledged writes with a part missing
    duplicates: int = 0
    details: Counter[str] = field(default_factory=Counter)


async def verify(
    ctx: Context, ledgers: list[Ledger], recorder: Recorder
) -> tuple[dict[str, Findings], Counter[str]]:
    """Check every ledger against what the API now shows: the findings per ledger name, and
    the states of the webhook deliveries."""
    findings = {ledger.name: Findings() for ledger in ledgers}
    async with ctx.client(connections=4) as client:
        pilots = await list_all(client, recorder, ctx.ws("/pilots"), label="verify: pilots")
        by_id = {str(p["id"]): p for p in pilots}
        titles = Counter(str(p["title"]) for p in pilots)

        iterations: dict[str, list[dict[str, Any]]] = {}
        pilot_ids = sorted({op.pilot_id for ledger in ledgers for op in ledger.ops if op.pilot_id})
        gate = asyncio.Semaphore(4)

        async def load_iterations(pilot_id: str) -> None:
            async with gate:
                iterations[pilot_id] = await list_all(
                    client,
                    recorder,
                    ctx.ws(f"/pilots/{pilot_id}/iterations"),
                    label="verify: iterations",
                )

        await asyncio.gather(*(load_iterations(pilot_id) for pilot_id in pilot_ids))

        activity: dict[str, Counter[str]] = {}
        for kind in ("pilot", "iteration"):
            entries = await list_all(
                client,
                recorder,
                ctx.ws("/activity"),
                label="verify: activity",
                params={"object_type": kind},
            )
            activity[kind] = Counter(
                str(e["object_id"]) for e in entries if e["action"] == f"{kind}.created"
            )

        deliveries: list[Counter[tuple[str, str]]] = []
        states: Counter[str] = Counter()
        for endpoint_id in ctx.webhook_ids:
            items = await list_all(
                client,
                recorder,
                ctx.ws(f"/webhooks/{endpoint_id}/deliveries"),
                label="verify: webhook deliveries",
            )
            states.update(str(d["status"]) for d in items)
            deliveries.append(
                Counter(
                    (str(d["payload"]["type"]), str(d["payload"]["data"].get("id"))) for d in items
                )
            )

        for ledger in ledgers:
            found = findings[ledger.name]
            for op in ledger.ops:
                await _check_op(
                    ctx, client, recorder, op, found, by_id, titles, iterations, activity,
                    deliveries,
                )  # fmt: skip
            for pilot_id, hypothesis in ledger.patched.items():
                if hypothesis is not None and by_id.get(pilot_id, {}).get("hypothesis") != (
                    hypothesis
                ):
                    found.lost.add(f"patch {pilot_id}")
                    found.details["acknowledged PATCH not applied"] += 1
    return findings, states


async def _check_op(
    ctx: Context,
    client: httpx.AsyncClient,
    recorder: Recorder,
    op: WriteOp,
    found: Findings,
    by_id: dict[str, dict[str, Any]],
    titles: Counter[str],
    iterations: dict[str, list[dict[str, Any]]],
    activity: dict[str, Counter[str]],
    deliveries: list[Counter[tuple[str, str]]],
) -> None:
    # Duplicates: whatever the answers said, a marker must not be stored twice.
    if op.kind == "pilot":
        stored = titles[op.marker]
    else:
        assert op.pilot_id is not None
        stored = sum(1 for i in iterations.get(op.pilot_id, []) if i["changes"] == op.marker)
    if stored > 1:
        found.duplicates += stored - 1
        found.details[f"{op.kind} stored {stored} times"] += 1
    if op.outcome != "acknowledged" or op.id is None:
        return

    def missing(what: str) -> None:
        found.lost.add(op.key)
        found.details[what] += 1

    if op.kind == "pilot":
        record = by_id.get(op.id)
        if record is None:
            # Not in the list: ask for it directly before calling it lost.
            direct = await recorder.send(
                client, "GET", ctx.ws(f"/pilots/{op.id}"), label="verify: pilot"
            )
            if direct is None or direct.status_code != 200:
                missing("acknowledged pilot missing")
        elif record["title"] != op.marker:
            missing("acknowledged pilot has another title")
    else:
        assert op.pilot_id is not None
        if not any(str(i["id"]) == op.id for i in iterations.get(op.pilot_id, [])):
            missing("acknowledged iteration missing")
    entries = activity[op.kind][op.id]
    if entries == 0:
        missing(f"{op.kind}.created activity missing")
    elif entries > 1:
        found.duplicates += entries - 1
        found.details[f"{op.kind}.created activity recorded {entries} times"] += 1
    event = f"{op.kind}.created"
    for counts in deliveries:
        sent = counts[(event, op.id)]
        if sent == 0:
            missing(f"{event} webhook delivery missing")
        elif sent > 1:
            found.duplicates += sent - 1
            found.details[f"{event} queued {sent} times for one endpoint"] += 1


def apply_findings(result: PhaseResult, found: Findings) -> None:
    result.lost = len(found.lost)
    result.duplicates = found.duplicates
    if found.details:
        result.notes.append(
            "verification: " + "; ".join(f"{n} x {what}" for what, n in found.details.items())
        )
    else:
        result.notes.append(
            "verification: every acknowledged write found, with its activity entry and one "
            "delivery per webhook; nothing stored twice"
        )
