"""Who is calling, and what they may do: the one place authorization is decided.

Every route declares its rule in its signature (``WorkspaceRead``, ``WorkspaceWrite``,
``WorkspaceDecide``, ``WorkspaceComment``, ``WorkspaceAdmin``, ``BrowserUser``,
``Authenticated``, ``Public``) and ``assert_every_route_has_a_rule`` refuses to build an app
with a route that declares none.

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
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy import bindparam
from sqlmodel import Session, col, select

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

# Security schemes, so the OpenAPI document describes both ways in (never the secrets).
_bearer = HTTPBearer(
    auto_error=False,
    scheme_name="ApiToken",
    description="An API token (`pb_…`) created in Settings → API tokens.",
)
_cookie = APIKeyCookie(
    name=SESSION_COOKIE,
    auto_error=False,
    scheme_name="BrowserSession",
    description="The session cookie set by `POST /auth/login`; unsafe methods also need "
    "`X-CSRF-Token`.",
)


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


async def _authenticate(
    request: Request,
    db: SessionDep,
    clock: ClockDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    cookie: Annotated[str | None, Depends(_cookie)],
) -> Principal:
    """``async``: its one query runs where `run_db` puts short reads (inline on SQLite)."""
    if request.headers.get("authorization"):
        if bearer is None:
            raise Unauthorized("Use `Authorization: Bearer <api token>`.")
        return await run_db(db, _token_principal, request, db, bearer.credentials, clock.now())
    if cookie:
        principal = await run_db(db, _browser_principal, request, db, cookie, now=clock.now())
        if principal is None:
            raise Unauthorized("Your session has ended. Sign in again.")
        return principal
    raise Unauthorized("Sign in, or send an API token as `Authorization: Bearer pb_…`.")


def _token_principal(request: Request, db: Session, secret: str, now: datetime) -> Principal:
    resolved = accounts.resolve_token(db, secret=secret, now=now)
    if resolved is None:
        raise Unauthorized("The API token is unknown, revoked or expired.")
    user, token = resolved
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
    cookie: Annotated[str | None, Depends(_cookie)],
) -> Principal | None:
    """Open to anyone; the signed-in person when a live browser session comes along (public
    pages that act differently for them, like accepting an invitation)."""
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


def _workspace_access(need: Need) -> Callable[..., Awaitable[WorkspaceContext]]:
    @_mark(f"workspace:{need}")
    async def dependency(
        workspace_id: WorkspaceId,
        principal: Annotated[Principal, Depends(_authenticate)],
        db: SessionDep,
    ) -> WorkspaceContext:
        token = principal.token
        if token is not None and token.workspace_id != workspace_id:
            raise NotFound("No workspace with this id.")
        return await run_db(db, _workspace_context, db, workspace_id, principal, need)

    dependency.__name__ = f"workspace_{need}"
    return dependency


# Built once: every workspace route runs it (building costs more than running it).
_MEMBERSHIP = (
    select(Membership, Workspace)
    .join(Workspace, col(Workspace.id) == col(Membership.workspace_id))
    .where(
        Membership.workspace_id == bindparam("workspace_id"),
        Membership.user_id == bindparam("user_id"),
    )
)


def _workspace_context(
    db: Session, workspace_id: uuid.UUID, principal: Principal, need: Need
) -> WorkspaceContext:
    row = db.exec(
        _MEMBERSHIP, params={"workspace_id": workspace_id, "user_id": principal.user.id}
    ).first()
    if row is None:
        raise NotFound("No workspace with this id.")
    membership, workspace = row
    refusal = _refusal(need, Role(membership.role), principal.token)
    if refusal is not None:
        raise Forbidden(refusal)
    return WorkspaceContext(workspace=workspace, membership=membership, principal=principal)


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
