"""The application factory."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import APIRouter, Depends, FastAPI
from sqlalchemy import Engine
from starlette.middleware.gzip import GZipMiddleware

from pilotboard import __version__
from pilotboard.access import assert_every_route_has_a_rule, route_rules
from pilotboard.accounts.routes import router as accounts_router
from pilotboard.activity.routes import router as activity_router
from pilotboard.core.admission import Admission, AdmissionMiddleware
from pilotboard.core.clock import Clock, SystemClock
from pilotboard.core.compression import LEVEL as GZIP_LEVEL
from pilotboard.core.compression import MINIMUM_BYTES as GZIP_MINIMUM_BYTES
from pilotboard.core.config import Settings, get_settings
from pilotboard.core.db import SessionFactory, create_db_engine
from pilotboard.core.errors import install_error_handlers
from pilotboard.core.guards import api_guard
from pilotboard.core.logredact import install as install_log_redaction
from pilotboard.core.middleware import EdgeMiddleware
from pilotboard.core.migrations import current_revision, head_revision
from pilotboard.core.openapi import build_openapi
from pilotboard.core.spa import SpaFallback
from pilotboard.customers.routes import router as customers_router
from pilotboard.departments.routes import router as departments_router
from pilotboard.exports.routes import router as exports_router
from pilotboard.imports.routes import router as imports_router
from pilotboard.invitations.routes import router as invitations_router
from pilotboard.jobs.runner import JobRunner
from pilotboard.mail.routes import router as mail_router
from pilotboard.mail.worker import MailWorker
from pilotboard.notifications.routes import router as notifications_router
from pilotboard.pilots.candidates.routes import router as candidates_router
from pilotboard.pilots.checkins.routes import router as check_ins_router
from pilotboard.pilots.comments.routes import router as comments_router
from pilotboard.pilots.decisions.routes import router as decisions_router
from pilotboard.pilots.feedback.routes import router as feedback_router
from pilotboard.pilots.involvements.routes import router as involvements_router
from pilotboard.pilots.iterations.routes import router as iterations_router
from pilotboard.pilots.lifecycle.routes import router as lifecycle_router
from pilotboard.pilots.metrics.routes import router as metrics_router
from pilotboard.pilots.routes import router as pilots_router
from pilotboard.pilots.scale_plan.routes import router as scale_plan_router
from pilotboard.portfolio.routes import router as portfolio_router
from pilotboard.portfolio.service import HealthMemo
from pilotboard.saved_views.routes import router as saved_views_router
from pilotboard.system.docs import router as docs_router
from pilotboard.system.routes import router as system_router
from pilotboard.webhooks.routes import router as webhooks_router
from pilotboard.webhooks.worker import DeliveryWorker
from pilotboard.wiring import DAILY_JOBS, FREQUENT_JOBS, session_factory_for
from pilotboard.workspaces.routes import router as workspaces_router
from pilotboard.workspaces.settings.routes import router as settings_router

logger = logging.getLogger("pilotboard")

API_PREFIX = "/api/v1"
# Connections beyond the admitted requests': the webhook worker, the mail worker and the job
# runner, one each.
BACKGROUND_CONNECTIONS = 3

DESCRIPTION = """
Pilotboard tracks **testbed pilots**: small experiments in strategic customer service, run with
one carefully chosen customer and several departments, iterated, then scaled across the company.

Every error is an RFC 9457 problem document (`application/problem+json`).
"""


class MigrationsBehind(RuntimeError):
    def __init__(self, current: str | None, head: str | None) -> None:
        super().__init__(
            f"The database is at revision {current or '(empty)'} but the code needs {head}. "
            "Run `pilotboard migrate` (or `make run`, which does it) and start again."
        )


def ensure_migrated(engine: Engine, settings: Settings) -> None:
    head = head_revision(settings)
    current = current_revision(engine)
    if current != head:
        raise MigrationsBehind(current, head)


# Every API router. FastAPI matches a request against the routes in order, a few microseconds
# each, so the most requested come first: the health check, a pilot and its records, the
# portfolio, then the rest (test_routing.py checks that none is shadowed). Each is included in
# the app itself: an included router re-checks, on every request, whether the routers included
# in it changed, so one level saves that walk too.
API_ROUTERS: tuple[APIRouter, ...] = (
    system_router,
    pilots_router,
    lifecycle_router,
    candidates_router,
    involvements_router,
    check_ins_router,
    iterations_router,
    metrics_router,
    decisions_router,
    scale_plan_router,
    comments_router,
    feedback_router,
    portfolio_router,
    accounts_router,
    workspaces_router,
    invitations_router,
    notifications_router,
    settings_router,
    departments_router,
    customers_router,
    saved_views_router,
    activity_router,
    webhooks_router,
    mail_router,
    imports_router,
    exports_router,
)


def create_app(
    settings: Settings | None = None,
    *,
    clock: Clock | None = None,
    engine: Engine | None = None,
    session_factory: SessionFactory | None = None,
    check_migrations: bool = True,
) -> FastAPI:
    """Build the app. Tests pass their own settings, clock, engine and session factory."""
    settings = settings or get_settings()
    # Link tokens never reach the logs. Here, not only in `serve`: the factory runs in every
    # worker process after uvicorn configured its loggers.
    install_log_redaction()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # An engine handed in (tests, tools) belongs to the caller; otherwise the app owns one.
        owned = getattr(app.state, "engine", None) is None
        if owned:
            app.state.engine = create_db_engine(
                settings.database_url,
                pool_size=settings.max_concurrent_requests + BACKGROUND_CONNECTIONS,
                pool_timeout=settings.queue_timeout_seconds,
            )
            app.state.session_factory = session_factory_for(
                app.state.engine, app.state.clock, public_url=settings.public_url
            )
        worker: DeliveryWorker | None = None
        mailer: MailWorker | None = None
        jobs: JobRunner | None = None
        try:
            if check_migrations:
                ensure_migrated(app.state.engine, settings)
            # The webhook worker runs where the app owns its engine and checked its schema
            # (`pilotboard serve`); a caller that hands in an engine or skips the check (tests,
            # tools) drives a worker itself if it wants one.
            if owned and check_migrations and settings.webhooks_worker:
                worker = DeliveryWorker(
                    session_factory=app.state.session_factory,
                    settings=settings,
                    clock=app.state.clock,
                )
                worker.start()
            if owned and check_migrations and settings.background_jobs:
                jobs = JobRunner(
                    session_factory=app.state.session_factory,
                    clock=app.state.clock,
                    jobs=DAILY_JOBS,
                    frequent=FREQUENT_JOBS,
                )
                jobs.start()
            # The mail worker, under the same condition, and only with an SMTP server to send
            # to: without one, messages stay queued and the email log shows them.
            if owned and check_migrations and settings.mail_worker and settings.smtp_url:
                mailer = MailWorker(
                    session_factory=app.state.session_factory,
                    settings=settings,
                    clock=app.state.clock,
                )
                mailer.start()
            elif owned and check_migrations and settings.mail_worker:
                logger.info(
                    "PILOTBOARD_SMTP_URL is not set: mail stays in the outbox (Settings → Email "
                    "log shows it) and nothing is sent."
                )
            app.state.webhook_worker = worker
            app.state.mail_worker = mailer
            app.state.job_runner = jobs
            if owned:
                # Move everything alive after startup (modules, models, routes: ~170,000
                # objects) out of the collector's reach: full collections, which large
                # responses such as the portfolio trigger, then skip them (bench/RESULTS.md).
                gc.collect()
                gc.freeze()
            yield
        finally:
            if worker is not None:
                worker.stop(timeout=settings.webhooks_timeout_seconds * 4 + 5)
            if mailer is not None:
                mailer.stop(timeout=settings.smtp_timeout_seconds * 4 + 5)
            if jobs is not None:
                jobs.stop(timeout=60)
            if owned:
                app.state.engine.dispose()
                app.state.engine = None

    app = FastAPI(
        title="Pilotboard API",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        openapi_url="/openapi.json",
        docs_url=None,  # served by system/docs.py, from local assets
        redoc_url=None,
    )
    app.state.settings = settings
    if engine is not None:
        # An engine handed in (tests, tools) is usable without running the lifespan.
        app.state.engine = engine
    app.state.clock = clock or SystemClock()
    if engine is not None:
        app.state.session_factory = session_factory or session_factory_for(
            engine, app.state.clock, public_url=settings.public_url
        )
    # The portfolio's cache of health evaluations, one per app (portfolio/service.py).
    app.state.health_memo = HealthMemo()
    install_error_handlers(app)
    for router in API_ROUTERS:
        app.include_router(router, prefix=API_PREFIX, dependencies=[Depends(api_guard)])
    app.include_router(docs_router)
    assert_every_route_has_a_rule(app)
    app.router.default = SpaFallback()
    app.state.admission = Admission(
        limit=settings.max_concurrent_requests,
        max_waiting=settings.max_queued_requests,
        queue_timeout=settings.queue_timeout_seconds,
    )
    app.add_middleware(AdmissionMiddleware, admission=app.state.admission)
    # Outside admission: compressing a large response does not hold a request slot.
    app.add_middleware(GZipMiddleware, minimum_size=GZIP_MINIMUM_BYTES, compresslevel=GZIP_LEVEL)
    # Added last, so it is the outermost layer: a refused request still gets its headers.
    app.add_middleware(EdgeMiddleware, max_body_bytes=settings.max_body_bytes)
    app.openapi = lambda: build_openapi(app, route_rules(app))  # type: ignore[method-assign]
    return app
