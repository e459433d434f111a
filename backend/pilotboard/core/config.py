"""Settings, read from ``PILOTBOARD_*`` environment variables.

Nothing here is module-level state: ``get_settings()`` builds the settings once per process and
tests build their own ``Settings`` objects.
"""

from __future__ import annotations

import secrets
from email.utils import parseaddr
from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[3]
"""The checkout the package was installed from (editable installs and the Docker image)."""

MIN_SECRET_LENGTH = 32
DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"
_KNOWN_WEAK_SECRETS = frozenset(
    {"changeme", "change-me", "secret", "password", "development", "pilotboard", "default"}
)


def secret_weakness(secret: str) -> str | None:
    """Say why ``secret`` is too weak to sign production sessions, or ``None`` when it is fine."""
    if len(secret) < MIN_SECRET_LENGTH:
        return f"it has {len(secret)} characters; at least {MIN_SECRET_LENGTH} are required"
    if secret.lower() in _KNOWN_WEAK_SECRETS or any(
        word in secret.lower() for word in ("changeme", "change-me", "change_me")
    ):
        return "it is a well-known placeholder value"
    if len(set(secret)) < 10:
        return "it uses fewer than 10 distinct characters"
    return None


class Settings(BaseSettings):
    """Every setting of a Pilotboard process; each one maps to ``PILOTBOARD_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="PILOTBOARD_", extra="ignore")

    env: Literal["production", "development"] = "production"
    database_url: str = "sqlite:///./var/pilotboard.db"
    secret_key: SecretStr | None = Field(
        default=None,
        description="Signs sessions and tokens. Required and checked for strength in production.",
    )
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    log_level: Literal["critical", "error", "warning", "info", "debug"] = "info"
    var_dir: Path = Path("./var")
    spa_dir: Path = REPO_ROOT / "frontend" / "dist"
    migrations_dir: Path = REPO_ROOT / "migrations"
    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    trusted_proxy: bool = False
    session_idle_hours: float = Field(default=12, gt=0)
    session_max_days: float = Field(default=14, gt=0)
    max_concurrent_requests: int = Field(
        default=16,
        ge=1,
        le=256,
        description="API requests one process works on at once; the database pool keeps as "
        "many connections (plus three for the background workers). Further requests wait in line.",
    )
    max_queued_requests: int = Field(
        default=1024,
        ge=0,
        le=100_000,
        description="Requests that may wait in line; beyond that a request is refused at once "
        "with 503 and Retry-After.",
    )
    queue_timeout_seconds: float = Field(
        default=15.0,
        gt=0,
        le=300,
        description="How long a request may wait in line before it is refused with 503 and "
        "Retry-After.",
    )
    webhooks_worker: bool = Field(
        default=True,
        description="Run the webhook delivery worker in this process (it starts with the app "
        "when the app owns its database engine).",
    )
    background_jobs: bool = Field(
        default=True,
        description="Run the daily jobs (health that time changes, old webhook events, expired "
        "idempotency keys) in this process, under the same condition as the webhook worker.",
    )
    webhooks_poll_seconds: float = Field(default=1.0, gt=0, le=300)
    webhooks_timeout_seconds: float = Field(default=10.0, gt=0, le=60)
    webhooks_concurrency: int = Field(default=4, ge=1, le=32)
    webhooks_allow_localhost: bool = Field(
        default=False,
        description="Let webhooks target 127.0.0.1, ::1 and localhost (development and tests).",
    )

    smtp_url: SecretStr | None = Field(
        default=None,
        description="Where mail goes: smtp://[user:pass@]host:port (add ?starttls=true for "
        "STARTTLS) or smtps://[user:pass@]host:port (implicit TLS). Unset: messages stay in the "
        "outbox, visible in the email log, and nothing is sent.",
    )
    mail_from: str = Field(
        default="Pilotboard <pilotboard@localhost>",
        max_length=254,
        description="The From of every message: an address, optionally with a display name.",
    )
    public_url: str = Field(
        default=DEFAULT_PUBLIC_URL,
        max_length=500,
        description="The address people reach the app at; the base of every link in a message.",
    )
    mail_worker: bool = Field(
        default=True,
        description="Run the mail worker in this process (under the same condition as the "
        "webhook worker, and only when PILOTBOARD_SMTP_URL is set).",
    )
    mail_poll_seconds: float = Field(default=2.0, gt=0, le=300)
    smtp_timeout_seconds: float = Field(default=15.0, gt=0, le=120)
    smtp_ca_file: Path | None = Field(
        default=None,
        description="A PEM file of certificate authorities to trust for the SMTP server's TLS "
        "certificate (a private CA), instead of the system's.",
    )

    @field_validator("smtp_url")
    @classmethod
    def _check_smtp_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value().strip():
            return None
        parts = urlsplit(value.get_secret_value().strip())
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError(
                "PILOTBOARD_SMTP_URL must look like smtp://[user:pass@]host:port[?starttls=true] "
                "or smtps://[user:pass@]host:port"
            )
        try:
            parts.port  # noqa: B018 - raises on a port that is not a number
        except ValueError as exc:
            raise ValueError("PILOTBOARD_SMTP_URL has a port that is not a number") from exc
        return SecretStr(value.get_secret_value().strip())

    @field_validator("smtp_ca_file", mode="before")
    @classmethod
    def _check_smtp_ca_file(cls, value: object) -> object:
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if not Path(str(value)).is_file():
            raise ValueError(f"PILOTBOARD_SMTP_CA_FILE: there is no file {value}")
        return value

    @field_validator("public_url")
    @classmethod
    def _check_public_url(cls, value: str) -> str:
        parts = urlsplit(value.strip())
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(
                "PILOTBOARD_PUBLIC_URL must be an http(s) URL like https://pilots.example.com"
            )
        return value.strip().rstrip("/")

    @field_validator("mail_from")
    @classmethod
    def _check_mail_from(cls, value: str) -> str:
        if any(ord(char) < 32 or ord(char) == 127 for char in value):
            raise ValueError("PILOTBOARD_MAIL_FROM must not contain control characters")
        _name, address = parseaddr(value)
        local, _, domain = address.rpartition("@")
        if not local or not domain or " " in address:
            raise ValueError(
                "PILOTBOARD_MAIL_FROM must be an address, like pilotboard@example.com or "
                "Pilotboard <pilotboard@example.com>"
            )
        return value.strip()

    @model_validator(mode="after")
    def _check_secret(self) -> Settings:
        if self.env == "production":
            if self.secret_key is None:
                raise ValueError(
                    "PILOTBOARD_SECRET_KEY is required in production: set it to a random value of "
                    f"at least {MIN_SECRET_LENGTH} characters "
                    '(python -c "import secrets; print(secrets.token_urlsafe(48))")'
                )
            reason = secret_weakness(self.secret_key.get_secret_value())
            if reason:
                raise ValueError(f"PILOTBOARD_SECRET_KEY is too weak for production: {reason}")
        return self

    @property
    def is_development(self) -> bool:
        return self.env == "development"

    def secret(self) -> str:
        """The secret key; in development one is generated once into ``var/secret_key``."""
        if self.secret_key is not None:
            return self.secret_key.get_secret_value()
        path = self.var_dir / "secret_key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(secrets.token_urlsafe(48))
            path.chmod(0o600)
        return path.read_text().strip()


@lru_cache
def get_settings() -> Settings:
    return Settings()
