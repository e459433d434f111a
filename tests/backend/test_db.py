from __future__ import annotations

import stat
from pathlib import Path

import pytest
from sqlalchemy import text

from pilotboard.core.db import create_db_engine, normalize_database_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql+psycopg://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///./var/pilotboard.db", "sqlite:///./var/pilotboard.db"),
    ],
)
def test_postgres_urls_use_psycopg3(url: str, expected: str) -> None:
    assert normalize_database_url(url) == expected


def test_sqlite_runs_in_wal_with_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path}/nested/dir/pb.db")
    try:
        with engine.connect() as connection:
            pragmas = {
                name: connection.execute(text(f"PRAGMA {name}")).scalar_one()
                for name in ("journal_mode", "foreign_keys", "busy_timeout")
            }
    finally:
        engine.dispose()

    assert pragmas == {"journal_mode": "wal", "foreign_keys": 1, "busy_timeout": 5000}
    assert (tmp_path / "nested" / "dir" / "pb.db").exists()


def test_sqlite_savepoints_roll_back(tmp_path: Path) -> None:
    engine = create_db_engine(f"sqlite:///{tmp_path}/sp.db")
    try:
        with engine.connect() as connection:
            connection.execute(text("CREATE TABLE t (v INTEGER)"))
            connection.commit()
            with connection.begin():
                connection.execute(text("INSERT INTO t VALUES (1)"))
                nested = connection.begin_nested()
                connection.execute(text("INSERT INTO t VALUES (2)"))
                nested.rollback()
            values = connection.execute(text("SELECT v FROM t")).scalars().all()
    finally:
        engine.dispose()

    assert values == [1]


def test_a_new_sqlite_database_is_readable_by_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "private" / "pb.db"
    engine = create_db_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            connection.execute(text("CREATE TABLE t (x INTEGER)"))
            connection.commit()
    finally:
        engine.dispose()

    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_an_existing_sqlite_database_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    path.touch(mode=0o640)
    path.chmod(0o640)
    create_db_engine(f"sqlite:///{path}").dispose()

    assert stat.S_IMODE(path.stat().st_mode) == 0o640
