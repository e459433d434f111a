"""Moving a pilot: `…/pilots/{pilot_id}/gate`, `…/transitions`."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from pilotboard.access import WorkspaceWrite
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep
from pilotboard.core.pagination import ListParamsDep, Page, page_in_memory
from pilotboard.pilots.http import READ, WRITE, AsOf, PilotForRead, PilotIfMatch, pilot_etag
from pilotboard.pilots.lifecycle import service
from pilotboard.pilots.lifecycle.rules import gates_markdown
from pilotboard.pilots.lifecycle.schemas import GatePublic, TransitionCreate, TransitionPublic
from pilotboard.pilots.models import Stage
from pilotboard.pilots.read import read_pilot
from pilotboard.pilots.schemas import PilotPublic

router = APIRouter(prefix="/workspaces/{workspace_id}", tags=["pilots"])


@router.get(
    "/pilots/{pilot_id}/gate",
    operation_id="getGate",
    summary="The readiness checklist for moving to a stage",
    description=gates_markdown(),
    response_model=GatePublic,
    responses=READ,
)
def get_gate(
    pilot: PilotForRead,
    db: SessionDep,
    clock: ClockDep,
    to: Annotated[Stage, Query(description="The stage to check.")],
    as_of: AsOf = None,
) -> GatePublic:
    return service.gate_check(db, pilot=pilot, to_stage=to.value, as_of=as_of or clock.today())


@router.post(
    "/pilots/{pilot_id}/transitions",
    operation_id="transitionPilot",
    summary="Move a pilot to another stage (checks the gate)",
    response_model=PilotPublic,
    responses=WRITE,
)
def transition_pilot(
    pilot: PilotIfMatch,
    body: TransitionCreate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
) -> PilotPublic:
    """200 with the updated pilot, or 409 with every unmet criterion in `unmet` (nothing
    changes). `paused` and `stopped` need a `reason`; `stopped` also `lessons_learned`."""
    now = clock.now()
    pilot = service.transition(
        db,
        pilot=pilot,
        actor=access.actor,
        to_stage=body.to_stage.value,
        reason=body.reason,
        lessons_learned=body.lessons_learned,
        now=now,
    )
    response.headers["ETag"] = pilot_etag(pilot)
    return read_pilot(db, pilot, now.date())


@router.get(
    "/pilots/{pilot_id}/transitions",
    operation_id="listTransitions",
    description="Every stage change of the pilot, oldest first, with who moved it and why.",
    summary="The pilot's stage history",
    response_model=Page[TransitionPublic],
    responses=READ,
)
def list_transitions(
    pilot: PilotForRead, db: SessionDep, params: ListParamsDep
) -> Page[TransitionPublic]:
    items, cursor = page_in_memory(
        service.list_transitions(db, pilot=pilot), params, lambda t: (f"{t.sequence:09d}", t.id)
    )
    return Page[TransitionPublic](items=items, next_cursor=cursor)
