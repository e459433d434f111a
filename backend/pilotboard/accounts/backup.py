"""The people of a workspace export: who the document's references name, and, on restore, the
accounts here that stand for them (linked by email)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from sqlmodel import Session, col, select

from pilotboard.accounts.models import User
from pilotboard.core.errors import InvalidInput
from pilotboard.exports.schemas import ExportPerson


def export_people(session: Session, user_ids: set[uuid.UUID]) -> list[ExportPerson]:
    """The people with these ids, by email (no query when there are none)."""
    people = (
        session.exec(select(User).where(col(User.id).in_(user_ids)).order_by(col(User.email))).all()
        if user_ids
        else []
    )
    return [ExportPerson(user_id=u.id, email=u.email, name=u.name) for u in people]


@dataclass
class People:
    """The accounts here that stand for the people of a document."""

    accounts: dict[str, User]
    """Lower-case email → account, for every email the document (or the restorer) names."""
    admin: User | None
    """The account the restorer named to be admin, if one was named."""
    users: dict[uuid.UUID, uuid.UUID]
    """The document's user id → the account with the same email."""
    missing: list[str]
    """Emails in the document without an account here, sorted."""


def resolve_people(
    session: Session, *, people: Sequence[ExportPerson], admin_email: str | None
) -> People:
    """Link ``people`` (members first, then the others) to the accounts with the same email, in
    one query; 422 when ``admin_email`` names no account."""
    emails = {p.email.lower() for p in people}
    if admin_email:
        emails.add(admin_email.strip().lower())
    accounts = {
        user.email: user
        for user in session.exec(select(User).where(col(User.email).in_(sorted(emails)))).all()
    }
    admin: User | None = None
    if admin_email:
        admin = accounts.get(admin_email.strip().lower())
        if admin is None:
            raise InvalidInput.field(
                ["admin"], f"No account has the email {admin_email}; create it first."
            )
    person_of = {p.user_id: p.email.lower() for p in people}
    return People(
        accounts=accounts,
        admin=admin,
        users={old: accounts[email].id for old, email in person_of.items() if email in accounts},
        missing=sorted({email for email in person_of.values() if email not in accounts}),
    )
