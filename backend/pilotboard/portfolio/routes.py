"""The executive portfolio: `GET /api/v1/workspaces/{workspace_id}/portfolio`."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Literal

import orjson
from fastapi import APIRouter, Header, Query, Request, Response
from fastapi.responses import StreamingResponse

from pilotboard.access import WorkspaceRead
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep, SessionFactory
from pilotboard.core.errors import problems
from pilotboard.core.pagination import MAX_LIMIT
from pilotboard.pilots.filters import FiltersDep, PilotFilters
from pilotboard.portfolio import export, learning_routes, service
from pilotboard.portfolio.schemas import AttentionPage, DecisionsWaitingPage, Portfolio
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
        304: {
            "description": "Not modified: the `If-None-Match` names the `ETag` of the JSON "
            "this request would answer (same data, `as_of`, filters and thresholds); no body.",
        },
        **problems(401, 404),
    },
    description="Where every pilot stands, what it returned and what waits on the executives, "
    "over the pilots that match the filters (the filters of `GET /pilots`; they combine with "
    "AND). Every health and day count is evaluated as of `as_of`: a day count is whole "
    "calendar days, `as_of` minus the UTC date of the event.\n\n"
    "At most 300 pilots are `points` (the chart's marks; `points_total` counts every one, "
    "`point_bins` counts the rest by risk and progress), and `attention` holds the first 50 of "
    "`attention_total` (page through them all with `GET …/portfolio/attention`), and "
    "`decisions_waiting` holds the first 50 of `decisions_waiting_total` (page through them "
    "all with `GET …/portfolio/decisions-waiting`).\n\n"
    "The JSON carries an `ETag`; send it back as `If-None-Match` to get `304 Not Modified` "
    "without a body while nothing it shows has changed (the decisions waiting past the first "
    "50 included: any change to one changes the `ETag`).\n\n" + CSV_DESCRIPTION,
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
    if_none_match: Annotated[
        str | None,
        Header(
            alias="If-None-Match",
            max_length=1000,
            description="The `ETag` of a portfolio you hold: `304 Not Modified`, without a "
            "body, when the JSON would be the same.",
        ),
    ] = None,
) -> Response:
    day = as_of or clock.today()
    memo: HealthMemo = request.app.state.health_memo
    if format_ == "csv":
        lines = _streamed_lines(
            request.app.state.session_factory,
            workspace_id=access.workspace_id,
            filters=filters,
            as_of=day,
            memo=memo,
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
    document, unprinted = service.portfolio_read(
        db,
        workspace_id=access.workspace_id,
        filters=filters,
        as_of=day,
        today=clock.today(),
        memo=memo,
    )
    # Plain JSON of plain data (the shape is `Portfolio`; the tests validate responses
    # against it), written by orjson.
    body = orjson.dumps(document)
    # The tag covers the body and the decisions waiting it counts but does not print.
    digest = hashlib.sha256(body)
    digest.update(unprinted)
    etag = f'"{digest.hexdigest()[:32]}"'
    headers = {"ETag": etag, "Cache-Control": "private, no-cache"}
    if if_none_match is not None and etag_matches(if_none_match, etag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)


def _streamed_lines(
    factory: SessionFactory,
    *,
    workspace_id: uuid.UUID,
    filters: PilotFilters,
    as_of: date,
    memo: HealthMemo,
) -> Iterator[service.CsvLine]:
    """The CSV lines, read as the response is sent: the request's session is closed by then
    (it commits before the response starts), so the stream reads in a session of its own."""
    with factory() as session:
        yield from service.csv_lines(
            session, workspace_id=workspace_id, filters=filters, as_of=as_of, memo=memo
        )


def etag_matches(if_none_match: str, etag: str) -> bool:
    """`If-None-Match` (weak comparison, a list of tags, or `*`) names ``etag``."""
    tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return "*" in tags or etag in tags


# The paging of the portfolio's two lists (`GET /portfolio` carries the first 50 of each).
PageLimit = Annotated[
    int, Query(ge=1, le=MAX_LIMIT, description="Items per page (default 50, at most 200).")
]
PageCursor = Annotated[
    str | None, Query(max_length=512, description="The `next_cursor` of the previous page.")
]


@router.get(
    "/portfolio/attention",
    operation_id="listPortfolioAttention",
    summary="The portfolio's attention list, page by page",
    response_model=AttentionPage,
    responses=problems(401, 404),
    description="Every active pilot that is `stalled` or `at_risk` as of `as_of`, among the "
    "pilots that match the filters (those of `GET /portfolio`), in the order of the "
    "portfolio's `attention`: stalled first, then at risk; within each, longest in its stage "
    "first, then by title and id. `GET /portfolio` carries the first 50 and "
    "`attention_total`; this pages through all of them (`limit`, `cursor` → `items`, "
    "`next_cursor`, `total`). Pass the same filters and `as_of` with each `cursor`. A cursor "
    "this API did not issue → `422`.",
)
def list_portfolio_attention(
    request: Request,
    access: WorkspaceRead,
    db: SessionDep,
    clock: ClockDep,
    filters: FiltersDep,
    as_of: AsOf = None,
    limit: PageLimit = 50,
    cursor: PageCursor = None,
) -> Response:
    day = as_of or clock.today()
    memo: HealthMemo = request.app.state.health_memo
    page = service.attention_page(
        db,
        workspace_id=access.workspace_id,
        filters=filters,
        as_of=day,
        today=clock.today(),
        memo=memo,
        limit=limit,
        cursor=cursor,
    )
    return Response(orjson.dumps(page), media_type="application/json")


@router.get(
    "/portfolio/decisions-waiting",
    operation_id="listPortfolioDecisionsWaiting",
    summary="The portfolio's decisions waiting, page by page",
    response_model=DecisionsWaitingPage,
    responses=problems(401, 404),
    description="Every pilot an executive decision is due on as of `as_of`, among the pilots "
    "that match the filters (those of `GET /portfolio`): the `start` decision of a pilot "
    "otherwise ready to run, and the decision of a scale review; in the order of the "
    "portfolio's `decisions_waiting`: longest waiting first, then by title and id. "
    "`GET /portfolio` carries the first 50 and `decisions_waiting_total`; this pages through "
    "all of them (`limit`, `cursor` → `items`, `next_cursor`, `total`). Pass the same filters "
    "and `as_of` with each `cursor`. A cursor this API did not issue → `422`.",
)
def list_portfolio_decisions_waiting(
    request: Request,
    access: WorkspaceRead,
    db: SessionDep,
    clock: ClockDep,
    filters: FiltersDep,
    as_of: AsOf = None,
    limit: PageLimit = 50,
    cursor: PageCursor = None,
) -> Response:
    day = as_of or clock.today()
    memo: HealthMemo = request.app.state.health_memo
    page = service.waiting_page(
        db,
        workspace_id=access.workspace_id,
        filters=filters,
        as_of=day,
        today=clock.today(),
        memo=memo,
        limit=limit,
        cursor=cursor,
    )
    return Response(orjson.dumps(page), media_type="application/json")


# What the portfolio teaches (`/portfolio/learning`, `/pilots/{id}/practices`): its own module.
router.include_router(learning_routes.router)
