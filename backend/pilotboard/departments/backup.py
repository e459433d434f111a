"""The departments in a workspace export, and their restore."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlmodel import Session, col

from pilotboard.departments.models import Department
from pilotboard.exports.context import RestoreContext, bulk_insert, stamps, workspace_rows
from pilotboard.exports.schemas import ExportDepartment


def export_departments(session: Session, workspace_id: uuid.UUID) -> list[ExportDepartment]:
    """Oldest first."""
    departments = workspace_rows(
        session, Department, workspace_id, col(Department.created_at), col(Department.id)
    )
    return [ExportDepartment.model_validate(d, from_attributes=True) for d in departments]


def restore_departments(
    session: Session, context: RestoreContext, departments: Sequence[ExportDepartment]
) -> None:
    new_ids = context.ids.assign([d.id for d in departments])
    bulk_insert(
        session,
        Department,
        [
            {
                "id": new,
                "workspace_id": context.workspace_id,
                "name": d.name,
                "lead_name": d.lead_name,
                "kpi": d.kpi,
                **stamps(d),
            }
            for d, new in zip(departments, new_ids, strict=True)
        ],
    )
