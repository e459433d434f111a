"""Workspaces and memberships; a workspace always keeps at least one admin."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import func
from sqlmodel import Session, col, select

from pilotboard.accounts.models import User
from pilotboard.accounts.service import find_user_by_email
from pilotboard.activity.service import Actor, record
from pilotboard.core.errors import Conflict, InvalidInput, NotFound
from pilotboard.core.events import publish
from pilotboard.core.pagination import ListParams, SortKey, cut_page, paginate_query
from pilotboard.workspaces.events import MembershipChanged
from pilotboard.workspaces.models import Membership, Role, Workspace
from pilotboard.workspaces.schemas import MemberPublic, WorkspacePublic

WORKSPACE_SORT = SortKey(columns=(col(Workspace.created_at), col(Workspace.id)))
MEMBER_SORT = SortKey(columns=(col(Membership.created_at), col(Membership.id)))


def workspace_public(workspace: Workspace, role: Role | str) -> WorkspacePublic:
    return WorkspacePublic(
        id=workspace.id,
        name=workspace.name,
        currency=workspace.currency,
        role=Role(role),
        created_at=workspace.created_at,
        updated_at=workspace.updated_at,
    )


def member_public(membership: Membership, user: User) -> MemberPublic:
    return MemberPublic(
        id=membership.id,
        user_id=user.id,
        email=user.email,
        name=user.name,
        role=Role(membership.role),
        is_active=user.is_active,
        created_at=membership.created_at,
        updated_at=membership.updated_at,
    )


def list_workspaces(
    session: Session,
    *,
    user_id: uuid.UUID,
    only: uuid.UUID | None,
    params: ListParams,
) -> tuple[list[WorkspacePublic], str | None]:
    statement = (
        select(Workspace, Membership.role)
        .join(Membership, col(Membership.workspace_id) == col(Workspace.id))
        .where(Membership.user_id == user_id)
    )
    if only is not None:
        statement = statement.where(Workspace.id == only)
    rows = session.execute(paginate_query(statement, WORKSPACE_SORT, params)).all()
    page, cursor = cut_page(rows, WORKSPACE_SORT, params, lambda r: (r[0].created_at, r[0].id))
    return [workspace_public(workspace, role) for workspace, role in page], cursor


def create_workspace(
    session: Session, *, user: User, actor: Actor, name: str, currency: str, now: datetime
) -> WorkspacePublic:
    workspace = Workspace(name=name, currency=currency, created_at=now, updated_at=now)
    session.add(workspace)
    session.flush()
    membership = Membership(
        workspace_id=workspace.id, user_id=user.id, role=Role.admin, created_at=now, updated_at=now
    )
    session.add(membership)
    session.flush()
    record(
        session,
        actor=actor,
        now=now,
        action="workspace.created",
        object_type="workspace",
        object_id=workspace.id,
        workspace_id=workspace.id,
        summary=f"Workspace “{name}” created",
        after={"name": name, "currency": currency},
    )
    record(
        session,
        actor=actor,
        now=now,
        action="membership.created",
        object_type="membership",
        object_id=membership.id,
        workspace_id=workspace.id,
        summary=f"{user.name} joined as admin",
        after={"user_id": user.id, "email": user.email, "role": "admin"},
    )
    return workspace_public(workspace, Role.admin)


def update_workspace(
    session: Session,
    *,
    workspace: Workspace,
    actor: Actor,
    changes: dict[str, object],
    now: datetime,
) -> Workspace:
    before = {"name": workspace.name, "currency": workspace.currency}
    for field, value in changes.items():
        if value is None:
            raise InvalidInput.field(["body", field], "This field cannot be null.")
        setattr(workspace, field, value)
    after = {"name": workspace.name, "currency": workspace.currency}
    if after != before:
        workspace.updated_at = now
        session.add(workspace)
        record(
            session,
            actor=actor,
            now=now,
            action="workspace.updated",
            object_type="workspace",
            object_id=workspace.id,
            workspace_id=workspace.id,
            summary="Workspace settings changed",
            before=before,
            after=after,
        )
    session.flush()
    return workspace


def list_members(
    session: Session, *, workspace_id: uuid.UUID, params: ListParams
) -> tuple[list[MemberPublic], str | None]:
    statement = (
        select(Membership, User)
        .join(User, col(User.id) == col(Membership.user_id))
        .where(Membership.workspace_id == workspace_id)
    )
    rows = session.execute(paginate_query(statement, MEMBER_SORT, params)).all()
    page, cursor = cut_page(rows, MEMBER_SORT, params, lambda r: (r[0].created_at, r[0].id))
    return [member_public(membership, user) for membership, user in page], cursor


def get_member(
    session: Session, *, workspace_id: uuid.UUID, user_id: uuid.UUID, for_update: bool = False
) -> tuple[Membership, User]:
    statement = (
        select(Membership, User)
        .join(User, col(User.id) == col(Membership.user_id))
        .where(Membership.workspace_id == workspace_id, Membership.user_id == user_id)
    )
    if for_update:
        statement = statement.with_for_update(of=Membership)
    row = session.execute(statement).first()
    if row is None:
        raise NotFound("No member with this user id in the workspace.")
    return row[0], row[1]


def add_member(
    session: Session,
    *,
    workspace_id: uuid.UUID,
    actor: Actor,
    email: str,
    role: Role,
    now: datetime,
) -> MemberPublic:
    user = find_user_by_email(session, email)
    if user is None:
        raise InvalidInput.field(
            ["body", "email"],
            "No Pilotboard user has this email. Ask an instance admin to create the account first.",
        )
    exists = session.execute(
        select(Membership.id).where(
            Membership.workspace_id == workspace_id, Membership.user_id == user.id
        )
    ).first()
    if exists is not None:
        raise Conflict(f"{user.email} is already a member of this workspace.")
    membership = Membership(
        workspace_id=workspace_id, user_id=user.id, role=role, created_at=now, updated_at=now
    )
    session.add(membership)
    session.flush()
    record(
        session,
        actor=actor,
        now=now,
        action="membership.created",
        object_type="membership",
        object_id=membership.id,
        workspace_id=workspace_id,
        summary=f"{user.name} added as {role.value}",
        after={"user_id": user.id, "email": user.email, "role": role.value},
    )
    return member_public(membership, user)


def _admin_count(session: Session, workspace_id: uuid.UUID) -> int:
    return int(
        session.execute(
            select(func.count())
            .select_from(Membership)
            .where(Membership.workspace_id == workspace_id, Membership.role == Role.admin.value)
        ).scalar_one()
    )


def _lock_admins(session: Session, workspace_id: uuid.UUID) -> None:
    """Serialize admin changes per workspace, so two demotions can't both pass the check."""
    session.execute(
        select(Workspace.id).where(Workspace.id == workspace_id).with_for_update()
    ).first()


def change_role(
    session: Session,
    *,
    membership: Membership,
    user: User,
    actor: Actor,
    role: Role,
    now: datetime,
) -> MemberPublic:
    if membership.role == role:
        return member_public(membership, user)
    _lock_admins(session, membership.workspace_id)
    if membership.role == Role.admin and _admin_count(session, membership.workspace_id) <= 1:
        raise Conflict(
            "This is the workspace's last admin: make another member admin first.",
            extra={"code": "last_admin"},
        )
    before = {"role": str(membership.role)}
    membership.role = role
    membership.updated_at = now
    session.add(membership)
    session.flush()
    record(
        session,
        actor=actor,
        now=now,
        action="membership.updated",
        object_type="membership",
        object_id=membership.id,
        workspace_id=membership.workspace_id,
        summary=f"{user.name} is now {role.value}",
        before=before,
        after={"role": role.value},
    )
    _refresh_pilots_of(session, membership.workspace_id, user.id, now)
    return member_public(membership, user)


def _refresh_pilots_of(
    session: Session, workspace_id: uuid.UUID, user_id: uuid.UUID, now: datetime
) -> None:
    """Owners and sponsors must be active members: their pilots' health may change."""
    publish(session, MembershipChanged(workspace_id=workspace_id, user_id=user_id, now=now))


def remove_member(
    session: Session, *, membership: Membership, user: User, actor: Actor, now: datetime
) -> None:
    _lock_admins(session, membership.workspace_id)
    if membership.role == Role.admin and _admin_count(session, membership.workspace_id) <= 1:
        raise Conflict(
            "This is the workspace's last admin: make another member admin first.",
            extra={"code": "last_admin"},
        )
    record(
        session,
        actor=actor,
        now=now,
        action="membership.deleted",
        object_type="membership",
        object_id=membership.id,
        workspace_id=membership.workspace_id,
        summary=f"{user.name} removed from the workspace",
        before={"user_id": user.id, "email": user.email, "role": str(membership.role)},
    )
    session.delete(membership)
    session.flush()
    _refresh_pilots_of(session, membership.workspace_id, user.id, now)
