"""Pilots and their records: `/api/v1/workspaces/{workspace_id}/pilots/…`."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, Response, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from pilotboard.access import WorkspaceContext, WorkspaceDecide, WorkspaceRead, WorkspaceWrite
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import problems
from pilotboard.core.etag import IfMatch, check_if_match, set_etag, version_etag
from pilotboard.core.idempotency import IdempotencyKey, idempotent
from pilotboard.core.pagination import ListParamsDep, Page, page_in_memory
from pilotboard.pilots import records, rules, service
from pilotboard.pilots.filters import FiltersDep
from pilotboard.pilots.models import Pilot, ScalePlan, Stage
from pilotboard.pilots.schemas import (
    CandidateCreate,
    CandidatePublic,
    CandidateUpdate,
    DecisionCreate,
    DecisionPublic,
    GatePublic,
    InvolvementCreate,
    InvolvementPublic,
    InvolvementUpdate,
    IterationCreate,
    IterationPublic,
    IterationUpdate,
    MeasurementCreate,
    MeasurementPublic,
    MetricCreate,
    MetricPublic,
    MetricUpdate,
    PilotCreate,
    PilotPublic,
    PilotUpdate,
    ScalePlanPublic,
    ScalePlanPut,
    Stamped,
    TransitionCreate,
    TransitionPublic,
)

router = APIRouter(prefix="/workspaces/{workspace_id}", tags=["pilots"])

PilotId = Annotated[uuid.UUID, Path(description="The pilot's id.")]
CandidateId = Annotated[uuid.UUID, Path(description="The candidate's id.")]
InvolvementId = Annotated[uuid.UUID, Path(description="The involvement's id.")]
IterationId = Annotated[uuid.UUID, Path(description="The iteration's id.")]
MetricId = Annotated[uuid.UUID, Path(description="The metric's id.")]
AsOf = Annotated[
    date | None,
    Query(description="Evaluate health and day counts as of this date (default: today)."),
]
Sort = Literal[
    "created_at", "-created_at", "updated_at", "-updated_at", "title", "-title",
    "stage_entered_at", "-stage_entered_at",
]  # fmt: skip

READ = problems(401, 404)
WRITE = problems(401, 403, 404, 409, 412)


def _caller(access: WorkspaceContext) -> uuid.UUID:
    token = access.principal.token
    return token.id if token else access.user.id


# ETags are versions, not hashes of the read shape: a pilot's tag is its id and `updated_at`
# (every change to the pilot or to one of its records moves it), and so is each record's. The
# derived fields (health, departments, a candidate's total or `is_chosen`, an iteration's
# measurement count …) change without anyone editing the object; they never make a tag stale.


def _pilot_etag(pilot: Pilot) -> str:
    return version_etag(pilot.id, pilot.updated_at)


def _record_etag(record: Stamped) -> str:
    return version_etag(record.id, record.updated_at)


def _scale_plan_etag(pilot: Pilot, plan: ScalePlanPublic) -> str:
    return version_etag(ScalePlan.__tablename__, pilot.id, plan.updated_at or "none")


def _check_pilot_if_match(if_match: str | None, db: SessionDep, pilot: Pilot, as_of: date) -> None:
    check_if_match(
        if_match,
        lambda: service.read_pilot(db, pilot, as_of),
        what="pilot",
        etag=_pilot_etag(pilot),
    )


def _check_record_if_match(
    if_match: str | None, record: Any, current: Callable[[], BaseModel], *, what: str
) -> None:
    """``record`` is the stored row (a candidate, involvement, iteration or metric)."""
    check_if_match(if_match, current, what=what, etag=version_etag(record.id, record.updated_at))


def _pilot_response(pilot: Pilot, public: PilotPublic, response: Response) -> PilotPublic:
    response.headers["ETag"] = _pilot_etag(pilot)
    return public


def _today_public(db: SessionDep, pilot: Pilot, as_of: date) -> PilotPublic:
    return service.read_pilot(db, pilot, as_of)


# --- pilots ----------------------------------------------------------------------------------


@router.get(
    "/pilots",
    operation_id="listPilots",
    summary="Pilots of the workspace, with health",
    response_model=Page[PilotPublic],
    responses=READ,
    description="Filters combine with AND. Health is evaluated as of `as_of` (default today)."
    "\n\n" + (rules.__doc__ or ""),
)
def list_pilots(
    access: WorkspaceRead,
    db: SessionDep,
    clock: ClockDep,
    params: ListParamsDep,
    filters: FiltersDep,
    sort: Annotated[Sort, Query(description="Order; `-` for descending.")] = "-created_at",
    as_of: AsOf = None,
) -> Page[PilotPublic]:
    today = clock.today()
    items, cursor = service.list_pilots(
        db,
        workspace_id=access.workspace_id,
        params=params,
        as_of=as_of or today,
        today=today,
        sort=sort,
        filters=filters,
    )
    return Page[PilotPublic](items=items, next_cursor=cursor)


@router.post(
    "/pilots",
    operation_id="createPilot",
    summary="Propose a pilot",
    status_code=status.HTTP_201_CREATED,
    response_model=PilotPublic,
    responses=problems(401, 403, 404),
)
def create_pilot(
    body: PilotCreate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Starts in `proposed`, owned by you unless `owner_id` says otherwise."""
    now = clock.now()

    def create() -> tuple[BaseModel, dict[str, str]]:
        pilot = service.create_pilot(
            db,
            workspace_id=access.workspace_id,
            actor=access.actor,
            user_id=access.user.id,
            data=body.model_dump(),
            now=now,
        )
        return _today_public(db, pilot, now.date()), {"ETag": _pilot_etag(pilot)}

    return idempotent(
        db,
        request=request,
        key=idempotency_key,
        caller=_caller(access),
        body=body,
        now=now,
        status_code=201,
        create=create,
    )


@router.get(
    "/pilots/{pilot_id}",
    operation_id="getPilot",
    description="One pilot with its health evaluated as of `as_of` (default today), and an "
    "`ETag` to send back as `If-Match` when changing it.",
    summary="One pilot, with health",
    response_model=PilotPublic,
    responses=READ,
)
def get_pilot(
    pilot_id: PilotId,
    access: WorkspaceRead,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
    as_of: AsOf = None,
) -> PilotPublic:
    pilot = service.get_pilot(db, workspace_id=access.workspace_id, pilot_id=pilot_id)
    return _pilot_response(pilot, _today_public(db, pilot, as_of or clock.today()), response)


@router.patch(
    "/pilots/{pilot_id}",
    operation_id="updatePilot",
    summary="Change a pilot (choosing the customer derives the risk)",
    response_model=PilotPublic,
    responses=WRITE,
)
def update_pilot(
    pilot_id: PilotId,
    body: PilotUpdate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
    if_match: IfMatch = None,
) -> PilotPublic:
    """`customer_id` must be one of the pilot's candidates; the risk level is then derived from
    its score (premier → high; ≥ 70 → low; ≥ 40 → medium; else high) unless an explicit
    `risk_level` comes with a `risk_rationale`. `stage` changes only through transitions."""
    now = clock.now()
    pilot = service.get_pilot(
        db, workspace_id=access.workspace_id, pilot_id=pilot_id, for_update=True
    )
    _check_pilot_if_match(if_match, db, pilot, now.date())
    pilot = service.update_pilot(
        db, pilot=pilot, actor=access.actor, changes=body.model_dump(exclude_unset=True), now=now
    )
    return _pilot_response(pilot, _today_public(db, pilot, now.date()), response)


@router.delete(
    "/pilots/{pilot_id}",
    operation_id="deletePilot",
    description="Deletes the pilot with every record (candidates, involvements, iterations, "
    "metrics, decisions, scale plan). The activity log keeps its history. Honours `If-Match`.",
    summary="Delete a pilot and its records (the activity log keeps the history)",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=WRITE,
)
def delete_pilot(
    pilot_id: PilotId,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    if_match: IfMatch = None,
) -> Response:
    now = clock.now()
    pilot = service.get_pilot(
        db, workspace_id=access.workspace_id, pilot_id=pilot_id, for_update=True
    )
    _check_pilot_if_match(if_match, db, pilot, now.date())
    service.delete_pilot(db, pilot=pilot, actor=access.actor, now=now)
    return Response(status_code=204)


# --- lifecycle -------------------------------------------------------------------------------


@router.get(
    "/pilots/{pilot_id}/gate",
    operation_id="getGate",
    summary="The readiness checklist for moving to a stage",
    response_model=GatePublic,
    responses=READ,
)
def get_gate(
    pilot_id: PilotId,
    access: WorkspaceRead,
    db: SessionDep,
    to: Annotated[Stage, Query(description="The stage to check.")],
) -> GatePublic:
    """Every criterion with `met` and a message a person understands. Gates: into `running`
    (customer, hypothesis, ≥ 2 engaged departments with a stake, a customer-experienced metric
    with baseline and target, a sponsor, a `start` decision); into `scale_review` (≥ 2
    iterations, every metric measured); into `scaling` (a `scale` decision, a scale plan with a
    change for every involved department); into `adopted` (every plan item done)."""
    pilot = service.get_pilot(db, workspace_id=access.workspace_id, pilot_id=pilot_id)
    return service.gate_check(db, pilot=pilot, to_stage=to.value)


@router.post(
    "/pilots/{pilot_id}/transitions",
    operation_id="transitionPilot",
    summary="Move a pilot to another stage (checks the gate)",
    response_model=PilotPublic,
    responses=WRITE,
)
def transition_pilot(
    pilot_id: PilotId,
    body: TransitionCreate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
    if_match: IfMatch = None,
) -> PilotPublic:
    """200 with the updated pilot, or 409 with every unmet criterion in `unmet` (nothing
    changes). `paused` and `stopped` need a `reason`; `stopped` also `lessons_learned`."""
    now = clock.now()
    pilot = service.get_pilot(
        db, workspace_id=access.workspace_id, pilot_id=pilot_id, for_update=True
    )
    _check_pilot_if_match(if_match, db, pilot, now.date())
    pilot = service.transition(
        db,
        pilot=pilot,
        actor=access.actor,
        to_stage=body.to_stage.value,
        reason=body.reason,
        lessons_learned=body.lessons_learned,
        now=now,
    )
    return _pilot_response(pilot, _today_public(db, pilot, now.date()), response)


@router.get(
    "/pilots/{pilot_id}/transitions",
    operation_id="listTransitions",
    description="Every stage change of the pilot, oldest first, with who moved it and why.",
    summary="The pilot's stage history",
    response_model=Page[TransitionPublic],
    responses=READ,
)
def list_transitions(
    pilot_id: PilotId, access: WorkspaceRead, db: SessionDep, params: ListParamsDep
) -> Page[TransitionPublic]:
    pilot = service.get_pilot(db, workspace_id=access.workspace_id, pilot_id=pilot_id)
    items, cursor = page_in_memory(
        service.list_transitions(db, pilot=pilot), params, lambda t: (f"{t.sequence:09d}", t.id)
    )
    return Page[TransitionPublic](items=items, next_cursor=cursor)


# --- records ---------------------------------------------------------------------------------


def _stamped(item: Any) -> tuple[Any, Any]:
    return (item.created_at, item.id)


def _one(response: Response, model: Stamped) -> Any:
    set_etag(response, model, etag=_record_etag(model))
    return model


def _created(
    db: SessionDep,
    request: Request,
    access: WorkspaceContext,
    key: str | None,
    body: BaseModel,
    now: Any,
    make: Any,
) -> JSONResponse:
    def create() -> tuple[BaseModel, dict[str, str]]:
        model: Stamped = make()
        return model, {"ETag": _record_etag(model)}

    return idempotent(
        db,
        request=request,
        key=key,
        caller=_caller(access),
        body=body,
        now=now,
        status_code=201,
        create=create,
    )


@router.get(
    "/pilots/{pilot_id}/candidates",
    operation_id="listCandidates",
    description="The customers considered for the pilot, with their rubric scores, the weighted "
    "total (0..100) and the premier-account flag.",
    summary="Candidate customers, scored",
    response_model=Page[CandidatePublic],
    responses=READ,
)
def list_candidates(
    pilot_id: PilotId, access: WorkspaceRead, db: SessionDep, params: ListParamsDep
) -> Page[CandidatePublic]:
    pilot = service.get_pilot(db, workspace_id=access.workspace_id, pilot_id=pilot_id)
    items, cursor = page_in_memory(records.candidate_publics(db, pilot), params, _stamped)
    return Page[CandidatePublic](items=items, next_cursor=cursor)


@router.post(
    "/pilots/{pilot_id}/candidates",
    operation_id="createCandidate",
    summary="Consider a customer and score it",
    status_code=201,
    response_model=CandidatePublic,
    responses=problems(401, 403, 404, 409),
)
def create_candidate(
    pilot_id: PilotId,
    body: CandidateCreate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Scores are 1..5 per rubric criterion; `total` is their weighted mean mapped to 0..100."""
    now = clock.now()
    pilot = service.get_pilot(
        db, workspace_id=access.workspace_id, pilot_id=pilot_id, for_update=True
    )
    return _created(
        db,
        request,
        access,
        idempotency_key,
        body,
        now,
        lambda: records.candidate_public(
            db,
            pilot,
            records.add_candidate(
                db, pilot=pilot, actor=access.actor, data=body.model_dump(), now=now
            ),
        ),
    )


@router.patch(
    "/pilots/{pilot_id}/candidates/{candidate_id}",
    operation_id="updateCandidate",
    description="Replaces the scores and/or notes. When the candidate is the chosen customer, "
    "the derived risk follows the new total.",
    summary="Rescore a candidate",
    response_model=CandidatePublic,
    responses=WRITE,
)
def update_candidate(
    pilot_id: PilotId,
    candidate_id: CandidateId,
    body: CandidateUpdate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
    if_match: IfMatch = None,
) -> CandidatePublic:
    now = clock.now()
    pilot = service.get_pilot(
        db, workspace_id=access.workspace_id, pilot_id=pilot_id, for_update=True
    )
    candidate = records.get_candidate(db, pilot, candidate_id)
    _check_record_if_match(
        if_match,
        candidate,
        lambda: records.candidate_public(db, pilot, candidate),
        what="candidate",
    )
    candidate = records.update_candidate(
        db,
        pilot=pilot,
        candidate=candidate,
        actor=access.actor,
        changes=body.model_dump(exclude_unset=True),
        now=now,
    )
    return _one(response, records.candidate_public(db, pilot, candidate))  # type: ignore[no-any-return]


@router.delete(
    "/pilots/{pilot_id}/candidates/{candidate_id}",
    operation_id="deleteCandidate",
    description="Stops considering the customer. `409` when it is the pilot's chosen customer: "
    "choose another first.",
    summary="Stop considering a customer",
    status_code=204,
    responses=WRITE,
)
def delete_candidate(
    pilot_id: PilotId,
    candidate_id: CandidateId,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    if_match: IfMatch = None,
) -> Response:
    pilot = service.get_pilot(
        db, workspace_id=access.workspace_id, pilot_id=pilot_id, for_update=True
    )
    candidate = records.get_candidate(db, pilot, candidate_id)
    _check_record_if_match(
        if_match,
        candidate,
        lambda: records.candidate_public(db, pilot, candidate),
        what="candidate",
    )
    records.delete_candidate(
        db, pilot=pilot, candidate=candidate, actor=access.actor, now=clock.now()
    )
    return Response(status_code=204)


@router.get(
    "/pilots/{pilot_id}/involvements",
    operation_id="listInvolvements",
    description="The departments involved in the pilot with their stake and engagement "
    "(`invited`, `engaged`, `champion`, `declined`).",
    summary="Departments involved and their engagement",
    response_model=Page[InvolvementPublic],
    responses=READ,
)
def list_involvements(
    pilot_id: PilotId, access: WorkspaceRead, db: SessionDep, params: ListParamsDep
) -> Page[InvolvementPublic]:
    pilot = service.get_pilot(db, workspace_id=access.workspace_id, pilot_id=pilot_id)
    items, cursor = page_in_memory(records.involvement_publics(db, pilot), params, _stamped)
    return Page[InvolvementPublic](items=items, next_cursor=cursor)


@router.post(
    "/pilots/{pilot_id}/involvements",
    operation_id="createInvolvement",
    description="Involves a department with its stake; `invited_on` defaults to today and "
    "`engaged_on` is set when it engages. `409` when it is already involved.",
    summary="Involve a department",
    status_code=201,
    response_model=InvolvementPublic,
    responses=problems(401, 403, 404, 409),
)
def create_involvement(
    pilot_id: PilotId,
    body: InvolvementCreate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    now = clock.now()
    pilot = service.get_pilot(
        db, workspace_id=access.workspace_id, pilot_id=pilot_id, for_update=True
    )
    return _created(
        db,
        request,
        access,
        idempotency_key,
        body,
        now,
        lambda: records.involvement_public(
            *records.add_involvement(
                db, pilot=pilot, actor=access.actor, data=body.model_dump(), now=now
            )
        ),
    )


@router.patch(
    "/pilots/{pilot_id}/involvements/{involvement_id}",
    operation_id="updateInvolvement",
    description="Changes the contact, stake or engagement; moving to `engaged` or `champion` "
    "sets `engaged_on` to today unless given.",
    summary="Update a department's engagement",
    response_model=InvolvementPublic,
    responses=WRITE,
)
def update_involvement(
    pilot_id: PilotId,
    involvement_id: InvolvementId,
    body: InvolvementUpdate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
    if_match: IfMatch = None,
) -> InvolvementPublic:
    now = clock.now()
    pilot = service.get_pilot(
        db, workspace_id=access.workspace_id, pilot_id=pilot_id, for_update=True
    )
    involvement, name = records.get_involvement(db, pilot, involvement_id)
    _check_record_if_match(
        if_match,
        involvement,
        lambda: records.involvement_public(involvement, name),
        what="involvement",
    )
    involvement = records.update_involvement(
        db,
        pilot=pilot,
        involvement=involvement,
        name=name,
        actor=access.actor,
        changes=body.model_dump(exclude_unset=True),
        now=now,
    )
    return _one(response, records.involvement_public(involvement, name))  # type: ignore[no-any-return]


@router.delete(
    "/pilots/{pilot_id}/involvements/{involvement_id}",
    operation_id="deleteInvolvement",
    description="Removes the department from the pilot. `409` when the scale plan still names it.",
    summary="Remove a department from the pilot",
    status_code=204,
    responses=WRITE,
)
def delete_involvement(
    pilot_id: PilotId,
    involvement_id: InvolvementId,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    if_match: IfMatch = None,
) -> Response:
    pilot = service.get_pilot(
        db, workspace_id=access.workspace_id, pilot_id=pilot_id, for_update=True
    )
    involvement, name = records.get_involvement(db, pilot, involvement_id)
    _check_record_if_match(
        if_match,
        involvement,
        lambda: records.involvement_public(involvement, name),
        what="involvement",
    )
    records.delete_involvement(
        db, pilot=pilot, involvement=involvement, name=name, actor=access.actor, now=clock.now()
    )
    return Response(status_code=204)


@router.get(
    "/pilots/{pilot_id}/iterations",
    operation_id="listIterations",
    description="The iteration log in order (1, 2, …), each with how many measurements are tied "
    "to it.",
    summary="The iteration log",
    response_model=Page[IterationPublic],
    responses=READ,
)
def list_iterations(
    pilot_id: PilotId, access: WorkspaceRead, db: SessionDep, params: ListParamsDep
) -> Page[IterationPublic]:
    pilot = service.get_pilot(db, workspace_id=access.workspace_id, pilot_id=pilot_id)
    items, cursor = page_in_memory(
        records.iteration_publics(db, pilot), params, lambda i: (f"{i.number:09d}", i.id)
    )
    return Page[IterationPublic](items=items, next_cursor=cursor)


@router.post(
    "/pilots/{pilot_id}/iterations",
    operation_id="createIteration",
    summary="Log an iteration",
    status_code=201,
    response_model=IterationPublic,
    responses=problems(401, 403, 404),
)
def create_iteration(
    pilot_id: PilotId,
    body: IterationCreate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Numbered 1, 2, … automatically. `change_order` 1 is the change itself; 2 and 3 are the
    changes it led to, driven by what the customer experienced."""
    now = clock.now()
    pilot = service.get_pilot(
        db, workspace_id=access.workspace_id, pilot_id=pilot_id, for_update=True
    )
    return _created(
        db,
        request,
        access,
        idempotency_key,
        body,
        now,
        lambda: records.iteration_public(
            records.add_iteration(
                db, pilot=pilot, actor=access.actor, data=body.model_dump(), now=now
            )
        ),
    )


@router.patch(
    "/pilots/{pilot_id}/iterations/{iteration_id}",
    operation_id="updateIteration",
    description="Only the fields sent change; the number stays.",
    summary="Edit an iteration",
    response_model=IterationPublic,
    responses=WRITE,
)
def update_iteration(
    pilot_id: PilotId,
    iteration_id: IterationId,
    body: IterationUpdate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
    if_match: IfMatch = None,
) -> IterationPublic:
    now = clock.now()
    pilot = service.get_pilot(
        db, workspace_id=access.workspace_id, pilot_id=pilot_id, for_update=True
    )
    iteration = records.get_iteration(db, pilot, iteration_id)
    count = records.iteration_measurement_count(db, pilot, iteration)
    _check_record_if_match(
        if_match, iteration, lambda: records.iteration_public(iteration, count), what="iteration"
    )
    iteration = records.update_iteration(
        db,
        pilot=pilot,
        iteration=iteration,
        actor=access.actor,
        changes=body.model_dump(exclude_unset=True),
        now=now,
    )
    return _one(response, records.iteration_public(iteration, count))  # type: ignore[no-any-return]


@router.delete(
    "/pilots/{pilot_id}/iterations/{iteration_id}",
    operation_id="deleteIteration",
    description="Deletes the iteration; later ones are renumbered and measurements tied to it "
    "are kept, untied.",
    summary="Delete an iteration (later ones are renumbered)",
    status_code=204,
    responses=WRITE,
)
def delete_iteration(
    pilot_id: PilotId,
    iteration_id: IterationId,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    if_match: IfMatch = None,
) -> Response:
    pilot = service.get_pilot(
        db, workspace_id=access.workspace_id, pilot_id=pilot_id, for_update=True
    )
    iteration = records.get_iteration(db, pilot, iteration_id)
    _check_record_if_match(
        if_match,
        iteration,
        lambda: records.iteration_public(
            iteration, records.iteration_measurement_count(db, pilot, iteration)
        ),
        what="iteration",
    )
    records.delete_iteration(
        db, pilot=pilot, iteration=iteration, actor=access.actor, now=clock.now()
    )
    return Response(status_code=204)


@router.get(
    "/pilots/{pilot_id}/metrics",
    operation_id="listMetrics",
    description="The pilot's outcome metrics with their latest value, lift and progress toward "
    "the target.",
    summary="Outcome metrics with latest value, lift and progress",
    response_model=Page[MetricPublic],
    responses=READ,
)
def list_metrics(
    pilot_id: PilotId, access: WorkspaceRead, db: SessionDep, params: ListParamsDep
) -> Page[MetricPublic]:
    pilot = service.get_pilot(db, workspace_id=access.workspace_id, pilot_id=pilot_id)
    items, cursor = page_in_memory(records.metric_publics(db, pilot), params, _stamped)
    return Page[MetricPublic](items=items, next_cursor=cursor)


@router.post(
    "/pilots/{pilot_id}/metrics",
    operation_id="createMetric",
    summary="Define a metric",
    status_code=201,
    response_model=MetricPublic,
    responses=problems(401, 403, 404),
)
def create_metric(
    pilot_id: PilotId,
    body: MetricCreate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """Measure what the customer experiences (`customer_experienced`), not only internal
    figures. At most one metric per pilot `is_revenue`: its lift is the pilot's revenue lift."""
    now = clock.now()
    pilot = service.get_pilot(
        db, workspace_id=access.workspace_id, pilot_id=pilot_id, for_update=True
    )
    return _created(
        db,
        request,
        access,
        idempotency_key,
        body,
        now,
        lambda: records.metric_public(
            records.add_metric(
                db, pilot=pilot, actor=access.actor, data=body.model_dump(), now=now
            ),
            None,
        ),
    )


def _metric_public(db: SessionDep, pilot: Pilot, metric: Any) -> MetricPublic:
    return records.metric_public(metric, records.latest_values(db, pilot).get(metric.id))


@router.patch(
    "/pilots/{pilot_id}/metrics/{metric_id}",
    operation_id="updateMetric",
    description="Only the fields sent change. Only one metric per pilot can be the revenue metric.",
    summary="Change a metric",
    response_model=MetricPublic,
    responses=WRITE,
)
def update_metric(
    pilot_id: PilotId,
    metric_id: MetricId,
    body: MetricUpdate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
    if_match: IfMatch = None,
) -> MetricPublic:
    now = clock.now()
    pilot = service.get_pilot(
        db, workspace_id=access.workspace_id, pilot_id=pilot_id, for_update=True
    )
    metric = records.get_metric(db, pilot, metric_id)
    _check_record_if_match(
        if_match, metric, lambda: _metric_public(db, pilot, metric), what="metric"
    )
    metric = records.update_metric(
        db,
        pilot=pilot,
        metric=metric,
        actor=access.actor,
        changes=body.model_dump(exclude_unset=True),
        now=now,
    )
    return _one(response, _metric_public(db, pilot, metric))  # type: ignore[no-any-return]


@router.delete(
    "/pilots/{pilot_id}/metrics/{metric_id}",
    operation_id="deleteMetric",
    description="Deletes the metric and all its measurements.",
    summary="Delete a metric and its measurements",
    status_code=204,
    responses=WRITE,
)
def delete_metric(
    pilot_id: PilotId,
    metric_id: MetricId,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    if_match: IfMatch = None,
) -> Response:
    pilot = service.get_pilot(
        db, workspace_id=access.workspace_id, pilot_id=pilot_id, for_update=True
    )
    metric = records.get_metric(db, pilot, metric_id)
    _check_record_if_match(
        if_match, metric, lambda: _metric_public(db, pilot, metric), what="metric"
    )
    records.delete_metric(db, pilot=pilot, metric=metric, actor=access.actor, now=clock.now())
    return Response(status_code=204)


@router.get(
    "/pilots/{pilot_id}/metrics/{metric_id}/measurements",
    operation_id="listMeasurements",
    description="The metric's measurements, oldest first.",
    summary="A metric's measurements, oldest first",
    response_model=Page[MeasurementPublic],
    responses=READ,
)
def list_measurements(
    pilot_id: PilotId,
    metric_id: MetricId,
    access: WorkspaceRead,
    db: SessionDep,
    params: ListParamsDep,
) -> Page[MeasurementPublic]:
    pilot = service.get_pilot(db, workspace_id=access.workspace_id, pilot_id=pilot_id)
    metric = records.get_metric(db, pilot, metric_id)
    items, cursor = page_in_memory(
        records.measurement_publics(db, pilot, metric),
        params,
        lambda m: (f"{m.measured_on.isoformat()}|{m.created_at.isoformat()}", m.id),
    )
    return Page[MeasurementPublic](items=items, next_cursor=cursor)


@router.post(
    "/pilots/{pilot_id}/metrics/{metric_id}/measurements",
    operation_id="createMeasurement",
    description="Records a dated value, optionally tied to one of the pilot's iterations. "
    "Health and the metric's lift follow.",
    summary="Record a measurement",
    status_code=201,
    response_model=MeasurementPublic,
    responses=problems(401, 403, 404),
)
def create_measurement(
    pilot_id: PilotId,
    metric_id: MetricId,
    body: MeasurementCreate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    now = clock.now()
    pilot = service.get_pilot(
        db, workspace_id=access.workspace_id, pilot_id=pilot_id, for_update=True
    )
    metric = records.get_metric(db, pilot, metric_id)
    return _created(
        db,
        request,
        access,
        idempotency_key,
        body,
        now,
        lambda: records.measurement_public(
            records.add_measurement(
                db, pilot=pilot, metric=metric, actor=access.actor, data=body.model_dump(), now=now
            )
        ),
    )


@router.get(
    "/pilots/{pilot_id}/decisions",
    operation_id="listDecisions",
    description="The gate decisions recorded on the pilot, oldest first, with who decided.",
    summary="Gate decisions",
    response_model=Page[DecisionPublic],
    responses=READ,
)
def list_decisions(
    pilot_id: PilotId, access: WorkspaceRead, db: SessionDep, params: ListParamsDep
) -> Page[DecisionPublic]:
    pilot = service.get_pilot(db, workspace_id=access.workspace_id, pilot_id=pilot_id)
    items, cursor = page_in_memory(
        records.decision_publics(db, pilot),
        params,
        lambda d: (f"{d.decided_on.isoformat()}|{d.created_at.isoformat()}", d.id),
    )
    return Page[DecisionPublic](items=items, next_cursor=cursor)


@router.post(
    "/pilots/{pilot_id}/decisions",
    operation_id="createDecision",
    summary="Record a decision (executives and admins)",
    status_code=201,
    response_model=DecisionPublic,
    responses=problems(401, 403, 404),
)
def create_decision(
    pilot_id: PilotId,
    body: DecisionCreate,
    access: WorkspaceDecide,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """A decision satisfies a gate but moves nothing by itself: the team then moves the pilot."""
    now = clock.now()
    pilot = service.get_pilot(
        db, workspace_id=access.workspace_id, pilot_id=pilot_id, for_update=True
    )
    return _created(
        db,
        request,
        access,
        idempotency_key,
        body,
        now,
        lambda: records.decision_public(
            records.record_decision(
                db,
                pilot=pilot,
                actor=access.actor,
                user_id=access.user.id,
                data=body.model_dump(),
                now=now,
            )
        ),
    )


@router.get(
    "/pilots/{pilot_id}/scale-plan",
    operation_id="getScalePlan",
    description="The rollout scope and, per department, the changes to planning, resource "
    "allocation and compensation. Empty until saved.",
    summary="The scale plan",
    response_model=ScalePlanPublic,
    responses=READ,
)
def get_scale_plan(
    pilot_id: PilotId, access: WorkspaceRead, db: SessionDep, response: Response
) -> ScalePlanPublic:
    pilot = service.get_pilot(db, workspace_id=access.workspace_id, pilot_id=pilot_id)
    plan = records.scale_plan_public(db, pilot)
    set_etag(response, plan, etag=_scale_plan_etag(pilot, plan))
    return plan


@router.put(
    "/pilots/{pilot_id}/scale-plan",
    operation_id="putScalePlan",
    summary="Replace the scale plan",
    response_model=ScalePlanPublic,
    responses=WRITE,
)
def put_scale_plan(
    pilot_id: PilotId,
    body: ScalePlanPut,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
    if_match: IfMatch = None,
) -> ScalePlanPublic:
    """The rollout scope, and per involved department the changes to planning, resource
    allocation and compensation that scaling needs, each with owner, due date and status."""
    pilot = service.get_pilot(
        db, workspace_id=access.workspace_id, pilot_id=pilot_id, for_update=True
    )
    current = records.scale_plan_public(db, pilot)
    check_if_match(if_match, current, what="scale plan", etag=_scale_plan_etag(pilot, current))
    records.put_scale_plan(
        db,
        pilot=pilot,
        actor=access.actor,
        scope=body.scope,
        items=[i.model_dump() for i in body.items],
        now=clock.now(),
    )
    plan = records.scale_plan_public(db, pilot)
    set_etag(response, plan, etag=_scale_plan_etag(pilot, plan))
    return plan
