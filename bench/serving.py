"""The serving path, side by side: wrk on /health and one pilot, and SQLite writes at 4 clients.

    .venv/bin/python bench/serving.py --database-url sqlite:////tmp/h18s/b.db \\
        --a /tmp/h18s-before --b . --rounds 3 [--workers 1 2] [--no-writes]

For each round and each side (A, then B: interleaved), starts ``pilotboard serve`` with the
side's code (``PYTHONPATH=<checkout>/backend``) on the seeded database (bench/seed.py), signs in
as ``bench@bench.local``, makes a read + write API token for the Bench workspace, and runs
``wrk -t1 -c32 -d10s --latency -H 'Authorization: Bearer …'`` on ``/api/v1/health`` and on one
pilot, for each ``--workers`` count; then (``--writes``) 4 concurrent clients PATCH pilots for
``--duration`` seconds (p50/p99). Prints the minimum and median over the rounds of each figure,
and B ÷ A. The machine is shared and noisy: quote only numbers from one interleaved run.
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
PILOTBOARD = ROOT / ".venv" / "bin" / "pilotboard"
EMAIL = "bench@bench.local"
PASSWORD = "bench-password-123"  # the benchmark account (seed.py)
API = "/api/v1"


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--a", type=Path, required=True, help="Checkout of version A (before).")
    parser.add_argument("--b", type=Path, default=ROOT, help="Checkout of version B (after).")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, nargs="+", default=[1])
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration", type=int, default=10, help="Seconds per wrk run.")
    parser.add_argument("--writes", action="store_true", help="Also time 4 concurrent writers.")
    parser.add_argument("--writers", type=int, default=4)
    parser.add_argument(
        "--write-stake",
        action="store_true",
        help="Each write also changes the pilot's revenue at stake (a column the portfolio's "
        "rollup and its marks' index hold), not only its hypothesis.",
    )
    parser.add_argument("--workspace-name", default="Bench")
    return parser.parse_args(argv)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start(checkout: Path, database_url: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": str(checkout.resolve() / "backend"),
        "PILOTBOARD_ENV": "development",
        "PILOTBOARD_DATABASE_URL": database_url,
        "PILOTBOARD_VAR_DIR": "/tmp/h18s/var",
        "PILOTBOARD_LOG_LEVEL": "warning",
        "PILOTBOARD_WEBHOOKS_WORKER": "false",
        "PILOTBOARD_BACKGROUND_JOBS": "false",
        "PILOTBOARD_MAIL_WORKER": "false",
    }
    command = [str(PILOTBOARD), "serve", "--host", "127.0.0.1", "--port", str(port)]
    command += ["--workers", str(workers)]
    return subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def ready(base: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"The server exited ({server.returncode}).")
        try:
            if httpx.get(f"{base}{API}/health", timeout=10).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise SystemExit("The server did not become ready in time.")


def token_and_pilots(base: str, workspace_name: str) -> tuple[str, str, list[str]]:
    with httpx.Client(base_url=base, timeout=30) as client:
        login = client.post(f"{API}/auth/login", json={"email": EMAIL, "password": PASSWORD})
        login.raise_for_status()
        csrf = {"X-CSRF-Token": str(login.json()["csrf_token"])}
        spaces = client.get(f"{API}/workspaces").json()
        items = spaces["items"] if isinstance(spaces, dict) else spaces
        workspace = next(w for w in items if w["name"] == workspace_name)
        created = client.post(
            f"{API}/tokens",
            json={
                "name": "bench-http",
                "workspace_id": workspace["id"],
                "scopes": ["read", "write"],
            },
            headers=csrf,
        )
        created.raise_for_status()
        token = str(created.json()["token"])
        pilots = client.get(f"{API}/workspaces/{workspace['id']}/pilots", params={"limit": 50})
        pilots.raise_for_status()
        ids = [str(p["id"]) for p in pilots.json()["items"]]
    return token, str(workspace["id"]), ids


_UNIT = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url: str, token: str, connections: int, duration: int) -> dict[str, float]:
    output = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{connections}",
            f"-d{duration}s",
            "--latency",
            "-H",
            f"Authorization: Bearer {token}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", output)
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)", output)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    return {
        "rps": rps,
        "p50_ms": float(p50.group(1)) * _UNIT[p50.group(2)] if p50 else float("nan"),
        "p99_ms": float(p99.group(1)) * _UNIT[p99.group(2)] if p99 else float("nan"),
        "errors": float(non2xx.group(1)) if non2xx else 0.0,
    }


def writes(
    base: str,
    token: str,
    ws: str,
    ids: list[str],
    clients: int,
    seconds: float,
    *,
    stake: bool = False,
) -> dict[str, float]:
    """``clients`` threads PATCH pilots (each its own pilot, no If-Match) for ``seconds``;
    with ``stake``, each write changes its revenue at stake too."""
    timings: list[float] = []
    failures = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def run(index: int) -> None:
        nonlocal failures
        pilot = ids[index % len(ids)]
        headers = {"Authorization": f"Bearer {token}"}
        with httpx.Client(base_url=base, timeout=30, headers=headers) as client:
            n = 0
            while time.monotonic() < stop_at:
                n += 1
                t0 = time.perf_counter()
                body: dict[str, Any] = {"hypothesis": f"Bench write {index}-{n}"}
                if stake:
                    body["revenue_at_stake"] = 100_000 + n
                response = client.patch(f"{API}/workspaces/{ws}/pilots/{pilot}", json=body)
                elapsed = (time.perf_counter() - t0) * 1000
                with lock:
                    if response.status_code == 200:
                        timings.append(elapsed)
                    else:
                        failures += 1

    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ordered = sorted(timings) or [float("nan")]
    return {
        "writes/s": len(timings) / seconds,
        "p50_ms": statistics.median(ordered),
        "p99_ms": ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))],
        "errors": float(failures),
    }


def one_side(checkout: Path, args: argparse.Namespace) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    for workers in args.workers:
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        server = start(checkout, args.database_url, port, workers)
        try:
            ready(base, server)
            token, ws, ids = token_and_pilots(base, args.workspace_name)
            pilot_url = f"{base}{API}/workspaces/{ws}/pilots/{ids[0]}"
            wrk(f"{base}{API}/health", token, args.connections, 2)  # warm every worker
            wrk(pilot_url, token, args.connections, 2)
            if workers == 1:
                results["health"] = wrk(
                    f"{base}{API}/health", token, args.connections, args.duration
                )
            results[f"pilot w{workers}"] = wrk(pilot_url, token, args.connections, args.duration)
            if args.writes and workers == 1:
                results["writes"] = writes(
                    base, token, ws, ids, args.writers, args.duration, stake=args.write_stake
                )
        finally:
            stop(server)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    sides = {"A": args.a, "B": args.b}
    runs: dict[str, list[dict[str, dict[str, float]]]] = defaultdict(list)
    for round_ in range(1, args.rounds + 1):
        for label, checkout in sides.items():
            result = one_side(checkout, args)
            runs[label].append(result)
            print(f"round {round_} {label}: {result}", file=sys.stderr, flush=True)
    print(f"{'figure':<22}{'A min':>10}{'A med':>10}{'B min':>10}{'B med':>10}{'B÷A med':>10}")
    for name in runs["A"][0]:
        for metric in runs["A"][0][name]:
            a = [run[name][metric] for run in runs["A"]]
            b = [run[name][metric] for run in runs["B"]]
            a_med, b_med = statistics.median(a), statistics.median(b)
            ratio = b_med / a_med if a_med else float("nan")
            print(
                f"{name + ' ' + metric:<22}{min(a):>10.1f}{a_med:>10.1f}"
                f"{min(b):>10.1f}{b_med:>10.1f}{ratio:>10.2f}"
            )
    for label in sides:
        one = [run["pilot w1"]["rps"] for run in runs[label] if "pilot w1" in run]
        two = [run["pilot w2"]["rps"] for run in runs[label] if "pilot w2" in run]
        if one and two:
            scale = statistics.median(two) / statistics.median(one)
            print(f"{label}: two processes ÷ one (pilot, median req/s) = x{scale:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
