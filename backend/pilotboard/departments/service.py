"""Departments: unique names per workspace, never deleted while a pilot relies on them."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from pilotboard.activity.service import Actor, record
from pilotboard.core.errors import Conflict, NotFound
from pilotboard.core.pagination import ListParams, SortKey, cut_page, paginate_query
from pilotboard.departments.models import Department
from pilotboard.departments.schemas import DepartmentPublic
from pilotboard.pilots.models import Involvement, Pilot, ScalePlanItem

DEPARTMENT_SORT = SortKey(columns=(col(Department.created_at), col(Department.id)))
FIELDS = ("name", "lead_name", "kpi")


def department_public(department: Department) -> DepartmentPublic:
    return DepartmentPublic(
        id=department.id,
        name=department.name,
        lead_name=department.lead_name,
        kpi=department.kpi,
        created_at=department.created_at,
        updated_at=department.updated_at,
    )


def _fields(department: Department) -> dict[str, Any]:
    return {field: getattr(department, field) for field in FIELDS}


def list_departments(
    session: Session, *, workspace_id: uuid.UUID, q: str | None, params: ListParams
) -> tuple[list[DepartmentPublic], str | None]:
    statement = select(Department).where(Department.workspace_id == workspace_id)
    if q:
        statement = statement.where(
            or_(
                col(Department.name).icontains(q, autoescape=True),
                col(Department.lead_name).icontains(q, autoescape=True),
                col(Department.kpi).icontains(q, autoescape=True),
            )
        )
    rows = session.exec(paginate_query(statement, DEPARTMENT_SORT, params)).all()
    page, cursor = cut_page(rows, DEPARTMENT_SORT, params, lambda d: (d.created_at, d.id))
    return [department_public(department) for department in page], cursor


def get_department(
    session: Session,
    *,
    workspace_id: uuid.UUID,
    department_id: uuid.UUID,
    for_update: bool = False,
) -> Department:
    statement = select(Department).where(
        Department.workspace_id == workspace_id, Department.id == department_id
    )
    if for_update:
        statement = statement.with_for_update().execution_options(populate_existing=True)
    department = session.exec(statement).first()
    if department is None:
        raise NotFound("No department with this id.")
    return department


def _duplicate(name: str) -> Conflict:
    return Conflict(
        f"A department named “{name}” already exists in this workspace; choose another name.",
        extra={"code": "duplicate_name"},
    )


def _ensure_unique_name(
    session: Session, *, workspace_id: uuid.UUID, name: str, exclude: uuid.UUID | None = None
) -> None:
    statement = select(Department.id).where(
        Department.workspace_id == workspace_id,
        func.lower(Department.name) == name.lower(),
    )
    if exclude is not None:
        statement = statement.where(Department.id != exclude)
    if session.exec(statement).first() is not None:
        raise _duplicate(name)


def _flush_or_conflict(session: Session, name: str) -> None:
    """The unique constraint settles a race the check above lost."""
    try:
        session.flush()
    except IntegrityError as exc:
        raise _duplicate(name) from exc


def create_department(
    session: Session,
    *,
    workspace_id: uuid.UUID,
    actor: Actor,
    values: Mapping[str, Any],
    now: datetime,
) -> DepartmentPublic:
    name = str(values["name"])
    _ensure_unique_name(session, workspace_id=workspace_id, name=name)
    department = Department(
        workspace_id=workspace_id,
        name=name,
        lead_name=str(values.get("lead_name", "")),
        kpi=str(values.get("kpi", "")),
        created_at=now,
        updated_at=now,
    )
    session.add(department)
    _flush_or_conflict(session, name)
    record(
        session,
        actor=actor,
        now=now,
        action="department.created",
        object_type="department",
        object_id=department.id,
        workspace_id=workspace_id,
        summary=f"Department “{department.name}” created",
        after=_fields(department),
    )
    return department_public(department)


def update_department(
    session: Session,
    *,
    department: Department,
    actor: Actor,
    changes: Mapping[str, Any],
    now: datetime,
) -> DepartmentPublic:
    before = _fields(department)
    name = changes.get("name")
    if name is not None and name != department.name:
        _ensure_unique_name(
            session, workspace_id=department.workspace_id, name=name, exclude=department.id
        )
    for field, value in changes.items():
        setattr(department, field, value)
    after = _fields(department)
    if after != before:
        department.updated_at = now
        session.add(department)
        _flush_or_conflict(session, department.name)
        changed = [field for field in FIELDS if before[field] != after[field]]
        record(
            session,
            actor=actor,
            now=now,
            action="department.updated",
            object_type="department",
            object_id=department.id,
            workspace_id=department.workspace_id,
            summary=f"Department “{department.name}” changed: {', '.join(changed)}",
            before={field: before[field] for field in changed},
            after={field: after[field] for field in changed},
        )
    return department_public(department)


def pilots_using(
    session: Session, *, workspace_id: uuid.UUID, department_id: uuid.UUID
) -> list[tuple[uuid.UUID, str]]:
    """Pilots the department is involved in or named in the scale plan of (one query)."""
    involved = select(Involvement.pilot_id).where(
        Involvement.workspace_id == workspace_id, Involvement.department_id == department_id
    )
    planned = select(ScalePlanItem.pilot_id).where(
        ScalePlanItem.workspace_id == workspace_id, ScalePlanItem.department_id == department_id
    )
    rows = session.exec(
        select(Pilot.id, Pilot.title)
        .where(
            Pilot.workspace_id == workspace_id,
            or_(col(Pilot.id).in_(involved), col(Pilot.id).in_(planned)),
        )
        .order_by(col(Pilot.created_at), col(Pilot.id))
    ).all()
    return [(pilot_id, title) for pilot_id, title in rows]


def in_use(pilots: list[tuple[uuid.UUID, str]]) -> Conflict:
    """409 naming the pilots that still rely on the department, listed in `pilots`."""
    shown = ", ".join(f"“{title}”" for _, title in pilots[:5])
    more = f" and {len(pilots) - 5} more" if len(pilots) > 5 else ""
    noun = "pilot" if len(pilots) == 1 else "pilots"
    return Conflict(
        f"This department is involved in, or in the scale plan of, the {noun} {shown}{more}; "
        "remove it from them first.",
        extra={
            "code": "department_in_use",
            "pilots": [{"id": str(pilot_id), "title": title} for pilot_id, title in pilots],
        },
    )


def delete_department(
    session: Session, *, department: Department, actor: Actor, now: datetime
) -> None:
    pilots = pilots_using(
        session, workspace_id=department.workspace_id, department_id=department.id
    )
    if pilots:
        raise in_use(pilots)
    record(
        session,
        actor=actor,
        now=now,
        action="department.deleted",
        object_type="department",
        object_id=department.id,
        workspace_id=department.workspace_id,
        summary=f"Department “{department.name}” deleted",
        before=_fields(department),
    )
    session.delete(department)
    try:
        session.flush()
    except IntegrityError as exc:  # a pilot took it up since the check
        raise Conflict(
            "A pilot started using this department just now; reload and try again.",
            extra={"code": "department_in_use", "pilots": []},
        ) from exc
