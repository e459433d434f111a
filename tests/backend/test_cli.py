from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from pilotboard.cli import app
from pilotboard.core.config import get_settings
from tests.backend.conftest import TEST_SECRET, throwaway_database

runner = CliRunner()


@pytest.fixture
def cli_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("PILOTBOARD_ENV", "production")
    monkeypatch.setenv("PILOTBOARD_SECRET_KEY", TEST_SECRET)
    monkeypatch.setenv("PILOTBOARD_VAR_DIR", str(tmp_path / "var"))
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_help_explains_each_command() -> None:
    result = runner.invoke(app, ["--help"])

    assert result.exit_code == 0
    for command in ("serve", "migrate", "openapi"):
        assert command in result.output


def test_serve_help_lists_host_and_port() -> None:
    result = runner.invoke(app, ["serve", "--help"])

    assert result.exit_code == 0
    assert "--host" in result.output
    assert "--port" in result.output


def test_serve_refuses_a_database_that_is_behind(
    cli_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with throwaway_database(cli_env, "cli_behind") as url:
        monkeypatch.setenv("PILOTBOARD_DATABASE_URL", url)
        get_settings.cache_clear()

        result = runner.invoke(app, ["serve", "--port", "8999"])

    assert result.exit_code == 1
    assert "Run `pilotboard migrate`" in result.output


def test_migrate_brings_the_database_to_head(
    cli_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with throwaway_database(cli_env, "cli_migrate") as url:
        monkeypatch.setenv("PILOTBOARD_DATABASE_URL", url)
        get_settings.cache_clear()

        first = runner.invoke(app, ["migrate"])
        again = runner.invoke(app, ["migrate"])

    assert first.exit_code == 0, first.output
    assert again.exit_code == 0
    assert "Database migrated to" in first.output


def test_weak_production_secret_is_refused_with_a_clear_message(
    cli_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PILOTBOARD_SECRET_KEY", "changeme")
    get_settings.cache_clear()

    result = runner.invoke(app, ["migrate"])

    assert result.exit_code == 2
    assert "PILOTBOARD_SECRET_KEY is too weak for production" in result.output


def test_openapi_prints_the_document() -> None:
    result = runner.invoke(app, ["openapi"])

    assert result.exit_code == 0
    assert '"openapi": "3.1.0"' in result.output
