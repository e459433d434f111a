"""A real SMTP server for the tests: aiosmtpd on a free port of 127.0.0.1, in a thread.

The fixtures are available to every test (``tests/backend/conftest.py`` imports them):

- ``smtp_server``: plain SMTP; ``smtp_server_starttls``: STARTTLS required; ``smtp_server_tls``:
  implicit TLS (``smtps://``). The TLS variants use a private CA made by trustme; its PEM file
  is ``server.ca_file``, which :func:`mail_settings` passes as ``PILOTBOARD_SMTP_CA_FILE``.
- ``server.messages``: what it accepted, parsed (``email.message.EmailMessage``, the default
  policy: ``msg["Subject"]``, ``msg.get_body(("plain",)).get_content()``…);
  ``server.envelopes``: ``(mail_from, rcpt_tos)`` of each.
- ``server.fail_next(451, "Try again later", times=2, stage="data")``: answer that instead of
  accepting (``stage`` ``mail``, ``rcpt`` or ``data``); ``server.drop_next(times=1)``: close the
  connection at DATA without answering.
- :func:`mail_settings` builds ``Settings`` pointing at a server (or at a closed port, to see a
  refused connection); :func:`run_mail_worker` drives a fresh ``MailWorker`` through rounds until
  nothing is due (each round is one ``run_once``) and returns how many messages it attempted.
"""

from __future__ import annotations

import email
import email.policy
import logging
import socket
import ssl
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from pydantic import SecretStr
from sqlmodel import Session as DbSession

from pilotboard.core.clock import Clock
from pilotboard.core.config import Settings
from pilotboard.mail.worker import BATCH_SIZE, MailWorker

Mode = Literal["plain", "starttls", "tls"]
Stage = Literal["mail", "rcpt", "data"]
HOST = "127.0.0.1"
# The TLS fixtures' sign-in (a space and no URL-safe characters, to exercise the URL's quoting).
CREDENTIALS = ("mailer", "s3cret pass/+")


def free_port() -> int:
    """A port nothing listens on (right now): connecting to it is refused."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class _Failure:
    stage: Stage | Literal["drop"]
    reply: str
    times: int


@dataclass
class SmtpServer:
    """A running test SMTP server and everything it received."""

    mode: Mode
    port: int = 0
    ca_file: Path | None = None
    credentials: tuple[str, str] | None = None
    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    raw: list[bytes] = field(default_factory=list)
    logins: list[str] = field(default_factory=list)
    _failures: list[_Failure] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _received: threading.Condition = field(init=False)

    def __post_init__(self) -> None:
        self._received = threading.Condition(self._lock)

    # --- what the tests call -----------------------------------------------------------------

    @property
    def url(self) -> str:
        """``PILOTBOARD_SMTP_URL`` for this server (with its credentials, if it wants some)."""
        scheme = "smtps" if self.mode == "tls" else "smtp"
        auth = ""
        if self.credentials:
            user, password = self.credentials
            auth = f"{quote(user, safe='')}:{quote(password, safe='')}@"
        query = "?starttls=true" if self.mode == "starttls" else ""
        return f"{scheme}://{auth}{HOST}:{self.port}{query}"

    def fail_next(
        self, code: int, text: str = "Try again later", *, times: int = 1, stage: Stage = "data"
    ) -> None:
        """Answer ``code text`` at ``stage`` for the next ``times`` messages."""
        with self._lock:
            self._failures.append(_Failure(stage, f"{code} {text}", times))

    def drop_next(self, *, times: int = 1) -> None:
        """Close the connection at DATA, without an answer, for the next ``times`` messages."""
        with self._lock:
            self._failures.append(_Failure("drop", "", times))

    def wait_for(self, count: int, timeout: float = 10.0) -> list[EmailMessage]:
        """Wait until ``count`` messages arrived (for tests where a thread sends)."""
        with self._received:
            self._received.wait_for(lambda: len(self.messages) >= count, timeout)
            return list(self.messages)

    def clear(self) -> None:
        with self._lock:
            self.messages.clear()
            self.envelopes.clear()
            self.raw.clear()

    # --- the aiosmtpd handler ----------------------------------------------------------------

    def _failure(self, stage: Stage | Literal["drop"]) -> str | None:
        with self._lock:
            for failure in self._failures:
                if failure.stage == stage and failure.times > 0:
                    failure.times -= 1
                    return failure.reply
        return None

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        reply = self._failure("mail")
        if reply:
            return reply
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        reply = self._failure("rcpt")
        if reply:
            return reply
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self._failure("drop") is not None:
            assert server.transport is not None
            server.transport.close()
            return "421 Closing"
        reply = self._failure("data")
        if reply:
            return reply
        content = envelope.original_content or b""
        parsed = email.message_from_bytes(content, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        with self._received:
            self.messages.append(parsed)
            self.raw.append(content)
            self.envelopes.append((envelope.mail_from or "", list(envelope.rcpt_tos)))
            self._received.notify_all()
        return "250 Message accepted"

    def authenticate(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
    ) -> AuthResult:
        if not isinstance(data, LoginPassword) or self.credentials is None:
            return AuthResult(success=False, handled=False)
        user, password = data.login.decode(), data.password.decode()
        ok = (user, password) == self.credentials
        if ok:
            with self._lock:
                self.logins.append(user)
        return AuthResult(success=ok, handled=False)


@dataclass
class _Tls:
    ca: trustme.CA
    ca_file: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        self.ca.issue_cert(HOST, "localhost").configure_cert(context)
        return context


def _tls(directory: Path) -> _Tls:
    ca = trustme.CA()
    ca_file = directory / "smtp-ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    return _Tls(ca, ca_file)


def start_smtp_server(
    mode: Mode = "plain", *, directory: Path, credentials: tuple[str, str] | None = None
) -> tuple[SmtpServer, Callable[[], None]]:
    """Start a server; returns it and the function that stops it."""
    server = SmtpServer(mode=mode, port=free_port(), credentials=credentials)
    kwargs: dict[str, Any] = {"hostname": HOST, "port": server.port, "server_hostname": "smtp.test"}
    if credentials is not None:
        kwargs["authenticator"] = server.authenticate
        # aiosmtpd counts only STARTTLS as TLS; an smtps:// connection is TLS from the start.
        kwargs["auth_require_tls"] = mode == "starttls"
    if mode != "plain":
        tls = _tls(directory)
        server.ca_file = tls.ca_file
        if mode == "starttls":
            kwargs["tls_context"] = tls.server_context()
            kwargs["require_starttls"] = True
        else:
            kwargs["ssl_context"] = tls.server_context()
    # aiosmtpd warns about its own deprecated attribute on every sign-in.
    logging.getLogger("mail.log").setLevel(logging.ERROR)
    controller = Controller(server, **kwargs)
    controller.start()
    return server, controller.stop


@pytest.fixture
def smtp_server(tmp_path: Path) -> Iterator[SmtpServer]:
    server, stop = start_smtp_server("plain", directory=tmp_path)
    yield server
    stop()


@pytest.fixture
def smtp_server_starttls(tmp_path: Path) -> Iterator[SmtpServer]:
    server, stop = start_smtp_server(
        "starttls", directory=tmp_path, credentials=("mailer", "s3cret pass")
    )
    yield server
    stop()


@pytest.fixture
def smtp_server_tls(tmp_path: Path) -> Iterator[SmtpServer]:
    server, stop = start_smtp_server(
        "tls", directory=tmp_path, credentials=("mailer", "s3cret pass")
    )
    yield server
    stop()


def mail_settings(
    settings: Settings, server: SmtpServer | None = None, **overrides: Any
) -> Settings:
    """``settings`` sending to ``server`` (``smtp_url=None`` in ``overrides``: no SMTP at all;
    ``smtp_url="smtp://127.0.0.1:<free_port()>"``: a refused connection)."""
    values: dict[str, Any] = {"smtp_timeout_seconds": 5.0}
    if server is not None:
        values["smtp_url"] = SecretStr(server.url)
        values["smtp_ca_file"] = server.ca_file
    values.update(overrides)
    if isinstance(values.get("smtp_url"), str):
        values["smtp_url"] = SecretStr(values["smtp_url"])
    return settings.model_copy(update=values)


def mail_worker(
    session_factory: Callable[[], DbSession],
    settings: Settings,
    clock: Clock,
    *,
    jitter: Callable[[], float] = lambda: 0.5,
    batch_size: int = BATCH_SIZE,
) -> MailWorker:
    """A new worker (as a restarted process would make), with no jitter by default."""
    return MailWorker(
        session_factory=session_factory,
        settings=settings,
        clock=clock,
        jitter=jitter,
        batch_size=batch_size,
    )


def run_mail_worker(
    session_factory: Callable[[], DbSession],
    settings: Settings,
    clock: Clock,
    *,
    max_rounds: int = 20,
) -> int:
    """Run a fresh worker's rounds until one attempts nothing; returns how many it attempted."""
    worker = mail_worker(session_factory, settings, clock)
    total = 0
    for _ in range(max_rounds):
        done = worker.run_once()
        if done == 0:
            break
        total += done
    return total
