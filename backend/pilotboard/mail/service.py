"""The email log and the one-click unsubscribe (RFC 8058)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from pilotboard.accounts.models import User
from pilotboard.core.errors import NotFound
from pilotboard.core.events import publish
from pilotboard.core.pagination import ListParams, SortKey, cut_page, paginate_query
from pilotboard.mail.events import MailUnsubscribed
from pilotboard.mail.models import MailMessage, MailState, MailSuppression
from pilotboard.mail.outbox import DEFAULT_APP_NAME
from pilotboard.mail.schemas import MailLogItem, UnsubscribeInfo
from pilotboard.workspaces.models import Workspace

LOG_SORT = SortKey(columns=(col(MailMessage.created_at), col(MailMessage.id)), descending=True)
UNKNOWN_LINK = "This unsubscribe link is not known: it may be mistyped, or no longer valid."


def log_item(message: MailMessage) -> MailLogItem:
    return MailLogItem(
        id=message.id,
        to=message.to_address,
        subject=message.subject,
        kind=message.kind,
        state=MailState(message.state),
        attempts=message.attempts,
        last_error=message.last_error,
        created_at=message.created_at,
        sent_at=message.sent_at,
    )


def list_log(
    session: Session, *, workspace_id: uuid.UUID, state: MailState | None, params: ListParams
) -> tuple[list[MailLogItem], str | None]:
    """The workspace's messages, newest first."""
    statement = select(MailMessage).where(MailMessage.workspace_id == workspace_id)
    if state is not None:
        statement = statement.where(MailMessage.state == state.value)
    rows = session.exec(paginate_query(statement, LOG_SORT, params)).all()
    page, cursor = cut_page(rows, LOG_SORT, params, lambda m: (m.created_at, m.id))
    return [log_item(message) for message in page], cursor


def mask_address(address: str) -> str:
    """``e***@demo.local``: enough for its owner to recognise, little for anyone else."""
    local, _, domain = address.partition("@")
    return f"{local[:1]}***@{domain}"


def _message_for(session: Session, token: str) -> MailMessage:
    message = session.exec(
        select(MailMessage).where(MailMessage.unsubscribe_token == token)
    ).first()
    if message is None:
        raise NotFound(UNKNOWN_LINK)
    return message


def _info(session: Session, message: MailMessage) -> UnsubscribeInfo:
    workspace = (
        session.get(Workspace, message.workspace_id) if message.workspace_id is not None else None
    )
    return UnsubscribeInfo(
        workspace_name=workspace.name if workspace is not None else DEFAULT_APP_NAME,
        kind=message.kind,
        address=mask_address(message.to_address),
    )


def describe_unsubscribe(session: Session, *, token: str) -> UnsubscribeInfo:
    """What the link stops, for the page that asks the person to confirm."""
    return _info(session, _message_for(session, token))


def unsubscribe(session: Session, *, token: str, now: datetime) -> UnsubscribeInfo:
    """Stop the message's kind of mail to its address (idempotent).

    An address with an account: publish :class:`MailUnsubscribed` (the notifications domain
    turns it into the person's preferences). Without one: the workspace stops mailing the
    address (a suppression row, which :func:`outbox.queue_mail` honours).
    """
    message = _message_for(session, token)
    user_id = message.user_id
    if user_id is None or session.get(User, user_id) is None:
        user_id = session.exec(select(User.id).where(User.email == message.to_address)).first()
    if user_id is not None:
        publish(
            session,
            MailUnsubscribed(
                workspace_id=message.workspace_id,
                user_id=user_id,
                address=message.to_address,
                kind=message.kind,
            ),
        )
    else:
        _suppress(session, message=message, now=now)
    return _info(session, message)


def _suppress(session: Session, *, message: MailMessage, now: datetime) -> None:
    condition = (
        col(MailSuppression.workspace_id).is_(None)
        if message.workspace_id is None
        else MailSuppression.workspace_id == message.workspace_id
    )
    exists = session.exec(
        select(MailSuppression.id).where(condition, MailSuppression.address == message.to_address)
    ).first()
    if exists is not None:
        return
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = MailSuppression.__table__  # type: ignore[attr-defined]
    # Two clicks at once: the unique (workspace_id, address) keeps one row, the other is a no-op.
    session.execute(
        insert(table)
        .values(
            id=uuid.uuid4(),
            workspace_id=message.workspace_id,
            address=message.to_address,
            kind=message.kind,
            created_at=now,
        )
        .on_conflict_do_nothing()
    )
