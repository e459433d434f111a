"""Customers: unique external ids per workspace, never deleted while a pilot relies on them."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import or_
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from pilotboard.activity.service import Actor, record
from pilotboard.core.errors import Conflict, NotFound
from pilotboard.core.events import publish
from pilotboard.core.pagination import ListParams, SortKey, cut_page, paginate_query
from pilotboard.customers.events import PremierFlagChanged
from pilotboard.customers.models import Customer
from pilotboard.customers.schemas import CustomerPublic
from pilotboard.pilots.models import Candidate, Pilot

CUSTOMER_SORT = SortKey(columns=(col(Customer.created_at), col(Customer.id)))
FIELDS = ("name", "segment", "annual_revenue", "is_premier_account", "external_id", "notes")


def customer_public(customer: Customer) -> CustomerPublic:
    return CustomerPublic(
        id=customer.id,
        name=customer.name,
        segment=customer.segment,
        annual_revenue=customer.annual_revenue,
        is_premier_account=customer.is_premier_account,
        external_id=customer.external_id,
        notes=customer.notes,
        created_at=customer.created_at,
        updated_at=customer.updated_at,
    )


def _fields(customer: Customer) -> dict[str, Any]:
    return {field: getattr(customer, field) for field in FIELDS}


def list_customers(
    session: Session,
    *,
    workspace_id: uuid.UUID,
    q: str | None,
    segment: str | None,
    is_premier_account: bool | None,
    params: ListParams,
) -> tuple[list[CustomerPublic], str | None]:
    statement = select(Customer).where(Customer.workspace_id == workspace_id)
    if q:
        statement = statement.where(
            or_(
                col(Customer.name).icontains(q, autoescape=True),
                col(Customer.segment).icontains(q, autoescape=True),
                col(Customer.external_id).icontains(q, autoescape=True),
                col(Customer.notes).icontains(q, autoescape=True),
            )
        )
    if segment is not None:
        statement = statement.where(Customer.segment == segment)
    if is_premier_account is not None:
        statement = statement.where(Customer.is_premier_account == is_premier_account)
    rows = session.exec(paginate_query(statement, CUSTOMER_SORT, params)).all()
    page, cursor = cut_page(rows, CUSTOMER_SORT, params, lambda c: (c.created_at, c.id))
    return [customer_public(customer) for customer in page], cursor


def get_customer(
    session: Session,
    *,
    workspace_id: uuid.UUID,
    customer_id: uuid.UUID,
    for_update: bool = False,
) -> Customer:
    statement = select(Customer).where(
        Customer.workspace_id == workspace_id, Customer.id == customer_id
    )
    if for_update:
        statement = statement.with_for_update().execution_options(populate_existing=True)
    customer = session.exec(statement).first()
    if customer is None:
        raise NotFound("No customer with this id.")
    return customer


def _duplicate(external_id: str | None) -> Conflict:
    return Conflict(
        f"Another customer in this workspace has the external id “{external_id}”.",
        extra={"code": "duplicate_external_id"},
    )


def _ensure_unique_external_id(
    session: Session,
    *,
    workspace_id: uuid.UUID,
    external_id: str | None,
    exclude: uuid.UUID | None = None,
) -> None:
    if external_id is None:
        return
    statement = select(Customer.id).where(
        Customer.workspace_id == workspace_id, Customer.external_id == external_id
    )
    if exclude is not None:
        statement = statement.where(Customer.id != exclude)
    if session.exec(statement).first() is not None:
        raise _duplicate(external_id)


def _flush_or_conflict(session: Session, external_id: str | None) -> None:
    """The unique constraint settles a race the check above lost."""
    try:
        session.flush()
    except IntegrityError as exc:
        raise _duplicate(external_id) from exc


def create_customer(
    session: Session,
    *,
    workspace_id: uuid.UUID,
    actor: Actor,
    values: Mapping[str, Any],
    now: datetime,
) -> CustomerPublic:
    customer = Customer(
        workspace_id=workspace_id,
        **{field: values[field] for field in FIELDS if field in values},
        created_at=now,
        updated_at=now,
    )
    _ensure_unique_external_id(session, workspace_id=workspace_id, external_id=customer.external_id)
    session.add(customer)
    _flush_or_conflict(session, customer.external_id)
    record(
        session,
        actor=actor,
        now=now,
        action="customer.created",
        object_type="customer",
        object_id=customer.id,
        workspace_id=workspace_id,
        summary=f"Customer “{customer.name}” created",
        after=_fields(customer),
    )
    return customer_public(customer)


def update_customer(
    session: Session,
    *,
    customer: Customer,
    actor: Actor,
    changes: Mapping[str, Any],
    now: datetime,
) -> CustomerPublic:
    before = _fields(customer)
    external_id = changes.get("external_id")
    if external_id is not None and external_id != customer.external_id:
        _ensure_unique_external_id(
            session,
            workspace_id=customer.workspace_id,
            external_id=external_id,
            exclude=customer.id,
        )
    for field, value in changes.items():
        setattr(customer, field, value)
    after = _fields(customer)
    if after != before:
        customer.updated_at = now
        session.add(customer)
        _flush_or_conflict(session, customer.external_id)
        changed = [field for field in FIELDS if before[field] != after[field]]
        record(
            session,
            actor=actor,
            now=now,
            action="customer.updated",
            object_type="customer",
            object_id=customer.id,
            workspace_id=customer.workspace_id,
            summary=f"Customer “{customer.name}” changed: {', '.join(changed)}",
            before={field: before[field] for field in changed},
            after={field: after[field] for field in changed},
        )
        if "is_premier_account" in changed:
            publish(
                session,
                PremierFlagChanged(
                    workspace_id=customer.workspace_id, customer_ids=(customer.id,), now=now
                ),
            )
    return customer_public(customer)


def pilots_using(
    session: Session, *, workspace_id: uuid.UUID, customer_id: uuid.UUID
) -> list[tuple[uuid.UUID, str]]:
    """Pilots that chose the customer or consider it a candidate (one query)."""
    candidate_of = select(Candidate.pilot_id).where(
        Candidate.workspace_id == workspace_id, Candidate.customer_id == customer_id
    )
    rows = session.exec(
        select(Pilot.id, Pilot.title)
        .where(
            Pilot.workspace_id == workspace_id,
            or_(col(Pilot.customer_id) == customer_id, col(Pilot.id).in_(candidate_of)),
        )
        .order_by(col(Pilot.created_at), col(Pilot.id))
    ).all()
    return [(pilot_id, title) for pilot_id, title in rows]


def in_use(pilots: list[tuple[uuid.UUID, str]]) -> Conflict:
    """409 naming the pilots that still rely on the customer, listed in `pilots`."""
    shown = ", ".join(f"“{title}”" for _, title in pilots[:5])
    more = f" and {len(pilots) - 5} more" if len(pilots) > 5 else ""
    noun = "pilot" if len(pilots) == 1 else "pilots"
    return Conflict(
        f"This customer is chosen or a candidate in the {noun} {shown}{more}; "
        "remove it from them first.",
        extra={
            "code": "customer_in_use",
            "pilots": [{"id": str(pilot_id), "title": title} for pilot_id, title in pilots],
        },
    )


def delete_customer(session: Session, *, customer: Customer, actor: Actor, now: datetime) -> None:
    pilots = pilots_using(session, workspace_id=customer.workspace_id, customer_id=customer.id)
    if pilots:
        raise in_use(pilots)
    record(
        session,
        actor=actor,
        now=now,
        action="customer.deleted",
        object_type="customer",
        object_id=customer.id,
        workspace_id=customer.workspace_id,
        summary=f"Customer “{customer.name}” deleted",
        before=_fields(customer),
    )
    session.delete(customer)
    try:
        session.flush()
    except IntegrityError as exc:  # a pilot took it up since the check
        raise Conflict(
            "A pilot started using this customer just now; reload and try again.",
            extra={"code": "customer_in_use", "pilots": []},
        ) from exc
