"""The scale plan: the rollout scope and, per involved department, the changes scaling needs."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from pilotboard.activity.service import Actor
from pilotboard.core.errors import InvalidInput
from pilotboard.departments.models import Department
from pilotboard.pilots.changes import audit, touch
from pilotboard.pilots.models import (
    Involvement,
    Pilot,
    ScalePlan,
    ScalePlanItem,
)
from pilotboard.pilots.scale_plan.schemas import ScalePlanItemPublic, ScalePlanPublic


def scale_plan_public(session: Session, pilot: Pilot) -> ScalePlanPublic:
    plan = session.exec(
        select(ScalePlan).where(
            ScalePlan.workspace_id == pilot.workspace_id, ScalePlan.pilot_id == pilot.id
        )
    ).first()
    rows = session.exec(
        select(ScalePlanItem, Department.name)
        .join(Department, col(Department.id) == col(ScalePlanItem.department_id))
        .where(ScalePlanItem.workspace_id == pilot.workspace_id, ScalePlanItem.pilot_id == pilot.id)
        .order_by(col(ScalePlanItem.position))
    ).all()
    return ScalePlanPublic(
        scope=plan.scope if plan else "",
        items=[
            ScalePlanItemPublic(
                department_id=item.department_id,
                department_name=name,
                planning_change=item.planning_change,
                resource_change=item.resource_change,
                compensation_change=item.compensation_change,
                owner_name=item.owner_name,
                due_on=item.due_on,
                status=item.status,
            )
            for item, name in rows
        ],
        updated_at=plan.updated_at if plan else None,
    )


def put_scale_plan(
    session: Session,
    *,
    pilot: Pilot,
    actor: Actor,
    scope: str,
    items: list[dict[str, Any]],
    now: datetime,
) -> None:
    involved = set(
        session.exec(
            select(Involvement.department_id).where(
                Involvement.workspace_id == pilot.workspace_id, Involvement.pilot_id == pilot.id
            )
        ).all()
    )
    seen: set[uuid.UUID] = set()
    for index, item in enumerate(items):
        department_id = item["department_id"]
        if department_id not in involved:
            raise InvalidInput.field(
                ["body", "items", index, "department_id"],
                "Only departments involved in the pilot can be in its scale plan.",
            )
        if department_id in seen:
            raise InvalidInput.field(
                ["body", "items", index, "department_id"],
                "Each department appears once in the plan.",
            )
        seen.add(department_id)
    before = scale_plan_public(session, pilot).model_dump(mode="json")
    plan = session.exec(
        select(ScalePlan)
        .where(ScalePlan.workspace_id == pilot.workspace_id, ScalePlan.pilot_id == pilot.id)
        .with_for_update()
    ).first()
    if plan is None:
        plan = ScalePlan(
            workspace_id=pilot.workspace_id, pilot_id=pilot.id, created_at=now, updated_at=now
        )
    else:
        touch(plan, now)
    plan.scope = scope
    session.add(plan)
    for old in session.exec(
        select(ScalePlanItem).where(
            ScalePlanItem.workspace_id == pilot.workspace_id, ScalePlanItem.pilot_id == pilot.id
        )
    ).all():
        session.delete(old)
    session.flush()
    for position, item in enumerate(items):
        session.add(
            ScalePlanItem(
                workspace_id=pilot.workspace_id,
                pilot_id=pilot.id,
                position=position,
                **{**item, "status": str(item["status"])},
            )
        )
    session.flush()
    after = scale_plan_public(session, pilot).model_dump(mode="json")
    done = sum(1 for i in items if str(i["status"]) == "done")
    audit(
        session,
        actor=actor,
        now=now,
        action="scale_plan.updated",
        pilot=pilot,
        object_type="scale_plan",
        object_id=plan.id,
        summary=f"Scale plan saved ({done} of {len(items)} items done)",
        before={"scope": before["scope"], "items": before["items"]},
        after={"scope": after["scope"], "items": after["items"]},
    )
    touch(pilot, now)
