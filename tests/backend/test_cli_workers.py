"""`pilotboard serve` without `--workers`: one process on SQLite, one per CPU on PostgreSQL."""

from __future__ import annotations

import pytest

from pilotboard.cli import MAX_DEFAULT_WORKERS, default_workers


@pytest.mark.parametrize("cpus", [None, 1, 2, 64])
def test_sqlite_serves_from_one_process(cpus: int | None) -> None:
    assert default_workers(sqlite=True, cpus=cpus) == 1


@pytest.mark.parametrize(
    ("cpus", "workers"), [(None, 1), (1, 1), (2, 2), (64, MAX_DEFAULT_WORKERS)]
)
def test_postgresql_serves_from_one_process_per_cpu_capped(cpus: int | None, workers: int) -> None:
    assert default_workers(sqlite=False, cpus=cpus) == workers
