"""Export a workspace as one JSON document, and restore such a document into a new workspace.

Both run a fixed number of queries whatever the size of the workspace: one per table (and, for
a restore, one bulk insert per table and the health refresh of every pilot at the end).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar, cast

from sqlalchemy import Table, insert
from sqlmodel import Session, SQLModel, col, select

from pilotboard.accounts.models import User
from pilotboard.activity.models import Activity
from pilotboard.core.errors import InvalidInput
from pilotboard.customers.models import Customer
from pilotboard.departments.models import Department
from pilotboard.exports.schemas import (
    FORMAT,
    VERSION,
    ExportActivity,
    ExportCandidate,
    ExportCustomer,
    ExportDecision,
    ExportDepartment,
    ExportDocument,
    ExportInvolvement,
    ExportIteration,
    ExportMeasurement,
    ExportMember,
    ExportMetric,
    ExportPerson,
    ExportPilot,
    ExportScalePlan,
    ExportScalePlanItem,
    ExportSettings,
    ExportTransition,
    ExportWebhook,
    ExportWorkspace,
)
from pilotboard.pilots.latest import sync_latest, sync_summary
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
from pilotboard.pilots.schemas import HealthReason
from pilotboard.pilots.service import evaluate, refresh, workspace_rules
from pilotboard.webhooks import signing
from pilotboard.webhooks.models import WebhookEndpoint
from pilotboard.webhooks.service import url_refusal
from pilotboard.workspaces.models import Membership, Role, Workspace, WorkspaceSettings

M = TypeVar("M", bound=SQLModel)


def _rows(session: Session, model: type[M], workspace_id: uuid.UUID, *order: Any) -> list[M]:
    table_column = cast(Any, model).workspace_id
    return list(session.exec(select(model).where(table_column == workspace_id).order_by(*order)))


def _grouped(rows: Iterable[M], key: Callable[[M], uuid.UUID]) -> dict[uuid.UUID, list[M]]:
    groups: dict[uuid.UUID, list[M]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return groups


# --- export ----------------------------------------------------------------------------------


def export_workspace(session: Session, *, workspace: Workspace, now: datetime) -> ExportDocument:
    ws = workspace.id
    rubric, thresholds = workspace_rules(session, ws)
    stored_settings = session.get(WorkspaceSettings, ws)
    members = session.exec(
        select(Membership, User)
        .join(User, col(User.id) == col(Membership.user_id))
        .where(Membership.workspace_id == ws)
        .order_by(col(User.email))
    ).all()
    departments = _rows(session, Department, ws, col(Department.created_at), col(Department.id))
    customers = _rows(session, Customer, ws, col(Customer.created_at), col(Customer.id))
    pilots = _rows(session, Pilot, ws, col(Pilot.created_at), col(Pilot.id))
    transitions = _grouped(
        _rows(session, Transition, ws, col(Transition.pilot_id), col(Transition.sequence)),
        lambda t: t.pilot_id,
    )
    candidates = _grouped(
        _rows(session, Candidate, ws, col(Candidate.created_at), col(Candidate.id)),
        lambda c: c.pilot_id,
    )
    involvements = _grouped(
        _rows(session, Involvement, ws, col(Involvement.created_at), col(Involvement.id)),
        lambda i: i.pilot_id,
    )
    iterations = _grouped(
        _rows(session, Iteration, ws, col(Iteration.pilot_id), col(Iteration.number)),
        lambda i: i.pilot_id,
    )
    metrics = _grouped(
        _rows(session, Metric, ws, col(Metric.created_at), col(Metric.id)), lambda m: m.pilot_id
    )
    measurements = _grouped(
        _rows(
            session,
            Measurement,
            ws,
            col(Measurement.measured_on),
            col(Measurement.created_at),
            col(Measurement.id),
        ),
        lambda m: m.metric_id,
    )
    decisions = _grouped(
        _rows(session, Decision, ws, col(Decision.created_at), col(Decision.id)),
        lambda d: d.pilot_id,
    )
    plans = {plan.pilot_id: plan for plan in _rows(session, ScalePlan, ws)}
    plan_items = _grouped(
        _rows(session, ScalePlanItem, ws, col(ScalePlanItem.position), col(ScalePlanItem.id)),
        lambda i: i.pilot_id,
    )
    activity = _rows(session, Activity, ws, col(Activity.occurred_at), col(Activity.id))
    webhooks = _rows(
        session, WebhookEndpoint, ws, col(WebhookEndpoint.created_at), col(WebhookEndpoint.id)
    )

    member_ids = {user.id for _, user in members}
    referenced = {p.owner_id for p in pilots} | {p.sponsor_id for p in pilots if p.sponsor_id}
    referenced |= {t.actor_user_id for ts in transitions.values() for t in ts if t.actor_user_id}
    referenced |= {d.decided_by for ds in decisions.values() for d in ds if d.decided_by}
    referenced |= {a.actor_user_id for a in activity if a.actor_user_id}
    others = referenced - member_ids
    people = (
        session.exec(select(User).where(col(User.id).in_(others)).order_by(col(User.email))).all()
        if others
        else []
    )
    today = now.date()

    def pilot(p: Pilot) -> ExportPilot:
        health = evaluate(p, thresholds, today)
        plan = plans.get(p.id)
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
            health=health.health,
            health_reasons=[HealthReason(**r.as_dict()) for r in health.reasons],
            created_at=p.created_at,
            updated_at=p.updated_at,
            transitions=[
                ExportTransition.model_validate(t, from_attributes=True)
                for t in transitions.get(p.id, [])
            ],
            candidates=[
                ExportCandidate.model_validate(c, from_attributes=True)
                for c in candidates.get(p.id, [])
            ],
            involvements=[
                ExportInvolvement.model_validate(i, from_attributes=True)
                for i in involvements.get(p.id, [])
            ],
            iterations=[
                ExportIteration.model_validate(i, from_attributes=True)
                for i in iterations.get(p.id, [])
            ],
            metrics=[
                ExportMetric.model_validate(
                    {
                        **_attributes(m, ExportMetric),
                        "measurements": [
                            ExportMeasurement.model_validate(x, from_attributes=True)
                            for x in measurements.get(m.id, [])
                        ],
                    }
                )
                for m in metrics.get(p.id, [])
            ],
            decisions=[
                ExportDecision.model_validate(d, from_attributes=True)
                for d in decisions.get(p.id, [])
            ],
            scale_plan=None
            if plan is None
            else ExportScalePlan(
                scope=plan.scope,
                created_at=plan.created_at,
                updated_at=plan.updated_at,
                items=[
                    ExportScalePlanItem.model_validate(i, from_attributes=True)
                    for i in plan_items.get(p.id, [])
                ],
            ),
        )

    return ExportDocument(
        format=FORMAT,
        version=VERSION,
        exported_at=now,
        workspace=ExportWorkspace.model_validate(workspace, from_attributes=True),
        settings=ExportSettings.model_validate(
            {
                "rubric": rubric,
                "thresholds": thresholds,
                "updated_at": stored_settings.updated_at if stored_settings else None,
            }
        ),
        members=[
            ExportMember(user_id=user.id, email=user.email, name=user.name, role=membership.role)
            for membership, user in members
        ],
        people=[ExportPerson(user_id=u.id, email=u.email, name=u.name) for u in people],
        departments=[ExportDepartment.model_validate(d, from_attributes=True) for d in departments],
        customers=[ExportCustomer.model_validate(c, from_attributes=True) for c in customers],
        pilots=[pilot(p) for p in pilots],
        activity=[ExportActivity.model_validate(a, from_attributes=True) for a in activity],
        webhooks=[ExportWebhook.model_validate(w, from_attributes=True) for w in webhooks],
    )


def _attributes(obj: Any, schema: type[Any]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in schema.model_fields if hasattr(obj, name)}


# --- restore ---------------------------------------------------------------------------------


@dataclass
class Restored:
    workspace_id: uuid.UUID
    name: str
    counts: dict[str, int]
    members: list[str]
    """Emails of the members restored, with their role."""
    missing_people: list[str]
    """Emails in the file without an account here."""
    reassigned_pilots: int
    """Pilots whose owner has no account here, now owned by the restoring admin."""
    webhook_secrets: list[tuple[str, str]] = field(default_factory=list)
    """(url, new signing secret) of each webhook endpoint, shown this once."""


class _Ids:
    """Old id → new id. New ids are handed out in ascending order within each batch, so objects
    listed oldest first keep their (created_at, id) order, and lists read the same."""

    def __init__(self) -> None:
        self.known: dict[uuid.UUID, uuid.UUID] = {}

    def assign(self, old_ids: Sequence[uuid.UUID]) -> list[uuid.UUID]:
        new_ids = sorted(uuid.uuid4() for _ in old_ids)
        for old, new in zip(old_ids, new_ids, strict=True):
            self.known[old] = new
        return new_ids

    def __getitem__(self, old: uuid.UUID) -> uuid.UUID:
        return self.known[old]

    def get(self, old: uuid.UUID | None) -> uuid.UUID | None:
        return None if old is None else self.known.get(old)

    def or_fresh(self, old: uuid.UUID | None) -> uuid.UUID | None:
        """Ids of objects that no longer exist get a new id too (the same one every time)."""
        if old is None:
            return None
        if old not in self.known:
            self.known[old] = uuid.uuid4()
        return self.known[old]

    def rewrite(self, value: Any) -> Any:
        """Replace every id this map knows inside a JSON value (activity snapshots)."""
        if isinstance(value, dict):
            return {key: self.rewrite(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.rewrite(item) for item in value]
        if isinstance(value, str) and len(value) == 36:
            try:
                old = uuid.UUID(value)
            except ValueError:
                return value
            new = self.known.get(old)
            return str(new) if new is not None else value
        return value


def _table(model: type[SQLModel]) -> Table:
    return cast(Table, cast(Any, model).__table__)


def _insert(session: Session, model: type[SQLModel], rows: list[dict[str, Any]]) -> None:
    if rows:
        session.execute(insert(_table(model)), rows)


def _check_references(document: ExportDocument) -> None:
    """Every reference inside the file points to an object of the file (422 naming it)."""
    customers = {c.id for c in document.customers}
    departments = {d.id for d in document.departments}
    people = {m.user_id for m in document.members} | {p.user_id for p in document.people}
    errors: list[tuple[list[str | int], str]] = []
    for i, p in enumerate(document.pilots):
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


def _check_webhooks(document: ExportDocument, *, allow_localhost: bool) -> None:
    """Every webhook URL passes the check the API makes (422 naming each one refused): a file
    written elsewhere, or by hand, may point at this server's private network."""
    errors: list[tuple[list[str | int], str]] = []
    for i, webhook in enumerate(document.webhooks):
        reason = url_refusal(webhook.url, allow_localhost=allow_localhost)
        if reason is not None:
            errors.append((["webhooks", i, "url"], reason))
    if errors:
        raise InvalidInput(
            f"The file has {len(errors)} webhook URL(s) this server refuses; it was not "
            "restored. Correct or remove them in the file.",
            errors=errors,
        )


def restore_workspace(
    session: Session,
    *,
    document: ExportDocument,
    name: str | None,
    admin_email: str | None,
    app_secret: str,
    now: datetime,
    webhooks_allow_localhost: bool = False,
) -> Restored:
    """Create a new workspace holding everything in ``document`` (one transaction: the caller
    commits). People are linked by email; see the CLI's help for the rules.

    Webhook URLs are checked as the API checks them, with ``webhooks_allow_localhost`` standing
    for the setting of the same name: the document is refused, and nothing written, when one
    is refused."""
    _check_references(document)
    _check_webhooks(document, allow_localhost=webhooks_allow_localhost)
    emails = {m.email.lower() for m in document.members} | {
        p.email.lower() for p in document.people
    }
    if admin_email:
        emails.add(admin_email.strip().lower())
    accounts = {
        user.email: user
        for user in session.exec(select(User).where(col(User.email).in_(sorted(emails)))).all()
    }
    admin: User | None = None
    if admin_email:
        admin = accounts.get(admin_email.strip().lower())
        if admin is None:
            raise InvalidInput.field(
                ["admin"], f"No account has the email {admin_email}; create it first."
            )
    person_of = {m.user_id: m.email.lower() for m in document.members}
    person_of.update({p.user_id: p.email.lower() for p in document.people})
    users: dict[uuid.UUID, uuid.UUID] = {
        old: accounts[email].id for old, email in person_of.items() if email in accounts
    }
    missing = sorted({email for email in person_of.values() if email not in accounts})

    roles: dict[uuid.UUID, Role] = {}
    for member in document.members:
        account = accounts.get(member.email.lower())
        if account is not None:
            roles[account.id] = member.role
    if admin is not None:
        roles[admin.id] = Role.admin
    admins = [user_id for user_id, role in roles.items() if role == Role.admin]
    if not admins:
        raise InvalidInput.field(
            ["admin"],
            "None of the workspace's admins has an account here, so nobody could open the "
            "restored workspace: name an existing account to make its admin.",
        )
    fallback_owner = admin.id if admin is not None else admins[0]

    ids = _Ids()
    workspace = Workspace(
        name=(name or document.workspace.name).strip()[:100],
        currency=document.workspace.currency,
        created_at=now,
        updated_at=now,
    )
    session.add(workspace)
    session.flush()
    ws = workspace.id
    ids.known[document.workspace.id] = ws
    for old, new in users.items():
        ids.known[old] = new

    _insert(
        session,
        Membership,
        [
            {
                "id": uuid.uuid4(),
                "workspace_id": ws,
                "user_id": user_id,
                "role": role.value,
                "created_at": now,
                "updated_at": now,
            }
            for user_id, role in roles.items()
        ],
    )
    if document.settings.updated_at is not None:
        _insert(
            session,
            WorkspaceSettings,
            [
                {
                    "workspace_id": ws,
                    "rubric": [c.model_dump() for c in document.settings.rubric],
                    "thresholds": document.settings.thresholds,
                    "created_at": document.settings.updated_at,
                    "updated_at": document.settings.updated_at,
                }
            ],
        )

    def stamps(obj: Any) -> dict[str, Any]:
        return {"created_at": obj.created_at, "updated_at": obj.updated_at}

    department_ids = ids.assign([d.id for d in document.departments])
    _insert(
        session,
        Department,
        [
            {
                "id": new,
                "workspace_id": ws,
                "name": d.name,
                "lead_name": d.lead_name,
                "kpi": d.kpi,
                **stamps(d),
            }
            for d, new in zip(document.departments, department_ids, strict=True)
        ],
    )
    customer_ids = ids.assign([c.id for c in document.customers])
    _insert(
        session,
        Customer,
        [
            {
                "id": new,
                "workspace_id": ws,
                **c.model_dump(
                    include={
                        "name",
                        "segment",
                        "annual_revenue",
                        "is_premier_account",
                        "external_id",
                        "notes",
                        "created_at",
                        "updated_at",
                    }
                ),
            }
            for c, new in zip(document.customers, customer_ids, strict=True)
        ],
    )

    pilots = document.pilots
    pilot_ids = ids.assign([p.id for p in pilots])
    reassigned = sum(1 for p in pilots if p.owner_id not in users)
    _insert(
        session,
        Pilot,
        [
            {
                "id": new,
                "workspace_id": ws,
                "title": p.title,
                "hypothesis": p.hypothesis,
                "target_outcome": p.target_outcome.value,
                "owner_id": users.get(p.owner_id, fallback_owner),
                "sponsor_id": users.get(p.sponsor_id) if p.sponsor_id else None,
                "customer_id": ids.get(p.customer_id),
                "risk_level": p.risk_level.value if p.risk_level else None,
                "risk_rationale": p.risk_rationale,
                "budget": p.budget,
                "revenue_at_stake": p.revenue_at_stake,
                "stage": p.stage.value,
                "stage_entered_at": p.stage_entered_at,
                "paused_from": p.paused_from.value if p.paused_from else None,
                "health": p.health.value,
                "health_reasons": [r.model_dump() for r in p.health_reasons],
                "health_facts": {},
                "health_changes_on": None,
                **stamps(p),
            }
            for p, new in zip(pilots, pilot_ids, strict=True)
        ],
    )

    def children(
        model: type[SQLModel],
        lists: Callable[[ExportPilot], Sequence[Any]],
        values: Callable[[Any, uuid.UUID], dict[str, Any]],
    ) -> None:
        items = [(item, ids[p.id]) for p in pilots for item in lists(p)]
        with_ids = [item for item, _ in items if hasattr(item, "id")]
        if with_ids:
            ids.assign([item.id for item in with_ids])
        _insert(
            session,
            model,
            [
                {
                    "id": ids[item.id] if hasattr(item, "id") else uuid.uuid4(),
                    "workspace_id": ws,
                    "pilot_id": pilot_id,
                    **values(item, pilot_id),
                }
                for item, pilot_id in items
            ],
        )

    children(
        Transition,
        lambda p: p.transitions,
        lambda t, _: {
            **t.model_dump(include={"sequence", "reason", "lessons_learned", "occurred_at"}),
            "from_stage": t.from_stage.value if t.from_stage else None,
            "to_stage": t.to_stage.value,
            "actor_user_id": users.get(t.actor_user_id) if t.actor_user_id else None,
        },
    )
    children(
        Candidate,
        lambda p: p.candidates,
        lambda c, _: {
            "customer_id": ids[c.customer_id],
            "scores": c.scores,
            "notes": c.notes,
            **stamps(c),
        },
    )
    children(
        Involvement,
        lambda p: p.involvements,
        lambda i, _: {
            **i.model_dump(
                include={
                    "contact_name",
                    "stake",
                    "invited_on",
                    "engaged_on",
                    "created_at",
                    "updated_at",
                }
            ),
            "department_id": ids[i.department_id],
            "status": i.status.value,
        },
    )
    children(
        Iteration,
        lambda p: p.iterations,
        lambda i, _: i.model_dump(exclude={"id"}),
    )
    children(
        Metric,
        lambda p: p.metrics,
        lambda m, _: {
            **m.model_dump(exclude={"id", "measurements", "direction", "kind"}),
            "direction": m.direction.value,
            "kind": m.kind.value,
        },
    )
    measurements = [(x, m.id, p.id) for p in pilots for m in p.metrics for x in m.measurements]
    measurement_ids = ids.assign([x.id for x, _, _ in measurements])
    _insert(
        session,
        Measurement,
        [
            {
                "id": new,
                "workspace_id": ws,
                "pilot_id": ids[pilot_id],
                "metric_id": ids[metric_id],
                "iteration_id": ids.get(x.iteration_id),
                **x.model_dump(
                    include={"value", "measured_on", "note", "created_at", "updated_at"}
                ),
            }
            for (x, metric_id, pilot_id), new in zip(measurements, measurement_ids, strict=True)
        ],
    )
    # The whole workspace: one statement each, no list of ids to bind.
    sync_latest(session, ws)
    sync_summary(session, ws)
    children(
        Decision,
        lambda p: p.decisions,
        lambda d, _: {
            **d.model_dump(include={"rationale", "decided_on", "created_at", "updated_at"}),
            "kind": d.kind.value,
            "decided_by": users.get(d.decided_by) if d.decided_by else None,
        },
    )
    children(
        ScalePlan,
        lambda p: [p.scale_plan] if p.scale_plan else [],
        lambda s, _: {"scope": s.scope, **stamps(s)},
    )
    _insert(
        session,
        ScalePlanItem,
        [
            {
                "id": uuid.uuid4(),
                "workspace_id": ws,
                "pilot_id": ids[p.id],
                **item.model_dump(
                    include={
                        "planning_change",
                        "resource_change",
                        "compensation_change",
                        "owner_name",
                        "due_on",
                    }
                ),
                "department_id": ids[item.department_id],
                "status": item.status.value,
                "position": position,  # the file's order
            }
            for p in pilots
            if p.scale_plan
            for position, item in enumerate(p.scale_plan.items)
        ],
    )

    webhooks = document.webhooks
    webhook_ids = ids.assign([w.id for w in webhooks])
    secrets: list[tuple[str, str]] = []
    webhook_rows = []
    for w, new in zip(webhooks, webhook_ids, strict=True):
        secret = signing.new_secret()
        secrets.append((w.url, secret))
        webhook_rows.append(
            {
                "id": new,
                "workspace_id": ws,
                "url": w.url,
                "description": w.description,
                "events": list(w.events),
                "enabled": False,
                "secret_sealed": signing.seal(secret, app_secret=app_secret, endpoint_id=new),
                **stamps(w),
            }
        )
    _insert(session, WebhookEndpoint, webhook_rows)

    activity = document.activity
    activity_ids = ids.assign([a.id for a in activity])
    _insert(
        session,
        Activity,
        [
            {
                "id": new,
                "workspace_id": ws,
                "occurred_at": a.occurred_at,
                "actor_user_id": users.get(a.actor_user_id) if a.actor_user_id else None,
                "actor_token_id": None,
                "action": a.action,
                "object_type": a.object_type,
                "object_id": ids.or_fresh(a.object_id),
                "pilot_id": ids.or_fresh(a.pilot_id),
                "summary": a.summary,
                "before": ids.rewrite(a.before),
                "after": ids.rewrite(a.after),
                "client_address": None,
                "request_id": None,
            }
            for a, new in zip(activity, activity_ids, strict=True)
        ],
    )

    restored = list(session.exec(select(Pilot).where(Pilot.workspace_id == ws)).all())
    refresh(session, restored, now=now)
    counts = {
        "departments": len(document.departments),
        "customers": len(document.customers),
        "pilots": len(pilots),
        "iterations": sum(len(p.iterations) for p in pilots),
        "measurements": len(measurements),
        "decisions": sum(len(p.decisions) for p in pilots),
        "activity entries": len(activity),
        "webhooks": len(webhooks),
    }
    by_id = {user.id: user.email for user in accounts.values()}
    return Restored(
        workspace_id=ws,
        name=workspace.name,
        counts=counts,
        members=[f"{by_id[user_id]} ({role.value})" for user_id, role in roles.items()],
        missing_people=missing,
        reassigned_pilots=reassigned,
        webhook_secrets=secrets,
    )
