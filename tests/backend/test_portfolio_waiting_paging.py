# ruff: noqa: F811 (the `world` fixture, imported, is each test's parameter)
"""The portfolio's decisions waiting, paged (#18): the first 50 in the portfolio with
`decisions_waiting_total`, every page through `GET …/portfolio/decisions-waiting`, in the
portfolio's order (longest waiting first, then title, then id), with its filters and `as_of`;
the `ETag` still changes when a waiting decision past the first 50 does.

A workspace of 57 waiting pilots built here (today is 2026-01-15, the frozen clock's date):
53 scale reviews `W00` … `W52` entered two a day from 2025-10-01 (even numbers low risk, odd
high), two scale reviews both titled `Twin` entered the same day (the id decides), and two
pilots in `selecting` ready but for their start decision; beside them a scale review already
answered and a running pilot, which do not wait.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection
from sqlmodel import Session

from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.core.pagination import encode_cursor
from pilotboard.customers.models import Customer
from pilotboard.departments.models import Department
from pilotboard.pilots.health.service import refresh
from pilotboard.pilots.models import Pilot
from pilotboard.portfolio import service
from pilotboard.workspaces.models import Role
from tests.backend.factories import add_member, browser_caller, make_user, make_workspace
from tests.backend.queries import count_queries
from tests.backend.test_portfolio import (  # noqa: F401 (the `world` fixture)
    Api,
    Builder,
    world,
)

TODAY = date(2026, 1, 15)
PATH = "/decisions-waiting"


def waiting(client: TestClient, api: Api, **params: Any) -> Any:
    client.cookies.clear()
    for name, value in api.caller.cookies.items():
        client.cookies.set(name, value)
    return client.get(api.path + PATH, params=params, headers=api.caller.headers)


def page_json(client: TestClient, api: Api, **params: Any) -> dict[str, Any]:
    response = waiting(client, api, **params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    return response.json()  # type: ignore[no-any-return]


def every_page(client: TestClient, api: Api, limit: int, **params: Any) -> list[dict[str, Any]]:
    """The pages, first to last, following `next_cursor`."""
    pages = []
    cursor = None
    while True:
        query = {**params, "limit": limit, **({"cursor": cursor} if cursor else {})}
        page = page_json(client, api, **query)
        pages.append(page)
        cursor = page["next_cursor"]
        if cursor is None:
            return pages
        assert len(pages) < 100, "the cursor never ends"


@pytest.fixture
def many(db: Session, clock: FrozenClock, settings: Settings, client: TestClient) -> dict[str, Any]:
    now = clock.now()
    assert now.date() == TODAY
    ws = make_workspace(db, now=now, name="Many decisions")
    viewer = make_user(db, now=now, name="Vic Viewer")
    executive = make_user(db, now=now, name="Xena Executive")
    add_member(db, workspace=ws, user=viewer, role=Role.viewer, now=now)
    add_member(db, workspace=ws, user=executive, role=Role.executive, now=now)
    departments = [
        Department(workspace_id=ws.id, name=name, kpi="A KPI", created_at=now, updated_at=now)
        for name in ("Finance", "Sales")
    ]
    customer = Customer(workspace_id=ws.id, name="St. Agnes", created_at=now, updated_at=now)
    db.add_all([*departments, customer])
    db.flush()
    b = Builder(db, ws)
    review = [("proposed", "2025-03-01"), ("selecting", "2025-03-10"), ("running", "2025-04-01")]
    pilots: list[Pilot] = []
    expected: list[dict[str, Any]] = []

    def waits(pilot: Pilot, decision: str, entered: date) -> None:
        pilots.append(pilot)
        expected.append(
            {
                "pilot_id": str(pilot.id),
                "title": pilot.title,
                "decision": decision,
                "waiting_days": (TODAY - entered).days,
            }
        )

    for n in range(53):
        entered = date(2025, 10, 1) + timedelta(days=n // 2)
        pilot = b.pilot(
            f"W{n:02}",
            [*review, ("scale_review", entered.isoformat())],
            owner=viewer,
            sponsor=executive,
            customer=customer,
            risk="low" if n % 2 == 0 else "high",
        )
        waits(pilot, "scale", entered)
    for _ in range(2):
        twin = b.pilot(
            "Twin",
            [*review, ("scale_review", "2025-11-20")],
            owner=viewer,
            sponsor=executive,
            customer=customer,
            risk="medium",
        )
        waits(twin, "scale", date(2025, 11, 20))
    for title, entered in (("Start1", date(2026, 1, 5)), ("Start2", date(2025, 12, 1))):
        ready = b.pilot(
            title,
            [("proposed", "2025-11-20"), ("selecting", entered.isoformat())],
            owner=viewer,
            sponsor=executive,
            customer=customer,
            risk="low",
        )
        for department in departments:
            b.involve(ready, department, "engaged")
        b.metric(ready, "Minutes on supplies", direction="decrease", baseline=50, target=30)
        waits(ready, "start", entered)
    answered = b.pilot(
        "Answered",
        [*review, ("scale_review", "2025-09-01")],
        owner=viewer,
        sponsor=executive,
        customer=customer,
        risk="low",
    )
    b.decide(answered, "continue", "2025-09-10", executive)
    running = b.pilot("Running", review, owner=viewer, sponsor=executive, risk="low")
    refresh(db, [*pilots, answered, running], now=now)
    db.commit()
    api = Api(client, browser_caller(db, user=viewer, settings=settings, now=now), ws.id)
    db.commit()
    expected.sort(key=lambda w: (-w["waiting_days"], w["title"], w["pilot_id"]))
    return {
        "api": api,
        "expected": expected,
        "pilots": {str(p.id): p for p in pilots},
        "builder": b,
        "executive": executive,
    }


# --- the portfolio's first page and the total ------------------------------------------------


def test_the_portfolio_prints_the_first_50_and_counts_them_all(many: dict[str, Any]) -> None:
    body = many["api"].json()
    expected = many["expected"]
    assert len(expected) == 57
    assert body["decisions_waiting_total"] == 57
    assert body["decisions_waiting"] == expected[:50]
    # Longest waiting first: W00 and W01 entered on 2025-10-01, 106 days ago.
    assert [(w["title"], w["waiting_days"]) for w in body["decisions_waiting"][:3]] == [
        ("W00", 106),
        ("W01", 106),
        ("W02", 105),
    ]
    # The two `Twin`s wait as long as each other: the id decides, the same way every time.
    twins = [w for w in expected if w["title"] == "Twin"]
    assert twins[0]["pilot_id"] < twins[1]["pilot_id"]
    assert {w["decision"] for w in expected[-2:]} == {"start"}
    assert expected[-1] == {**expected[-1], "title": "Start1", "waiting_days": 10}


# --- paging ----------------------------------------------------------------------------------


def test_pages_concatenate_to_the_whole_list(many: dict[str, Any], client: TestClient) -> None:
    api: Api = many["api"]
    expected = many["expected"]
    pages = every_page(client, api, limit=7)
    assert len(pages) == math.ceil(57 / 7) == 9
    assert [len(p["items"]) for p in pages] == [7] * 8 + [1]
    assert {p["total"] for p in pages} == {57}
    seen = [item for page in pages for item in page["items"]]
    # No gap, no duplicate, the portfolio's order.
    assert len({w["pilot_id"] for w in seen}) == 57
    assert seen == expected

    # The first page of 50 is the portfolio's list; the rest follow its cursor.
    first = page_json(client, api)
    assert first["items"] == api.json()["decisions_waiting"]
    assert first["total"] == 57
    rest = page_json(client, api, cursor=first["next_cursor"])
    assert rest == {"items": expected[50:], "next_cursor": None, "total": 57}

    assert page_json(client, api, limit=200) == {
        "items": expected,
        "next_cursor": None,
        "total": 57,
    }


def test_a_page_that_ends_the_list_exactly_has_no_next_cursor(
    many: dict[str, Any], client: TestClient
) -> None:
    api: Api = many["api"]
    assert page_json(client, api, limit=57)["next_cursor"] is None
    page = page_json(client, api, limit=56)
    last = page_json(client, api, cursor=page["next_cursor"], limit=56)
    assert last == {"items": many["expected"][56:], "next_cursor": None, "total": 57}


def test_pages_follow_the_filters_and_as_of(many: dict[str, Any], client: TestClient) -> None:
    api: Api = many["api"]
    expected = many["expected"]
    pilots: dict[str, Pilot] = many["pilots"]

    low = [w for w in expected if pilots[w["pilot_id"]].risk_level == "low"]
    assert len(low) == 27 + 2
    body = api.json(risk_level="low")
    assert body["decisions_waiting_total"] == 29
    assert body["decisions_waiting"] == low
    pages = every_page(client, api, limit=10, risk_level="low")
    assert [item for p in pages for item in p["items"]] == low
    assert {p["total"] for p in pages} == {29}

    starts = page_json(client, api, stage="selecting")
    assert starts == {
        "items": [w for w in expected if w["decision"] == "start"],
        "next_cursor": None,
        "total": 2,
    }
    assert page_json(client, api, stage="running") == {"items": [], "next_cursor": None, "total": 0}
    assert api.json(stage="running")["decisions_waiting_total"] == 0

    # A later day moves every wait; the order and the pages follow.
    later = [{**w, "waiting_days": w["waiting_days"] + 17} for w in expected]
    body = api.json(as_of="2026-02-01")
    assert body["decisions_waiting"] == later[:50]
    pages = every_page(client, api, limit=20, as_of="2026-02-01")
    assert [item for p in pages for item in p["items"]] == later


def test_a_cursor_keeps_its_place_when_an_earlier_pilot_leaves(
    many: dict[str, Any], client: TestClient, db: Session, clock: FrozenClock
) -> None:
    api: Api = many["api"]
    expected = many["expected"]
    first = page_json(client, api, limit=10)
    # The first pilot of the list gets its decision: the next page starts where it did.
    pilot: Pilot = many["pilots"][expected[0]["pilot_id"]]
    many["builder"].decide(pilot, "scale", "2026-01-15", many["executive"])
    refresh(db, [pilot], now=clock.now())
    db.commit()
    after = page_json(client, api, limit=10, cursor=first["next_cursor"])
    assert after["items"] == expected[10:20]
    assert after["total"] == 56
    assert api.json()["decisions_waiting"] == expected[1:51]


# --- bad input ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        encode_cursor([-3, "W00"]),  # too short
        encode_cursor([3, "W00", "5b1f7c2e-8d3a-4e6f-9a0b-1c2d3e4f5a6b"]),  # days > 0
        encode_cursor(["-3", "W00", "5b1f7c2e-8d3a-4e6f-9a0b-1c2d3e4f5a6b"]),  # text days
        encode_cursor([-3, 7, "5b1f7c2e-8d3a-4e6f-9a0b-1c2d3e4f5a6b"]),  # a title not text
        encode_cursor([-3, "W00", "not-a-uuid"]),
        encode_cursor([0, 1, "W00", "5b1f7c2e-8d3a-4e6f-9a0b-1c2d3e4f5a6b"]),  # an attention one
    ],
)
def test_a_cursor_the_api_did_not_issue(
    many: dict[str, Any], client: TestClient, cursor: str
) -> None:
    response = waiting(client, many["api"], cursor=cursor)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "https://pilotboard.dev/problems/validation-error"
    assert [e["loc"] for e in problem["errors"]] == [["query", "cursor"]]


@pytest.mark.parametrize("limit", ["0", "201", "ten"])
def test_a_limit_out_of_range(many: dict[str, Any], client: TestClient, limit: str) -> None:
    response = waiting(client, many["api"], limit=limit)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "https://pilotboard.dev/problems/validation-error"
    assert [e["loc"] for e in problem["errors"]] == [["query", "limit"]]


def test_a_filter_or_date_that_is_not_one(many: dict[str, Any], client: TestClient) -> None:
    for params, field in (({"as_of": "2026-02-30"}, "as_of"), ({"stage": "nowhere"}, "stage")):
        response = waiting(client, many["api"], **params)
        assert response.status_code == 422, params
        assert [e["loc"] for e in response.json()["errors"]] == [["query", field]]


def test_the_list_needs_access(many: dict[str, Any], client: TestClient) -> None:
    client.cookies.clear()
    api: Api = many["api"]
    assert client.get(api.path + PATH).status_code == 401


# --- the ETag ------------------------------------------------------------------------------------


def test_the_etag_changes_when_a_decision_past_the_first_page_does(
    many: dict[str, Any], db: Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No chart marks, only bins: no title but those of the decisions waiting is in the document.
    monkeypatch.setattr(service, "POINT_LIMIT", 0)
    api: Api = many["api"]
    first = api.get()
    etag = first.headers["ETag"].removeprefix("W/")
    api.caller.headers["If-None-Match"] = etag
    try:
        assert api.get().status_code == 304
        # The last pilot of the list (never printed by the portfolio) is renamed: the document
        # is the same, its tag is not.
        last: Pilot = many["pilots"][many["expected"][-1]["pilot_id"]]
        last.title = "Start1, renamed"
        db.add(last)
        db.commit()
        changed = api.get()
        assert changed.status_code == 200
        assert changed.json() == first.json()
        assert first.json()["points"] == []
        assert changed.headers["ETag"].removeprefix("W/") != etag
        api.caller.headers["If-None-Match"] = changed.headers["ETag"].removeprefix("W/")
        assert api.get().status_code == 304
    finally:
        api.caller.headers.pop("If-None-Match")


# --- what a page costs -------------------------------------------------------------------------


def test_a_page_runs_a_constant_number_of_queries(
    world: dict[str, Any], connection: Connection, client: TestClient, db: Session,
    clock: FrozenClock,
) -> None:  # fmt: skip
    api: Api = world["api"]["viewer"]

    def queries() -> list[int]:
        counts = []
        for params in ({}, {"limit": 1}, {"health": "stalled"}, {"as_of": "2026-02-17"}):
            with count_queries(connection) as statements:
                assert waiting(client, api, **params).status_code == 200
            counts.append(len(statements))
        return counts

    small = queries()
    assert page_json(client, api)["total"] == 1  # Bravo
    b: Builder = world["builder"]
    owner, xena = world["people"]["editor"], world["people"]["executive"]
    review = [("proposed", "2025-06-01"), ("running", "2025-07-01")]
    more = [
        b.pilot(f"Review {n}", [*review, ("scale_review", "2025-12-01")], owner=owner, sponsor=xena)
        for n in range(20)
    ]
    refresh(db, more, now=clock.now())
    db.commit()
    assert queries() == small
    assert page_json(client, api)["total"] == 21
    cursor = page_json(client, api, limit=5)["next_cursor"]
    with count_queries(connection) as statements:
        assert waiting(client, api, limit=5, cursor=cursor).status_code == 200
    assert len(statements) == small[1]
