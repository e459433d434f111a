"""The short drill (``bench/drill.py --short``) on PostgreSQL, run as a subprocess.

Skipped unless ``PILOTBOARD_TEST_DATABASE_URL`` is set; the drill creates and drops its own
database on that server, connecting to its ``postgres`` database to do so. Not collected by the
default run (``testpaths`` is ``tests/backend``): ``make test-drill`` runs it, and ``make test``
runs that target.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parents[2]
SERVER_URL = os.environ.get("PILOTBOARD_TEST_DATABASE_URL") or None

pytestmark = pytest.mark.skipif(
    SERVER_URL is None, reason="PILOTBOARD_TEST_DATABASE_URL is not set (PostgreSQL only)"
)


def admin_url(server_url: str) -> str:
    """The same server, its ``postgres`` database: where CREATE/DROP DATABASE run."""
    url = make_url(server_url).set(drivername="postgresql", database="postgres")
    return url.render_as_string(hide_password=False)


def totals(output: str) -> dict[str, str]:
    """The table's ``total`` row, by column name."""
    lines = output.splitlines()
    header = next(line for line in lines if line.startswith("phase ") and " 5xx " in line)
    total = next(line for line in lines if line.startswith("total "))
    return dict(zip(header.split(), total.split(), strict=True))


def test_short_drill_on_postgresql() -> None:
    assert SERVER_URL is not None
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "drill.py"),
            "--engine",
            "postgresql",
            "--admin-url",
            admin_url(SERVER_URL),
            "--short",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    output = "\n".join((result.stdout + result.stderr).splitlines()[-150:])
    assert result.returncode in (0, 1), output  # 2: the drill could not start
    row = totals(result.stdout)
    assert {name: row[name] for name in ("5xx", "lost", "dup")} == {
        "5xx": "0",
        "lost": "0",
        "dup": "0",
    }, output
    assert result.returncode == 0, output
