"""The scale plan: `…/pilots/{pilot_id}/scale-plan`."""

from __future__ import annotations

from fastapi import APIRouter, Response

from pilotboard.access import WorkspaceWrite
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep
from pilotboard.core.etag import IfMatch, check_if_match, set_etag, version_etag
from pilotboard.pilots.http import READ, WRITE, PilotForRead, PilotForWrite
from pilotboard.pilots.models import Pilot, ScalePlan
from pilotboard.pilots.scale_plan import service
from pilotboard.pilots.scale_plan.schemas import ScalePlanPublic, ScalePlanPut

router = APIRouter(prefix="/workspaces/{workspace_id}", tags=["pilots"])


def _etag(pilot: Pilot, plan: ScalePlanPublic) -> str:
    return version_etag(ScalePlan.__tablename__, pilot.id, plan.updated_at or "none")


@router.get(
    "/pilots/{pilot_id}/scale-plan",
    operation_id="getScalePlan",
    description="The rollout scope and, per department, the changes to planning, resource "
    "allocation and compensation. Empty until saved.",
    summary="The scale plan",
    response_model=ScalePlanPublic,
    responses=READ,
)
def get_scale_plan(pilot: PilotForRead, db: SessionDep, response: Response) -> ScalePlanPublic:
    plan = service.scale_plan_public(db, pilot)
    set_etag(response, plan, etag=_etag(pilot, plan))
    return plan


@router.put(
    "/pilots/{pilot_id}/scale-plan",
    operation_id="putScalePlan",
    summary="Replace the scale plan",
    response_model=ScalePlanPublic,
    responses=WRITE,
)
def put_scale_plan(
    pilot: PilotForWrite,
    body: ScalePlanPut,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
    if_match: IfMatch = None,
) -> ScalePlanPublic:
    """The rollout scope, and per involved department the changes to planning, resource
    allocation and compensation that scaling needs, each with owner, due date and status."""
    current = service.scale_plan_public(db, pilot)
    check_if_match(if_match, current, what="scale plan", etag=_etag(pilot, current))
    service.put_scale_plan(
        db,
        pilot=pilot,
        actor=access.actor,
        scope=body.scope,
        items=[i.model_dump() for i in body.items],
        now=clock.now(),
    )
    plan = service.scale_plan_public(db, pilot)
    set_etag(response, plan, etag=_etag(pilot, plan))
    return plan
