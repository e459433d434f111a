from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Response, status

from pilotboard.access import (
    Authenticated,
    BrowserUser,
    MembersAdmin,
    WorkspaceAdmin,
    WorkspaceRead,
)
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import problems
from pilotboard.core.etag import IfMatch, check_if_match, set_etag
from pilotboard.core.pagination import ListParamsDep, Page
from pilotboard.workspaces import service
from pilotboard.workspaces.schemas import (
    MemberCreate,
    MemberPublic,
    MemberUpdate,
    WorkspaceCreate,
    WorkspacePublic,
    WorkspaceUpdate,
)

router = APIRouter(tags=["workspaces"])

UserId = Annotated[uuid.UUID, Path(description="The member's user id.")]


@router.get(
    "/workspaces",
    operation_id="listWorkspaces",
    summary="The workspaces I am a member of",
    response_model=Page[WorkspacePublic],
    responses=problems(401),
)
def list_workspaces(
    principal: Authenticated, db: SessionDep, params: ListParamsDep
) -> Page[WorkspacePublic]:
    """With an API token, only the token's workspace."""
    items, cursor = service.list_workspaces(
        db,
        user_id=principal.user.id,
        only=principal.token.workspace_id if principal.token else None,
        params=params,
    )
    return Page[WorkspacePublic](items=items, next_cursor=cursor)


@router.post(
    "/workspaces",
    operation_id="createWorkspace",
    description="Creates a workspace (one portfolio) and makes you its admin. It starts with "
    "the default rubric and thresholds.",
    summary="Create a workspace (you become its admin)",
    status_code=status.HTTP_201_CREATED,
    response_model=WorkspacePublic,
    responses=problems(401, 403),
)
def create_workspace(
    body: WorkspaceCreate,
    principal: BrowserUser,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
) -> WorkspacePublic:
    created = service.create_workspace(
        db,
        user=principal.user,
        actor=principal.actor,
        name=body.name,
        currency=body.currency,
        now=clock.now(),
    )
    set_etag(response, created)
    return created


@router.get(
    "/workspaces/{workspace_id}",
    operation_id="getWorkspace",
    description="The workspace, with your role in it. `404` when you are not a member.",
    summary="One workspace",
    response_model=WorkspacePublic,
    responses=problems(401, 404),
)
def get_workspace(access: WorkspaceRead, response: Response) -> WorkspacePublic:
    read = service.workspace_public(access.workspace, access.role)
    set_etag(response, read)
    return read


@router.patch(
    "/workspaces/{workspace_id}",
    operation_id="updateWorkspace",
    description="Only the fields sent change. Honours `If-Match`.",
    summary="Rename a workspace or change its currency (admins)",
    response_model=WorkspacePublic,
    responses=problems(401, 403, 404, 412),
)
def update_workspace(
    body: WorkspaceUpdate,
    access: WorkspaceAdmin,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
    if_match: IfMatch = None,
) -> WorkspacePublic:
    check_if_match(
        if_match, service.workspace_public(access.workspace, access.role), what="workspace"
    )
    workspace = service.update_workspace(
        db,
        workspace=access.workspace,
        actor=access.actor,
        changes=body.model_dump(exclude_unset=True),
        now=clock.now(),
    )
    read = service.workspace_public(workspace, access.role)
    set_etag(response, read)
    return read


@router.get(
    "/workspaces/{workspace_id}/members",
    operation_id="listMembers",
    description="Every member with their role and whether their account is active, in the order "
    "they joined.",
    summary="Members of the workspace and their roles",
    response_model=Page[MemberPublic],
    responses=problems(401, 404),
)
def list_members(
    access: WorkspaceRead, db: SessionDep, params: ListParamsDep
) -> Page[MemberPublic]:
    items, cursor = service.list_members(db, workspace_id=access.workspace_id, params=params)
    return Page[MemberPublic](items=items, next_cursor=cursor)


@router.post(
    "/workspaces/{workspace_id}/members",
    operation_id="addMember",
    description="Adds an existing user by email with a role. `409` when they are already a "
    "member. Browser sessions only.",
    summary="Add an existing user by email (admins)",
    status_code=status.HTTP_201_CREATED,
    response_model=MemberPublic,
    responses=problems(401, 403, 404, 409),
)
def add_member(
    body: MemberCreate, access: MembersAdmin, db: SessionDep, clock: ClockDep, response: Response
) -> MemberPublic:
    member = service.add_member(
        db,
        workspace_id=access.workspace_id,
        actor=access.actor,
        email=body.email,
        role=body.role,
        now=clock.now(),
    )
    set_etag(response, member)
    return member


@router.patch(
    "/workspaces/{workspace_id}/members/{user_id}",
    operation_id="updateMember",
    description="Changes a member's role; the last admin cannot be demoted. The health of "
    "pilots they own or sponsor is re-evaluated. Browser sessions only.",
    summary="Change a member's role (admins; the last admin stays admin)",
    response_model=MemberPublic,
    responses=problems(401, 403, 404, 409, 412),
)
def update_member(
    user_id: UserId,
    body: MemberUpdate,
    access: MembersAdmin,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
    if_match: IfMatch = None,
) -> MemberPublic:
    membership, user = service.get_member(
        db, workspace_id=access.workspace_id, user_id=user_id, for_update=True
    )
    check_if_match(if_match, service.member_public(membership, user), what="membership")
    member = service.change_role(
        db, membership=membership, user=user, actor=access.actor, role=body.role, now=clock.now()
    )
    set_etag(response, member)
    return member


@router.delete(
    "/workspaces/{workspace_id}/members/{user_id}",
    operation_id="removeMember",
    description="Removes a member (never the last admin). Pilots they own or sponsor are "
    "re-evaluated: they may become at risk (`owner_inactive`, `no_sponsor`). Browser "
    "sessions only.",
    summary="Remove a member (admins; never the last admin)",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(401, 403, 404, 409, 412),
)
def remove_member(
    user_id: UserId,
    access: MembersAdmin,
    db: SessionDep,
    clock: ClockDep,
    if_match: IfMatch = None,
) -> Response:
    membership, user = service.get_member(
        db, workspace_id=access.workspace_id, user_id=user_id, for_update=True
    )
    check_if_match(if_match, service.member_public(membership, user), what="membership")
    service.remove_member(db, membership=membership, user=user, actor=access.actor, now=clock.now())
    return Response(status_code=204)
