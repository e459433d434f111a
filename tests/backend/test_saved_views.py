"""Saved views: each person's own named filters, sort, layout and density of the pilots list."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.core.errors import problem_type
from pilotboard.saved_views.models import SavedView
from pilotboard.saved_views.service import MAX_VIEWS
from pilotboard.workspaces.models import Role
from tests.backend.factories import Api, add_member, browser_caller, make_user, make_workspace


@dataclass
class World:
    me: Api
    colleague: Api
    viewer: Api
    elsewhere: Api  # me, in another workspace
    owner_id: str


@pytest.fixture
def world(client: TestClient, db: Session, clock: FrozenClock, settings: Settings) -> World:
    now = clock.now()
    home = make_workspace(db, now=now, name="Home")
    other = make_workspace(db, now=now, name="Other")
    me = make_user(db, now=now, name="Me")
    colleague = make_user(db, now=now, name="Colleague")
    viewer = make_user(db, now=now, name="Viewer")
    add_member(db, workspace=home, user=me, role=Role.editor, now=now)
    add_member(db, workspace=other, user=me, role=Role.editor, now=now)
    add_member(db, workspace=home, user=colleague, role=Role.editor, now=now)
    add_member(db, workspace=home, user=viewer, role=Role.viewer, now=now)
    mine = browser_caller(db, user=me, settings=settings, now=now)
    db.commit()
    return World(
        me=Api(client, mine, home),
        colleague=Api(client, browser_caller(db, user=colleague, settings=settings, now=now), home),
        viewer=Api(client, browser_caller(db, user=viewer, settings=settings, now=now), home),
        elsewhere=Api(client, mine, other),
        owner_id=str(me.id),
    )


def _view(**overrides: object) -> dict[str, object]:
    return {
        "name": "Running at risk",
        "layout": "board",
        "density": "compact",
        "search": {"stage": "running", "health": "at_risk", "sort": "title"},
        **overrides,
    }


def test_create_read_update_delete(world: World, db: Session) -> None:
    created = world.me.send("POST", "/saved-views", _view(search={"q": "  nurse ", "stage": None}))
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["name"] == "Running at risk"
    assert body["layout"] == "board"
    assert body["density"] == "compact"
    # Stripped, and empty filters left out: what the list's URL would say.
    assert body["search"] == {"q": "nurse"}
    assert created.headers["ETag"] == body["etag"]

    listed = world.me.get("/saved-views").json()
    assert [v["id"] for v in listed["items"]] == [body["id"]]
    assert listed["items"][0]["etag"] == body["etag"]
    assert listed["next_cursor"] is None

    renamed = world.me.send(
        "PATCH",
        f"/saved-views/{body['id']}",
        {"name": "Nurse pilots", "search": {"owner": world.owner_id, "sort": "-updated_at"}},
        **{"If-Match": body["etag"]},
    )
    assert renamed.status_code == 200, renamed.text
    after = renamed.json()
    assert after["name"] == "Nurse pilots"
    assert after["layout"] == "board"  # not sent: kept
    assert after["search"] == {"owner": world.owner_id, "sort": "-updated_at"}
    assert after["etag"] != body["etag"]

    stale = world.me.send("DELETE", f"/saved-views/{body['id']}", **{"If-Match": body["etag"]})
    assert stale.status_code == 412
    deleted = world.me.send("DELETE", f"/saved-views/{body['id']}", **{"If-Match": after["etag"]})
    assert deleted.status_code == 204
    assert world.me.get("/saved-views").json()["items"] == []
    assert db.exec(select(SavedView)).all() == []


def test_defaults_are_a_comfortable_list_of_everything(world: World) -> None:
    body = world.me.ok("POST", "/saved-views", {"name": "All"})

    assert (body["layout"], body["density"], body["search"]) == ("list", "comfortable", {})


@pytest.mark.parametrize(
    ("change", "loc"),
    [
        ({"name": ""}, ["body", "name"]),
        ({"name": "x" * 81}, ["body", "name"]),
        ({"name": "Two\nlines"}, ["body", "name"]),
        ({"layout": "table"}, ["body", "layout"]),
        ({"density": "cosy"}, ["body", "density"]),
        ({"search": {"stage": "launched"}}, ["body", "search", "stage"]),
        ({"search": {"health": "fine"}}, ["body", "search", "health"]),
        ({"search": {"owner": "not-a-uuid"}}, ["body", "search", "owner"]),
        ({"search": {"sort": "budget"}}, ["body", "search", "sort"]),
        ({"search": {"colour": "red"}}, ["body", "search", "colour"]),
        ({"search": {"q": "x" * 201}}, ["body", "search", "q"]),
    ],
)
def test_validation_names_the_field(
    world: World, change: dict[str, object], loc: list[str]
) -> None:
    response = world.me.send("POST", "/saved-views", _view(**change))

    assert response.status_code == 422, response.text
    assert response.json()["type"] == problem_type("validation-error")
    assert response.json()["errors"][0]["loc"] == loc


def test_update_refuses_null_and_bad_filters(world: World) -> None:
    view = world.me.ok("POST", "/saved-views", _view())

    for change, loc in (
        ({"name": None}, ["body", "name"]),
        ({"search": {"risk": "extreme"}}, ["body", "search", "risk"]),
    ):
        response = world.me.send("PATCH", f"/saved-views/{view['id']}", change)
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["loc"] == loc


def test_a_name_is_taken_once_per_person_and_workspace(world: World) -> None:
    first = world.me.ok("POST", "/saved-views", _view())

    again = world.me.send("POST", "/saved-views", _view(name="running AT RISK"))
    assert again.status_code == 409
    assert again.json()["type"] == problem_type("name-taken")
    assert again.json()["errors"][0]["loc"] == ["body", "name"]

    other = world.me.ok("POST", "/saved-views", _view(name="Stalled"))
    clash = world.me.send("PATCH", f"/saved-views/{other['id']}", {"name": "Running at risk"})
    assert clash.status_code == 409
    assert clash.json()["type"] == problem_type("name-taken")
    # Renaming a view to its own name (or its own name in another case) is fine.
    same = world.me.send("PATCH", f"/saved-views/{first['id']}", {"name": "Running At Risk"})
    assert same.status_code == 200
    # Another person, or me in another workspace, may use the name.
    assert world.colleague.send("POST", "/saved-views", _view()).status_code == 201
    assert world.elsewhere.send("POST", "/saved-views", _view()).status_code == 201


def test_at_most_fifty_views_per_person_and_workspace(world: World) -> None:
    for number in range(MAX_VIEWS):
        world.me.ok("POST", "/saved-views", {"name": f"View {number}"})

    refused = world.me.send("POST", "/saved-views", {"name": "One more"})

    assert MAX_VIEWS == 50
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["loc"] == ["body"]
    assert world.colleague.send("POST", "/saved-views", {"name": "One more"}).status_code == 201
    page = world.me.get("/saved-views", limit=20).json()
    assert len(page["items"]) == 20
    rest = world.me.get("/saved-views", limit=200, cursor=page["next_cursor"]).json()
    assert rest["next_cursor"] is None
    names = {v["name"] for v in page["items"] + rest["items"]}
    assert names == {f"View {number}" for number in range(MAX_VIEWS)}


def test_another_persons_view_is_not_found(world: World) -> None:
    theirs = world.colleague.ok("POST", "/saved-views", _view())

    assert world.me.get("/saved-views").json()["items"] == []
    for method, body in (("PATCH", {"name": "Mine now"}), ("DELETE", None)):
        response = world.me.send(method, f"/saved-views/{theirs['id']}", body)
        assert response.status_code == 404
        assert response.json()["type"] == problem_type("not-found")
    assert [v["name"] for v in world.colleague.get("/saved-views").json()["items"]] == [
        "Running at risk"
    ]


def test_a_view_in_another_workspace_is_not_found(world: World) -> None:
    mine_elsewhere = world.elsewhere.ok("POST", "/saved-views", _view())

    assert world.me.get("/saved-views").json()["items"] == []
    response = world.me.send("DELETE", f"/saved-views/{mine_elsewhere['id']}")
    assert response.status_code == 404
    missing = world.me.send("DELETE", f"/saved-views/{uuid.uuid4()}")
    assert missing.status_code == 404


def test_a_viewer_keeps_views_too(world: World) -> None:
    created = world.viewer.send("POST", "/saved-views", _view())

    assert created.status_code == 201
    view = created.json()
    renamed = world.viewer.send("PATCH", f"/saved-views/{view['id']}", {"density": "comfortable"})
    assert renamed.status_code == 200
    assert renamed.json()["density"] == "comfortable"
    assert world.viewer.send("DELETE", f"/saved-views/{view['id']}").status_code == 204


def test_an_unchanged_update_keeps_the_version(world: World, clock: FrozenClock) -> None:
    view = world.me.ok("POST", "/saved-views", _view())

    same = world.me.ok(
        "PATCH", f"/saved-views/{view['id']}", {"layout": "board", "search": view["search"]}
    )

    assert same["etag"] == view["etag"]
    assert same["updated_at"] == view["updated_at"]
