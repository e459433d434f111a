from __future__ import annotations

from pathlib import Path

import pytest
import uvicorn
from typer.testing import CliRunner

from pilotboard.cli import KEEP_ALIVE_SECONDS, app, event_loop
from pilotboard.core.config import get_settings
from pilotboard.core.db import is_sqlite
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


def test_create_user_reads_the_password_from_stdin(
    cli_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with throwaway_database(cli_env, "cli_user") as url:
        monkeypatch.setenv("PILOTBOARD_DATABASE_URL", url)
        get_settings.cache_clear()
        assert runner.invoke(app, ["migrate"]).exit_code == 0

        created = runner.invoke(
            app,
            [
                "create-user",
                "--email",
                "Kim@Example.com",
                "--name",
                "Kim",
                "--admin",
                "--password-stdin",
            ],
            input="a long enough password\n",
        )
        again = runner.invoke(
            app,
            ["create-user", "--email", "kim@example.com", "--name", "Kim", "--password-stdin"],
            input="another long password\n",
        )

    assert created.exit_code == 0, created.output
    assert "Created admin user kim@example.com" in created.output
    assert again.exit_code == 2
    assert "already exists" in again.output


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short", "at least 12 characters"),
        ("kim@example.com", "must not be the email address"),
    ],
)
def test_create_user_refuses_weak_passwords(cli_env: Path, password: str, message: str) -> None:
    result = runner.invoke(
        app,
        ["create-user", "--email", "kim@example.com", "--name", "Kim", "--password-stdin"],
        input=password + "\n",
    )

    assert result.exit_code == 2
    assert message in result.output


def test_create_user_prompts_without_echo(cli_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with throwaway_database(cli_env, "cli_prompt") as url:
        monkeypatch.setenv("PILOTBOARD_DATABASE_URL", url)
        get_settings.cache_clear()
        runner.invoke(app, ["migrate"])

        result = runner.invoke(
            app,
            ["create-user", "--email", "lee@example.com", "--name", "Lee"],
            input="typed secret words\ntyped secret words\n",
        )

    assert result.exit_code == 0, result.output
    assert "typed secret words" not in result.output


def test_serve_keeps_idle_connections_longer_than_load_balancers_do(
    cli_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A connection reused after a pause must not meet a server closing it at that moment."""
    seen: dict[str, object] = {}

    def started(config: uvicorn.Config) -> bool:
        seen.update(vars(config))
        return True

    monkeypatch.setattr("pilotboard.cli.run_server", started)
    with throwaway_database(cli_env, "cli_keep_alive") as url:
        monkeypatch.setenv("PILOTBOARD_DATABASE_URL", url)
        get_settings.cache_clear()
        assert runner.invoke(app, ["migrate"]).exit_code == 0

        result = runner.invoke(app, ["serve", "--port", "8999"])

    assert result.exit_code == 0, result.output
    assert seen["timeout_keep_alive"] == KEEP_ALIVE_SECONDS
    assert KEEP_ALIVE_SECONDS > 60
    # The test database's engine picks the loop (cli.event_loop).
    assert seen["loop"] == event_loop(sqlite=is_sqlite(url))
