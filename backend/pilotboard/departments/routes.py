from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from pilotboard.access import WorkspaceContext, WorkspaceRead, WorkspaceWrite
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import problems
from pilotboard.core.etag import IfMatch, check_if_match, etag_of, set_etag
from pilotboard.core.idempotency import IdempotencyKey, idempotent
from pilotboard.core.pagination import ListParamsDep, Page
from pilotboard.departments import service
from pilotboard.departments.schemas import DepartmentCreate, DepartmentPublic, DepartmentUpdate

router = APIRouter(prefix="/workspaces/{workspace_id}/departments", tags=["departments"])

DepartmentId = Annotated[uuid.UUID, Path(description="The department's id.")]
Search = Annotated[
    str | None,
    Query(
        max_length=200,
        description="Case-insensitive substring of the name, the lead or the KPI.",
    ),
]


def _caller(access: WorkspaceContext) -> uuid.UUID:
    """Whose Idempotency-Key namespace a POST uses: the API token's, else the user's."""
    token = access.principal.token
    return token.id if token is not None else access.user.id


@router.get(
    "",
    operation_id="listDepartments",
    description="Departments in the order they were added, paged with `limit` and `cursor`; `q` "
    "searches the name, lead and KPI.",
    summary="Departments of the workspace",
    response_model=Page[DepartmentPublic],
    responses=problems(401, 404),
)
def list_departments(
    access: WorkspaceRead, db: SessionDep, params: ListParamsDep, q: Search = None
) -> Page[DepartmentPublic]:
    items, cursor = service.list_departments(
        db, workspace_id=access.workspace_id, q=(q or "").strip() or None, params=params
    )
    return Page[DepartmentPublic](items=items, next_cursor=cursor)


@router.post(
    "",
    operation_id="createDepartment",
    summary="Add a department (editors and admins)",
    status_code=status.HTTP_201_CREATED,
    response_model=DepartmentPublic,
    responses=problems(401, 403, 404, 409),
)
def create_department(
    body: DepartmentCreate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """`409` when the workspace already has a department of that name (case-insensitively)."""
    now = clock.now()

    def create() -> tuple[BaseModel, dict[str, str]]:
        created = service.create_department(
            db,
            workspace_id=access.workspace_id,
            actor=access.actor,
            values=body.model_dump(),
            now=now,
        )
        return created, {"ETag": etag_of(created)}

    return idempotent(
        db,
        request=request,
        key=idempotency_key,
        caller=_caller(access),
        body=body,
        now=now,
        status_code=status.HTTP_201_CREATED,
        create=create,
    )


@router.get(
    "/{department_id}",
    operation_id="getDepartment",
    description="One department, with an `ETag` to send back as `If-Match` when changing it.",
    summary="One department",
    response_model=DepartmentPublic,
    responses=problems(401, 404),
)
def get_department(
    department_id: DepartmentId, access: WorkspaceRead, db: SessionDep, response: Response
) -> DepartmentPublic:
    read = service.department_public(
        service.get_department(db, workspace_id=access.workspace_id, department_id=department_id)
    )
    set_etag(response, read)
    return read


@router.patch(
    "/{department_id}",
    operation_id="updateDepartment",
    summary="Change a department (editors and admins)",
    response_model=DepartmentPublic,
    responses=problems(401, 403, 404, 409, 412),
)
def update_department(
    department_id: DepartmentId,
    body: DepartmentUpdate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
    if_match: IfMatch = None,
) -> DepartmentPublic:
    """Only the fields sent change; `null` is refused."""
    department = service.get_department(
        db, workspace_id=access.workspace_id, department_id=department_id, for_update=True
    )
    check_if_match(if_match, service.department_public(department), what="department")
    read = service.update_department(
        db,
        department=department,
        actor=access.actor,
        changes=body.model_dump(exclude_unset=True),
        now=clock.now(),
    )
    set_etag(response, read)
    return read


@router.delete(
    "/{department_id}",
    operation_id="deleteDepartment",
    summary="Delete a department no pilot relies on (editors and admins)",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(401, 403, 404, 409, 412),
)
def delete_department(
    department_id: DepartmentId,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    if_match: IfMatch = None,
) -> Response:
    """`409` naming the pilots (`pilots: [{id, title}]`) the department is involved in or
    named in the scale plan of."""
    department = service.get_department(
        db, workspace_id=access.workspace_id, department_id=department_id, for_update=True
    )
    check_if_match(if_match, service.department_public(department), what="department")
    service.delete_department(db, department=department, actor=access.actor, now=clock.now())
    return Response(status_code=status.HTTP_204_NO_CONTENT)
