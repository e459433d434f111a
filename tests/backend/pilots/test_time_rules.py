"""Time counts (#13): the scale review asks for `min_running_days` since first entering
`running` and for iterations lasting `min_iteration_days`; the gate says when it will be ready.

The pure rules at their edges first, then the same over HTTP: the gate read with `as_of`, the
transition on the app clock, the two thresholds in the settings and in export and restore.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from pilotboard.core.clock import FrozenClock
from pilotboard.exports.schemas import ExportDocument
from pilotboard.exports.service import restore_workspace
from pilotboard.pilots.lifecycle import rules
from pilotboard.pilots.lifecycle.rules import GateFacts, Limits, check_move
from pilotboard.workspaces.models import Workspace, WorkspaceSettings
from tests.backend.conftest import TEST_SECRET
from tests.backend.factories import Api
from tests.backend.pilots import test_api as pilots_api
from tests.backend.pilots.test_api import ready_for_running

world = pilots_api.world  # the same fixture: a workspace with people, departments, customers

RAN = date(2026, 1, 15)  # the frozen clock's first day, when the API pilots start running
DAY_60 = RAN + timedelta(days=60)
T = {"min_engaged_departments": 2, "min_running_days": 60, "min_iteration_days": 14}
OFF = {**T, "min_running_days": 0, "min_iteration_days": 0}


def day(n: int) -> date:
    """The ``n``-th day of running."""
    return RAN + timedelta(days=n)


def ready_facts(**changes: Any) -> GateFacts:
    """A running pilot that meets every criterion of the scale review but time."""
    facts = GateFacts(
        first_running_on=RAN,
        iterations=[(day(0), day(20)), (day(20), day(40))],
        metric_count=1,
    )
    for name, value in changes.items():
        setattr(facts, name, value)
    return facts


def review(facts: GateFacts, as_of: date, thresholds: dict[str, int] = T) -> rules.Move:
    return check_move("running", None, "scale_review", facts, thresholds, as_of)


def criterion(move: rules.Move, code: str) -> rules.Criterion:
    [found] = [c for c in move.criteria if c.code == code]
    return found


# --- the rules -------------------------------------------------------------------------------


class TestTimeRunning:
    def test_day_59_is_short_and_day_60_is_enough(self) -> None:
        short, enough = review(ready_facts(), day(59)), review(ready_facts(), day(60))

        assert (criterion(short, "time_running").met, short.met) == (False, False)
        assert criterion(short, "time_running").message == (
            "The pilot has run at least 60 days (59 so far; ready on 16 March 2026)."
        )
        assert (criterion(enough, "time_running").met, enough.met) == (True, True)
        assert criterion(enough, "time_running").message == (
            "The pilot has run at least 60 days (60 so far)."
        )

    def test_it_counts_from_the_first_entry_into_running(self) -> None:
        # Back in running after a review later on: the first entry still counts.
        assert criterion(review(ready_facts(), day(75)), "time_running").met

    def test_a_pilot_that_never_ran(self) -> None:
        move = review(ready_facts(first_running_on=None), day(60))

        assert criterion(move, "time_running").message == (
            "The pilot has run at least 60 days (it has not run yet)."
        )
        assert (criterion(move, "time_running").met, move.ready_on) == (False, None)

    def test_the_workspace_threshold_sets_the_days(self) -> None:
        move = review(ready_facts(), day(29), {**T, "min_running_days": 30})

        assert criterion(move, "time_running").message == (
            "The pilot has run at least 30 days (29 so far; ready on 14 February 2026)."
        )
        assert review(ready_facts(), day(30), {**T, "min_running_days": 30}).met


class TestIterationLength:
    def test_13_days_do_not_count_and_14_do(self) -> None:
        short = ready_facts(iterations=[(day(0), day(20)), (day(20), day(33))])
        enough = ready_facts(iterations=[(day(0), day(20)), (day(20), day(34))])

        move = review(short, day(60))
        assert criterion(move, "iterations").met is False
        assert criterion(move, "iterations").message == (
            "At least 2 iterations of 14 days or more are logged "
            "(1 now; 1 shorter than 14 days does not count)."
        )
        assert move.ready_on is None  # a closed iteration never grows
        assert criterion(review(enough, day(60)), "iterations").met

    def test_every_short_one_is_counted_in_the_message(self) -> None:
        facts = ready_facts(iterations=[(day(0), day(1)), (day(1), day(2)), (day(2), day(40))])

        assert criterion(review(facts, day(60)), "iterations").message == (
            "At least 2 iterations of 14 days or more are logged "
            "(1 now; 2 shorter than 14 days do not count)."
        )

    def test_an_open_iteration_counts_up_to_the_evaluation_date(self) -> None:
        facts = ready_facts(iterations=[(day(0), day(20)), (day(50), None)])

        early, late = review(facts, day(63)), review(facts, day(64))

        assert criterion(early, "iterations").met is False
        assert criterion(early, "iterations").ready_on == day(64)
        assert early.ready_on == day(64)
        assert criterion(late, "iterations").met is True
        assert (late.met, late.ready_on) == (True, day(64))

    def test_no_short_iteration_no_remark(self) -> None:
        assert criterion(review(ready_facts(), day(60)), "iterations").message == (
            "At least 2 iterations of 14 days or more are logged (2 now)."
        )


class TestZeroTurnsTheChecksOff:
    def test_the_same_day_with_open_iterations_of_no_length(self) -> None:
        facts = ready_facts(iterations=[(day(0), None), (day(0), day(0))])

        move = review(facts, day(0), OFF)

        assert (move.met, move.ready_on) == (True, day(0))
        assert criterion(move, "time_running").message == (
            "The workspace sets no minimum running time."
        )
        assert criterion(move, "iterations").message == "At least 2 iterations are logged (2 now)."

    def test_zero_still_needs_two_iterations(self) -> None:
        move = review(ready_facts(iterations=[(day(0), None)]), day(0), OFF)

        assert criterion(move, "iterations").met is False
        assert move.ready_on is None


class TestReadyOn:
    def test_only_time_missing_gives_the_date(self) -> None:
        move = review(ready_facts(), day(34))

        assert [c.code for c in move.unmet] == ["time_running"]
        assert move.ready_on == DAY_60

    def test_the_later_of_the_running_time_and_an_open_iteration(self) -> None:
        facts = ready_facts(iterations=[(day(0), day(20)), (day(55), None)])

        assert review(facts, day(56)).ready_on == day(69)
        assert review(facts, day(56), {**T, "min_iteration_days": 2}).ready_on == DAY_60

    def test_two_open_iterations_are_both_needed(self) -> None:
        facts = ready_facts(iterations=[(day(30), None), (day(40), None)])

        assert review(facts, day(35)).ready_on == DAY_60
        assert review(facts, day(35), {**T, "min_iteration_days": 25}).ready_on == day(65)

    def test_every_criterion_met_gives_the_evaluation_date(self) -> None:
        assert review(ready_facts(), day(90)).ready_on == day(90)

    def test_something_other_than_time_missing_gives_null(self) -> None:
        unmeasured = ready_facts(metrics_without_measurement=["NPS"])
        one_iteration = ready_facts(iterations=[(day(0), day(20))])

        assert review(unmeasured, day(34)).ready_on is None
        assert review(unmeasured, day(60)).ready_on is None
        assert review(one_iteration, day(34)).ready_on is None

    def test_a_move_the_lifecycle_forbids_gives_null(self) -> None:
        move = check_move("selecting", None, "scale_review", ready_facts(), T, day(90))

        assert (move.allowed, move.ready_on) == (False, None)

    def test_gates_without_time(self) -> None:
        met = GateFacts(plan_item_count=1, open_plan_items=0)

        assert check_move("scaling", None, "adopted", met, T, day(5)).ready_on == day(5)
        assert check_move("scaling", None, "adopted", GateFacts(), T, day(5)).ready_on is None
        assert check_move("paused", "running", "running", GateFacts(), T, day(5)).ready_on == (
            day(5)
        )

    def test_the_gate_thresholds_default_when_the_workspace_has_none(self) -> None:
        only_health = {"min_engaged_departments": 2}

        assert review(ready_facts(), day(59), only_health).ready_on == DAY_60
        assert rules.GATE_THRESHOLDS == {"min_running_days": 60, "min_iteration_days": 14}

    def test_the_documentation_names_the_thresholds_and_ready_on(self) -> None:
        text = rules.gates_markdown()

        assert "`min_running_days`" in text
        assert "`min_iteration_days`" in text
        assert "`ready_on`" in text
        assert "`as_of`" in text

    def test_each_criterion_carries_its_own_date(self) -> None:
        facts = ready_facts(iterations=[(day(0), day(20)), (day(30), None)])

        criteria = rules.gate("scale_review", facts, Limits(as_of=day(35)))

        assert [(c.code, c.met, c.ready_on) for c in criteria] == [
            ("iterations", False, day(44)),
            ("measurements", True, day(35)),
            ("time_running", False, DAY_60),
        ]

    def test_dates_in_words(self) -> None:
        assert rules.day_in_words(date(2027, 3, 3)) == "3 March 2027"
        assert rules.day_in_words(date(2026, 12, 31)) == "31 December 2026"


# --- over HTTP -------------------------------------------------------------------------------


def running_pilot(world: dict[str, Any], clock: FrozenClock) -> str:
    """A pilot that starts running on ``RAN`` with every metric measured."""
    editor: Api = world["api"]["editor"]
    pid: str = ready_for_running(world, clock)["id"]
    world["api"]["executive"].ok(
        "POST", f"/pilots/{pid}/decisions", {"kind": "start", "rationale": "Go"}
    )
    editor.ok("POST", f"/pilots/{pid}/transitions", {"to_stage": "running"})
    assert clock.today() == RAN
    for metric in editor.get(f"/pilots/{pid}/metrics").json()["items"]:
        editor.ok(
            "POST",
            f"/pilots/{pid}/metrics/{metric['id']}/measurements",
            {"value": 40, "measured_on": str(RAN)},
        )
    return pid


def iterate(api: Api, pid: str, started: date, ended: date | None) -> dict[str, Any]:
    body = {"started_on": str(started), "ended_on": str(ended) if ended else None}
    return api.ok("POST", f"/pilots/{pid}/iterations", body)  # type: ignore[no-any-return]


def gate(api: Api, pid: str, as_of: date | None = None) -> dict[str, Any]:
    params = {"to": "scale_review", **({"as_of": str(as_of)} if as_of else {})}
    response = api.get(f"/pilots/{pid}/gate", **params)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def state(read: dict[str, Any]) -> dict[str, bool]:
    return {c["code"]: c["met"] for c in read["criteria"]}


def test_the_gate_read_as_of_day_59_and_60(world: dict[str, Any], clock: FrozenClock) -> None:
    editor: Api = world["api"]["editor"]
    pid = running_pilot(world, clock)
    iterate(editor, pid, day(0), day(14))
    iterate(editor, pid, day(14), day(28))

    before, after = gate(editor, pid, day(59)), gate(editor, pid, DAY_60)

    assert state(before) == {"iterations": True, "measurements": True, "time_running": False}
    assert before["criteria"][2] == {
        "code": "time_running",
        "met": False,
        "message": "The pilot has run at least 60 days (59 so far; ready on 16 March 2026).",
    }
    assert (before["met"], before["ready_on"]) == (False, "2026-03-16")
    assert (after["met"], after["ready_on"]) == (True, "2026-03-16")
    # Without `as_of`, today: day 0.
    today = gate(editor, pid)
    assert (today["met"], today["ready_on"]) == (False, "2026-03-16")
    assert "0 so far" in today["criteria"][2]["message"]


def test_an_iteration_of_13_days_does_not_count(world: dict[str, Any], clock: FrozenClock) -> None:
    editor: Api = world["api"]["editor"]
    pid = running_pilot(world, clock)
    iterate(editor, pid, day(0), day(14))
    short = iterate(editor, pid, day(14), day(27))

    read = gate(editor, pid, DAY_60)

    assert state(read) == {"iterations": False, "measurements": True, "time_running": True}
    assert read["criteria"][0]["message"] == (
        "At least 2 iterations of 14 days or more are logged "
        "(1 now; 1 shorter than 14 days does not count)."
    )
    assert read["ready_on"] is None
    editor.ok("PATCH", f"/pilots/{pid}/iterations/{short['id']}", {"ended_on": str(day(28))})
    assert gate(editor, pid, DAY_60)["met"] is True


def test_an_open_iteration_counts_by_the_evaluation_date(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    pid = running_pilot(world, clock)
    iterate(editor, pid, day(0), day(30))
    iterate(editor, pid, day(50), None)

    early, late = gate(editor, pid, day(63)), gate(editor, pid, day(64))

    assert (state(early)["iterations"], early["ready_on"]) == (False, "2026-03-20")
    assert (state(late)["iterations"], late["met"], late["ready_on"]) == (True, True, "2026-03-20")


def test_ready_on_is_null_when_something_else_is_missing(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    pid = running_pilot(world, clock)
    iterate(editor, pid, day(0), day(14))

    read = gate(editor, pid, day(30))

    assert state(read) == {"iterations": False, "measurements": True, "time_running": False}
    assert read["ready_on"] is None


def test_the_gate_refuses_a_date_that_is_not_one(world: dict[str, Any], clock: FrozenClock) -> None:
    editor: Api = world["api"]["editor"]
    pid = running_pilot(world, clock)

    response = editor.get(f"/pilots/{pid}/gate", to="scale_review", as_of="2026-02-30")

    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["errors"]] == [["query", "as_of"]]


def test_the_transition_waits_for_day_60_on_the_app_clock(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    pid = running_pilot(world, clock)
    iterate(editor, pid, day(0), day(20))
    iterate(editor, pid, day(20), day(40))
    clock.advance(days=59)

    refused = editor.send("POST", f"/pilots/{pid}/transitions", {"to_stage": "scale_review"})

    assert refused.status_code == 409
    assert refused.json()["type"] == "https://pilotboard.dev/problems/gate-not-met"
    assert refused.json()["unmet"] == [
        {
            "code": "time_running",
            "message": "The pilot has run at least 60 days (59 so far; ready on 16 March 2026).",
        }
    ]
    assert editor.get(f"/pilots/{pid}").json()["stage"] == "running"
    clock.advance(days=1)
    moved = editor.ok("POST", f"/pilots/{pid}/transitions", {"to_stage": "scale_review"})
    assert moved["stage"] == "scale_review"


def test_thresholds_of_0_let_a_pilot_into_review_the_day_it_starts(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    world["api"]["admin"].ok(
        "PATCH", "/settings", {"thresholds": {"min_running_days": 0, "min_iteration_days": 0}}
    )
    pid = running_pilot(world, clock)
    iterate(editor, pid, RAN, RAN)
    iterate(editor, pid, RAN, None)

    read = gate(editor, pid)
    moved = editor.ok("POST", f"/pilots/{pid}/transitions", {"to_stage": "scale_review"})

    assert [c["message"] for c in read["criteria"]] == [
        "At least 2 iterations are logged (2 now).",
        "Every metric has at least one measurement.",
        "The workspace sets no minimum running time.",
    ]
    assert (read["met"], read["ready_on"]) == (True, str(RAN))
    assert moved["stage"] == "scale_review"


# --- the settings ----------------------------------------------------------------------------


def test_the_settings_hold_the_two_thresholds(world: dict[str, Any], db: Session) -> None:
    admin: Api = world["api"]["admin"]

    defaults = admin.ok("GET", "/settings")["thresholds"]
    lowest = admin.ok("PATCH", "/settings", {"thresholds": {"min_running_days": 0}})
    highest = admin.ok("PATCH", "/settings", {"thresholds": {"min_iteration_days": 3650}})

    assert (defaults["min_running_days"], defaults["min_iteration_days"]) == (60, 14)
    assert (
        lowest["thresholds"]["min_running_days"],
        lowest["thresholds"]["min_iteration_days"],
    ) == (
        0,
        14,
    )
    assert (
        highest["thresholds"]["min_running_days"],
        highest["thresholds"]["min_iteration_days"],
    ) == (0, 3650)
    row = db.exec(select(WorkspaceSettings)).one()
    assert (row.thresholds["min_running_days"], row.thresholds["min_iteration_days"]) == (0, 3650)


@pytest.mark.parametrize("name", ["min_running_days", "min_iteration_days"])
@pytest.mark.parametrize("value", [-1, 3651, "60", 1.5, None])
def test_a_threshold_out_of_range_is_422_naming_it(
    world: dict[str, Any], db: Session, name: str, value: Any
) -> None:
    admin: Api = world["api"]["admin"]

    response = admin.send("PATCH", "/settings", {"thresholds": {name: value}})

    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["errors"]] == [["body", "thresholds", name]]
    assert db.exec(select(WorkspaceSettings)).all() == []


# --- export and restore ----------------------------------------------------------------------


def restored_thresholds(
    world: dict[str, Any], db: Session, clock: FrozenClock, client: TestClient, document: Any
) -> dict[str, int]:
    restored = restore_workspace(
        db,
        document=ExportDocument.model_validate(document),
        name="Copy",
        admin_email=None,
        app_secret=TEST_SECRET,
        now=clock.now(),
    )
    db.commit()
    workspace = db.get(Workspace, restored.workspace_id)
    assert workspace is not None
    admin = Api(client, world["api"]["admin"].caller, workspace)
    return admin.ok("GET", "/settings")["thresholds"]  # type: ignore[no-any-return]


def test_export_and_restore_keep_the_thresholds(
    world: dict[str, Any], db: Session, clock: FrozenClock, client: TestClient
) -> None:
    admin: Api = world["api"]["admin"]
    admin.ok(
        "PATCH", "/settings", {"thresholds": {"min_running_days": 90, "min_iteration_days": 0}}
    )

    document = admin.ok("GET", "/export")
    thresholds = restored_thresholds(world, db, clock, client, document)

    assert document["settings"]["thresholds"]["min_running_days"] == 90
    assert (thresholds["min_running_days"], thresholds["min_iteration_days"]) == (90, 0)


def test_an_older_document_without_them_restores_with_the_defaults(
    world: dict[str, Any], db: Session, clock: FrozenClock, client: TestClient
) -> None:
    admin: Api = world["api"]["admin"]
    admin.ok("PATCH", "/settings", {"thresholds": {"no_iteration_days": 30}})
    document = admin.ok("GET", "/export")
    for name in ("min_running_days", "min_iteration_days"):
        del document["settings"]["thresholds"][name]

    thresholds = restored_thresholds(world, db, clock, client, document)

    assert (
        thresholds["no_iteration_days"],
        thresholds["min_running_days"],
        thresholds["min_iteration_days"],
    ) == (30, 60, 14)
