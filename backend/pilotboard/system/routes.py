from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool

from pilotboard.access import Public
from pilotboard.core.errors import Problem, ServiceUnavailable
from pilotboard.core.migrations import stored_revision
from pilotboard.system.schemas import Health

logger = logging.getLogger(__name__)
router = APIRouter(tags=["system"])


@router.get(
    "/health",
    operation_id="getHealth",
    summary="Service and database health",
    response_model=Health,
    responses={503: {"model": Problem, "description": "The database is unreachable."}},
)
async def get_health(request: Request, _: Public) -> Health:
    """Answers `ok` when the app can reach its database, with the schema revision it runs on.

    Load balancers and the Docker health check poll this; it needs no authentication.
    """
    try:
        # One trip through the thread pool, for the one query.
        revision = await run_in_threadpool(stored_revision, request.app.state.engine)
    except SQLAlchemyError as exc:
        logger.warning("health check: database unreachable: %s", type(exc).__name__)
        raise ServiceUnavailable("The database is unreachable.") from exc
    return Health(status="ok", database="ok", revision=revision)
