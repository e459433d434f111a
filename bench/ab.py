"""Compare two versions of the server side by side: A, B, A, B… on one database, interleaved.

    .venv/bin/python bench/ab.py --database-url sqlite:////tmp/bench.db \\
        --a /path/to/checkout-before --b . --rounds 3 -- --requests 100 --writes

Each round runs ``bench/api.py`` (and ``bench/portfolio.py`` unless ``--no-portfolio``) once
with the server's code taken from checkout A, then once from checkout B (the server process
imports ``pilotboard`` from ``<checkout>/backend`` first). The benchmark scripts themselves are
this checkout's, so both sides are timed the same way. Prints, per endpoint, the minimum and
the median of the rounds' p50 and p95 for each side, and B ÷ A. This machine is shared and
noisy: only a comparison made in one run like this is worth quoting.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def parse_args() -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument(
        "--a-database-url",
        help="Version A's copy of the database, when B's migrations changed the schema "
        "(default: --database-url for both).",
    )
    parser.add_argument("--a", type=Path, required=True, help="Checkout of version A.")
    parser.add_argument("--b", type=Path, required=True, help="Checkout of version B.")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-portfolio", action="store_true")
    parser.add_argument("--no-api", action="store_true", help="Only bench/portfolio.py.")
    argv = sys.argv[1:]
    extra: list[str] = []
    if "--" in argv:
        cut = argv.index("--")
        argv, extra = argv[:cut], argv[cut + 1 :]
    return parser.parse_args(argv), extra


def run_side(
    checkout: Path, script: str, database_url: str, extra: list[str]
) -> list[dict[str, Any]]:
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        env = {**os.environ, "PYTHONPATH": str(checkout.resolve() / "backend")}
        subprocess.run(
            [sys.executable, str(ROOT / "bench" / script), "--database-url", database_url,
             "--json", out.name, *extra],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        report = json.loads(Path(out.name).read_text())
    if "results" in report:  # api.py
        results: list[dict[str, Any]] = report["results"]
        return results
    return [{**report["endpoint"], "endpoint": "GET /portfolio"}]  # portfolio.py


def main() -> None:
    args, extra = parse_args()
    scripts = [] if args.no_api else [("api.py", extra)]
    if not args.no_portfolio:
        scripts.append(("portfolio.py", extra if args.no_api else []))
    seen: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for round_number in range(1, args.rounds + 1):
        sides = (
            ("A", args.a, args.a_database_url or args.database_url),
            ("B", args.b, args.database_url),
        )
        for side, checkout, database_url in sides:
            for script, script_args in scripts:
                for result in run_side(checkout, script, database_url, script_args):
                    seen[(result["endpoint"], side)].append(result)
            print(f"round {round_number}: {side} done", file=sys.stderr)
    endpoints = list(dict.fromkeys(endpoint for endpoint, _ in seen))
    print(f"A = {args.a}   B = {args.b}   {args.rounds} interleaved rounds (A, B, A, B…)")
    print(
        f"{'endpoint':<44} {'p50 A min/med':>15} {'p50 B min/med':>15} {'B÷A':>5} "
        f"{'p95 A min/med':>15} {'p95 B min/med':>15} {'B÷A':>5} {'CPU ms A/B med':>15}"
    )
    for endpoint in endpoints:
        cells = []
        for key in ("p50_ms", "p95_ms"):
            a = [r[key] for r in seen[(endpoint, "A")]]
            b = [r[key] for r in seen[(endpoint, "B")]]
            ratio = statistics.median(b) / statistics.median(a)
            cells.append(
                f"{min(a):>6.1f}/{statistics.median(a):<7.1f} {min(b):>6.1f}/"
                f"{statistics.median(b):<7.1f} {ratio:>5.2f}"
            )
        cpu = ""
        if all("cpu_ms" in r for side in "AB" for r in seen[(endpoint, side)]):
            a_cpu, b_cpu = (
                statistics.median(r["cpu_ms"] for r in seen[(endpoint, side)]) for side in "AB"
            )
            cpu = f" {a_cpu:>7.1f}/{b_cpu:<7.1f}"
        print(f"{endpoint:<44} {cells[0]} {cells[1]}{cpu}")


if __name__ == "__main__":
    main()
