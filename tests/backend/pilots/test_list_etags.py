"""Every list item that can be changed carries `etag`: the exact tag its single read (or the
write that made it) answers with, so a client edits straight from a list with `If-Match` and
never meets a 412 nobody raced with."""

from __future__ import annotations

from typing import Any

import pytest

from pilotboard.core.clock import FrozenClock
from tests.backend.factories import Api
from tests.backend.pilots import test_api as pilots_api
from tests.backend.pilots.test_api import new_pilot, ready_for_running

world = pilots_api.world

STALE = "https://pilotboard.dev/problems/precondition-failed"


def item(api: Api, path: str, item_id: str) -> dict[str, Any]:
    [found] = [i for i in api.get(path, limit=200).json()["items"] if i["id"] == item_id]
    return found  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    ("kind", "change"),
    [
        ("involvements", {"stake": "Fewer stock-outs"}),
        ("metrics", {"name": "Minutes per shift on supplies"}),
        ("candidates", {"notes": "Eager ward manager"}),
    ],
)
def test_a_first_edit_with_the_list_items_etag_succeeds(
    world: dict[str, Any], clock: FrozenClock, kind: str, change: dict[str, Any]
) -> None:
    editor: Api = world["api"]["editor"]
    pid = ready_for_running(world, clock)["id"]
    listed = editor.get(f"/pilots/{pid}/{kind}").json()["items"][0]
    clock.advance(minutes=1)

    saved = editor.send(
        "PATCH", f"/pilots/{pid}/{kind}/{listed['id']}", change, **{"If-Match": listed["etag"]}
    )

    assert listed["etag"].startswith('"')
    assert len(listed["etag"]) == 34
    assert saved.status_code == 200, saved.text
    # The list now carries the tag the write answered with, and the old one is stale.
    assert item(editor, f"/pilots/{pid}/{kind}", listed["id"])["etag"] == saved.headers["etag"]
    assert saved.json()["etag"] == saved.headers["etag"] != listed["etag"]
    again = editor.send(
        "PATCH", f"/pilots/{pid}/{kind}/{listed['id']}", change, **{"If-Match": listed["etag"]}
    )
    assert (again.status_code, again.json()["type"]) == (412, STALE)


def test_an_iteration_listed_is_tagged_as_its_write_answered(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    pid = ready_for_running(world, clock)["id"]
    executive: Api = world["api"]["executive"]
    executive.ok(
        "POST", f"/pilots/{pid}/decisions", {"kind": "start", "rationale": "Eager and small."}
    )
    editor.ok("POST", f"/pilots/{pid}/transitions", {"to_stage": "running"})
    created = editor.send(
        "POST", f"/pilots/{pid}/iterations", {"started_on": clock.today().isoformat()}
    )
    assert created.status_code == 201, created.text
    listed = item(editor, f"/pilots/{pid}/iterations", created.json()["id"])
    clock.advance(minutes=1)

    saved = editor.send(
        "PATCH",
        f"/pilots/{pid}/iterations/{listed['id']}",
        {"learnings": "Nurses trust the kiosk"},
        **{"If-Match": listed["etag"]},
    )

    assert listed["etag"] == created.headers["etag"]
    assert saved.status_code == 200, saved.text


def test_pilots_departments_and_customers_listed_carry_their_single_reads_etag(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    admin: Api = world["api"]["admin"]
    pid = new_pilot(editor)["id"]
    department = str(world["departments"][0].id)
    customer = str(world["customers"][0].id)

    for api, path, oid, change in (
        (editor, "/pilots", pid, {"title": "Kiosk restocking"}),
        (admin, "/departments", department, {"kpi": "Stock-outs per month"}),
        (admin, "/customers", customer, {"notes": "Two wards first"}),
    ):
        listed = item(api, path, oid)
        single = api.get(f"{path}/{oid}")
        assert listed["etag"] == single.headers["etag"] == single.json()["etag"], path
        clock.advance(minutes=1)
        saved = api.send("PATCH", f"{path}/{oid}", change, **{"If-Match": listed["etag"]})
        assert saved.status_code == 200, (path, saved.text)
        assert item(api, path, oid)["etag"] == saved.headers["etag"] != listed["etag"], path


def test_a_stopped_pilot_reads_with_its_stop_reason(world: dict[str, Any]) -> None:
    editor: Api = world["api"]["editor"]
    stopped = new_pilot(editor)["id"]
    running = new_pilot(editor, title="Still going")["id"]
    editor.ok(
        "POST",
        f"/pilots/{stopped}/transitions",
        {
            "to_stage": "stopped",
            "reason": "The customer froze its budget",
            "lessons_learned": "Check the budget cycle before choosing the customer.",
        },
    )

    assert editor.get(f"/pilots/{stopped}").json()["stop_reason"] == "The customer froze its budget"
    listed = {p["id"]: p for p in editor.get("/pilots").json()["items"]}
    assert listed[stopped]["stop_reason"] == "The customer froze its budget"
    assert listed[running]["stop_reason"] is None
