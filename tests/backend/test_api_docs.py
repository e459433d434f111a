"""The API documents itself: every operation and field described, auth shown, `/docs` served."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.core.middleware import CONTENT_SECURITY_POLICY
from pilotboard.core.openapi import ACCESS_HEADING
from pilotboard.main import create_app
from pilotboard.workspaces.models import Role
from tests.backend.conftest import make_settings
from tests.backend.factories import (
    Api,
    Caller,
    add_member,
    browser_caller,
    make_user,
    make_workspace,
)

DOCUMENT: dict[str, Any] = create_app(
    make_settings("sqlite://", Path("/nonexistent")), check_migrations=False
).openapi()
METHODS = ("get", "post", "put", "patch", "delete")
OPERATIONS = [
    (method, path, operation)
    for path, item in DOCUMENT["paths"].items()
    for method, operation in item.items()
    if method in METHODS
]


def _schema_of(reference: dict[str, Any]) -> dict[str, Any]:
    name = reference["$ref"].rsplit("/", 1)[-1]
    schema: dict[str, Any] = DOCUMENT["components"]["schemas"][name]
    return schema


def test_every_operation_has_a_summary_and_a_description() -> None:
    undocumented = [
        f"{method.upper()} {path}"
        for method, path, operation in OPERATIONS
        if not operation.get("summary")
        or not operation.get("description", "").split(ACCESS_HEADING)[0].strip()
    ]

    assert undocumented == []


def test_every_operation_says_who_may_call_it() -> None:
    missing = [
        f"{method.upper()} {path}"
        for method, path, operation in OPERATIONS
        if ACCESS_HEADING not in operation["description"]
    ]

    assert missing == []


def test_every_schema_property_has_a_description() -> None:
    undescribed = [
        f"{name}.{field}"
        for name, schema in DOCUMENT["components"]["schemas"].items()
        for field, definition in (schema.get("properties") or {}).items()
        if not definition.get("description")
    ]

    assert undescribed == []


def test_every_parameter_has_a_description() -> None:
    undescribed = [
        f"{method.upper()} {path} {parameter['name']}"
        for method, path, operation in OPERATIONS
        for parameter in operation.get("parameters", [])
        if not parameter.get("description")
    ]

    assert undescribed == []


def test_every_json_request_body_has_an_example() -> None:
    without = []
    for method, path, operation in OPERATIONS:
        content = operation.get("requestBody", {}).get("content", {})
        if "application/json" not in content:
            continue
        schema = content["application/json"]["schema"]
        if "$ref" in schema:
            schema = _schema_of(schema)
        if "example" not in schema and "examples" not in schema:
            without.append(f"{method.upper()} {path}")

    assert without == []


def test_auth_schemes_are_documented_and_shown_per_operation() -> None:
    schemes = DOCUMENT["components"]["securitySchemes"]
    by_operation = {(method, path): operation["security"] for method, path, operation in OPERATIONS}
    either = [{"ApiToken": []}, {"BrowserSession": []}]
    either_unsafe = [{"ApiToken": []}, {"BrowserSession": [], "CsrfToken": []}]

    assert {name: scheme["type"] for name, scheme in schemes.items()} == {
        "ApiToken": "http",
        "BrowserSession": "apiKey",
        "CsrfToken": "apiKey",
    }
    assert (schemes["ApiToken"]["scheme"], schemes["CsrfToken"]["name"]) == (
        "bearer",
        "X-CSRF-Token",
    )
    assert by_operation[("post", "/api/v1/auth/login")] == []
    assert by_operation[("get", "/api/v1/health")] == []
    assert by_operation[("get", "/api/v1/workspaces/{workspace_id}/customers")] == either
    assert by_operation[("post", "/api/v1/workspaces/{workspace_id}/customers")] == either_unsafe
    assert by_operation[("post", "/api/v1/tokens")] == [{"BrowserSession": [], "CsrfToken": []}]
    assert all(isinstance(security, list) for security in by_operation.values())
    assert "## Authentication" in DOCUMENT["info"]["description"]


def test_the_import_report_and_the_export_are_documented() -> None:
    imports = DOCUMENT["paths"]["/api/v1/workspaces/{workspace_id}/imports/customers"]["post"]
    export = DOCUMENT["paths"]["/api/v1/workspaces/{workspace_id}/export"]["get"]

    assert list(imports["requestBody"]["content"]) == ["multipart/form-data"]
    assert imports["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ImportReport"
    }
    assert export["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ExportDocument"
    }
    assert "example" in DOCUMENT["components"]["schemas"]["ExportDocument"]


# --- nullable request fields -----------------------------------------------------------------


def _resolved(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = _schema_of(schema)
    return schema


def _nullable_fields(schema: dict[str, Any], at: tuple[str | int, ...] = ()) -> list[Any]:
    """The path of every property (nested ones too) whose schema admits `null`."""
    found: list[tuple[str | int, ...]] = []
    for name, definition in (_resolved(schema).get("properties") or {}).items():
        branches = definition.get("anyOf", [definition])
        if any(branch.get("type") == "null" for branch in branches):
            found.append((*at, name))
        for branch in (_resolved(b) for b in branches if b.get("type") != "null"):
            if "properties" in branch:
                found += _nullable_fields(branch, (*at, name))
            elif branch.get("type") == "array" and "items" in branch:
                found += _nullable_fields(branch["items"], (*at, name, 0))
    return found


NULLABLE_REQUEST_FIELDS = [
    (method, path, field)
    for method, path, operation in OPERATIONS
    if "application/json" in operation.get("requestBody", {}).get("content", {})
    for field in _nullable_fields(operation["requestBody"]["content"]["application/json"]["schema"])
]

WS = "/api/v1/workspaces/{workspace_id}"
PILOT = WS + "/pilots/{pilot_id}"
# A valid body for each operation with a required field; the others start from `{}`.
BASE_BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("post", "/api/v1/tokens"): {
        "name": "CI",
        "workspace_id": "{workspace_id}",
        "scopes": ["read"],
    },
    ("post", WS + "/customers"): {"name": "Nordwind"},
    ("post", WS + "/pilots"): {"title": "Second pilot", "target_outcome": "profitability"},
    ("post", WS + "/saved-views"): {"name": "Another view"},
    ("post", PILOT + "/decisions"): {"kind": "start", "rationale": "Worth a try."},
    ("post", PILOT + "/feedback-links"): {"contact_name": "Lena Hart"},
    ("post", PILOT + "/involvements"): {"department_id": "{other_department_id}"},
    ("post", PILOT + "/iterations"): {"started_on": "{today}"},
    ("post", PILOT + "/metrics"): {"name": "Minutes per order"},
    ("post", PILOT + "/metrics/{metric_id}/measurements"): {"value": 12, "measured_on": "{today}"},
    ("put", PILOT + "/scale-plan"): {
        "scope": "Every ward",
        "items": [{"department_id": "{department_id}"}],
    },
}


def _filled(value: Any, names: dict[str, str]) -> Any:
    if isinstance(value, dict):
        return {key: _filled(item, names) for key, item in value.items()}
    if isinstance(value, list):
        return [_filled(item, names) for item in value]
    return value.format(**names) if isinstance(value, str) else value


def _with_null(body: dict[str, Any], field: tuple[str | int, ...]) -> dict[str, Any]:
    inner: Any = body
    for part in field[:-1]:
        inner = inner[part] if isinstance(part, int) else inner.setdefault(part, {})
    inner[field[-1]] = None
    return body


@pytest.fixture
def objects(
    db: Session, clock: FrozenClock, settings: Settings, client: TestClient
) -> tuple[Caller, dict[str, str]]:
    """An admin and one object of every kind a request body can be sent to."""
    now = clock.now()
    workspace = make_workspace(db, now=now)
    admin = make_user(db, now=now)
    add_member(db, workspace=workspace, user=admin, role=Role.admin, now=now)
    caller = browser_caller(db, user=admin, settings=settings, now=now)
    api = Api(client, caller, workspace)
    db.commit()
    names = {"workspace_id": str(workspace.id), "user_id": str(admin.id), "today": "2026-01-15"}
    names["customer_id"] = api.ok("POST", "/customers", {"name": "St. Agnes"})["id"]
    names["department_id"] = api.ok("POST", "/departments", {"name": "Wards"})["id"]
    names["other_department_id"] = api.ok("POST", "/departments", {"name": "Purchasing"})["id"]
    pilot = api.ok("POST", "/pilots", {"title": "VMI", "target_outcome": "business_process"})
    names["pilot_id"] = pilot["id"]
    records = f"/pilots/{pilot['id']}"
    for kind, body in (
        ("candidate", {"customer_id": names["customer_id"]}),
        ("involvement", {"department_id": names["department_id"]}),
        ("iteration", {"started_on": names["today"]}),
        ("metric", {"name": "Nurse minutes on supplies"}),
    ):
        names[f"{kind}_id"] = api.ok("POST", f"{records}/{kind}s", body)["id"]
    # The testbed customer chosen (feedback links need one).
    api.ok("PATCH", records, {"customer_id": names["customer_id"]})
    webhook = {"url": "https://93.184.215.14/hooks", "events": ["pilot.created"]}
    names["webhook_id"] = api.ok("POST", "/webhooks", webhook)["id"]
    names["view_id"] = api.ok("POST", "/saved-views", {"name": "Mine"})["id"]
    return caller, names


def test_the_nullable_request_fields_table_is_current() -> None:
    operations = {(method, path) for method, path, _ in OPERATIONS}

    assert sorted(set(BASE_BODIES) - operations) == []
    # The walk reaches top-level, nested and list-item fields alike.
    for known in (
        ("patch", WS + "/customers/{customer_id}", ("annual_revenue",)),
        ("patch", PILOT, ("sponsor_id",)),
        ("put", PILOT + "/scale-plan", ("items", 0, "due_on")),
        ("post", "/api/v1/tokens", ("expires_at",)),
    ):
        assert known in NULLABLE_REQUEST_FIELDS


@pytest.mark.parametrize(
    ("method", "path", "field"),
    NULLABLE_REQUEST_FIELDS,
    ids=[
        f"{m.upper()} {p.removeprefix(WS)} {'.'.join(map(str, f))}"
        for m, p, f in NULLABLE_REQUEST_FIELDS
    ],
)
def test_every_request_field_documented_as_nullable_accepts_null(
    objects: tuple[Caller, dict[str, str]],
    client: TestClient,
    method: str,
    path: str,
    field: tuple[str | int, ...],
) -> None:
    """A field the document marks nullable takes `null`; a field whose `null` the server
    refuses is documented without it (`core/fields.refuses_null`)."""
    caller, names = objects
    body = _with_null(_filled(BASE_BODIES.get((method, path), {}), names), field)
    client.cookies.update(caller.cookies)

    response = client.request(
        method.upper(), path.format(**names), json=body, headers=caller.headers
    )

    assert (response.status_code, field) == (201 if method == "post" else 200, field), response.text


# --- /docs -----------------------------------------------------------------------------------


@pytest.fixture
def built_docs(settings: Settings) -> Path:
    assets = settings.spa_dir / "api-docs"
    assets.mkdir(parents=True)
    (settings.spa_dir / "index.html").write_text("<!doctype html><div id=root></div>")
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "init.js"):
        (assets / name).write_text(f"/* {name} */")
    return assets


def test_docs_are_served_from_this_origin(client: TestClient, built_docs: Path) -> None:
    page = client.get("/docs")
    bundle = client.get("/api-docs/swagger-ui-bundle.js")

    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert page.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert "script-src 'self';" in CONTENT_SECURITY_POLICY
    for asset in ("swagger-ui.css", "swagger-ui-bundle.js", "init.js"):
        assert f'"/api-docs/{asset}"' in page.text
    assert "http" not in page.text.replace('href="/openapi.json"', "")
    assert "<script>" not in page.text  # no inline script: the CSP would block it
    assert (bundle.status_code, bundle.text) == (200, "/* swagger-ui-bundle.js */")


def test_docs_say_how_to_build_them_when_the_app_is_not_built(client: TestClient) -> None:
    page = client.get("/docs")

    assert page.status_code == 200
    assert "make build" in page.text
    assert 'href="/openapi.json"' in page.text
