"""Mail through the outbox to a real SMTP server (aiosmtpd on 127.0.0.1): what a message holds,
what refuses to be queued, retries with backoff, restarts, and TLS.

The worker is driven one round at a time (`run_once`) under the frozen clock; the SMTP
conversation is real.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from sqlalchemy import Connection, func
from sqlmodel import Session, select

from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.core.errors import InvalidInput
from pilotboard.jobs.runner import JobRunner
from pilotboard.mail.models import MailMessage, MailState
from pilotboard.mail.outbox import queue_mail
from pilotboard.mail.worker import MAX_ATTEMPTS, parse_smtp_url, retry_delay
from pilotboard.wiring import DAILY_JOBS, session_factory_for
from pilotboard.workspaces.models import Workspace
from tests.backend.factories import make_workspace
from tests.backend.smtp import (
    CREDENTIALS,
    SmtpServer,
    free_port,
    mail_settings,
    mail_worker,
    run_mail_worker,
)

PUBLIC_URL = "http://127.0.0.1:8000"


def queue(
    db: Session,
    workspace: Workspace,
    clock: FrozenClock,
    *,
    to: str = "olga.owner@example.com",
    to_name: str | None = "Olga Owner",
    subject: str = "A decision waits on you",
    body: str = "Proactive outage calls is ready for your decision.",
    action_path: str | None = "/w/abc/pilots/123",
    kind: str = "decision_needed",
) -> MailMessage | None:
    message = queue_mail(
        db,
        to=to,
        to_name=to_name,
        kind=kind,
        template="message",
        context={"subject": subject, "body": body, "action_path": action_path},
        now=clock.now(),
        workspace_id=workspace.id,
    )
    db.commit()
    return message


def outbox(db: Session) -> list[MailMessage]:
    db.expire_all()
    return list(db.exec(select(MailMessage).order_by(MailMessage.created_at)).all())


def text_of(message: EmailMessage, subtype: str) -> str:
    part = message.get_body((subtype,))
    assert part is not None
    content = part.get_content()
    assert isinstance(content, str)
    return content.replace("\r\n", "\n")


@pytest.fixture
def workspace(db: Session, clock: FrozenClock) -> Workspace:
    ws = make_workspace(db, now=clock.now(), name="Acme Telecom")
    db.commit()
    return ws


# --- what a message holds -----------------------------------------------------------------------


def test_a_message_has_both_parts_the_headers_and_the_workspace(
    db: Session,
    workspace: Workspace,
    clock: FrozenClock,
    settings: Settings,
    session_factory: Callable[[], Session],
    smtp_server: SmtpServer,
) -> None:
    queued = queue(db, workspace, clock)
    assert queued is not None
    local = mail_settings(settings, smtp_server, mail_from="Pilotboard <pilots@acme.example>")

    assert run_mail_worker(session_factory, local, clock) == 1

    [received] = smtp_server.messages
    assert smtp_server.envelopes == [("pilots@acme.example", ["olga.owner@example.com"])]
    token = queued.unsubscribe_token
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)
    assert {
        name: received[name]
        for name in (
            "From",
            "To",
            "Subject",
            "Message-ID",
            "List-Unsubscribe",
            "List-Unsubscribe-Post",
            "Auto-Submitted",
        )
    } == {
        "From": "Pilotboard <pilots@acme.example>",
        "To": "Olga Owner <olga.owner@example.com>",
        "Subject": "A decision waits on you",
        "Message-ID": f"<{queued.id.hex}@127.0.0.1>",
        "List-Unsubscribe": f"<{PUBLIC_URL}/api/v1/mail/unsubscribe/{token}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "Auto-Submitted": "auto-generated",
    }
    assert received.get_content_type() == "multipart/alternative"
    text = text_of(received, "plain")
    html = text_of(received, "html")
    assert text.startswith("Acme Telecom\n============\n\n")
    assert "Proactive outage calls is ready for your decision." in text
    assert f"Open in Pilotboard: {PUBLIC_URL}/w/abc/pilots/123" in text
    assert f"Stop this kind of mail: {PUBLIC_URL}/unsubscribe/{token}" in text
    assert '<strong style="color:#18181b;">Acme Telecom</strong>' in html
    assert f'<a href="{PUBLIC_URL}/w/abc/pilots/123"' in html
    assert f'<a href="{PUBLIC_URL}/unsubscribe/{token}"' in html
    [row] = outbox(db)
    assert (row.state, row.attempts, row.last_error, row.sent_at) == (
        "sent",
        1,
        None,
        clock.now(),
    )
    assert row.next_attempt_at is None


def test_values_are_escaped_in_html_and_kept_as_text_in_plain_text(
    db: Session,
    clock: FrozenClock,
    settings: Settings,
    session_factory: Callable[[], Session],
    smtp_server: SmtpServer,
) -> None:
    workspace = make_workspace(db, now=clock.now(), name="<b>Bold</b> & Co")
    db.commit()
    queue(db, workspace, clock, body='<script>alert("x")</script> "quoted" & <img src=x>')

    run_mail_worker(session_factory, mail_settings(settings, smtp_server), clock)

    [received] = smtp_server.messages
    html = text_of(received, "html")
    assert "<script>" not in html
    assert "<img src=x>" not in html
    assert "<b>Bold</b>" not in html
    assert (
        "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &#34;quoted&#34; &amp; &lt;img src=x&gt;"
        in html
    )
    assert "&lt;b&gt;Bold&lt;/b&gt; &amp; Co" in html
    text = text_of(received, "plain")
    assert '<script>alert("x")</script> "quoted" & <img src=x>' in text
    assert text.startswith("<b>Bold</b> & Co\n")


def test_links_are_made_absolute_with_the_public_url(
    connection: Connection,
    workspace: Workspace,
    clock: FrozenClock,
    settings: Settings,
    smtp_server: SmtpServer,
) -> None:
    public = "https://pilots.acme.example"
    factory = session_factory_for(
        connection, clock, public_url=public, join_transaction_mode="create_savepoint"
    )
    with factory() as db:
        queued = queue(db, workspace, clock)
    assert queued is not None
    local = mail_settings(settings, smtp_server, public_url=public)

    run_mail_worker(factory, local, clock)

    [received] = smtp_server.messages
    token = queued.unsubscribe_token
    assert received["Message-ID"] == f"<{queued.id.hex}@pilots.acme.example>"
    assert received["List-Unsubscribe"] == f"<{public}/api/v1/mail/unsubscribe/{token}>"
    # On the wire as a plain <URL> on one line (never RFC 2047-encoded or folded mid-URL), so
    # mail providers recognise the one-click link.
    raw_header = f"\r\nList-Unsubscribe: <{public}/api/v1/mail/unsubscribe/{token}>\r\n"
    assert raw_header.encode() in smtp_server.raw[0]
    assert f"{public}/w/abc/pilots/123" in text_of(received, "plain")
    assert f'href="{public}/unsubscribe/{token}"' in text_of(received, "html")


def test_a_non_ascii_name_and_subject_are_encoded(
    db: Session,
    workspace: Workspace,
    clock: FrozenClock,
    settings: Settings,
    session_factory: Callable[[], Session],
    smtp_server: SmtpServer,
) -> None:
    queue(db, workspace, clock, to_name="Zoë Ångström, Jr.", subject="Décision attendue — «X»")

    run_mail_worker(session_factory, mail_settings(settings, smtp_server), clock)

    [received] = smtp_server.messages
    assert received["To"] == '"Zoë Ångström, Jr." <olga.owner@example.com>'
    assert received["Subject"] == "Décision attendue — «X»"


# --- what is refused ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "loc", "msg"),
    [
        ({"to": "olga@example.com\r\nBcc: all@example.com"}, ["to"], "line breaks"),
        ({"to": "olga@example.com\nBcc: all@example.com"}, ["to"], "line breaks"),
        ({"to_name": "Olga\r\nBcc: all@example.com"}, ["to_name"], "line breaks"),
        ({"to_name": "Olga\x00"}, ["to_name"], "line breaks"),
        ({"subject": "Hello\r\nBcc: all@example.com"}, ["subject"], "line breaks"),
        ({"subject": "Hello\nX-Injected: 1"}, ["subject"], "line breaks"),
        ({"to": "not-an-address"}, ["to"], "like name@example.com"),
        ({"to": "olga@"}, ["to"], "like name@example.com"),
        ({"to": "@example.com"}, ["to"], "like name@example.com"),
        ({"to": "olga@@example.com"}, ["to"], "like name@example.com"),
        ({"to": "olga smith@example.com"}, ["to"], "like name@example.com"),
        ({"to": "olga@exa mple.com"}, ["to"], "like name@example.com"),
        ({"to": "<olga@example.com>"}, ["to"], "like name@example.com"),
        ({"to": "olga@example.com, eve@example.com"}, ["to"], "like name@example.com"),
        ({"to": "olga..x@example.com"}, ["to"], "like name@example.com"),
        ({"to": "olga@-example.com"}, ["to"], "like name@example.com"),
        ({"to": "olga@example..com"}, ["to"], "like name@example.com"),
        ({"to": "o" * 65 + "@example.com"}, ["to"], "like name@example.com"),
        ({"to": "olga@" + "e" * 250 + ".com"}, ["to"], "like name@example.com"),
    ],
)
def test_header_injection_and_malformed_addresses_queue_nothing(
    db: Session,
    workspace: Workspace,
    clock: FrozenClock,
    values: dict[str, str],
    loc: list[str],
    msg: str,
) -> None:
    with pytest.raises(InvalidInput) as refused:
        queue(db, workspace, clock, **values)  # type: ignore[arg-type]
    db.rollback()
    assert refused.value.status == 422
    [error] = refused.value.extra["errors"]
    assert error["loc"] == loc
    assert msg in error["msg"]
    assert outbox(db) == []


def test_addresses_are_normalised(db: Session, workspace: Workspace, clock: FrozenClock) -> None:
    queued = queue(db, workspace, clock, to="  Olga.Owner+pilots@Example.COM ", to_name="  ")
    assert queued is not None
    assert (queued.to_address, queued.to_name) == ("olga.owner+pilots@example.com", None)


def test_an_overlong_subject_is_shortened_not_refused(
    db: Session, workspace: Workspace, clock: FrozenClock
) -> None:
    queued = queue(db, workspace, clock, subject="Pilot " + "x" * 400)
    assert queued is not None
    assert len(queued.subject) == 300
    assert queued.subject.endswith("…")


# --- without SMTP -------------------------------------------------------------------------------


def test_without_smtp_nothing_is_sent_and_messages_stay_queued(
    db: Session,
    workspace: Workspace,
    clock: FrozenClock,
    settings: Settings,
    session_factory: Callable[[], Session],
) -> None:
    queue(db, workspace, clock)
    worker = mail_worker(session_factory, mail_settings(settings, smtp_url=None), clock)

    assert not worker.enabled
    assert worker.run_once() == 0

    [row] = outbox(db)
    assert (row.state, row.attempts, row.claim_token, row.next_attempt_at) == (
        "queued",
        0,
        None,
        clock.now(),
    )


# --- restarts and parallel workers ---------------------------------------------------------------


def test_a_restart_between_queueing_and_sending_loses_nothing_and_sends_nothing_twice(
    db: Session,
    workspace: Workspace,
    clock: FrozenClock,
    settings: Settings,
    session_factory: Callable[[], Session],
    smtp_server: SmtpServer,
) -> None:
    local = mail_settings(settings, smtp_server)
    for n in range(3):
        queue(db, workspace, clock, subject=f"Message {n}")
    # The first process claims the messages and dies before sending them.
    crashed = mail_worker(session_factory, local, clock)
    assert len(crashed.claim()) == 3
    # A new process sees them leased: nothing is sent twice while the lease lasts.
    assert mail_worker(session_factory, local, clock).run_once() == 0
    assert smtp_server.messages == []

    clock.advance(seconds=crashed.lease.total_seconds())
    assert run_mail_worker(session_factory, local, clock) == 3
    # Yet another process finds nothing left to send.
    assert run_mail_worker(session_factory, local, clock) == 0
    clock.advance(days=2)
    assert run_mail_worker(session_factory, local, clock) == 0

    assert sorted(m["Subject"] for m in smtp_server.messages) == [
        "Message 0",
        "Message 1",
        "Message 2",
    ]
    assert {(row.state, row.attempts) for row in outbox(db)} == {("sent", 1)}


def test_a_message_queued_before_the_restart_is_sent_by_the_new_process(
    db: Session,
    workspace: Workspace,
    clock: FrozenClock,
    settings: Settings,
    session_factory: Callable[[], Session],
    smtp_server: SmtpServer,
) -> None:
    queue(db, workspace, clock)
    # The first process runs without SMTP (or stops) before sending anything.
    assert (
        mail_worker(session_factory, mail_settings(settings, smtp_url=None), clock).run_once() == 0
    )
    clock.advance(minutes=5)

    assert run_mail_worker(session_factory, mail_settings(settings, smtp_server), clock) == 1
    assert len(smtp_server.messages) == 1


def test_a_late_outcome_of_a_claim_that_outlived_its_lease_is_not_sent_again(
    db: Session,
    workspace: Workspace,
    clock: FrozenClock,
    settings: Settings,
    session_factory: Callable[[], Session],
    smtp_server: SmtpServer,
) -> None:
    """A slow process sends after its lease ran out: its success is recorded, so the process
    that took the message over (and failed) does not send it again."""
    local = mail_settings(settings, smtp_server)
    queue(db, workspace, clock)
    slow = mail_worker(session_factory, local, clock)
    slow_jobs = slow.claim()
    clock.advance(seconds=slow.lease.total_seconds())
    other = mail_worker(session_factory, local, clock)
    other_jobs = other.claim()
    assert [j.message_id for j in other_jobs] == [j.message_id for j in slow_jobs]

    slow.record(list(zip(slow_jobs, slow.send(slow_jobs), strict=True)))
    smtp_server.fail_next(451)
    other.record(list(zip(other_jobs, other.send(other_jobs), strict=True)))

    [row] = outbox(db)
    assert (row.state, row.attempts) == ("sent", 1)
    clock.advance(hours=5)
    assert run_mail_worker(session_factory, local, clock) == 0
    assert len(smtp_server.messages) == 1


# --- failures, retries and backoff --------------------------------------------------------------


def test_backoff_doubles_from_30_seconds_to_2_hours_with_20_percent_jitter() -> None:
    assert [retry_delay(n, 0.5).total_seconds() for n in range(1, 11)] == [
        30,
        60,
        120,
        240,
        480,
        960,
        1920,
        3840,
        7200,
        7200,
    ]
    assert retry_delay(1, 0.0) == timedelta(seconds=24)
    assert retry_delay(1, 0.999999) < timedelta(seconds=36)
    assert retry_delay(20, 0.0) == timedelta(seconds=5760)


def test_a_4xx_answer_is_retried_with_backoff_until_it_is_accepted(
    db: Session,
    workspace: Workspace,
    clock: FrozenClock,
    settings: Settings,
    session_factory: Callable[[], Session],
    smtp_server: SmtpServer,
) -> None:
    local = mail_settings(settings, smtp_server)
    queued = queue(db, workspace, clock)
    assert queued is not None
    smtp_server.fail_next(451, "4.3.0 Mailbox busy, try again", times=2)
    worker = mail_worker(session_factory, local, clock)
    start = clock.now()

    assert worker.run_once() == 1
    [row] = outbox(db)
    assert (row.state, row.attempts, row.last_error, row.next_attempt_at) == (
        "queued",
        1,
        "The SMTP server answered 451 4.3.0 Mailbox busy, try again",
        start + timedelta(seconds=30),
    )
    assert worker.run_once() == 0  # not due yet
    clock.advance(seconds=30)
    assert worker.run_once() == 1
    [row] = outbox(db)
    assert (row.attempts, row.next_attempt_at) == (2, start + timedelta(seconds=90))
    clock.advance(seconds=60)
    assert worker.run_once() == 1

    [row] = outbox(db)
    assert (row.state, row.attempts, row.sent_at) == ("sent", 3, start + timedelta(seconds=90))
    # The last error stays visible next to the eventual success.
    assert row.last_error == "The SMTP server answered 451 4.3.0 Mailbox busy, try again"
    [received] = smtp_server.messages
    assert received["Message-ID"] == f"<{queued.id.hex}@127.0.0.1>"


def test_a_refused_connection_is_retried_and_the_error_kept(
    db: Session,
    workspace: Workspace,
    clock: FrozenClock,
    settings: Settings,
    session_factory: Callable[[], Session],
) -> None:
    port = free_port()
    queue(db, workspace, clock)
    local = mail_settings(settings, smtp_url=f"smtp://127.0.0.1:{port}")

    assert mail_worker(session_factory, local, clock).run_once() == 1

    [row] = outbox(db)
    assert (row.state, row.attempts) == ("queued", 1)
    assert row.last_error is not None
    assert row.last_error.startswith(f"Could not connect to 127.0.0.1:{port}: ")
    assert "refused" in row.last_error.lower()
    assert row.next_attempt_at == clock.now() + timedelta(seconds=30)


def test_a_dropped_connection_is_retried(
    db: Session,
    workspace: Workspace,
    clock: FrozenClock,
    settings: Settings,
    session_factory: Callable[[], Session],
    smtp_server: SmtpServer,
) -> None:
    local = mail_settings(settings, smtp_server)
    queue(db, workspace, clock, subject="First")
    clock.advance(seconds=1)
    queue(db, workspace, clock, subject="Second")
    smtp_server.drop_next()

    assert mail_worker(session_factory, local, clock).run_once() == 2

    # The first was cut off; the second went out over a new connection.
    assert [m["Subject"] for m in smtp_server.messages] == ["Second"]
    first, second = outbox(db)
    assert (first.state, first.last_error) == (
        "queued",
        "Sending failed: Connection unexpectedly closed",
    )
    assert second.state == "sent"
    clock.advance(seconds=30)
    assert run_mail_worker(session_factory, local, clock) == 1
    assert sorted(m["Subject"] for m in smtp_server.messages) == ["First", "Second"]


def test_a_permanent_refusal_fails_at_once(
    db: Session,
    workspace: Workspace,
    clock: FrozenClock,
    settings: Settings,
    session_factory: Callable[[], Session],
    smtp_server: SmtpServer,
) -> None:
    queue(db, workspace, clock)
    smtp_server.fail_next(550, "5.1.1 No such user", stage="rcpt")

    assert run_mail_worker(session_factory, mail_settings(settings, smtp_server), clock) == 1

    [row] = outbox(db)
    assert (row.state, row.attempts, row.next_attempt_at, row.last_error) == (
        "failed",
        1,
        None,
        "The SMTP server refused the recipient: 550 5.1.1 No such user",
    )
    clock.advance(days=1)
    assert run_mail_worker(session_factory, mail_settings(settings, smtp_server), clock) == 0


def test_a_message_fails_after_the_last_attempt(
    db: Session,
    workspace: Workspace,
    clock: FrozenClock,
    settings: Settings,
    session_factory: Callable[[], Session],
    smtp_server: SmtpServer,
) -> None:
    queue(db, workspace, clock)
    smtp_server.fail_next(421, "4.7.0 Too busy", times=MAX_ATTEMPTS + 5, stage="mail")
    worker = mail_worker(session_factory, mail_settings(settings, smtp_server), clock)

    for attempt in range(1, MAX_ATTEMPTS + 1):
        assert worker.run_once() == 1
        [row] = outbox(db)
        assert row.attempts == attempt
        if row.next_attempt_at is not None:
            clock.current = row.next_attempt_at

    [row] = outbox(db)
    assert (row.state, row.attempts, row.next_attempt_at) == ("failed", MAX_ATTEMPTS, None)
    assert row.last_error == "The SMTP server answered 421 4.7.0 Too busy"
    assert smtp_server.messages == []
    clock.advance(days=7)
    assert worker.run_once() == 0


# --- TLS and signing in -------------------------------------------------------------------------


def test_starttls_with_a_private_ca_and_credentials(
    db: Session,
    workspace: Workspace,
    clock: FrozenClock,
    settings: Settings,
    session_factory: Callable[[], Session],
    smtp_server_starttls: SmtpServer,
) -> None:
    server = smtp_server_starttls
    queue(db, workspace, clock)
    local = mail_settings(settings, server)
    assert parse_smtp_url(server.url).starttls

    assert run_mail_worker(session_factory, local, clock) == 1

    assert len(server.messages) == 1
    assert server.logins == [CREDENTIALS[0]]
    assert outbox(db)[0].state == "sent"


def test_implicit_tls_with_a_private_ca_and_credentials(
    db: Session,
    workspace: Workspace,
    clock: FrozenClock,
    settings: Settings,
    session_factory: Callable[[], Session],
    smtp_server_tls: SmtpServer,
) -> None:
    server = smtp_server_tls
    queue(db, workspace, clock)
    local = mail_settings(settings, server)
    assert parse_smtp_url(server.url).implicit_tls

    assert run_mail_worker(session_factory, local, clock) == 1

    assert len(server.messages) == 1
    assert server.logins == [CREDENTIALS[0]]


@pytest.mark.parametrize("mode", ["starttls", "tls"])
def test_a_certificate_from_an_untrusted_ca_is_refused(
    db: Session,
    workspace: Workspace,
    clock: FrozenClock,
    settings: Settings,
    session_factory: Callable[[], Session],
    smtp_server_starttls: SmtpServer,
    smtp_server_tls: SmtpServer,
    mode: str,
) -> None:
    server = smtp_server_starttls if mode == "starttls" else smtp_server_tls
    queue(db, workspace, clock)
    local = mail_settings(settings, server, smtp_ca_file=None)  # the system's CAs only

    assert run_mail_worker(session_factory, local, clock) == 1

    [row] = outbox(db)
    assert (row.state, server.messages, server.logins) == ("queued", [], [])
    assert row.last_error is not None
    assert row.last_error.startswith(f"TLS with 127.0.0.1:{server.port} failed: ")
    assert "CERTIFICATE_VERIFY_FAILED" in row.last_error


def test_wrong_credentials_are_an_error_in_the_log_not_a_crash(
    db: Session,
    workspace: Workspace,
    clock: FrozenClock,
    settings: Settings,
    session_factory: Callable[[], Session],
    smtp_server_starttls: SmtpServer,
) -> None:
    server = smtp_server_starttls
    queue(db, workspace, clock)
    url = server.url.replace("mailer:", "intruder:")
    local = mail_settings(settings, server, smtp_url=url)

    assert run_mail_worker(session_factory, local, clock) == 1

    [row] = outbox(db)
    assert (row.state, server.messages) == ("queued", [])
    assert row.last_error is not None
    assert row.last_error.startswith("The SMTP server answered 535")


# --- the settings -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://mail.example.com", ("mail.example.com", 25, False, False, None, None)),
        (
            "smtp://u%40x:p%3Aw@mail.example.com?starttls=true",
            ("mail.example.com", 587, False, True, "u@x", "p:w"),
        ),
        ("smtps://mail.example.com", ("mail.example.com", 465, True, False, None, None)),
        ("smtp://127.0.0.1:2525?starttls=false", ("127.0.0.1", 2525, False, False, None, None)),
    ],
)
def test_the_smtp_url_is_read(url: str, expected: tuple[Any, ...]) -> None:
    target = parse_smtp_url(url)
    assert (
        target.host,
        target.port,
        target.implicit_tls,
        target.starttls,
        target.username,
        target.password,
    ) == expected


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"smtp_url": "http://mail.example.com"}, "PILOTBOARD_SMTP_URL must look like"),
        ({"smtp_url": "smtp://"}, "PILOTBOARD_SMTP_URL must look like"),
        ({"smtp_url": "smtp://mail.example.com:port"}, "port that is not a number"),
        ({"public_url": "pilots.example.com"}, "PILOTBOARD_PUBLIC_URL must be"),
        ({"mail_from": "Pilotboard"}, "PILOTBOARD_MAIL_FROM must be an address"),
        ({"mail_from": "a@b.c\r\nBcc: x@y.z"}, "must not contain control characters"),
        ({"smtp_ca_file": "/nonexistent/ca.pem"}, "there is no file /nonexistent/ca.pem"),
    ],
)
def test_bad_mail_settings_are_refused_at_start(
    settings: Settings, values: dict[str, str], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        Settings.model_validate({**settings.model_dump(), **values})


def test_mail_settings_defaults(settings: Settings) -> None:
    assert (settings.smtp_url, settings.public_url, settings.mail_from, settings.mail_worker) == (
        None,
        PUBLIC_URL,
        "Pilotboard <pilotboard@localhost>",
        True,
    )
    trimmed = Settings.model_validate(
        {
            **settings.model_dump(),
            "public_url": "https://x.example/pb/",
            "smtp_url": " ",
            "smtp_ca_file": "",
        }
    )
    assert (trimmed.public_url, trimmed.smtp_url, trimmed.smtp_ca_file) == (
        "https://x.example/pb",
        None,
        None,
    )


def test_each_message_gets_its_own_unsubscribe_token_and_message_id(
    db: Session, workspace: Workspace, clock: FrozenClock
) -> None:
    for n in range(4):
        queue(db, workspace, clock, to=f"p{n}@example.com")
    assert db.exec(select(func.count()).select_from(MailMessage)).one() == 4
    assert {m.state for m in outbox(db)} == {MailState.queued.value}
    assert len({m.unsubscribe_token for m in outbox(db)}) == 4
    assert len({m.message_id for m in outbox(db)}) == 4


# --- retention ----------------------------------------------------------------------------------


def test_the_daily_job_forgets_finished_mail_after_180_days(
    db: Session,
    workspace: Workspace,
    clock: FrozenClock,
    settings: Settings,
    session_factory: Callable[[], Session],
    smtp_server: SmtpServer,
) -> None:
    sent = queue(db, workspace, clock, subject="Sent")
    run_mail_worker(session_factory, mail_settings(settings, smtp_server), clock)
    waiting = queue(db, workspace, clock, subject="Still queued")
    assert sent is not None
    assert waiting is not None
    jobs = JobRunner(session_factory=session_factory, clock=clock, jobs=DAILY_JOBS)

    clock.advance(days=179)
    assert jobs.run("old_mail") == 0
    clock.advance(days=1, seconds=1)
    assert jobs.run("old_mail") == 1

    assert [m.subject for m in outbox(db)] == ["Still queued"]
