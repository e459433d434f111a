"""Alembic, driven from the application: the CLI, the start-up check and the tests share this."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError

from pilotboard.core.config import Settings
from pilotboard.core.db import normalize_database_url


def alembic_config(settings: Settings, *, database_url: str | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(settings.migrations_dir))
    config.set_main_option("path_separator", "os")
    url = normalize_database_url(database_url or settings.database_url)
    # ConfigParser interpolation: a literal % in a password must be doubled.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision(settings: Settings) -> str | None:
    return ScriptDirectory.from_config(alembic_config(settings)).get_current_head()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        return context.get_current_revision()


def stored_revision(engine: Engine) -> str | None:
    """The revision the database is at, in one short query (the health check's polling path).

    Falls back to Alembic's own reader when the version table is missing or holds no row."""
    try:
        with engine.connect() as connection:
            row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").first()
    except DBAPIError:
        row = None
    if row is None:
        return current_revision(engine)
    return str(row[0])


def upgrade(settings: Settings, *, revision: str = "head", database_url: str | None = None) -> None:
    command.upgrade(alembic_config(settings, database_url=database_url), revision)


def downgrade(settings: Settings, *, revision: str, database_url: str | None = None) -> None:
    command.downgrade(alembic_config(settings, database_url=database_url), revision)


def check(settings: Settings, *, database_url: str | None = None) -> None:
    """Raise when the models and the migrated schema differ (``alembic check``)."""
    command.check(alembic_config(settings, database_url=database_url))
