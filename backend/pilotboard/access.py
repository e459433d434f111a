"""Who is calling, and what they may do: the one place authorization is decided.

Every route declares its rule in its signature (``WorkspaceRead``, ``WorkspaceWrite``,
``WorkspaceDecide``, ``WorkspaceComment``, ``WorkspaceAdmin``, ``BrowserUser``,
``Authenticated``, ``Public``), or through a dependency declared with ``requires`` that
calls ``workspace_access`` itself (``PilotForRead``, which loads its pilot in the same
statement), and ``assert_every_route_has_a_rule`` refuses to build an app with a route that
declares none.

A workspace rule finds the caller, their membership and the workspace in one statement.

- No credentials, or credentials that are unknown, revoked or expired: 401.
- A workspace you are not a member of, or that your token is not for: 404, like a missing one.
- A member (or token) without the right: 403.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Path, Request
from fastapi.routing import APIRoute, iter_route_contexts
from sqlmodel import Session

from pilotboard.accounts import service as accounts
from pilotboard.accounts.models import ApiToken, User, UserSession
from pilotboard.activity.service import Actor
from pilotboard.core import security
from pilotboard.core.clock import ClockDep
from pilotboard.core.config import Settings
from pilotboard.core.db import UNSAFE_METHODS, SessionDep, run_db
from pilotboard.core.errors import Forbidden, NotFound, Unauthorized
from pilotboard.notifications.acting import remember_acting_user
from pilotboard.workspaces.models import Membership, Role, Workspace

SESSION_COOKIE = "pilotboard_session"
CSRF_COOKIE = "pilotboard_csrf"
CSRF_HEADER = "X-CSRF-Token"


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def client_address(request: Request) -> str:
    settings = settings_of(request)
    if settings.trusted_proxy:
        forwarded = request.headers.get("x-forwarded-for")
        if forwarded:
            return forwarded.split(",")[-1].strip()[:64]
    return (request.client.host if request.client else "unknown")[:64]


def is_https(request: Request) -> bool:
    if request.url.scheme == "https":
        return True
    if settings_of(request).trusted_proxy:
        return request.headers.get("x-forwarded-proto", "").split(",")[0].strip() == "https"
    return False


@dataclass(frozen=True)
class Principal:
    user: User
    browser_session: UserSession | None = None
    token: ApiToken | None = None
    client_address: str | None = None
    request_id: str | None = None

    @property
    def actor(self) -> Actor:
        return Actor(
            user_id=self.user.id,
            token_id=self.token.id if self.token else None,
            client_address=self.client_address,
            request_id=self.request_id,
        )


def request_actor(request: Request, user_id: uuid.UUID | None = None) -> Actor:
    return Actor(
        user_id=user_id,
        client_address=client_address(request),
        request_id=getattr(request.state, "request_id", None),
    )


def _mark(rule: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        function.access_rule = rule  # type: ignore[attr-defined]
        return function

    return decorate


@_mark("public")
async def _public() -> None:
    """Open to anyone (health, login). ``async``: nothing to check, so no thread-pool hop."""


def _credential(request: Request) -> tuple[Literal["token", "session"], str]:
    """What the caller signs in with: an API token (``Authorization: Bearer pb_…``) or the
    session cookie; 401 with neither.

    Read here rather than through FastAPI's security dependencies: two dependencies fewer on
    every call (the OpenAPI document declares both schemes, `core.openapi`)."""
    authorization = request.headers.get("authorization")
    if authorization:
        scheme, _, secret = authorization.partition(" ")
        secret = secret.strip()
        if scheme.lower() != "bearer" or not secret:
            raise Unauthorized("Use `Authorization: Bearer <api token>`.")
        return "token", secret
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        return "session", cookie
    raise Unauthorized("Sign in, or send an API token as `Authorization: Bearer pb_…`.")


_BAD_CREDENTIAL = "The API token is unknown, revoked or expired."
_SESSION_ENDED = "Your session has ended. Sign in again."


async def _authenticate(request: Request, db: SessionDep, clock: ClockDep) -> Principal:
    """``async``: its one query runs where `run_db` puts short reads (inline on SQLite)."""
    kind, secret = _credential(request)
    if kind == "token":
        return await run_db(db, _token_principal, request, db, secret, clock.now())
    principal = await run_db(db, _browser_principal, request, db, secret, now=clock.now())
    if principal is None:
        raise Unauthorized(_SESSION_ENDED)
    return principal


def _token_principal(request: Request, db: Session, secret: str, now: datetime) -> Principal:
    resolved = accounts.resolve_token(db, secret=secret, now=now)
    if resolved is None:
        raise Unauthorized(_BAD_CREDENTIAL)
    user, token = resolved
    return _token_caller(request, db, user, token)


def _token_caller(request: Request, db: Session, user: User, token: ApiToken) -> Principal:
    remember_acting_user(db, user.id)
    return Principal(
        user=user,
        token=token,
        client_address=client_address(request),
        request_id=getattr(request.state, "request_id", None),
    )


def _browser_principal(
    request: Request, db: Session, cookie: str, *, now: datetime
) -> Principal | None:
    """The signed-in person of a session cookie (``None`` when the session has ended); unsafe
    methods must carry the session's CSRF token."""
    found = accounts.resolve_session(db, token=cookie, settings=settings_of(request), now=now)
    if found is None:
        return None
    user, browser_session = found
    return _session_caller(request, db, user, browser_session, cookie)


def _session_caller(
    request: Request, db: Session, user: User, browser_session: UserSession, cookie: str
) -> Principal:
    """The caller of a live browser session; unsafe methods must carry its CSRF token."""
    if request.method in UNSAFE_METHODS:
        sent = request.headers.get(CSRF_HEADER, "")
        expected = security.csrf_token_for(cookie, key=settings_of(request).secret())
        if not sent or not security.same_secret(sent, expected):
            raise Forbidden(
                f"This request needs the {CSRF_HEADER} header of your session. "
                "Reload the page and try again."
            )
    remember_acting_user(db, user.id)
    return Principal(
        user=user,
        browser_session=browser_session,
        client_address=client_address(request),
        request_id=getattr(request.state, "request_id", None),
    )


@_mark("authenticated")
async def _authenticated(principal: Annotated[Principal, Depends(_authenticate)]) -> Principal:
    return principal


@_mark("browser")
async def _browser_user(principal: Annotated[Principal, Depends(_authenticate)]) -> Principal:
    if principal.token is not None:
        raise Forbidden("API tokens cannot do this; sign in to Pilotboard in a browser.")
    return principal


@_mark("public")
async def _maybe_browser_user(
    request: Request,
    db: SessionDep,
    clock: ClockDep,
) -> Principal | None:
    """Open to anyone; the signed-in person when a live browser session comes along (public
    pages that act differently for them, like accepting an invitation)."""
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        return None
    return await run_db(db, _browser_principal, request, db, cookie, now=clock.now())


Public = Annotated[None, Depends(_public)]
MaybeBrowserUser = Annotated[Principal | None, Depends(_maybe_browser_user)]
Authenticated = Annotated[Principal, Depends(_authenticated)]
BrowserUser = Annotated[Principal, Depends(_browser_user)]


@dataclass(frozen=True)
class WorkspaceContext:
    """An authorized caller inside one workspace."""

    workspace: Workspace
    membership: Membership
    principal: Principal
    subject: Any = None  # the row asked for with `workspace_access(subject=…)`, if found

    @property
    def workspace_id(self) -> uuid.UUID:
        return self.workspace.id

    @property
    def role(self) -> Role:
        return Role(self.membership.role)

    @property
    def user(self) -> User:
        return self.principal.user

    @property
    def actor(self) -> Actor:
        return self.principal.actor

    def may(self, need: Need) -> bool:
        """Whether this caller would pass a route declaring ``need`` (for what a response
        shows, e.g. webhook URLs in the activity log only to those who may read `/webhooks`)."""
        return _refusal(need, self.role, self.principal.token) is None


Need = Literal["read", "write", "decide", "comment", "admin", "admin_browser"]

_ROLES_FOR: dict[str, frozenset[Role]] = {
    "read": frozenset(Role),
    "write": frozenset({Role.admin, Role.editor}),
    "decide": frozenset({Role.admin, Role.executive}),
    "comment": frozenset({Role.admin, Role.editor, Role.executive}),
    "admin": frozenset({Role.admin}),
    "admin_browser": frozenset({Role.admin}),
}
_WHAT = {
    "write": "Only editors and admins can change this.",
    "decide": "Only executives and admins record decisions.",
    "comment": "Only editors, executives and admins comment; viewers read.",
    "admin": "Only the workspace's admins can do this.",
    "admin_browser": "Only the workspace's admins can do this.",
}

WorkspaceId = Annotated[uuid.UUID, Path(description="The workspace's id.")]


def _refusal(need: Need, role: Role, token: ApiToken | None) -> str | None:
    """Why a member with ``role`` (through ``token``, if any) may not do what ``need`` covers;
    ``None`` when they may."""
    if role not in _ROLES_FOR[need]:
        return _WHAT[need]
    if token is not None:
        if need == "admin_browser":
            return "API tokens cannot manage members; sign in to Pilotboard in a browser."
        if need != "read" and not token.can_write:
            return "This API token is read-only."
    return None


def requires(need: Need) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declares that a dependency enforces the workspace rule ``need`` itself, by calling
    `workspace_access` (for one that loads what a route acts on in the same trip to the
    database, e.g. ``PilotForRead``)."""
    return _mark(f"workspace:{need}")


def workspace_access(
    request: Request,
    db: Session,
    workspace_id: uuid.UUID,
    need: Need,
    now: datetime,
    *,
    subject: accounts.Subject | None = None,
) -> WorkspaceContext:
    """The caller inside ``workspace_id`` under the rule ``need`` (401, 404 or 403 otherwise):
    what every workspace dependency checks, for a dependency declared with `requires`; with
    ``subject``, that row of the workspace comes in the same statement (``.subject``, ``None``
    when the workspace has no such row)."""
    kind, secret = _credential(request)
    return _workspace_context(request, db, kind, secret, workspace_id, need, now, subject)


def _workspace_access(need: Need) -> Callable[..., Awaitable[WorkspaceContext]]:
    @requires(need)
    async def dependency(
        workspace_id: WorkspaceId, request: Request, db: SessionDep, clock: ClockDep
    ) -> WorkspaceContext:
        kind, secret = _credential(request)
        return await run_db(
            db, _workspace_context, request, db, kind, secret, workspace_id, need, clock.now()
        )

    dependency.__name__ = f"workspace_{need}"
    return dependency


def _workspace_context(
    request: Request,
    db: Session,
    kind: Literal["token", "session"],
    secret: str,
    workspace_id: uuid.UUID,
    need: Need,
    now: datetime,
    subject: accounts.Subject | None = None,
) -> WorkspaceContext:
    """The caller, their membership of ``workspace_id`` and the workspace, from one statement
    (every workspace route runs it): 401 for credentials that do not sign anyone in, 404 for a
    workspace they are not in (or their token is not for), 403 for what their role (or token)
    may not do."""
    if kind == "token":
        by_token = accounts.resolve_token_in_workspace(
            db, secret=secret, workspace_id=workspace_id, now=now, subject=subject
        )
        if by_token is None:
            raise Unauthorized(_BAD_CREDENTIAL)
        user, token, membered = by_token
        principal = _token_caller(request, db, user, token)
        if token.workspace_id != workspace_id:
            raise NotFound("No workspace with this id.")
    else:
        by_session = accounts.resolve_session_in_workspace(
            db,
            token=secret,
            workspace_id=workspace_id,
            settings=settings_of(request),
            now=now,
            subject=subject,
        )
        if by_session is None:
            raise Unauthorized(_SESSION_ENDED)
        user, browser_session, membered = by_session
        principal = _session_caller(request, db, user, browser_session, secret)
    membership, workspace = membered.membership, membered.workspace
    if membership is None or workspace is None:
        raise NotFound("No workspace with this id.")
    refusal = _refusal(need, Role(membership.role), principal.token)
    if refusal is not None:
        raise Forbidden(refusal)
    return WorkspaceContext(
        workspace=workspace, membership=membership, principal=principal, subject=membered.subject
    )


WorkspaceRead = Annotated[WorkspaceContext, Depends(_workspace_access("read"))]
WorkspaceWrite = Annotated[WorkspaceContext, Depends(_workspace_access("write"))]
WorkspaceDecide = Annotated[WorkspaceContext, Depends(_workspace_access("decide"))]
WorkspaceComment = Annotated[WorkspaceContext, Depends(_workspace_access("comment"))]
WorkspaceAdmin = Annotated[WorkspaceContext, Depends(_workspace_access("admin"))]
MembersAdmin = Annotated[WorkspaceContext, Depends(_workspace_access("admin_browser"))]


def api_routes(app: FastAPI) -> list[Any]:
    """Every API operation, with included routers flattened (path, methods, dependant)."""
    return [
        context
        for context in iter_route_contexts(app.routes)
        if isinstance(context.original_route, APIRoute)
    ]


def access_rule_of(route: Any) -> str | None:
    """The access rule a route declares (searched through its dependency tree)."""
    pending = list(route.dependant.dependencies)
    while pending:
        dependant = pending.pop()
        rule = getattr(dependant.call, "access_rule", None)
        if rule is not None:
            return str(rule)
        pending.extend(dependant.dependencies)
    return None


def route_rules(app: FastAPI) -> dict[tuple[str, str], str | None]:
    """Each API operation's access rule, by path and lower-case method (for the OpenAPI)."""
    return {
        (route.path, method.lower()): access_rule_of(route)
        for route in api_routes(app)
        for method in route.methods
    }


def assert_every_route_has_a_rule(app: FastAPI) -> None:
    """Deny by default: an API route that does not say who may call it is a bug."""
    missing = [
        f"{sorted(route.methods)} {route.path}"
        for route in api_routes(app)
        if route.path.startswith("/api/") and access_rule_of(route) is None
    ]
    if missing:
        raise RuntimeError(f"Routes without an access rule: {', '.join(missing)}")
