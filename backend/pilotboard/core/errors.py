"""The typed error hierarchy and the one place that renders errors as RFC 9457 problem details."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import iter_route_contexts
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from starlette.exceptions import HTTPException as StarletteHTTPException

logger = logging.getLogger("pilotboard.errors")

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_BASE = "https://pilotboard.dev/problems/"


def problem_type(slug: str) -> str:
    return PROBLEM_BASE + slug


class ProblemError(Exception):
    """A domain error that the handler renders as a problem document."""

    status: int = 400
    slug: str = "bad-request"
    title: str = "Bad request"

    def __init__(
        self,
        detail: str,
        *,
        extra: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = dict(extra or {})
        self.headers = dict(headers or {})

    @property
    def type(self) -> str:
        return problem_type(self.slug)


class Unauthorized(ProblemError):
    status, slug, title = 401, "unauthorized", "Authentication required"


class Forbidden(ProblemError):
    status, slug, title = 403, "forbidden", "Not allowed"


class NotFound(ProblemError):
    status, slug, title = 404, "not-found", "Not found"


class Conflict(ProblemError):
    status, slug, title = 409, "conflict", "Conflict"


class GateNotMet(ProblemError):
    status, slug, title = 409, "gate-not-met", "Gate not met"

    def __init__(self, detail: str, *, unmet: Sequence[Mapping[str, str]]) -> None:
        super().__init__(detail, extra={"unmet": [dict(item) for item in unmet]})


class DecisionNotAllowed(ProblemError):
    """A decision of a kind the pilot's stage does not take; ``allowed`` lists those it does."""

    status, slug, title = 409, "decision-not-allowed", "Decision not allowed in this stage"

    def __init__(self, detail: str, *, allowed: Sequence[str]) -> None:
        super().__init__(detail, extra={"allowed": list(allowed)})


class DecisionFinal(ProblemError):
    status, slug, title = 409, "decision-final", "Decision is final"


class DecisionWithdrawn(ProblemError):
    status, slug, title = 409, "decision-withdrawn", "Decision already withdrawn"


class CriteriaLocked(ProblemError):
    """A success criterion of a started pilot changed (or a metric deleted) without a reason."""

    status, slug, title = 409, "criteria-locked", "Success criteria locked"


class NoCustomer(ProblemError):
    """Something that needs the pilot's testbed customer, asked of a pilot without one."""

    status, slug, title = 409, "no-customer", "No testbed customer chosen"


class PilotClosed(ProblemError):
    """A change a stopped pilot no longer takes."""

    status, slug, title = 409, "pilot-closed", "Pilot is stopped"


class NameTaken(ProblemError):
    """A name that must be unique (among a person's saved views) is already used."""

    status, slug, title = 409, "name-taken", "Name already taken"


class PreconditionFailed(ProblemError):
    status, slug, title = 412, "precondition-failed", "Precondition failed"


class InvalidInput(ProblemError):
    """A semantic validation failure found by a service (422), naming the fields at fault."""

    status, slug, title = 422, "validation-error", "Invalid request"

    def __init__(self, detail: str, *, errors: Sequence[tuple[Sequence[str | int], str]]) -> None:
        super().__init__(
            detail, extra={"errors": [{"loc": list(loc), "msg": msg} for loc, msg in errors]}
        )

    @classmethod
    def field(cls, loc: Sequence[str | int], msg: str) -> InvalidInput:
        return cls(f"{'.'.join(str(p) for p in loc)}: {msg}", errors=[(loc, msg)])


class TooManyRequests(ProblemError):
    status, slug, title = 429, "too-many-requests", "Too many requests"

    def __init__(self, detail: str, *, retry_after: int) -> None:
        super().__init__(detail, headers={"Retry-After": str(retry_after)})


class ServiceUnavailable(ProblemError):
    status, slug, title = 503, "service-unavailable", "Service unavailable"


class ValidationErrorItem(BaseModel):
    loc: list[str | int] = Field(
        description="Where the error is: `body`, `query`, `path` or `header`, then the field path."
    )
    msg: str = Field(description="What is wrong, in words a person understands.")


class RowErrorItem(BaseModel):
    """One invalid cell (or line) of an uploaded CSV file."""

    row: int = Field(
        description="The line number in the file where the record starts (header = 1)."
    )
    field: str | None = Field(
        description="The column at fault; `null` when the whole line is (e.g. a wrong cell count)."
    )
    message: str = Field(description="What is wrong, in words a person understands.")


class GateItem(BaseModel):
    code: str = Field(description="The gate criterion, e.g. `start_decision`.")
    message: str = Field(description="What the criterion asks for, in plain words.")


class Problem(BaseModel):
    """An RFC 9457 problem details document."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "example": {
                "type": problem_type("not-found"),
                "title": "Not found",
                "status": 404,
                "detail": "No pilot with this id in the workspace.",
            }
        },
    )

    type: str = Field(description="A URI identifying the kind of problem.")
    title: str = Field(description="A short summary of the kind of problem.")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field(description="What went wrong in this occurrence, in plain words.")
    errors: list[ValidationErrorItem | RowErrorItem] | None = Field(
        default=None,
        description="Validation errors: one per invalid field (`loc`, `msg`), or for a CSV "
        "import one per invalid cell (`row`, `field`, `message`).",
    )
    unmet: list[GateItem] | None = Field(
        default=None, description="Gate criteria that are not met (gate failures only)."
    )
    allowed: list[str] | None = Field(
        default=None,
        description="The decision kinds the pilot's stage allows (`decision-not-allowed` only).",
    )


def problem_response(
    *,
    status: int,
    type_: str,
    title: str,
    detail: str,
    extra: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {"type": type_, "title": title, "status": status, "detail": detail}
    body.update(extra or {})
    return JSONResponse(
        body, status_code=status, headers=dict(headers or {}), media_type=PROBLEM_MEDIA_TYPE
    )


def _loc_label(loc: Sequence[str | int]) -> str:
    return ".".join(str(part) for part in loc)


def _validation_errors(exc: RequestValidationError) -> list[dict[str, Any]]:
    items = []
    for error in exc.errors():
        loc = [part if isinstance(part, int) else str(part) for part in error.get("loc", ())]
        msg = str(error.get("msg", "Invalid value"))
        if error.get("type") == "extra_forbidden":
            msg = "Unknown or read-only field: it cannot be set here"
        items.append({"loc": loc, "msg": msg})
    return items


_HTTP_SLUGS = {
    404: "not-found",
    405: "method-not-allowed",
    413: "payload-too-large",
    415: "unsupported-media-type",
    400: "bad-request",
}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ProblemError)
    async def _problem(_request: Request, exc: ProblemError) -> JSONResponse:
        return problem_response(
            status=exc.status,
            type_=exc.type,
            title=exc.title,
            detail=exc.detail,
            extra=exc.extra,
            headers=exc.headers,
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _validation_errors(exc)
        fields = ", ".join(_loc_label(item["loc"]) for item in errors)
        noun = "field is" if len(errors) == 1 else "fields are"
        return problem_response(
            status=422,
            type_=problem_type("validation-error"),
            title="Invalid request",
            detail=f"{len(errors)} {noun} invalid: {fields}",
            extra={"errors": errors},
        )

    _install_database_handlers(app)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        status = exc.status_code
        phrase = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
        detail = exc.detail if isinstance(exc.detail, str) and exc.detail != phrase else ""
        if status == 404 and not detail:
            detail = f"Nothing is at {request.method} {request.url.path}."
        headers = dict(exc.headers or {})
        if status == 405:
            allowed = _allowed_methods(request) or headers.get("Allow", "")
            headers["Allow"] = allowed
            detail = detail or f"{request.method} is not allowed here; allowed: {allowed}."
        return problem_response(
            status=status,
            type_=problem_type(_HTTP_SLUGS.get(status, "http-error")),
            title=phrase,
            detail=detail or phrase,
            headers=headers,
        )


# PostgreSQL's SQLSTATEs for a transaction that lost a race and may simply be tried again:
# serialization_failure, deadlock_detected, lock_not_available.
_RETRYABLE_SQLSTATES = frozenset({"40001", "40P01", "55P03"})
CONCURRENT_CHANGE = (
    "Another request changed the same records at the same moment, so nothing was changed. "
    "Read them again and retry."
)


def _sqlstate(exc: DBAPIError) -> str | None:
    state = getattr(exc.orig, "sqlstate", None)
    return state if isinstance(state, str) else None


def _sqlite_busy(exc: DBAPIError) -> bool:
    return "database is locked" in str(exc.orig) or "database is busy" in str(exc.orig)


def _install_database_handlers(app: FastAPI) -> None:
    """The safety net under the services' own checks: a race they could not see becomes a 409
    the client can retry (never a 500), an exhausted database a quick 503 with Retry-After.
    Every one is logged, since each is a check a service should have made first."""

    @app.exception_handler(IntegrityError)
    async def _integrity(request: Request, exc: IntegrityError) -> JSONResponse:
        logger.warning(
            "constraint violated by a concurrent change: %s %s: %s",
            request.method,
            request.url.path,
            str(exc.orig).splitlines()[0] if exc.orig else exc,
        )
        return _concurrent_change()

    @app.exception_handler(DBAPIError)
    async def _database(request: Request, exc: DBAPIError) -> JSONResponse:
        if _sqlstate(exc) in _RETRYABLE_SQLSTATES:
            logger.warning(
                "transaction lost a race (%s): %s %s",
                _sqlstate(exc),
                request.method,
                request.url.path,
            )
            return _concurrent_change()
        if _sqlite_busy(exc) or exc.connection_invalidated:
            logger.warning("database busy or unreachable: %s %s", request.method, request.url.path)
            return _unavailable()
        raise exc

    @app.exception_handler(PoolTimeout)
    async def _pool_timeout(request: Request, _exc: PoolTimeout) -> JSONResponse:
        logger.warning("no database connection free: %s %s", request.method, request.url.path)
        return _unavailable()


def _concurrent_change() -> JSONResponse:
    return problem_response(
        status=409,
        type_=Conflict("").type,
        title=Conflict.title,
        detail=CONCURRENT_CHANGE,
        headers={"Retry-After": "1"},
    )


def _unavailable() -> JSONResponse:
    return problem_response(
        status=503,
        type_=ServiceUnavailable("").type,
        title=ServiceUnavailable.title,
        detail="The database is busy right now; nothing was changed. Try again shortly.",
        headers={"Retry-After": "2"},
    )


def _allowed_methods(request: Request) -> str:
    """Every method of every route on this path (Starlette reports only the first route's)."""
    methods: set[str] = set()
    path = request.url.path
    for context in iter_route_contexts(request.app.routes):
        regex = getattr(context, "path_regex", None)
        if regex is not None and context.methods and regex.match(path):
            methods.update(context.methods)
    return ", ".join(sorted(methods))


def internal_error_body(request_id: str) -> dict[str, Any]:
    return {
        "type": problem_type("internal-error"),
        "title": "Internal server error",
        "status": 500,
        "detail": (
            "Something went wrong on our side. It has been logged; quote request id "
            f"{request_id} when reporting it."
        ),
        "request_id": request_id,
    }


_PROBLEM_DESCRIPTIONS = {
    400: "The request is malformed.",
    401: "No valid credentials: sign in, or send a valid API token.",
    403: "Signed in, but without the right to do this (role, token scope, or CSRF check).",
    404: "Not found, or in a workspace you are not a member of.",
    409: "Conflicts with the current state; `detail` says what to do.",
    412: "The object changed since you read it (`If-Match` is stale); `current` holds it now.",
    413: "The request body is too large.",
    415: "The body must be JSON (`Content-Type: application/json`).",
    429: "Too many attempts; wait for `Retry-After` seconds.",
    503: "A dependency (the database) is unavailable.",
}


def problems(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for the problem statuses an operation can answer."""
    return {
        status: {"model": Problem, "description": _PROBLEM_DESCRIPTIONS[status]}
        for status in statuses
    }
