"""The pilots in a workspace export, each with its records (stage history, candidates,
involvements, iterations, metrics and their measurements, decisions, comments, scale plan, the
customer's feedback links and responses, the departments' check-in requests and check-ins), and
their restore: one query, and one bulk insert, per table.

Link tokens are never exported: restored feedback links are revoked, and restored check-in
requests (``token_hash`` null) open nothing."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, SQLModel, col

from pilotboard.core.errors import InvalidInput
from pilotboard.exports.context import (
    RestoreContext,
    attributes,
    bulk_insert,
    grouped,
    stamps,
    workspace_rows,
)
from pilotboard.exports.schemas import (
    ExportCandidate,
    ExportCheckIn,
    ExportCheckInRequest,
    ExportComment,
    ExportDecision,
    ExportFeedbackLink,
    ExportFeedbackResponse,
    ExportInvolvement,
    ExportIteration,
    ExportMeasurement,
    ExportMetric,
    ExportPilot,
    ExportScalePlan,
    ExportScalePlanItem,
    ExportTransition,
)
from pilotboard.pilots.checkins.models import CheckIn, CheckInRequest
from pilotboard.pilots.comments.models import Comment
from pilotboard.pilots.feedback.models import FeedbackLink, FeedbackResponse
from pilotboard.pilots.health.rules import evaluate_pilot
from pilotboard.pilots.health.schemas import HealthReason
from pilotboard.pilots.models import (
    Candidate,
    Decision,
    Involvement,
    Iteration,
    Measurement,
    Metric,
    Pilot,
    ScalePlan,
    ScalePlanItem,
    Transition,
)

# --- export ----------------------------------------------------------------------------------


@dataclass
class _Records:
    """Every record of the workspace's pilots, by pilot (measurements by metric)."""

    transitions: dict[uuid.UUID, list[Transition]]
    candidates: dict[uuid.UUID, list[Candidate]]
    involvements: dict[uuid.UUID, list[Involvement]]
    iterations: dict[uuid.UUID, list[Iteration]]
    metrics: dict[uuid.UUID, list[Metric]]
    measurements: dict[uuid.UUID, list[Measurement]]
    decisions: dict[uuid.UUID, list[Decision]]
    comments: dict[uuid.UUID, list[Comment]]
    feedback_links: dict[uuid.UUID, list[FeedbackLink]]
    feedback: dict[uuid.UUID, list[FeedbackResponse]]
    check_in_requests: dict[uuid.UUID, list[CheckInRequest]]
    check_ins: dict[uuid.UUID, list[CheckIn]]
    plans: dict[uuid.UUID, ScalePlan]
    plan_items: dict[uuid.UUID, list[ScalePlanItem]]

    @classmethod
    def load(cls, session: Session, ws: uuid.UUID) -> _Records:
        """One query per table."""
        return cls(
            transitions=grouped(
                workspace_rows(
                    session, Transition, ws, col(Transition.pilot_id), col(Transition.sequence)
                ),
                lambda t: t.pilot_id,
            ),
            candidates=grouped(
                workspace_rows(
                    session, Candidate, ws, col(Candidate.created_at), col(Candidate.id)
                ),
                lambda c: c.pilot_id,
            ),
            involvements=grouped(
                workspace_rows(
                    session, Involvement, ws, col(Involvement.created_at), col(Involvement.id)
                ),
                lambda i: i.pilot_id,
            ),
            iterations=grouped(
                workspace_rows(
                    session, Iteration, ws, col(Iteration.pilot_id), col(Iteration.number)
                ),
                lambda i: i.pilot_id,
            ),
            metrics=grouped(
                workspace_rows(session, Metric, ws, col(Metric.created_at), col(Metric.id)),
                lambda m: m.pilot_id,
            ),
            measurements=grouped(
                workspace_rows(
                    session,
                    Measurement,
                    ws,
                    col(Measurement.measured_on),
                    col(Measurement.created_at),
                    col(Measurement.id),
                ),
                lambda m: m.metric_id,
            ),
            decisions=grouped(
                workspace_rows(session, Decision, ws, col(Decision.created_at), col(Decision.id)),
                lambda d: d.pilot_id,
            ),
            comments=grouped(
                workspace_rows(session, Comment, ws, col(Comment.created_at), col(Comment.id)),
                lambda c: c.pilot_id,
            ),
            feedback_links=grouped(
                workspace_rows(
                    session, FeedbackLink, ws, col(FeedbackLink.created_at), col(FeedbackLink.id)
                ),
                lambda link: link.pilot_id,
            ),
            feedback=grouped(
                workspace_rows(
                    session,
                    FeedbackResponse,
                    ws,
                    col(FeedbackResponse.created_at),
                    col(FeedbackResponse.id),
                ),
                lambda r: r.pilot_id,
            ),
            check_in_requests=grouped(
                workspace_rows(
                    session,
                    CheckInRequest,
                    ws,
                    col(CheckInRequest.asked_at),
                    col(CheckInRequest.created_at),
                    col(CheckInRequest.id),
                ),
                lambda r: r.pilot_id,
            ),
            check_ins=grouped(
                workspace_rows(session, CheckIn, ws, col(CheckIn.created_at), col(CheckIn.id)),
                lambda c: c.pilot_id,
            ),
            plans={plan.pilot_id: plan for plan in workspace_rows(session, ScalePlan, ws)},
            plan_items=grouped(
                workspace_rows(
                    session, ScalePlanItem, ws, col(ScalePlanItem.position), col(ScalePlanItem.id)
                ),
                lambda i: i.pilot_id,
            ),
        )


def export_pilots(
    session: Session, workspace_id: uuid.UUID, *, thresholds: Mapping[str, int], today: date
) -> list[ExportPilot]:
    """Oldest first, each with its records and its health as of ``today``."""
    pilots = workspace_rows(session, Pilot, workspace_id, col(Pilot.created_at), col(Pilot.id))
    records = _Records.load(session, workspace_id)
    return [_export_pilot(p, records, thresholds, today) for p in pilots]


def _export_pilot(
    p: Pilot, records: _Records, thresholds: Mapping[str, int], today: date
) -> ExportPilot:
    health = evaluate_pilot(p, thresholds, today)
    plan = records.plans.get(p.id)
    return ExportPilot(
        id=p.id,
        title=p.title,
        hypothesis=p.hypothesis,
        target_outcome=p.target_outcome,
        owner_id=p.owner_id,
        sponsor_id=p.sponsor_id,
        customer_id=p.customer_id,
        risk_level=p.risk_level,
        risk_rationale=p.risk_rationale,
        budget=p.budget,
        revenue_at_stake=p.revenue_at_stake,
        stage=p.stage,
        stage_entered_at=p.stage_entered_at,
        paused_from=p.paused_from,
        criteria_changed=p.criteria_changed,
        health=health.health,
        health_reasons=[HealthReason(**r.as_dict()) for r in health.reasons],
        created_at=p.created_at,
        updated_at=p.updated_at,
        transitions=[
            ExportTransition.model_validate(t, from_attributes=True)
            for t in records.transitions.get(p.id, [])
        ],
        candidates=[
            ExportCandidate.model_validate(c, from_attributes=True)
            for c in records.candidates.get(p.id, [])
        ],
        involvements=[
            ExportInvolvement.model_validate(i, from_attributes=True)
            for i in records.involvements.get(p.id, [])
        ],
        iterations=[
            ExportIteration.model_validate(i, from_attributes=True)
            for i in records.iterations.get(p.id, [])
        ],
        metrics=[
            ExportMetric.model_validate(
                {
                    **attributes(m, ExportMetric),
                    "measurements": [
                        ExportMeasurement.model_validate(x, from_attributes=True)
                        for x in records.measurements.get(m.id, [])
                    ],
                }
            )
            for m in records.metrics.get(p.id, [])
        ],
        decisions=[
            ExportDecision.model_validate(d, from_attributes=True)
            for d in records.decisions.get(p.id, [])
        ],
        comments=[
            ExportComment.model_validate(
                {**attributes(c, ExportComment), "mentions": [uuid.UUID(m) for m in c.mentions]}
            )
            for c in records.comments.get(p.id, [])
        ],
        feedback_links=[
            ExportFeedbackLink.model_validate(link, from_attributes=True)
            for link in records.feedback_links.get(p.id, [])
        ],
        feedback=[
            ExportFeedbackResponse.model_validate(r, from_attributes=True)
            for r in records.feedback.get(p.id, [])
        ],
        check_in_requests=[
            ExportCheckInRequest.model_validate(r, from_attributes=True)
            for r in records.check_in_requests.get(p.id, [])
        ],
        check_ins=[
            ExportCheckIn.model_validate(c, from_attributes=True)
            for c in records.check_ins.get(p.id, [])
        ],
        scale_plan=None
        if plan is None
        else ExportScalePlan(
            scope=plan.scope,
            created_at=plan.created_at,
            updated_at=plan.updated_at,
            items=[
                ExportScalePlanItem.model_validate(i, from_attributes=True)
                for i in records.plan_items.get(p.id, [])
            ],
        ),
    )


def people_referenced(pilots: Sequence[ExportPilot]) -> set[uuid.UUID]:
    """Owners, sponsors, who moved a pilot, who decided and who withdrew a decision, who
    commented and whom a comment mentions, who made or revoked a feedback link and who recorded
    a check-in (the export lists each by email)."""
    referenced = {p.owner_id for p in pilots} | {p.sponsor_id for p in pilots if p.sponsor_id}
    referenced |= {t.actor_user_id for p in pilots for t in p.transitions if t.actor_user_id}
    referenced |= {d.decided_by for p in pilots for d in p.decisions if d.decided_by}
    referenced |= {d.withdrawn_by for p in pilots for d in p.decisions if d.withdrawn_by}
    referenced |= {c.author_id for p in pilots for c in p.comments if c.author_id}
    referenced |= {m for p in pilots for c in p.comments for m in c.mentions}
    referenced |= {x.created_by for p in pilots for x in p.feedback_links if x.created_by}
    referenced |= {x.revoked_by for p in pilots for x in p.feedback_links if x.revoked_by}
    referenced |= {c.recorded_by for p in pilots for c in p.check_ins if c.recorded_by}
    referenced |= {
        c.changed_by for p in pilots for m in p.metrics for c in m.criteria_changes if c.changed_by
    }
    return referenced


# --- restore ---------------------------------------------------------------------------------


def check_references(
    pilots: Sequence[ExportPilot],
    *,
    people: set[uuid.UUID],
    customers: set[uuid.UUID],
    departments: set[uuid.UUID],
) -> None:
    """Every reference of a pilot points to an object of the file (422 naming each one that
    does not)."""
    errors: list[tuple[list[str | int], str]] = []
    for i, p in enumerate(pilots):
        where: list[str | int] = ["pilots", i]
        if p.owner_id not in people:
            errors.append(([*where, "owner_id"], "Not one of the file's members or people."))
        if p.sponsor_id is not None and p.sponsor_id not in people:
            errors.append(([*where, "sponsor_id"], "Not one of the file's members or people."))
        if p.customer_id is not None and p.customer_id not in {c.customer_id for c in p.candidates}:
            errors.append(([*where, "customer_id"], "Not one of the pilot's candidates."))
        for j, c in enumerate(p.candidates):
            if c.customer_id not in customers:
                errors.append(([*where, "candidates", j, "customer_id"], "Unknown customer."))
        for j, inv in enumerate(p.involvements):
            if inv.department_id not in departments:
                errors.append(([*where, "involvements", j, "department_id"], "Unknown department."))
        iteration_ids = {it.id for it in p.iterations}
        for j, m in enumerate(p.metrics):
            for k, x in enumerate(m.measurements):
                if x.iteration_id is not None and x.iteration_id not in iteration_ids:
                    errors.append(
                        (
                            [*where, "metrics", j, "measurements", k, "iteration_id"],
                            "Not one of the pilot's iterations.",
                        )
                    )
        errors += _voice_reference_errors(p, where, iteration_ids)
        if p.scale_plan is not None:
            for j, item in enumerate(p.scale_plan.items):
                if item.department_id not in departments:
                    errors.append(
                        ([*where, "scale_plan", "items", j, "department_id"], "Unknown department.")
                    )
    if errors:
        raise InvalidInput(
            f"The file has {len(errors)} broken reference(s); it was not restored.", errors=errors
        )


def _voice_reference_errors(
    p: ExportPilot, where: list[str | int], iteration_ids: set[uuid.UUID]
) -> list[tuple[list[str | int], str]]:
    """The references of the feedback responses, check-in requests and check-ins."""
    errors: list[tuple[list[str | int], str]] = []
    link_ids = {link.id for link in p.feedback_links}
    involvement_ids = {i.id for i in p.involvements}
    request_ids = {r.id for r in p.check_in_requests}
    not_iteration = "Not one of the pilot's iterations."
    for j, r in enumerate(p.feedback):
        if r.link_id is not None and r.link_id not in link_ids:
            errors.append(([*where, "feedback", j, "link_id"], "Not one of the pilot's links."))
        if r.iteration_id is not None and r.iteration_id not in iteration_ids:
            errors.append(([*where, "feedback", j, "iteration_id"], not_iteration))
    for j, q in enumerate(p.check_in_requests):
        if q.involvement_id not in involvement_ids:
            errors.append(
                (
                    [*where, "check_in_requests", j, "involvement_id"],
                    "Not one of the pilot's involvements.",
                )
            )
        if q.iteration_id is not None and q.iteration_id not in iteration_ids:
            errors.append(([*where, "check_in_requests", j, "iteration_id"], not_iteration))
    for j, c in enumerate(p.check_ins):
        if c.involvement_id not in involvement_ids:
            errors.append(
                (
                    [*where, "check_ins", j, "involvement_id"],
                    "Not one of the pilot's involvements.",
                )
            )
        if c.request_id is not None and c.request_id not in request_ids:
            errors.append(
                ([*where, "check_ins", j, "request_id"], "Not one of the pilot's requests.")
            )
        if c.iteration_id is not None and c.iteration_id not in iteration_ids:
            errors.append(([*where, "check_ins", j, "iteration_id"], not_iteration))
    return errors


def restore_pilots(session: Session, context: RestoreContext, pilots: Sequence[ExportPilot]) -> int:
    """The pilots and their records (after the customers and departments they refer to).
    Returns how many pilots went to ``context.fallback_owner``, their owner having no account
    here. Health is stored as in the file; the derived columns follow (``core/derived.py``)."""
    ws = context.workspace_id
    pilot_ids = context.ids.assign([p.id for p in pilots])
    bulk_insert(
        session,
        Pilot,
        [
            {
                "id": new,
                "workspace_id": ws,
                "title": p.title,
                "hypothesis": p.hypothesis,
                "target_outcome": p.target_outcome.value,
                "owner_id": context.users.get(p.owner_id, context.fallback_owner),
                "sponsor_id": context.person(p.sponsor_id),
                "customer_id": context.ids.get(p.customer_id),
                "risk_level": p.risk_level.value if p.risk_level else None,
                "risk_rationale": p.risk_rationale,
                "budget": p.budget,
                "revenue_at_stake": p.revenue_at_stake,
                "stage": p.stage.value,
                "stage_entered_at": p.stage_entered_at,
                "paused_from": p.paused_from.value if p.paused_from else None,
                "criteria_changed": p.criteria_changed,
                "health": p.health.value,
                "health_reasons": [r.model_dump() for r in p.health_reasons],
                "health_facts": {},
                "health_changes_on": None,
                **stamps(p),
            }
            for p, new in zip(pilots, pilot_ids, strict=True)
        ],
    )
    _restore_records(session, context, pilots)
    return sum(1 for p in pilots if p.owner_id not in context.users)


def _restore_records(
    session: Session, context: RestoreContext, pilots: Sequence[ExportPilot]
) -> None:
    ids = context.ids

    def children(
        model: type[SQLModel],
        lists: Callable[[ExportPilot], Sequence[Any]],
        values: Callable[[Any], dict[str, Any]],
    ) -> None:
        """One insert for one kind of record of every pilot (records without an id in the
        file, such as transitions, get a fresh one)."""
        items = [(item, ids[p.id]) for p in pilots for item in lists(p)]
        with_ids = [item for item, _ in items if hasattr(item, "id")]
        if with_ids:
            ids.assign([item.id for item in with_ids])
        bulk_insert(
            session,
            model,
            [
                {
                    "id": ids[item.id] if hasattr(item, "id") else uuid.uuid4(),
                    "workspace_id": context.workspace_id,
                    "pilot_id": pilot_id,
                    **values(item),
                }
                for item, pilot_id in items
            ],
        )

    children(
        Transition,
        lambda p: p.transitions,
        lambda t: {
            **t.model_dump(include={"sequence", "reason", "lessons_learned", "occurred_at"}),
            "from_stage": t.from_stage.value if t.from_stage else None,
            "to_stage": t.to_stage.value,
            "actor_user_id": context.person(t.actor_user_id),
        },
    )
    children(
        Candidate,
        lambda p: p.candidates,
        lambda c: {
            "customer_id": ids[c.customer_id],
            "scores": c.scores,
            "notes": c.notes,
            **stamps(c),
        },
    )
    children(
        Involvement,
        lambda p: p.involvements,
        lambda i: {
            **i.model_dump(
                include={
                    "contact_name",
                    "stake",
                    "invited_on",
                    "engaged_on",
                    "contact_email",
                    "first_asked_on",
                    "last_asked_at",
                    "last_check_in_on",
                    "created_at",
                    "updated_at",
                }
            ),
            "department_id": ids[i.department_id],
            "status": i.status.value,
        },
    )
    children(Iteration, lambda p: p.iterations, lambda i: i.model_dump(exclude={"id"}))
    children(
        Metric,
        lambda p: p.metrics,
        lambda m: {
            **m.model_dump(exclude={"id", "measurements", "criteria_changes"}),
            "direction": m.direction.value,
            "kind": m.kind.value,
            "revenue_period": m.revenue_period.value,
            "criteria_changes": [
                {**c.model_dump(mode="json"), "changed_by": _text(context.person(c.changed_by))}
                for c in m.criteria_changes
            ],
        },
    )
    _restore_measurements(session, context, pilots)
    children(
        Decision,
        lambda p: p.decisions,
        lambda d: {
            **d.model_dump(
                include={
                    "rationale",
                    "decided_on",
                    "withdrawn_at",
                    "withdraw_reason",
                    "created_at",
                    "updated_at",
                }
            ),
            "kind": d.kind.value,
            "decided_by": context.person(d.decided_by),
            "withdrawn_by": context.person(d.withdrawn_by),
        },
    )
    children(
        Comment,
        lambda p: p.comments,
        lambda c: {
            **c.model_dump(include={"body", "edited_at", "created_at", "updated_at"}),
            "author_id": context.person(c.author_id),
            # Those mentioned who have no account here are no longer mentioned.
            "mentions": [
                str(user_id)
                for user_id in (context.person(m) for m in c.mentions)
                if user_id is not None
            ],
        },
    )
    _restore_voice(context, children)
    children(
        ScalePlan,
        lambda p: [p.scale_plan] if p.scale_plan else [],
        lambda s: {"scope": s.scope, **stamps(s)},
    )
    _restore_plan_items(session, context, pilots)


def _restore_voice(context: RestoreContext, children: Callable[..., None]) -> None:
    """The feedback links (revoked, without a token), their responses, the check-in requests
    (without a token) and the check-ins: after the iterations and involvements they refer to."""
    ids = context.ids
    children(
        FeedbackLink,
        lambda p: p.feedback_links,
        lambda link: {
            **link.model_dump(include={"contact_name", "contact_email", "expires_on"}),
            "token_hash": None,
            "created_by": context.person(link.created_by),
            # The token is not in the file: a restored link opens nothing, so it is revoked.
            "revoked_at": link.revoked_at or context.now,
            "revoked_by": context.person(link.revoked_by),
            **stamps(link),
        },
    )
    children(
        FeedbackResponse,
        lambda p: p.feedback,
        lambda r: {
            **r.model_dump(
                include={"respondent_name", "difference", "effort", "comment", "new_needs"}
            ),
            "link_id": ids.get(r.link_id),
            "iteration_id": ids.get(r.iteration_id),
            **stamps(r),
        },
    )
    children(
        CheckInRequest,
        lambda p: p.check_in_requests,
        lambda r: {
            **r.model_dump(include={"email", "asked_at", "expires_at"}),
            "token_hash": None,
            "involvement_id": ids[r.involvement_id],
            "iteration_id": ids.get(r.iteration_id),
            **stamps(r),
        },
    )
    children(
        CheckIn,
        lambda p: p.check_ins,
        lambda c: {
            **c.model_dump(include={"still_committed", "blocker", "note"}),
            "benefit": c.benefit.value,
            "involvement_id": ids[c.involvement_id],
            "request_id": ids.get(c.request_id),
            "iteration_id": ids.get(c.iteration_id),
            "recorded_by": context.person(c.recorded_by),
            **stamps(c),
        },
    )


def _text(value: uuid.UUID | None) -> str | None:
    return str(value) if value is not None else None


def _restore_measurements(
    session: Session, context: RestoreContext, pilots: Sequence[ExportPilot]
) -> None:
    """After the metrics and iterations they belong to."""
    ids = context.ids
    measurements = [(x, m.id, p.id) for p in pilots for m in p.metrics for x in m.measurements]
    new_ids = ids.assign([x.id for x, _, _ in measurements])
    bulk_insert(
        session,
        Measurement,
        [
            {
                "id": new,
                "workspace_id": context.workspace_id,
                "pilot_id": ids[pilot_id],
                "metric_id": ids[metric_id],
                "iteration_id": ids.get(x.iteration_id),
                **x.model_dump(
                    include={"value", "measured_on", "note", "created_at", "updated_at"}
                ),
            }
            for (x, metric_id, pilot_id), new in zip(measurements, new_ids, strict=True)
        ],
    )


def _restore_plan_items(
    session: Session, context: RestoreContext, pilots: Sequence[ExportPilot]
) -> None:
    """Positioned in the file's order."""
    bulk_insert(
        session,
        ScalePlanItem,
        [
            {
                "id": uuid.uuid4(),
                "workspace_id": context.workspace_id,
                "pilot_id": context.ids[p.id],
                **item.model_dump(
                    include={
                        "planning_change",
                        "resource_change",
                        "compensation_change",
                        "owner_name",
                        "due_on",
                    }
                ),
                "department_id": context.ids[item.department_id],
                "status": item.status.value,
                "position": position,
            }
            for p in pilots
            if p.scale_plan
            for position, item in enumerate(p.scale_plan.items)
        ],
    )
