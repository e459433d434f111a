"""Migrations go up, match the models (no drift), come down to nothing and go up again."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect

from pilotboard.core import migrations
from pilotboard.core.db import create_db_engine
from tests.backend.conftest import make_settings, throwaway_database


def test_upgrade_check_downgrade_upgrade(tmp_path: Path) -> None:
    with throwaway_database(tmp_path, "migrations") as url:
        settings = make_settings(url, tmp_path)
        engine = create_db_engine(url)
        try:
            migrations.upgrade(settings)
            assert migrations.current_revision(engine) == migrations.head_revision(settings)
            migrations.check(settings)

            migrations.downgrade(settings, revision="base")
            assert migrations.current_revision(engine) is None
            assert set(inspect(engine).get_table_names()) <= {"alembic_version"}

            migrations.upgrade(settings)
            assert migrations.current_revision(engine) == migrations.head_revision(settings)
            migrations.check(settings)
        finally:
            engine.dispose()
