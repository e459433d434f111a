"""The pilot read shape's record-derived fields: `departments` and `last_iteration_on`, on the
list and on every single-pilot answer, in a constant number of queries."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import Connection
from sqlmodel import Session

from pilotboard.core.clock import FrozenClock
from pilotboard.departments.models import Department
from tests.backend.factories import Api
from tests.backend.pilots import test_api as pilots_api
from tests.backend.pilots.test_api import new_pilot, ready_for_running
from tests.backend.queries import count_queries

world = pilots_api.world  # the same fixture: a workspace with people, departments, customers


def involve(api: Api, pid: str, department: Department, status: str) -> dict[str, Any]:
    body = {"department_id": str(department.id), "stake": "Its own win", "status": status}
    return api.ok("POST", f"/pilots/{pid}/involvements", body)  # type: ignore[no-any-return]


def iterate(api: Api, pid: str, started: date, ended: date | None = None) -> dict[str, Any]:
    body = {"started_on": str(started), "ended_on": str(ended) if ended else None}
    return api.ok("POST", f"/pilots/{pid}/iterations", body)  # type: ignore[no-any-return]


def extras(pilot: dict[str, Any]) -> tuple[list[tuple[str, str]], str | None]:
    return [(d["name"], d["status"]) for d in pilot["departments"]], pilot["last_iteration_on"]


def test_departments_are_every_involvement_by_name_case_insensitively(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    supply, sales, finance = world["departments"]
    analytics = Department(
        workspace_id=world["ws"].id,
        name="analytics",
        created_at=clock.now(),
        updated_at=clock.now(),
    )
    db.add(analytics)
    db.commit()
    pid = new_pilot(editor)["id"]
    for department, status in (
        (supply, "engaged"),
        (sales, "invited"),
        (finance, "declined"),
        (analytics, "champion"),
    ):
        involve(editor, pid, department, status)

    read = editor.get(f"/pilots/{pid}").json()

    assert read["departments"] == [
        {"department_id": str(analytics.id), "name": "analytics", "status": "champion"},
        {"department_id": str(finance.id), "name": "Finance", "status": "declined"},
        {"department_id": str(sales.id), "name": "Sales", "status": "invited"},
        {"department_id": str(supply.id), "name": "Supply chain", "status": "engaged"},
    ]
    assert read["last_iteration_on"] is None


def test_last_iteration_is_the_latest_end_or_start_over_every_iteration(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    pid = new_pilot(editor)["id"]
    seen = []

    first = iterate(editor, pid, date(2025, 11, 3), date(2025, 11, 28))
    seen.append(editor.get(f"/pilots/{pid}").json()["last_iteration_on"])
    second = iterate(editor, pid, date(2025, 12, 1))  # still running: counts by its start
    seen.append(editor.get(f"/pilots/{pid}").json()["last_iteration_on"])
    iterate(editor, pid, date(2025, 10, 1), date(2025, 10, 20))  # logged late, earlier dates
    seen.append(editor.get(f"/pilots/{pid}").json()["last_iteration_on"])
    editor.ok("PATCH", f"/pilots/{pid}/iterations/{second['id']}", {"ended_on": "2026-01-09"})
    seen.append(editor.get(f"/pilots/{pid}").json()["last_iteration_on"])
    editor.ok("DELETE", f"/pilots/{pid}/iterations/{second['id']}")
    seen.append(editor.get(f"/pilots/{pid}").json()["last_iteration_on"])
    editor.ok("DELETE", f"/pilots/{pid}/iterations/{first['id']}")
    seen.append(editor.get(f"/pilots/{pid}").json()["last_iteration_on"])

    assert seen == [
        "2025-11-28",
        "2025-12-01",
        "2025-12-01",
        "2026-01-09",
        "2025-11-28",
        "2025-10-20",
    ]


def test_the_stall_rule_counts_from_the_date_the_list_shows(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    executive: Api = world["api"]["executive"]
    pid = ready_for_running(world, clock)["id"]
    executive.ok("POST", f"/pilots/{pid}/decisions", {"kind": "start", "rationale": "Go"})
    editor.ok("POST", f"/pilots/{pid}/transitions", {"to_stage": "running"})
    iterate(editor, pid, clock.today() - timedelta(days=30), clock.today() - timedelta(days=10))
    iterate(editor, pid, clock.today() - timedelta(days=40), clock.today() - timedelta(days=35))
    as_of = clock.today() + timedelta(days=40)

    [listed] = editor.get("/pilots", as_of=str(as_of)).json()["items"]

    assert listed["last_iteration_on"] == str(clock.today() - timedelta(days=10))
    assert [(r["code"], r["message"]) for r in listed["health_reasons"]] == [
        (
            "no_recent_iteration",
            "No iteration for 50 days since the latest iteration (more than 45): log what "
            "changed with the customer.",
        ),
        (
            "no_recent_measurement",
            "None of the last 2 iterations has a measurement: collect the data and look at it.",
        ),
    ]


def test_every_pilot_answer_carries_them(world: dict[str, Any]) -> None:
    editor: Api = world["api"]["editor"]
    supply, sales, _ = world["departments"]
    busy = new_pilot(editor, title="Busy")["id"]
    created = new_pilot(editor, title="Quiet")
    involve(editor, busy, supply, "engaged")
    involve(editor, busy, sales, "invited")
    iterate(editor, busy, date(2026, 1, 5))
    departments = [("Sales", "invited"), ("Supply chain", "engaged")]
    busy_extras = (departments, "2026-01-05")
    etag = editor.get(f"/pilots/{busy}").headers["etag"]

    patched = editor.ok("PATCH", f"/pilots/{busy}", {"title": "Busy, renamed"})
    moved = editor.ok("POST", f"/pilots/{busy}/transitions", {"to_stage": "selecting"})
    stale = editor.send("PATCH", f"/pilots/{busy}", {"title": "x"}, **{"If-Match": etag})
    listed = {p["title"]: extras(p) for p in editor.get("/pilots").json()["items"]}
    on_track = {
        p["title"]: extras(p) for p in editor.get("/pilots", health="on_track").json()["items"]
    }
    # A filter on one department still shows each pilot's every department.
    by_sales = editor.get("/pilots", department_id=str(sales.id)).json()["items"]

    assert extras(created) == ([], None)
    assert extras(patched) == busy_extras
    assert extras(moved) == busy_extras
    assert stale.status_code == 412
    assert extras(stale.json()["current"]) == busy_extras
    assert listed == on_track == {"Busy, renamed": busy_extras, "Quiet": ([], None)}
    assert [extras(p) for p in by_sales] == [busy_extras]


def test_the_pilot_etag_follows_its_departments_but_not_a_department_rename(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    admin: Api = world["api"]["admin"]
    supply = world["departments"][0]
    pid = new_pilot(editor)["id"]
    before = editor.get(f"/pilots/{pid}").headers["etag"]
    clock.advance(seconds=1)

    involve(admin, pid, supply, "invited")
    involved = editor.get(f"/pilots/{pid}")
    refused = editor.send("PATCH", f"/pilots/{pid}", {"title": "x"}, **{"If-Match": before})
    admin.ok("PATCH", f"/departments/{supply.id}", {"name": "Logistics"})
    renamed = editor.get(f"/pilots/{pid}")
    accepted = editor.send(
        "PATCH", f"/pilots/{pid}", {"title": "Mine"}, **{"If-Match": involved.headers["etag"]}
    )

    assert involved.headers["etag"] != before
    assert refused.status_code == 412
    assert refused.json()["current"]["departments"] == [
        {"department_id": str(supply.id), "name": "Supply chain", "status": "invited"}
    ]
    # A department's name is shown, not edited, on the pilot: its tag stays valid.
    assert renamed.headers["etag"] == involved.headers["etag"]
    assert extras(renamed.json()) == ([("Logistics", "invited")], None)
    assert accepted.status_code == 200


def test_list_and_single_reads_run_a_constant_number_of_queries(
    world: dict[str, Any], connection: Connection, clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    plain = new_pilot(editor, title="Plain")["id"]
    full = new_pilot(editor, title="Full")["id"]
    for department, status in zip(
        world["departments"], ("engaged", "invited", "declined"), strict=True
    ):
        involve(editor, full, department, status)
    for days in (30, 20, 10):
        iterate(editor, full, clock.today() - timedelta(days=days))
    for _ in range(4):
        other = new_pilot(editor, title="More")["id"]
        involve(editor, other, world["departments"][1], "engaged")
        iterate(editor, other, clock.today())

    def queries(method: str, path: str, body: Any = None, **params: Any) -> int:
        with count_queries(connection) as statements:
            if method == "GET":
                response = editor.get(path, **params)
            else:
                response = editor.send(method, path, body)
            assert response.status_code == 200, response.text
        return len(statements)

    page = editor.get("/pilots", limit=200).json()["items"]
    assert sorted(len(p["departments"]) for p in page) == [0, 1, 1, 1, 1, 3]
    assert queries("GET", "/pilots", limit=1) == queries("GET", "/pilots", limit=200)
    assert queries("GET", "/pilots", limit=1, health="on_track") == queries(
        "GET", "/pilots", limit=200, health="on_track"
    )
    assert queries("GET", f"/pilots/{plain}") == queries("GET", f"/pilots/{full}")
    assert queries("PATCH", f"/pilots/{plain}", {"title": "Plain 2"}) == queries(
        "PATCH", f"/pilots/{full}", {"title": "Full 2"}
    )


def test_a_read_takes_the_latest_iteration_from_the_stored_facts_and_a_stop_reason_if_stopped(
    world: dict[str, Any], connection: Connection, clock: FrozenClock
) -> None:
    """The health facts stored with the pilot hold its latest iteration date (kept current by
    every write), so a read does not ask the iterations; only a stopped pilot's read asks for
    its stop reason."""
    editor: Api = world["api"]["editor"]
    running = new_pilot(editor, title="Going")["id"]
    stopped = new_pilot(editor, title="Halted")["id"]
    iterate(editor, running, clock.today() - timedelta(days=3), clock.today() - timedelta(days=1))
    editor.ok(
        "POST",
        f"/pilots/{stopped}/transitions",
        {"to_stage": "stopped", "reason": "No budget", "lessons_learned": "Ask about budgets."},
    )

    def read(pid: str) -> tuple[dict[str, Any], list[str]]:
        with count_queries(connection) as statements:
            response = editor.get(f"/pilots/{pid}")
        assert response.status_code == 200, response.text
        return response.json(), [s.lower() for s in statements]

    body, statements = read(running)
    assert body["last_iteration_on"] == str(clock.today() - timedelta(days=1))
    assert not [s for s in statements if "from iterations" in s or "pilot_transitions" in s]

    body, statements = read(stopped)
    assert body["stop_reason"] == "No budget"
    assert len([s for s in statements if "from pilot_transitions" in s]) == 1


def test_one_pilot_is_read_by_its_id_and_a_page_by_a_list_with_the_same_answer(
    world: dict[str, Any], connection: Connection
) -> None:
    """A single read binds the pilot's id (no list to expand on each execution, the API's
    most frequent read); a page binds the list of its pilots; both answer the same."""
    editor: Api = world["api"]["editor"]
    pid = new_pilot(editor, title="Halted")["id"]
    for department, status in zip(
        world["departments"], ("engaged", "invited", "declined"), strict=True
    ):
        involve(editor, pid, department, status)
    other = new_pilot(editor, title="Also halted")["id"]
    for stopping, reason in ((pid, "No budget"), (other, "No sponsor")):
        editor.ok(
            "POST",
            f"/pilots/{stopping}/transitions",
            {"to_stage": "stopped", "reason": reason, "lessons_learned": "Ask first."},
        )

    with count_queries(connection) as one_statements:
        one = editor.ok("GET", f"/pilots/{pid}")
    with count_queries(connection) as page_statements:
        page = editor.ok("GET", "/pilots?limit=200&stage=stopped")["items"]

    assert len(page) == 2
    listed = next(p for p in page if p["id"] == pid)
    assert len(one["departments"]) == 3
    assert one["departments"] == listed["departments"]
    assert one["stop_reason"] == listed["stop_reason"] == "No budget"
    for table in ("involvements", "pilot_transitions"):
        of_one = [s.lower() for s in one_statements if f"from {table}" in s.lower()]
        of_page = [s.lower() for s in page_statements if f"from {table}" in s.lower()]
        assert len(of_one) == 1, table
        assert " in (" not in of_one[0]
        assert len(of_page) == 1, table
        assert " in (" in of_page[0]
