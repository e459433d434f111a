"""Post-processing of the generated OpenAPI document.

Every error response is a problem document: FastAPI's default 422 schema is replaced, and every
4xx/5xx response is advertised as ``application/problem+json`` so generated clients get typed
errors and schemathesis can check conformance.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from pilotboard.core.errors import PROBLEM_MEDIA_TYPE, Problem

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
_HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}
_UNSAFE = {"post", "put", "patch", "delete"}

# The two ways in. Declared here, not by FastAPI's security dependencies: `access` reads the
# credentials itself (two dependencies fewer on every call).
API_TOKEN_SCHEME = {
    "type": "http",
    "scheme": "bearer",
    "description": "An API token (`pb_…`) created in Settings → API tokens.",
}
BROWSER_SESSION_SCHEME = {
    "type": "apiKey",
    "in": "cookie",
    "name": "pilotboard_session",
    "description": "The session cookie set by `POST /auth/login`; unsafe methods also need "
    "`X-CSRF-Token`.",
}
CSRF_SCHEME = {
    "type": "apiKey",
    "in": "header",
    "name": "X-CSRF-Token",
    "description": "The `csrf_token` returned by `POST /auth/login` (also in the "
    "`pilotboard_csrf` cookie). Browser sessions send it on every POST, PUT, PATCH and DELETE; "
    "API tokens do not need it.",
}

AUTH_GUIDE = """

## Authentication

- **API tokens** (`ApiToken`): `Authorization: Bearer pb_…`. Create one in the web app under
  Settings → API tokens, or with `POST /api/v1/tokens` from a signed-in browser session. A token
  reaches one workspace, with the `read` scope or `read` and `write`; its secret is shown once.
- **Browser sessions** (`BrowserSession` + `CsrfToken`): `POST /api/v1/auth/login` sets an
  HttpOnly session cookie and returns a `csrf_token`; every unsafe request of the session sends
  it as `X-CSRF-Token`.

No credentials: `401`. Credentials without the right (role, scope, CSRF): `403`. A workspace you
are not a member of, or that your token is not for: `404`, as if it did not exist. Each
operation's **Access** line says who may call it, and its security requirements which
credentials it takes.
"""

# What each access rule (see access.py) means, appended to the operation's description.
ACCESS_TEXT = {
    "public": "Anyone; no credentials needed.",
    "authenticated": "Any signed-in user or API token.",
    "browser": "A signed-in browser session; API tokens are refused (`403`).",
    "workspace:read": "Every member of the workspace, whatever the role; API tokens with the "
    "`read` scope.",
    "workspace:write": "Editors and admins of the workspace; API tokens need the `write` scope.",
    "workspace:decide": "Executives and admins of the workspace; API tokens need the `write` "
    "scope.",
    "workspace:comment": "Editors, executives and admins of the workspace (viewers read); API "
    "tokens need the `write` scope.",
    "workspace:admin": "Admins of the workspace; API tokens need the `write` scope.",
    "workspace:admin_browser": "Admins of the workspace, in a browser session; API tokens are "
    "refused (`403`).",
}
ACCESS_HEADING = "\n\n**Access:** "


def _security(rule: str | None, method: str) -> list[dict[str, list[str]]]:
    """The credentials an operation takes: none, a browser session (with the CSRF header on
    unsafe methods), or either that or an API token."""
    if rule in (None, "public"):
        return []
    browser: dict[str, list[str]] = {"BrowserSession": []}
    if method in _UNSAFE:
        browser["CsrfToken"] = []
    if rule in ("browser", "workspace:admin_browser"):
        return [browser]
    return [{"ApiToken": []}, browser]


def _document_access(rules: Mapping[tuple[str, str], str | None], schema: dict[str, Any]) -> None:
    schemes = schema["components"].setdefault("securitySchemes", {})
    schemes["ApiToken"] = API_TOKEN_SCHEME
    schemes["BrowserSession"] = BROWSER_SESSION_SCHEME
    schemes["CsrfToken"] = CSRF_SCHEME
    for path, path_item in schema.get("paths", {}).items():
        for method, operation in path_item.items():
            if method not in _HTTP_METHODS:
                continue
            rule = rules.get((path, method))
            operation["security"] = _security(rule, method)
            if rule in ACCESS_TEXT:
                description = operation.get("description", "").rstrip()
                operation["description"] = description + ACCESS_HEADING + ACCESS_TEXT[rule]


def _problem_content(example_detail: str, status: int) -> dict[str, Any]:
    return {
        PROBLEM_MEDIA_TYPE: {
            "schema": PROBLEM_REF,
            "example": {
                "type": "https://pilotboard.dev/problems/validation-error"
                if status == 422
                else "https://pilotboard.dev/problems/internal-error",
                "title": "Invalid request" if status == 422 else "Internal server error",
                "status": status,
                "detail": example_detail,
            },
        }
    }


def build_openapi(app: FastAPI, rules: Mapping[tuple[str, str], str | None]) -> dict[str, Any]:
    """The app's OpenAPI document, with each operation's access rule (``rules``, by path and
    lower-case method; see ``access.route_rules``) documented and its security set."""
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=(app.description or "").rstrip() + AUTH_GUIDE,
        routes=app.routes,
        tags=app.openapi_tags,
    )
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    problem_schema = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, definition in problem_schema.pop("$defs", {}).items():
        components[name] = definition
    components["Problem"] = problem_schema

    for path_item in schema.get("paths", {}).values():
        for method, operation in path_item.items():
            if method not in _HTTP_METHODS:
                continue
            responses: dict[str, Any] = operation.setdefault("responses", {})
            if "422" in responses or operation.get("parameters") or operation.get("requestBody"):
                responses["422"] = {
                    "description": "The request is invalid; `errors` names each field at fault.",
                    "content": _problem_content("1 field is invalid: query.limit", 422),
                }
            if operation.get("requestBody"):
                responses.setdefault(
                    "400",
                    {
                        "description": "The body could not be read (not UTF-8 or not parseable).",
                        "content": {PROBLEM_MEDIA_TYPE: {"schema": PROBLEM_REF}},
                    },
                )
            responses.setdefault(
                "500",
                {
                    "description": "An unexpected error; it is logged with the request id.",
                    "content": _problem_content("Something went wrong on our side.", 500),
                },
            )
            for code, response in responses.items():
                if code.isdigit() and int(code) >= 400:
                    content = response.get("content") or {}
                    if "application/json" in content:
                        content[PROBLEM_MEDIA_TYPE] = content.pop("application/json")
                    if not content:
                        content[PROBLEM_MEDIA_TYPE] = {"schema": PROBLEM_REF}
                    response["content"] = content
    _document_access(rules, schema)
    app.openapi_schema = schema
    return schema
