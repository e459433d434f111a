"""Time the executive portfolio of the real app beside its floor, on a seeded database.

    .venv/bin/python bench/portfolio.py --database-url sqlite:////tmp/bench.db

Starts ``pilotboard serve`` (one process, PILOTBOARD_ENV=development, as ``api.py`` does), signs
in as ``bench@bench.local`` (see seed.py) and times sequential ``GET /workspaces/{ws}/portfolio``
requests (and ``?format=csv`` with ``--csv``). Then the floor: the SQL statements the endpoint
runs, caught from ``pilotboard.portfolio.service`` as it sends them (SQL and parameters),
executed straight through the driver (sqlite3 or psycopg) with every row fetched, in the same
number of timed rounds. Prints p50/p95 of both, the ratio endpoint ÷ floor, and the server's
peak RSS (VmHWM from /proc).
"""

from __future__ import annotations

import argparse
import gzip
import inspect
import json
import os
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, event
from sqlmodel import Session

import pilotboard.models  # noqa: F401 (every table in the metadata)
from api import (  # bench/api.py: the same server handling
    EMAIL,
    READY_TIMEOUT,
    RSS_BUDGET_MB,
    free_port,
    peak_rss_mb,
    sign_in,
    start_server,
    stop_server,
    wait_ready,
)
from pilotboard.core.db import create_db_engine
from pilotboard.pilots.filters import PilotFilters
from pilotboard.portfolio import service


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--requests", type=int, default=30, help="Timed requests (and rounds).")
    parser.add_argument("--warmup", type=int, default=3, help="Untimed requests first.")
    parser.add_argument("--workspace-name", default="Bench")
    parser.add_argument("--workspace-id", help="Default: your newest workspace of that name.")
    parser.add_argument("--csv", action="store_true", help="Also time `?format=csv`.")
    parser.add_argument("--label", help="A name for this run in the output (e.g. the N).")
    parser.add_argument("--json", type=Path, help="Also write the results to this file.")
    return parser.parse_args(argv)


def percentiles(timings: list[float]) -> dict[str, float]:
    ordered = sorted(timings)
    return {
        "p50_ms": statistics.median(ordered),
        "p95_ms": ordered[max(0, int(len(ordered) * 0.95) - 1)],
        "max_ms": ordered[-1],
    }


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pids: Sequence[int]) -> float:
    """User + system CPU time so far of the processes ``pids`` (from /proc/<pid>/stat)."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except FileNotFoundError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLOCK_TICKS


def timed(
    call: Callable[[], Any], requests: int, warmup: int, cpu: Callable[[], float] | None = None
) -> tuple[list[float], Any, float]:
    """Wall-clock ms of each timed call, the last result, and the CPU ms per call that ``cpu``
    (a counter in seconds) measured over the timed calls (0 without one)."""
    result = None
    for _ in range(warmup):
        result = call()
    timings = []
    cpu_before = cpu() if cpu else 0.0
    for _ in range(requests):
        t0 = time.perf_counter()
        result = call()
        timings.append((time.perf_counter() - t0) * 1000)
    cpu_ms = (cpu() - cpu_before) * 1000 / requests if cpu else 0.0
    return timings, result, cpu_ms


def database_backends(database_url: str, *, exclude_self: bool = True) -> Callable[[], list[int]]:
    """PostgreSQL: the server processes serving connections to this database (their CPU time
    is part of a request's cost); SQLite runs inside the calling process (none)."""
    if not database_url.startswith("postgres"):
        return lambda: []
    engine = create_db_engine(database_url)

    def pids() -> list[int]:
        with engine.connect() as connection:
            return list(
                connection.exec_driver_sql(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid()"
                ).scalars()
            )

    return pids


def floor_statements(engine: Engine, workspace_id: uuid.UUID, as_of: date) -> list[tuple[str, Any]]:
    """The endpoint's own statements for an unfiltered portfolio, exactly as it sends them to
    the driver (SQL and parameters), caught while ``service.portfolio`` builds it in-process."""
    caught: list[tuple[str, Any]] = []

    def catch(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):  # not BEGIN and the like
            caught.append((statement, parameters))

    with Session(engine) as session:
        event.listen(engine, "before_cursor_execute", catch)
        # An older checkout's portfolio (bench/ab.py runs it) knows no `today`.
        day: dict[str, Any] = (
            {"today": as_of} if "today" in inspect.signature(service.portfolio).parameters else {}
        )
        try:
            service.portfolio(
                session,
                workspace_id=workspace_id,
                filters=PilotFilters(),
                as_of=as_of,
                memo=service.HealthMemo(),
                **day,
            )
        finally:
            event.remove(engine, "before_cursor_execute", catch)
    return caught


def run_floor(
    database_url: str, workspace_id: uuid.UUID, as_of: date, requests: int, warmup: int
) -> tuple[list[float], int, float]:
    """The floor: the endpoint's statements through the driver, every row fetched. Returns the
    wall-clock ms per round, the rows of one round and the CPU ms per round (this process plus,
    on PostgreSQL, its server process)."""
    engine = create_db_engine(database_url)
    try:
        sql = floor_statements(engine, workspace_id, as_of)
        with engine.connect() as connection:
            raw: Any = connection.connection.driver_connection

            def once() -> int:
                rows = 0
                cursor = raw.cursor()
                for statement, parameters in sql:
                    cursor.execute(statement, parameters)
                    rows += len(cursor.fetchall())
                cursor.close()
                return rows

            backend = []
            if connection.dialect.name == "postgresql":
                backend = [connection.exec_driver_sql("SELECT pg_backend_pid()").scalar_one()]

            def cpu() -> float:
                return time.process_time() + cpu_seconds(backend)

            timings, rows, cpu_ms = timed(once, requests, warmup, cpu)
    finally:
        engine.dispose()
    return timings, rows, cpu_ms


def run(args: argparse.Namespace) -> dict[str, Any]:
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="pilotboard-bench-") as var_dir:
        server = start_server(args.database_url, port, var_dir)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
                wait_ready(client, server, timeout=READY_TIMEOUT)
                sign_in(client)
                workspace_id = args.workspace_id
                if not workspace_id:
                    me = client.get("/api/v1/auth/me").json()
                    named = [
                        m for m in me["memberships"] if m["workspace_name"] == args.workspace_name
                    ]
                    if not named:
                        raise SystemExit(f"{EMAIL} has no workspace “{args.workspace_name}”.")
                    workspace_id = named[-1]["workspace_id"]
                path = f"/api/v1/workspaces/{workspace_id}/portfolio"

                def portfolio() -> httpx.Response:
                    response = client.get(path)
                    response.raise_for_status()
                    return response

                backends = database_backends(args.database_url)

                def server_cpu() -> float:
                    return cpu_seconds([server.pid, *backends()])

                # The first request of the fresh process: cold page caches and an empty health
                # memo (portfolio.service.HealthMemo), the worst case, reported on its own.
                started = time.perf_counter()
                portfolio()
                first_ms = (time.perf_counter() - started) * 1000
                endpoint, last, endpoint_cpu = timed(
                    portfolio, args.requests, args.warmup, server_cpu
                )
                body = last.json()
                results = {
                    "endpoint": {
                        **percentiles(endpoint),
                        "cpu_ms": endpoint_cpu,
                        "first_ms": first_ms,
                    },
                    "response_bytes": len(last.content),
                    "response_gzip6_bytes": len(gzip.compress(last.content, compresslevel=6)),
                }
                if args.csv:

                    def export() -> httpx.Response:
                        response = client.get(path, params={"format": "csv"})
                        response.raise_for_status()
                        return response

                    csv_timings, csv_last, csv_cpu = timed(
                        export, args.requests, args.warmup, server_cpu
                    )
                    results["csv"] = {
                        **percentiles(csv_timings),
                        "cpu_ms": csv_cpu,
                        "bytes": len(csv_last.content),
                    }
                peak, current = peak_rss_mb(server.pid)
        finally:
            stop_server(server)
    as_of = date.fromisoformat(body["as_of"])
    floor, floor_rows, floor_cpu = run_floor(
        args.database_url, uuid.UUID(workspace_id), as_of, args.requests, args.warmup
    )
    results["floor"] = {**percentiles(floor), "cpu_ms": floor_cpu, "rows": floor_rows}
    return {
        "label": args.label,
        "database": args.database_url.split(":", 1)[0],
        "workspace_id": workspace_id,
        "pilots": body["totals"]["pilots"],
        "points": len(body["points"]),
        "points_total": body.get("points_total", len(body["points"])),
        "attention": len(body["attention"]),
        "attention_total": body.get("attention_total", len(body["attention"])),
        "requests": args.requests,
        **results,
        "ratio_p50": results["endpoint"]["p50_ms"] / results["floor"]["p50_ms"],
        "ratio_p95": results["endpoint"]["p95_ms"] / results["floor"]["p95_ms"],
        "ratio_cpu": endpoint_cpu_ratio(results),
        "load_average": Path("/proc/loadavg").read_text().split()[:3],
        "peak_rss_mb": peak,
        "rss_mb": current,
    }


def endpoint_cpu_ratio(results: dict[str, Any]) -> float | None:
    floor = results["floor"]["cpu_ms"]
    return results["endpoint"]["cpu_ms"] / floor if floor else None


def print_report(report: dict[str, Any]) -> None:
    print(
        f"Database: {report['database']}   workspace: {report['workspace_id']}   "
        f"pilots: {report['pilots']:,} ({report['points']:,} points, "
        f"{report['attention']:,} in attention)   {report['requests']} timed requests"
    )
    header = f"{'':<34} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'CPU ms':>8}"
    print(header)
    print("-" * len(header))
    rows = [
        (
            f"GET /portfolio ({report['response_bytes'] / 1e3:,.0f} KB, "
            f"gzip-6 {report['response_gzip6_bytes'] / 1e3:,.0f} KB)",
            report["endpoint"],
        ),
        (f"floor: its SQL via the driver ({report['floor']['rows']:,} rows)", report["floor"]),
    ]
    if "csv" in report:
        rows.append(
            (f"GET /portfolio?format=csv ({report['csv']['bytes'] / 1e6:.1f} MB)", report["csv"])
        )
    for name, row in rows:
        print(
            f"{name:<34} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} {row['max_ms']:>8.1f} "
            f"{row['cpu_ms']:>8.1f}"
        )
    print(
        f"First request of the fresh server (cold caches, empty health memo): "
        f"{report['endpoint']['first_ms']:.1f} ms"
    )
    cpu_ratio = report["ratio_cpu"]
    print(
        f"endpoint ÷ floor: {report['ratio_p50']:.2f} (p50), {report['ratio_p95']:.2f} (p95)"
        + (f", {cpu_ratio:.2f} (CPU per request)" if cpu_ratio else "")
    )
    print(
        "CPU ms: per request, the server process (and, on PostgreSQL, the database's "
        f"processes); load average at the end: {' '.join(report['load_average'])}"
    )
    verdict = "within" if report["peak_rss_mb"] < RSS_BUDGET_MB else "OVER"
    print(
        f"Server peak RSS (VmHWM): {report['peak_rss_mb']:.0f} MB "
        f"({verdict} the {RSS_BUDGET_MB} MB budget; now {report['rss_mb']:.0f} MB)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    report = run(args)
    print_report(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
