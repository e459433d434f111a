"""The workspace in an export: the workspace itself, its members with their roles, and its
settings; on restore, the new workspace and the same."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, select

from pilotboard.accounts.backup import People
from pilotboard.accounts.models import User
from pilotboard.core.errors import InvalidInput
from pilotboard.exports.context import RestoreContext, bulk_insert
from pilotboard.exports.schemas import ExportMember, ExportSettings, ExportWorkspace
from pilotboard.pilots.settings import workspace_rules
from pilotboard.workspaces.models import Membership, Role, Workspace, WorkspaceSettings

# --- export ----------------------------------------------------------------------------------


def export_workspace_row(workspace: Workspace) -> ExportWorkspace:
    return ExportWorkspace.model_validate(workspace, from_attributes=True)


def export_settings(session: Session, workspace_id: uuid.UUID) -> ExportSettings:
    """The rubric, thresholds and digest day in force (the defaults while nobody changed
    them)."""
    rubric, thresholds = workspace_rules(session, workspace_id)
    stored = session.get(WorkspaceSettings, workspace_id)
    return ExportSettings.model_validate(
        {
            "rubric": rubric,
            "thresholds": thresholds,
            "digest_weekday": stored.digest_weekday if stored else "monday",
            "updated_at": stored.updated_at if stored else None,
        }
    )


def export_members(session: Session, workspace_id: uuid.UUID) -> list[ExportMember]:
    """The members, by email."""
    members = session.exec(
        select(Membership, User)
        .join(User, col(User.id) == col(Membership.user_id))
        .where(Membership.workspace_id == workspace_id)
        .order_by(col(User.email))
    ).all()
    return [
        ExportMember(user_id=user.id, email=user.email, name=user.name, role=membership.role)
        for membership, user in members
    ]


# --- restore ---------------------------------------------------------------------------------


def member_roles(members: Sequence[ExportMember], people: People) -> dict[uuid.UUID, Role]:
    """Account id → role of each member with an account here, the restorer's account an admin;
    422 when none of them is an admin (nobody could open the workspace)."""
    roles: dict[uuid.UUID, Role] = {}
    for member in members:
        account = people.accounts.get(member.email.lower())
        if account is not None:
            roles[account.id] = member.role
    if people.admin is not None:
        roles[people.admin.id] = Role.admin
    if Role.admin not in roles.values():
        raise InvalidInput.field(
            ["admin"],
            "None of the workspace's admins has an account here, so nobody could open the "
            "restored workspace: name an existing account to make its admin.",
        )
    return roles


def restore_workspace_row(
    session: Session, part: ExportWorkspace, *, name: str | None, now: datetime
) -> Workspace:
    """The new workspace, named ``name`` or as in the document (flushed: it has its id)."""
    workspace = Workspace(
        name=(name or part.name).strip()[:100],
        currency=part.currency,
        created_at=now,
        updated_at=now,
    )
    session.add(workspace)
    session.flush()
    return workspace


def restore_members(
    session: Session, context: RestoreContext, roles: dict[uuid.UUID, Role]
) -> None:
    bulk_insert(
        session,
        Membership,
        [
            {
                "id": uuid.uuid4(),
                "workspace_id": context.workspace_id,
                "user_id": user_id,
                "role": role.value,
                "created_at": context.now,
                "updated_at": context.now,
            }
            for user_id, role in roles.items()
        ],
    )


def restore_settings(session: Session, context: RestoreContext, settings: ExportSettings) -> None:
    """Stored only when they were in the source (else the defaults apply, as they did there)."""
    if settings.updated_at is None:
        return
    bulk_insert(
        session,
        WorkspaceSettings,
        [
            {
                "workspace_id": context.workspace_id,
                "rubric": [c.model_dump() for c in settings.rubric],
                "thresholds": settings.thresholds,
                "digest_weekday": settings.digest_weekday,
                "created_at": settings.updated_at,
                "updated_at": settings.updated_at,
            }
        ],
    )
