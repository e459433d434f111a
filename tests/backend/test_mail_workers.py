"""Mail workers in parallel transactions, as in several app processes: each message is sent once.

The rollback-per-test fixtures share one connection; these tests get a throwaway database
(SQLite, or PostgreSQL when the test database URL is set) where each worker has connections of
its own, and the app's lifespan runs the worker thread as `pilotboard serve` does.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

import pytest
from sqlmodel import select

from pilotboard.core import migrations
from pilotboard.core.clock import SystemClock
from pilotboard.core.db import create_db_engine
from pilotboard.mail.models import MailMessage
from pilotboard.mail.outbox import queue_mail
from pilotboard.wiring import session_factory_for
from tests.backend.conftest import backend_name, make_settings, throwaway_database
from tests.backend.factories import make_workspace
from tests.backend.live import at_once, live_server
from tests.backend.smtp import SmtpServer, mail_settings, mail_worker

MESSAGES = 30


def test_two_workers_at_once_send_each_message_once(
    tmp_path: Path, smtp_server: SmtpServer
) -> None:
    with throwaway_database(tmp_path, "mail_two_workers") as url:
        settings = mail_settings(make_settings(url, tmp_path), smtp_server)
        migrations.upgrade(settings)
        engine = create_db_engine(url)
        clock = SystemClock()
        factory = session_factory_for(engine, clock)
        try:
            with factory() as db:
                workspace = make_workspace(db, now=clock.now(), name="Parallel")
                for n in range(MESSAGES):
                    queue_mail(
                        db,
                        to=f"person{n}@example.com",
                        kind="digest",
                        template="message",
                        context={"subject": f"Message {n}", "body": "Hi."},
                        now=clock.now(),
                        workspace_id=workspace.id,
                    )
                db.commit()
            # Small batches, so the two workers interleave their claims.
            workers = [mail_worker(factory, settings, clock, batch_size=3) for _ in range(2)]

            def drain(index: int) -> int:
                total = 0
                while done := workers[index].run_once():
                    total += done
                return total

            attempted = at_once(2, drain)

            assert sum(attempted) == MESSAGES
            subjects = Counter(message["Subject"] for message in smtp_server.messages)
            assert subjects == Counter({f"Message {n}": 1 for n in range(MESSAGES)})
            with factory() as db:
                rows = db.exec(select(MailMessage)).all()
                assert Counter((row.state, row.attempts) for row in rows) == {("sent", 1): MESSAGES}
        finally:
            engine.dispose()


def test_the_server_process_sends_mail_by_itself(tmp_path: Path, smtp_server: SmtpServer) -> None:
    with live_server(
        tmp_path,
        "mail_live",
        smtp_url=smtp_server.url,
        mail_poll_seconds=0.05,
        background_jobs=False,  # only the message below, not the daily jobs' mail
    ) as live:
        with live.session() as db:
            workspace = make_workspace(db, now=SystemClock().now(), name="Live mail")
            queue_mail(
                db,
                to="someone@example.com",
                kind="digest",
                template="message",
                context={"subject": "Sent by the server", "body": "Hi."},
                now=SystemClock().now(),
                workspace_id=workspace.id,
            )
            db.commit()

        [received] = smtp_server.wait_for(1, timeout=20)

        assert received["Subject"] == "Sent by the server"
        deadline = time.monotonic() + 20
        state = "queued"
        while state != "sent" and time.monotonic() < deadline:
            with live.session() as db:
                state = db.exec(select(MailMessage.state)).one()
            time.sleep(0.05)
        assert state == "sent"


@pytest.mark.skipif(backend_name() != "postgresql", reason="row locks: PostgreSQL only")
def test_a_claim_skips_messages_another_worker_is_claiming(
    tmp_path: Path, smtp_server: SmtpServer
) -> None:
    with throwaway_database(tmp_path, "mail_skip_locked") as url:
        settings = mail_settings(make_settings(url, tmp_path), smtp_server)
        migrations.upgrade(settings)
        engine = create_db_engine(url)
        clock = SystemClock()
        factory = session_factory_for(engine, clock)
        try:
            with factory() as db:
                workspace = make_workspace(db, now=clock.now(), name="Locks")
                for n in range(2):
                    queue_mail(
                        db,
                        to=f"person{n}@example.com",
                        kind="digest",
                        template="message",
                        context={"subject": f"Message {n}", "body": "Hi."},
                        now=clock.now(),
                        workspace_id=workspace.id,
                    )
                db.commit()
                first = db.exec(select(MailMessage.id).order_by(MailMessage.id)).first()
            # Another process is in the middle of claiming the first message.
            with factory() as holder:
                holder.exec(
                    select(MailMessage).where(MailMessage.id == first).with_for_update()
                ).one()

                jobs = mail_worker(factory, settings, clock).claim()

                assert [job.message_id for job in jobs] != [first]
                assert len(jobs) == 1
                holder.rollback()
        finally:
            engine.dispose()
