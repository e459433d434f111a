"""The API documents itself: every operation and field described, auth shown, `/docs` served."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from pilotboard.core.config import Settings
from pilotboard.core.middleware import CONTENT_SECURITY_POLICY
from pilotboard.core.openapi import ACCESS_HEADING
from pilotboard.main import create_app
from tests.backend.conftest import make_settings

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
