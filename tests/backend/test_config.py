from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from pilotboard.core.config import Settings, secret_weakness

STRONG = "Zq8vN2mW5xK9pL3rT7yB1cF6hJ4dG0sA"


def test_production_requires_a_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PILOTBOARD_SECRET_KEY", raising=False)
    monkeypatch.delenv("PILOTBOARD_ENV", raising=False)

    with pytest.raises(ValidationError, match="PILOTBOARD_SECRET_KEY is required in production"):
        Settings()


@pytest.mark.parametrize(
    ("secret", "reason"),
    [
        ("short-secret", "it has 12 characters; at least 32 are required"),
        ("changeme" * 5, "it is a well-known placeholder value"),
        ("ab" * 20, "it uses fewer than 10 distinct characters"),
    ],
)
def test_production_refuses_weak_secrets(secret: str, reason: str) -> None:
    assert secret_weakness(secret) == reason
    with pytest.raises(ValidationError, match="too weak for production"):
        Settings(env="production", secret_key=secret)


def test_production_accepts_a_strong_secret() -> None:
    settings = Settings(env="production", secret_key=STRONG)

    assert settings.secret() == STRONG


def test_settings_come_from_prefixed_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PILOTBOARD_ENV", "development")
    monkeypatch.setenv("PILOTBOARD_DATABASE_URL", "postgresql://pb@db/pilotboard")
    monkeypatch.setenv("PILOTBOARD_PORT", "9001")
    monkeypatch.setenv("PILOTBOARD_LOG_LEVEL", "debug")

    settings = Settings()

    assert (settings.env, settings.database_url, settings.port, settings.log_level) == (
        "development",
        "postgresql://pb@db/pilotboard",
        9001,
        "debug",
    )


def test_defaults() -> None:
    settings = Settings(env="development")

    assert settings.database_url == "sqlite:///./var/pilotboard.db"
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)
    assert (settings.session_idle_hours, settings.session_max_days) == (12, 14)


def test_development_generates_a_secret_once(tmp_path: Path) -> None:
    settings = Settings(env="development", var_dir=tmp_path / "var")

    first = settings.secret()
    second = Settings(env="development", var_dir=tmp_path / "var").secret()

    assert first == second
    assert secret_weakness(first) is None
    assert (tmp_path / "var" / "secret_key").stat().st_mode & 0o777 == 0o600
