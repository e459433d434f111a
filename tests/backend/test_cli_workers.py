"""`pilotboard serve` without `--workers`: one process on SQLite, one per CPU on PostgreSQL; and
the event loop each engine is served on."""

from __future__ import annotations

import importlib.util

import pytest

from pilotboard.cli import MAX_DEFAULT_WORKERS, default_workers, event_loop


@pytest.mark.parametrize("cpus", [None, 1, 2, 64])
def test_sqlite_serves_from_one_process(cpus: int | None) -> None:
    assert default_workers(sqlite=True, cpus=cpus) == 1


@pytest.mark.parametrize(
    ("cpus", "workers"), [(None, 1), (1, 1), (2, 2), (64, MAX_DEFAULT_WORKERS)]
)
def test_postgresql_serves_from_one_process_per_cpu_capped(cpus: int | None, workers: int) -> None:
    assert default_workers(sqlite=False, cpus=cpus) == workers


def test_sqlite_is_served_on_asyncios_loop_and_postgresql_on_uvloop() -> None:
    """SQLite's inline queries kept every request in line on asyncio's loop, not on uvloop;
    PostgreSQL's trips to the thread pool wake uvloop more cheaply (bench/RESULTS.md): uvicorn's
    `auto`, which takes uvloop where it is installed (here, with uvicorn's standard extras)."""
    assert event_loop(sqlite=True) == "asyncio"
    assert event_loop(sqlite=False) == "auto"
    assert importlib.util.find_spec("uvloop") is not None
