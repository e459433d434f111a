"""ETags of a pilot's records are versions: a change to what the record shows but nobody edited
(a candidate chosen, a rubric reweighted, a measurement tied to an iteration, a department or
customer renamed) never makes a tag stale, and every edit of the record does."""

from __future__ import annotations

from datetime import date
from typing import Any

from pilotboard.core.clock import FrozenClock
from pilotboard.pilots.candidates.scoring import DEFAULT_RUBRIC
from tests.backend.factories import Api
from tests.backend.pilots import test_api as pilots_api
from tests.backend.pilots.test_api import new_pilot

world = pilots_api.world  # the same fixture: a workspace with people, departments, customers

STALE = "https://pilotboard.dev/problems/precondition-failed"


def if_match(tag: str) -> dict[str, str]:
    return {"If-Match": tag}


def candidate(world: dict[str, Any], pid: str) -> Any:
    customer = world["customers"][0]
    body = {"customer_id": str(customer.id), "scores": {"low_stakes": 5, "data_access": 3}}
    return world["api"]["editor"].send("POST", f"/pilots/{pid}/candidates", body)


def test_choosing_the_customer_leaves_the_candidate_tag_valid(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    pid = new_pilot(editor)["id"]
    created = candidate(world, pid)
    cid, tag = created.json()["id"], created.headers["etag"]
    clock.advance(minutes=1)

    editor.ok("PATCH", f"/pilots/{pid}", {"customer_id": created.json()["customer_id"]})
    saved = editor.send("PATCH", f"/pilots/{pid}/candidates/{cid}", {"notes": "x"}, **if_match(tag))

    assert created.json()["is_chosen"] is False
    assert saved.status_code == 200, saved.text
    assert (saved.json()["notes"], saved.json()["is_chosen"]) == ("x", True)
    assert saved.headers["etag"] != tag


def test_rubric_and_customer_changes_leave_the_candidate_tag_valid(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    admin: Api = world["api"]["admin"]
    pid = new_pilot(editor)["id"]
    created = candidate(world, pid)
    cid, tag = created.json()["id"], created.headers["etag"]
    clock.advance(minutes=1)

    weights = [{**c, "weight": 3.0 if c["key"] == "low_stakes" else 1.0} for c in DEFAULT_RUBRIC]
    admin.ok("PATCH", "/settings", {"rubric": weights})
    admin.ok(
        "PATCH",
        f"/customers/{world['customers'][0].id}",
        {"name": "St. Agnes Clinic", "is_premier_account": True},
    )
    [changed] = editor.get(f"/pilots/{pid}/candidates").json()["items"]
    saved = editor.send("PATCH", f"/pilots/{pid}/candidates/{cid}", {"notes": "x"}, **if_match(tag))

    # Everything the candidate shows changed, and nobody edited the candidate itself.
    assert (created.json()["total"], created.json()["customer_name"]) == (
        75.0,
        "St. Agnes Hospital",
    )
    assert (changed["total"], changed["customer_name"], changed["is_premier_account"]) == (
        87.5,
        "St. Agnes Clinic",
        True,
    )
    assert saved.status_code == 200, saved.text
    assert saved.json()["notes"] == "x"


def test_a_stale_candidate_tag_is_refused_with_the_current_candidate(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    admin: Api = world["api"]["admin"]
    pid = new_pilot(editor)["id"]
    created = candidate(world, pid)
    cid, tag = created.json()["id"], created.headers["etag"]
    clock.advance(minutes=1)

    mine = admin.send(
        "PATCH", f"/pilots/{pid}/candidates/{cid}", {"notes": "Admin's note"}, **if_match(tag)
    )
    theirs = editor.send(
        "PATCH", f"/pilots/{pid}/candidates/{cid}", {"scores": {"low_stakes": 1}}, **if_match(tag)
    )
    removal = editor.send("DELETE", f"/pilots/{pid}/candidates/{cid}", **if_match(tag))
    kept = editor.get(f"/pilots/{pid}/candidates").json()["items"]

    assert mine.status_code == 200
    assert (theirs.status_code, theirs.json()["type"]) == (412, STALE)
    assert theirs.json()["current"] == mine.json()
    assert removal.status_code == 412
    assert removal.json()["current"] == mine.json()
    assert [(c["notes"], c["scores"]) for c in kept] == [
        ("Admin's note", {"low_stakes": 5, "data_access": 3})
    ]


def test_measurements_and_renumbering_leave_the_iteration_tag_valid(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    pid = new_pilot(editor)["id"]
    first = editor.ok("POST", f"/pilots/{pid}/iterations", {"started_on": "2026-01-02"})
    created = editor.send("POST", f"/pilots/{pid}/iterations", {"started_on": "2026-01-09"})
    iid, tag = created.json()["id"], created.headers["etag"]
    metric = editor.ok("POST", f"/pilots/{pid}/metrics", {"name": "Minutes", "baseline": 50})
    clock.advance(minutes=1)

    editor.ok(
        "POST",
        f"/pilots/{pid}/metrics/{metric['id']}/measurements",
        {"value": 40, "measured_on": "2026-01-10", "iteration_id": iid},
    )
    editor.ok("DELETE", f"/pilots/{pid}/iterations/{first['id']}")
    changed = editor.get(f"/pilots/{pid}/iterations").json()["items"]
    saved = editor.send(
        "PATCH", f"/pilots/{pid}/iterations/{iid}", {"learnings": "Earlier rounds"}, **if_match(tag)
    )
    stale = editor.send(
        "PATCH", f"/pilots/{pid}/iterations/{iid}", {"learnings": "Overwrite"}, **if_match(tag)
    )

    assert (created.json()["number"], created.json()["measurement_count"]) == (2, 0)
    assert [(i["id"], i["number"], i["measurement_count"]) for i in changed] == [(iid, 1, 1)]
    assert saved.status_code == 200, saved.text
    assert (saved.json()["learnings"], saved.json()["measurement_count"]) == ("Earlier rounds", 1)
    assert stale.status_code == 412
    assert stale.json()["current"] == saved.json()


def test_a_department_rename_leaves_the_involvement_tag_valid(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    admin: Api = world["api"]["admin"]
    supply = world["departments"][0]
    pid = new_pilot(editor)["id"]
    created = editor.send("POST", f"/pilots/{pid}/involvements", {"department_id": str(supply.id)})
    vid, tag = created.json()["id"], created.headers["etag"]
    clock.advance(minutes=1)

    admin.ok("PATCH", f"/departments/{supply.id}", {"name": "Logistics"})
    saved = editor.send(
        "PATCH", f"/pilots/{pid}/involvements/{vid}", {"status": "engaged"}, **if_match(tag)
    )
    stale = editor.send(
        "PATCH", f"/pilots/{pid}/involvements/{vid}", {"stake": "x"}, **if_match(tag)
    )

    assert saved.status_code == 200, saved.text
    assert (saved.json()["department_name"], saved.json()["status"]) == ("Logistics", "engaged")
    assert stale.status_code == 412
    assert stale.json()["current"] == saved.json()


def test_a_measurement_leaves_the_metric_tag_valid(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    pid = new_pilot(editor)["id"]
    created = editor.send("POST", f"/pilots/{pid}/metrics", {"name": "Minutes", "baseline": 50})
    mid, tag = created.json()["id"], created.headers["etag"]
    clock.advance(minutes=1)

    editor.ok(
        "POST",
        f"/pilots/{pid}/metrics/{mid}/measurements",
        {"value": 40, "measured_on": "2026-01-10"},
    )
    saved = editor.send(
        "PATCH",
        f"/pilots/{pid}/metrics/{mid}",
        {"direction": "decrease", "target": 30},
        **if_match(tag),
    )
    stale = editor.send("DELETE", f"/pilots/{pid}/metrics/{mid}", **if_match(tag))

    assert saved.status_code == 200, saved.text
    assert (saved.json()["latest_value"], saved.json()["lift"], saved.json()["progress"]) == (
        40.0,
        0.2,
        0.5,
    )
    assert stale.status_code == 412
    assert stale.json()["current"] == saved.json()
    assert [m["id"] for m in editor.get(f"/pilots/{pid}/metrics").json()["items"]] == [mid]


def test_the_scale_plan_tag_is_its_version(world: dict[str, Any], clock: FrozenClock) -> None:
    editor: Api = world["api"]["editor"]
    admin: Api = world["api"]["admin"]
    supply = world["departments"][0]
    pid = new_pilot(editor)["id"]
    editor.ok("POST", f"/pilots/{pid}/involvements", {"department_id": str(supply.id)})
    empty = editor.get(f"/pilots/{pid}/scale-plan")
    item = {"department_id": str(supply.id), "planning_change": "Plan per ward"}

    first = editor.send(
        "PUT",
        f"/pilots/{pid}/scale-plan",
        {"scope": "Two hospitals", "items": [item]},
        **if_match(empty.headers["etag"]),
    )
    never_saved = editor.send(
        "PUT",
        f"/pilots/{pid}/scale-plan",
        {"scope": "Overwrite", "items": []},
        **if_match(empty.headers["etag"]),
    )
    admin.ok("PATCH", f"/departments/{supply.id}", {"name": "Logistics"})
    read = editor.get(f"/pilots/{pid}/scale-plan")
    clock.advance(minutes=1)
    second = editor.send(
        "PUT",
        f"/pilots/{pid}/scale-plan",
        {"scope": "All hospitals", "items": [item]},
        **if_match(first.headers["etag"]),
    )

    assert first.status_code == 200, first.text
    assert never_saved.status_code == 412
    assert never_saved.json()["current"] == first.json()
    assert read.json()["items"][0]["department_name"] == "Logistics"
    assert read.headers["etag"] == first.headers["etag"]
    assert second.status_code == 200, second.text
    assert second.headers["etag"] not in (first.headers["etag"], empty.headers["etag"])


def test_every_edit_moves_the_tag_even_within_one_clock_tick(world: dict[str, Any]) -> None:
    """The test clock stands still: two edits at the same instant still get two versions."""
    editor: Api = world["api"]["editor"]
    admin: Api = world["api"]["admin"]
    pid = new_pilot(editor)["id"]
    created = editor.send("POST", f"/pilots/{pid}/iterations", {"started_on": "2026-01-02"})
    iid, tag = created.json()["id"], created.headers["etag"]

    first = admin.send(
        "PATCH", f"/pilots/{pid}/iterations/{iid}", {"changes": "Admin's"}, **if_match(tag)
    )
    second = editor.send(
        "PATCH", f"/pilots/{pid}/iterations/{iid}", {"changes": "Editor's"}, **if_match(tag)
    )
    third = editor.send(
        "PATCH",
        f"/pilots/{pid}/iterations/{iid}",
        {"ended_on": str(date(2026, 1, 9))},
        **if_match(first.headers["etag"]),
    )

    assert first.status_code == 200
    assert first.headers["etag"] != tag
    assert first.json()["updated_at"] == "2026-01-15T09:00:00.000001Z"
    assert second.status_code == 412
    assert second.json()["current"]["changes"] == "Admin's"
    assert third.status_code == 200
    assert third.json()["updated_at"] == "2026-01-15T09:00:00.000002Z"
    assert third.headers["etag"] != first.headers["etag"]
