"""Time the pilot endpoints of the real app over HTTP, against a seeded database.

    .venv/bin/python bench/api.py --database-url sqlite:////tmp/bench.db

Starts ``pilotboard serve`` (one process, PILOTBOARD_ENV=development) on a free port, signs in as
``bench@bench.local`` (see bench/seed.py), then times sequential requests: the first page of
pilots, page 100 (its cursor found once by following ``next_cursor``), the stalled filter and
single pilots. Prints p50/p95 in milliseconds, requests per second, and the server's peak RSS
(VmHWM from /proc).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
PILOTBOARD = ROOT / ".venv" / "bin" / "pilotboard"
EMAIL = "bench@bench.local"
PASSWORD = "bench-password-123"  # the benchmark account (seed.py)
RSS_BUDGET_MB = 300


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--requests", type=int, default=200, help="Timed requests per endpoint.")
    parser.add_argument("--warmup", type=int, default=20, help="Untimed requests first.")
    parser.add_argument("--workspace-name", default="Bench")
    parser.add_argument("--workspace-id", help="Default: your newest workspace of that name.")
    parser.add_argument("--page", type=int, default=100, help="The deep page to time.")
    parser.add_argument("--json", type=Path, help="Also write the results to this file.")
    parser.add_argument(
        "--writes",
        action="store_true",
        help="Also time writes: PATCH a pilot and log an iteration (they change the database).",
    )
    return parser.parse_args(argv)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def peak_rss_mb(pid: int) -> tuple[float, float]:
    """(VmHWM, VmRSS) of ``pid`` in MB."""
    values: dict[str, float] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, rest = line.partition(":")
        if key in ("VmHWM", "VmRSS"):
            values[key] = int(rest.split()[0]) / 1024
    return values["VmHWM"], values["VmRSS"]


def start_server(database_url: str, port: int, var_dir: str) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PILOTBOARD_ENV": "development",
        "PILOTBOARD_DATABASE_URL": database_url,
        "PILOTBOARD_VAR_DIR": var_dir,
        "PILOTBOARD_LOG_LEVEL": "warning",  # no access log line per request
        # The daily jobs run once a day; at the start of a timed run they would re-evaluate
        # every pilot's health (seconds at 50,000) while the requests are timed.
        "PILOTBOARD_BACKGROUND_JOBS": "false",
    }
    return subprocess.Popen(
        [str(PILOTBOARD), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def sign_in(client: httpx.Client, attempts: int = 10) -> None:
    """Sign in as the bench user; a fresh server may still be busy with its start-up jobs
    (SQLite: `503` with `Retry-After` while they hold the write lock)."""
    for _ in range(attempts - 1):
        response = client.post("/api/v1/auth/login", json={"email": EMAIL, "password": PASSWORD})
        if response.status_code != 503:
            break
        time.sleep(float(response.headers.get("Retry-After", "2")))
    else:
        response = client.post("/api/v1/auth/login", json={"email": EMAIL, "password": PASSWORD})
    response.raise_for_status()


# Seconds a fresh server may take to answer /health: on this shared 2-core machine a start can
# take over a minute when the neighbours' test suites run.
READY_TIMEOUT = float(os.environ.get("PILOTBOARD_BENCH_READY_TIMEOUT", "240"))


def stop_server(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def wait_ready(client: httpx.Client, server: subprocess.Popen[bytes], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            error = server.stderr.read().decode() if server.stderr else ""
            raise SystemExit(f"The server exited ({server.returncode}):\n{error}")
        try:
            if client.get("/api/v1/health").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise SystemExit("The server did not become ready in time.")


def measure(
    name: str, call: Callable[[int], httpx.Response], requests: int, warmup: int
) -> dict[str, Any]:
    for index in range(warmup):
        call(index).raise_for_status()
    timings: list[float] = []
    started = time.perf_counter()
    for index in range(requests):
        t0 = time.perf_counter()
        response = call(index)
        timings.append((time.perf_counter() - t0) * 1000)
        response.raise_for_status()
    total = time.perf_counter() - started
    ordered = sorted(timings)
    return {
        "endpoint": name,
        "requests": requests,
        "p50_ms": statistics.median(ordered),
        "p95_ms": ordered[max(0, int(len(ordered) * 0.95) - 1)],
        "max_ms": ordered[-1],
        "rps": requests / total,
    }


def time_writes(
    client: httpx.Client, base: str, ids: list[str], args: argparse.Namespace
) -> list[dict[str, Any]]:
    """Writes that refresh the pilot's derived columns (health) in their transaction."""
    csrf = client.cookies.get("pilotboard_csrf") or ""
    headers = {"X-CSRF-Token": csrf} if csrf else {}
    return [
        measure(
            "PATCH /pilots/{id}",
            lambda i: client.patch(
                f"{base}/{ids[i % len(ids)]}",
                json={"hypothesis": f"Bench edit {i}"},
                headers=headers,
            ),
            args.requests,
            args.warmup,
        ),
        measure(
            "POST /pilots/{id}/iterations",
            lambda i: client.post(
                f"{base}/{ids[i % len(ids)]}/iterations",
                json={"started_on": "2026-01-05", "changes": f"Bench iteration {i}"},
                headers=headers,
            ),
            args.requests,
            args.warmup,
        ),
    ]


def run(args: argparse.Namespace) -> dict[str, Any]:
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="pilotboard-bench-") as var_dir:
        server = start_server(args.database_url, port, var_dir)
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60) as client:
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
                base = f"/api/v1/workspaces/{workspace_id}/pilots"

                first = client.get(base, params={"limit": 50})
                first.raise_for_status()
                ids = [item["id"] for item in first.json()["items"]]
                cursor = first.json()["next_cursor"]
                for _ in range(args.page - 2):
                    cursor = client.get(base, params={"limit": 50, "cursor": cursor}).json()[
                        "next_cursor"
                    ]
                if cursor is None:
                    raise SystemExit(f"Fewer than {args.page} pages of 50 pilots: seed more.")
                deep_cursor = cursor

                results = [
                    measure(
                        "GET /pilots?limit=50 (first page)",
                        lambda _: client.get(base, params={"limit": 50}),
                        args.requests,
                        args.warmup,
                    ),
                    measure(
                        f"GET /pilots?limit=50&cursor=… (page {args.page})",
                        lambda _: client.get(base, params={"limit": 50, "cursor": deep_cursor}),
                        args.requests,
                        args.warmup,
                    ),
                    measure(
                        "GET /pilots?health=stalled",
                        lambda _: client.get(base, params={"health": "stalled"}),
                        args.requests,
                        args.warmup,
                    ),
                    measure(
                        "GET /pilots/{id}",
                        lambda i: client.get(f"{base}/{ids[i % len(ids)]}"),
                        args.requests,
                        args.warmup,
                    ),
                ]
                if args.writes:
                    results += time_writes(client, base, ids, args)
                stalled = client.get(base, params={"health": "stalled"}).json()["items"]
                peak, current = peak_rss_mb(server.pid)
        finally:
            try:
                stop_server(server)
            except subprocess.TimeoutExpired:
                server.kill()
    return {
        "database": args.database_url.split(":", 1)[0],
        "workspace_id": workspace_id,
        "results": results,
        "stalled_on_first_page": len(stalled),
        "peak_rss_mb": peak,
        "rss_mb": current,
    }


def print_report(report: dict[str, Any]) -> None:
    print(f"Database: {report['database']}   workspace: {report['workspace_id']}")
    header = f"{'endpoint':<44} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'req/s':>8}"
    print(header)
    print("-" * len(header))
    for row in report["results"]:
        print(
            f"{row['endpoint']:<44} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} "
            f"{row['max_ms']:>8.1f} {row['rps']:>8.1f}"
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
    return 0 if report["peak_rss_mb"] < RSS_BUDGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
