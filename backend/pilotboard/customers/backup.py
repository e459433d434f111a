"""The customers in a workspace export, and their restore."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlmodel import Session, col

from pilotboard.customers.models import Customer
from pilotboard.exports.context import RestoreContext, bulk_insert, workspace_rows
from pilotboard.exports.schemas import ExportCustomer

_KEPT = {
    "name",
    "segment",
    "annual_revenue",
    "is_premier_account",
    "external_id",
    "notes",
    "created_at",
    "updated_at",
}


def export_customers(session: Session, workspace_id: uuid.UUID) -> list[ExportCustomer]:
    """Oldest first."""
    customers = workspace_rows(
        session, Customer, workspace_id, col(Customer.created_at), col(Customer.id)
    )
    return [ExportCustomer.model_validate(c, from_attributes=True) for c in customers]


def restore_customers(
    session: Session, context: RestoreContext, customers: Sequence[ExportCustomer]
) -> None:
    new_ids = context.ids.assign([c.id for c in customers])
    bulk_insert(
        session,
        Customer,
        [
            {"id": new, "workspace_id": context.workspace_id, **c.model_dump(include=_KEPT)}
            for c, new in zip(customers, new_ids, strict=True)
        ],
    )
