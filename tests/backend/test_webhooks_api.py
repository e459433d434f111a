"""Webhook endpoints over HTTP: admins only, the secret once, the address guard, the log."""

from __future__ import annotations

import base64
import re
import uuid
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection
from sqlmodel import Session, col, select

from pilotboard.activity.models import Activity
from pilotboard.activity.service import Actor, record
from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.webhooks import net, signing
from pilotboard.webhooks.models import WebhookDelivery, WebhookEndpoint
from pilotboard.webhooks.service import MAX_ENDPOINTS
from pilotboard.workspaces.models import Role
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
from tests.backend.queries import count_queries

HOOK = "https://93.184.215.14/hooks/pilotboard"
VALIDATION = "https://pilotboard.dev/problems/validation-error"


@pytest.fixture
def world(
    db: Session, clock: FrozenClock, settings: Settings, client: TestClient, app: FastAPI
) -> dict[str, Any]:
    now = clock.now()
    ws = make_workspace(db, now=now, name="Acme")
    other = make_workspace(db, now=now, name="Elsewhere")
    apis: dict[str, Api] = {}
    people = {}
    for role in Role:
        user = make_user(db, now=now, name=f"{role.value.title()} Person")
        add_member(db, workspace=ws, user=user, role=role, now=now)
        people[role.value] = user
        apis[role.value] = Api(
            client, browser_caller(db, user=user, settings=settings, now=now), ws
        )
    outsider = make_user(db, now=now, name="Outsider")
    add_member(db, workspace=other, user=outsider, role=Role.admin, now=now)
    apis["outsider"] = Api(
        client, browser_caller(db, user=outsider, settings=settings, now=now), ws
    )
    for name, write in (("read_token", False), ("write_token", True)):
        secret = make_token(db, user=people["admin"], workspace=ws, now=now, write=write)
        apis[name] = Api(client, token_caller(secret), ws)
    db.commit()
    return {"ws": ws, "api": apis, "people": people}


def _create(api: Api, **fields: Any) -> Any:
    return api.send("POST", "/webhooks", {"url": HOOK, "events": ["pilot.created"], **fields})


def _problem_errors(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["type"] == VALIDATION
    return body["errors"]  # type: ignore[no-any-return]


def test_create_returns_the_secret_once_and_stores_it_sealed(
    world: dict[str, Any], db: Session
) -> None:
    admin: Api = world["api"]["admin"]
    created = _create(admin, description="CRM", events=["pilot.stage_changed", "pilot.created"])

    assert created.status_code == 201
    body = created.json()
    secret = body.pop("secret")
    assert re.fullmatch(r"whsec_[A-Za-z0-9+/]{43}=", secret)
    assert len(base64.b64decode(secret.removeprefix("whsec_"))) == 32
    webhook_id = body.pop("id")
    assert body.pop("etag") == created.headers["ETag"]
    assert body == {
        "url": HOOK,
        "description": "CRM",
        "events": ["pilot.stage_changed", "pilot.created"],
        "enabled": True,
        "disabled_reason": None,
        "disabled_at": None,
        "failing_since": None,
        "last_success_at": None,
        "last_failure_at": None,
        "created_at": "2026-01-15T09:00:00Z",
        "updated_at": "2026-01-15T09:00:00Z",
    }
    listed = admin.send("GET", "/webhooks")
    one = admin.send("GET", f"/webhooks/{webhook_id}")
    patched = admin.send("PATCH", f"/webhooks/{webhook_id}", {"description": "CRM sync"})
    for response in (listed, one, patched):
        assert response.status_code == 200
        assert secret not in response.text
        assert "secret" not in response.text
    assert [item["id"] for item in listed.json()["items"]] == [webhook_id]

    stored = db.exec(select(WebhookEndpoint)).one()
    assert secret not in stored.secret_sealed
    opened = signing.unseal(stored.secret_sealed, app_secret=TEST_SECRET, endpoint_id=stored.id)
    assert opened == secret
    actions = db.exec(
        select(Activity.action, Activity.summary)
        .where(Activity.object_id == stored.id)
        .order_by(col(Activity.occurred_at), col(Activity.action))
    ).all()
    assert actions == [
        ("webhook.created", f"Webhook to {HOOK} created"),
        ("webhook.updated", f"Webhook to {HOOK} changed: description"),
    ]


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        (
            {"url": HOOK, "events": []},
            [(["body", "events"], "List should have at least 1 item after validation, not 0")],
        ),
        (
            {"url": HOOK, "events": ["pilot.created", "pilot.created"]},
            [
                (
                    ["body", "events"],
                    "Value error, “pilot.created” is listed twice; list each event once.",
                )
            ],
        ),
        ({"url": HOOK}, [(["body", "events"], "Field required")]),
        (
            {"url": "  ", "events": ["pilot.created"]},
            [(["body", "url"], "Value error, Enter the URL that receives the events.")],
        ),
    ],
)
def test_invalid_bodies_name_the_field(
    world: dict[str, Any], db: Session, body: dict[str, Any], errors: list[tuple[list[str], str]]
) -> None:
    response = world["api"]["admin"].send("POST", "/webhooks", body)

    assert [(e["loc"], e["msg"]) for e in _problem_errors(response)] == errors
    assert db.exec(select(WebhookEndpoint)).all() == []


def test_an_unknown_event_is_refused(world: dict[str, Any]) -> None:
    response = world["api"]["admin"].send(
        "POST", "/webhooks", {"url": HOOK, "events": ["pilot.deleted"]}
    )
    assert [e["loc"] for e in _problem_errors(response)] == [["body", "events", 0]]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "http://127.0.0.1:8080/in",
            "127.0.0.1 is a loopback address; webhooks only go to public servers.",
        ),
        (
            "http://10.0.0.1/in",
            "10.0.0.1 is a private address; webhooks only go to public servers.",
        ),
        (
            "http://169.254.169.254/latest/meta-data",
            "169.254.169.254 is a cloud metadata address; webhooks only go to public servers.",
        ),
        ("http://[::1]:9000/in", "::1 is a loopback address; webhooks only go to public servers."),
        (
            "http://[::ffff:169.254.169.254]/",
            "169.254.169.254 is a cloud metadata address (written as the IPv6 address "
            "::ffff:a9fe:a9fe); webhooks only go to public servers.",
        ),
        ("file:///etc/passwd", "Only http:// and https:// URLs can receive webhooks."),
        ("http://localhost:8000/in", "“localhost” is this machine (localhost)."),
        (
            "https://loopback.example.net/in",
            "“loopback.example.net” resolves to 127.0.0.1: 127.0.0.1 is a loopback address; "
            "webhooks only go to public servers.",
        ),
    ],
)
def test_the_address_guard_refuses_with_422_naming_url(
    world: dict[str, Any], db: Session, monkeypatch: pytest.MonkeyPatch, url: str, message: str
) -> None:
    monkeypatch.setattr(net, "system_resolver", lambda host, port: ["127.0.0.1"])
    response = _create(world["api"]["admin"], url=url)

    assert [(e["loc"], e["msg"]) for e in _problem_errors(response)] == [(["body", "url"], message)]
    assert response.json()["detail"] == f"body.url: {message}"
    assert db.exec(select(WebhookEndpoint)).all() == []


def test_allow_localhost_lets_local_receivers_in_and_nothing_else(
    world: dict[str, Any], app: FastAPI, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    app.state.settings = settings.model_copy(update={"webhooks_allow_localhost": True})
    monkeypatch.setattr(net, "system_resolver", lambda host, port: ["127.0.0.1", "::1"])
    admin: Api = world["api"]["admin"]

    statuses = {
        url: _create(admin, url=url).status_code
        for url in (
            "http://127.0.0.1:8080/in",
            "http://[::1]:8080/in",
            "http://localhost:8080/in",
            "http://127.0.0.2/in",
            "http://10.0.0.1/in",
            "http://169.254.169.254/",
        )
    }
    assert statuses == {
        "http://127.0.0.1:8080/in": 201,
        "http://[::1]:8080/in": 201,
        "http://localhost:8080/in": 201,
        "http://127.0.0.2/in": 422,
        "http://10.0.0.1/in": 422,
        "http://169.254.169.254/": 422,
    }


def test_a_host_that_does_not_resolve_yet_is_accepted(
    world: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    def unresolvable(host: str, port: int) -> list[str]:
        raise net.UnresolvableHost(f"The host “{host}” could not be resolved.")

    monkeypatch.setattr(net, "system_resolver", unresolvable)
    # Checked again before every delivery; nothing can be reached through it meanwhile.
    assert _create(world["api"]["admin"], url="https://hooks.example.com/in").status_code == 201


def test_changing_the_url_is_checked_too(world: dict[str, Any]) -> None:
    admin: Api = world["api"]["admin"]
    webhook = _create(admin).json()

    response = admin.send("PATCH", f"/webhooks/{webhook['id']}", {"url": "http://10.0.0.1/x"})

    assert [(e["loc"], e["msg"]) for e in _problem_errors(response)] == [
        (["body", "url"], "10.0.0.1 is a private address; webhooks only go to public servers.")
    ]
    assert admin.ok("GET", f"/webhooks/{webhook['id']}")["url"] == HOOK


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("viewer", 403),
        ("editor", 403),
        ("executive", 403),
        ("read_token", 403),
        ("outsider", 404),
        ("write_token", 201),
    ],
)
def test_only_admins_and_their_write_tokens_manage_webhooks(
    world: dict[str, Any], persona: str, status: int
) -> None:
    assert _create(world["api"][persona]).status_code == status


def test_others_cannot_see_or_touch_a_webhook(world: dict[str, Any]) -> None:
    webhook = _create(world["api"]["admin"]).json()
    path = f"/webhooks/{webhook['id']}"
    seen = {
        persona: [
            world["api"][persona].send("GET", path).status_code,
            world["api"][persona].send("GET", path + "/deliveries").status_code,
            world["api"][persona].send("PATCH", path, {"enabled": False}).status_code,
            world["api"][persona].send("DELETE", path).status_code,
        ]
        for persona in ("editor", "viewer", "outsider", "read_token")
    }
    assert seen == {
        "editor": [403, 403, 403, 403],
        "viewer": [403, 403, 403, 403],
        "outsider": [404, 404, 404, 404],
        "read_token": [403, 403, 403, 403],
    }


def test_turning_off_and_on_and_stale_writes(world: dict[str, Any], clock: FrozenClock) -> None:
    admin: Api = world["api"]["admin"]
    created = _create(admin)
    webhook_id = created.json()["id"]
    etag = created.headers["ETag"]

    clock.advance(minutes=5)
    off = admin.send("PATCH", f"/webhooks/{webhook_id}", {"enabled": False}, **{"If-Match": etag})
    assert off.status_code == 200
    assert (off.json()["enabled"], off.json()["disabled_at"], off.json()["disabled_reason"]) == (
        False,
        "2026-01-15T09:05:00Z",
        None,
    )
    stale = admin.send("PATCH", f"/webhooks/{webhook_id}", {"enabled": True}, **{"If-Match": etag})
    assert stale.status_code == 412
    assert stale.json()["current"]["enabled"] is False
    on = admin.send(
        "PATCH", f"/webhooks/{webhook_id}", {"enabled": True}, **{"If-Match": off.headers["ETag"]}
    )
    assert (on.json()["enabled"], on.json()["disabled_at"]) == (True, None)

    refused = admin.send("PATCH", f"/webhooks/{webhook_id}", {"enabled": None})
    assert [e["loc"] for e in _problem_errors(refused)] == [["body", "enabled"]]


def test_delete_removes_the_webhook_and_its_log(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    admin: Api = world["api"]["admin"]
    editor: Api = world["api"]["editor"]
    webhook = _create(admin).json()
    editor.ok("POST", "/pilots", {"title": "Pilot", "target_outcome": "profitability"})
    assert len(db.exec(select(WebhookDelivery)).all()) == 1

    assert admin.send("DELETE", f"/webhooks/{webhook['id']}").status_code == 204

    assert admin.send("GET", f"/webhooks/{webhook['id']}").status_code == 404
    assert db.exec(select(WebhookDelivery)).all() == []
    assert db.exec(select(Activity.summary).where(Activity.action == "webhook.deleted")).all() == [
        f"Webhook to {HOOK} deleted with its delivery log"
    ]


def test_a_workspace_has_at_most_20_webhooks(world: dict[str, Any]) -> None:
    admin: Api = world["api"]["admin"]
    for _ in range(MAX_ENDPOINTS):
        assert _create(admin).status_code == 201

    refused = _create(admin)

    assert refused.status_code == 409
    assert refused.json()["code"] == "too_many_webhooks"


def test_lists_run_a_constant_number_of_queries(
    world: dict[str, Any], connection: Connection, clock: FrozenClock
) -> None:
    admin: Api = world["api"]["admin"]
    editor: Api = world["api"]["editor"]
    for _ in range(3):
        _create(admin, events=["pilot.created", "pilot.updated"])
    webhook_id = admin.ok("GET", "/webhooks")["items"][0]["id"]
    for i in range(3):
        pilot = editor.ok("POST", "/pilots", {"title": f"P{i}", "target_outcome": "profitability"})
        editor.ok("PATCH", f"/pilots/{pilot['id']}", {"title": f"Pilot {i}"})

    def queries(path: str, **params: Any) -> int:
        with count_queries(connection) as statements:
            response = admin.get(path, **params)
            assert response.status_code == 200, response.text
        return len(statements)

    for path in ("/webhooks", f"/webhooks/{webhook_id}/deliveries"):
        assert queries(path, limit=1) == queries(path, limit=200), path
    assert len(admin.ok("GET", f"/webhooks/{webhook_id}/deliveries")["items"]) == 6


def test_replacing_the_secret_returns_a_new_one_once_and_honours_if_match(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    admin: Api = world["api"]["admin"]
    created = _create(admin)
    first, webhook_id, etag = (
        created.json()["secret"],
        created.json()["id"],
        created.headers["ETag"],
    )
    clock.advance(minutes=5)

    stale = admin.send("POST", f"/webhooks/{webhook_id}/secret", None, **{"If-Match": '"nope"'})
    assert stale.status_code == 412
    assert stale.json()["current"]["id"] == webhook_id
    replaced = admin.send("POST", f"/webhooks/{webhook_id}/secret", None, **{"If-Match": etag})

    assert replaced.status_code == 200, replaced.text
    second = replaced.json()["secret"]
    assert re.fullmatch(r"whsec_[A-Za-z0-9+/]{43}=", second)
    assert second != first
    assert replaced.json()["updated_at"] == "2026-01-15T09:05:00Z"
    assert replaced.headers["ETag"] != etag
    stored = db.exec(select(WebhookEndpoint)).one()
    db.refresh(stored)
    assert signing.unseal(stored.secret_sealed, app_secret=TEST_SECRET, endpoint_id=stored.id) == (
        second
    )
    again = admin.send("GET", f"/webhooks/{webhook_id}")
    assert second not in again.text
    assert "secret" not in again.text
    assert db.exec(
        select(Activity.action)
        .where(Activity.object_id == stored.id)
        .order_by(col(Activity.occurred_at))
    ).all() == ["webhook.created", "webhook.secret_replaced"]
    for who, status in (("editor", 403), ("read_token", 403), ("outsider", 404)):
        response = world["api"][who].send("POST", f"/webhooks/{webhook_id}/secret")
        assert response.status_code == status, (who, response.text)


def test_the_activity_log_shows_webhook_urls_whole_only_to_who_may_read_webhooks(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    """A receiver's URL often carries a token; `/webhooks` is for admins (and their write
    tokens), so everyone else reads the log with each URL cut to its scheme and host."""
    admin: Api = world["api"]["admin"]
    first, second = f"{HOOK}?token=s3cret-1", "https://93.184.215.15/in/s3cret-2"
    webhook_id = _create(admin, url=first).json()["id"]
    clock.advance(minutes=1)
    admin.ok("PATCH", f"/webhooks/{webhook_id}", {"url": second})
    clock.advance(minutes=1)
    admin.ok("POST", f"/webhooks/{webhook_id}/secret")
    clock.advance(minutes=1)
    reason = (
        "Turned off after 24 hours in which every delivery failed. Last error: The receiver "
        "answered 302, a redirect; redirects are not followed "
        "(Location: https://elsewhere.example/moved?key=s3cret-3)."
    )
    record(  # as the delivery worker writes it
        db,
        actor=Actor(user_id=None),
        now=clock.now(),
        action="webhook.disabled",
        object_type="webhook",
        object_id=uuid.UUID(webhook_id),
        workspace_id=world["ws"].id,
        summary=f"Webhook to {second} turned off: its deliveries failed for 24 hours",
        before={"enabled": True},
        after={"enabled": False, "disabled_reason": reason},
    )
    db.commit()
    clock.advance(minutes=1)
    assert admin.send("DELETE", f"/webhooks/{webhook_id}").status_code == 204

    def log(persona: str) -> list[tuple[str, str, Any, Any]]:
        response = world["api"][persona].get("/activity", object_type="webhook")
        assert response.status_code == 200, response.text
        items = response.json()["items"]
        return [(i["action"], i["summary"], i["before"], i["after"]) for i in items]

    shown_first, shown_second = "https://93.184.215.14/…", "https://93.184.215.15/…"
    hidden = [
        (
            "webhook.deleted",
            f"Webhook to {shown_second} deleted with its delivery log",
            {"url": shown_second, "description": "", "events": ["pilot.created"], "enabled": True},
            None,
        ),
        (
            "webhook.disabled",
            f"Webhook to {shown_second} turned off: its deliveries failed for 24 hours",
            {"enabled": True},
            {
                "enabled": False,
                "disabled_reason": reason.replace(
                    "https://elsewhere.example/moved?key=s3cret-3", "https://elsewhere.example/…"
                ),
            },
        ),
        (
            "webhook.secret_replaced",
            f"Webhook to {shown_second}: signing secret replaced",
            None,
            None,
        ),
        (
            "webhook.updated",
            f"Webhook to {shown_second} changed: url",
            {"url": shown_first},
            {"url": shown_second},
        ),
        (
            "webhook.created",
            f"Webhook to {shown_first} created",
            None,
            {"url": shown_first, "description": "", "events": ["pilot.created"], "enabled": True},
        ),
    ]
    whole = [
        (
            "webhook.deleted",
            f"Webhook to {second} deleted with its delivery log",
            {"url": second, "description": "", "events": ["pilot.created"], "enabled": True},
            None,
        ),
        (
            "webhook.disabled",
            f"Webhook to {second} turned off: its deliveries failed for 24 hours",
            {"enabled": True},
            {"enabled": False, "disabled_reason": reason},
        ),
        ("webhook.secret_replaced", f"Webhook to {second}: signing secret replaced", None, None),
        ("webhook.updated", f"Webhook to {second} changed: url", {"url": first}, {"url": second}),
        (
            "webhook.created",
            f"Webhook to {first} created",
            None,
            {"url": first, "description": "", "events": ["pilot.created"], "enabled": True},
        ),
    ]
    assert {persona: log(persona) for persona in world["api"] if persona != "outsider"} == {
        "viewer": hidden,
        "editor": hidden,
        "executive": hidden,
        "read_token": hidden,
        "admin": whole,
        "write_token": whole,
    }
    for persona in ("viewer", "read_token"):
        assert "s3cret" not in world["api"][persona].get("/activity").text


def test_turning_a_webhook_on_checks_its_url_again(
    world: dict[str, Any],
    db: Session,
    app: FastAPI,
    settings: Settings,
    clock: FrozenClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A URL accepted once may be refused now: its name resolves to a private address, or local
    receivers are no longer allowed. Turning the endpoint on is refused, naming `enabled`, and
    nothing changes; sending a good `url` with it turns it on."""
    addresses = {"hooks.example.com": "93.184.215.14"}
    monkeypatch.setattr(net, "system_resolver", lambda host, port: [addresses[host]])
    app.state.settings = settings.model_copy(update={"webhooks_allow_localhost": True})
    admin: Api = world["api"]["admin"]
    remote = _create(admin, url="https://hooks.example.com/in", enabled=False).json()
    clock.advance(minutes=1)
    local = _create(admin, url="http://127.0.0.1:8080/in", enabled=False).json()
    addresses["hooks.example.com"] = "10.0.0.7"
    app.state.settings = settings
    logged = len(db.exec(select(Activity)).all())

    refused = {
        webhook["id"]: admin.send("PATCH", f"/webhooks/{webhook['id']}", {"enabled": True})
        for webhook in (remote, local)
    }

    assert {
        webhook_id: [(e["loc"], e["msg"]) for e in _problem_errors(response)]
        for webhook_id, response in refused.items()
    } == {
        remote["id"]: [
            (
                ["body", "enabled"],
                "It cannot be turned on while its URL is refused: “hooks.example.com” resolves "
                "to 10.0.0.7: 10.0.0.7 is a private address; webhooks only go to public "
                "servers. Change the URL first (or send the new `url` with `enabled`).",
            )
        ],
        local["id"]: [
            (
                ["body", "enabled"],
                "It cannot be turned on while its URL is refused: 127.0.0.1 is a loopback "
                "address; webhooks only go to public servers. Change the URL first (or send the "
                "new `url` with `enabled`).",
            )
        ],
    }
    assert [
        (w["url"], w["enabled"], w["updated_at"]) for w in admin.ok("GET", "/webhooks")["items"]
    ] == [
        ("https://hooks.example.com/in", False, remote["updated_at"]),
        ("http://127.0.0.1:8080/in", False, local["updated_at"]),
    ]
    assert len(db.exec(select(Activity)).all()) == logged
    # Turning off, and other edits of a webhook that stays off, are not checked.
    assert admin.ok("PATCH", f"/webhooks/{local['id']}", {"description": "Dev"})["enabled"] is False
    moved = admin.ok("PATCH", f"/webhooks/{local['id']}", {"enabled": True, "url": HOOK})
    assert (moved["url"], moved["enabled"]) == (HOOK, True)


def test_list_items_carry_the_etag_their_single_read_answers_with(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    admin: Api = world["api"]["admin"]
    first = _create(admin, description="CRM sync")
    second = _create(admin, description="BI")
    assert first.json()["etag"] == first.headers["ETag"]

    items = admin.get("/webhooks").json()["items"]
    tags = {item["id"]: item["etag"] for item in items}
    for created in (first, second):
        webhook_id = created.json()["id"]
        assert tags[webhook_id] == admin.get(f"/webhooks/{webhook_id}").headers["ETag"]
        assert tags[webhook_id] == created.headers["ETag"]
    assert len(set(tags.values())) == 2

    # A delivery going out is no edit: the version an admin read from the list still applies.
    endpoint = db.get(WebhookEndpoint, uuid.UUID(first.json()["id"]))
    assert endpoint is not None
    endpoint.last_success_at = clock.now()
    db.add(endpoint)
    db.commit()
    listed = admin.get("/webhooks").json()["items"]
    assert [i["etag"] for i in listed if i["id"] == first.json()["id"]] == [
        tags[first.json()["id"]]
    ]

    clock.advance(minutes=1)
    edit = admin.send(
        "PATCH",
        f"/webhooks/{first.json()['id']}",
        {"description": "CRM sync (EU)"},
        **{"If-Match": tags[first.json()["id"]]},
    )
    assert edit.status_code == 200, edit.text
    assert edit.json()["etag"] == edit.headers["ETag"] != tags[first.json()["id"]]
    stale = admin.send(
        "DELETE", f"/webhooks/{first.json()['id']}", **{"If-Match": tags[first.json()["id"]]}
    )
    assert stale.status_code == 412
    assert stale.json()["current"]["etag"] == edit.headers["ETag"]
    relisted = {i["id"]: i["etag"] for i in admin.get("/webhooks").json()["items"]}
    assert relisted == {
        first.json()["id"]: edit.headers["ETag"],
        second.json()["id"]: tags[second.json()["id"]],
    }
