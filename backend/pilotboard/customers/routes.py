from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Path, Query, Request, Response, status
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from pilotboard.access import WorkspaceContext, WorkspaceRead, WorkspaceWrite
from pilotboard.core.clock import ClockDep
from pilotboard.core.db import SessionDep
from pilotboard.core.errors import problems
from pilotboard.core.etag import IfMatch, check_if_match, etag_of, set_etag
from pilotboard.core.idempotency import IdempotencyKey, idempotent
from pilotboard.core.pagination import ListParamsDep, Page
from pilotboard.customers import service
from pilotboard.customers.schemas import CustomerCreate, CustomerPublic, CustomerUpdate

router = APIRouter(prefix="/workspaces/{workspace_id}/customers", tags=["customers"])

CustomerId = Annotated[uuid.UUID, Path(description="The customer's id.")]
Search = Annotated[
    str | None,
    Query(
        max_length=200,
        description="Case-insensitive substring of the name, segment, external id or notes.",
    ),
]
SegmentFilter = Annotated[
    str | None, Query(max_length=80, description="Only customers of exactly this segment.")
]
PremierFilter = Annotated[
    bool | None, Query(description="Only premier accounts (`true`) or only the others (`false`).")
]


def _caller(access: WorkspaceContext) -> uuid.UUID:
    """Whose Idempotency-Key namespace a POST uses: the API token's, else the user's."""
    token = access.principal.token
    return token.id if token is not None else access.user.id


@router.get(
    "",
    operation_id="listCustomers",
    description="Customers in the order they were added, paged with `limit` and `cursor`; "
    "filter with `q`, `segment` and `is_premier_account`.",
    summary="Customers of the workspace",
    response_model=Page[CustomerPublic],
    responses=problems(401, 404),
)
def list_customers(
    access: WorkspaceRead,
    db: SessionDep,
    params: ListParamsDep,
    q: Search = None,
    segment: SegmentFilter = None,
    is_premier_account: PremierFilter = None,
) -> Page[CustomerPublic]:
    items, cursor = service.list_customers(
        db,
        workspace_id=access.workspace_id,
        q=(q or "").strip() or None,
        segment=segment.strip() if segment is not None else None,
        is_premier_account=is_premier_account,
        params=params,
    )
    return Page[CustomerPublic](items=items, next_cursor=cursor)


@router.post(
    "",
    operation_id="createCustomer",
    summary="Add a customer (editors and admins)",
    status_code=status.HTTP_201_CREATED,
    response_model=CustomerPublic,
    responses=problems(401, 403, 404, 409),
)
def create_customer(
    body: CustomerCreate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    request: Request,
    idempotency_key: IdempotencyKey = None,
) -> JSONResponse:
    """`409` when another customer of the workspace has the same `external_id`."""
    now = clock.now()

    def create() -> tuple[BaseModel, dict[str, str]]:
        created = service.create_customer(
            db,
            workspace_id=access.workspace_id,
            actor=access.actor,
            values=body.model_dump(),
            now=now,
        )
        return created, {"ETag": etag_of(created)}

    return idempotent(
        db,
        request=request,
        key=idempotency_key,
        caller=_caller(access),
        body=body,
        now=now,
        status_code=status.HTTP_201_CREATED,
        create=create,
    )


@router.get(
    "/{customer_id}",
    operation_id="getCustomer",
    description="One customer, with an `ETag` to send back as `If-Match` when changing it.",
    summary="One customer",
    response_model=CustomerPublic,
    responses=problems(401, 404),
)
def get_customer(
    customer_id: CustomerId, access: WorkspaceRead, db: SessionDep, response: Response
) -> CustomerPublic:
    read = service.customer_public(
        service.get_customer(db, workspace_id=access.workspace_id, customer_id=customer_id)
    )
    set_etag(response, read)
    return read


@router.patch(
    "/{customer_id}",
    operation_id="updateCustomer",
    summary="Change a customer (editors and admins)",
    response_model=CustomerPublic,
    responses=problems(401, 403, 404, 409, 412),
)
def update_customer(
    customer_id: CustomerId,
    body: CustomerUpdate,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    response: Response,
    if_match: IfMatch = None,
) -> CustomerPublic:
    """Only the fields sent change; `null` clears `annual_revenue` or `external_id` and is
    refused elsewhere."""
    customer = service.get_customer(
        db, workspace_id=access.workspace_id, customer_id=customer_id, for_update=True
    )
    check_if_match(if_match, service.customer_public(customer), what="customer")
    read = service.update_customer(
        db,
        customer=customer,
        actor=access.actor,
        changes=body.model_dump(exclude_unset=True),
        now=clock.now(),
    )
    set_etag(response, read)
    return read


@router.delete(
    "/{customer_id}",
    operation_id="deleteCustomer",
    summary="Delete a customer no pilot relies on (editors and admins)",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(401, 403, 404, 409, 412),
)
def delete_customer(
    customer_id: CustomerId,
    access: WorkspaceWrite,
    db: SessionDep,
    clock: ClockDep,
    if_match: IfMatch = None,
) -> Response:
    """`409` naming the pilots (`pilots: [{id, title}]`) that chose the customer or consider it
    a candidate."""
    customer = service.get_customer(
        db, workspace_id=access.workspace_id, customer_id=customer_id, for_update=True
    )
    check_if_match(if_match, service.customer_public(customer), what="customer")
    service.delete_customer(db, customer=customer, actor=access.actor, now=clock.now())
    return Response(status_code=status.HTTP_204_NO_CONTENT)
