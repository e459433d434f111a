"""The method over HTTP: lifecycle, gates, health, concurrency, idempotency, paging."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection
from sqlmodel import Session, select

from pilotboard.activity.models import Activity
from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.customers.models import Customer
from pilotboard.departments.models import Department
from pilotboard.pilots.models import Pilot
from pilotboard.workspaces.models import Role
from tests.backend.factories import Api, add_member, browser_caller, make_user, make_workspace
from tests.backend.queries import count_queries


@pytest.fixture
def world(
    db: Session, clock: FrozenClock, settings: Settings, client: TestClient, app: FastAPI
) -> dict[str, Any]:
    # These stories span months of frozen-clock time; sessions must outlive them.
    settings = settings.model_copy(update={"session_idle_hours": 1e5, "session_max_days": 1e4})
    app.state.settings = settings
    now = clock.now()
    ws = make_workspace(db, now=now, name="Acme")
    people = {}
    for role in (Role.admin, Role.editor, Role.executive, Role.viewer):
        user = make_user(db, now=now, name=f"{role.value.title()} Person")
        add_member(db, workspace=ws, user=user, role=role, now=now)
        people[role.value] = user
    departments = [
        Department(workspace_id=ws.id, name=name, kpi=kpi, created_at=now, updated_at=now)
        for name, kpi in (
            ("Supply chain", "Picking cost"),
            ("Sales", "Order volume"),
            ("Finance", "DSO"),
        )
    ]
    customers = [
        Customer(
            workspace_id=ws.id,
            name="St. Agnes Hospital",
            segment="Healthcare",
            created_at=now,
            updated_at=now,
        ),
        Customer(
            workspace_id=ws.id,
            name="MegaCorp",
            is_premier_account=True,
            created_at=now,
            updated_at=now,
        ),
    ]
    db.add_all([*departments, *customers])
    db.commit()
    apis = {
        role: Api(client, browser_caller(db, user=user, settings=settings, now=now), ws)
        for role, user in people.items()
    }
    db.commit()
    return {
        "ws": ws,
        "people": people,
        "departments": departments,
        "customers": customers,
        "api": apis,
    }


def new_pilot(api: Api, **fields: Any) -> dict[str, Any]:
    body = {
        "title": "Vendor-managed inventory",
        "hypothesis": "Nurses save time.",
        "target_outcome": "business_process",
        **fields,
    }
    return api.ok("POST", "/pilots", body)  # type: ignore[no-any-return]


def ready_for_running(world: dict[str, Any], clock: FrozenClock) -> dict[str, Any]:
    editor: Api = world["api"]["editor"]
    pilot = new_pilot(editor, sponsor_id=str(world["people"]["executive"].id))
    pid = pilot["id"]
    clock.advance(minutes=1)
    editor.ok("POST", f"/pilots/{pid}/transitions", {"to_stage": "selecting"})
    customer = world["customers"][0]
    scores = {
        "low_stakes": 5,
        "ideal_conditions": 4,
        "eager_champion": 5,
        "learning_value": 4,
        "data_access": 4,
    }
    editor.ok(
        "POST", f"/pilots/{pid}/candidates", {"customer_id": str(customer.id), "scores": scores}
    )
    editor.ok("PATCH", f"/pilots/{pid}", {"customer_id": str(customer.id)})
    for department in world["departments"][:2]:
        editor.ok(
            "POST",
            f"/pilots/{pid}/involvements",
            {"department_id": str(department.id), "stake": "Its own win", "status": "engaged"},
        )
    editor.ok(
        "POST",
        f"/pilots/{pid}/metrics",
        {
            "name": "Minutes on supplies",
            "direction": "decrease",
            "kind": "customer_experienced",
            "baseline": 55,
            "target": 35,
        },
    )
    editor.ok(
        "POST",
        f"/pilots/{pid}/metrics",
        {
            "name": "Revenue",
            "kind": "internal",
            "is_revenue": True,
            "baseline": 100000,
            "target": 130000,
        },
    )
    return pilot


def test_choosing_the_customer_derives_the_risk(world: dict[str, Any], clock: FrozenClock) -> None:
    pilot = ready_for_running(world, clock)
    editor: Api = world["api"]["editor"]

    read = editor.get(f"/pilots/{pilot['id']}").json()

    # scores 5,4,5,4,4 → mean 4.4 → 85 → low risk
    assert read["customer_id"] == str(world["customers"][0].id)
    assert read["risk_level"] == "low"
    candidates = editor.get(f"/pilots/{pilot['id']}/candidates").json()["items"]
    assert [(c["total"], c["is_chosen"], c["is_premier_account"]) for c in candidates] == [
        (85.0, True, False)
    ]


def test_premier_candidate_is_high_risk_and_explicit_risk_needs_a_rationale(
    world: dict[str, Any],
) -> None:
    editor: Api = world["api"]["editor"]
    pid = new_pilot(editor)["id"]
    premier = world["customers"][1]
    editor.ok(
        "POST",
        f"/pilots/{pid}/candidates",
        {"customer_id": str(premier.id), "scores": {"low_stakes": 5}},
    )

    chosen = editor.ok("PATCH", f"/pilots/{pid}", {"customer_id": str(premier.id)})
    refused = editor.send("PATCH", f"/pilots/{pid}", {"risk_level": "low"})
    overridden = editor.ok(
        "PATCH", f"/pilots/{pid}", {"risk_level": "medium", "risk_rationale": "They asked for it."}
    )

    assert chosen["risk_level"] == "high"
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["loc"] == ["body", "risk_rationale"]
    assert (overridden["risk_level"], overridden["risk_rationale"]) == (
        "medium",
        "They asked for it.",
    )


def test_customer_must_be_a_candidate(world: dict[str, Any]) -> None:
    editor: Api = world["api"]["editor"]
    pid = new_pilot(editor)["id"]

    response = editor.send(
        "PATCH", f"/pilots/{pid}", {"customer_id": str(world["customers"][0].id)}
    )

    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "customer_id"]


def test_gate_failure_lists_every_unmet_criterion_and_changes_nothing(
    world: dict[str, Any], db: Session
) -> None:
    editor: Api = world["api"]["editor"]
    pid = new_pilot(editor, hypothesis="")["id"]
    editor.ok("POST", f"/pilots/{pid}/transitions", {"to_stage": "selecting"})

    response = editor.send("POST", f"/pilots/{pid}/transitions", {"to_stage": "running"})

    assert response.status_code == 409
    assert response.json()["type"] == "https://pilotboard.dev/problems/gate-not-met"
    assert [u["code"] for u in response.json()["unmet"]] == [
        "customer_chosen",
        "hypothesis",
        "engaged_departments",
        "customer_metric",
        "sponsor",
        "start_decision",
    ]
    assert editor.get(f"/pilots/{pid}").json()["stage"] == "selecting"
    gate = editor.get(f"/pilots/{pid}/gate", to="running").json()
    assert (gate["allowed"], gate["met"], len(gate["criteria"])) == (True, False, 6)


def test_skipping_a_stage_is_refused(world: dict[str, Any]) -> None:
    editor: Api = world["api"]["editor"]
    pid = new_pilot(editor)["id"]

    response = editor.send("POST", f"/pilots/{pid}/transitions", {"to_stage": "running"})

    assert response.status_code == 409
    assert response.json()["unmet"][0]["code"] == "lifecycle"


def test_lifecycle_from_proposed_to_adopted(
    world: dict[str, Any], clock: FrozenClock, db: Session
) -> None:
    editor: Api = world["api"]["editor"]
    executive: Api = world["api"]["executive"]
    pilot = ready_for_running(world, clock)
    pid = pilot["id"]

    assert editor.send("POST", f"/pilots/{pid}/transitions", {"to_stage": "running"}).json()[
        "unmet"
    ] == [{"code": "start_decision", "message": "An executive recorded a `start` decision."}]
    assert (
        editor.send(
            "POST", f"/pilots/{pid}/decisions", {"kind": "start", "rationale": "Go"}
        ).status_code
        == 403
    )
    executive.ok("POST", f"/pilots/{pid}/decisions", {"kind": "start", "rationale": "Go"})
    clock.advance(days=1)
    running = editor.ok("POST", f"/pilots/{pid}/transitions", {"to_stage": "running"})
    assert (running["stage"], running["health"]) == ("running", "on_track")

    metrics = editor.get(f"/pilots/{pid}/metrics").json()["items"]
    for number, (minutes, revenue) in enumerate(((45, 115000), (34, 135000)), start=1):
        clock.advance(days=30)  # two 30-day spells: the 60 days of running the review asks for
        iteration = editor.ok(
            "POST",
            f"/pilots/{pid}/iterations",
            {
                "started_on": str(clock.today() - timedelta(days=19)),
                "ended_on": str(clock.today()),
                "changes": f"Change {number}",
                "change_order": number,
            },
        )
        assert iteration["number"] == number
        values = {"Minutes on supplies": minutes, "Revenue": revenue}
        for metric in metrics:
            value = values[metric["name"]]
            editor.ok(
                "POST",
                f"/pilots/{pid}/metrics/{metric['id']}/measurements",
                {
                    "value": value,
                    "measured_on": str(clock.today()),
                    "iteration_id": iteration["id"],
                },
            )
    metrics = editor.get(f"/pilots/{pid}/metrics").json()["items"]
    assert sorted((m["name"], m["latest_value"], m["lift"], m["progress"]) for m in metrics) == [
        ("Minutes on supplies", 34.0, 0.381818, 1.05),
        ("Revenue", 135000.0, 0.35, 1.166667),
    ]

    review = editor.ok("POST", f"/pilots/{pid}/transitions", {"to_stage": "scale_review"})
    assert review["stage"] == "scale_review"
    assert [
        u["code"]
        for u in editor.send("POST", f"/pilots/{pid}/transitions", {"to_stage": "scaling"}).json()[
            "unmet"
        ]
    ] == ["scale_decision", "scale_plan"]
    executive.ok("POST", f"/pilots/{pid}/decisions", {"kind": "scale", "rationale": "Lift proven"})
    assert (
        editor.get(f"/pilots/{pid}").json()["stage"] == "scale_review"
    )  # a decision moves nothing
    items = [
        {"department_id": str(d.id), "planning_change": "Plan per ward", "status": "in_progress"}
        for d in world["departments"][:2]
    ]
    editor.ok("PUT", f"/pilots/{pid}/scale-plan", {"scope": "All hospitals", "items": items})
    assert (
        editor.ok("POST", f"/pilots/{pid}/transitions", {"to_stage": "scaling"})["stage"]
        == "scaling"
    )

    assert [
        u["code"]
        for u in editor.send("POST", f"/pilots/{pid}/transitions", {"to_stage": "adopted"}).json()[
            "unmet"
        ]
    ] == ["scale_plan_done"]
    editor.ok(
        "PUT",
        f"/pilots/{pid}/scale-plan",
        {"scope": "All hospitals", "items": [{**i, "status": "done"} for i in items]},
    )
    adopted = editor.ok("POST", f"/pilots/{pid}/transitions", {"to_stage": "adopted"})
    assert (adopted["stage"], adopted["health"]) == ("adopted", "on_track")

    history = editor.get(f"/pilots/{pid}/transitions").json()["items"]
    assert [h["to_stage"] for h in history] == [
        "proposed",
        "selecting",
        "running",
        "scale_review",
        "scaling",
        "adopted",
    ]
    logged = db.exec(
        select(Activity.action).where(
            Activity.pilot_id == uuid.UUID(pid), Activity.action == "pilot.stage_changed"
        )
    ).all()
    assert len(logged) == 5


def test_back_to_running_needs_continue_or_pivot(world: dict[str, Any], clock: FrozenClock) -> None:
    editor: Api = world["api"]["editor"]
    executive: Api = world["api"]["executive"]
    pid = ready_for_running(world, clock)["id"]
    executive.ok("POST", f"/pilots/{pid}/decisions", {"kind": "start", "rationale": "Go"})
    editor.ok("POST", f"/pilots/{pid}/transitions", {"to_stage": "running"})
    clock.advance(days=60)  # the running time and iteration lengths the review asks for
    metrics = editor.get(f"/pilots/{pid}/metrics").json()["items"]
    for days_ago in (40, 20):
        editor.ok(
            "POST",
            f"/pilots/{pid}/iterations",
            {"started_on": str(clock.today() - timedelta(days=days_ago))},
        )
    for metric in metrics:
        editor.ok(
            "POST",
            f"/pilots/{pid}/metrics/{metric['id']}/measurements",
            {"value": 1, "measured_on": str(clock.today())},
        )
    editor.ok("POST", f"/pilots/{pid}/transitions", {"to_stage": "scale_review"})

    refused = editor.send("POST", f"/pilots/{pid}/transitions", {"to_stage": "running"})
    executive.ok(
        "POST", f"/pilots/{pid}/decisions", {"kind": "pivot", "rationale": "Try another ward"}
    )
    back = editor.send("POST", f"/pilots/{pid}/transitions", {"to_stage": "running"})

    assert refused.json()["unmet"][0]["code"] == "continue_or_pivot_decision"
    assert back.status_code == 200


def test_pause_resume_and_stop(world: dict[str, Any]) -> None:
    editor: Api = world["api"]["editor"]
    pid = new_pilot(editor)["id"]
    editor.ok("POST", f"/pilots/{pid}/transitions", {"to_stage": "selecting"})

    no_reason = editor.send("POST", f"/pilots/{pid}/transitions", {"to_stage": "paused"})
    paused = editor.ok(
        "POST",
        f"/pilots/{pid}/transitions",
        {"to_stage": "paused", "reason": "Customer reorganising"},
    )
    wrong_return = editor.send("POST", f"/pilots/{pid}/transitions", {"to_stage": "running"})
    resumed = editor.ok("POST", f"/pilots/{pid}/transitions", {"to_stage": "selecting"})
    no_lessons = editor.send(
        "POST", f"/pilots/{pid}/transitions", {"to_stage": "stopped", "reason": "Budget cut"}
    )
    stopped = editor.ok(
        "POST",
        f"/pilots/{pid}/transitions",
        {"to_stage": "stopped", "reason": "Budget cut", "lessons_learned": "Secure budget first"},
    )

    assert no_reason.status_code == 422
    assert no_reason.json()["errors"] == [
        {"loc": ["body", "reason"], "msg": "Say why the pilot is paused."}
    ]
    assert (paused["stage"], paused["paused_from"]) == ("paused", "selecting")
    assert wrong_return.status_code == 409
    assert resumed["stage"] == "selecting"
    assert no_lessons.json()["errors"][0]["loc"] == ["body", "lessons_learned"]
    assert stopped["stage"] == "stopped"


def test_two_clients_with_the_same_etag_one_wins_one_gets_412(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    admin: Api = world["api"]["admin"]
    pid = new_pilot(editor)["id"]
    etag = editor.get(f"/pilots/{pid}").headers["etag"]
    clock.advance(seconds=5)

    first = editor.send(
        "PATCH", f"/pilots/{pid}", {"title": "Editor's title"}, **{"If-Match": etag}
    )
    second = admin.send(
        "PATCH", f"/pilots/{pid}", {"hypothesis": "Admin's hypothesis"}, **{"If-Match": etag}
    )

    assert first.status_code == 200
    assert second.status_code == 412
    assert second.json()["current"]["title"] == "Editor's title"
    read = editor.get(f"/pilots/{pid}").json()
    assert (read["title"], read["hypothesis"]) == ("Editor's title", "Nurses save time.")


def test_idempotent_post_retried_three_times_creates_one(
    world: dict[str, Any], db: Session
) -> None:
    editor: Api = world["api"]["editor"]
    body = {"title": "Retry me", "target_outcome": "profitability"}

    responses = [
        editor.send("POST", "/pilots", body, **{"Idempotency-Key": "k-123"}) for _ in range(3)
    ]
    other = editor.send(
        "POST", "/pilots", {**body, "title": "Else"}, **{"Idempotency-Key": "k-123"}
    )

    assert [r.status_code for r in responses] == [201, 201, 201]
    assert len({r.json()["id"] for r in responses}) == 1
    assert responses[2].headers["idempotent-replayed"] == "true"
    assert other.status_code == 422
    assert len(db.exec(select(Pilot).where(Pilot.title == "Retry me")).all()) == 1


def test_paging_through_250_pilots_while_others_are_inserted(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    ws = world["ws"]
    owner = world["people"]["editor"]

    def insert(count: int, prefix: str) -> None:
        for i in range(count):
            clock.advance(seconds=1)
            db.add(
                Pilot(
                    workspace_id=ws.id,
                    title=f"{prefix} {i:03d}",
                    target_outcome="profitability",
                    owner_id=owner.id,
                    stage_entered_at=clock.now(),
                    created_at=clock.now(),
                    updated_at=clock.now(),
                )
            )
        db.commit()

    insert(250, "Original")
    editor: Api = world["api"]["editor"]
    seen: list[str] = []
    cursor = None
    while True:
        page = editor.get(
            "/pilots", limit=40, sort="created_at", **({"cursor": cursor} if cursor else {})
        ).json()
        seen += [p["title"] for p in page["items"]]
        insert(3, f"Inserted after page {len(seen)}")
        cursor = page["next_cursor"]
        if cursor is None:
            break

    originals = [t for t in seen if t.startswith("Original")]
    assert len(originals) == 250
    assert len(set(originals)) == 250
    assert len(seen) == len(set(seen))


def test_health_filter_and_as_of(world: dict[str, Any], clock: FrozenClock) -> None:
    editor: Api = world["api"]["editor"]
    fresh = new_pilot(editor, title="Fresh")["id"]
    assert editor.get("/pilots", health="at_risk").json()["items"] == []

    in_61_days = str(clock.today() + timedelta(days=61))
    at_risk = editor.get("/pilots", health="at_risk", as_of=in_61_days).json()["items"]
    read = editor.get(f"/pilots/{fresh}", as_of=in_61_days).json()

    assert [p["title"] for p in at_risk] == ["Fresh"]
    assert read["health_reasons"][0]["code"] == "stuck_in_selection"
    assert read["days_in_stage"] == 61
    clock.advance(days=61)
    assert [p["title"] for p in editor.get("/pilots", health="at_risk").json()["items"]] == [
        "Fresh"
    ]


def test_filters_and_text_search(world: dict[str, Any]) -> None:
    editor: Api = world["api"]["editor"]
    a = new_pilot(editor, title="Picking robots")["id"]
    new_pilot(editor, title="Invoice portal", hypothesis="Fewer disputes")
    editor.ok(
        "POST", f"/pilots/{a}/involvements", {"department_id": str(world["departments"][0].id)}
    )

    assert [p["title"] for p in editor.get("/pilots", q="ROBOT").json()["items"]] == [
        "Picking robots"
    ]
    assert [p["title"] for p in editor.get("/pilots", q="disputes").json()["items"]] == [
        "Invoice portal"
    ]
    assert [
        p["title"]
        for p in editor.get("/pilots", department_id=str(world["departments"][0].id)).json()[
            "items"
        ]
    ] == ["Picking robots"]
    assert [p["title"] for p in editor.get("/pilots", sort="title").json()["items"]] == [
        "Invoice portal",
        "Picking robots",
    ]


def test_engagement_filter_with_and_without_a_department(world: dict[str, Any]) -> None:
    """`engagement` keeps pilots with a department at that status; with `department_id`, that
    department at that status (one involvement answers both)."""
    editor: Api = world["api"]["editor"]
    first, second = (str(d.id) for d in world["departments"][:2])
    a = new_pilot(editor, title="A")["id"]
    b = new_pilot(editor, title="B")["id"]
    new_pilot(editor, title="C")
    editor.ok("POST", f"/pilots/{a}/involvements", {"department_id": first, "status": "declined"})
    editor.ok("POST", f"/pilots/{a}/involvements", {"department_id": second})
    editor.ok("POST", f"/pilots/{b}/involvements", {"department_id": second, "status": "declined"})

    def titles(**query: str) -> list[str]:
        return [p["title"] for p in editor.get("/pilots", sort="title", **query).json()["items"]]

    assert titles(engagement="declined") == ["A", "B"]
    assert titles(engagement="invited") == ["A"]
    assert titles(engagement="declined", department_id=first) == ["A"]
    assert titles(engagement="declined", department_id=second) == ["B"]
    assert titles(engagement="champion") == []
    response = editor.get("/pilots", engagement="keen")
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["query", "engagement"]


def test_read_only_and_unknown_fields_are_refused(world: dict[str, Any]) -> None:
    editor: Api = world["api"]["editor"]
    pid = new_pilot(editor)["id"]

    response = editor.send(
        "PATCH", f"/pilots/{pid}", {"stage": "running", "health": "on_track", "colour": "red"}
    )

    assert response.status_code == 422
    assert sorted(e["loc"][-1] for e in response.json()["errors"]) == ["colour", "health", "stage"]


def test_date_order_is_validated(world: dict[str, Any]) -> None:
    editor: Api = world["api"]["editor"]
    pid = new_pilot(editor)["id"]

    response = editor.send(
        "POST", f"/pilots/{pid}/iterations", {"started_on": "2026-02-10", "ended_on": "2026-02-01"}
    )

    assert response.status_code == 422


def test_viewer_and_other_workspaces(
    world: dict[str, Any], db: Session, clock: FrozenClock, settings: Settings, client: TestClient
) -> None:
    editor: Api = world["api"]["editor"]
    pid = new_pilot(editor)["id"]
    viewer: Api = world["api"]["viewer"]
    outsider_ws = make_workspace(db, now=clock.now())
    outsider = make_user(db, now=clock.now())
    add_member(db, workspace=outsider_ws, user=outsider, role=Role.admin, now=clock.now())
    stranger = Api(
        client, browser_caller(db, user=outsider, settings=settings, now=clock.now()), world["ws"]
    )
    db.commit()

    assert viewer.get(f"/pilots/{pid}").status_code == 200
    assert viewer.send("PATCH", f"/pilots/{pid}", {"title": "x"}).status_code == 403
    assert stranger.get(f"/pilots/{pid}").status_code == 404


def test_lists_run_a_constant_number_of_queries(
    world: dict[str, Any], connection: Connection, clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    pids = [ready_for_running(world, clock)["id"] for _ in range(3)]
    for pid in pids:
        for _ in range(3):
            editor.ok("POST", f"/pilots/{pid}/iterations", {"started_on": str(clock.today())})

    def queries(path: str, **params: Any) -> int:
        with count_queries(connection) as statements:
            assert editor.get(path, **params).status_code == 200
        return len(statements)

    # The list shows each pilot's departments and latest iteration date, read in batches.
    listed = editor.get("/pilots", limit=200).json()["items"]
    assert [([d["name"] for d in p["departments"]], p["last_iteration_on"]) for p in listed] == [
        (["Sales", "Supply chain"], str(clock.today()))
    ] * 3
    for path in (
        "/pilots",
        "/activity",
        *(
            f"/pilots/{pids[0]}/{child}"
            for child in (
                "candidates",
                "involvements",
                "iterations",
                "metrics",
                "decisions",
                "activity",
                "transitions",
            )
        ),
    ):
        assert queries(path, limit=1) == queries(path, limit=200), path
    assert queries("/pilots", limit=1, health="on_track") == queries(
        "/pilots", limit=200, health="on_track"
    )


def test_removing_the_sponsor_puts_a_running_pilot_at_risk(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    admin: Api = world["api"]["admin"]
    executive: Api = world["api"]["executive"]
    pid = ready_for_running(world, clock)["id"]
    executive.ok("POST", f"/pilots/{pid}/decisions", {"kind": "start", "rationale": "Go"})
    assert editor.ok("POST", f"/pilots/{pid}/transitions", {"to_stage": "running"})["health"] == (
        "on_track"
    )

    admin.ok("DELETE", f"/members/{world['people']['executive'].id}")

    read = editor.get(f"/pilots/{pid}").json()
    assert (read["health"], [r["code"] for r in read["health_reasons"]]) == (
        "at_risk",
        ["no_sponsor"],
    )
    stored = editor.get("/pilots", health="at_risk").json()["items"]
    assert [p["id"] for p in stored] == [pid]


def test_workspace_lists_run_a_constant_number_of_queries(
    world: dict[str, Any], connection: Connection, db: Session, clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    ws = world["ws"]
    for i in range(4):
        db.add(
            Department(
                workspace_id=ws.id,
                name=f"Extra {i}",
                created_at=clock.now(),
                updated_at=clock.now(),
            )
        )
        db.add(
            Customer(
                workspace_id=ws.id,
                name=f"Extra {i}",
                created_at=clock.now(),
                updated_at=clock.now(),
            )
        )
    db.commit()

    def queries(path: str, **params: Any) -> int:
        with count_queries(connection) as statements:
            assert editor.get(path, **params).status_code == 200
        return len(statements)

    for path in ("/departments", "/customers", "/members"):
        assert queries(path, limit=1) == queries(path, limit=200), path


def test_marking_the_chosen_customer_premier_updates_stored_health(
    world: dict[str, Any], clock: FrozenClock
) -> None:
    editor: Api = world["api"]["editor"]
    pid = ready_for_running(world, clock)["id"]
    customer = world["customers"][0]
    assert editor.get("/pilots", health="at_risk").json()["items"] == []

    editor.ok("PATCH", f"/customers/{customer.id}", {"is_premier_account": True})

    flagged = editor.get("/pilots", health="at_risk").json()["items"]
    assert [(p["id"], [r["code"] for r in p["health_reasons"]]) for p in flagged] == [
        (pid, ["premier_account"])
    ]


NUL_MESSAGE = "Text cannot contain the NUL character (U+0000)."


def test_a_nul_character_in_any_text_is_refused_naming_the_field(
    world: dict[str, Any], db: Session
) -> None:
    editor: Api = world["api"]["editor"]
    pilot = new_pilot(editor)

    created = editor.send(
        "POST", "/pilots", {"title": "a\u0000b", "target_outcome": "business_process"}
    )
    iteration = editor.send(
        "POST",
        f"/pilots/{pilot['id']}/iterations",
        {"started_on": "2026-01-05", "changes": "not\u0000fine", "learnings": "fine"},
    )
    department = editor.send("POST", "/departments", {"name": "Sales\u0000"})
    customer = editor.send(
        "POST", "/customers", {"name": "Nordwind", "notes": "\u0000 at the start"}
    )
    searched = editor.get("/pilots", q="a\u0000b")

    for response in (created, iteration, department, customer, searched):
        assert response.status_code == 422, response.text
        assert response.json()["type"] == "https://pilotboard.dev/problems/validation-error"
    assert created.json()["errors"] == [{"loc": ["body", "title"], "msg": NUL_MESSAGE}]
    assert iteration.json()["errors"] == [{"loc": ["body", "changes"], "msg": NUL_MESSAGE}]
    assert department.json()["errors"] == [{"loc": ["body", "name"], "msg": NUL_MESSAGE}]
    assert customer.json()["errors"] == [{"loc": ["body", "notes"], "msg": NUL_MESSAGE}]
    assert searched.json()["errors"] == [{"loc": ["query", "q"], "msg": NUL_MESSAGE}]
    db.expire_all()
    titles = db.exec(select(Pilot.title).where(Pilot.workspace_id == world["ws"].id)).all()
    assert titles == ["Vendor-managed inventory"]
