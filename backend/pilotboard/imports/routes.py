"""CSV imports: `POST /api/v1/workspaces/{workspace_id}/imports/customers|departments`."""

from __future__ import annotations

import hashlib
import uuid
from typing import Annotated, Any

from fastapi import APIRouter, File, Query, Request, UploadFile, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from pilotboard.access import WorkspaceContext, WorkspaceWrite
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import Problem, problems
from pilotboard.core.idempotency import IdempotencyKey, idempotent
from pilotboard.imports import service
from pilotboard.imports.csvfile import MAX_ROWS
from pilotboard.imports.schemas import ImportReport

router = APIRouter(prefix="/workspaces/{workspace_id}/imports", tags=["imports"])

CsvFile = Annotated[
    UploadFile,
    File(
        description="The CSV file: UTF-8 (a byte order mark is fine), a header line naming the "
        "columns, then one record per line. Comma-separated, or semicolon- or tab-separated "
        "when the header is."
    ),
]
DryRun = Annotated[
    bool,
    Query(
        description="`true`: check the file and report what an import would do, writing nothing."
    ),
]


def _rules(matching: str) -> str:
    return f"""
**Matching.** {matching} Re-importing the same file changes nothing (not even `updated_at`).
Only the columns in the file are written to existing records; an empty cell empties its field.
A file naming the same record twice is an error.

**Report.** `?dry_run=true` answers `200` with `{{rows, valid, errors: [{{row, field, message}}]}}`
(plus the counts the import would reach) and writes nothing. A real import answers `200` with
the report and `created`, `updated`, `unchanged`, or `422` carrying the same `errors` with nothing
written: an import is all or nothing. `row` is the line number in the file (the header is line 1;
a quoted value spanning lines belongs to the line its record starts on).

**Limits.** At most {MAX_ROWS:,} records per file, and the request body limit
(`PILOTBOARD_MAX_BODY_BYTES`, 1 MiB by default). A file that is not UTF-8 CSV is refused with
`422` naming the field `file`; an upload that is not `multipart/form-data` with `415`.

`Idempotency-Key` is honoured on real imports. One activity entry summarises each import that
changed something.
"""


_RESPONSES: dict[int | str, dict[str, Any]] = {
    **problems(401, 403, 404, 413),
    415: {"model": Problem, "description": "The upload must be `multipart/form-data`."},
}


class _Upload(BaseModel):
    """What an Idempotency-Key replay compares: the file's digest."""

    sha256: str


def _caller(access: WorkspaceContext) -> uuid.UUID:
    token = access.principal.token
    return token.id if token is not None else access.user.id


def _run(
    kind: service.Kind,
    *,
    access: WorkspaceContext,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    file: UploadFile,
    dry_run: bool,
    idempotency_key: str | None,
) -> JSONResponse | ImportReport:
    content = file.file.read()
    filename = file.filename or f"{kind.key}.csv"
    now = clock.now()

    def run() -> ImportReport:
        return service.import_csv(
            db,
            kind=kind,
            workspace_id=access.workspace_id,
            actor=access.actor,
            content=content,
            filename=filename,
            dry_run=dry_run,
            now=now,
        )

    if dry_run:
        return run()
    return idempotent(
        db,
        request=request,
        key=idempotency_key,
        caller=_caller(access),
        body=_Upload(sha256=hashlib.sha256(content).hexdigest()),
        now=now,
        status_code=status.HTTP_200_OK,
        create=lambda: (run(), {}),
    )


@router.post(
    "/customers",
    operation_id="importCustomers",
    summary="Import customers from a CSV file (editors and admins)",
    description="Columns: `name` (required), `segment`, `annual_revenue`, `is_premier_account` "
    "(true/false, yes/no, 1/0; empty is false), `external_id`, `notes`, as in the customer "
    "fields; each record is checked like `POST /customers`.\n"
    + _rules(
        "A record is matched to an existing customer by `external_id`; without one, "
        "or when no customer has it yet, by name (ignoring case; a record with an `external_id` "
        "only adopts a customer that has none, and then sets it). An empty `external_id` cell "
        "never clears a stored one. Changing `is_premier_account` refreshes the health of the "
        "pilots that chose the customer."
    ),
    response_model=ImportReport,
    responses=_RESPONSES,
)
def import_customers(
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    file: CsvFile,
    dry_run: DryRun = False,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse | ImportReport:
    return _run(
        service.CUSTOMERS,
        access=access,
        db=db,
        clock=clock,
        request=request,
        file=file,
        dry_run=dry_run,
        idempotency_key=idempotency_key,
    )


@router.post(
    "/departments",
    operation_id="importDepartments",
    summary="Import departments from a CSV file (editors and admins)",
    description="Columns: `name` (required), `lead_name`, `kpi`, as in the department fields; "
    "each record is checked like `POST /departments`.\n"
    + _rules(
        "Departments have no `external_id`: a record is matched to an existing "
        "department by name, ignoring case (names are unique in a workspace)."
    ),
    response_model=ImportReport,
    responses=_RESPONSES,
)
def import_departments(
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    file: CsvFile,
    dry_run: DryRun = False,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse | ImportReport:
    return _run(
        service.DEPARTMENTS,
        access=access,
        db=db,
        clock=clock,
        request=request,
        file=file,
        dry_run=dry_run,
        idempotency_key=idempotency_key,
    )
