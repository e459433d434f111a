"""Post-processing of the generated OpenAPI document.

Every error response is a problem document: FastAPI's default 422 schema is replaced, and every
4xx/5xx response is advertised as ``application/problem+json`` so generated clients get typed
errors and schemathesis can check conformance.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from pilotboard.core.errors import PROBLEM_MEDIA_TYPE, Problem

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
_HTTP_METHODS = {"get", "put", "post", "delete", "patch", "head", "options"}


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


def build_openapi(app: FastAPI) -> dict[str, Any]:
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
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
    app.openapi_schema = schema
    return schema
