"""The table at the end, and the tracebacks the server logged."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from drillkit.stats import PhaseResult

COLUMNS = (
    ("phase", 18),
    ("requests", 9),
    ("2xx", 7),
    ("3xx", 5),
    ("4xx", 6),
    ("5xx", 6),
    ("no-answer", 10),
    ("stall-s", 8),
    ("lost", 6),
    ("dup", 5),
    ("p50-ms", 8),
    ("p95-ms", 8),
)


def _cell(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.0f}" if value >= 10 else f"{value:.1f}"
    return str(value)


def _row(values: list[object]) -> str:
    cells = []
    for (name, width), value in zip(COLUMNS, values, strict=True):
        text = _cell(value)
        cells.append(text.ljust(width) if name == "phase" else text.rjust(width))
    return " ".join(cells)


def table(results: list[PhaseResult]) -> str:
    header = _row([name for name, _ in COLUMNS])
    lines = [header, "-" * len(header)]
    totals: Counter[str] = Counter()
    stalls: list[int] = []
    lost = duplicates = 0
    for result in results:
        classes = result.recorder.status_classes()
        requests = len(result.recorder.samples)
        totals.update(classes)
        totals["requests"] += requests
        if result.stall is not None:
            stalls.append(result.stall)
        lost += result.lost or 0
        duplicates += result.duplicates or 0
        lines.append(
            _row(
                [
                    result.name,
                    requests,
                    classes["2xx"],
                    classes["3xx"],
                    classes["4xx"],
                    classes["5xx"],
                    classes["none"],
                    result.stall,
                    result.lost,
                    result.duplicates,
                    result.recorder.latency_ms(0.50),
                    result.recorder.latency_ms(0.95),
                ]
            )
        )
    lines.append("-" * len(header))
    lines.append(
        _row(
            [
                "total",
                totals["requests"],
                totals["2xx"],
                totals["3xx"],
                totals["4xx"],
                totals["5xx"],
                totals["none"],
                max(stalls) if stalls else None,
                lost,
                duplicates,
                None,
                None,
            ]
        )
    )
    return "\n".join(lines)


# --- the server's log --------------------------------------------------------------------------

_PHASE_MARK = re.compile(r"^--- drill [\d:]+: phase (.+?) ---$")
_CHAINED = ("During handling of the above exception", "The above exception was the direct cause")
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_WHERE = re.compile(r"method=(\S+) path=(\S+)")


@dataclass
class Failure:
    """One kind of traceback: where it was raised, how it ended, and how often."""

    exception: str
    tail: list[str]
    count: int = 0
    phases: Counter[str] = field(default_factory=Counter)
    requests: Counter[str] = field(default_factory=Counter)


@dataclass
class _Traceback:
    phase: str
    request: str | None
    exception: str
    tail: list[str]


def _frames_tail(frames: list[str]) -> list[str]:
    """The last frame in Pilotboard's own code (where it went wrong for us), and the last one."""
    starts = [i for i, line in enumerate(frames) if line.lstrip().startswith("File ")]
    if not starts:
        return frames[-2:]
    last = frames[starts[-1] :][:2]
    own = [i for i in starts if "/pilotboard/" in frames[i]]
    if own and own[-1] != starts[-1]:
        return frames[own[-1] :][:2] + last
    return last


def _parse(lines: list[str]) -> list[_Traceback]:
    found: list[_Traceback] = []
    phase = "setup"
    index = 0
    while index < len(lines):
        line = lines[index]
        mark = _PHASE_MARK.match(line)
        if mark:
            phase = mark.group(1)
        if not line.startswith("Traceback (most recent call last):"):
            index += 1
            continue
        before = lines[max(0, index - 3) : index]
        chained = any(b.startswith(_CHAINED) for b in before)
        request = None
        for previous in reversed(before):
            where = _WHERE.search(previous)
            if where:
                request = f"{where.group(1)} {_UUID.sub('{id}', where.group(2))}"
                break
        index += 1
        frames: list[str] = []
        while index < len(lines) and lines[index].startswith(" "):
            frames.append(lines[index])
            index += 1
        exception = lines[index] if index < len(lines) else "(the log ends here)"
        message = [exception]
        if index + 1 < len(lines) and lines[index + 1].startswith(("DETAIL:", "HINT:")):
            message.append(lines[index + 1])
        entry = _Traceback(phase, request, exception, _frames_tail(frames) + message)
        if chained and found:
            # The exception raised while handling the previous one: report the outermost.
            entry.request = entry.request or found[-1].request
            found[-1] = entry
        else:
            found.append(entry)
        index += 1
    return found


def tracebacks(log: Path) -> list[Failure]:
    """Every traceback in the log, grouped by its final exception line, most frequent first."""
    try:
        lines = log.read_text(errors="replace").splitlines()
    except OSError:
        return []
    grouped: dict[str, Failure] = {}
    for entry in _parse(lines):
        # The same exception raised from another place in our code is another kind.
        key = _UUID.sub("…", entry.exception)[:300] + "\n" + (entry.tail[0] if entry.tail else "")
        failure = grouped.setdefault(key, Failure(exception=entry.exception, tail=entry.tail))
        failure.count += 1
        failure.phases[entry.phase] += 1
        if entry.request:
            failure.requests[entry.request] += 1
    return sorted(grouped.values(), key=lambda f: -f.count)


def describe_tracebacks(failures: list[Failure], *, limit: int = 8) -> str:
    if not failures:
        return "No traceback in the server's log."
    total = sum(f.count for f in failures)
    out = [f"{total} tracebacks in the server's log, {len(failures)} kinds:"]
    for failure in failures[:limit]:
        phases = ", ".join(f"{p}: {n}" for p, n in failure.phases.most_common())
        requests = ", ".join(f"{r} ({n})" for r, n in failure.requests.most_common(3))
        out.append(f"  {failure.count} x in {phases}" + (f"; {requests}" if requests else ""))
        out.extend(f"    | {line[:200]}" for line in failure.tail)
    if len(failures) > limit:
        out.append(f"  … and {len(failures) - limit} more kinds (see the log)")
    return "\n".join(out)
