"""The activity log keeps each change's fields before and after, and names the people,
customers and departments those values point to, so the history reads "Sponsor: — → Evelyn
Executive" rather than "sponsor_id"."""

from __future__ import annotations

from typing import Any

from pilotboard.core.clock import FrozenClock
from tests.backend.factories import Api
from tests.backend.pilots import test_api as pilots_api
from tests.backend.pilots.test_api import new_pilot, ready_for_running

world = pilots_api.world


def entries(api: Api, pid: str) -> list[dict[str, Any]]:
    return api.get(f"/pilots/{pid}/activity", limit=200).json()["items"]  # type: ignore[no-any-return]


def test_a_pilot_update_stores_before_and_after_and_names_the_people(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    executive = world["people"]["executive"]
    pid = new_pilot(editor, budget=1000)["id"]
    clock.advance(minutes=1)

    editor.ok("PATCH", f"/pilots/{pid}", {"sponsor_id": str(executive.id), "budget": 2500})

    latest = entries(editor, pid)[0]
    assert latest["action"] == "pilot.updated"
    assert latest["before"] == {"sponsor_id": None, "budget": 1000}
    assert latest["after"] == {"sponsor_id": str(executive.id), "budget": 2500}
    assert latest["names"] == {str(executive.id): "Executive Person"}


def test_departments_and_customers_are_named_and_old_names_follow_renames(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    admin: Api = world["api"]["admin"]
    pid = ready_for_running(world, clock)["id"]
    department, customer = world["departments"][0], world["customers"][0]
    admin.ok("PATCH", f"/departments/{department.id}", {"name": "Logistics"})

    log = entries(editor, pid)
    chosen = next(e for e in log if e["summary"] == "Customer chosen")
    invited = next(
        e
        for e in log
        if e["action"] == "involvement.created"
        and e["after"]["department_id"] == str(department.id)
    )

    assert chosen["after"]["customer_id"] == str(customer.id)
    assert chosen["names"] == {str(customer.id): "St. Agnes Hospital"}
    # Names are read as they are now: the department renamed since shows its new name.
    assert invited["names"] == {str(department.id): "Logistics"}
    assert invited["after"]["status"] == "engaged"


def test_an_entry_without_ids_names_nothing(world: dict[str, Any], clock: FrozenClock) -> None:
    editor: Api = world["api"]["editor"]
    pid = new_pilot(editor)["id"]
    clock.advance(minutes=1)
    editor.ok("PATCH", f"/pilots/{pid}", {"title": "Kiosk restocking"})

    latest = entries(editor, pid)[0]
    assert (latest["before"], latest["after"], latest["names"]) == (
        {"title": "Vendor-managed inventory"},
        {"title": "Kiosk restocking"},
        {},
    )
