"""Users, logins (with throttling), browser sessions and API tokens."""

from __future__ import annotations

import math
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Update, and_, bindparam, case, func, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from pilotboard.accounts.models import ApiToken, LoginThrottle, User, UserSession
from pilotboard.activity.service import Actor, record
from pilotboard.core import security
from pilotboard.core.config import Settings
from pilotboard.core.db import defer_bookkeeping
from pilotboard.core.errors import Conflict, InvalidInput, NotFound
from pilotboard.core.pagination import ListParams, SortKey, cut_page, paginate_query
from pilotboard.workspaces.models import Membership, Workspace

ACCOUNT_FREE_FAILURES = 5
ADDRESS_FREE_FAILURES = 50
ADDRESS_WINDOW = timedelta(minutes=15)
THROTTLE_BASE_SECONDS = 30
THROTTLE_MAX_SECONDS = 3600
SESSION_TOUCH_INTERVAL = timedelta(minutes=1)
TOKEN_TOUCH_INTERVAL = timedelta(minutes=1)


def normalize_email(email: str) -> str:
    return email.strip().lower()


def find_user_by_email(session: Session, email: str) -> User | None:
    return session.exec(select(User).where(User.email == normalize_email(email))).first()


def create_user(
    session: Session,
    *,
    email: str,
    name: str,
    password: str,
    is_admin: bool = False,
    now: datetime,
) -> User:
    email = normalize_email(email)
    if "@" not in email or len(email) > 254 or email.startswith("@") or email.endswith("@"):
        raise InvalidInput.field(["email"], "Enter an email address like name@example.com.")
    if not name.strip():
        raise InvalidInput.field(["name"], "The name cannot be blank.")
    problem = security.password_problem(password, email=email)
    if problem:
        raise InvalidInput.field(["password"], problem)
    if find_user_by_email(session, email) is not None:
        raise Conflict(f"A user with the email {email} already exists.")
    user = User(
        email=email,
        name=name.strip()[:120],
        password_hash=security.hash_password(password),
        is_admin=is_admin,
        created_at=now,
        updated_at=now,
    )
    session.add(user)
    session.flush()
    return user


# --- login throttling -------------------------------------------------------------------------


def _delay_seconds(failures: int, free: int) -> int:
    if failures < free:
        return 0
    return int(min(THROTTLE_MAX_SECONDS, THROTTLE_BASE_SECONDS * 2 ** (failures - free)))


def throttled_for(session: Session, *, email: str, address: str, now: datetime) -> int:
    """Seconds the client must wait before trying again (0 when it may try now).

    The check and the count that follows it are one atomic step: the account's and the
    address's counter rows are created if missing and locked (in that order) until the login's
    transaction ends, so parallel attempts for one account are checked one after the other and
    each sees the failures counted before it. On SQLite the login's write transaction already
    runs alone.
    """
    keys = [("account", normalize_email(email)), ("address", address)]
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = LoginThrottle.__table__  # type: ignore[attr-defined]
    for kind, key in keys:
        session.execute(
            insert(table)
            .values(kind=kind, key=key, failures=0, window_started_at=now, last_failure_at=now)
            .on_conflict_do_nothing(index_elements=[table.c.kind, table.c.key])
        )
    waits = []
    for kind, key in keys:
        until = session.exec(
            select(col(LoginThrottle.locked_until))
            .where(LoginThrottle.kind == kind, LoginThrottle.key == key)
            .with_for_update()
        ).first()
        if until is not None and until > now:
            waits.append((until - now).total_seconds())
    return math.ceil(max(waits)) if waits else 0


def _upsert_failure(
    session: Session, *, kind: str, key: str, now: datetime, window: timedelta | None
) -> int:
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = LoginThrottle.__table__  # type: ignore[attr-defined]
    statement = insert(table).values(
        kind=kind, key=key, failures=1, window_started_at=now, last_failure_at=now
    )
    if window is None:
        failures = table.c.failures + 1
        started = table.c.window_started_at
    else:
        expired = table.c.window_started_at < now - window
        failures = case((expired, 1), else_=table.c.failures + 1)
        started = case((expired, now), else_=table.c.window_started_at)
    upsert = statement.on_conflict_do_update(
        index_elements=[table.c.kind, table.c.key],
        set_={"failures": failures, "window_started_at": started, "last_failure_at": now},
    ).returning(table.c.failures)
    count: int = session.execute(upsert).scalar_one()
    return count


def _lock(session: Session, *, kind: str, key: str, seconds: int, now: datetime) -> None:
    if seconds <= 0:
        return
    row = session.get(LoginThrottle, (kind, key))
    if row is not None:
        row.locked_until = now + timedelta(seconds=seconds)
        session.add(row)


def record_login_failure(session: Session, *, email: str, address: str, now: datetime) -> None:
    email = normalize_email(email)
    account_failures = _upsert_failure(session, kind="account", key=email, now=now, window=None)
    address_failures = _upsert_failure(
        session, kind="address", key=address, now=now, window=ADDRESS_WINDOW
    )
    _lock(
        session,
        kind="account",
        key=email,
        seconds=_delay_seconds(account_failures, ACCOUNT_FREE_FAILURES),
        now=now,
    )
    _lock(
        session,
        kind="address",
        key=address,
        seconds=_delay_seconds(address_failures, ADDRESS_FREE_FAILURES),
        now=now,
    )
    session.flush()


def reset_account_failures(session: Session, *, email: str) -> None:
    """Clears the account's count in place. The row is kept, not deleted: a deleted row lets a
    parallel attempt insert it anew while holding it, and then take the address's row after
    another attempt that already holds the address's row waits on it (a deadlock on PostgreSQL).
    With the row always there, every attempt locks account then address, in that order."""
    row = session.get(LoginThrottle, ("account", normalize_email(email)))
    if row is not None:
        row.failures = 0
        row.locked_until = None
        session.add(row)


# --- login, sessions --------------------------------------------------------------------------


@dataclass(frozen=True)
class LoginOutcome:
    user: User
    session_token: str
    browser_session: UserSession


def authenticate_password(
    session: Session, *, email: str, password: str, now: datetime
) -> User | None:
    """The active user with these credentials, or ``None``; similar time either way."""
    user = find_user_by_email(session, email)
    if user is None or not user.is_active:
        security.burn_password_check(password)
        return None
    if not security.verify_password(user.password_hash, password):
        return None
    if security.needs_rehash(user.password_hash):
        user.password_hash = security.hash_password(password)
        user.updated_at = now
        session.add(user)
    return user


def start_session(
    session: Session,
    *,
    user: User,
    settings: Settings,
    now: datetime,
    client_address: str | None,
    user_agent: str | None,
) -> LoginOutcome:
    token = security.new_session_token()
    browser_session = UserSession(
        token_hash=security.sha256_hex(token),
        user_id=user.id,
        created_at=now,
        last_seen_at=now,
        expires_at=now + timedelta(days=settings.session_max_days),
        client_address=client_address,
        user_agent=(user_agent or "")[:255] or None,
    )
    session.add(browser_session)
    session.flush()
    return LoginOutcome(user=user, session_token=token, browser_session=browser_session)


def _touch(session: Session, statement: Update) -> None:
    """Best-effort bookkeeping (last seen, last used) that must never fail the request: it runs
    at the end of the request's transaction (`core.db.defer_bookkeeping`), skipped when the
    database is busy; the next request records it."""
    defer_bookkeeping(session, statement)


# Every request runs one of these: built once, each run binds only the hash (and the workspace)
# (building a statement costs more than running it; see bench/RESULTS.md, "serving path, third
# pass"). A workspace route asks for the caller's membership and workspace in the same
# statement (outer joins: no membership is a row too, answered 404 by `access`).
_SESSION_BY_HASH = (
    select(UserSession, User)
    .join(User, col(User.id) == col(UserSession.user_id))
    .where(UserSession.token_hash == bindparam("token_hash"))
)
_TOKEN_BY_HASH = (
    select(ApiToken, User)
    .join(User, col(User.id) == col(ApiToken.user_id))
    .where(ApiToken.token_hash == bindparam("token_hash"))
)


def _member_of_named_workspace(user_id: Any) -> ColumnElement[bool]:
    """The join to the user's membership of the workspace a request names (``workspace_id``)."""
    return and_(
        col(Membership.user_id) == user_id,
        col(Membership.workspace_id) == bindparam("workspace_id"),
    )


_SESSION_IN_WORKSPACE = (
    select(UserSession, User, Membership, Workspace)
    .join(User, col(User.id) == col(UserSession.user_id))
    .outerjoin(Membership, _member_of_named_workspace(col(UserSession.user_id)))
    .outerjoin(Workspace, col(Workspace.id) == col(Membership.workspace_id))
    .where(UserSession.token_hash == bindparam("token_hash"))
)
_TOKEN_IN_WORKSPACE = (
    select(ApiToken, User, Membership, Workspace)
    .join(User, col(User.id) == col(ApiToken.user_id))
    .outerjoin(Membership, _member_of_named_workspace(col(ApiToken.user_id)))
    .outerjoin(Workspace, col(Workspace.id) == col(Membership.workspace_id))
    .where(ApiToken.token_hash == bindparam("token_hash"))
)


@dataclass(frozen=True)
class Subject:
    """A row of the workspace that a route acts on (a pilot, say), loaded in the statement that
    finds the caller: its model (with ``id`` and ``workspace_id`` columns) and its id."""

    model: type[Any]
    id: uuid.UUID


@dataclass(frozen=True)
class Membered:
    """The caller's membership of the workspace a request names, that workspace and the subject
    asked for: each ``None`` when missing (not a member, no such workspace, no such row in it)."""

    membership: Membership | None
    workspace: Workspace | None
    subject: Any = None


# Each (credential, subject model) pair's statement, built on first use and kept.
_WITH_SUBJECT: dict[tuple[str, type[Any]], Any] = {}


def _in_workspace(kind: str, base: Any, subject: Subject | None) -> tuple[Any, dict[str, Any]]:
    """``base`` (a credential in a workspace), with ``subject``'s row as one more entity."""
    if subject is None:
        return base, {}
    key = (kind, subject.model)
    statement = _WITH_SUBJECT.get(key)
    if statement is None:
        model = subject.model
        statement = base.add_columns(model).outerjoin(
            model,
            and_(
                model.id == bindparam("subject_id"),
                model.workspace_id == col(Membership.workspace_id),
            ),
        )
        _WITH_SUBJECT[key] = statement
    return statement, {"subject_id": subject.id}


def _session_accepted(
    session: Session, browser_session: UserSession, user: User, *, settings: Settings, now: datetime
) -> bool:
    """Whether a found browser session still lets its user in (recording that it was seen)."""
    idle_limit = browser_session.last_seen_at + timedelta(hours=settings.session_idle_hours)
    if (
        browser_session.revoked_at is not None
        or browser_session.expires_at <= now
        or idle_limit <= now
        or not user.is_active
    ):
        return False
    if now - browser_session.last_seen_at >= SESSION_TOUCH_INTERVAL:
        _touch(
            session,
            update(UserSession)
            .where(col(UserSession.id) == browser_session.id)
            .values(last_seen_at=now),
        )
    return True


def resolve_session(
    session: Session, *, token: str, settings: Settings, now: datetime
) -> tuple[User, UserSession] | None:
    row = session.exec(_SESSION_BY_HASH, params={"token_hash": security.sha256_hex(token)}).first()
    if row is None:
        return None
    browser_session, user = row
    if not _session_accepted(session, browser_session, user, settings=settings, now=now):
        return None
    return user, browser_session


def resolve_session_in_workspace(
    session: Session,
    *,
    token: str,
    workspace_id: uuid.UUID,
    settings: Settings,
    now: datetime,
    subject: Subject | None = None,
) -> tuple[User, UserSession, Membered] | None:
    """`resolve_session`, the user's membership of ``workspace_id`` and ``subject``, in one
    statement."""
    statement, extra = _in_workspace("session", _SESSION_IN_WORKSPACE, subject)
    row = session.execute(
        statement,
        {"token_hash": security.sha256_hex(token), "workspace_id": workspace_id, **extra},
    ).first()
    if row is None:
        return None
    browser_session, user, membership, workspace, *found = row
    if not _session_accepted(session, browser_session, user, settings=settings, now=now):
        return None
    membered = Membered(membership, workspace, found[0] if found else None)
    return user, browser_session, membered


def end_session(session: Session, *, browser_session: UserSession, now: datetime) -> None:
    browser_session.revoked_at = now
    session.add(browser_session)


def memberships_of(session: Session, user_id: uuid.UUID) -> list[tuple[Membership, Workspace]]:
    rows = session.exec(
        select(Membership, Workspace)
        .join(Workspace, col(Workspace.id) == col(Membership.workspace_id))
        .where(Membership.user_id == user_id)
        .order_by(col(Workspace.name), col(Workspace.id))
    ).all()
    return [(membership, workspace) for membership, workspace in rows]


# --- API tokens -------------------------------------------------------------------------------

TOKEN_SORT = SortKey(columns=(col(ApiToken.created_at), col(ApiToken.id)))


def token_scopes(token: ApiToken) -> list[str]:
    return ["read", "write"] if token.can_write else ["read"]


def token_snapshot(token: ApiToken) -> dict[str, object]:
    return {
        "name": token.name,
        "workspace_id": token.workspace_id,
        "scopes": token_scopes(token),
        "prefix": token.prefix,
        "expires_at": token.expires_at,
        "revoked_at": token.revoked_at,
    }


def create_token(
    session: Session,
    *,
    user: User,
    actor: Actor,
    name: str,
    workspace_id: uuid.UUID,
    scopes: Sequence[str],
    expires_at: datetime | None,
    now: datetime,
) -> tuple[ApiToken, str]:
    membership = session.exec(
        select(Membership).where(
            Membership.workspace_id == workspace_id, Membership.user_id == user.id
        )
    ).first()
    if membership is None:
        raise InvalidInput.field(
            ["body", "workspace_id"], "You are not a member of this workspace."
        )
    if expires_at is not None and expires_at <= now:
        raise InvalidInput.field(["body", "expires_at"], "The expiry must be in the future.")
    secret = security.new_api_token()
    token = ApiToken(
        workspace_id=workspace_id,
        user_id=user.id,
        name=name,
        token_hash=security.sha256_hex(secret),
        prefix=secret[:7],
        can_write="write" in scopes,
        expires_at=expires_at,
        created_at=now,
        updated_at=now,
    )
    session.add(token)
    session.flush()
    record(
        session,
        actor=actor,
        now=now,
        action="token.created",
        object_type="api_token",
        object_id=token.id,
        workspace_id=workspace_id,
        summary=f"API token “{name}” created ({' + '.join(token_scopes(token))})",
        after=token_snapshot(token),
    )
    return token, secret


def list_tokens(
    session: Session, *, user: User, params: ListParams, workspace_id: uuid.UUID | None = None
) -> tuple[list[ApiToken], str | None]:
    mine = select(ApiToken).where(ApiToken.user_id == user.id)
    if workspace_id is not None:
        mine = mine.where(ApiToken.workspace_id == workspace_id)
    statement = paginate_query(mine, TOKEN_SORT, params)
    rows = session.execute(statement).scalars().all()
    return cut_page(rows, TOKEN_SORT, params, lambda t: (t.created_at, t.id))


def revoke_token(
    session: Session, *, user: User, actor: Actor, token_id: uuid.UUID, now: datetime
) -> None:
    token = session.get(ApiToken, token_id, with_for_update=True)
    if token is None or token.user_id != user.id:
        raise NotFound("No API token with this id among yours.")
    if token.revoked_at is not None:
        return
    before = token_snapshot(token)
    token.revoked_at = now
    token.updated_at = now
    session.add(token)
    record(
        session,
        actor=actor,
        now=now,
        action="token.revoked",
        object_type="api_token",
        object_id=token.id,
        workspace_id=token.workspace_id,
        summary=f"API token “{token.name}” revoked",
        before=before,
        after=token_snapshot(token),
    )


def _token_accepted(session: Session, token: ApiToken, user: User, *, now: datetime) -> bool:
    """Whether a found API token still lets its user in (recording its use)."""
    if token.revoked_at is not None or not user.is_active:
        return False
    if token.expires_at is not None and token.expires_at <= now:
        return False
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_TOUCH_INTERVAL:
        touch = update(ApiToken).where(col(ApiToken.id) == token.id).values(last_used_at=now)
        _touch(session, touch)
    return True


def _is_api_token(secret: str) -> bool:
    return secret.startswith(security.API_TOKEN_PREFIX) and len(secret) <= 200


def resolve_token(session: Session, *, secret: str, now: datetime) -> tuple[User, ApiToken] | None:
    if not _is_api_token(secret):
        return None
    row = session.exec(_TOKEN_BY_HASH, params={"token_hash": security.sha256_hex(secret)}).first()
    if row is None:
        return None
    token, user = row
    if not _token_accepted(session, token, user, now=now):
        return None
    return user, token


def resolve_token_in_workspace(
    session: Session,
    *,
    secret: str,
    workspace_id: uuid.UUID,
    now: datetime,
    subject: Subject | None = None,
) -> tuple[User, ApiToken, Membered] | None:
    """`resolve_token`, the user's membership of ``workspace_id`` and ``subject``, in one
    statement."""
    if not _is_api_token(secret):
        return None
    statement, extra = _in_workspace("token", _TOKEN_IN_WORKSPACE, subject)
    row = session.execute(
        statement,
        {"token_hash": security.sha256_hex(secret), "workspace_id": workspace_id, **extra},
    ).first()
    if row is None:
        return None
    token, user, membership, workspace, *found = row
    if not _token_accepted(session, token, user, now=now):
        return None
    return user, token, Membered(membership, workspace, found[0] if found else None)


def count_users(session: Session) -> int:
    return int(session.exec(select(func.count()).select_from(User)).one())
