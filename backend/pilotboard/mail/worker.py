"""The mail worker: claims due messages from the outbox, sends them over SMTP, records the outcome.

It runs in a thread started by the app's lifespan (only when ``PILOTBOARD_SMTP_URL`` is set:
without it nothing is claimed and messages stay queued, visible in the email log), and is safe
with several app processes: a claim is a short transaction that locks due rows (``FOR UPDATE
SKIP LOCKED`` on PostgreSQL; SQLite takes its write lock up front, so claims there are
serialized) and moves their ``next_attempt_at`` forward by a lease. SMTP happens outside any
transaction; the outcome is recorded in another one. A process that dies mid-send leaves the
message due again when the lease ends, so nothing is lost; every attempt carries the same
``Message-ID``, so a receiver can recognise the rare message that arrives twice.

A temporary failure (a 4xx answer, a refused or dropped connection, a TLS error) is retried with
exponential backoff and jitter, up to ``MAX_ATTEMPTS``; a permanent refusal of the recipient or
the content (5xx to RCPT or DATA) fails the message at once. ``state`` is ``queued`` until it
is ``sent`` or ``failed``; ``attempts`` and ``last_error`` show in the email log.
"""

from __future__ import annotations

import logging
import random
import smtplib
import ssl
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import format_datetime, parseaddr
from urllib.parse import parse_qs, unquote, urlsplit

from sqlalchemy import update
from sqlmodel import Session, col, select

from pilotboard.core.background import PollingWorker
from pilotboard.core.clock import Clock
from pilotboard.core.config import Settings
from pilotboard.core.db import WRITE_INTENT, SessionFactory
from pilotboard.mail.links import unsubscribe_api_url
from pilotboard.mail.models import MailMessage, MailState

logger = logging.getLogger("pilotboard.mail")

MAX_ATTEMPTS = 10
FIRST_RETRY_SECONDS = 30.0
MAX_RETRY_SECONDS = 2 * 3600.0
BATCH_SIZE = 10
ERROR_CHARS = 500
_TRUE = frozenset({"1", "true", "yes", "on"})


def retry_delay(attempts: int, jitter: float) -> timedelta:
    """The wait after the ``attempts``-th failed attempt: 30 s, 1 min, 2 min… up to 2 h, each
    spread by ±20 % (``jitter`` in [0, 1), 0.5 = no spread) so retries do not arrive together.
    Ten attempts span about four hours."""
    base = min(MAX_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** max(0, attempts - 1))
    return timedelta(seconds=base * (0.8 + 0.4 * jitter))


@dataclass(frozen=True)
class SmtpTarget:
    """``PILOTBOARD_SMTP_URL``, taken apart."""

    host: str
    port: int
    implicit_tls: bool
    starttls: bool
    username: str | None
    password: str | None

    @property
    def label(self) -> str:
        return f"{self.host}:{self.port}"


def parse_smtp_url(url: str) -> SmtpTarget:
    """``smtp://[user:pass@]host[:port][?starttls=true]`` or ``smtps://…`` (implicit TLS).
    Default ports: 465 for smtps, 587 with STARTTLS, else 25."""
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError("PILOTBOARD_SMTP_URL must be smtp://… or smtps://…")
    implicit_tls = parts.scheme == "smtps"
    query = parse_qs(parts.query)
    starttls = not implicit_tls and any(
        value.lower() in _TRUE for value in query.get("starttls", [])
    )
    default_port = 465 if implicit_tls else 587 if starttls else 25
    return SmtpTarget(
        host=parts.hostname,
        port=parts.port or default_port,
        implicit_tls=implicit_tls,
        starttls=starttls,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password is not None else None,
    )


@dataclass(frozen=True)
class Job:
    """A claimed message, with everything needed to send it without the database."""

    message_id: uuid.UUID
    claim_token: uuid.UUID
    to_address: str
    to_name: str | None
    subject: str
    text_body: str
    html_body: str
    message_id_header: str
    unsubscribe_token: str
    created_at: datetime


@dataclass(frozen=True)
class Outcome:
    sent: bool
    permanent: bool = False
    error: str | None = None


# Header lines may be as long as SMTP allows (RFC 5322's 998): the default 78 would fold the
# List-Unsubscribe URL, which has no spaces, into an RFC 2047 encoded word that mail providers
# do not read as a link.
WIRE_POLICY = SMTP_POLICY.clone(max_line_length=998)


class _ConnectFailed(Exception):
    pass


def build_message(job: Job, *, settings: Settings) -> EmailMessage:
    """The message as it goes on the wire: plain text and HTML alternatives, the one-click
    unsubscribe headers of RFC 8058, and the Message-ID fixed when it was queued."""
    message = EmailMessage(policy=WIRE_POLICY)
    message["From"] = settings.mail_from
    message["To"] = (
        Address(display_name=job.to_name, addr_spec=job.to_address)
        if job.to_name
        else job.to_address
    )
    message["Subject"] = job.subject
    message["Date"] = format_datetime(job.created_at)
    message["Message-ID"] = job.message_id_header
    message["List-Unsubscribe"] = (
        f"<{unsubscribe_api_url(settings.public_url, job.unsubscribe_token)}>"
    )
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(job.text_body)
    message.add_alternative(job.html_body, subtype="html")
    return message


def _smtp_error(exc: smtplib.SMTPResponseException) -> str:
    text = exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else ""
    return f"The SMTP server answered {exc.smtp_code} {text}".strip()


class MailWorker(PollingWorker):
    """Drive it with `run_once()` (tests), or `start()`/`stop()` it as a background thread."""

    thread_name = "mail-worker"
    logger = logger

    def __init__(
        self,
        *,
        session_factory: SessionFactory,
        settings: Settings,
        clock: Clock,
        jitter: Callable[[], float] = random.random,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        super().__init__()
        self.session_factory = session_factory
        self.settings = settings
        self.clock = clock
        self.jitter = jitter
        self.batch_size = batch_size
        secret = settings.smtp_url.get_secret_value() if settings.smtp_url else None
        self.target = parse_smtp_url(secret) if secret else None
        # Connecting, TLS, sign-in and each message get the timeout; the lease outlasts them all.
        timeout = settings.smtp_timeout_seconds
        self.lease = timedelta(seconds=(4 + 2 * batch_size) * timeout + 60)
        self.poll_seconds = settings.mail_poll_seconds

    @property
    def enabled(self) -> bool:
        """Whether there is an SMTP server to send to; without one, nothing leaves the outbox."""
        return self.target is not None

    # --- one round ---------------------------------------------------------------------------

    def run_once(self) -> int:
        """Claim a batch of due messages, send them over one connection, record the outcomes.
        Returns how many messages were attempted (0, claiming nothing, without SMTP)."""
        if self.target is None:
            return 0
        jobs = self.claim()
        if not jobs:
            return 0
        outcomes = self.send(jobs)
        self.record(list(zip(jobs, outcomes, strict=True)))
        return len(jobs)

    def _session(self) -> Session:
        session = self.session_factory()
        session.connection(execution_options={WRITE_INTENT: True})
        return session

    def claim(self) -> list[Job]:
        """Take up to a batch of due messages for one lease."""
        session = self._session()
        try:
            now = self.clock.now()
            ids = session.exec(
                select(MailMessage.id)
                .where(col(MailMessage.next_attempt_at) <= now)
                .order_by(col(MailMessage.next_attempt_at), col(MailMessage.id))
                .limit(self.batch_size)
                .with_for_update(skip_locked=True)
            ).all()
            if not ids:
                session.commit()
                return []
            token = uuid.uuid4()
            session.execute(
                update(MailMessage)
                .where(col(MailMessage.id).in_(ids), col(MailMessage.next_attempt_at) <= now)
                .values(claim_token=token, next_attempt_at=now + self.lease)
                .execution_options(synchronize_session=False)
            )
            rows = session.exec(
                select(MailMessage)
                .where(MailMessage.claim_token == token)
                .order_by(col(MailMessage.created_at), col(MailMessage.id))
            ).all()
            jobs = [
                Job(
                    message_id=row.id,
                    claim_token=token,
                    to_address=row.to_address,
                    to_name=row.to_name,
                    subject=row.subject,
                    text_body=row.text_body,
                    html_body=row.html_body,
                    message_id_header=row.message_id,
                    unsubscribe_token=row.unsubscribe_token,
                    created_at=row.created_at,
                )
                for row in rows
            ]
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
        return jobs

    # --- sending -----------------------------------------------------------------------------

    def _tls_context(self) -> ssl.SSLContext:
        ca_file = self.settings.smtp_ca_file
        return ssl.create_default_context(cafile=str(ca_file) if ca_file else None)

    def _connect(self) -> smtplib.SMTP:
        target = self.target
        assert target is not None
        timeout = self.settings.smtp_timeout_seconds
        # Name ourselves after the public URL's host rather than resolving our own (slow) FQDN.
        local_hostname = urlsplit(self.settings.public_url).hostname or "localhost"
        client: smtplib.SMTP | None = None
        try:
            if target.implicit_tls:
                client = smtplib.SMTP_SSL(
                    target.host,
                    target.port,
                    local_hostname=local_hostname,
                    timeout=timeout,
                    context=self._tls_context(),
                )
            else:
                client = smtplib.SMTP(
                    target.host, target.port, local_hostname=local_hostname, timeout=timeout
                )
                if target.starttls:
                    client.ehlo()
                    client.starttls(context=self._tls_context())
            client.ehlo()
            if target.username:
                client.login(target.username, target.password or "")
            return client
        except smtplib.SMTPResponseException as exc:
            _close(client)
            raise _ConnectFailed(f"{_smtp_error(exc)} (connecting to {target.label})") from exc
        except ssl.SSLError as exc:
            _close(client)
            raise _ConnectFailed(f"TLS with {target.label} failed: {exc}") from exc
        except (OSError, smtplib.SMTPException) as exc:
            _close(client)
            reason = str(exc) or type(exc).__name__
            raise _ConnectFailed(f"Could not connect to {target.label}: {reason}") from exc

    def send(self, jobs: list[Job]) -> list[Outcome]:
        """Send each job over one connection (reconnecting once after a dropped one)."""
        outcomes: list[Outcome] = []
        client: smtplib.SMTP | None = None
        envelope_from = parseaddr(self.settings.mail_from)[1]
        try:
            for index, job in enumerate(jobs):
                if client is None:
                    try:
                        client = self._connect()
                    except _ConnectFailed as exc:
                        error = str(exc)[:ERROR_CHARS]
                        outcomes.extend(Outcome(sent=False, error=error) for _ in jobs[index:])
                        return outcomes
                outcome = self._send_one(client, job, envelope_from)
                if outcome.error is not None and not outcome.permanent:
                    _close(client)  # a temporary failure may have left the session unusable
                    client = None
                outcomes.append(outcome)
        finally:
            _close(client)
        return outcomes

    def _send_one(self, client: smtplib.SMTP, job: Job, envelope_from: str) -> Outcome:
        try:
            message = build_message(job, settings=self.settings)
            client.send_message(message, from_addr=envelope_from, to_addrs=[job.to_address])
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()), (0, b""))
            reply = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
            error = f"The SMTP server refused the recipient: {code} {reply}".strip()
            return Outcome(sent=False, permanent=code >= 500, error=error[:ERROR_CHARS])
        except smtplib.SMTPDataError as exc:
            return Outcome(
                sent=False, permanent=exc.smtp_code >= 500, error=_smtp_error(exc)[:ERROR_CHARS]
            )
        except smtplib.SMTPResponseException as exc:
            return Outcome(sent=False, error=_smtp_error(exc)[:ERROR_CHARS])
        except (OSError, smtplib.SMTPException, ValueError) as exc:
            reason = str(exc) or type(exc).__name__
            return Outcome(sent=False, error=f"Sending failed: {reason}"[:ERROR_CHARS])
        return Outcome(sent=True)

    # --- recording ---------------------------------------------------------------------------

    def record(self, results: list[tuple[Job, Outcome]]) -> None:
        session = self._session()
        try:
            # In id order, so two workers recording at once take their locks in the same order.
            for job, outcome in sorted(results, key=lambda pair: pair[0].message_id):
                self._record_one(session, job, outcome)
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def _record_one(self, session: Session, job: Job, outcome: Outcome) -> None:
        message = session.exec(
            select(MailMessage).where(MailMessage.id == job.message_id).with_for_update()
        ).first()
        if message is None or message.state != MailState.queued.value:
            return  # deleted with its workspace, or already recorded by another worker
        now = self.clock.now()
        message.attempts += 1
        message.updated_at = now
        ours = message.claim_token == job.claim_token
        if outcome.sent:
            # Sent is sent, even by a claim that outlived its lease: never send it again.
            message.state = MailState.sent.value
            message.sent_at = now
            message.next_attempt_at = None
            message.claim_token = None
        else:
            message.last_error = outcome.error
            if ours:  # a claim taken over by another worker leaves the message to that one
                message.claim_token = None
                if outcome.permanent or message.attempts >= MAX_ATTEMPTS:
                    message.state = MailState.failed.value
                    message.next_attempt_at = None
                    logger.warning("Mail %s failed: %s", message.id, outcome.error)
                else:
                    message.next_attempt_at = now + retry_delay(message.attempts, self.jitter())
        session.add(message)
        session.flush()


def _close(client: smtplib.SMTP | None) -> None:
    if client is None:
        return
    try:
        client.quit()
    except (OSError, smtplib.SMTPException):
        client.close()
