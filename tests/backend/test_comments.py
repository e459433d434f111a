"""Comments on a pilot: Markdown shown safely, @mentions of members, who may write what, the
notifications, the activity log, the webhook event and export/restore (API.md, "People outside
the app")."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session, col, func, select

from pilotboard.accounts.models import User
from pilotboard.activity.models import Activity
from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.exports.schemas import ExportDocument
from pilotboard.exports.service import restore_workspace
from pilotboard.notifications.models import Notification
from pilotboard.pilots.comments.markdown import TAGS
from pilotboard.pilots.comments.models import Comment
from pilotboard.webhooks.models import WebhookEvent
from pilotboard.workspaces.models import Role, Workspace
from tests.backend.conftest import TEST_SECRET
from tests.backend.factories import (
    Api,
    add_member,
    browser_caller,
    make_token,
    make_user,
    make_workspace,
    token_caller,
)
from tests.backend.smtp import SmtpServer, mail_settings, run_mail_worker, smtp_server

__all__ = ["smtp_server"]  # the fixture, used by name

PROBLEMS = "https://pilotboard.dev/problems/"
PEOPLE = (
    ("admin", Role.admin),
    ("editor", Role.editor),
    ("other_editor", Role.editor),
    ("executive", Role.executive),
    ("viewer", Role.viewer),
)


@pytest.fixture
def world(
    db: Session, clock: FrozenClock, settings: Settings, client: TestClient, app: FastAPI
) -> dict[str, Any]:
    settings = settings.model_copy(update={"session_idle_hours": 1e5, "session_max_days": 1e4})
    app.state.settings = settings
    now = clock.now()
    ws = make_workspace(db, now=now, name="Acme")
    elsewhere = make_workspace(db, now=now, name="Elsewhere")
    people = {}
    for name, role in PEOPLE:
        people[name] = make_user(
            db, now=now, email=f"{name}@example.com", name=name.replace("_", " ").title()
        )
        add_member(db, workspace=ws, user=people[name], role=role, now=now)
    # Someone of another workspace, and a member whose account was deactivated.
    people["outsider"] = make_user(db, now=now, email="outsider@example.com", name="Outsider")
    add_member(db, workspace=elsewhere, user=people["outsider"], role=Role.admin, now=now)
    people["gone"] = make_user(db, now=now, email="gone@example.com", name="Gone", is_active=False)
    add_member(db, workspace=ws, user=people["gone"], role=Role.editor, now=now)
    db.commit()
    apis = {
        name: Api(client, browser_caller(db, user=people[name], settings=settings, now=now), ws)
        for name, _ in PEOPLE
    }
    apis["outsider"] = Api(
        client, browser_caller(db, user=people["outsider"], settings=settings, now=now), elsewhere
    )
    db.commit()
    pilot = apis["editor"].ok(
        "POST", "/pilots", {"title": "Vendor-managed inventory", "target_outcome": "profitability"}
    )
    return {
        "ws": ws,
        "elsewhere": elsewhere,
        "people": people,
        "api": apis,
        "pilot": pilot["id"],
        "settings": settings,
    }


def comment(world: dict[str, Any], who: str, body: str = "Looks good", **extra: Any) -> Any:
    api: Api = world["api"][who]
    return api.send("POST", f"/pilots/{world['pilot']}/comments", {"body": body, **extra})


def comments(world: dict[str, Any], who: str = "viewer", **params: Any) -> Any:
    api: Api = world["api"][who]
    response = api.get(f"/pilots/{world['pilot']}/comments", **params)
    assert response.status_code == 200, response.text
    return response.json()


def uid(world: dict[str, Any], who: str) -> str:
    return str(world["people"][who].id)


def stored_count(db: Session) -> int:
    db.expire_all()
    return int(db.exec(select(func.count()).select_from(Comment)).one())


def notifications(db: Session, kind: str | None = None) -> list[tuple[str, str, str]]:
    """(recipient email prefix, kind, url) of every notification, in a stable order."""
    db.expire_all()
    rows = db.exec(
        select(Notification, User.email).join(User, col(User.id) == col(Notification.user_id))
    ).all()
    return sorted(
        (email.split("@")[0], n.kind, n.url) for n, email in rows if kind in (None, n.kind)
    )


def url_of(world: dict[str, Any], cid: str) -> str:
    return f"/w/{world['ws'].id}/pilots/{world['pilot']}#comment-{cid}"


# --- writing and reading ---------------------------------------------------------------------


def test_editors_executives_and_admins_comment_and_everyone_reads(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    created = []
    for who in ("editor", "executive", "admin"):
        clock.advance(minutes=1)
        response = comment(world, who, f"From the {who}")
        assert response.status_code == 201, response.text
        assert response.headers["ETag"]
        created.append(response.json())
    refused = comment(world, "viewer", "Can I?")

    assert refused.status_code == 403
    assert refused.json()["type"] == PROBLEMS + "forbidden"
    assert stored_count(db) == 3
    listed = comments(world, "viewer")
    assert listed["next_cursor"] is None
    # Newest first, as the pilot's activity is listed.
    assert listed["items"] == list(reversed(created))
    first = created[0]
    assert first == {
        "id": first["id"],
        "body": "From the editor",
        "body_html": "<p>From the editor</p>\n",
        "author_id": uid(world, "editor"),
        "author_name": "Editor",
        "mentions": [],
        "created_at": "2026-01-15T09:01:00Z",
        "updated_at": "2026-01-15T09:01:00Z",
        "edited_at": None,
        "etag": first["etag"],  # the comment's version, checked in pilots/test_list_etags.py
    }


def test_the_list_is_paged_newest_first(world: dict[str, Any], clock: FrozenClock) -> None:
    ids = []
    for n in range(5):
        clock.advance(seconds=1)
        ids.append(comment(world, "editor", f"Comment {n}").json()["id"])

    first = comments(world, limit=2)
    second = comments(world, limit=2, cursor=first["next_cursor"])
    third = comments(world, limit=2, cursor=second["next_cursor"])

    assert [c["id"] for c in first["items"] + second["items"] + third["items"]] == ids[::-1]
    assert third["next_cursor"] is None


def test_a_read_only_token_reads_but_does_not_comment(
    world: dict[str, Any], db: Session, clock: FrozenClock, client: TestClient
) -> None:
    secret = make_token(
        db, user=world["people"]["admin"], workspace=world["ws"], now=clock.now(), write=False
    )
    db.commit()
    token = Api(client, token_caller(secret), world["ws"])

    refused = token.send("POST", f"/pilots/{world['pilot']}/comments", {"body": "Hi"})

    assert refused.status_code == 403
    assert token.get(f"/pilots/{world['pilot']}/comments").status_code == 200
    assert stored_count(db) == 0


def test_only_the_author_edits_and_edits_are_marked(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    original = comment(world, "executive", "Draft *one*").json()
    path = f"/pilots/{world['pilot']}/comments/{original['id']}"
    clock.advance(minutes=5)

    refused = {
        who: world["api"][who].send("PATCH", path, {"body": "Hijacked"}).status_code
        for who in ("editor", "admin", "viewer")
    }
    edited = world["api"]["executive"].send("PATCH", path, {"body": "Final **one**"})

    assert refused == {"editor": 403, "admin": 403, "viewer": 403}
    assert edited.status_code == 200, edited.text
    body = edited.json()
    assert (body["body"], body["body_html"], body["edited_at"], body["created_at"]) == (
        "Final **one**",
        "<p>Final <strong>one</strong></p>\n",
        "2026-01-15T09:05:00Z",
        original["created_at"],
    )
    assert comments(world)["items"] == [body]


def test_an_edit_honours_if_match(world: dict[str, Any], clock: FrozenClock) -> None:
    created = comment(world, "executive", "v1")
    path = f"/pilots/{world['pilot']}/comments/{created.json()['id']}"
    stale = created.headers["ETag"]
    executive: Api = world["api"]["executive"]
    clock.advance(seconds=1)
    fresh = executive.send("PATCH", path, {"body": "v2"}, **{"If-Match": stale})

    late = executive.send("PATCH", path, {"body": "v3"}, **{"If-Match": stale})
    gone = executive.send("DELETE", path, **{"If-Match": stale})

    assert fresh.status_code == 200
    assert (late.status_code, gone.status_code) == (412, 412)
    assert [c["body"] for c in comments(world)["items"]] == ["v2"]


def test_an_edit_that_changes_nothing_is_not_marked(world: dict[str, Any], db: Session) -> None:
    created = comment(world, "editor", "Same").json()
    path = f"/pilots/{world['pilot']}/comments/{created['id']}"

    again = world["api"]["editor"].send("PATCH", path, {"body": "Same", "mentions": []})

    assert again.status_code == 200
    assert again.json()["edited_at"] is None
    actions = db.exec(select(Activity.action).where(Activity.object_type == "comment")).all()
    assert list(actions) == ["comment.created"]


def test_the_author_or_an_admin_deletes(world: dict[str, Any], db: Session) -> None:
    mine = comment(world, "executive", "Mine").json()
    theirs = comment(world, "executive", "Also mine").json()
    base = f"/pilots/{world['pilot']}/comments/"

    refused = [
        world["api"][who].send("DELETE", base + mine["id"]).status_code
        for who in ("editor", "other_editor", "viewer")
    ]
    by_author = world["api"]["executive"].send("DELETE", base + mine["id"])
    by_admin = world["api"]["admin"].send("DELETE", base + theirs["id"])
    again = world["api"]["admin"].send("DELETE", base + theirs["id"])

    assert refused == [403, 403, 403]
    assert (by_author.status_code, by_admin.status_code, again.status_code) == (204, 204, 404)
    assert comments(world)["items"] == []
    assert stored_count(db) == 0


def test_the_pilot_activity_has_each_comment_change(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    admin: Api = world["api"]["admin"]
    cid = comment(world, "executive", "We should   scale\nthis").json()["id"]
    path = f"/pilots/{world['pilot']}/comments/{cid}"
    clock.advance(minutes=1)
    world["api"]["executive"].ok("PATCH", path, {"body": "We should scale this now"})
    clock.advance(minutes=1)
    admin.ok("DELETE", path)

    entries = admin.get(f"/pilots/{world['pilot']}/activity").json()["items"]

    assert [
        (e["action"], e["object_id"], e["summary"], e["actor_name"])
        for e in entries
        if e["object_type"] == "comment"
    ] == [
        ("comment.deleted", cid, "Comment by Executive deleted", "Admin"),
        ("comment.edited", cid, "Comment edited: We should scale this now", "Executive"),
        ("comment.created", cid, "Comment: We should scale this", "Executive"),
    ]
    edited = next(e for e in entries if e["action"] == "comment.edited")
    assert (edited["before"], edited["after"]) == (
        {"body": "We should   scale\nthis"},
        {"body": "We should scale this now"},
    )


def test_an_idempotent_retry_creates_one_comment(world: dict[str, Any], db: Session) -> None:
    editor: Api = world["api"]["editor"]
    path = f"/pilots/{world['pilot']}/comments"
    first = editor.send("POST", path, {"body": "Once"}, **{"Idempotency-Key": "c-1"})
    second = editor.send("POST", path, {"body": "Once"}, **{"Idempotency-Key": "c-1"})

    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json() == second.json()
    assert stored_count(db) == 1


# --- workspace isolation ---------------------------------------------------------------------


def test_another_workspace_sees_nothing(world: dict[str, Any], db: Session) -> None:
    cid = comment(world, "editor", "Internal").json()["id"]
    outsider: Api = world["api"]["outsider"]
    foreign = Api(outsider.client, outsider.caller, world["ws"])
    pid = world["pilot"]

    answers = [
        foreign.get(f"/pilots/{pid}/comments").status_code,
        foreign.send("POST", f"/pilots/{pid}/comments", {"body": "Hi"}).status_code,
        foreign.send("PATCH", f"/pilots/{pid}/comments/{cid}", {"body": "x"}).status_code,
        foreign.send("DELETE", f"/pilots/{pid}/comments/{cid}").status_code,
        # Their own workspace's path with this workspace's pilot and comment.
        outsider.get(f"/pilots/{pid}/comments").status_code,
        outsider.send("POST", f"/pilots/{pid}/comments", {"body": "Hi"}).status_code,
        outsider.send("DELETE", f"/pilots/{pid}/comments/{cid}").status_code,
    ]

    assert answers == [404] * 7
    assert [c["body"] for c in comments(world)["items"]] == ["Internal"]
    assert stored_count(db) == 1


def test_a_comment_of_another_pilot_is_not_found(world: dict[str, Any]) -> None:
    editor: Api = world["api"]["editor"]
    other = editor.ok("POST", "/pilots", {"title": "Other", "target_outcome": "profitability"})
    cid = comment(world, "editor", "On the first pilot").json()["id"]

    response = editor.send("PATCH", f"/pilots/{other['id']}/comments/{cid}", {"body": "Moved"})

    assert response.status_code == 404
    assert response.json()["detail"] == "No comment with this id on the pilot."


# --- Markdown, shown safely ------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parsed(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


HOSTILE = "\n".join(
    [
        "<script>alert('x')</script>",
        '<img src=x onerror="alert(1)"> <b onmouseover="alert(2)">bold?</b>',
        '<a href="javascript:alert(3)">raw link</a>',
        "[md link](javascript:alert(4)) [upper](JAVASCRIPT:alert(5)) [data](data:text/html,x)",
        "<iframe src=https://evil.example></iframe><style>body{}</style>",
        "",
        "[fine](https://example.com/a?b=1) and https://example.com/bare, [mail](mailto:a@b.c)",
    ]
)


def test_script_and_raw_html_come_back_as_text(world: dict[str, Any]) -> None:
    created = comment(world, "editor", HOSTILE)
    assert created.status_code == 201, created.text
    item = comments(world)["items"][0]
    html = item["body_html"]

    assert item["body"] == HOSTILE  # the source, as written
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in html
    assert '&lt;img src=x onerror="alert(1)"&gt;' in html
    assert "<script" not in html.lower()
    assert "<iframe" not in html.lower()
    tags = parsed(html)
    assert {tag for tag, _ in tags} <= TAGS
    assert [(name, value) for _, attrs in tags for name, value in attrs.items()
            if name.startswith("on") or name in ("style", "src", "class")] == []  # fmt: skip
    assert "javascript:" not in "".join(str(attrs.get("href")) for _, attrs in tags).lower()
    # Bare URLs become links (the iframe's source is text, and a URL like any other).
    assert [attrs for tag, attrs in tags if tag == "a"] == [
        {"href": "https://evil.example", "rel": "noopener nofollow"},
        {"href": "https://example.com/a?b=1", "rel": "noopener nofollow"},
        {"href": "https://example.com/bare", "rel": "noopener nofollow"},
        {"href": "mailto:a@b.c", "rel": "noopener nofollow"},
    ]


def test_markdown_renders(world: dict[str, Any]) -> None:
    body = "# Plan\n\n- one\n- **two**\n\n> quoted `code`\n\n~~old~~"
    comment(world, "editor", body)

    assert comments(world)["items"][0]["body_html"] == (
        "<h1>Plan</h1>\n<ul>\n<li>one</li>\n<li><strong>two</strong></li>\n</ul>\n"
        "<blockquote>\n<p>quoted <code>code</code></p>\n</blockquote>\n<p><s>old</s></p>\n"
    )


# --- bad input -------------------------------------------------------------------------------


def test_an_oversize_comment_is_refused_and_nothing_stored(
    world: dict[str, Any], db: Session
) -> None:
    too_long = comment(world, "editor", "x" * 10_001, mentions=[uid(world, "viewer")])
    just_fits = comment(world, "editor", "y" * 10_000)

    assert too_long.status_code == 422
    problem = too_long.json()
    assert problem["type"] == PROBLEMS + "validation-error"
    assert [e["loc"] for e in problem["errors"]] == [["body", "body"]]
    assert just_fits.status_code == 201
    assert [len(c["body"]) for c in comments(world)["items"]] == [10_000]
    assert notifications(db, "mentioned") == []


def test_an_oversize_edit_is_refused_and_nothing_changed(world: dict[str, Any]) -> None:
    cid = comment(world, "editor", "Short").json()["id"]

    response = world["api"]["editor"].send(
        "PATCH", f"/pilots/{world['pilot']}/comments/{cid}", {"body": "x" * 10_001}
    )

    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["errors"]] == [["body", "body"]]
    assert [(c["body"], c["edited_at"]) for c in comments(world)["items"]] == [("Short", None)]


@pytest.mark.parametrize("body", ["", "   ", "\n\t \n"])
def test_an_empty_comment_is_refused(world: dict[str, Any], db: Session, body: str) -> None:
    response = comment(world, "editor", body)

    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["errors"]] == [["body", "body"]]
    assert stored_count(db) == 0


@pytest.mark.parametrize("field", ["body", "mentions"])
def test_null_is_refused_on_edit(world: dict[str, Any], field: str) -> None:
    cid = comment(world, "editor", "Keep").json()["id"]

    response = world["api"]["editor"].send(
        "PATCH", f"/pilots/{world['pilot']}/comments/{cid}", {field: None}
    )

    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["errors"]] == [["body", field]]


def test_a_mention_of_a_non_member_is_refused_and_nothing_stored_or_notified(
    world: dict[str, Any], db: Session
) -> None:
    mentions = [
        uid(world, "viewer"),
        uid(world, "outsider"),  # a member of another workspace
        uid(world, "gone"),  # a member whose account is deactivated
        str(uuid.uuid4()),  # nobody
    ]

    response = comment(world, "editor", "@all look", mentions=mentions)

    assert response.status_code == 422
    problem = response.json()
    assert problem["type"] == PROBLEMS + "validation-error"
    assert [e["loc"] for e in problem["errors"]] == [
        ["body", "mentions", 1],
        ["body", "mentions", 2],
        ["body", "mentions", 3],
    ]
    assert problem["detail"] == (
        "mentions: 3 of the people mentioned are not active members of this workspace."
    )
    assert stored_count(db) == 0
    assert notifications(db) == []
    assert db.exec(select(Activity).where(Activity.object_type == "comment")).all() == []


def test_a_non_member_mention_on_edit_is_refused_and_nothing_changed(
    world: dict[str, Any], db: Session
) -> None:
    cid = comment(world, "editor", "Hello").json()["id"]

    response = world["api"]["editor"].send(
        "PATCH",
        f"/pilots/{world['pilot']}/comments/{cid}",
        {"body": "Hello @outsider", "mentions": [uid(world, "outsider")]},
    )

    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["errors"]] == [["body", "mentions", 0]]
    assert [(c["body"], c["mentions"]) for c in comments(world)["items"]] == [("Hello", [])]
    assert notifications(db, "mentioned") == []


# --- notifications ---------------------------------------------------------------------------


def test_mentioned_and_commented_are_notified(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    # The editor owns the pilot. The other editor comments first: the owner hears of it.
    first = comment(world, "other_editor", "First!").json()
    assert notifications(db) == [("editor", "commented", url_of(world, first["id"]))]
    clock.advance(minutes=1)

    # The executive mentions the viewer and the owner (and themself, and the viewer twice).
    mentions = [uid(world, w) for w in ("viewer", "editor", "executive", "viewer")]
    second = comment(world, "executive", "@Viewer @Editor see this", mentions=mentions).json()

    assert second["mentions"] == [uid(world, w) for w in ("viewer", "editor", "executive")]
    url = url_of(world, second["id"])
    # The owner is told once (mentioned, not also commented); the earlier commenter is told it
    # was commented; the author hears nothing.
    assert notifications(db) == sorted(
        [
            ("editor", "commented", url_of(world, first["id"])),
            ("editor", "mentioned", url),
            ("other_editor", "commented", url),
            ("viewer", "mentioned", url),
        ]
    )
    db.expire_all()
    mention = db.exec(
        select(Notification).where(
            Notification.kind == "mentioned", Notification.user_id == world["people"]["viewer"].id
        )
    ).one()
    assert (mention.title, mention.body, str(mention.pilot_id)) == (
        "Executive mentioned you on “Vendor-managed inventory”",
        "@Viewer @Editor see this",
        world["pilot"],
    )


def test_an_edit_notifies_only_those_newly_mentioned(world: dict[str, Any], db: Session) -> None:
    viewer, admin = uid(world, "viewer"), uid(world, "admin")
    cid = comment(world, "editor", "Hi @Viewer", mentions=[viewer]).json()["id"]
    path = f"/pilots/{world['pilot']}/comments/{cid}"

    world["api"]["editor"].ok(
        "PATCH", path, {"body": "Hi @Viewer @Admin", "mentions": [viewer, admin]}
    )
    world["api"]["editor"].ok("PATCH", path, {"body": "Hi @Viewer @Admin!"})

    assert notifications(db, "mentioned") == [
        ("admin", "mentioned", url_of(world, cid)),
        ("viewer", "mentioned", url_of(world, cid)),
    ]


def test_the_mention_email_arrives(
    world: dict[str, Any],
    db: Session,
    clock: FrozenClock,
    smtp_server: SmtpServer,
    session_factory: Callable[[], Session],
) -> None:
    """`mentioned` is emailed by default, `commented` is not (API.md, preferences)."""
    cid = comment(
        world, "executive", "Please **check** <b>this</b>", mentions=[uid(world, "viewer")]
    ).json()["id"]
    settings = mail_settings(world["settings"], smtp_server)

    sent = run_mail_worker(session_factory, settings, clock)

    assert sent == 1
    [message] = smtp_server.messages
    assert message["To"].addresses[0].addr_spec == "viewer@example.com"
    text = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    link = f"{settings.public_url.rstrip('/')}{url_of(world, cid)}"
    assert link in text
    assert link.replace("&", "&amp;") in html
    # What the comment said is text in the HTML part too.
    assert "<b>this</b>" not in html


# --- webhook and export ----------------------------------------------------------------------


def test_a_comment_is_a_webhook_event(world: dict[str, Any], db: Session) -> None:
    world["api"]["admin"].ok(
        "POST",
        "/webhooks",
        {"url": "https://93.184.215.14/hooks", "events": ["comment.created"]},
    )
    created = comment(world, "editor", "Hooked").json()
    cid = created["id"]
    world["api"]["editor"].ok(
        "PATCH", f"/pilots/{world['pilot']}/comments/{cid}", {"body": "Edited"}
    )

    events = db.exec(select(WebhookEvent).where(WebhookEvent.workspace_id == world["ws"].id)).all()

    assert [e.type for e in events] == ["comment.created"]
    payload = json.loads(events[0].body)
    assert payload["type"] == "comment.created"
    assert payload["data"] == {**created, "pilot_id": world["pilot"]}


def test_export_and_restore_carry_the_comments(
    world: dict[str, Any], db: Session, clock: FrozenClock, client: TestClient
) -> None:
    admin: Api = world["api"]["admin"]
    viewer = uid(world, "viewer")
    first = comment(world, "executive", "Scale it?", mentions=[viewer]).json()
    clock.advance(minutes=1)
    world["api"]["executive"].ok(
        "PATCH", f"/pilots/{world['pilot']}/comments/{first['id']}", {"body": "Scale it."}
    )
    clock.advance(minutes=1)
    comment(world, "editor", "Agreed")
    document = admin.get("/export").json()
    [exported] = document["pilots"]

    restored = restore_workspace(
        db,
        document=ExportDocument.model_validate(document),
        name="Copy",
        admin_email=None,
        app_secret=TEST_SECRET,
        now=clock.now(),
    )
    db.commit()
    copy = db.get(Workspace, restored.workspace_id)
    assert copy is not None
    in_copy = Api(client, admin.caller, copy)
    [pilot] = in_copy.get("/pilots").json()["items"]
    items = in_copy.get(f"/pilots/{pilot['id']}/comments").json()["items"]

    fields = ("body", "author_id", "mentions", "created_at", "edited_at")
    EDITED = "2026-01-15T09:01:00Z"  # noqa: N806
    assert [tuple(c[f] for f in fields) for c in exported["comments"]] == [
        ("Scale it.", uid(world, "executive"), [viewer], first["created_at"], EDITED),
        ("Agreed", uid(world, "editor"), [], "2026-01-15T09:02:00Z", None),
    ]
    # Same people (the accounts with the same email), newest first as ever.
    assert [tuple(c[f] for f in fields) for c in items] == [
        tuple(c[f] for f in fields) for c in reversed(exported["comments"])
    ]
    assert [c["author_name"] for c in items] == ["Editor", "Executive"]
    assert {c["id"] for c in items}.isdisjoint({c["id"] for c in exported["comments"]})
    assert restored.counts["comments"] == 2
    # The activity entries point at the restored comments.
    copy_ids = {c["id"] for c in items}
    entries = in_copy.get(f"/pilots/{pilot['id']}/activity").json()["items"]
    assert {e["object_id"] for e in entries if e["object_type"] == "comment"} == copy_ids


def test_a_restore_drops_mentions_of_people_without_an_account(
    world: dict[str, Any], db: Session, clock: FrozenClock, client: TestClient
) -> None:
    admin: Api = world["api"]["admin"]
    comment(world, "executive", "Hi both", mentions=[uid(world, "viewer"), uid(world, "admin")])
    document = admin.get("/export").json()
    for person in (*document["members"], *document["people"]):
        if person["email"] == "viewer@example.com":
            person["email"] = "nobody-here@example.com"

    restored = restore_workspace(
        db,
        document=ExportDocument.model_validate(document),
        name="Copy",
        admin_email=None,
        app_secret=TEST_SECRET,
        now=clock.now(),
    )
    db.commit()
    copy = db.get(Workspace, restored.workspace_id)
    assert copy is not None
    in_copy = Api(client, admin.caller, copy)
    [pilot] = in_copy.get("/pilots").json()["items"]
    [item] = in_copy.get(f"/pilots/{pilot['id']}/comments").json()["items"]

    assert item["mentions"] == [uid(world, "admin")]
