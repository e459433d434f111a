"""The departments involved in a pilot: their stake, contact and engagement."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from pilotboard.activity.service import Actor
from pilotboard.core.errors import Conflict, InvalidInput, NotFound
from pilotboard.departments.models import Department
from pilotboard.mail.outbox import check_address
from pilotboard.pilots.changes import apply_changes, audit, fields_of, touch
from pilotboard.pilots.involvements.schemas import InvolvementPublic
from pilotboard.pilots.models import (
    Engagement,
    Involvement,
    Pilot,
)

INVOLVEMENT_FIELDS = (
    "department_id",
    "contact_name",
    "contact_email",
    "stake",
    "status",
    "invited_on",
    "engaged_on",
)


def involvement_publics(session: Session, pilot: Pilot, as_of: date) -> list[InvolvementPublic]:
    """The pilot's involvements in creation order, day counts as of ``as_of`` (one query)."""
    rows = session.exec(
        select(Involvement, Department.name)
        .join(Department, col(Department.id) == col(Involvement.department_id))
        .where(Involvement.workspace_id == pilot.workspace_id, Involvement.pilot_id == pilot.id)
        .order_by(col(Involvement.created_at), col(Involvement.id))
    ).all()
    return [involvement_public(i, name, as_of) for i, name in rows]


def silent_days(involvement: Involvement, as_of: date) -> int | None:
    """Whole days since the last check-in (or since first asked), never negative; ``None``
    when the department was never asked and never checked in."""
    since = involvement.last_check_in_on or involvement.first_asked_on
    return max(0, (as_of - since).days) if since is not None else None


def involvement_public(
    involvement: Involvement, department_name: str, as_of: date
) -> InvolvementPublic:
    return InvolvementPublic(
        id=involvement.id,
        department_id=involvement.department_id,
        department_name=department_name,
        contact_name=involvement.contact_name,
        contact_email=involvement.contact_email,
        stake=involvement.stake,
        status=involvement.status,
        invited_on=involvement.invited_on,
        engaged_on=involvement.engaged_on,
        last_check_in_on=involvement.last_check_in_on,
        silent_days=silent_days(involvement, as_of),
        created_at=involvement.created_at,
        updated_at=involvement.updated_at,
    )


def _contact_email(value: str | None) -> str | None:
    """The address as stored: lower-cased, ``None`` for none (an empty text included); 422
    naming ``contact_email`` when malformed."""
    if value is None or not value.strip():
        return None
    return check_address(value, loc=["body", "contact_email"])


def get_involvement(
    session: Session, pilot: Pilot, involvement_id: uuid.UUID
) -> tuple[Involvement, str]:
    row = session.exec(
        select(Involvement, Department.name)
        .join(Department, col(Department.id) == col(Involvement.department_id))
        .where(
            Involvement.workspace_id == pilot.workspace_id,
            Involvement.pilot_id == pilot.id,
            Involvement.id == involvement_id,
        )
        .with_for_update(of=Involvement)
    ).first()
    if row is None:
        raise NotFound("No department involvement with this id on the pilot.")
    return row[0], row[1]


def _engaged_not_after(value: date | None, today: date) -> None:
    """`engaged_on` is a fact of the past (what the portfolio learns from): never after today."""
    if value is not None and value > today:
        raise InvalidInput.field(
            ["body", "engaged_on"], f"engaged_on must not be after today ({today.isoformat()})."
        )


def _engaged_date(involvement: Involvement, today: date) -> None:
    if (
        involvement.status in (Engagement.engaged, Engagement.champion)
        and involvement.engaged_on is None
    ):
        involvement.engaged_on = today
    if (
        involvement.invited_on
        and involvement.engaged_on
        and involvement.engaged_on < involvement.invited_on
    ):
        raise InvalidInput.field(
            ["body", "engaged_on"], "engaged_on must not be before invited_on."
        )


def add_involvement(
    session: Session, *, pilot: Pilot, actor: Actor, data: dict[str, Any], now: datetime
) -> tuple[Involvement, str]:
    department = session.get(Department, data["department_id"])
    if department is None or department.workspace_id != pilot.workspace_id:
        raise InvalidInput.field(
            ["body", "department_id"], "No department with this id in the workspace."
        )
    _engaged_not_after(data.get("engaged_on"), now.date())
    exists = session.exec(
        select(Involvement.id).where(
            Involvement.workspace_id == pilot.workspace_id,
            Involvement.pilot_id == pilot.id,
            Involvement.department_id == department.id,
        )
    ).first()
    if exists is not None:
        raise Conflict(f"{department.name} is already involved in this pilot.")
    involvement = Involvement(
        workspace_id=pilot.workspace_id,
        pilot_id=pilot.id,
        department_id=department.id,
        contact_name=data.get("contact_name", ""),
        contact_email=_contact_email(data.get("contact_email")),
        stake=data.get("stake", ""),
        status=str(data.get("status") or Engagement.invited.value),
        invited_on=data.get("invited_on") or now.date(),
        engaged_on=data.get("engaged_on"),
        created_at=now,
        updated_at=now,
    )
    _engaged_date(involvement, now.date())
    session.add(involvement)
    session.flush()
    audit(
        session,
        actor=actor,
        now=now,
        action="involvement.created",
        pilot=pilot,
        object_type="involvement",
        object_id=involvement.id,
        summary=f"{department.name} invited",
        after=fields_of(involvement, INVOLVEMENT_FIELDS),
    )
    touch(pilot, now)
    return involvement, department.name


def update_involvement(
    session: Session,
    *,
    pilot: Pilot,
    involvement: Involvement,
    name: str,
    actor: Actor,
    changes: dict[str, Any],
    now: datetime,
) -> Involvement:
    before = fields_of(involvement, INVOLVEMENT_FIELDS)
    _engaged_not_after(changes.get("engaged_on"), now.date())
    if "status" in changes and changes["status"] is not None:
        changes["status"] = str(changes["status"])
    if "contact_email" in changes:
        involvement.contact_email = _contact_email(changes.pop("contact_email"))
    apply_changes(involvement, changes, not_null=("status",))
    _engaged_date(involvement, now.date())
    touch(involvement, now)
    session.add(involvement)
    after = fields_of(involvement, INVOLVEMENT_FIELDS)
    summary = (
        f"{name} is now {involvement.status}"
        if after["status"] != before["status"]
        else f"{name}'s involvement updated"
    )
    audit(
        session,
        actor=actor,
        now=now,
        action="involvement.updated",
        pilot=pilot,
        object_type="involvement",
        object_id=involvement.id,
        summary=summary,
        before=before,
        after=after,
    )
    touch(pilot, now)
    return involvement


def delete_involvement(
    session: Session,
    *,
    pilot: Pilot,
    involvement: Involvement,
    name: str,
    actor: Actor,
    now: datetime,
) -> None:
    audit(
        session,
        actor=actor,
        now=now,
        action="involvement.deleted",
        pilot=pilot,
        object_type="involvement",
        object_id=involvement.id,
        summary=f"{name} no longer involved",
        before=fields_of(involvement, INVOLVEMENT_FIELDS),
    )
    session.delete(involvement)
    touch(pilot, now)
