"""Workspace settings: defaults until edited, validated rubric and thresholds, admins only."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, select

from pilotboard.activity.models import Activity
from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.pilots.candidates.scoring import DEFAULT_RUBRIC
from pilotboard.pilots.settings import WORKSPACE_THRESHOLDS
from pilotboard.workspaces.events import ThresholdsChanged
from pilotboard.workspaces.models import Role, WorkspaceSettings
from pilotboard.workspaces.settings import service as settings_service
from tests.backend.factories import Caller, add_member, browser_caller, make_user, make_workspace

DEFAULTS = {
    "rubric": DEFAULT_RUBRIC,
    "thresholds": WORKSPACE_THRESHOLDS,
    "digest_weekday": "monday",
    "updated_at": None,
}
RUBRIC = [
    {"key": "low_stakes", "label": "Low stakes", "weight": 2.5},
    {"key": "data_access", "label": " Access to data ", "weight": 0},
]


def use(client: TestClient, caller: Caller) -> dict[str, str]:
    client.cookies.clear()
    for name, value in caller.cookies.items():
        client.cookies.set(name, value)
    return caller.headers


@pytest.fixture
def team(db: Session, clock: FrozenClock, settings: Settings) -> dict[str, Any]:
    now = clock.now()
    workspace = make_workspace(db, now=now, name="Acme")
    callers = {}
    for role in Role:
        user = make_user(db, now=now, name=role.value)
        add_member(db, workspace=workspace, user=user, role=role, now=now)
        callers[role.value] = browser_caller(db, user=user, settings=settings, now=now)
    db.commit()
    return {
        "workspace": workspace,
        "url": f"/api/v1/workspaces/{workspace.id}/settings",
        **callers,
    }


@pytest.fixture
def refreshes(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Records the health refreshes a settings change asks for, as the events it publishes
    (instead of running them)."""
    calls: list[dict[str, Any]] = []

    def record(session: Session, event: Any) -> None:
        assert isinstance(event, ThresholdsChanged)
        calls.append({"workspace_id": event.workspace_id, "now": event.now})

    monkeypatch.setattr(settings_service, "publish", record)
    return calls


def test_defaults_until_edited_and_reading_writes_nothing(
    client: TestClient, db: Session, team: dict[str, Any]
) -> None:
    headers = use(client, team["viewer"])

    response = client.get(team["url"], headers=headers)

    assert response.status_code == 200
    assert response.json() == DEFAULTS
    assert response.headers["etag"].startswith('"')
    assert db.exec(select(WorkspaceSettings)).all() == []


def test_admin_changes_some_thresholds_and_health_is_refreshed(
    client: TestClient,
    db: Session,
    clock: FrozenClock,
    team: dict[str, Any],
    refreshes: list[dict[str, Any]],
) -> None:
    headers = use(client, team["admin"])
    clock.advance(hours=2)

    response = client.patch(
        team["url"],
        json={"thresholds": {"no_iteration_days": 30, "min_engaged_departments": 3}},
        headers=headers,
    )

    assert response.status_code == 200
    expected = {
        "rubric": DEFAULT_RUBRIC,
        "thresholds": {
            **WORKSPACE_THRESHOLDS,
            "no_iteration_days": 30,
            "min_engaged_departments": 3,
        },
        "digest_weekday": "monday",
        "updated_at": "2026-01-15T11:00:00Z",
    }
    assert response.json() == expected
    read = client.get(team["url"], headers=headers)
    assert read.json() == expected
    assert read.headers["etag"] == response.headers["etag"]
    row = db.get(WorkspaceSettings, team["workspace"].id)
    assert row is not None
    assert row.thresholds == expected["thresholds"]
    assert refreshes == [{"workspace_id": team["workspace"].id, "now": clock.now()}]
    entry = db.exec(select(Activity).where(Activity.action == "settings.updated")).one()
    assert (entry.object_type, entry.object_id) == ("settings", team["workspace"].id)
    assert entry.summary == (
        "Settings changed: thresholds no_iteration_days, min_engaged_departments"
    )
    assert entry.before == {
        "rubric": DEFAULT_RUBRIC,
        "thresholds": WORKSPACE_THRESHOLDS,
        "digest_weekday": "monday",
    }
    assert entry.after == {
        "rubric": DEFAULT_RUBRIC,
        "thresholds": expected["thresholds"],
        "digest_weekday": "monday",
    }


def test_rubric_is_replaced_as_a_whole_and_thresholds_kept(
    client: TestClient, db: Session, team: dict[str, Any], refreshes: list[dict[str, Any]]
) -> None:
    headers = use(client, team["admin"])
    client.patch(team["url"], json={"thresholds": {"selection_days": 90}}, headers=headers)

    response = client.patch(team["url"], json={"rubric": RUBRIC}, headers=headers)

    assert response.status_code == 200
    assert response.json()["rubric"] == [
        {"key": "low_stakes", "label": "Low stakes", "weight": 2.5},
        {"key": "data_access", "label": "Access to data", "weight": 0.0},
    ]
    assert response.json()["thresholds"] == {**WORKSPACE_THRESHOLDS, "selection_days": 90}
    assert len(refreshes) == 2
    summaries = db.exec(select(Activity.summary).where(Activity.action == "settings.updated")).all()
    assert sorted(summaries) == [
        "Settings changed: rubric",
        "Settings changed: thresholds selection_days",
    ]


def test_a_patch_that_changes_nothing_writes_nothing(
    client: TestClient, db: Session, team: dict[str, Any], refreshes: list[dict[str, Any]]
) -> None:
    headers = use(client, team["admin"])

    empty = client.patch(team["url"], json={}, headers=headers)
    same = client.patch(
        team["url"], json={"thresholds": {"no_iteration_days": 45}}, headers=headers
    )

    assert empty.status_code == same.status_code == 200
    assert same.json() == DEFAULTS
    assert db.exec(select(WorkspaceSettings)).all() == []
    assert db.exec(select(Activity)).all() == []
    assert refreshes == []


def test_the_real_health_refresh_runs(client: TestClient, team: dict[str, Any]) -> None:
    headers = use(client, team["admin"])

    response = client.patch(
        team["url"], json={"thresholds": {"scale_decision_days": 14}}, headers=headers
    )

    assert response.status_code == 200
    assert response.json()["thresholds"]["scale_decision_days"] == 14


def _criteria(count: int) -> list[dict[str, Any]]:
    return [{"key": f"c{i}", "label": f"Criterion {i}", "weight": 1} for i in range(count)]


@pytest.mark.parametrize(
    ("payload", "loc"),
    [
        ({"rubric": []}, ["body", "rubric"]),
        ({"rubric": _criteria(13)}, ["body", "rubric"]),
        ({"rubric": None}, ["body", "rubric"]),
        ({"rubric": [{**_criteria(1)[0], "weight": 0}]}, ["body", "rubric"]),
        ({"rubric": _criteria(2) + _criteria(1)}, ["body", "rubric"]),
        ({"rubric": [{"key": "Bad-Key", "label": "x", "weight": 1}]}, ["body", "rubric", 0, "key"]),
        ({"rubric": [{"key": "a" * 41, "label": "x", "weight": 1}]}, ["body", "rubric", 0, "key"]),
        ({"rubric": [{"key": "a", "label": "  ", "weight": 1}]}, ["body", "rubric", 0, "label"]),
        (
            {"rubric": [{"key": "a", "label": "x" * 81, "weight": 1}]},
            ["body", "rubric", 0, "label"],
        ),
        ({"rubric": [{"key": "a", "label": "x", "weight": 10.5}]}, ["body", "rubric", 0, "weight"]),
        ({"rubric": [{"key": "a", "label": "x", "weight": -1}]}, ["body", "rubric", 0, "weight"]),
        ({"rubric": [{"key": "a", "label": "x", "weight": 1, "x": 1}]}, ["body", "rubric", 0, "x"]),
        ({"rubric": [{"key": "a", "label": "x"}]}, ["body", "rubric", 0, "weight"]),
        ({"thresholds": {"stall_days": 10}}, ["body", "thresholds", "stall_days"]),
        ({"thresholds": {"no_iteration_days": 0}}, ["body", "thresholds", "no_iteration_days"]),
        ({"thresholds": {"selection_days": 366}}, ["body", "thresholds", "selection_days"]),
        ({"thresholds": {"selection_days": 12.5}}, ["body", "thresholds", "selection_days"]),
        ({"thresholds": {"selection_days": None}}, ["body", "thresholds", "selection_days"]),
        (
            {"thresholds": {"min_engaged_departments": 11}},
            ["body", "thresholds", "min_engaged_departments"],
        ),
        (
            {"thresholds": {"measurement_gap_iterations": 0}},
            ["body", "thresholds", "measurement_gap_iterations"],
        ),
        ({"thresholds": {"check_in_days": 0}}, ["body", "thresholds", "check_in_days"]),
        ({"thresholds": {"check_in_days": 2.5}}, ["body", "thresholds", "check_in_days"]),
        (
            {"thresholds": {"department_silence_days": 3651}},
            ["body", "thresholds", "department_silence_days"],
        ),
        (
            {"thresholds": {"customer_voice_days": None}},
            ["body", "thresholds", "customer_voice_days"],
        ),
        (
            {"thresholds": {"customer_voice_days": "30"}},
            ["body", "thresholds", "customer_voice_days"],
        ),
        ({"thresholds": None}, ["body", "thresholds"]),
        ({"updated_at": "2026-01-01T00:00:00Z"}, ["body", "updated_at"]),
    ],
)
def test_invalid_settings_are_422_naming_the_field(
    client: TestClient, db: Session, team: dict[str, Any], payload: dict[str, Any], loc: list[Any]
) -> None:
    headers = use(client, team["admin"])

    response = client.patch(team["url"], json=payload, headers=headers)

    assert response.status_code == 422
    assert [e["loc"] for e in response.json()["errors"]] == [loc]
    assert db.exec(select(WorkspaceSettings)).all() == []


def test_the_rubric_error_messages(client: TestClient, team: dict[str, Any]) -> None:
    headers = use(client, team["admin"])

    duplicate = client.patch(
        team["url"], json={"rubric": _criteria(2) + _criteria(1)}, headers=headers
    )
    weightless = client.patch(
        team["url"], json={"rubric": [{**_criteria(1)[0], "weight": 0}]}, headers=headers
    )

    assert duplicate.json()["errors"][0]["msg"] == (
        "Value error, Criterion keys must be unique; repeated: c0."
    )
    assert weightless.json()["errors"][0]["msg"] == (
        "Value error, At least one criterion needs a weight above 0."
    )


@pytest.mark.parametrize("role", ["editor", "executive", "viewer"])
def test_only_admins_change_settings(
    client: TestClient, db: Session, team: dict[str, Any], role: str
) -> None:
    headers = use(client, team[role])

    read = client.get(team["url"], headers=headers)
    write = client.patch(
        team["url"], json={"thresholds": {"no_iteration_days": 10}}, headers=headers
    )

    assert read.status_code == 200
    assert write.status_code == 403
    assert write.json()["detail"] == "Only the workspace's admins can do this."
    assert db.exec(select(WorkspaceSettings)).all() == []


def test_stale_if_match_is_412_and_changes_nothing(
    client: TestClient, team: dict[str, Any], refreshes: list[dict[str, Any]]
) -> None:
    headers = use(client, team["admin"])
    etag = client.get(team["url"], headers=headers).headers["etag"]
    first = client.patch(
        team["url"],
        json={"thresholds": {"selection_days": 90}},
        headers={**headers, "If-Match": etag},
    )
    assert first.status_code == 200

    stale = client.patch(
        team["url"],
        json={"thresholds": {"selection_days": 10}},
        headers={**headers, "If-Match": etag},
    )

    assert stale.status_code == 412
    assert stale.json()["current"]["thresholds"]["selection_days"] == 90
    assert client.get(team["url"], headers=headers).json()["thresholds"]["selection_days"] == 90
    assert len(refreshes) == 1


def test_settings_of_another_workspace_are_404(
    client: TestClient, db: Session, clock: FrozenClock, team: dict[str, Any]
) -> None:
    other = make_workspace(db, now=clock.now(), name="Elsewhere")
    db.commit()
    headers = use(client, team["admin"])

    for workspace_id in (other.id, uuid.uuid4()):
        url = f"/api/v1/workspaces/{workspace_id}/settings"
        assert client.get(url, headers=headers).status_code == 404
        assert client.patch(url, json={}, headers=headers).status_code == 404
