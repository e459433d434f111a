from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response, status
from fastapi.responses import JSONResponse

from pilotboard.access import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    Authenticated,
    BrowserUser,
    Public,
    client_address,
    is_https,
    request_actor,
    settings_of,
)
from pilotboard.accounts import service
from pilotboard.accounts.models import ApiToken, User
from pilotboard.accounts.schemas import (
    LoginRequest,
    LoginResponse,
    MembershipSummary,
    MePublic,
    TokenCreate,
    TokenCreated,
    TokenPublic,
)
from pilotboard.activity.service import record
from pilotboard.core import security
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import TooManyRequests, Unauthorized, problem_response, problems
from pilotboard.core.pagination import ListParamsDep, Page

router = APIRouter(tags=["accounts"])

INVALID_LOGIN = "The email or password is not right."


def me_public(db: SessionDep, user: User) -> MePublic:
    return MePublic(
        id=user.id,
        email=user.email,
        name=user.name,
        is_admin=user.is_admin,
        memberships=[
            MembershipSummary(workspace_id=w.id, workspace_name=w.name, role=m.role)
            for m, w in service.memberships_of(db, user.id)
        ],
    )


def token_public(token: ApiToken) -> TokenPublic:
    return TokenPublic(
        id=token.id,
        name=token.name,
        workspace_id=token.workspace_id,
        scopes=service.token_scopes(token),
        prefix=token.prefix,
        expires_at=token.expires_at,
        last_used_at=token.last_used_at,
        revoked_at=token.revoked_at,
        created_at=token.created_at,
        updated_at=token.updated_at,
    )


@router.post(
    "/auth/login",
    operation_id="login",
    summary="Sign in with email and password",
    response_model=LoginResponse,
    responses=problems(401, 403, 415, 429),
)
def login(
    body: LoginRequest,
    request: Request,
    response: Response,
    db: SessionDep,
    clock: ClockDep,
    _: Public,
) -> LoginResponse | JSONResponse:
    """Starts a browser session: sets the HttpOnly session cookie and returns the user and the
    CSRF token to send as `X-CSRF-Token` on unsafe requests.

    After 5 consecutive failures for an account, or 50 failures from one address within 15
    minutes, attempts are refused with 429 and `Retry-After` for a delay that doubles each time.
    """
    now = clock.now()
    address = client_address(request)
    wait = service.throttled_for(db, email=body.email, address=address, now=now)
    if wait:
        raise TooManyRequests(
            f"Too many failed sign-ins. Try again in {wait} seconds.", retry_after=wait
        )
    user = service.authenticate_password(db, email=body.email, password=body.password, now=now)
    if user is None:
        service.record_login_failure(db, email=body.email, address=address, now=now)
        known = service.find_user_by_email(db, body.email)
        record(
            db,
            actor=request_actor(request, known.id if known else None),
            now=now,
            action="auth.login_failed",
            object_type="user",
            object_id=known.id if known else None,
            workspace_id=None,
            summary=f"Failed sign-in for {service.normalize_email(body.email)[:200]}",
        )
        # Returned, not raised: the failure count must be committed with this request.
        return problem_response(
            status=401,
            type_=Unauthorized("").type,
            title=Unauthorized.title,
            detail=INVALID_LOGIN,
        )
    service.reset_account_failures(db, email=body.email)
    record(
        db,
        actor=request_actor(request, user.id),
        now=now,
        action="auth.login_succeeded",
        object_type="user",
        object_id=user.id,
        workspace_id=None,
        summary=f"{user.name} signed in",
    )
    return open_browser_session(db, request=request, response=response, user=user, now=now)


def open_browser_session(
    db: SessionDep, *, request: Request, response: Response, user: User, now: datetime
) -> LoginResponse:
    """Start a browser session for ``user`` and set its cookies on ``response``: the answer of
    a sign-in (also of accepting an invitation), the user and the session's CSRF token."""
    settings = settings_of(request)
    outcome = service.start_session(
        db,
        user=user,
        settings=settings,
        now=now,
        client_address=client_address(request),
        user_agent=request.headers.get("user-agent"),
    )
    csrf = security.csrf_token_for(outcome.session_token, key=settings.secret())
    secure = is_https(request)
    max_age = int(settings.session_max_days * 86400)
    response.set_cookie(
        SESSION_COOKIE,
        outcome.session_token,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=secure,
        path="/",
    )
    response.set_cookie(
        CSRF_COOKIE, csrf, max_age=max_age, httponly=False, samesite="lax", secure=secure, path="/"
    )
    return LoginResponse(user=me_public(db, user), csrf_token=csrf)


@router.post(
    "/auth/logout",
    operation_id="logout",
    description="Ends this browser session on the server and clears its cookies. Later requests "
    "with the old cookie answer `401`.",
    summary="Sign out (revokes the session on the server)",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(401, 403),
)
def logout(principal: BrowserUser, request: Request, db: SessionDep, clock: ClockDep) -> Response:
    now = clock.now()
    assert principal.browser_session is not None
    service.end_session(db, browser_session=principal.browser_session, now=now)
    record(
        db,
        actor=principal.actor,
        now=now,
        action="auth.logout",
        object_type="user",
        object_id=principal.user.id,
        workspace_id=None,
        summary=f"{principal.user.name} signed out",
    )
    response = Response(status_code=204)
    secure = is_https(request)
    response.delete_cookie(SESSION_COOKIE, path="/", secure=secure, httponly=True, samesite="lax")
    response.delete_cookie(CSRF_COOKIE, path="/", secure=secure, samesite="lax")
    return response


@router.get(
    "/auth/me",
    operation_id="getMe",
    description="Your own fields (`id`, `email`, `name`, `is_admin`) and every workspace you "
    "are a member of, with your role. Answers `401` when nobody is signed in.",
    summary="The signed-in user and their workspaces",
    response_model=MePublic,
    responses=problems(401),
)
def get_me(principal: Authenticated, db: SessionDep) -> MePublic:
    return me_public(db, principal.user)


@router.get(
    "/tokens",
    operation_id="listTokens",
    description="The API tokens you created (never their secrets), newest first; filter by "
    "workspace with `workspace_id`. Browser sessions only: a token cannot list tokens.",
    summary="My API tokens",
    response_model=Page[TokenPublic],
    responses=problems(401, 403),
)
def list_tokens(
    principal: BrowserUser,
    db: SessionDep,
    params: ListParamsDep,
    workspace_id: Annotated[
        uuid.UUID | None, Query(description="Only the tokens for this workspace.")
    ] = None,
) -> Page[TokenPublic]:
    tokens, cursor = service.list_tokens(
        db, user=principal.user, params=params, workspace_id=workspace_id
    )
    return Page[TokenPublic](items=[token_public(t) for t in tokens], next_cursor=cursor)


@router.post(
    "/tokens",
    operation_id="createToken",
    summary="Create an API token (the secret is returned once)",
    status_code=status.HTTP_201_CREATED,
    response_model=TokenCreated,
    responses=problems(401, 403),
)
def create_token(
    body: TokenCreate, principal: BrowserUser, db: SessionDep, clock: ClockDep
) -> TokenCreated:
    """The token acts in one workspace with your current role there, narrowed by its scopes.
    Store the `token` now: only its hash is kept."""
    token, secret = service.create_token(
        db,
        user=principal.user,
        actor=principal.actor,
        name=body.name,
        workspace_id=body.workspace_id,
        scopes=body.scopes,
        expires_at=body.expires_at,
        now=clock.now(),
    )
    return TokenCreated(**token_public(token).model_dump(), token=secret)


@router.delete(
    "/tokens/{token_id}",
    operation_id="revokeToken",
    description="Revokes one of your tokens at once: requests using it answer `401` from now "
    "on. Revoking twice is harmless.",
    summary="Revoke an API token",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(401, 403, 404),
)
def revoke_token(
    token_id: Annotated[uuid.UUID, Path(description="The token's id.")],
    principal: BrowserUser,
    db: SessionDep,
    clock: ClockDep,
) -> Response:
    service.revoke_token(
        db, user=principal.user, actor=principal.actor, token_id=token_id, now=clock.now()
    )
    return Response(status_code=204)
