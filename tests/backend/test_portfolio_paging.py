# ruff: noqa: F811 (the `world` fixture, imported, is each test's parameter)
"""The portfolio at any size (#18): at most 300 chart marks with the rest in bins, the attention
list paged (first 50 in the portfolio, every page through `GET …/portfolio/attention`), the
`ETag` / `If-None-Match` → 304 of the JSON, and the CSV still every pilot.

The fixture of ``test_portfolio.py`` (nine pilots: Alpha and Bravo stalled, Charlie and Delta at
risk) for paging and the ETag; a workspace of 312 pilots built here for the marks and bins.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Connection, update
from sqlmodel import Session, col

from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.pilots.health.service import refresh
from pilotboard.pilots.models import Pilot
from pilotboard.portfolio.service import POINT_LIMIT
from pilotboard.workspaces.models import Role
from tests.backend.factories import add_member, browser_caller, make_user, make_workspace
from tests.backend.queries import count_queries
from tests.backend.test_portfolio import (  # noqa: F401 (the `world` fixture)
    Api,
    Builder,
    world,
)

RISKS = ("low", "medium", "high", None)
PROGRESS = (None, -0.2, 0.3, 0.6, 0.8, 1.0)
BANDS = ("none", "0-25", "25-50", "50-75", "75-100", "100+")


def band(progress: float | None) -> str:
    if progress is None:
        return "none"
    for limit, name in ((0.25, "0-25"), (0.5, "25-50"), (0.75, "50-75"), (1.0, "75-100")):
        if progress < limit:
            return name
    return "100+"


def attention(client: TestClient, api: Api, **params: Any) -> Any:
    client.cookies.clear()
    for name, value in api.caller.cookies.items():
        client.cookies.set(name, value)
    return client.get(api.path + "/attention", params=params, headers=api.caller.headers)


# --- paging the attention list -----------------------------------------------------------------


def test_attention_pages_concatenate_to_the_whole_list(
    world: dict[str, Any], client: TestClient
) -> None:
    api: Api = world["api"]["viewer"]
    body = api.json()
    assert body["attention_total"] == 4
    assert [a["title"] for a in body["attention"]] == ["Alpha", "Bravo", "Charlie", "Delta"]

    seen: list[dict[str, Any]] = []
    cursor = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": 1}
        if cursor:
            params["cursor"] = cursor
        response = attention(client, api, **params)
        assert response.status_code == 200, response.text
        page = response.json()
        assert page["total"] == 4
        assert len(page["items"]) == 1
        seen.extend(page["items"])
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert pages == 4
    assert seen == body["attention"]

    whole = attention(client, api, limit=200).json()
    assert whole == {"items": body["attention"], "next_cursor": None, "total": 4}


def test_attention_pages_follow_filters_and_as_of(
    world: dict[str, Any], client: TestClient
) -> None:
    api: Api = world["api"]["viewer"]
    stalled = attention(client, api, health="stalled").json()
    assert [i["title"] for i in stalled["items"]] == ["Alpha", "Bravo"]
    assert stalled["total"] == 2
    later = api.json(as_of="2026-02-17")
    page = attention(client, api, as_of="2026-02-17", limit=200).json()
    assert page["items"] == later["attention"]
    assert page["total"] == later["attention_total"] == 5


def test_a_cursor_the_api_did_not_issue(world: dict[str, Any], client: TestClient) -> None:
    response = attention(client, world["api"]["viewer"], cursor="not-a-cursor")
    assert response.status_code == 422
    problem = response.json()
    assert problem["type"] == "https://pilotboard.dev/problems/validation-error"
    assert [e["loc"] for e in problem["errors"]] == [["query", "cursor"]]


def test_attention_needs_access(world: dict[str, Any], client: TestClient) -> None:
    client.cookies.clear()
    api: Api = world["api"]["viewer"]
    assert client.get(api.path + "/attention").status_code == 401


# --- ETag and 304 --------------------------------------------------------------------------------


def test_an_unchanged_portfolio_answers_304_without_a_body(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    api: Api = world["api"]["viewer"]
    first = api.get()
    # Strong as the route sets it; a compressing middleware may send it weak (`W/"…"`).
    etag = first.headers["ETag"].removeprefix("W/")
    assert etag.startswith('"')
    assert etag.endswith('"')

    api.caller.headers["If-None-Match"] = etag
    try:
        again = api.get()
        assert again.status_code == 304
        assert again.content == b""
        assert again.headers["ETag"].removeprefix("W/") == etag
        # Another as_of or filter is another document: a full answer.
        other_day = api.get(as_of="2026-02-17")
        assert other_day.status_code == 200
        assert other_day.headers["ETag"].removeprefix("W/") != etag
        filtered = api.get(stage="running")
        assert filtered.status_code == 200
        assert filtered.headers["ETag"].removeprefix("W/") != etag
        # A write to what the portfolio shows changes the tag.
        alpha: Pilot = world["pilots"]["Alpha"]
        alpha.revenue_at_stake = 123456.0
        db.add(alpha)
        db.commit()
        changed = api.get()
        assert changed.status_code == 200
        assert changed.headers["ETag"].removeprefix("W/") != etag
        assert (
            changed.json()["stages"][2]["revenue_at_stake"]
            != first.json()["stages"][2]["revenue_at_stake"]
        )
    finally:
        api.caller.headers.pop("If-None-Match")


def test_if_none_match_with_a_list_or_a_weak_tag(world: dict[str, Any]) -> None:
    api: Api = world["api"]["viewer"]
    etag = api.get().headers["ETag"].removeprefix("W/")
    for header in (f'"other", {etag}', f"W/{etag}", "*"):
        api.caller.headers["If-None-Match"] = header
        try:
            assert api.get().status_code == 304
        finally:
            api.caller.headers.pop("If-None-Match")
    api.caller.headers["If-None-Match"] = '"stale"'
    try:
        assert api.get().status_code == 200
    finally:
        api.caller.headers.pop("If-None-Match")


# --- more pilots than marks ----------------------------------------------------------------------


def big_portfolio(
    db: Session, clock: FrozenClock, settings: Settings, client: TestClient
) -> tuple[Api, list[dict[str, Any]]]:
    """312 pilots: three stalled (running since October, no iteration), three at risk (in
    `proposed` since October) and 306 on track (proposed five days ago), each with a stake,
    a risk level and a progress given by its number."""
    now = clock.now()
    ws = make_workspace(db, now=now, name="Big")
    owner = make_user(db, now=now)
    add_member(db, workspace=ws, user=owner, role=Role.viewer, now=now)
    b = Builder(db, ws)
    specs: list[dict[str, Any]] = []
    pilots = []
    for n in range(3):
        pilots.append(
            b.pilot(
                f"S{n}",
                [
                    ("proposed", "2025-09-01"),
                    ("selecting", "2025-09-05"),
                    ("running", "2025-10-01"),
                ],
                owner=owner,
                risk="high",
            )
        )
        specs.append({"title": f"S{n}", "health": "stalled", "stake": None, "risk": "high",
                      "progress": None})  # fmt: skip
    for n in range(3):
        pilots.append(
            b.pilot(f"R{n}", [("proposed", "2025-10-01")], owner=owner, revenue_at_stake=5.0)
        )
        specs.append({"title": f"R{n}", "health": "at_risk", "stake": 5.0, "risk": None,
                      "progress": None})  # fmt: skip
    for n in range(306):
        stake = None if n % 50 == 0 else float(n)
        risk = RISKS[n % 4]
        pilots.append(
            b.pilot(
                f"P{n:03}",
                [("proposed", "2026-01-10")],
                owner=owner,
                risk=risk,
                revenue_at_stake=stake,
            )
        )
        specs.append({"title": f"P{n:03}", "health": "on_track", "stake": stake, "risk": risk,
                      "progress": PROGRESS[n % 6]})  # fmt: skip
    refresh(db, pilots, now=now)
    db.flush()
    by_title = {p.title: p for p in pilots}
    for value in PROGRESS[1:]:
        ids = [by_title[s["title"]].id for s in specs if s["progress"] == value]
        db.execute(update(Pilot).where(col(Pilot.id).in_(ids)).values(metrics_progress=value))
    db.commit()
    api = Api(client, browser_caller(db, user=owner, settings=settings, now=now), ws.id)
    db.commit()
    return api, specs


def test_more_pilots_than_marks_are_binned(
    db: Session, clock: FrozenClock, settings: Settings, client: TestClient
) -> None:
    api, specs = big_portfolio(db, clock, settings, client)
    body = api.json()

    severity = {"stalled": 0, "at_risk": 1, "on_track": 2}
    ranked = sorted(
        specs,
        key=lambda s: (severity[s["health"]], s["stake"] is None, -(s["stake"] or 0), s["title"]),
    )
    marked, binned = ranked[:POINT_LIMIT], ranked[POINT_LIMIT:]
    assert body["points_total"] == 312
    assert len(body["points"]) == 300
    assert [p["title"] for p in body["points"]] == sorted(s["title"] for s in marked)
    # The twelve left out: the seven without a stake, then the five smallest stakes.
    assert sorted(s["title"] for s in binned) == sorted(
        [f"P{n:03}" for n in (0, 50, 100, 150, 200, 250, 300)]
        + [f"P{n:03}" for n in (1, 2, 3, 4, 5)]
    )
    expected: dict[tuple[Any, str], dict[str, Any]] = defaultdict(
        lambda: {"count": 0, "on_track": 0, "at_risk": 0, "stalled": 0, "revenue_at_stake": 0.0}
    )
    for s in binned:
        entry = expected[(s["risk"], band(s["progress"]))]
        entry["count"] += 1
        entry[s["health"]] += 1
        entry["revenue_at_stake"] += s["stake"] or 0.0
    order = sorted(expected, key=lambda k: (RISKS.index(k[0]), BANDS.index(k[1])))
    assert body["point_bins"] == [
        {"risk_level": risk, "progress_band": progress_band, **expected[(risk, progress_band)]}
        for risk, progress_band in order
    ]
    assert sum(b["count"] for b in body["point_bins"]) + len(body["points"]) == 312
    assert body["attention_total"] == 6
    assert [a["title"] for a in body["attention"]] == ["S0", "S1", "S2", "R0", "R1", "R2"]
    assert body["totals"] == {
        "pilots": 312, "active": 312, "on_track": 306, "at_risk": 3, "stalled": 3,
    }  # fmt: skip

    rows = list(csv.reader(io.StringIO(api.get(format="csv").content.decode("utf-8-sig"))))
    assert len(rows) == 1 + 312
    assert sorted(r[0] for r in rows[1:]) == sorted(s["title"] for s in specs)


def test_at_most_the_limit_every_pilot_is_a_mark(world: dict[str, Any]) -> None:
    body = world["api"]["viewer"].json()
    assert body["points_total"] == len(body["points"]) == 8
    assert body["point_bins"] == []


def test_attention_endpoint_runs_a_constant_number_of_queries(
    world: dict[str, Any], connection: Connection, client: TestClient, db: Session,
    clock: FrozenClock,
) -> None:  # fmt: skip
    api: Api = world["api"]["viewer"]

    def queries() -> list[int]:
        counts = []
        for params in ({}, {"limit": 1}, {"health": "at_risk"}):
            with count_queries(connection) as statements:
                assert attention(client, api, **params).status_code == 200
            counts.append(len(statements))
        return counts

    small = queries()
    b: Builder = world["builder"]
    owner = world["people"]["editor"]
    more = [b.pilot(f"Stuck {n}", [("proposed", "2025-06-01")], owner=owner) for n in range(20)]
    refresh(db, more, now=clock.now())
    db.commit()
    assert queries() == small
    assert attention(client, api).json()["total"] == 24
