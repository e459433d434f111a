"""The customer's voice (API.md, "The customer's voice and the departments' check-ins"): feedback
links made by editors, the public page and its answer (tokens that open nothing all get the same
404, the limits per link and per address, idempotent retries), the team's list of responses, the
aggregates on iteration reads, the activity entry, the webhook event and the notification."""

from __future__ import annotations

import json
import re
import uuid
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import Connection, func
from sqlmodel import Session, col, select

from pilotboard.accounts.models import User
from pilotboard.activity.models import Activity
from pilotboard.core import security
from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.core.ratelimit import PUBLIC_WINDOW, RateCounter, _window_start
from pilotboard.mail.models import MailMessage
from pilotboard.notifications.models import Notification
from pilotboard.pilots.feedback.models import FeedbackLink, FeedbackResponse
from pilotboard.webhooks.models import WebhookEvent
from pilotboard.workspaces.models import Role, Workspace
from tests.backend.factories import Api, add_member, browser_caller, make_user, make_workspace
from tests.backend.live import at_once, live_server
from tests.backend.queries import count_queries
from tests.backend.smtp import SmtpServer, mail_settings, run_mail_worker, smtp_server

__all__ = ["smtp_server"]  # the fixture, used by name

PROBLEMS = "https://pilotboard.dev/problems/"
PUBLIC_URL = "http://127.0.0.1:8000"
GONE = {
    "type": PROBLEMS + "not-found",
    "title": "Not found",
    "status": 404,
    "detail": "This link is not valid any more: it has expired or was withdrawn. Ask the person "
    "who sent it to you for a new one.",
}
ANSWER = {"respondent_name": "Lena Hart", "difference": 4, "effort": 5, "comment": "Better."}


@pytest.fixture
def world(
    db: Session, clock: FrozenClock, settings: Settings, client: TestClient, app: FastAPI
) -> dict[str, Any]:
    """Acme (admin, editor, executive, viewer) with a pilot whose testbed customer is chosen,
    and Elsewhere, another workspace with a pilot of its own."""
    settings = settings.model_copy(update={"session_idle_hours": 1e5, "session_max_days": 1e4})
    app.state.settings = settings
    now = clock.now()
    acme = make_workspace(db, now=now, name="Acme")
    elsewhere = make_workspace(db, now=now, name="Elsewhere")
    people: dict[str, User] = {}
    for role in (Role.admin, Role.editor, Role.executive, Role.viewer):
        people[role.value] = make_user(
            db, now=now, email=f"{role.value}@example.com", name=role.value.title()
        )
        add_member(db, workspace=acme, user=people[role.value], role=role, now=now)
    people["outsider"] = make_user(db, now=now, email="outsider@example.com", name="Outsider")
    add_member(db, workspace=elsewhere, user=people["outsider"], role=Role.admin, now=now)
    db.commit()
    api = {
        name: Api(
            client,
            browser_caller(db, user=user, settings=settings, now=now),
            elsewhere if name == "outsider" else acme,
        )
        for name, user in people.items()
    }
    db.commit()
    pilot = _pilot_with_customer(api["editor"], "Vendor-managed inventory", "St. Agnes Hospital")
    other = _pilot_with_customer(api["outsider"], "Remote diagnostics", "Nordwind Logistics")
    return {
        "ws": acme,
        "elsewhere": elsewhere,
        "people": people,
        "api": api,
        "pilot": pilot,
        "other": other,
        "settings": settings,
    }


def _pilot_with_customer(api: Api, title: str, customer: str) -> str:
    customer_id = api.ok("POST", "/customers", {"name": customer})["id"]
    pilot_id: str = api.ok("POST", "/pilots", {"title": title, "target_outcome": "profitability"})[
        "id"
    ]
    api.ok("POST", f"/pilots/{pilot_id}/candidates", {"customer_id": customer_id})
    api.ok("PATCH", f"/pilots/{pilot_id}", {"customer_id": customer_id})
    return pilot_id


def make_link(
    world: dict[str, Any], who: str = "editor", pilot: str | None = None, **body: Any
) -> Response:
    api: Api = world["api"][who]
    return api.send(  # type: ignore[no-any-return]
        "POST",
        f"/pilots/{pilot or world['pilot']}/feedback-links",
        {"contact_name": "Dr. Lena Hart", **body},
    )


def new_token(world: dict[str, Any], **body: Any) -> str:
    response = make_link(world, **body)
    assert response.status_code == 201, response.text
    token: str = response.json()["token"]
    return token


def public(
    client: TestClient, method: str, token: str, body: Any = None, **headers: str
) -> Response:
    """A request by someone without an account (no cookie, no token)."""
    client.cookies.clear()
    return client.request(method, f"/api/v1/feedback/{token}", json=body, headers=headers)


def iterate(world: dict[str, Any], **body: Any) -> dict[str, Any]:
    api: Api = world["api"]["editor"]
    result: dict[str, Any] = api.ok(
        "POST", f"/pilots/{world['pilot']}/iterations", {"started_on": "2026-01-10", **body}
    )
    return result


# --- links -----------------------------------------------------------------------------------


def test_an_editor_makes_a_link_whose_token_is_shown_once(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    response = make_link(world, contact_email=None, expires_on="2026-03-31")

    assert response.status_code == 201, response.text
    created = response.json()
    token = created["token"]
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", token)  # 256 bits, URL-safe
    assert created["url"] == f"{PUBLIC_URL}/feedback/{token}"
    assert {k: v for k, v in created.items() if k not in ("id", "token", "url")} == {
        "contact_name": "Dr. Lena Hart",
        "contact_email": None,
        "expires_on": "2026-03-31",
        "created_at": "2026-01-15T09:00:00Z",
        "updated_at": "2026-01-15T09:00:00Z",
        "created_by": str(world["people"]["editor"].id),
        "revoked_at": None,
        "state": "active",
        "responses": 0,
        "last_response_at": None,
        "etag": response.headers["etag"],  # the list item's version is its write's ETag
    }
    assert response.headers["etag"]
    # Only the token's hash is stored; the list never shows the token again.
    stored = db.exec(select(FeedbackLink)).one()
    assert stored.token_hash == security.sha256_hex(token)
    listed = world["api"]["admin"].get(f"/pilots/{world['pilot']}/feedback-links").json()
    assert listed["next_cursor"] is None
    assert [{k: v for k, v in created.items() if k not in ("token", "url")}] == listed["items"]
    assert token not in json.dumps(listed)
    # Nothing emailed without an address; the activity log has the link, never the token.
    assert db.exec(select(func.count()).select_from(MailMessage)).one() == 0
    entry = db.exec(select(Activity).where(Activity.action == "feedback_link.created")).one()
    assert entry.summary == "Feedback link made for Dr. Lena Hart"
    assert token not in json.dumps(entry.after)


def test_the_link_is_emailed_to_the_contact(
    world: dict[str, Any],
    db: Session,
    clock: FrozenClock,
    smtp_server: SmtpServer,
    session_factory: Callable[[], Session],
) -> None:
    created = make_link(world, contact_email="Lena.Hart@St-Agnes.example").json()
    assert created["contact_email"] == "lena.hart@st-agnes.example"

    sent = run_mail_worker(session_factory, mail_settings(world["settings"], smtp_server), clock)

    assert sent == 1
    [message] = smtp_server.messages
    assert message["To"].addresses[0].addr_spec == "lena.hart@st-agnes.example"
    assert message["To"].addresses[0].display_name == "Dr. Lena Hart"
    assert message["Subject"] == "Editor asks how “Vendor-managed inventory” is working for you"
    text = message.get_body(("plain",)).get_content()
    assert f"Give your feedback: {created['url']}" in text
    assert "at St. Agnes Hospital" in text
    assert created["url"] in message.get_body(("html",)).get_content()
    assert db.exec(select(MailMessage.kind)).one() == "feedback_link"


def test_links_list_newest_first_with_their_counts_in_one_query(
    world: dict[str, Any], client: TestClient, clock: FrozenClock, connection: Connection
) -> None:
    tokens = []
    for name in ("First", "Second", "Third"):
        clock.advance(minutes=1)
        tokens.append(new_token(world, contact_name=name))
    for token, answers in zip(tokens, (2, 0, 1), strict=True):
        for _ in range(answers):
            clock.advance(minutes=1)
            assert public(client, "POST", token, ANSWER).status_code == 201
    editor: Api = world["api"]["editor"]
    path = f"/pilots/{world['pilot']}/feedback-links"

    with count_queries(connection) as queries:
        first = editor.get(path, limit=2).json()
    rest = editor.get(path, limit=2, cursor=first["next_cursor"]).json()

    items = first["items"] + rest["items"]
    assert [(i["contact_name"], i["responses"], i["last_response_at"]) for i in items] == [
        ("Third", 1, "2026-01-15T09:06:00Z"),
        ("Second", 0, None),
        ("First", 2, "2026-01-15T09:05:00Z"),
    ]
    assert rest["next_cursor"] is None
    # The caller's membership, then the pilot, then the page: no query per link.
    assert len([q for q in queries if "feedback" in q]) == 1


def test_who_may_make_list_and_revoke_links(world: dict[str, Any]) -> None:
    path = f"/pilots/{world['pilot']}/feedback-links"
    link = make_link(world, "admin").json()["id"]

    statuses = {
        who: (
            make_link(world, who).status_code,
            world["api"][who].get(path).status_code,
            world["api"][who].send("DELETE", f"{path}/{uuid.uuid4()}").status_code,
        )
        for who in ("viewer", "executive", "editor", "admin")
    }

    assert statuses == {
        "viewer": (403, 403, 403),
        "executive": (403, 403, 403),
        "editor": (201, 200, 404),
        "admin": (201, 200, 404),
    }
    # Another workspace's pilot and links are not found, whatever the caller's role there.
    outsider: Api = world["api"]["outsider"]
    assert outsider.send("POST", path, {"contact_name": "X"}).status_code == 404
    assert outsider.get(path).status_code == 404
    assert outsider.send("DELETE", f"{path}/{link}").status_code == 404
    assert outsider.get(f"/pilots/{world['pilot']}/feedback").status_code == 404
    # Nor through the outsider's own workspace: the link belongs to another pilot.
    own = f"/pilots/{world['other']}/feedback-links/{link}"
    assert outsider.send("DELETE", own).status_code == 404


def test_a_link_needs_a_chosen_customer_and_a_pilot_not_stopped(world: dict[str, Any]) -> None:
    editor: Api = world["api"]["editor"]
    bare = editor.ok("POST", "/pilots", {"title": "Bare", "target_outcome": "profitability"})
    no_customer = make_link(world, pilot=bare["id"])
    editor.ok(
        "POST",
        f"/pilots/{world['pilot']}/transitions",
        {"to_stage": "stopped", "reason": "No budget", "lessons_learned": "Ask earlier."},
    )
    stopped = make_link(world)

    assert (no_customer.status_code, no_customer.json()["type"]) == (409, PROBLEMS + "no-customer")
    assert "Choose the testbed customer first" in no_customer.json()["detail"]
    assert (stopped.status_code, stopped.json()["type"]) == (409, PROBLEMS + "pilot-closed")


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"expires_on": "2026-01-14"}, ["body", "expires_on"]),
        ({"contact_email": "not an address"}, ["body", "contact_email"]),
        ({"contact_email": "a@b.example\r\nBcc: x@y.example"}, ["body", "contact_email"]),
        ({"contact_name": "   "}, ["body", "contact_name"]),
        ({"contact_name": "Lena\nHart"}, ["body", "contact_name"]),
        ({"contact_name": "L" * 121}, ["body", "contact_name"]),
        ({"token": "mine"}, ["body", "token"]),
    ],
)
def test_a_bad_link_is_refused_naming_the_field(
    world: dict[str, Any], db: Session, body: dict[str, Any], loc: list[str]
) -> None:
    response = make_link(world, **body)

    assert response.status_code == 422, response.text
    assert [e["loc"] for e in response.json()["errors"]] == [loc]
    assert db.exec(select(func.count()).select_from(FeedbackLink)).one() == 0


def test_a_link_expiring_today_is_accepted(world: dict[str, Any]) -> None:
    assert make_link(world, expires_on="2026-01-15").status_code == 201


def test_revoking_stops_the_link_at_once(
    world: dict[str, Any], client: TestClient, clock: FrozenClock
) -> None:
    response = make_link(world)
    link, etag = response.json(), response.headers["etag"]
    path = f"/pilots/{world['pilot']}/feedback-links/{link['id']}"
    editor: Api = world["api"]["editor"]
    assert public(client, "POST", link["token"], ANSWER).status_code == 201
    clock.advance(minutes=1)

    stale = editor.send("DELETE", path, None, **{"If-Match": '"stale"'})
    revoked = editor.send("DELETE", path, None, **{"If-Match": etag})
    again = editor.send("DELETE", path)

    assert (stale.status_code, stale.json()["current"]["responses"]) == (412, 1)
    assert (revoked.status_code, again.status_code) == (204, 404)
    assert public(client, "GET", link["token"]).json() == GONE
    assert public(client, "POST", link["token"], ANSWER).json() == GONE
    [item] = editor.get(f"/pilots/{world['pilot']}/feedback-links").json()["items"]
    assert (item["state"], item["revoked_at"], item["responses"]) == (
        "revoked",
        "2026-01-15T09:01:00Z",
        1,
    )
    # The response given before stays.
    assert len(editor.get(f"/pilots/{world['pilot']}/feedback").json()["items"]) == 1


# --- the public page -------------------------------------------------------------------------


def test_the_page_shows_only_what_is_written_for_the_customer(
    world: dict[str, Any], client: TestClient
) -> None:
    token = new_token(world)
    before = public(client, "GET", token)
    iterate(world, changes="Internal: moved the round", customer_summary="Earlier restocking")
    iterate(
        world,
        started_on="2026-01-14",
        changes="Internal: second tweak",
        customer_summary="Dressings restocked at 6 a.m.",
    )

    response = public(client, "GET", token)

    assert (before.status_code, before.json()["iteration"]) == (200, None)
    assert response.status_code == 200
    assert response.json() == {
        "workspace_name": "Acme",
        "pilot_title": "Vendor-managed inventory",
        "customer_name": "St. Agnes Hospital",
        "contact_name": "Dr. Lena Hart",
        "iteration": {
            "number": 2,
            "started_on": "2026-01-14",
            "summary": "Dressings restocked at 6 a.m.",
        },
    }
    assert "Internal" not in response.text


def test_tokens_that_open_nothing_all_get_the_same_404(
    world: dict[str, Any], client: TestClient, clock: FrozenClock, db: Session
) -> None:
    valid = new_token(world, expires_on="2026-01-16")
    expiring = new_token(world, expires_on="2026-01-16")
    revoked_link = make_link(world).json()
    world["api"]["editor"].ok(
        "DELETE", f"/pilots/{world['pilot']}/feedback-links/{revoked_link['id']}"
    )
    # Valid through its last day (UTC) …
    clock.advance(days=1, hours=14, minutes=59)  # 2026-01-16 23:59 UTC
    assert public(client, "GET", expiring).status_code == 200
    assert public(client, "POST", expiring, ANSWER).status_code == 201
    clock.advance(minutes=1)  # … and not a minute longer.

    answers = {
        reason: (public(client, "GET", token), public(client, "POST", token, ANSWER))
        for reason, token in (
            ("expired", expiring),
            ("revoked", revoked_link["token"]),
            ("unknown", "x" * 43),
            ("too long", valid + "x" * 200),
            ("one character off", valid[:-1] + ("A" if valid[-1] != "A" else "B")),
        )
    }

    for reason, (page, answer) in answers.items():
        assert (reason, page.status_code, page.json()) == (reason, 404, GONE)
        assert (reason, answer.status_code, answer.json()) == (reason, 404, GONE)
        assert page.headers["content-type"] == "application/problem+json"
    # Only the answer given while the link was valid was stored.
    assert db.exec(select(func.count()).select_from(FeedbackResponse)).one() == 1


# --- answering -------------------------------------------------------------------------------


def test_an_answer_attaches_to_the_latest_iteration_and_the_team_reads_it(
    world: dict[str, Any], client: TestClient, clock: FrozenClock
) -> None:
    token = new_token(world)
    first = iterate(world)
    second = iterate(world, started_on="2026-01-14")

    response = public(
        client,
        "POST",
        token,
        {**ANSWER, "comment": "  Night shift\r\nno longer runs out.  ", "new_needs": "IV fluids"},
    )

    assert response.status_code == 201, response.text
    receipt = response.json()
    assert receipt == {
        "id": receipt["id"],
        "created_at": "2026-01-15T09:00:00Z",
        "iteration_number": 2,
    }
    viewer: Api = world["api"]["viewer"]
    page = viewer.get(f"/pilots/{world['pilot']}/feedback").json()
    link_id = (
        world["api"]["editor"]
        .get(f"/pilots/{world['pilot']}/feedback-links")
        .json()["items"][0]["id"]
    )
    assert page == {
        "items": [
            {
                "id": receipt["id"],
                "iteration_id": second["id"],
                "iteration_number": 2,
                "link_id": link_id,
                "respondent_name": "Lena Hart",
                "difference": 4,
                "effort": 5,
                "comment": "Night shift\nno longer runs out.",
                "new_needs": "IV fluids",
                "created_at": "2026-01-15T09:00:00Z",
            }
        ],
        "next_cursor": None,
    }
    assert viewer.get(f"/pilots/{world['pilot']}/feedback", iteration_id=first["id"]).json() == {
        "items": [],
        "next_cursor": None,
    }


def test_the_team_list_pages_newest_first(
    world: dict[str, Any], client: TestClient, clock: FrozenClock
) -> None:
    token = new_token(world)
    for n in range(1, 4):
        clock.advance(minutes=1)
        public(client, "POST", token, {"difference": n, "effort": n})
    viewer: Api = world["api"]["viewer"]
    path = f"/pilots/{world['pilot']}/feedback"

    first = viewer.get(path, limit=2).json()
    rest = viewer.get(path, limit=2, cursor=first["next_cursor"]).json()

    assert [i["difference"] for i in first["items"] + rest["items"]] == [3, 2, 1]
    assert rest["next_cursor"] is None
    assert first["items"][0]["respondent_name"] == ""
    assert first["items"][0]["iteration_number"] is None  # no iteration yet


@pytest.mark.parametrize(
    ("change", "loc"),
    [
        ({"difference": 0}, ["body", "difference"]),
        ({"difference": 6}, ["body", "difference"]),
        ({"effort": "4"}, ["body", "effort"]),
        ({"effort": True}, ["body", "effort"]),
        ({"effort": 4.5}, ["body", "effort"]),
        ({"effort": None}, ["body", "effort"]),
        ({"comment": "x" * 4001}, ["body", "comment"]),
        ({"new_needs": "bell\x07"}, ["body", "new_needs"]),
        ({"respondent_name": "Lena\nHart"}, ["body", "respondent_name"]),
        ({"respondent_name": "L" * 121}, ["body", "respondent_name"]),
        ({"iteration_id": str(uuid.uuid4())}, ["body", "iteration_id"]),
    ],
)
def test_an_answer_out_of_range_is_refused_naming_the_field(
    world: dict[str, Any], client: TestClient, db: Session, change: dict[str, Any], loc: list[str]
) -> None:
    token = new_token(world)

    response = public(client, "POST", token, {**ANSWER, **change})

    assert response.status_code == 422, response.text
    assert [e["loc"] for e in response.json()["errors"]] == [loc]
    assert db.exec(select(func.count()).select_from(FeedbackResponse)).one() == 0


def test_both_ratings_are_required(world: dict[str, Any], client: TestClient) -> None:
    response = public(client, "POST", new_token(world), {"comment": "Just words"})

    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["errors"]] == [
        ["body", "difference"],
        ["body", "effort"],
    ]


def test_a_retry_with_the_same_idempotency_key_records_once(
    world: dict[str, Any], client: TestClient, clock: FrozenClock, db: Session
) -> None:
    token = new_token(world)
    first = public(client, "POST", token, ANSWER, **{"Idempotency-Key": "phone-1"})
    clock.advance(seconds=5)

    retry = public(client, "POST", token, ANSWER, **{"Idempotency-Key": "phone-1"})
    other = public(client, "POST", token, {**ANSWER, "effort": 1}, **{"Idempotency-Key": "phone-1"})

    assert (first.status_code, retry.status_code) == (201, 201)
    assert retry.json() == first.json()
    assert retry.headers["idempotent-replayed"] == "true"
    assert (other.status_code, other.json()["errors"][0]["loc"]) == (
        422,
        ["header", "Idempotency-Key"],
    )
    assert db.exec(select(func.count()).select_from(FeedbackResponse)).one() == 1
    # The key belongs to the link: the same key through another link is another answer.
    second_link = new_token(world)
    assert (
        public(client, "POST", second_link, ANSWER, **{"Idempotency-Key": "phone-1"}).json()["id"]
        != first.json()["id"]
    )


def test_twenty_answers_per_link_per_utc_day(
    world: dict[str, Any], client: TestClient, clock: FrozenClock, db: Session
) -> None:
    token, other = new_token(world), new_token(world)
    for _ in range(20):
        clock.advance(seconds=30)
        assert public(client, "POST", token, ANSWER).status_code == 201

    refused = public(client, "POST", token, ANSWER)

    assert refused.status_code == 429
    assert refused.json()["type"] == PROBLEMS + "too-many-requests"
    # 2026-01-15 09:10 UTC: the link takes answers again at midnight UTC.
    assert refused.headers["retry-after"] == str(14 * 3600 + 50 * 60)
    assert db.exec(select(func.count()).select_from(FeedbackResponse)).one() == 20
    # Reading the page still works, and so does another link.
    assert public(client, "GET", token).status_code == 200
    assert public(client, "POST", other, ANSWER).status_code == 201
    clock.advance(hours=14, minutes=50)
    assert public(client, "POST", token, ANSWER).status_code == 201


def test_300_requests_per_address_per_hour(
    world: dict[str, Any], client: TestClient, clock: FrozenClock, db: Session
) -> None:
    token = new_token(world)
    # 299 requests from this address this hour already (set up directly, not sent).
    clock.advance(minutes=20)  # 09:20: the hour's window started at 09:00
    db.add(
        RateCounter(
            key="public:testclient",
            window_start=_window_start(clock.now(), PUBLIC_WINDOW),
            count=299,
        )
    )
    db.commit()

    last = public(client, "GET", token)
    refused = public(client, "POST", token, ANSWER)

    assert last.status_code == 200
    assert refused.status_code == 429
    assert refused.headers["retry-after"] == str(40 * 60 + 1)
    assert "at most 300 an hour" in refused.json()["detail"]
    assert db.exec(select(func.count()).select_from(FeedbackResponse)).one() == 0
    clock.advance(minutes=40)
    assert public(client, "POST", token, ANSWER).status_code == 201


def test_a_token_of_one_workspace_never_reaches_another(
    world: dict[str, Any], client: TestClient, db: Session
) -> None:
    outsider: Api = world["api"]["outsider"]
    theirs = outsider.ok(
        "POST", f"/pilots/{world['other']}/feedback-links", {"contact_name": "Nina Nord"}
    )["token"]
    new_token(world)

    page = public(client, "GET", theirs).json()
    public(client, "POST", theirs, ANSWER)

    assert (page["workspace_name"], page["pilot_title"], page["customer_name"]) == (
        "Elsewhere",
        "Remote diagnostics",
        "Nordwind Logistics",
    )
    acme: Api = world["api"]["editor"]
    assert acme.get(f"/pilots/{world['pilot']}/feedback").json()["items"] == []
    assert len(outsider.get(f"/pilots/{world['other']}/feedback").json()["items"]) == 1
    stored = db.exec(select(FeedbackResponse)).one()
    assert (stored.workspace_id, str(stored.pilot_id)) == (world["elsewhere"].id, world["other"])
    # Acme's members cannot read Elsewhere's pilot, nor its feedback.
    assert acme.get(f"/pilots/{world['other']}/feedback").status_code == 404


# --- iteration reads -------------------------------------------------------------------------


def test_iteration_reads_carry_the_feedback_in_one_aggregate_query(
    world: dict[str, Any], client: TestClient, connection: Connection
) -> None:
    editor: Api = world["api"]["editor"]
    token = new_token(world)
    first = iterate(world, customer_summary="  Restocking at 6 a.m.  ")
    for difference, effort in ((4, 5), (5, 4), (5, 4)):
        public(client, "POST", token, {"difference": difference, "effort": effort})
    second = iterate(world, started_on="2026-01-14")
    public(client, "POST", token, {"difference": 2, "effort": 3})
    iterate(world, started_on="2026-01-15")
    path = f"/pilots/{world['pilot']}/iterations"

    with count_queries(connection) as queries:
        items = editor.get(path).json()["items"]

    assert [(i["number"], i["customer_summary"], i["feedback"]) for i in items] == [
        (1, "Restocking at 6 a.m.", {"responses": 3, "difference_mean": 4.67, "effort_mean": 4.33}),
        (2, "", {"responses": 1, "difference_mean": 2.0, "effort_mean": 3.0}),
        (3, "", {"responses": 0, "difference_mean": None, "effort_mean": None}),
    ]
    assert len([q for q in queries if "feedback_responses" in q]) == 1
    # Single reads carry it too: the answer to an edit, and a creation (no responses yet).
    patched = editor.ok("PATCH", f"{path}/{first['id']}", {"customer_summary": "Shorter"})
    assert (patched["customer_summary"], patched["feedback"]["responses"]) == ("Shorter", 3)
    assert second["feedback"] == {"responses": 0, "difference_mean": None, "effort_mean": None}
    cleared = editor.ok("PATCH", f"{path}/{first['id']}", {"customer_summary": None})
    assert cleared["customer_summary"] == ""
    too_long = editor.send("PATCH", f"{path}/{first['id']}", {"customer_summary": "x" * 4001})
    assert [e["loc"] for e in too_long.json()["errors"]] == [["body", "customer_summary"]]


def test_the_feedback_list_takes_the_same_queries_for_more_responses(
    world: dict[str, Any], client: TestClient, connection: Connection
) -> None:
    token = new_token(world)
    iterate(world)
    viewer: Api = world["api"]["viewer"]
    path = f"/pilots/{world['pilot']}/feedback"
    public(client, "POST", token, ANSWER)
    with count_queries(connection) as one:
        viewer.get(path)
    for _ in range(4):
        public(client, "POST", token, ANSWER)

    with count_queries(connection) as five:
        assert len(viewer.get(path).json()["items"]) == 5

    assert len(five) == len(one)


# --- what an answer sets off -----------------------------------------------------------------


def test_an_answer_is_logged_emitted_and_notified_to_the_owner(
    world: dict[str, Any], client: TestClient, db: Session
) -> None:
    world["api"]["admin"].ok(
        "POST",
        "/webhooks",
        {"url": "https://93.184.215.14/hooks", "events": ["feedback.received"]},
    )
    token = new_token(world)
    iterate(world)

    named = public(client, "POST", token, {**ANSWER, "comment": "Much better."}).json()
    anonymous = public(client, "POST", token, {"difference": 2, "effort": 3}).json()

    events = db.exec(select(WebhookEvent).where(WebhookEvent.workspace_id == world["ws"].id)).all()
    assert [e.type for e in events] == ["feedback.received", "feedback.received"]
    [payload] = [
        body
        for body in (json.loads(e.body) for e in events)
        if body["data"]["feedback"]["id"] == named["id"]
    ]
    assert payload["data"]["id"] == world["pilot"]  # the pilot, as read …
    assert payload["data"]["title"] == "Vendor-managed inventory"
    listed = world["api"]["editor"].get(f"/pilots/{world['pilot']}/feedback").json()["items"]
    assert [payload["data"]["feedback"]] == [r for r in listed if r["id"] == named["id"]]
    summaries = db.exec(
        select(Activity.summary, Activity.actor_user_id, Activity.object_id)
        .where(Activity.action == "feedback.received")
        .order_by(col(Activity.occurred_at), col(Activity.id))
    ).all()
    assert sorted(summaries, key=lambda s: s[0]) == sorted(
        [
            (
                "Feedback from Lena Hart (iteration 1): difference 4/5, effort 5/5",
                None,
                uuid.UUID(named["id"]),
            ),
            (
                "Feedback from someone at St. Agnes Hospital (iteration 1): difference 2/5, "
                "effort 3/5",
                None,
                uuid.UUID(anonymous["id"]),
            ),
        ],
        key=lambda s: s[0],
    )
    notes = db.exec(
        select(Notification, User.email)
        .join(User, col(User.id) == col(Notification.user_id))
        .where(Notification.kind == "feedback_received")
    ).all()
    assert sorted((email, n.title, n.body, n.url) for n, email in notes) == sorted(
        [
            (
                "editor@example.com",  # the pilot's owner, and only them
                "Feedback on “Vendor-managed inventory” from Lena Hart: difference 4/5, effort 5/5",
                "Much better.",
                f"/w/{world['ws'].id}/pilots/{world['pilot']}#feedback",
            ),
            (
                "editor@example.com",
                "Feedback on “Vendor-managed inventory” from someone at St. Agnes Hospital: "
                "difference 2/5, effort 3/5",
                "No comment.",
                f"/w/{world['ws'].id}/pilots/{world['pilot']}#feedback",
            ),
        ]
    )


def test_workspaces_stay_apart_in_the_stored_rows(world: dict[str, Any], db: Session) -> None:
    """Every row carries its workspace: a link of Elsewhere is stored under Elsewhere."""
    outsider: Api = world["api"]["outsider"]
    outsider.ok("POST", f"/pilots/{world['other']}/feedback-links", {"contact_name": "Nina"})
    new_token(world)

    rows = db.exec(select(FeedbackLink.workspace_id, FeedbackLink.contact_name)).all()

    assert sorted((ws == world["ws"].id, name) for ws, name in rows) == [
        (False, "Nina"),
        (True, "Dr. Lena Hart"),
    ]
    assert db.get(Workspace, world["elsewhere"].id) is not None


# --- in parallel -----------------------------------------------------------------------------


def test_parallel_answers_never_pass_the_daily_limit(tmp_path: Path) -> None:
    """A real server, real parallel transactions: the link's row is locked while its answers of
    the day are counted, so 30 answers at once record exactly 20."""
    with live_server(tmp_path, "feedback_limit") as server, server.client() as team:
        customer = team.post("/customers", json={"name": "St. Agnes"}).json()["id"]
        pilot = team.post("/pilots", json={"title": "VMI", "target_outcome": "profitability"})
        path = f"/pilots/{pilot.json()['id']}"
        team.post(f"{path}/candidates", json={"customer_id": customer})
        team.patch(path, json={"customer_id": customer})
        link = team.post(f"{path}/feedback-links", json={"contact_name": "Lena"})
        assert link.status_code == 201, link.text
        url = f"{server.url}/api/v1/feedback/{link.json()['token']}"

        def answer(_: int) -> int:
            with httpx.Client(timeout=60) as client:
                return client.post(url, json={"difference": 4, "effort": 4}).status_code

        statuses = Counter(at_once(30, answer))
        listed = team.get(f"{path}/feedback", params={"limit": 200}).json()["items"]

    assert statuses == {201: 20, 429: 10}
    assert len(listed) == 20


def test_a_rating_may_be_written_as_a_whole_decimal(
    world: dict[str, Any], client: TestClient, db: Session
) -> None:
    """JSON Schema's `integer` takes `5.0`: so does the answer."""
    response = public(client, "POST", new_token(world), {"difference": 5.0, "effort": 1.0})

    assert response.status_code == 201, response.text
    assert db.exec(select(FeedbackResponse.difference, FeedbackResponse.effort)).one() == (5, 1)
