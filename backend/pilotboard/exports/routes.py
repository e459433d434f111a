"""The workspace export: `GET /api/v1/workspaces/{workspace_id}/export`."""

from __future__ import annotations

import re

from fastapi import APIRouter, Response

from pilotboard.access import WorkspaceAdmin
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import problems
from pilotboard.exports import schemas, service

router = APIRouter(prefix="/workspaces/{workspace_id}", tags=["export"])


def _filename(name: str, day: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "workspace"
    return f"pilotboard-{slug[:40]}-{day}.json"


@router.get(
    "/export",
    operation_id="exportWorkspace",
    summary="The whole workspace as one JSON document (admins)",
    description=(schemas.__doc__ or "")
    + "\n\nAnswered as a download (`Content-Disposition: attachment`). API tokens need the "
    "`write` scope, as for every admin operation. Restore a document into a new workspace with "
    "`pilotboard import FILE` on the server.",
    response_model=schemas.ExportDocument,
    responses=problems(401, 403, 404),
)
def export_workspace(access: WorkspaceAdmin, db: SessionDep, clock: ClockDep) -> Response:
    now = clock.now()
    document = service.export_workspace(db, workspace=access.workspace, now=now)
    filename = _filename(access.workspace.name, now.date().isoformat())
    return Response(
        content=document.model_dump_json(),
        media_type="application/json",
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "no-store",
        },
    )
