"""The weekly digest (API.md, "People outside the app"): what it says and to whom, once per
person per ISO week whatever the number of processes, on the workspace's digest day, and the
`pilotboard digest` command (`--dry-run`, `--force`). Messages go to a real SMTP server."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func
from sqlmodel import Session, select
from typer.testing import CliRunner

from pilotboard.cli import app as cli
from pilotboard.core import migrations
from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings, get_settings
from pilotboard.core.db import WRITE_INTENT, create_db_engine
from pilotboard.exports.schemas import ExportDocument
from pilotboard.exports.service import restore_workspace
from pilotboard.invitations.models import Invitation
from pilotboard.mail.models import MailMessage
from pilotboard.notifications.digest import daily_digest_job, iso_week, send_digests
from pilotboard.notifications.models import DigestSend, NotificationPreferences
from pilotboard.pilots.models import Pilot, Stage
from pilotboard.wiring import session_factory_for
from pilotboard.workspaces.models import Role, Workspace
from tests.backend.conftest import TEST_SECRET, make_settings, throwaway_database
from tests.backend.factories import (
    Api,
    Caller,
    add_member,
    browser_caller,
    make_user,
    make_workspace,
)
from tests.backend.smtp import SmtpServer, mail_settings, run_mail_worker

PUBLIC_URL = "http://127.0.0.1:8000"
# A Monday (ISO week 2026-W03), at nine.
MONDAY = datetime(2026, 1, 12, 9, 0, tzinfo=UTC)


def seed(db: Session, now: datetime, *, name: str = "Acme") -> dict[str, Any]:
    """A workspace with an executive (sponsor of one pilot waiting in scale review), another
    executive, an admin, an editor; a pilot waiting without a sponsor, and a stalled one."""
    ws = make_workspace(db, now=now, name=name)
    people = {}
    for key, role in (
        ("erin", Role.executive),
        ("eve", Role.executive),
        ("ada", Role.admin),
        ("ed", Role.editor),
    ):
        people[key] = make_user(
            db, now=now, email=f"{key}-{ws.id.hex[:6]}@example.com", name=key.title()
        )
        add_member(db, workspace=ws, user=people[key], role=role, now=now)
    db.commit()
    pilots = {}
    for key, title, sponsor, stage, days in (
        ("sponsored", "Remote diagnostics", people["erin"].id, Stage.scale_review, 10),
        ("orphan", "Spare parts kiosk", None, Stage.scale_review, 3),
        ("stalled", "Night shift pilot", people["eve"].id, Stage.running, 20),
        ("fine", "Quiet pilot", people["erin"].id, Stage.proposed, 1),
    ):
        pilot = Pilot(
            workspace_id=ws.id,
            title=title,
            target_outcome="business_process",
            owner_id=people["ed"].id,
            sponsor_id=sponsor,
            stage=stage.value,
            stage_entered_at=now - timedelta(days=days),
            created_at=now - timedelta(days=days),
            updated_at=now - timedelta(days=days),
        )
        db.add(pilot)
        pilots[key] = pilot
    db.commit()
    # The stalled one was at risk (too few departments) until it ran 45 days without an
    # iteration: a change of health this week.
    pilots["stalled"].stage_entered_at = now - timedelta(days=60)
    db.add(pilots["stalled"])
    db.commit()
    return {"ws": ws, "people": people, "pilots": pilots}


@pytest.fixture
def world(db: Session, clock: FrozenClock, settings: Settings, app: FastAPI) -> dict[str, Any]:
    settings = settings.model_copy(update={"session_idle_hours": 1e5, "session_max_days": 1e4})
    app.state.settings = settings
    clock.current = MONDAY
    world = seed(db, clock.now())
    world["settings"] = settings
    return world


def deliver(
    session_factory: Any, settings: Settings, clock: FrozenClock, server: SmtpServer
) -> list[EmailMessage]:
    """The digests the server received (the seeded pilots also sent `decision_needed`)."""
    run_mail_worker(session_factory, mail_settings(settings, server), clock)
    return [m for m in server.messages if " this week: " in m["Subject"]]


def plain(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    return str(part.get_content()).replace("\r\n", "\n")


def html(message: EmailMessage) -> str:
    part = message.get_body(("html",))
    assert part is not None
    return str(part.get_content())


def digests(db: Session) -> list[str]:
    db.expire_all()
    return sorted(db.exec(select(MailMessage.to_address).where(MailMessage.kind == "digest")).all())


def send_now(db: Session, clock: FrozenClock, **options: Any) -> Any:
    run = send_digests(db, now=clock.now(), only_due=False, **options)
    db.commit()
    return run


# --- what it says, to whom ---------------------------------------------------------------------


def test_the_digest_goes_to_executives_and_admins_with_what_waits_on_them(
    world: dict[str, Any],
    db: Session,
    clock: FrozenClock,
    session_factory: Any,
    smtp_server: SmtpServer,
) -> None:
    run = send_now(db, clock)

    assert run.sent == 3
    messages = {m["To"]: m for m in deliver(session_factory, world["settings"], clock, smtp_server)}
    people, pilots, ws = world["people"], world["pilots"], world["ws"]
    assert sorted(messages) == sorted(
        f"{people[k].name} <{people[k].email}>" for k in ("erin", "eve", "ada")
    )  # not the editor
    erin = messages[f"Erin <{people['erin'].email}>"]
    assert erin["Subject"] == "Acme this week: 2 decisions waiting, 1 stalled"
    text = plain(erin)
    assert "your week in Acme (2026-W03)" in text
    link = f"{PUBLIC_URL}/w/{ws.id}/pilots/"
    # Hers (she sponsors it) and the one without a sponsor, longest waiting first.
    decisions = text.split("DECISIONS WAITING ON YOU")[1].split("STALLED PILOTS")[0]
    assert decisions.strip().splitlines() == [
        "- Remote diagnostics: scale review decision, waiting 10 days",
        f"  {link}{pilots['sponsored'].id}",
        "- Spare parts kiosk: scale review decision, waiting 3 days",
        f"  {link}{pilots['orphan'].id}",
    ]
    stalled = text.split("STALLED PILOTS")[1].split("HEALTH CHANGES THIS WEEK")[0]
    assert "- Night shift pilot" in stalled
    assert "No iteration for 60 days since entering running" in stalled
    assert f"  {link}{pilots['stalled'].id}" in stalled
    changes = text.split("HEALTH CHANGES THIS WEEK")[1].split("The whole portfolio")[0]
    assert changes.strip().splitlines() == [
        "- 2026-01-12: Night shift pilot went from at risk to stalled",
        f"  {link}{pilots['stalled'].id}",
    ]
    assert f'href="{link}{pilots["sponsored"].id}"' in html(erin)
    assert erin["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # Eve sponsors nothing waiting: only the pilot without a sponsor is hers to decide.
    eve = plain(messages[f"Eve <{people['eve'].email}>"])
    assert "Spare parts kiosk" in eve
    assert "Remote diagnostics: scale review" not in eve


def test_at_most_one_digest_per_person_per_week_unless_forced(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    assert send_now(db, clock).sent == 3
    clock.advance(days=3)
    again = send_now(db, clock)
    assert (again.sent, again.already_sent) == (0, 3)
    assert len(digests(db)) == 3

    forced = send_now(db, clock, force=True)
    assert forced.sent == 3
    assert len(digests(db)) == 6

    clock.advance(days=4)  # Monday of the next ISO week
    assert iso_week(clock.today()) == "2026-W04"
    assert send_now(db, clock).sent == 3
    weeks = db.exec(select(DigestSend.week)).all()
    assert sorted(set(weeks)) == ["2026-W03", "2026-W04"]


def test_dry_run_sends_and_records_nothing(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    run = send_digests(db, now=clock.now(), only_due=False, dry_run=True)
    db.commit()

    assert run.sent == 0
    assert len(run.previews) == 3
    assert run.previews[0].startswith("To: ")
    assert "DECISIONS WAITING ON YOU" in run.previews[0]
    assert digests(db) == []
    assert db.exec(select(func.count()).select_from(DigestSend)).one() == 0


def test_weekly_digest_off_and_the_one_click_unsubscribe_stop_it(
    world: dict[str, Any],
    db: Session,
    clock: FrozenClock,
    client: TestClient,
    settings: Settings,
    session_factory: Any,
    smtp_server: SmtpServer,
) -> None:
    people = world["people"]
    # Eve turns it off in her preferences; the editor turns it on (not an executive: nothing).
    eve = browser_caller(db, user=people["eve"], settings=world["settings"], now=clock.now())
    ed = browser_caller(db, user=people["ed"], settings=world["settings"], now=clock.now())
    db.commit()
    for caller, value in ((eve, False), (ed, True)):
        _use(client, caller)
        response = client.patch(
            "/api/v1/me/preferences", json={"weekly_digest": value}, headers=caller.headers
        )
        assert response.status_code == 200

    send_now(db, clock)
    messages = deliver(session_factory, world["settings"], clock, smtp_server)
    assert sorted(m["To"] for m in messages) == sorted(
        f"{people[k].name} <{people[k].email}>" for k in ("erin", "ada")
    )

    # Ada follows the digest's one-click unsubscribe: next week she gets none.
    ada_message = next(m for m in messages if people["ada"].email in m["To"])
    client.cookies.clear()
    one_click = ada_message["List-Unsubscribe"].strip("<>").removeprefix(PUBLIC_URL)
    assert client.post(one_click).status_code in (200, 204)
    db.expire_all()
    stored = db.get(NotificationPreferences, people["ada"].id)
    assert stored is not None
    assert stored.weekly_digest is False

    clock.advance(days=7)
    send_now(db, clock)
    assert [a for a in digests(db) if a == people["ada"].email] == [people["ada"].email]


def _use(client: TestClient, caller: Caller) -> None:
    client.cookies.clear()
    for name, value in caller.cookies.items():
        client.cookies.set(name, value)


# --- the digest day ----------------------------------------------------------------------------


def test_the_server_sends_it_on_the_workspaces_digest_day(
    world: dict[str, Any], db: Session, clock: FrozenClock, client: TestClient
) -> None:
    ada = browser_caller(
        db, user=world["people"]["ada"], settings=world["settings"], now=clock.now()
    )
    db.commit()
    admin = Api(client, ada, world["ws"])
    assert admin.ok("GET", "/settings")["digest_weekday"] == "monday"
    bad = admin.send("PATCH", "/settings", {"digest_weekday": "funday"})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["loc"] == ["body", "digest_weekday"]
    assert (
        admin.ok("PATCH", "/settings", {"digest_weekday": "wednesday"})["digest_weekday"]
        == "wednesday"
    )

    assert daily_digest_job(db, clock.now()) == 0  # Monday
    clock.advance(days=1)
    assert daily_digest_job(db, clock.now()) == 0  # Tuesday
    clock.advance(days=1)
    assert daily_digest_job(db, clock.now()) == 3  # Wednesday
    db.commit()
    clock.advance(days=1)
    assert daily_digest_job(db, clock.now()) == 0  # Thursday: already sent this week
    db.commit()
    assert len(digests(db)) == 3


def test_a_server_down_on_the_digest_day_sends_later_that_week(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    clock.advance(days=2)  # Wednesday; the digest day (Monday) was missed

    assert daily_digest_job(db, clock.now()) == 3


def test_the_digest_day_travels_with_export_and_restore(
    world: dict[str, Any], db: Session, clock: FrozenClock, client: TestClient
) -> None:
    ada = browser_caller(
        db, user=world["people"]["ada"], settings=world["settings"], now=clock.now()
    )
    db.commit()
    admin = Api(client, ada, world["ws"])
    admin.ok("PATCH", "/settings", {"digest_weekday": "friday"})
    invited = admin.send(
        "POST", "/invitations", {"email": "secret-invitee@example.com", "role": "viewer"}
    )
    assert invited.status_code == 202

    exported = admin.get("/export")
    assert exported.status_code == 200
    document = exported.json()
    assert document["settings"]["digest_weekday"] == "friday"
    # Pending invitations and people's preferences are left out (the activity log still says
    # who was invited, as it says who joined).
    assert "invitations" not in document
    raw = json.dumps(document)
    stored = db.exec(select(Invitation)).one()
    assert stored.token_hash not in raw
    assert "weekly_digest" not in raw
    assert "email_immediate" not in raw

    restored = restore_workspace(
        db,
        document=ExportDocument.model_validate(document),
        name="Acme again",
        admin_email=world["people"]["ada"].email,
        app_secret=TEST_SECRET,
        now=clock.now(),
    )
    db.commit()
    again = Api(client, ada, db.get(Workspace, restored.workspace_id))  # type: ignore[arg-type]
    assert again.ok("GET", "/settings")["digest_weekday"] == "friday"


# --- several processes at once -----------------------------------------------------------------


@pytest.fixture
def own_database(tmp_path: Path) -> Iterator[tuple[str, Engine]]:
    """A database of the test's own, committed to for real (not rolled back)."""
    with throwaway_database(tmp_path, "digest") as url:
        migrations.upgrade(make_settings(url, tmp_path))
        engine = create_db_engine(url)
        try:
            yield url, engine
        finally:
            engine.dispose()


def test_two_workers_racing_send_each_digest_once(
    own_database: tuple[str, Engine], tmp_path: Path
) -> None:
    url, engine = own_database
    clock = FrozenClock(current=MONDAY)
    with session_factory_for(engine, clock)() as session:
        seeded = seed(session, clock.now())
        session.commit()
    expected = sorted(seeded["people"][k].email for k in ("erin", "eve", "ada"))

    engines = [create_db_engine(url) for _ in range(2)]
    barrier = threading.Barrier(len(engines))
    errors: list[BaseException] = []

    def worker(engine: Engine) -> Callable[[], None]:
        def run() -> None:
            try:
                with session_factory_for(engine, clock)() as session:
                    barrier.wait(timeout=10)
                    session.connection(execution_options={WRITE_INTENT: True})
                    daily_digest_job(session, clock.now())
                    session.commit()
            except BaseException as exc:  # reported below
                errors.append(exc)

        return run

    try:
        threads = [threading.Thread(target=worker(e)) for e in engines]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        for extra in engines:
            extra.dispose()

    assert errors == []
    with session_factory_for(engine, clock)() as session:
        sent = sorted(
            session.exec(select(MailMessage.to_address).where(MailMessage.kind == "digest")).all()
        )
        claims = session.exec(select(func.count()).select_from(DigestSend)).one()
    assert sent == expected
    assert claims == 3


# --- the command ---------------------------------------------------------------------------------


@pytest.fixture
def cli_database(
    own_database: tuple[str, Engine], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[str, Engine, dict[str, Any]]]:
    url, engine = own_database
    # The command runs on the system clock: seed around today.
    now = datetime.now(UTC)
    clock = FrozenClock(current=now)
    with session_factory_for(engine, clock)() as session:
        seeded = seed(session, now)
        session.commit()
    env = {
        "PILOTBOARD_ENV": "production",
        "PILOTBOARD_SECRET_KEY": TEST_SECRET,
        "PILOTBOARD_VAR_DIR": str(tmp_path / "var"),
        "PILOTBOARD_DATABASE_URL": url,
        "PILOTBOARD_PUBLIC_URL": "https://pilots.example.com",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    yield url, engine, seeded
    get_settings.cache_clear()


def queued_digests(engine: Engine) -> list[str]:
    with Session(engine) as session:
        return sorted(
            session.exec(select(MailMessage.to_address).where(MailMessage.kind == "digest")).all()
        )


def test_the_command_dry_run_prints_and_sends_nothing_then_sends_once(
    cli_database: tuple[str, Engine, dict[str, Any]],
) -> None:
    _, engine, seeded = cli_database
    runner = CliRunner()

    dry = runner.invoke(cli, ["digest", "--dry-run"])

    assert dry.exit_code == 0, dry.output
    assert dry.output.count("To: ") == 3
    assert "Subject: Acme this week: 2 decisions waiting, 1 stalled" in dry.output
    assert f"https://pilots.example.com/w/{seeded['ws'].id}/pilots/" in dry.output
    assert "Dry run: 3 digest(s) would be sent; nothing was sent." in dry.output
    assert queued_digests(engine) == []

    sent = runner.invoke(cli, ["digest", "--workspace", str(seeded["ws"].id)])
    assert sent.exit_code == 0, sent.output
    assert "Queued 3 digest(s); 0 person(s) already had this week's" in sent.output
    again = runner.invoke(cli, ["digest"])
    assert "Queued 0 digest(s); 3 person(s) already had this week's" in again.output
    forced = runner.invoke(cli, ["digest", "--force"])
    assert "Queued 3 digest(s)" in forced.output
    assert len(queued_digests(engine)) == 6


def test_the_command_refuses_an_unknown_workspace(
    cli_database: tuple[str, Engine, dict[str, Any]],
) -> None:
    runner = CliRunner()

    assert runner.invoke(cli, ["digest", "--workspace", "nope"]).exit_code == 2
    unknown = runner.invoke(cli, ["digest", "--workspace", str(uuid.uuid4())])
    assert unknown.exit_code == 2
    assert "no workspace" in unknown.output


def test_two_digest_commands_at_once_send_each_digest_once(
    cli_database: tuple[str, Engine, dict[str, Any]],
) -> None:
    _, engine, seeded = cli_database
    command = [sys.executable, "-c", "from pilotboard.cli import main; main()", "digest"]
    processes = [
        subprocess.Popen(
            command,
            env=os.environ.copy(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=120) for process in processes]

    assert [p.returncode for p in processes] == [0, 0], outputs
    expected = sorted(seeded["people"][k].email for k in ("erin", "eve", "ada"))
    assert queued_digests(engine) == expected
    queued = [int(n) for out, _ in outputs for n in re.findall(r"Queued (\d+) digest", out)]
    assert len(queued) == 2
    assert sum(queued) == 3
