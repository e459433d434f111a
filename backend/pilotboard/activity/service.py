"""The activity log: written in the same transaction as the change it records, read a page at
a time, newest first."""

from __future__ import annotations

import contextlib
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from pilotboard.accounts.models import User
from pilotboard.activity.models import Activity
from pilotboard.activity.schemas import ActivityPublic
from pilotboard.core.pagination import ListParams, Page, SortKey, cut_page, paginate_query
from pilotboard.core.types import json_safe
from pilotboard.customers.models import Customer
from pilotboard.departments.models import Department
from pilotboard.webhooks.urls import hide_urls

NEWEST_FIRST = SortKey(columns=(col(Activity.occurred_at), col(Activity.id)), descending=True)


@dataclass(frozen=True)
class Actor:
    """Who is acting, as the activity log records it."""

    user_id: uuid.UUID | None
    token_id: uuid.UUID | None = None
    client_address: str | None = None
    request_id: str | None = None


def record(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    action: str,
    object_type: str,
    workspace_id: uuid.UUID | None,
    object_id: uuid.UUID | None = None,
    pilot_id: uuid.UUID | None = None,
    summary: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> Activity:
    entry = Activity(
        workspace_id=workspace_id,
        occurred_at=now,
        actor_user_id=actor.user_id,
        actor_token_id=actor.token_id,
        action=action,
        object_type=object_type,
        object_id=object_id,
        pilot_id=pilot_id,
        summary=summary[:300],
        before=json_safe(before) if before is not None else None,
        after=json_safe(after) if after is not None else None,
        client_address=actor.client_address,
        request_id=actor.request_id,
    )
    session.add(entry)
    return entry


# The fields of `before`/`after` that hold an id, by what they point to (scale plan items and
# other nested values are walked too).
PERSON_FIELDS = frozenset({"owner_id", "sponsor_id", "decided_by", "withdrawn_by", "user_id"})
CUSTOMER_FIELDS = frozenset({"customer_id"})
DEPARTMENT_FIELDS = frozenset({"department_id"})


def _ids_in(value: Any, fields: frozenset[str], found: set[uuid.UUID]) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in fields and isinstance(inner, str):
                with contextlib.suppress(ValueError):
                    found.add(uuid.UUID(inner))
            else:
                _ids_in(inner, fields, found)
    elif isinstance(value, list):
        for inner in value:
            _ids_in(inner, fields, found)


def _names(session: Session, workspace_id: uuid.UUID, entries: list[Activity]) -> dict[str, str]:
    """The names of the people, customers and departments the entries' values refer to, in
    three queries for a page of entries."""
    values = [[entry.before, entry.after] for entry in entries]
    people: set[uuid.UUID] = set()
    customers: set[uuid.UUID] = set()
    departments: set[uuid.UUID] = set()
    _ids_in(values, PERSON_FIELDS, people)
    _ids_in(values, CUSTOMER_FIELDS, customers)
    _ids_in(values, DEPARTMENT_FIELDS, departments)
    # Always the same three queries, so a page costs the same whatever it holds.
    rows: list[tuple[uuid.UUID, str]] = []
    rows += session.exec(select(User.id, User.name).where(col(User.id).in_(people))).all()
    rows += session.exec(
        select(Customer.id, Customer.name).where(
            Customer.workspace_id == workspace_id, col(Customer.id).in_(customers)
        )
    ).all()
    rows += session.exec(
        select(Department.id, Department.name).where(
            Department.workspace_id == workspace_id, col(Department.id).in_(departments)
        )
    ).all()
    return {str(oid): name for oid, name in rows}


def _public(
    entry: Activity,
    actor_name: str | None,
    *,
    webhook_urls: bool,
    names: dict[str, str] | None = None,
) -> ActivityPublic:
    summary, before, after = entry.summary, entry.before, entry.after
    if entry.object_type == "webhook" and not webhook_urls:
        summary, before, after = hide_urls(summary, before, after)
    return ActivityPublic(
        id=entry.id,
        occurred_at=entry.occurred_at,
        actor_user_id=entry.actor_user_id,
        actor_name=actor_name,
        action=entry.action,
        object_type=entry.object_type,
        object_id=entry.object_id,
        pilot_id=entry.pilot_id,
        summary=summary,
        before=before,
        after=after,
        names=_own_names(before, after, names or {}),
    )


def _own_names(
    before: dict[str, Any] | None, after: dict[str, Any] | None, names: dict[str, str]
) -> dict[str, str]:
    """The page's names that this entry's values refer to."""
    ids: set[uuid.UUID] = set()
    _ids_in([before, after], PERSON_FIELDS | CUSTOMER_FIELDS | DEPARTMENT_FIELDS, ids)
    return {str(i): names[str(i)] for i in sorted(ids, key=str) if str(i) in names}


def list_entries(
    session: Session,
    *,
    workspace_id: uuid.UUID,
    pilot_id: uuid.UUID | None = None,
    object_type: str | None = None,
    params: ListParams,
    webhook_urls: bool,
) -> Page[ActivityPublic]:
    """A page of the workspace's entries, newest first; only one pilot's with `pilot_id`, only
    one kind of object's with `object_type`. Webhook URLs are shown whole only with
    `webhook_urls` (to those who may read `/webhooks`: admins, and their tokens with the `write`
    scope); otherwise their scheme and host."""
    where = [Activity.workspace_id == workspace_id]
    if pilot_id is not None:
        where.append(Activity.pilot_id == pilot_id)
    if object_type:
        where.append(Activity.object_type == object_type)
    statement = (
        select(Activity, User.name)
        .outerjoin(User, col(User.id) == col(Activity.actor_user_id))
        .where(*where)
    )
    rows = session.exec(paginate_query(statement, NEWEST_FIRST, params)).all()
    page, cursor = cut_page(rows, NEWEST_FIRST, params, lambda r: (r[0].occurred_at, r[0].id))
    names = _names(session, workspace_id, [a for a, _ in page])
    return Page[ActivityPublic](
        items=[_public(a, name, webhook_urls=webhook_urls, names=names) for a, name in page],
        next_cursor=cursor,
    )
