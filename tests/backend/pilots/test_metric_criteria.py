"""Success criteria fixed before the start: the target on the improving side of the baseline,
changes after the start only with a reason (recorded, and flagging the pilot), and revenue per
period."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, col, select

from pilotboard.activity.models import Activity
from pilotboard.core.clock import FrozenClock
from pilotboard.exports.schemas import ExportDocument
from pilotboard.exports.service import restore_workspace
from pilotboard.pilots.models import Metric
from pilotboard.workspaces.models import Workspace
from tests.backend.conftest import TEST_SECRET
from tests.backend.factories import Api
from tests.backend.pilots import test_api as pilots_api
from tests.backend.pilots.test_api import new_pilot, ready_for_running

world = pilots_api.world  # the same fixture: a workspace with people, departments, customers

LOCKED = "https://pilotboard.dev/problems/criteria-locked"
INVALID = "https://pilotboard.dev/problems/validation-error"
WHY = "The ward now counts per shift."  # 30 characters
HIGHER = "For a metric where higher is better, the target must be above the baseline (12.0)."
TITLE = "Vendor-managed inventory"  # the title `new_pilot` gives
LOWER = "For a metric where lower is better, the target must be below the baseline (12.0)."


def metrics_of(api: Api, pid: str) -> dict[str, dict[str, Any]]:
    return {m["name"]: m for m in api.get(f"/pilots/{pid}/metrics").json()["items"]}


def running_pilot(world: dict[str, Any], clock: FrozenClock) -> str:
    """A pilot that has just entered `running`, with the two metrics of `ready_for_running`:
    "Minutes on supplies" (decrease, 55 → 35) and "Revenue" (increase, 100000 → 130000)."""
    editor: Api = world["api"]["editor"]
    pid: str = ready_for_running(world, clock)["id"]
    world["api"]["executive"].ok(
        "POST", f"/pilots/{pid}/decisions", {"kind": "start", "rationale": "Go"}
    )
    clock.advance(days=1)
    editor.ok("POST", f"/pilots/{pid}/transitions", {"to_stage": "running"})
    clock.advance(minutes=1)
    return pid


def to_scale_review(world: dict[str, Any], clock: FrozenClock, pid: str) -> None:
    """Two iterations of 30 days each and every metric measured, 70 days after the start."""
    editor: Api = world["api"]["editor"]
    for number in (1, 2):
        clock.advance(days=35)
        editor.ok(
            "POST",
            f"/pilots/{pid}/iterations",
            {
                "started_on": str(clock.today() - timedelta(days=30)),
                "ended_on": str(clock.today()),
                "changes": f"Change {number}",
            },
        )
    for metric in metrics_of(editor, pid).values():
        editor.ok(
            "POST",
            f"/pilots/{pid}/metrics/{metric['id']}/measurements",
            {"value": 40, "measured_on": str(clock.today())},
        )
    review = editor.ok("POST", f"/pilots/{pid}/transitions", {"to_stage": "scale_review"})
    assert review["stage"] == "scale_review"
    clock.advance(minutes=1)


def patch(api: Api, pid: str, mid: str, body: dict[str, Any]) -> Any:
    return api.send("PATCH", f"/pilots/{pid}/metrics/{mid}", body)


# --- the target lies on the improving side of the baseline -----------------------------------


@pytest.mark.parametrize(
    ("direction", "target", "status", "message"),
    [
        ("increase", 12, 422, HIGHER),
        ("increase", 11.99, 422, HIGHER),
        ("increase", 12.01, 201, None),
        ("decrease", 12, 422, LOWER),
        ("decrease", 12.01, 422, LOWER),
        ("decrease", 11.99, 201, None),
    ],
)
def test_a_new_metric_s_target_lies_on_the_improving_side(
    world: dict[str, Any], direction: str, target: float, status: int, message: str | None
) -> None:
    editor: Api = world["api"]["editor"]
    pid = new_pilot(editor)["id"]

    response = editor.send(
        "POST",
        f"/pilots/{pid}/metrics",
        {"name": "Minutes", "direction": direction, "baseline": 12, "target": target},
    )

    assert response.status_code == status, response.text
    if message is None:
        assert (response.json()["baseline"], response.json()["target"]) == (12.0, target)
    else:
        assert response.json()["type"] == INVALID
        assert response.json()["errors"] == [{"loc": ["body", "target"], "msg": message}]
        assert metrics_of(editor, pid) == {}


def test_without_baseline_or_target_there_is_no_side_to_check(world: dict[str, Any]) -> None:
    editor: Api = world["api"]["editor"]
    pid = new_pilot(editor)["id"]

    for body in ({"baseline": 12}, {"target": 3}, {}):
        editor.ok("POST", f"/pilots/{pid}/metrics", {"name": f"M {len(body)} {body}", **body})

    assert len(metrics_of(editor, pid)) == 3


def test_a_patch_is_checked_with_the_merged_values_and_changes_nothing_when_refused(
    world: dict[str, Any],
) -> None:
    editor: Api = world["api"]["editor"]
    pid = new_pilot(editor)["id"]
    created = editor.ok(
        "POST",
        f"/pilots/{pid}/metrics",
        {"name": "Minutes", "direction": "decrease", "baseline": 12, "target": 8},
    )
    path = f"/pilots/{pid}/metrics/{created['id']}"

    direction_only = patch(editor, pid, created["id"], {"direction": "increase"})
    target_at_baseline = patch(editor, pid, created["id"], {"target": 12, "unit": "min"})
    baseline_below_target = patch(editor, pid, created["id"], {"baseline": 7})
    after = metrics_of(editor, pid)["Minutes"]
    both_moved = editor.ok("PATCH", path, {"direction": "increase", "target": 15})
    cleared = editor.ok("PATCH", path, {"baseline": None, "direction": "decrease"})

    assert [r.status_code for r in (direction_only, target_at_baseline)] == [422, 422]
    assert direction_only.json()["errors"] == [{"loc": ["body", "target"], "msg": HIGHER}]
    assert target_at_baseline.json()["errors"] == [{"loc": ["body", "target"], "msg": LOWER}]
    assert baseline_below_target.json()["errors"] == [
        {
            "loc": ["body", "target"],
            "msg": "For a metric where lower is better, the target must be below the baseline "
            "(7.0).",
        }
    ]
    assert after == created  # nothing changed, not even the unit
    assert (both_moved["direction"], both_moved["target"]) == ("increase", 15.0)
    assert (cleared["baseline"], cleared["direction"], cleared["target"]) == (
        None,
        "decrease",
        15.0,
    )


def test_a_metric_stored_before_the_rule_can_still_be_renamed(
    world: dict[str, Any], db: Session
) -> None:
    editor: Api = world["api"]["editor"]
    pid = new_pilot(editor)["id"]
    created = editor.ok("POST", f"/pilots/{pid}/metrics", {"name": "Minutes", "baseline": 12})
    metric = db.get(Metric, uuid.UUID(created["id"]))
    assert metric is not None
    metric.target = 8.0  # on the wrong side, as rows written before the rule may be
    db.add(metric)
    db.commit()
    path = f"/pilots/{pid}/metrics/{created['id']}"

    renamed = editor.send("PATCH", path, {"name": "Minutes per shift"})
    moved = editor.send("PATCH", path, {"baseline": 11})

    assert (renamed.status_code, renamed.json()["target"]) == (200, 8.0)
    assert moved.json()["errors"] == [
        {
            "loc": ["body", "target"],
            "msg": "For a metric where higher is better, the target must be above the baseline "
            "(11.0).",
        }
    ]


# --- before the start: no reason needed, nothing recorded ------------------------------------


def test_before_the_start_criteria_change_freely(world: dict[str, Any], clock: FrozenClock) -> None:
    editor: Api = world["api"]["editor"]
    pid = ready_for_running(world, clock)["id"]  # selecting, never ran
    minutes = metrics_of(editor, pid)["Minutes on supplies"]
    revenue = metrics_of(editor, pid)["Revenue"]

    changed = editor.ok(
        "PATCH",
        f"/pilots/{pid}/metrics/{minutes['id']}",
        {"baseline": 60, "target": 30, "kind": "internal"},
    )
    reason_ignored = editor.ok(
        "PATCH", f"/pilots/{pid}/metrics/{minutes['id']}", {"target": 25, "change_reason": WHY}
    )
    deleted = editor.send("DELETE", f"/pilots/{pid}/metrics/{revenue['id']}")

    assert (changed["baseline"], changed["target"], changed["kind"]) == (60.0, 30.0, "internal")
    assert (reason_ignored["target"], reason_ignored["criteria_changes"]) == (25.0, [])
    assert deleted.status_code == 204
    assert editor.get(f"/pilots/{pid}").json()["criteria_changed"] is False


# --- after the start: a reason, recorded -----------------------------------------------------


def test_after_the_start_a_target_change_without_reason_is_refused(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    pid = running_pilot(world, clock)
    minutes = metrics_of(editor, pid)["Minutes on supplies"]

    refused = patch(editor, pid, minutes["id"], {"target": 30, "unit": "min"})
    several = patch(editor, pid, minutes["id"], {"kind": "internal", "baseline": 50})

    assert refused.status_code == 409
    assert refused.json()["type"] == LOCKED
    assert refused.json()["detail"] == (
        "The pilot has started, so its success criteria are fixed: changing the target of "
        "“Minutes on supplies” needs a `change_reason` (10 to 2000 characters), which is "
        "recorded with the change."
    )
    assert "the baseline and kind of" in several.json()["detail"]
    assert metrics_of(editor, pid)["Minutes on supplies"] == minutes
    assert editor.get(f"/pilots/{pid}").json()["criteria_changed"] is False


def test_after_the_start_a_change_with_reason_is_recorded_and_flags_the_pilot(
    world: dict[str, Any], clock: FrozenClock, db: Session
) -> None:
    editor: Api = world["api"]["editor"]
    editor_id = str(world["people"]["editor"].id)
    pid = running_pilot(world, clock)
    minutes = metrics_of(editor, pid)["Minutes on supplies"]
    first_at = clock.now()

    changed = editor.ok(
        "PATCH",
        f"/pilots/{pid}/metrics/{minutes['id']}",
        {"target": 30, "change_reason": f"  {WHY}  "},
    )
    clock.advance(minutes=1)
    again = editor.ok(
        "PATCH",
        f"/pilots/{pid}/metrics/{minutes['id']}",
        {"baseline": 50, "direction": "decrease", "kind": "internal", "change_reason": WHY[:10]},
    )
    pilot = editor.get(f"/pilots/{pid}").json()

    first = {
        "field": "target",
        "before": 35.0,
        "after": 30.0,
        "reason": WHY,
        "changed_by": editor_id,
    }
    assert [
        {**c, "changed_at": datetime.fromisoformat(c["changed_at"])}
        for c in changed["criteria_changes"]
    ] == [{**first, "changed_at": first_at}]
    assert changed["target"] == 30.0
    # One entry per field that actually changed (direction was sent unchanged), oldest first.
    assert [
        (c["field"], c["before"], c["after"], c["reason"], c["changed_by"])
        for c in again["criteria_changes"]
    ] == [
        ("target", 35.0, 30.0, WHY, editor_id),
        ("baseline", 55.0, 50.0, WHY[:10], editor_id),
        ("kind", "customer_experienced", "internal", WHY[:10], editor_id),
    ]
    assert datetime.fromisoformat(again["criteria_changes"][1]["changed_at"]) == clock.now()
    assert pilot["criteria_changed"] is True
    listed = metrics_of(editor, pid)["Minutes on supplies"]["criteria_changes"]
    assert listed == again["criteria_changes"]
    summaries = db.exec(
        select(Activity.summary)
        .where(Activity.pilot_id == uuid.UUID(pid), Activity.action == "metric.updated")
        .order_by(col(Activity.occurred_at))
    ).all()
    assert summaries == [
        f"Metric “Minutes on supplies”: target moved from 35.0 to 30.0 because {WHY}",
        "Metric “Minutes on supplies”: baseline moved from 55.0 to 50.0, kind moved from "
        f"customer_experienced to internal because {WHY[:10]}",
    ]


@pytest.mark.parametrize(
    ("reason", "loc"),
    [
        ("123456789", ["body", "change_reason"]),
        ("   123456789    ", ["body", "change_reason"]),
        ("x" * 2001, ["body", "change_reason"]),
    ],
    ids=["9 characters", "9 after strip", "2001 characters"],
)
def test_a_reason_outside_10_to_2000_characters_is_refused(
    world: dict[str, Any], clock: FrozenClock, reason: str, loc: list[str]
) -> None:
    editor: Api = world["api"]["editor"]
    pid = running_pilot(world, clock)
    minutes = metrics_of(editor, pid)["Minutes on supplies"]

    response = patch(editor, pid, minutes["id"], {"target": 30, "change_reason": reason})

    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["errors"]] == [loc]
    assert metrics_of(editor, pid)["Minutes on supplies"] == minutes


def test_a_2000_character_reason_is_accepted(world: dict[str, Any], clock: FrozenClock) -> None:
    editor: Api = world["api"]["editor"]
    pid = running_pilot(world, clock)
    minutes = metrics_of(editor, pid)["Minutes on supplies"]

    changed = editor.ok(
        "PATCH",
        f"/pilots/{pid}/metrics/{minutes['id']}",
        {"target": 30, "change_reason": "x" * 2000},
    )

    assert [c["reason"] for c in changed["criteria_changes"]] == ["x" * 2000]


def test_after_the_start_other_fields_and_unchanged_values_need_no_reason(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    pid = running_pilot(world, clock)
    minutes = metrics_of(editor, pid)["Minutes on supplies"]
    path = f"/pilots/{pid}/metrics/{minutes['id']}"

    renamed = editor.ok("PATCH", path, {"name": "Nurse minutes", "unit": "min"})
    same_values = editor.ok(
        "PATCH",
        path,
        {"baseline": 55, "target": 35, "direction": "decrease", "kind": "customer_experienced"},
    )
    reason_ignored = editor.ok("PATCH", path, {"unit": "minutes", "change_reason": WHY})
    period_of_a_non_revenue_metric = editor.ok("PATCH", path, {"revenue_period": "month"})
    added = editor.send(
        "POST",
        f"/pilots/{pid}/metrics",
        {"name": "Orders on time", "baseline": 0.5, "target": 0.9},
    )

    assert (renamed["name"], renamed["unit"]) == ("Nurse minutes", "min")
    assert same_values["criteria_changes"] == []
    assert (reason_ignored["unit"], reason_ignored["criteria_changes"]) == ("minutes", [])
    assert period_of_a_non_revenue_metric["revenue_period"] == "month"
    assert added.status_code == 201
    assert editor.get(f"/pilots/{pid}").json()["criteria_changed"] is False


@pytest.mark.parametrize("later", ["scale_review", "paused"])
def test_the_lock_holds_after_the_pilot_moved_on(
    world: dict[str, Any], clock: FrozenClock, later: str
) -> None:
    editor: Api = world["api"]["editor"]
    pid = running_pilot(world, clock)
    if later == "scale_review":
        to_scale_review(world, clock, pid)
    else:
        editor.ok(
            "POST",
            f"/pilots/{pid}/transitions",
            {"to_stage": "paused", "reason": "Customer reorganising"},
        )
    minutes = metrics_of(editor, pid)["Minutes on supplies"]

    refused = patch(editor, pid, minutes["id"], {"target": 30})
    changed = patch(editor, pid, minutes["id"], {"target": 30, "change_reason": WHY})

    assert editor.get(f"/pilots/{pid}").json()["stage"] == later
    assert (refused.status_code, refused.json()["type"]) == (409, LOCKED)
    assert changed.status_code == 200
    assert [c["field"] for c in changed.json()["criteria_changes"]] == ["target"]
    assert editor.get(f"/pilots/{pid}").json()["criteria_changed"] is True


def test_after_the_start_a_deletion_needs_a_reason(
    world: dict[str, Any], clock: FrozenClock, db: Session
) -> None:
    editor: Api = world["api"]["editor"]
    pid = running_pilot(world, clock)
    minutes = metrics_of(editor, pid)["Minutes on supplies"]
    path = f"/pilots/{pid}/metrics/{minutes['id']}"

    without = editor.send("DELETE", path)
    too_short = editor.send("DELETE", path + "?reason=%20%20123456789%20")
    flag_before = editor.get(f"/pilots/{pid}").json()["criteria_changed"]
    deleted = editor.send("DELETE", path + f"?reason={WHY}")
    pilot = editor.get(f"/pilots/{pid}").json()

    assert (without.status_code, without.json()["type"]) == (409, LOCKED)
    assert without.json()["detail"] == (
        "The pilot has started, so its success criteria are fixed: deleting “Minutes on "
        "supplies” needs a `reason` (at least 10 characters), which is recorded in the activity "
        "log."
    )
    assert too_short.status_code == 422
    assert [e["loc"] for e in too_short.json()["errors"]] == [["query", "reason"]]
    assert flag_before is False
    assert deleted.status_code == 204
    assert list(metrics_of(editor, pid)) == ["Revenue"]
    assert pilot["criteria_changed"] is True
    entry = db.exec(
        select(Activity).where(
            Activity.pilot_id == uuid.UUID(pid), Activity.action == "metric.deleted"
        )
    ).one()
    assert entry.summary == (
        "Metric “Minutes on supplies” deleted with its measurements after the pilot started, "
        f"because {WHY}"
    )
    assert entry.before is not None
    assert (entry.before["baseline"], entry.before["target"], entry.before["direction"]) == (
        55.0,
        35.0,
        "decrease",
    )
    assert entry.after == {"change_reason": WHY}


# --- revenue per period ----------------------------------------------------------------------


def test_revenue_period_defaults_to_year_and_annualises_the_gain(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    pid = new_pilot(editor)["id"]
    yearly = editor.ok(
        "POST",
        f"/pilots/{pid}/metrics",
        {"name": "Revenue", "is_revenue": True, "baseline": 1000, "target": 1500},
    )
    no_gain_yet = editor.get(f"/pilots/{pid}").json()["revenue_gain_per_year"]
    editor.ok(
        "POST",
        f"/pilots/{pid}/metrics/{yearly['id']}/measurements",
        {"value": 1100, "measured_on": str(clock.today())},
    )
    per_year = editor.get(f"/pilots/{pid}").json()["revenue_gain_per_year"]
    monthly = editor.ok(
        "PATCH", f"/pilots/{pid}/metrics/{yearly['id']}", {"revenue_period": "month"}
    )
    per_month = editor.get(f"/pilots/{pid}").json()["revenue_gain_per_year"]
    quarterly = editor.ok(
        "PATCH", f"/pilots/{pid}/metrics/{yearly['id']}", {"revenue_period": "quarter"}
    )
    listed = editor.get("/pilots").json()["items"]
    null_period = patch(editor, pid, yearly["id"], {"revenue_period": None})
    unknown_period = patch(editor, pid, yearly["id"], {"revenue_period": "week"})

    assert yearly["revenue_period"] == "year"
    assert no_gain_yet is None
    assert per_year == 100.0
    assert monthly["revenue_period"] == "month"
    assert per_month == 1200.0
    assert quarterly["revenue_period"] == "quarter"
    assert [(p["revenue_gain_per_year"], p["criteria_changed"]) for p in listed] == [(400.0, False)]
    assert [e["loc"] for e in null_period.json()["errors"]] == [["body", "revenue_period"]]
    assert [e["loc"] for e in unknown_period.json()["errors"]] == [["body", "revenue_period"]]


def test_a_new_metric_takes_its_revenue_period(world: dict[str, Any]) -> None:
    editor: Api = world["api"]["editor"]
    pid = new_pilot(editor)["id"]

    created = editor.ok(
        "POST",
        f"/pilots/{pid}/metrics",
        {"name": "Revenue", "is_revenue": True, "revenue_period": "month"},
    )

    assert (created["revenue_period"], created["criteria_changes"]) == ("month", [])


def test_after_the_start_the_revenue_metric_s_period_is_a_criterion(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    pid = running_pilot(world, clock)
    revenue = metrics_of(editor, pid)["Revenue"]

    refused = patch(editor, pid, revenue["id"], {"revenue_period": "month"})
    changed = editor.ok(
        "PATCH",
        f"/pilots/{pid}/metrics/{revenue['id']}",
        {"revenue_period": "month", "change_reason": WHY},
    )

    assert (refused.status_code, refused.json()["type"]) == (409, LOCKED)
    assert "the revenue period of “Revenue”" in refused.json()["detail"]
    assert [(c["field"], c["before"], c["after"]) for c in changed["criteria_changes"]] == [
        ("revenue_period", "year", "month")
    ]
    assert editor.get(f"/pilots/{pid}").json()["criteria_changed"] is True


# --- export and restore ----------------------------------------------------------------------


def test_export_and_restore_keep_criteria_changes_period_and_flag(
    world: dict[str, Any], clock: FrozenClock, db: Session, client: TestClient
) -> None:
    editor: Api = world["api"]["editor"]
    admin: Api = world["api"]["admin"]
    pid = running_pilot(world, clock)
    new_pilot(editor, title="Untouched")
    metrics = metrics_of(editor, pid)
    editor.ok(
        "PATCH",
        f"/pilots/{pid}/metrics/{metrics['Revenue']['id']}",
        {"revenue_period": "quarter", "target": 140000, "change_reason": WHY},
    )
    before = {
        "metrics": sorted(
            editor.get(f"/pilots/{pid}/metrics").json()["items"], key=lambda m: m["name"]
        ),
        "flags": {p["title"]: p["criteria_changed"] for p in editor.get("/pilots").json()["items"]},
    }
    document = admin.get("/export").json()
    clock.advance(minutes=5)

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
    copy = Api(client, editor.caller, workspace)
    pilots = {p["title"]: p for p in copy.get("/pilots").json()["items"]}
    copied = sorted(
        copy.get(f"/pilots/{pilots[TITLE]['id']}/metrics").json()["items"],
        key=lambda m: m["name"],
    )

    assert {t: p["criteria_changed"] for t, p in pilots.items()} == before["flags"]
    assert before["flags"] == {TITLE: True, "Untouched": False}
    assert [(m["name"], m["revenue_period"], m["criteria_changes"]) for m in copied] == [
        (m["name"], m["revenue_period"], m["criteria_changes"]) for m in before["metrics"]
    ]
    assert [len(m["criteria_changes"]) for m in copied] == [0, 2]
    assert copied[1]["revenue_period"] == "quarter"
