"""Invitations: an admin invites an address, the person follows the link and joins.

- The answer to an invitation never says whether the address has an account: the same shape,
  the same status. The person learns it from the link (``account_exists``): a new person sets a
  name and a password (the rules of ``create-user``); someone with an account signs in and
  accepts with it, and is also told in the app (an `invited` notification).
- The link's token has 256 bits and is stored as its SHA-256 only; it works once, for 7 days.
  Resending gives a new token and a new week (the old link dies); revoking kills it at once.
"""

from __future__ import annotations

import secrets
import unicodedata
import uuid
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from pilotboard.accounts.models import User
from pilotboard.accounts.service import create_user, find_user_by_email
from pilotboard.activity.service import Actor, record
from pilotboard.core import security
from pilotboard.core.errors import Conflict, Forbidden, InvalidInput, NotFound, Unauthorized
from pilotboard.core.pagination import ListParams, SortKey, cut_page, paginate_query
from pilotboard.invitations.models import INVITATION_DAYS, Invitation
from pilotboard.invitations.schemas import InvitationPreview, InvitationPublic
from pilotboard.mail.outbox import check_address, queue_mail
from pilotboard.notifications.models import NotificationKind
from pilotboard.notifications.paths import invitation_path
from pilotboard.notifications.service import notify
from pilotboard.workspaces.models import Membership, Role, Workspace

TOKEN_BYTES = 32  # 256 bits
NEWEST_FIRST = SortKey(columns=(col(Invitation.created_at), col(Invitation.id)), descending=True)
GONE = (
    "This invitation link is no longer valid: it was used, revoked or has expired. Ask the "
    "person who invited you to send a new one."
)
ROLE_LABELS = {
    Role.admin.value: "an admin",
    Role.editor.value: "an editor",
    Role.executive.value: "an executive",
    Role.viewer.value: "a viewer",
}


def invitation_public(invitation: Invitation) -> InvitationPublic:
    return InvitationPublic(
        id=invitation.id,
        email=invitation.email,
        role=Role(invitation.role),
        created_at=invitation.created_at,
        expires_at=invitation.expires_at,
    )


def _snapshot(invitation: Invitation) -> dict[str, object]:
    return {"email": invitation.email, "role": invitation.role, "expires_at": invitation.expires_at}


def _is_pending(invitation: Invitation, now: datetime) -> bool:
    return (
        invitation.accepted_at is None
        and invitation.revoked_at is None
        and invitation.expires_at > now
    )


# --- the admin's side ------------------------------------------------------------------------


def list_pending(
    session: Session, *, workspace_id: uuid.UUID, params: ListParams
) -> tuple[list[InvitationPublic], str | None]:
    """Invitations neither accepted nor revoked, newest first (expired ones too: they can be
    resent)."""
    statement = select(Invitation).where(
        Invitation.workspace_id == workspace_id,
        col(Invitation.accepted_at).is_(None),
        col(Invitation.revoked_at).is_(None),
    )
    rows = session.exec(paginate_query(statement, NEWEST_FIRST, params)).all()
    page, cursor = cut_page(rows, NEWEST_FIRST, params, lambda i: (i.created_at, i.id))
    return [invitation_public(i) for i in page], cursor


def invite(
    session: Session,
    *,
    workspace: Workspace,
    inviter: User,
    actor: Actor,
    email: str,
    role: Role,
    now: datetime,
) -> InvitationPublic:
    """Invite ``email`` with ``role`` and send the link. An earlier pending invitation of the
    same address is replaced (its link dies). `409` when the address is already a member."""
    address = check_address(email, loc=["body", "email"])
    member = session.exec(
        select(Membership.id)
        .join(User, col(User.id) == col(Membership.user_id))
        .where(Membership.workspace_id == workspace.id, User.email == address)
    ).first()
    if member is not None:
        raise Conflict(f"{address} is already a member of this workspace.")
    for earlier in session.exec(
        select(Invitation)
        .where(
            Invitation.workspace_id == workspace.id,
            Invitation.email == address,
            col(Invitation.accepted_at).is_(None),
            col(Invitation.revoked_at).is_(None),
        )
        .with_for_update()
    ).all():
        earlier.revoked_at = now
        earlier.updated_at = now
        session.add(earlier)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    invitation = Invitation(
        workspace_id=workspace.id,
        email=address,
        role=role.value,
        token_hash=security.sha256_hex(token),
        invited_by=inviter.id,
        expires_at=now + timedelta(days=INVITATION_DAYS),
        created_at=now,
        updated_at=now,
    )
    session.add(invitation)
    session.flush()
    record(
        session,
        actor=actor,
        now=now,
        action="invitation.created",
        object_type="invitation",
        object_id=invitation.id,
        workspace_id=workspace.id,
        summary=f"{address} invited as {role.value}",
        after=_snapshot(invitation),
    )
    _deliver(session, invitation=invitation, token=token, workspace=workspace, inviter=inviter)
    return invitation_public(invitation)


def _deliver(
    session: Session, *, invitation: Invitation, token: str, workspace: Workspace, inviter: User
) -> None:
    """Send the link: to someone with an account as an `invited` notification (in the app, and
    by email per their preferences), to anyone else by email."""
    now = invitation.updated_at
    path = invitation_path(token)
    role = ROLE_LABELS[invitation.role]
    expires_on = invitation.expires_at.date().isoformat()
    account = find_user_by_email(session, invitation.email)
    if account is not None and account.is_active:
        notify(
            session,
            recipients=[account.id],
            kind=NotificationKind.invited,
            workspace_id=workspace.id,
            pilot_id=None,
            title=f"{inviter.name} invited you to {workspace.name}",
            body=f"You are invited to join {workspace.name} as {role}. Accept with the account "
            f"you are signed in with; the invitation is valid until {expires_on}.",
            url=path,
            now=now,
            actor_id=inviter.id,
        )
        return
    queue_mail(
        session,
        to=invitation.email,
        kind="invitation",
        template="invitation",
        context={
            "inviter_name": inviter.name,
            "role_label": role,
            "accept_path": path,
            "expires_on": expires_on,
        },
        now=now,
        workspace_id=workspace.id,
        user_id=account.id if account is not None else None,
    )


def get_invitation(
    session: Session, *, workspace_id: uuid.UUID, invitation_id: uuid.UUID
) -> Invitation:
    """A pending invitation of the workspace (not accepted, not revoked; possibly expired)."""
    invitation = session.exec(
        select(Invitation)
        .where(Invitation.workspace_id == workspace_id, Invitation.id == invitation_id)
        .with_for_update()
    ).first()
    if invitation is None or invitation.accepted_at is not None or invitation.revoked_at:
        raise NotFound("No pending invitation with this id.")
    return invitation


def resend(
    session: Session,
    *,
    invitation: Invitation,
    workspace: Workspace,
    inviter: User,
    actor: Actor,
    now: datetime,
) -> InvitationPublic:
    """A new link, valid 7 days from now; the old one dies."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    invitation.token_hash = security.sha256_hex(token)
    invitation.expires_at = now + timedelta(days=INVITATION_DAYS)
    invitation.updated_at = now
    session.add(invitation)
    session.flush()
    record(
        session,
        actor=actor,
        now=now,
        action="invitation.resent",
        object_type="invitation",
        object_id=invitation.id,
        workspace_id=workspace.id,
        summary=f"Invitation of {invitation.email} sent again",
        after=_snapshot(invitation),
    )
    _deliver(session, invitation=invitation, token=token, workspace=workspace, inviter=inviter)
    return invitation_public(invitation)


def revoke(session: Session, *, invitation: Invitation, actor: Actor, now: datetime) -> None:
    invitation.revoked_at = now
    invitation.updated_at = now
    session.add(invitation)
    record(
        session,
        actor=actor,
        now=now,
        action="invitation.revoked",
        object_type="invitation",
        object_id=invitation.id,
        workspace_id=invitation.workspace_id,
        summary=f"Invitation of {invitation.email} revoked",
        before=_snapshot(invitation),
    )


# --- the invited person's side ---------------------------------------------------------------


def _by_token(session: Session, token: str, now: datetime, *, for_update: bool) -> Invitation:
    if not token or len(token) > 200:
        raise NotFound(GONE)
    statement = select(Invitation).where(Invitation.token_hash == security.sha256_hex(token))
    if for_update:
        statement = statement.with_for_update()
    invitation = session.exec(statement).first()
    if invitation is None or not _is_pending(invitation, now):
        raise NotFound(GONE)
    return invitation


def preview(session: Session, *, token: str, now: datetime) -> InvitationPreview:
    invitation = _by_token(session, token, now, for_update=False)
    workspace = session.get(Workspace, invitation.workspace_id)
    assert workspace is not None
    inviter = session.get(User, invitation.invited_by) if invitation.invited_by else None
    return InvitationPreview(
        workspace_name=workspace.name,
        role=Role(invitation.role),
        invited_by=inviter.name if inviter is not None else None,
        email=invitation.email,
        account_exists=find_user_by_email(session, invitation.email) is not None,
    )


def accept(
    session: Session,
    *,
    token: str,
    signed_in: User | None,
    name: str | None,
    password: str | None,
    actor: Actor,
    now: datetime,
) -> User:
    """Join the workspace: with ``name`` and ``password`` as a new account, or as ``signed_in``
    (who must have the invited address). Returns the person, for whom a session then starts."""
    invitation = _by_token(session, token, now, for_update=True)
    if name is None and password is None:
        user = _signed_in_as_invited(signed_in, invitation)
    else:
        user = _new_account(session, invitation, name=name, password=password, now=now)
    membership = session.exec(
        select(Membership).where(
            Membership.workspace_id == invitation.workspace_id, Membership.user_id == user.id
        )
    ).first()
    if membership is None:
        membership = Membership(
            workspace_id=invitation.workspace_id,
            user_id=user.id,
            role=Role(invitation.role),
            created_at=now,
            updated_at=now,
        )
        session.add(membership)
        session.flush()
        record(
            session,
            actor=Actor(
                user_id=user.id, client_address=actor.client_address, request_id=actor.request_id
            ),
            now=now,
            action="membership.created",
            object_type="membership",
            object_id=membership.id,
            workspace_id=invitation.workspace_id,
            summary=f"{user.name} joined as {invitation.role} (invitation)",
            after={"user_id": user.id, "email": user.email, "role": invitation.role},
        )
    invitation.accepted_at = now
    invitation.accepted_by = user.id
    invitation.updated_at = now
    session.add(invitation)
    record(
        session,
        actor=Actor(
            user_id=user.id, client_address=actor.client_address, request_id=actor.request_id
        ),
        now=now,
        action="invitation.accepted",
        object_type="invitation",
        object_id=invitation.id,
        workspace_id=invitation.workspace_id,
        summary=f"{user.name} accepted the invitation of {invitation.email}",
        after={"user_id": user.id, "role": invitation.role},
    )
    session.flush()
    return user


def _signed_in_as_invited(signed_in: User | None, invitation: Invitation) -> User:
    if signed_in is None:
        raise Unauthorized(
            f"Sign in as {invitation.email} to accept with your account, or send a name and a "
            "password to create one."
        )
    if signed_in.email != invitation.email:
        raise Forbidden(
            "This invitation is for another address: sign in with the invited address to accept it."
        )
    return signed_in


def _checked_name(name: str | None) -> str:
    """A person's name as ``create-user`` takes it: not blank, one line, no control
    characters (a name goes into mail headers and pages)."""
    if name is None:
        raise InvalidInput.field(["body", "name"], "A new account needs your name.")
    if any(unicodedata.category(char) == "Cc" or char in "\u2028\u2029" for char in name):
        raise InvalidInput.field(
            ["body", "name"], "The name must not contain line breaks or control characters."
        )
    if not name.strip():
        raise InvalidInput.field(["body", "name"], "The name cannot be blank.")
    return name.strip()


def _new_account(
    session: Session,
    invitation: Invitation,
    *,
    name: str | None,
    password: str | None,
    now: datetime,
) -> User:
    name = _checked_name(name)
    if password is None:
        raise InvalidInput.field(["body", "password"], "A new account needs a password.")
    problem = security.password_problem(password, email=invitation.email)
    if problem:
        raise InvalidInput.field(["body", "password"], problem)
    if find_user_by_email(session, invitation.email) is not None:
        raise Conflict(
            f"An account with {invitation.email} exists: sign in with it, then accept the "
            "invitation without a name and password."
        )
    return create_user(session, email=invitation.email, name=name, password=password, now=now)
