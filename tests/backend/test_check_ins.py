"""Department check-ins (API.md, "The customer's voice and the departments' check-ins"): the
contact's address on an involvement, the requests sent when an iteration is logged and by the
daily job, the public link (valid, expired, unknown; its daily limit; bodies out of range; never
reaching another workspace), check-ins recorded in the app and who may record them, and
`silent_days` as of a date."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from pilotboard.activity.models import Activity
from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.departments.models import Department
from pilotboard.jobs.runner import JobRunner
from pilotboard.mail.models import MailMessage, MailSuppression
from pilotboard.notifications.models import Notification
from pilotboard.pilots.checkins.jobs import ask_due_check_ins
from pilotboard.pilots.checkins.models import CheckIn, CheckInRequest
from pilotboard.pilots.models import Involvement, Pilot, Transition
from pilotboard.webhooks.models import WebhookEvent
from pilotboard.wiring import DAILY_JOBS
from pilotboard.workspaces.models import Role, Workspace, WorkspaceSettings
from tests.backend.factories import Api, add_member, browser_caller, make_user, make_workspace
from tests.backend.smtp import SmtpServer, mail_settings, run_mail_worker, smtp_server

__all__ = ["smtp_server"]  # the fixture, used by name

PROBLEMS = "https://pilotboard.dev/problems/"
PUBLIC = "/api/v1/check-ins/"
GONE = {
    "type": PROBLEMS + "not-found",
    "title": "Not found",
    "status": 404,
    "detail": "This link is not valid any more: it may have expired, or be mistyped. Ask the "
    "pilot's team for a new one.",
}
LINK = re.compile(r"/check-in/([A-Za-z0-9_-]{43})")
ANSWER = {"benefit": "partly", "still_committed": True, "blocker": "", "note": "Fine so far."}


# --- the world -------------------------------------------------------------------------------


@dataclass
class World:
    """One workspace with a running pilot owned by the editor, its departments involved through
    the API (their ids by department name), and a second workspace just like it."""

    db: Session
    client: TestClient
    clock: FrozenClock
    settings: Settings
    ws: Workspace
    api: dict[str, Api]
    pilot: Pilot
    departments: dict[str, str] = field(default_factory=dict)
    involvements: dict[str, str] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"/pilots/{self.pilot.id}"

    def involve(
        self, name: str, status: str = "engaged", email: str | None = None, **extra: Any
    ) -> dict[str, Any]:
        if name not in self.departments:
            self.departments[name] = self.api["admin"].ok("POST", "/departments", {"name": name})[
                "id"
            ]
        body = {"department_id": self.departments[name], "status": status, **extra}
        if email is not None:
            body["contact_email"] = email
        created: dict[str, Any] = self.api["editor"].ok("POST", f"{self.base}/involvements", body)
        self.involvements[name] = created["id"]
        return created

    def log_iteration(self, changes: str = "Moved the restock round to 6 a.m.") -> Any:
        return self.api["editor"].ok(
            "POST",
            f"{self.base}/iterations",
            {"started_on": self.clock.today().isoformat(), "changes": changes},
        )

    def involvement(self, name: str) -> Involvement:
        self.db.expire_all()
        found = self.db.get(Involvement, uuid.UUID(self.involvements[name]))
        assert found is not None
        return found

    def requests(self) -> list[tuple[str, str]]:
        """(department, address) of every check-in request of the pilot, oldest first."""
        self.db.expire_all()
        rows = self.db.exec(
            select(Department.name, CheckInRequest.email)
            .join(Involvement, col(Involvement.id) == col(CheckInRequest.involvement_id))
            .join(Department, col(Department.id) == col(Involvement.department_id))
            .where(CheckInRequest.pilot_id == self.pilot.id)
            .order_by(col(CheckInRequest.asked_at), col(Department.name))
        ).all()
        return [(name, email) for name, email in rows]

    def tokens(self) -> dict[str, str]:
        """The latest link token mailed to each address."""
        self.db.expire_all()
        found: dict[str, str] = {}
        for message in self.db.exec(
            select(MailMessage)
            .where(MailMessage.kind == "check_in_request")
            .order_by(col(MailMessage.created_at))
        ).all():
            match = LINK.search(message.text_body)
            assert match is not None
            found[message.to_address] = match.group(1)
        return found

    def public(self, method: str, token: str, body: Any = None, **headers: str) -> Any:
        self.client.cookies.clear()
        return self.client.request(method, PUBLIC + token, json=body, headers=headers)

    def check_ins(self, name: str, who: str = "viewer", **params: Any) -> Any:
        response = self.api[who].get(
            f"{self.base}/involvements/{self.involvements[name]}/check-ins", **params
        )
        assert response.status_code == 200, response.text
        return response.json()


def running_pilot(db: Session, ws: Workspace, owner_id: Any, clock: FrozenClock) -> Pilot:
    entered = clock.now() - timedelta(days=10)
    pilot = Pilot(
        workspace_id=ws.id,
        title="Vendor-managed inventory",
        hypothesis="Restocking for the wards saves nurses time.",
        target_outcome="business_process",
        owner_id=owner_id,
        stage="running",
        stage_entered_at=entered,
        created_at=entered,
        updated_at=entered,
    )
    db.add(pilot)
    db.flush()
    db.add(
        Transition(
            workspace_id=ws.id,
            pilot_id=pilot.id,
            sequence=1,
            from_stage=None,
            to_stage="running",
            reason="",
            occurred_at=entered,
        )
    )
    db.commit()
    return pilot


def build_world(
    db: Session,
    clock: FrozenClock,
    settings: Settings,
    client: TestClient,
    app: FastAPI,
    *,
    name: str = "Acme",
) -> World:
    settings = settings.model_copy(update={"session_idle_hours": 1e5, "session_max_days": 1e4})
    app.state.settings = settings
    now = clock.now()
    ws = make_workspace(db, now=now, name=name)
    apis = {}
    people = {}
    for role in (Role.admin, Role.editor, Role.executive, Role.viewer):
        person = make_user(
            db, now=now, email=f"{role.value}@{name.lower()}.example", name=role.value.title()
        )
        add_member(db, workspace=ws, user=person, role=role, now=now)
        people[role.value] = person
        apis[role.value] = Api(
            client, browser_caller(db, user=person, settings=settings, now=now), ws
        )
    db.commit()
    pilot = running_pilot(db, ws, people["editor"].id, clock)
    return World(db, client, clock, settings, ws, apis, pilot)


@pytest.fixture
def world(
    db: Session, clock: FrozenClock, settings: Settings, client: TestClient, app: FastAPI
) -> World:
    return build_world(db, clock, settings, client, app)


def asked_world(world: World) -> dict[str, str]:
    """Finance (engaged) and Supply chain (invited) asked by the first iteration; their tokens
    by department."""
    world.involve("Finance", "engaged", "fin@customer.example", contact_name="Fay Finch")
    world.involve("Supply chain", "invited", "supply@customer.example")
    world.log_iteration()
    tokens = world.tokens()
    return {
        "Finance": tokens["fin@customer.example"],
        "Supply chain": tokens["supply@customer.example"],
    }


# --- the contact's address -------------------------------------------------------------------


def test_the_contact_email_is_stored_lower_cased_and_cleared_with_null_or_empty(
    world: World,
) -> None:
    created = world.involve("Finance", "engaged", "  Fay.Finch@Customer.EXAMPLE ")
    url = f"{world.base}/involvements/{created['id']}"
    editor = world.api["editor"]

    assert created["contact_email"] == "fay.finch@customer.example"
    assert (created["last_check_in_on"], created["silent_days"]) == (None, None)
    assert editor.ok("PATCH", url, {"contact_email": None})["contact_email"] is None
    assert editor.ok("PATCH", url, {"contact_email": "x@y.example"})["contact_email"] == (
        "x@y.example"
    )
    assert editor.ok("PATCH", url, {"contact_email": ""})["contact_email"] is None
    assert world.involvement("Finance").contact_email is None


@pytest.mark.parametrize("address", ["not an address", "a@b@c.example", "fay@", "a\nb@c.example"])
def test_a_malformed_contact_email_is_422_naming_it(world: World, address: str) -> None:
    created = world.involve("Finance", "engaged")
    url = f"{world.base}/involvements/{created['id']}"

    patched = world.api["editor"].send("PATCH", url, {"contact_email": address})
    posted = world.api["editor"].send(
        "POST",
        f"{world.base}/involvements",
        {"department_id": world.api["admin"].ok("POST", "/departments", {"name": "Sales"})["id"],
         "contact_email": address},
    )  # fmt: skip

    for response in (patched, posted):
        assert response.status_code == 422, response.text
        assert [e["loc"] for e in response.json()["errors"]] == [["body", "contact_email"]]
    assert world.involvement("Finance").contact_email is None


# --- asking ----------------------------------------------------------------------------------


def test_logging_an_iteration_asks_every_department_that_is_asked(world: World) -> None:
    world.involve("Finance", "engaged", "fin@customer.example")
    world.involve("Supply chain", "invited", "supply@customer.example")
    world.involve("Pharmacy", "champion", "pharmacy@customer.example")
    world.involve("Sales", "declined", "sales@customer.example")  # declined: not asked
    world.involve("Legal", "engaged")  # no address: not asked
    world.involve("Facilities", "engaged", "gone@customer.example")  # unsubscribed: not asked
    world.db.add(
        MailSuppression(
            workspace_id=world.ws.id,
            address="gone@customer.example",
            kind="check_in_request",
            created_at=world.clock.now(),
        )
    )
    world.db.commit()

    iteration = world.log_iteration()

    assert world.requests() == [
        ("Finance", "fin@customer.example"),
        ("Pharmacy", "pharmacy@customer.example"),
        ("Supply chain", "supply@customer.example"),
    ]
    requests = world.db.exec(select(CheckInRequest)).all()
    assert {str(r.iteration_id) for r in requests} == {iteration["id"]}
    assert {r.expires_at - r.asked_at for r in requests} == {timedelta(days=60)}
    assert all(len(r.token_hash or "") == 64 for r in requests)
    finance = world.involvement("Finance")
    assert (finance.first_asked_on, finance.last_asked_at) == (
        world.clock.today(),
        world.clock.now(),
    )
    assert world.involvement("Legal").first_asked_on is None
    # The tokens are in the mail only, never stored as they are.
    tokens = world.tokens()
    assert sorted(tokens) == [
        "fin@customer.example",
        "pharmacy@customer.example",
        "supply@customer.example",
    ]
    stored = {r.token_hash for r in requests}
    assert not stored & set(tokens.values())


def test_the_request_email_arrives_with_its_link(
    world: World,
    smtp_server: SmtpServer,
    session_factory: Callable[[], Session],
) -> None:
    world.involve(
        "Finance", "engaged", "fin@customer.example", contact_name="Fay Finch", stake="Fewer "
        "write-offs."
    )  # fmt: skip
    world.log_iteration("Moved the restock round to 6 a.m.")
    settings = mail_settings(world.settings, smtp_server)

    sent = run_mail_worker(session_factory, settings, world.clock)

    assert sent == 1
    [message] = smtp_server.messages
    assert message["To"].addresses[0].addr_spec == "fin@customer.example"
    assert message["To"].addresses[0].display_name == "Fay Finch"
    assert message["Subject"] == "How is “Vendor-managed inventory” going for Finance?"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    match = LINK.search(text)
    assert match is not None
    link = f"{settings.public_url.rstrip('/')}/check-in/{match.group(1)}"
    assert link in text
    assert link in html
    assert "Hello Fay Finch" in text
    assert "Iteration 1 started on 2026-01-15. What changed: Moved the restock round" in text
    assert "works until 2026-03-16" in text
    # And the link opens the page.
    assert world.public("GET", match.group(1)).status_code == 200


def test_a_title_with_a_line_break_still_makes_a_one_line_subject(world: World) -> None:
    world.pilot.title = "Two\nlines"
    world.db.add(world.pilot)
    world.db.commit()
    world.involve("Finance", "engaged", "fin@customer.example")

    world.log_iteration()

    message = world.db.exec(select(MailMessage)).one()
    assert message.subject == "How is “Two lines” going for Finance?"


def test_the_daily_job_asks_again_every_check_in_days_while_running(world: World) -> None:
    world.involve("Finance", "engaged", "fin@customer.example")
    world.involve("Supply chain", "invited", "supply@customer.example")
    world.log_iteration()  # day 0: both asked
    start = world.clock.now()

    def run_on(day: int) -> int:
        world.clock.current = start + timedelta(days=day, hours=3)
        asked = ask_due_check_ins(world.db, now=world.clock.now())
        world.db.commit()
        return asked

    assert run_on(20) == 0
    assert run_on(21) == 2
    assert run_on(21) == 0  # idempotent on the day
    assert run_on(22) == 0
    # A check-in on day 30 moves Finance's next request to day 51; Supply chain's is on day 42.
    world.clock.current = start + timedelta(days=30)
    world.api["editor"].ok(
        "POST", f"{world.base}/involvements/{world.involvements['Finance']}/check-ins", ANSWER
    )
    assert run_on(41) == 0
    assert run_on(42) == 1
    assert run_on(50) == 0
    assert run_on(51) == 1
    assert [name for name, _ in world.requests()] == [
        "Finance",
        "Supply chain",
        "Finance",
        "Supply chain",
        "Supply chain",
        "Finance",
    ]


def test_the_daily_job_asks_running_pilots_only_and_a_department_never_asked(
    world: World,
) -> None:
    world.involve("Finance", "engaged", "fin@customer.example")  # never asked: due at once
    world.involve("Sales", "declined", "sales@customer.example")

    assert ask_due_check_ins(world.db, now=world.clock.now()) == 1
    world.pilot.stage = "paused"
    world.pilot.paused_from = "running"
    world.db.add(world.pilot)
    world.db.commit()
    world.clock.advance(days=60)
    assert ask_due_check_ins(world.db, now=world.clock.now()) == 0
    assert world.requests() == [("Finance", "fin@customer.example")]


def test_each_workspace_asks_by_its_own_check_in_days(
    world: World,
    db: Session,
    clock: FrozenClock,
    settings: Settings,
    client: TestClient,
    app: FastAPI,
) -> None:
    other = build_world(db, clock, settings, client, app, name="Globex")
    other.api["admin"].ok("PATCH", "/settings", {"thresholds": {"check_in_days": 7}})
    for each in (world, other):
        each.involve("Finance", "engaged", f"fin@{each.ws.name.lower()}.example")
        each.log_iteration()
    start = clock.now()

    clock.current = start + timedelta(days=7)
    assert ask_due_check_ins(db, now=clock.now()) == 1
    assert other.requests()[-1] == ("Finance", "fin@globex.example")
    clock.current = start + timedelta(days=21)
    assert ask_due_check_ins(db, now=clock.now()) == 2  # Acme's first, Globex's third
    assert len(world.requests()) == 2
    assert len(other.requests()) == 3


def test_the_job_runner_runs_the_check_in_job(
    world: World, session_factory: Callable[[], Session]
) -> None:
    world.involve("Finance", "engaged", "fin@customer.example")
    runner = JobRunner(session_factory=session_factory, clock=world.clock, jobs=DAILY_JOBS)

    assert runner.run("check_ins") == 1
    assert world.requests() == [("Finance", "fin@customer.example")]


# --- the public link -------------------------------------------------------------------------


def test_the_page_shows_the_pilot_the_department_and_the_latest_iteration(
    world: World,
) -> None:
    token = asked_world(world)["Finance"]
    world.clock.advance(days=1)
    world.log_iteration("Second round: labels on every shelf.")

    response = world.public("GET", token)

    assert response.status_code == 200, response.text
    assert response.json() == {
        "workspace_name": "Acme",
        "pilot_title": "Vendor-managed inventory",
        "department_name": "Finance",
        "contact_name": "Fay Finch",
        "stake": "",
        "iteration": {
            "number": 2,
            "started_on": "2026-01-16",
            "summary": "Second round: labels on every shelf.",
        },
    }
    assert "set-cookie" not in response.headers


def test_unknown_expired_and_overlong_tokens_are_the_same_404(world: World) -> None:
    token = asked_world(world)["Finance"]
    world.clock.advance(days=60)  # the link expires 60 days after it was sent

    answers = [
        world.public("GET", token),
        world.public("POST", token, ANSWER),
        world.public("GET", token[:-1] + ("A" if token[-1] != "A" else "B")),
        world.public("GET", "x" * 201),
        world.public("POST", "x" * 201, ANSWER),
    ]

    assert [r.status_code for r in answers] == [404] * 5
    assert all(r.json() == GONE for r in answers)
    world.clock.advance(seconds=-1)  # the last second it is valid
    assert world.public("GET", token).status_code == 200


def test_an_answer_through_the_link_is_recorded_and_told(world: World) -> None:
    world.api["admin"].ok(
        "POST",
        "/webhooks",
        {"url": "https://93.184.215.14/hooks", "events": ["check_in.received"]},
    )
    token = asked_world(world)["Finance"]
    world.clock.advance(days=3)

    response = world.public(
        "POST",
        token,
        {"benefit": "not_yet", "still_committed": False, "blocker": "  No budget.\r\nNone.  "},
    )

    assert response.status_code == 201, response.text
    created = response.json()
    iteration = world.db.exec(select(CheckIn)).one().iteration_id
    assert created == {
        "id": created["id"],
        "involvement_id": world.involvements["Finance"],
        "department_name": "Finance",
        "iteration_id": str(iteration),
        "iteration_number": 1,
        "benefit": "not_yet",
        "still_committed": False,
        "blocker": "No budget.\nNone.",
        "note": "",
        "source": "email",
        "recorded_by": None,
        "recorded_by_name": None,
        "created_at": "2026-01-18T09:00:00Z",
    }
    assert world.involvement("Finance").last_check_in_on == world.clock.today()
    assert world.check_ins("Finance")["items"] == [created]
    entry = world.db.exec(select(Activity).where(Activity.action == "check_in.received")).one()
    assert entry.summary == "Finance checked in: does not see its benefit yet; no longer committed"
    assert (entry.actor_user_id, entry.object_type) == (None, "check_in")
    [note] = world.db.exec(select(Notification)).all()
    assert note.kind == "check_in_received"
    assert note.user_id == world.pilot.owner_id
    assert note.title == "Finance is no longer committed to “Vendor-managed inventory”"
    assert note.url == f"/w/{world.ws.id}/pilots/{world.pilot.id}#check-in-{created['id']}"
    [event] = world.db.exec(
        select(WebhookEvent).where(WebhookEvent.type == "check_in.received")
    ).all()
    data = json.loads(event.body)["data"]
    assert (data["id"], data["title"], data["check_in"]) == (
        str(world.pilot.id),
        "Vendor-managed inventory",
        created,
    )


def test_a_retried_answer_is_recorded_once(world: World) -> None:
    token = asked_world(world)["Finance"]

    first = world.public("POST", token, ANSWER, **{"Idempotency-Key": "phone-1"})
    again = world.public("POST", token, ANSWER, **{"Idempotency-Key": "phone-1"})

    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert len(world.db.exec(select(CheckIn)).all()) == 1


def test_a_link_takes_20_answers_a_utc_day(world: World) -> None:
    tokens = asked_world(world)
    world.clock.current = world.clock.now().replace(hour=23, minute=0)

    answers = [world.public("POST", tokens["Finance"], ANSWER) for _ in range(21)]

    assert [r.status_code for r in answers] == [201] * 20 + [429]
    refused = answers[-1]
    assert refused.json()["type"] == PROBLEMS + "too-many-requests"
    assert refused.headers["Retry-After"] == "3600"
    # Another department's link is not affected, and the next UTC day the link takes more.
    assert world.public("POST", tokens["Supply chain"], ANSWER).status_code == 201
    world.clock.advance(hours=1)
    assert world.public("POST", tokens["Finance"], ANSWER).status_code == 201
    assert len(world.db.exec(select(CheckIn)).all()) == 22


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"still_committed": True}, ["body", "benefit"]),
        ({**ANSWER, "benefit": "maybe"}, ["body", "benefit"]),
        ({"benefit": "yes"}, ["body", "still_committed"]),
        ({**ANSWER, "still_committed": "perhaps"}, ["body", "still_committed"]),
        ({**ANSWER, "blocker": "x" * 2001}, ["body", "blocker"]),
        ({**ANSWER, "note": "x" * 4001}, ["body", "note"]),
        ({**ANSWER, "note": "a bell \x07"}, ["body", "note"]),
        ({**ANSWER, "rating": 5}, ["body", "rating"]),
    ],
)
def test_answers_out_of_range_are_422_naming_the_field(
    world: World, body: dict[str, Any], loc: list[str]
) -> None:
    token = asked_world(world)["Finance"]

    public = world.public("POST", token, body)
    in_app = world.api["editor"].send(
        "POST", f"{world.base}/involvements/{world.involvements['Finance']}/check-ins", body
    )

    for response in (public, in_app):
        assert response.status_code == 422, response.text
        assert [e["loc"] for e in response.json()["errors"]] == [loc]
    assert world.db.exec(select(CheckIn)).all() == []


def test_the_longest_texts_are_taken(world: World) -> None:
    token = asked_world(world)["Finance"]

    response = world.public(
        "POST", token, {**ANSWER, "blocker": "b\tc" + "x" * 1997, "note": "n\n" * 2000}
    )

    assert response.status_code == 201, response.text
    assert len(response.json()["blocker"]) == 2000


def test_a_token_never_reaches_another_workspace(
    world: World,
    db: Session,
    clock: FrozenClock,
    settings: Settings,
    client: TestClient,
    app: FastAPI,
) -> None:
    other = build_world(db, clock, settings, client, app, name="Globex")
    ours = asked_world(world)["Finance"]
    theirs = asked_world(other)["Finance"]

    assert world.public("GET", ours).json()["workspace_name"] == "Acme"
    assert world.public("GET", theirs).json()["workspace_name"] == "Globex"
    created = world.public("POST", theirs, ANSWER).json()

    assert created["involvement_id"] == other.involvements["Finance"]
    assert world.check_ins("Finance")["items"] == []
    assert other.check_ins("Finance")["items"] == [created]
    stored = db.exec(select(CheckIn)).one()
    assert (stored.workspace_id, stored.pilot_id) == (other.ws.id, other.pilot.id)
    assert world.involvement("Finance").last_check_in_on is None
    # And a member of one workspace does not reach the other's involvements.
    foreign = world.api["editor"].send(
        "POST", f"/pilots/{other.pilot.id}/involvements/{other.involvements['Finance']}/check-ins",
        ANSWER,
    )  # fmt: skip
    assert foreign.status_code == 404


# --- in the app ------------------------------------------------------------------------------


def test_editors_and_admins_record_check_ins_and_everyone_reads_them(world: World) -> None:
    world.involve("Finance", "engaged")
    url = f"{world.base}/involvements/{world.involvements['Finance']}/check-ins"
    recorded = []
    for who in ("editor", "admin"):
        world.clock.advance(minutes=1)
        response = world.api[who].send("POST", url, {**ANSWER, "note": f"Told the {who}"})
        assert response.status_code == 201, response.text
        recorded.append(response.json())
    refused = [world.api[who].send("POST", url, ANSWER) for who in ("viewer", "executive")]

    assert [r.status_code for r in refused] == [403, 403]
    assert all(r.json()["type"] == PROBLEMS + "forbidden" for r in refused)
    first = recorded[0]
    assert first["source"] == "app"
    assert (first["recorded_by_name"], first["iteration_id"], first["iteration_number"]) == (
        "Editor",
        None,
        None,
    )
    listed = world.check_ins("Finance", "viewer")
    assert listed == {"items": recorded[::-1], "next_cursor": None}
    page = world.check_ins("Finance", "viewer", limit=1)
    rest = world.check_ins("Finance", "viewer", limit=1, cursor=page["next_cursor"])
    assert [c["id"] for c in page["items"] + rest["items"]] == [c["id"] for c in recorded[::-1]]
    assert rest["next_cursor"] is None
    # The owner is not told of what they recorded themselves; the admin's check-in is told.
    notes = world.db.exec(select(Notification)).all()
    assert [n.title for n in notes] == [
        "Finance checked in on “Vendor-managed inventory”: sees part of its benefit"
    ]


def test_a_check_in_does_not_change_the_involvement_version(world: World) -> None:
    created = world.involve("Finance", "engaged")
    url = f"{world.base}/involvements/{created['id']}"
    world.clock.advance(days=1)

    world.api["editor"].ok("POST", f"{url}/check-ins", ANSWER)

    [listed] = world.api["viewer"].get(f"{world.base}/involvements").json()["items"]
    assert listed["updated_at"] == created["updated_at"]
    assert listed["last_check_in_on"] == "2026-01-16"
    patched = world.api["editor"].send("PATCH", url, {"stake": "More."}, **{"If-Match": '"stale"'})
    assert patched.status_code == 412


def test_an_involvement_of_another_pilot_is_404(world: World) -> None:
    world.involve("Finance", "engaged")
    other = running_pilot(world.db, world.ws, world.pilot.owner_id, world.clock)
    url = f"/pilots/{other.id}/involvements/{world.involvements['Finance']}/check-ins"

    assert world.api["editor"].send("POST", url, ANSWER).status_code == 404
    assert world.api["viewer"].get(url).status_code == 404


# --- silence ---------------------------------------------------------------------------------


def test_silent_days_count_from_the_first_request_then_the_last_check_in(world: World) -> None:
    tokens = asked_world(world)  # asked on 2026-01-15
    world.involve("Legal", "engaged")  # never asked

    def silent(as_of: str | None = None) -> dict[str, Any]:
        params = {"as_of": as_of} if as_of else {}
        items = world.api["viewer"].get(f"{world.base}/involvements", **params).json()["items"]
        return {i["department_name"]: i["silent_days"] for i in items}

    assert silent() == {"Finance": 0, "Supply chain": 0, "Legal": None}
    assert silent("2026-02-18") == {"Finance": 34, "Supply chain": 34, "Legal": None}
    assert silent("2026-01-01") == {"Finance": 0, "Supply chain": 0, "Legal": None}
    world.clock.advance(days=5)
    world.public("POST", tokens["Finance"], ANSWER)
    assert silent() == {"Finance": 0, "Supply chain": 5, "Legal": None}
    assert silent("2026-02-18") == {"Finance": 29, "Supply chain": 34, "Legal": None}


def test_thresholds_of_the_check_ins_are_settings(world: World) -> None:
    admin = world.api["admin"]
    thresholds = admin.get("/settings").json()["thresholds"]
    assert (
        thresholds["check_in_days"],
        thresholds["department_silence_days"],
        thresholds["customer_voice_days"],
    ) == (21, 30, 30)

    changed = admin.ok(
        "PATCH",
        "/settings",
        {"thresholds": {"check_in_days": 3650, "department_silence_days": 1}},
    )

    assert changed["thresholds"]["check_in_days"] == 3650
    assert changed["thresholds"]["department_silence_days"] == 1
    row = world.db.get(WorkspaceSettings, world.ws.id)
    assert row is not None
    assert row.thresholds["customer_voice_days"] == 30
