"""The executive portfolio: `GET /api/v1/workspaces/{workspace_id}/portfolio`."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

import orjson
from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse

from pilotboard.access import WorkspaceRead
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import problems
from pilotboard.pilots.filters import FiltersDep
from pilotboard.portfolio import export, learning_routes, service
from pilotboard.portfolio.schemas import Portfolio
from pilotboard.portfolio.service import HealthMemo

router = APIRouter(prefix="/workspaces/{workspace_id}", tags=["portfolio"])

CSV_MEDIA_TYPE = "text/csv"
CSV_EXAMPLE = (
    "\ufeff" + ",".join(export.COLUMNS) + "\r\n"
    '"Shelf-ready deliveries, phase 2",running,stalled,"No iteration for 52 days since the '
    'latest iteration (more than 45): log what changed with the customer.",low,Northgate '
    "Foods,Ada Lovelace,Grace Hopper,Sales (engaged); Supply chain (champion),850000,0.35,"
    "1.108333,97,2026-10-01,no\r\n"
)


AsOf = Annotated[
    date | None,
    Query(
        description="Evaluate health and every day count as of this date (default: today, "
        "UTC): a later date shows what will be stalled if nothing happens."
    ),
]
Format = Annotated[
    Literal["json", "csv"],
    Query(
        alias="format",
        description="`json` (default) or `csv`: one row per matching pilot (stopped ones "
        "included), as an attachment.",
    ),
]

Labels = Annotated[
    bool,
    Query(
        description="With `format=csv`: `true` writes the same rows for people (the app's words "
        "instead of codes, percentages instead of fractions); `false` (default) for machines. "
        "Ignored for JSON.",
    ),
]

CSV_DESCRIPTION = "\n".join(
    [
        "With `?format=csv`: one row per matching pilot, stopped ones included, by title. "
        "RFC 4180 (quoted where needed, CRLF line ends), UTF-8 with a byte order mark; "
        "`Content-Disposition: attachment; "
        'filename="pilotboard-portfolio-<workspace>-<as_of>.csv"`. Text a spreadsheet would '
        "run as a formula (starting with `=`, `+`, `-`, `@`) gets a leading apostrophe. "
        "Columns:",
        "",
        *(f"- **{name}**: {help_}" for name, help_ in export.COLUMN_HELP.items()),
        "",
        "With `?format=csv&labels=true`: the same rows and columns for people, e.g. "
        "`Scale review`, `On track`, `+11.7 %`; dates stay ISO. These columns differ:",
        "",
        *(f"- **{name}**: {help_}" for name, help_ in export.LABEL_COLUMN_HELP.items()),
    ]
)


@router.get(
    "/portfolio",
    operation_id="getPortfolio",
    summary="The executive portfolio (JSON, or CSV with `?format=csv`)",
    response_model=Portfolio,
    responses={
        200: {
            "description": "The portfolio as JSON, or as CSV with `?format=csv`.",
            "content": {
                CSV_MEDIA_TYPE: {
                    "schema": {"type": "string", "description": CSV_DESCRIPTION},
                    "example": CSV_EXAMPLE,
                }
            },
        },
        **problems(401, 404),
    },
    description="Where every pilot stands, what it returned and what waits on the executives, "
    "over the pilots that match the filters (the filters of `GET /pilots`; they combine with "
    "AND). Every health and day count is evaluated as of `as_of`: a day count is whole "
    "calendar days, `as_of` minus the UTC date of the event.\n\n" + CSV_DESCRIPTION,
)
def get_portfolio(
    request: Request,
    access: WorkspaceRead,
    db: SessionDep,
    clock: ClockDep,
    filters: FiltersDep,
    as_of: AsOf = None,
    format_: Format = "json",
    labels: Labels = False,
) -> Response:
    day = as_of or clock.today()
    memo: HealthMemo = request.app.state.health_memo
    if format_ == "csv":
        lines = service.csv_lines(
            db, workspace_id=access.workspace_id, filters=filters, as_of=day, memo=memo
        )
        name = export.filename(access.workspace.name, access.workspace_id, day)
        if labels:
            currency = access.workspace.currency
            return StreamingResponse(
                export.csv_chunks(
                    (export.csv_label_row(line) for line in lines),
                    columns=export.label_columns(currency),
                ),
                media_type=f"{CSV_MEDIA_TYPE}; charset=utf-8",
                headers={"Content-Disposition": f'attachment; filename="{name}"'},
            )
        return StreamingResponse(
            export.csv_chunks(export.csv_row(line) for line in lines),
            media_type=f"{CSV_MEDIA_TYPE}; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}"'},
        )
    document = service.portfolio(
        db, workspace_id=access.workspace_id, filters=filters, as_of=day, memo=memo
    )
    # Plain JSON of plain data: with every pilot a point, a model instance per pilot would
    # cost more time and memory than the rest of the request (the shape is `Portfolio`; the
    # tests validate responses against it). orjson writes the 3.4 MB of 10,000 pilots in
    # ~6 ms, the standard library's json in ~45.
    return Response(orjson.dumps(document), media_type="application/json")


# What the portfolio teaches (`/portfolio/learning`, `/pilots/{id}/practices`): its own module.
router.include_router(learning_routes.router)
