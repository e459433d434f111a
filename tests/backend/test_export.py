"""Workspace export and restore: the document, the round trip, people, and the CLI."""

from __future__ import annotations

import copy
import json
import re
import uuid
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import Connection, create_engine, text
from sqlmodel import Session, col, select
from typer.testing import CliRunner

from pilotboard.cli import app as cli_app
from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings, get_settings
from pilotboard.core.errors import InvalidInput
from pilotboard.exports.schemas import ExportDocument
from pilotboard.exports.service import restore_workspace
from pilotboard.pilots.models import Pilot
from pilotboard.webhooks import net, signing
from pilotboard.webhooks.models import WebhookEndpoint
from pilotboard.workspaces.models import Membership, Role, Workspace
from tests.backend.conftest import TEST_SECRET, throwaway_database
from tests.backend.factories import Caller, add_member, browser_caller, make_user, make_workspace
from tests.backend.queries import count_queries

UUID_PATTERN = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class Api:
    """A caller in one workspace; every write moves the clock a second, so order is plain."""

    def __init__(
        self, client: TestClient, caller: Caller, workspace_id: uuid.UUID, clock: FrozenClock
    ) -> None:
        self.client, self.caller, self.clock = client, caller, clock
        self.base = f"/api/v1/workspaces/{workspace_id}"

    def at(self, workspace_id: uuid.UUID) -> Api:
        return Api(self.client, self.caller, workspace_id, self.clock)

    def send(self, method: str, path: str, body: Any = None) -> Any:
        if method != "GET":
            self.clock.advance(seconds=1)
        self.client.cookies.clear()
        for name, value in self.caller.cookies.items():
            self.client.cookies.set(name, value)
        return self.client.request(method, self.base + path, json=body, headers=self.caller.headers)

    def ok(self, method: str, path: str, body: Any = None) -> Any:
        response = self.send(method, path, body)
        assert response.status_code in (200, 201, 204), response.text
        return response.json() if response.content else None


RESOLVES_TO = {"crm.example.com": "93.184.215.14", "intranet.example.com": "10.20.0.5"}


@pytest.fixture(autouse=True)
def _resolver(monkeypatch: pytest.MonkeyPatch) -> None:
    """Restoring checks each webhook's host as the API does: names resolve from this table,
    never from the network."""
    monkeypatch.setattr(net, "system_resolver", lambda host, port: [RESOLVES_TO[host]])


@pytest.fixture
def world(
    db: Session, clock: FrozenClock, settings: Settings, client: TestClient, app: FastAPI
) -> dict[str, Any]:
    """A workspace using every part of the method, built through the API."""
    settings = settings.model_copy(update={"session_idle_hours": 1e5, "session_max_days": 1e4})
    app.state.settings = settings
    now = clock.now()
    ws = make_workspace(db, now=now, name="Field services")
    people = {}
    for role, email in (
        (Role.admin, "ada@example.com"),
        (Role.editor, "eddie@example.com"),
        (Role.executive, "erin@example.com"),
        (Role.viewer, "vic@example.com"),
    ):
        people[role.value] = make_user(db, now=now, email=email, name=email.split("@")[0].title())
        add_member(db, workspace=ws, user=people[role.value], role=role, now=now)
    db.commit()
    api = {
        role: Api(client, browser_caller(db, user=user, settings=settings, now=now), ws.id, clock)
        for role, user in people.items()
    }
    db.commit()
    admin, editor, executive = api["admin"], api["editor"], api["executive"]

    def later() -> None:
        clock.advance(hours=1)

    # No minimum running time or iteration length: the pilot reaches its scale review in hours.
    admin.ok(
        "PATCH",
        "/settings",
        {"thresholds": {"no_iteration_days": 30, "min_running_days": 0, "min_iteration_days": 0}},
    )
    supply = editor.ok("POST", "/departments", {"name": "Supply chain", "kpi": "Picking cost"})
    sales = editor.ok("POST", "/departments", {"name": "Sales", "lead_name": "Sam"})
    hospital = editor.ok(
        "POST",
        "/customers",
        {"name": "St. Agnes", "segment": "Health", "annual_revenue": 2e6, "external_id": "C-1"},
    )
    mega = editor.ok("POST", "/customers", {"name": "MegaCorp", "is_premier_account": True})
    later()
    pilot = editor.ok(
        "POST",
        "/pilots",
        {
            "title": "Vendor-managed inventory",
            "hypothesis": "Nurses save time.",
            "target_outcome": "business_process",
            "sponsor_id": str(people["executive"].id),
            "budget": 120000,
        },
    )
    pid = pilot["id"]
    for customer, score in ((hospital, 5), (mega, 2)):
        editor.ok(
            "POST",
            f"/pilots/{pid}/candidates",
            {"customer_id": customer["id"], "scores": {"low_stakes": score}, "notes": "x"},
        )
    editor.ok("POST", f"/pilots/{pid}/transitions", {"to_stage": "selecting"})
    editor.ok("PATCH", f"/pilots/{pid}", {"customer_id": hospital["id"]})
    for department in (supply, sales):
        editor.ok(
            "POST",
            f"/pilots/{pid}/involvements",
            {"department_id": department["id"], "stake": "Gets data", "status": "engaged"},
        )
    metric = editor.ok(
        "POST",
        f"/pilots/{pid}/metrics",
        {"name": "Minutes on supplies", "direction": "decrease", "baseline": 55, "target": 35},
    )
    executive.ok("POST", f"/pilots/{pid}/decisions", {"kind": "start", "rationale": "Go"})
    editor.ok("POST", f"/pilots/{pid}/transitions", {"to_stage": "running"})
    later()
    iterations = [
        editor.ok(
            "POST",
            f"/pilots/{pid}/iterations",
            {"started_on": str(clock.today()), "changes": f"Change {n}", "change_order": n},
        )
        for n in (1, 2)
    ]
    for value, iteration in ((41, iterations[0]), (33, iterations[1])):
        editor.ok(
            "POST",
            f"/pilots/{pid}/metrics/{metric['id']}/measurements",
            {"value": value, "measured_on": str(clock.today()), "iteration_id": iteration["id"]},
        )
    editor.ok("POST", f"/pilots/{pid}/transitions", {"to_stage": "scale_review"})
    executive.ok("POST", f"/pilots/{pid}/decisions", {"kind": "scale", "rationale": "Lift"})
    editor.ok(
        "PUT",
        f"/pilots/{pid}/scale-plan",
        {
            "scope": "All hospitals",
            "items": [
                {"department_id": sales["id"], "planning_change": "Plan per ward"},
                {"department_id": supply["id"], "compensation_change": "Bonus", "status": "done"},
            ],
        },
    )
    later()
    # A second pilot, paused, owned by someone who then leaves the workspace.
    other = editor.ok(
        "POST", "/pilots", {"title": "Remote diagnostics", "target_outcome": "profitability"}
    )
    editor.ok(
        "POST", f"/pilots/{other['id']}/transitions", {"to_stage": "paused", "reason": "Budget"}
    )
    admin.ok("PATCH", f"/pilots/{other['id']}", {"owner_id": str(people["viewer"].id)})
    admin.ok("DELETE", f"/members/{people['viewer'].id}")
    endpoint_id = uuid.uuid4()
    db.add(
        WebhookEndpoint(
            id=endpoint_id,
            workspace_id=ws.id,
            url="https://crm.example.com/hooks",
            description="CRM",
            events=["pilot.created", "decision.recorded"],
            enabled=True,
            secret_sealed=signing.seal(
                signing.new_secret(), app_secret=TEST_SECRET, endpoint_id=endpoint_id
            ),
            created_at=clock.now(),
            updated_at=clock.now(),
        )
    )
    db.commit()
    return {"ws": ws, "people": people, "api": api, "pilot": pid, "paused": other["id"]}


def export(api: Api) -> dict[str, Any]:
    response = api.send("GET", "/export")
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def normalized(document: dict[str, Any]) -> dict[str, Any]:
    """The document without what a restore regenerates, ids relabelled by first appearance."""
    document = copy.deepcopy(document)
    del document["exported_at"]
    for key in ("id", "created_at", "updated_at"):
        del document["workspace"][key]
    for webhook in document["webhooks"]:
        del webhook["enabled"]
    labels: dict[str, str] = {}

    def relabel(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: relabel(item) for key, item in value.items()}
        if isinstance(value, list):
            return [relabel(item) for item in value]
        if isinstance(value, str) and UUID_PATTERN.match(value):
            return labels.setdefault(value, f"id-{len(labels)}")
        return value

    return relabel(document)  # type: ignore[no-any-return]


# --- the document ----------------------------------------------------------------------------


def test_the_export_holds_the_whole_workspace(world: dict[str, Any], clock: FrozenClock) -> None:
    response = world["api"]["admin"].send("GET", "/export")

    assert response.status_code == 200
    assert response.headers["content-disposition"] == (
        f'attachment; filename="pilotboard-field-services-{clock.today()}.json"'
    )
    document = response.json()
    ExportDocument.model_validate(document)
    assert (document["format"], document["version"], document["exported_at"]) == (
        "pilotboard-export",
        1,
        clock.now().isoformat().replace("+00:00", "Z"),
    )
    assert [(m["email"], m["role"]) for m in document["members"]] == [
        ("ada@example.com", "admin"),
        ("eddie@example.com", "editor"),
        ("erin@example.com", "executive"),
    ]
    assert [p["email"] for p in document["people"]] == ["vic@example.com"]
    assert [d["name"] for d in document["departments"]] == ["Supply chain", "Sales"]
    assert [c["name"] for c in document["customers"]] == ["St. Agnes", "MegaCorp"]
    assert document["settings"]["thresholds"]["no_iteration_days"] == 30
    assert document["settings"]["thresholds"]["min_running_days"] == 0
    running, paused = document["pilots"]
    assert (running["stage"], paused["stage"], paused["paused_from"]) == (
        "scale_review",
        "paused",
        "proposed",
    )
    assert [t["to_stage"] for t in running["transitions"]] == [
        "proposed",
        "selecting",
        "running",
        "scale_review",
    ]
    assert (
        len(running["candidates"]),
        len(running["involvements"]),
        [i["number"] for i in running["iterations"]],
        [x["value"] for x in running["metrics"][0]["measurements"]],
        [d["kind"] for d in running["decisions"]],
        [i["status"] for i in running["scale_plan"]["items"]],
    ) == (2, 2, [1, 2], [41.0, 33.0], ["start", "scale"], ["planned", "done"])
    assert (
        running["metrics"][0]["measurements"][1]["iteration_id"] == (running["iterations"][1]["id"])
    )
    assert [(w["url"], w["enabled"], w["events"]) for w in document["webhooks"]] == [
        ("https://crm.example.com/hooks", True, ["pilot.created", "decision.recorded"])
    ]
    assert "secret" not in json.dumps(document["webhooks"])
    assert "secret_sealed" not in response.text
    assert [a["action"] for a in document["activity"]][:3] == [
        "settings.updated",
        "department.created",
        "department.created",
    ]


def test_the_export_takes_a_fixed_number_of_queries(
    world: dict[str, Any], connection: Connection, clock: FrozenClock
) -> None:
    admin: Api = world["api"]["admin"]
    with count_queries(connection) as before:
        export(admin)
    editor: Api = world["api"]["editor"]
    for n in range(3):
        pilot = editor.ok("POST", "/pilots", {"title": f"P{n}", "target_outcome": "profitability"})
        editor.ok("POST", f"/pilots/{pilot['id']}/iterations", {"started_on": str(clock.today())})
        editor.ok("POST", "/departments", {"name": f"D{n}"})

    with count_queries(connection) as after:
        export(admin)

    assert len(after) == len(before)


def test_only_admins_export(world: dict[str, Any]) -> None:
    assert [
        world["api"][role].send("GET", "/export").status_code for role in ("editor", "executive")
    ] == [403, 403]


# --- restore ---------------------------------------------------------------------------------


def test_export_restore_export_gives_the_same_document(
    world: dict[str, Any], db: Session, clock: FrozenClock, client: TestClient
) -> None:
    first = export(world["api"]["admin"])
    clock.advance(minutes=5)

    restored = restore_workspace(
        db,
        document=ExportDocument.model_validate(first),
        name=None,
        admin_email=None,
        app_secret=TEST_SECRET,
        now=clock.now(),
    )
    db.commit()

    admin = world["api"]["admin"].at(restored.workspace_id)
    second = export(admin)
    assert normalized(second) == normalized(first)
    assert second["workspace"]["id"] != first["workspace"]["id"]
    assert {p["id"] for p in second["pilots"]}.isdisjoint({p["id"] for p in first["pilots"]})
    assert [w["enabled"] for w in second["webhooks"]] == [False]
    assert (restored.name, restored.missing_people, restored.reassigned_pilots) == (
        "Field services",
        [],
        0,
    )
    assert restored.counts == {
        "departments": 2,
        "customers": 2,
        "pilots": 2,
        "iterations": 2,
        "measurements": 2,
        "decisions": 2,
        "comments": 0,
        "feedback links": 0,
        "feedback responses": 0,
        "check-ins": 0,
        "activity entries": len(first["activity"]),
        "webhooks": 1,
    }
    [(url, secret)] = restored.webhook_secrets
    endpoint = db.exec(
        select(WebhookEndpoint).where(WebhookEndpoint.workspace_id == restored.workspace_id)
    ).one()
    assert (url, endpoint.enabled) == ("https://crm.example.com/hooks", False)
    assert (
        signing.unseal(endpoint.secret_sealed, app_secret=TEST_SECRET, endpoint_id=endpoint.id)
        == secret
    )


def test_the_restored_pilots_keep_their_health_and_history(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    world["api"]["executive"].ok(
        "POST", f"/pilots/{world['pilot']}/decisions", {"kind": "continue", "rationale": "More"}
    )
    world["api"]["editor"].ok(
        "POST", f"/pilots/{world['pilot']}/transitions", {"to_stage": "running"}
    )
    document = export(world["api"]["admin"])
    restored = restore_workspace(
        db,
        document=ExportDocument.model_validate(document),
        name="Copy",
        admin_email=None,
        app_secret=TEST_SECRET,
        now=clock.now(),
    )
    db.commit()
    clock.advance(days=31)
    admin = world["api"]["admin"].at(restored.workspace_id)
    source = world["api"]["admin"]

    def pilots(api: Api) -> list[tuple[Any, ...]]:
        items = api.ok("GET", "/pilots?sort=title&as_of=" + str(clock.today()))["items"]
        return [
            (p["title"], p["stage"], p["health"], [r["code"] for r in p["health_reasons"]],
             p["days_in_stage"], p["risk_level"])
            for p in items
        ]  # fmt: skip

    # The workspace's 30-day threshold (not the default 45) came along with the settings.
    assert (
        pilots(admin)
        == pilots(source)
        == [
            ("Remote diagnostics", "paused", "on_track", [], 31, None),
            (
                "Vendor-managed inventory",
                "running",
                "stalled",
                ["no_recent_iteration", "ready_to_scale_not_proposed"],
                31,
                "low",
            ),
        ]
    )
    assert [a["summary"] for a in admin.ok("GET", "/activity?limit=200")["items"]] == [
        a["summary"] for a in source.ok("GET", "/activity?limit=200")["items"]
    ]
    workspace = db.get(Workspace, restored.workspace_id)
    assert workspace is not None
    assert workspace.name == "Copy"


def test_people_without_an_account_here(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    document = export(world["api"]["admin"])
    for person in (*document["members"], *document["people"]):
        if person["email"] != "erin@example.com":
            person["email"] = "gone-" + person["email"]
    newcomer = make_user(db, now=clock.now(), email="new.admin@example.com")
    db.commit()

    with pytest.raises(InvalidInput) as refused:
        restore_workspace(
            db,
            document=ExportDocument.model_validate(document),
            name=None,
            admin_email=None,
            app_secret=TEST_SECRET,
            now=clock.now(),
        )
    restored = restore_workspace(
        db,
        document=ExportDocument.model_validate(document),
        name=None,
        admin_email="New.Admin@example.com",
        app_secret=TEST_SECRET,
        now=clock.now(),
    )
    db.commit()

    assert refused.value.extra["errors"][0]["loc"] == ["admin"]
    assert restored.missing_people == [
        "gone-ada@example.com",
        "gone-eddie@example.com",
        "gone-vic@example.com",
    ]
    assert restored.reassigned_pilots == 2
    roles = dict(
        db.exec(
            select(Membership.user_id, Membership.role).where(
                Membership.workspace_id == restored.workspace_id
            )
        ).all()
    )
    assert roles == {world["people"]["executive"].id: "executive", newcomer.id: "admin"}
    pilots = db.exec(
        select(Pilot)
        .where(Pilot.workspace_id == restored.workspace_id)
        .order_by(col(Pilot.created_at))
    ).all()
    assert [(p.owner_id, p.sponsor_id) for p in pilots] == [
        (newcomer.id, world["people"]["executive"].id),
        (newcomer.id, None),
    ]


def test_broken_references_are_refused(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    document = export(world["api"]["admin"])
    document["pilots"][0]["involvements"][0]["department_id"] = str(uuid.uuid4())

    with pytest.raises(InvalidInput) as refused:
        restore_workspace(
            db,
            document=ExportDocument.model_validate(document),
            name=None,
            admin_email=None,
            app_secret=TEST_SECRET,
            now=clock.now(),
        )

    assert refused.value.extra["errors"] == [
        {"loc": ["pilots", 0, "involvements", 0, "department_id"], "msg": "Unknown department."}
    ]
    assert db.exec(select(Workspace).where(Workspace.name == "Field services")).all() == [
        world["ws"]
    ]


def test_documents_the_app_could_not_have_written_are_refused(world: dict[str, Any]) -> None:
    """Two revenue metrics on a pilot, or a value out of the API's range, never reach the
    database (the portfolio and its stored summary rely on both)."""
    document = export(world["api"]["admin"])
    pilot = next(p for p in document["pilots"] if p["metrics"])
    second = {**pilot["metrics"][0], "id": str(uuid.uuid4()), "measurements": []}
    pilot["metrics"].append(second)
    for metric in pilot["metrics"]:
        metric["is_revenue"] = True
    with pytest.raises(ValidationError, match="at most one revenue metric"):
        ExportDocument.model_validate(document)

    document = export(world["api"]["admin"])
    metric = next(m for p in document["pilots"] for m in p["metrics"] if m["measurements"])
    metric["measurements"][0]["value"] = 1e300
    with pytest.raises(ValidationError, match="less than or equal to 1000000000000000"):
        ExportDocument.model_validate(document)
    metric["measurements"][0]["value"] = 1.0
    metric["baseline"] = float("nan")
    with pytest.raises(ValidationError):
        ExportDocument.model_validate(document)


def _with_webhooks(document: dict[str, Any], *urls: str) -> dict[str, Any]:
    [kept] = document["webhooks"]
    document["webhooks"] = [kept] + [{**kept, "id": str(uuid.uuid4()), "url": u} for u in urls]
    return document


def test_webhook_urls_the_api_would_refuse_are_refused_naming_each(
    world: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    """A file from another server, or edited by hand, must not point this server's webhooks at
    its own network: the API's check, with the same `webhooks_allow_localhost`."""
    document = _with_webhooks(
        export(world["api"]["admin"]),
        "http://169.254.169.254/latest/meta-data",
        "http://127.0.0.1:9000/in",
        "https://intranet.example.com/hooks",
    )

    def restore(allow_localhost: bool) -> list[dict[str, Any]]:
        with pytest.raises(InvalidInput) as refused:
            restore_workspace(
                db,
                document=ExportDocument.model_validate(document),
                name=None,
                admin_email=None,
                app_secret=TEST_SECRET,
                now=clock.now(),
                webhooks_allow_localhost=allow_localhost,
            )
        assert refused.value.detail == (
            f"The file has {len(refused.value.extra['errors'])} webhook URL(s) this server "
            "refuses; it was not restored. Correct or remove them in the file."
        )
        errors: list[dict[str, Any]] = refused.value.extra["errors"]
        return errors

    metadata = {
        "loc": ["webhooks", 1, "url"],
        "msg": "169.254.169.254 is a cloud metadata address; webhooks only go to public servers.",
    }
    intranet = {
        "loc": ["webhooks", 3, "url"],
        "msg": "“intranet.example.com” resolves to 10.20.0.5: 10.20.0.5 is a private address; "
        "webhooks only go to public servers.",
    }
    assert restore(allow_localhost=False) == [
        metadata,
        {
            "loc": ["webhooks", 2, "url"],
            "msg": "127.0.0.1 is a loopback address; webhooks only go to public servers.",
        },
        intranet,
    ]
    assert restore(allow_localhost=True) == [metadata, intranet]
    assert db.exec(select(Workspace)).all() == [world["ws"]]
    assert len(db.exec(select(WebhookEndpoint)).all()) == 1


# --- the command line ------------------------------------------------------------------------


def test_pilotboard_import_restores_a_file_into_a_new_workspace(
    world: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = export(world["api"]["admin"])
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document))
    runner = CliRunner()
    monkeypatch.setenv("PILOTBOARD_ENV", "production")
    monkeypatch.setenv("PILOTBOARD_SECRET_KEY", TEST_SECRET)
    monkeypatch.setenv("PILOTBOARD_VAR_DIR", str(tmp_path / "var"))
    with throwaway_database(tmp_path, "cli_import") as url:
        monkeypatch.setenv("PILOTBOARD_DATABASE_URL", url)
        get_settings.cache_clear()
        try:
            assert runner.invoke(cli_app, ["migrate"]).exit_code == 0
            created = runner.invoke(
                cli_app,
                [
                    "create-user",
                    "--email",
                    "erin@example.com",
                    "--name",
                    "Erin",
                    "--password-stdin",
                ],
                input="a long enough password\n",
            )
            assert created.exit_code == 0, created.output
            refused = runner.invoke(cli_app, ["import", str(path)])
            done = runner.invoke(
                cli_app, ["import", str(path), "--name", "Restored", "--admin", "erin@example.com"]
            )
            broken = tmp_path / "broken.json"
            broken.write_text('{"format": "something-else"}')
            invalid = runner.invoke(cli_app, ["import", str(broken)])
        finally:
            get_settings.cache_clear()

    assert refused.exit_code == 2
    assert "None of the workspace's admins has an account here" in refused.output
    assert done.exit_code == 0, done.output
    lines = done.output.splitlines()
    assert lines[0].startswith("Restored “Restored” as workspace ")
    assert lines[1:4] == [
        "  2 departments, 2 customers, 2 pilots, 2 iterations, 2 measurements, 2 decisions, "
        "0 comments, 0 feedback links, 0 feedback responses, 0 check-ins, "
        f"{len(document['activity'])} activity entries, 1 webhooks",
        "  Members: erin@example.com (admin)",
        "  Without an account here (not restored as members; their references are empty): "
        "ada@example.com, eddie@example.com, vic@example.com",
    ]
    assert lines[4] == (
        "  2 pilot(s) whose owner has no account here now belong to the restoring admin."
    )
    assert lines[5].startswith(
        "  Webhook https://crm.example.com/hooks is disabled; its new signing secret (shown once): "
        "whsec_"
    )
    assert invalid.exit_code == 2
    assert "Refused: the file is not a Pilotboard export" in invalid.output


def test_pilotboard_import_refuses_nul_characters_naming_each_place(
    world: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An older version stored NUL on SQLite; PostgreSQL cannot hold it. The import says so
    plainly (no traceback) before it touches the database."""
    document = export(world["api"]["admin"])
    document["pilots"][0]["title"] = "Remote\u0000diagnostics"
    document["customers"][1]["notes"] = "\u0000"
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document))
    monkeypatch.setenv("PILOTBOARD_ENV", "production")
    monkeypatch.setenv("PILOTBOARD_SECRET_KEY", TEST_SECRET)
    monkeypatch.setenv("PILOTBOARD_DATABASE_URL", f"sqlite:///{tmp_path / 'never.db'}")
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(cli_app, ["import", str(path)])
    finally:
        get_settings.cache_clear()

    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "Refused: 2 text field(s) hold a NUL character (U+0000), which no field may hold (a "
        "database written by an older version may have stored it):",
        "  customers.1.notes",
        "  pilots.0.title",
    ]
    assert not (tmp_path / "never.db").exists()


def test_pilotboard_import_refuses_a_webhook_url_the_server_would_refuse(
    world: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = _with_webhooks(
        export(world["api"]["admin"]), "http://127.0.0.1:9000/in", "http://169.254.169.254/"
    )
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document))
    runner = CliRunner()
    monkeypatch.setenv("PILOTBOARD_ENV", "production")
    monkeypatch.setenv("PILOTBOARD_SECRET_KEY", TEST_SECRET)
    monkeypatch.setenv("PILOTBOARD_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("PILOTBOARD_WEBHOOKS_ALLOW_LOCALHOST", "true")
    with throwaway_database(tmp_path, "cli_import_webhooks") as url:
        monkeypatch.setenv("PILOTBOARD_DATABASE_URL", url)
        get_settings.cache_clear()
        try:
            assert runner.invoke(cli_app, ["migrate"]).exit_code == 0
            created = runner.invoke(
                cli_app,
                ["create-user", "--email", "ada@example.com", "--name", "Ada", "--password-stdin"],
                input="a long enough password\n",
            )
            assert created.exit_code == 0, created.output
            result = runner.invoke(cli_app, ["import", str(path)])
            engine = create_engine(url)
            with engine.connect() as connection:
                workspaces = connection.execute(text("SELECT count(*) FROM workspaces")).scalar()
            engine.dispose()
        finally:
            get_settings.cache_clear()

    assert result.exit_code == 2
    # 127.0.0.1 passes: this server allows local receivers (PILOTBOARD_WEBHOOKS_ALLOW_LOCALHOST).
    assert result.output.splitlines() == [
        "Refused: The file has 1 webhook URL(s) this server refuses; it was not restored. "
        "Correct or remove them in the file.",
        "  webhooks.2.url: 169.254.169.254 is a cloud metadata address; webhooks only go to "
        "public servers.",
    ]
    assert workspaces == 0
