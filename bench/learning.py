"""Time what the portfolio teaches over HTTP, on a seeded database (#17).

    .venv/bin/python bench/learning.py --database-url sqlite:////tmp/bench.db

Starts ``pilotboard serve`` (one process, as ``api.py`` does), signs in as ``bench@bench.local``
(see seed.py) and times, interleaved (one request of each kind per round, so a burst of load
from elsewhere on the machine lands on every kind alike):

- ``GET /portfolio/learning`` (today: every closed pilot of the workspace),
- ``GET /portfolio/learning?as_of=<a year ago>`` (the stage of each pilot read off its history),
- ``GET /portfolio/learning?risk_level=low`` (a filter),
- ``GET /portfolio/learning?health=at_risk`` (the health filter, evaluated as the portfolio does),
- ``GET /pilots/{id}/practices`` (one pilot beside the workspace's evidence).

Prints p50/p95/max per kind, the number of closed pilots and the server's peak RSS. The budget
(#17) is a p95 under 300 ms at 10,000 pilots on both engines.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

from api import (
    EMAIL,
    PASSWORD,
    READY_TIMEOUT,
    free_port,
    peak_rss_mb,
    start_server,
    stop_server,
    wait_ready,
)
from portfolio import cpu_seconds, database_backends  # bench/portfolio.py

BUDGET_MS = 300.0


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--rounds", type=int, default=40, help="Timed rounds (one of each).")
    parser.add_argument("--warmup", type=int, default=3, help="Untimed rounds first.")
    parser.add_argument("--workspace-name", default="Bench")
    parser.add_argument("--json", type=Path, help="Also write the results to this file.")
    return parser.parse_args(argv)


def percentiles(timings: list[float]) -> dict[str, float]:
    ordered = sorted(timings)
    return {
        "p50_ms": statistics.median(ordered),
        "p95_ms": ordered[max(0, int(len(ordered) * 0.95) - 1)],
        "max_ms": ordered[-1],
    }


def run(args: argparse.Namespace) -> dict[str, Any]:
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="pilotboard-bench-") as var_dir:
        server = start_server(args.database_url, port, var_dir)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=120) as client:
                wait_ready(client, server, timeout=READY_TIMEOUT)
                client.post(
                    "/api/v1/auth/login", json={"email": EMAIL, "password": PASSWORD}
                ).raise_for_status()
                me = client.get("/api/v1/auth/me").json()
                named = [m for m in me["memberships"] if m["workspace_name"] == args.workspace_name]
                if not named:
                    raise SystemExit(f"{EMAIL} has no workspace “{args.workspace_name}”.")
                base = f"/api/v1/workspaces/{named[-1]['workspace_id']}"
                running = client.get(f"{base}/pilots", params={"stage": "running", "limit": 1})
                running.raise_for_status()
                pilot_id = running.json()["items"][0]["id"]
                year_ago = (date.today() - timedelta(days=365)).isoformat()
                kinds: dict[str, tuple[str, dict[str, str]]] = {
                    "GET /portfolio/learning": (f"{base}/portfolio/learning", {}),
                    f"… ?as_of={year_ago}": (f"{base}/portfolio/learning", {"as_of": year_ago}),
                    "… ?risk_level=low": (f"{base}/portfolio/learning", {"risk_level": "low"}),
                    "… ?health=at_risk": (f"{base}/portfolio/learning", {"health": "at_risk"}),
                    "GET /pilots/{id}/practices": (f"{base}/pilots/{pilot_id}/practices", {}),
                }
                timings: dict[str, list[float]] = {name: [] for name in kinds}
                cpu: dict[str, list[float]] = {name: [] for name in kinds}
                backends = database_backends(args.database_url)
                pids = [server.pid, *backends()]
                closed: dict[str, Any] = {}
                for round_ in range(args.warmup + args.rounds):
                    if round_ == args.warmup:  # the database connections the warm-up opened
                        pids = [server.pid, *backends()]
                    for name, (path, params) in kinds.items():
                        cpu_before = cpu_seconds(pids)
                        started = time.perf_counter()
                        response = client.get(path, params=params)
                        elapsed = (time.perf_counter() - started) * 1000
                        cpu_ms = (cpu_seconds(pids) - cpu_before) * 1000
                        response.raise_for_status()
                        if round_ >= args.warmup:
                            timings[name].append(elapsed)
                            cpu[name].append(cpu_ms)
                        body = response.json()
                        if "closed" in body:
                            closed[name] = body["closed"]
                peak, current = peak_rss_mb(server.pid)
                pilots = int(client.get(f"{base}/portfolio").json()["totals"]["pilots"])
        finally:
            stop_server(server)
    return {
        "database": args.database_url.split(":", 1)[0],
        "rounds": args.rounds,
        "pilots": pilots,
        "closed": closed,
        "kinds": {
            name: {**percentiles(values), "cpu_ms": statistics.median(cpu[name])}
            for name, values in timings.items()
        },
        "load_average": Path("/proc/loadavg").read_text().split()[:3],
        "peak_rss_mb": peak,
        "rss_mb": current,
    }


def print_report(report: dict[str, Any]) -> None:
    print(
        f"Database: {report['database']}   pilots: {report['pilots']:,}   "
        f"{report['rounds']} interleaved rounds   "
        f"load average at the end: {' '.join(report['load_average'])}"
    )
    header = (
        f"{'':<44} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'CPU ms':>8}  closed (scaled/stopped)"
    )
    print(header)
    print("-" * len(header))
    for name, row in report["kinds"].items():
        closed = report["closed"].get(name)
        shown = f"{closed['scaled']:,}/{closed['stopped']:,}" if closed else ""
        print(
            f"{name:<44} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} {row['max_ms']:>8.1f} "
            f"{row['cpu_ms']:>8.1f}  {shown}"
        )
    worst = max(row["p95_ms"] for row in report["kinds"].values())
    verdict = "within" if worst < BUDGET_MS else "OVER"
    print(f"Worst p95: {worst:.1f} ms ({verdict} the {BUDGET_MS:.0f} ms budget)")
    print(
        "CPU ms: median per request of the server process (and, on PostgreSQL, the database "
        "processes serving it): the cost without the neighbours' load."
    )
    print(f"Server peak RSS (VmHWM): {report['peak_rss_mb']:.0f} MB (now {report['rss_mb']:.0f})")


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    report = run(args)
    print_report(report)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
