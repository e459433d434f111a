"""Phase (d): wrong passwords in parallel. The login throttle must count every attempt.

After ``ACCOUNT_FREE_FAILURES`` consecutive failures an account is locked (429 with
``Retry-After``), so of N wrong passwords sent at once at most that many may be checked (401);
the rest must be refused unchecked. Each sub-case uses a fresh account and its own source address
on the loopback network (127.0.0.2, 127.0.0.3), so the per-address rule (50 failures in 15
minutes) stays out of the way and 127.0.0.1 is never throttled for the other phases.
"""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx

from drillkit.context import API, Context
from drillkit.stats import PhaseResult, Recorder
from pilotboard.accounts.service import ACCOUNT_FREE_FAILURES


async def _source_address(ctx: Context, wanted: str) -> str | None:
    """``wanted`` when the server can be reached from it, else None (the default address)."""
    async with ctx.client(local_address=wanted, authenticated=False) as client:
        try:
            await client.get(f"{API}/health")
        except httpx.TransportError:
            return None
    return wanted


async def _attempts(
    ctx: Context,
    recorder: Recorder,
    *,
    email: str,
    passwords: list[str],
    source: str | None,
    label: str,
) -> list[httpx.Response | None]:
    clients = [ctx.client(local_address=source, authenticated=False) for _ in range(len(passwords))]
    try:
        return await asyncio.gather(
            *(
                recorder.send(
                    client,
                    "POST",
                    f"{API}/auth/login",
                    label=label,
                    json={"email": email, "password": password},
                )
                for client, password in zip(clients, passwords, strict=True)
            )
        )
    finally:
        await asyncio.gather(*(client.aclose() for client in clients))


def _tally(answers: list[httpx.Response | None]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for answer in answers:
        if answer is None:
            counts["no answer"] += 1
        elif answer.status_code == 429 and "retry-after" not in answer.headers:
            counts["429 without Retry-After"] += 1
        else:
            counts[str(answer.status_code)] += 1
    return counts


def _odd_answers(counts: Counter[str], result: PhaseResult) -> None:
    """Answers that are neither a check (401) nor a refusal (429 with Retry-After); 5xx and
    missing answers are counted by the table."""
    odd = Counter(
        {
            what: n
            for what, n in counts.items()
            if what not in ("401", "429", "no answer") and not what.startswith("5")
        }
    )
    if odd:
        result.failures.append(f"unexpected answers: {_line(odd)}")


def _line(counts: Counter[str]) -> str:
    return ", ".join(f"{n} x {what}" for what, n in counts.most_common())


async def logins(
    ctx: Context,
    *,
    first: tuple[str, str],
    second: tuple[str, str],
    wrong: int = 40,
    mixed: int = 29,
) -> PhaseResult:
    """``first`` and ``second`` are (email, password) of two fresh accounts."""
    recorder = Recorder("d logins")
    result = PhaseResult(recorder.name, recorder)
    limit = ACCOUNT_FREE_FAILURES

    # 1. `wrong` wrong passwords at once.
    source = await _source_address(ctx, "127.0.0.2")
    if source is None:
        result.notes.append("127.0.0.2 is not reachable: the sub-cases share 127.0.0.1")
    email, password = first
    answers = await _attempts(
        ctx,
        recorder,
        email=email,
        passwords=[f"wrong-{n}-{password}" for n in range(wrong)],
        source=source,
        label=f"login wrong x{wrong}",
    )
    counts = _tally(answers)
    checked = counts["401"]
    result.notes.append(
        f"{wrong} wrong passwords at once: {_line(counts)} — {checked} checked, the limit is "
        f"{limit}"
    )
    if checked > limit:
        result.failures.append(
            f"{checked} of {wrong} parallel wrong passwords were checked (limit {limit})"
        )
    _odd_answers(counts, result)

    # 2. `mixed` wrong passwords and the right one, at once, on a fresh account.
    source = await _source_address(ctx, "127.0.0.3")
    email, password = second
    guesses = [f"wrong-{n}-{password}" for n in range(mixed)]
    right_at = len(guesses) // 2
    guesses.insert(right_at, password)
    answers = await _attempts(
        ctx,
        recorder,
        email=email,
        passwords=guesses,
        source=source,
        label=f"login wrong x{len(guesses) - 1} + right",
    )
    right = answers[right_at]
    others = answers[:right_at] + answers[right_at + 1 :]
    counts = _tally(others)
    _odd_answers(counts, result)
    checked = counts["401"]
    let_in = right is not None and right.status_code == 200
    right_text = "no answer" if right is None else str(right.status_code)
    result.notes.append(
        f"{len(others)} wrong + 1 right at once: wrong ones {_line(counts)}; the right one "
        f"{right_text} — {checked + (1 if let_in else 0)} checked"
    )
    # The right password may only get in as one of the first `limit` checks; a success resets
    # the count, so up to `limit` more wrong ones may then be checked. Anything beyond means
    # checks ran after the limit was reached.
    if let_in and checked > 2 * limit - 1:
        result.failures.append(
            f"the right password got in although {checked} wrong ones were checked around it "
            f"(the limit is {limit})"
        )
    if not let_in and checked > limit:
        result.failures.append(
            f"{checked} of {len(others)} parallel wrong passwords were checked (limit {limit})"
        )
    if right is not None and right.status_code not in (200, 429):
        result.failures.append(f"the right password was answered {right.status_code}")
    return result
