"""The mail domain's daily job: forget messages finished long ago."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlmodel import Session, col

from pilotboard.mail.models import MailMessage, MailState

RETENTION = timedelta(days=180)


def forget_old_mail(session: Session, *, now: datetime) -> int:
    """Delete messages sent or failed more than ``RETENTION`` ago (their unsubscribe links die
    with them; queued messages are kept however old). Returns how many."""
    result = session.execute(
        delete(MailMessage).where(
            col(MailMessage.state).in_([MailState.sent.value, MailState.failed.value]),
            col(MailMessage.created_at) < now - RETENTION,
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)
