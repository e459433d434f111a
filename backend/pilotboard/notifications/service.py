"""Notifications: one row per recipient in the app, and an email to those who asked for that
kind at once; each person's preferences; reading and marking them.

:func:`notify` is how every domain tells people something (comments, the triggers of
``triggers.py``, invitations). It runs in the caller's transaction: the notification and its
email exist exactly when the change that caused them does.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, update
from sqlmodel import Session, col, select

from pilotboard.accounts.models import User
from pilotboard.core.errors import InvalidInput
from pilotboard.core.pagination import ListParams, SortKey, cut_page, paginate_query
from pilotboard.mail.events import MailUnsubscribed
from pilotboard.mail.outbox import queue_mail
from pilotboard.notifications.acting import now_of
from pilotboard.notifications.models import (
    DEFAULT_EMAIL_IMMEDIATE,
    Notification,
    NotificationKind,
    NotificationPreferences,
)
from pilotboard.notifications.paths import preferences_path
from pilotboard.notifications.schemas import NotificationPublic, PreferencesPublic
from pilotboard.workspaces.models import Membership, Role

logger = logging.getLogger(__name__)

MAX_TITLE = 200
MAX_BODY = 2000
MAX_URL = 500
DIGEST_ROLES = frozenset({Role.executive.value, Role.admin.value})
NEWEST_FIRST = SortKey(
    columns=(col(Notification.created_at), col(Notification.id)), descending=True
)
# What the button of each kind's email says.
ACTION_LABELS = {
    NotificationKind.decision_needed.value: "Record the decision",
    NotificationKind.health_changed.value: "Open the pilot",
    NotificationKind.mentioned.value: "Read the comment",
    NotificationKind.commented.value: "Read the comment",
    NotificationKind.check_in_received.value: "Read the check-in",
    NotificationKind.feedback_received.value: "Read the feedback",
    NotificationKind.invited.value: "Accept the invitation",
}
# The kinds of mail a one-click unsubscribe names, and the preference each one turns off.
_MAIL_KIND_TO_NOTIFICATION = {"invitation": NotificationKind.invited.value}
DIGEST_MAIL_KIND = "digest"


def _clip(text: str, limit: int) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def notify(
    session: Session,
    *,
    recipients: Iterable[uuid.UUID],
    kind: NotificationKind | str,
    workspace_id: uuid.UUID,
    pilot_id: uuid.UUID | None,
    title: str,
    body: str,
    url: str,
    now: datetime,
    actor_id: uuid.UUID | None = None,
) -> list[Notification]:
    """One in-app notification per recipient who is an active member of the workspace (the
    actor excluded, duplicates removed), in the caller's transaction; and an email (queue_mail)
    to each whose preferences list `kind` in email_immediate. `url` is the app path where to
    act (e.g. /w/<ws>/pilots/<id>#comment-<cid>).

    `invited` goes to people who are not members yet (active accounts): it tells them of an
    invitation to the workspace."""
    kind = NotificationKind(kind).value
    wanted = list(dict.fromkeys(r for r in recipients if r != actor_id))
    if not wanted:
        return []
    people = _reachable(session, workspace_id=workspace_id, user_ids=wanted, kind=kind)
    if not people:
        return []
    immediate = email_immediate_of(session, [user.id for user in people])
    created: list[Notification] = []
    for user in people:
        notification = Notification(
            workspace_id=workspace_id,
            user_id=user.id,
            kind=kind,
            pilot_id=pilot_id,
            title=_clip(title, MAX_TITLE),
            body=_clip(body, MAX_BODY),
            url=url[:MAX_URL],
            created_at=now,
        )
        session.add(notification)
        created.append(notification)
        if kind in immediate[user.id]:
            _mail(session, user=user, notification=notification, now=now)
    session.flush()
    return created


def _reachable(
    session: Session, *, workspace_id: uuid.UUID, user_ids: Sequence[uuid.UUID], kind: str
) -> list[User]:
    """The active accounts among ``user_ids`` that may hear of the workspace (its members; for
    `invited`, anyone), in the order given."""
    statement = select(User).where(col(User.id).in_(user_ids), col(User.is_active))
    if kind != NotificationKind.invited.value:
        statement = statement.join(
            Membership,
            (col(Membership.user_id) == col(User.id))
            & (col(Membership.workspace_id) == workspace_id),
        )
    found = {user.id: user for user in session.exec(statement).all()}
    return [found[user_id] for user_id in user_ids if user_id in found]


def _mail(session: Session, *, user: User, notification: Notification, now: datetime) -> None:
    try:
        queue_mail(
            session,
            to=user.email,
            kind=notification.kind,
            template="notification",
            context={
                "kind": notification.kind,
                "title": notification.title,
                "body": notification.body,
                "url": notification.url,
                "action_label": ACTION_LABELS.get(notification.kind, "Open in Pilotboard"),
                "preferences_path": preferences_path(),
                "recipient_name": user.name,
            },
            now=now,
            workspace_id=notification.workspace_id,
            user_id=user.id,
            to_name=user.name,
        )
    except InvalidInput as exc:
        # A stored address or name mail cannot carry: the notification stands in the app, and
        # the change that caused it must not fail for it.
        logger.warning("no email for a %s notification to %s: %s", notification.kind, user.id, exc)


# --- preferences -------------------------------------------------------------------------------


def email_immediate_of(
    session: Session, user_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, frozenset[str]]:
    """Each person's `email_immediate` (the defaults for those who never saved theirs)."""
    saved = {
        row.user_id: frozenset(row.email_immediate)
        for row in session.exec(
            select(NotificationPreferences).where(
                col(NotificationPreferences.user_id).in_(list(user_ids))
            )
        ).all()
    }
    default = frozenset(kind.value for kind in DEFAULT_EMAIL_IMMEDIATE)
    return {user_id: saved.get(user_id, default) for user_id in user_ids}


def _decides_somewhere(session: Session, user_id: uuid.UUID) -> bool:
    found = session.exec(
        select(Membership.id).where(
            Membership.user_id == user_id, col(Membership.role).in_(DIGEST_ROLES)
        )
    ).first()
    return found is not None


def preferences_of(session: Session, user_id: uuid.UUID) -> PreferencesPublic:
    """The person's preferences as the API shows them: `weekly_digest` defaults to true for
    someone who is an executive or admin of a workspace."""
    row = session.get(NotificationPreferences, user_id)
    immediate = row.email_immediate if row else [k.value for k in DEFAULT_EMAIL_IMMEDIATE]
    digest = row.weekly_digest if row is not None else None
    if digest is None:
        digest = _decides_somewhere(session, user_id)
    return PreferencesPublic(
        email_immediate=[NotificationKind(k) for k in _ordered(immediate)], weekly_digest=digest
    )


def _ordered(kinds: Iterable[str]) -> list[str]:
    chosen = set(kinds)
    return [kind.value for kind in NotificationKind if kind.value in chosen]


def _preferences_row(
    session: Session, user_id: uuid.UUID, now: datetime
) -> NotificationPreferences:
    row = session.get(NotificationPreferences, user_id, with_for_update=True)
    if row is None:
        row = NotificationPreferences(
            user_id=user_id,
            email_immediate=[k.value for k in DEFAULT_EMAIL_IMMEDIATE],
            weekly_digest=None,
            created_at=now,
            updated_at=now,
        )
        session.add(row)
    return row


def update_preferences(
    session: Session, *, user_id: uuid.UUID, changes: Mapping[str, Any], now: datetime
) -> PreferencesPublic:
    """Merge ``changes`` (`email_immediate`, `weekly_digest`) into the saved preferences."""
    for field, value in changes.items():
        if value is None:
            raise InvalidInput.field(["body", field], "This field cannot be null.")
    row = _preferences_row(session, user_id, now)
    if "email_immediate" in changes:
        row.email_immediate = _ordered(
            NotificationKind(k).value for k in changes["email_immediate"]
        )
    if "weekly_digest" in changes:
        row.weekly_digest = bool(changes["weekly_digest"])
    row.updated_at = now
    session.add(row)
    session.flush()
    return preferences_of(session, user_id)


def weekly_digest_choices(
    session: Session, user_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, bool | None]:
    """Each person's saved `weekly_digest` (``None``: never chosen, the role decides)."""
    rows = session.exec(
        select(NotificationPreferences).where(
            col(NotificationPreferences.user_id).in_(list(user_ids))
        )
    ).all()
    saved = {row.user_id: row.weekly_digest for row in rows}
    return {user_id: saved.get(user_id) for user_id in user_ids}


def on_mail_unsubscribed(session: Session, event: MailUnsubscribed) -> None:
    """A person with an account followed a message's one-click unsubscribe: that kind of mail
    stops (the digest turns `weekly_digest` off; a notification kind leaves `email_immediate`)."""
    if event.user_id is None:
        return
    if session.get(User, event.user_id) is None:
        return
    now = event_time(session, event)
    row = _preferences_row(session, event.user_id, now)
    if event.kind == DIGEST_MAIL_KIND:
        row.weekly_digest = False
    else:
        kind = _MAIL_KIND_TO_NOTIFICATION.get(event.kind, event.kind)
        row.email_immediate = [k for k in row.email_immediate if k != kind]
    row.updated_at = now
    session.add(row)
    session.flush()


def event_time(session: Session, event: object) -> datetime:
    value = getattr(event, "now", None)
    return value if isinstance(value, datetime) else now_of(session)


# --- reading and marking -----------------------------------------------------------------------


def notification_public(notification: Notification) -> NotificationPublic:
    return NotificationPublic(
        id=notification.id,
        kind=NotificationKind(notification.kind),
        workspace_id=notification.workspace_id,
        pilot_id=notification.pilot_id,
        title=notification.title,
        body=notification.body,
        url=notification.url,
        created_at=notification.created_at,
        read_at=notification.read_at,
    )


def list_notifications(
    session: Session, *, user_id: uuid.UUID, unread: bool, params: ListParams
) -> tuple[list[NotificationPublic], str | None]:
    """The person's notifications, newest first, in the workspaces they are still a member of
    (and their invitations)."""
    statement = select(Notification).where(Notification.user_id == user_id, _still_theirs(user_id))
    if unread:
        statement = statement.where(col(Notification.read_at).is_(None))
    rows = session.exec(paginate_query(statement, NEWEST_FIRST, params)).all()
    page, cursor = cut_page(rows, NEWEST_FIRST, params, lambda n: (n.created_at, n.id))
    return [notification_public(n) for n in page], cursor


def _still_theirs(user_id: uuid.UUID) -> Any:
    member = (
        select(Membership.id)
        .where(
            col(Membership.workspace_id) == col(Notification.workspace_id),
            col(Membership.user_id) == user_id,
        )
        .exists()
    )
    return member | (col(Notification.kind) == NotificationKind.invited.value)


def unread_count(session: Session, *, user_id: uuid.UUID) -> int:
    return int(
        session.exec(
            select(func.count())
            .select_from(Notification)
            .where(
                Notification.user_id == user_id,
                col(Notification.read_at).is_(None),
                _still_theirs(user_id),
            )
        ).one()
    )


def mark_read(
    session: Session,
    *,
    user_id: uuid.UUID,
    ids: Sequence[uuid.UUID] | None,
    everything: bool,
    now: datetime,
) -> int:
    """Mark the person's notifications ``ids`` (or all of them) read; ids that are not theirs
    are ignored like read ones. Returns how many stay unread."""
    statement = (
        update(Notification)
        .where(col(Notification.user_id) == user_id, col(Notification.read_at).is_(None))
        .values(read_at=now)
    )
    if not everything:
        statement = statement.where(col(Notification.id).in_(list(ids or [])))
    session.execute(statement)
    return unread_count(session, user_id=user_id)
