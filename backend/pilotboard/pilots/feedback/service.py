"""The customer's voice: feedback links made by the team, and the answers given through them.

- A link is for one contact at the pilot's testbed customer. Its token has 256 bits and only its
  SHA-256 is stored; the token (and the page's URL) is shown once, when the link is made, and
  emailed to the contact when an address is given. It works through ``expires_on`` (a UTC date)
  until revoked.
- Whatever makes a token useless (unknown, too long, expired, revoked) is answered with the same
  404, so a guess learns nothing.
- Each answer attaches to the pilot's latest iteration, is logged in the pilot's activity,
  emitted as the webhook event `feedback.received` and notified to the owner
  (`feedback_received`). At most ``LINK_DAILY_LIMIT`` answers per link per UTC day: the link's
  row is locked while they are counted, so parallel answers cannot pass the limit.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from pilotboard.accounts.models import User
from pilotboard.activity.service import Actor
from pilotboard.core import security
from pilotboard.core.errors import (
    InvalidInput,
    NoCustomer,
    NotFound,
    PilotClosed,
)
from pilotboard.core.pagination import ListParams, Page, SortKey, cut_page, paginate_query
from pilotboard.core.ratelimit import refuse_past_daily_limit, utc_day_start
from pilotboard.customers.models import Customer
from pilotboard.mail.links import absolute_url, public_url_of
from pilotboard.mail.outbox import check_address, queue_mail
from pilotboard.notifications.models import NotificationKind
from pilotboard.notifications.paths import pilot_path
from pilotboard.notifications.service import notify
from pilotboard.pilots.changes import audit, touch
from pilotboard.pilots.events import emit_pilot_event
from pilotboard.pilots.feedback.models import FeedbackLink, FeedbackResponse
from pilotboard.pilots.feedback.schemas import (
    FeedbackIteration,
    FeedbackLinkCreated,
    FeedbackLinkPublic,
    FeedbackPage,
    FeedbackReceipt,
    FeedbackResponsePublic,
    FeedbackSubmit,
    LinkState,
)
from pilotboard.pilots.models import Iteration, Pilot, Stage
from pilotboard.webhooks.models import EventType
from pilotboard.workspaces.models import Workspace

TOKEN_BYTES = 32  # 256 bits
MAX_TOKEN = 200
GONE = (
    "This link is not valid any more: it has expired or was withdrawn. Ask the person who sent "
    "it to you for a new one."
)
NEWEST_LINKS = SortKey(
    columns=(col(FeedbackLink.created_at), col(FeedbackLink.id)), descending=True
)
NEWEST_RESPONSES = SortKey(
    columns=(col(FeedbackResponse.created_at), col(FeedbackResponse.id)), descending=True
)


def feedback_page_path(token: str) -> str:
    """The SPA's public page of a feedback link."""
    return f"/feedback/{token}"


def feedback_url(session: Session, token: str) -> str:
    return absolute_url(public_url_of(session), feedback_page_path(token))


# --- links: the team's side --------------------------------------------------------------------


def link_state(link: FeedbackLink, today: date) -> LinkState:
    if link.revoked_at is not None:
        return LinkState.revoked
    if link.expires_on is not None and link.expires_on < today:
        return LinkState.expired
    return LinkState.active


def link_public(
    link: FeedbackLink,
    *,
    today: date,
    responses: int = 0,
    last_response_at: datetime | None = None,
) -> FeedbackLinkPublic:
    return FeedbackLinkPublic(
        id=link.id,
        contact_name=link.contact_name,
        contact_email=link.contact_email,
        expires_on=link.expires_on,
        created_by=link.created_by,
        revoked_at=link.revoked_at,
        state=link_state(link, today),
        responses=responses,
        last_response_at=last_response_at,
        created_at=link.created_at,
        updated_at=link.updated_at,
    )


def _snapshot(link: FeedbackLink) -> dict[str, object]:
    return {
        "contact_name": link.contact_name,
        "contact_email": link.contact_email,
        "expires_on": link.expires_on,
    }


def list_links(
    session: Session, pilot: Pilot, params: ListParams, *, today: date
) -> Page[FeedbackLinkPublic]:
    """A page of the pilot's links, newest first, each with its response count (one query)."""
    counts = (
        select(
            col(FeedbackResponse.link_id).label("link_id"),
            func.count().label("responses"),
            func.max(FeedbackResponse.created_at).label("last_response_at"),
        )
        .where(
            FeedbackResponse.workspace_id == pilot.workspace_id,
            FeedbackResponse.pilot_id == pilot.id,
            col(FeedbackResponse.link_id).is_not(None),
        )
        .group_by(col(FeedbackResponse.link_id))
        .subquery()
    )
    # Three columns: typed loosely, as `paginate_query` knows selects of one or two.
    statement: Any = (
        select(FeedbackLink, counts.c.responses, counts.c.last_response_at)
        .outerjoin(counts, counts.c.link_id == col(FeedbackLink.id))
        .where(FeedbackLink.workspace_id == pilot.workspace_id, FeedbackLink.pilot_id == pilot.id)
    )
    rows = session.exec(paginate_query(statement, NEWEST_LINKS, params)).all()
    page, cursor = cut_page(rows, NEWEST_LINKS, params, lambda r: (r[0].created_at, r[0].id))
    return Page[FeedbackLinkPublic](
        items=[
            link_public(link, today=today, responses=int(count or 0), last_response_at=last)
            for link, count, last in page
        ],
        next_cursor=cursor,
    )


def link_counts(session: Session, link: FeedbackLink) -> tuple[int, datetime | None]:
    count, last = session.exec(
        select(func.count(), func.max(FeedbackResponse.created_at)).where(
            FeedbackResponse.workspace_id == link.workspace_id,
            FeedbackResponse.link_id == link.id,
        )
    ).one()
    return int(count), last


def create_link(
    session: Session,
    *,
    pilot: Pilot,
    actor: Actor,
    creator: User,
    contact_name: str,
    contact_email: str | None,
    expires_on: date | None,
    now: datetime,
) -> FeedbackLinkCreated:
    """A new link for ``contact_name``, emailed to ``contact_email`` when given. `409` for a
    stopped pilot or one without a testbed customer; `422` naming the field for an expiry date
    in the past or a malformed address."""
    if pilot.stage == Stage.stopped.value:
        raise PilotClosed("The pilot is stopped: it asks its customer for nothing any more.")
    if pilot.customer_id is None:
        raise NoCustomer(
            "Choose the testbed customer first: a feedback link asks that customer for feedback."
        )
    today = now.date()
    if expires_on is not None and expires_on < today:
        raise InvalidInput.field(
            ["body", "expires_on"], f"Must not be in the past (today is {today.isoformat()}, UTC)."
        )
    address = (
        check_address(contact_email, loc=["body", "contact_email"])
        if contact_email is not None
        else None
    )
    token = secrets.token_urlsafe(TOKEN_BYTES)
    link = FeedbackLink(
        workspace_id=pilot.workspace_id,
        pilot_id=pilot.id,
        contact_name=contact_name,
        contact_email=address,
        expires_on=expires_on,
        token_hash=security.sha256_hex(token),
        created_by=creator.id,
        created_at=now,
        updated_at=now,
    )
    session.add(link)
    session.flush()
    audit(
        session,
        actor=actor,
        now=now,
        action="feedback_link.created",
        pilot=pilot,
        object_type="feedback_link",
        object_id=link.id,
        summary=f"Feedback link made for {contact_name}"
        + (f" and emailed to {address}" if address else ""),
        after=_snapshot(link),
    )
    if address is not None:
        _send(session, link=link, pilot=pilot, token=token, creator=creator, now=now)
    public = link_public(link, today=today)
    return FeedbackLinkCreated(**public.model_dump(), token=token, url=feedback_url(session, token))


def _send(
    session: Session,
    *,
    link: FeedbackLink,
    pilot: Pilot,
    token: str,
    creator: User,
    now: datetime,
) -> None:
    assert link.contact_email is not None
    customer = session.get(Customer, pilot.customer_id) if pilot.customer_id else None
    queue_mail(
        session,
        to=link.contact_email,
        kind="feedback_link",
        template="feedback_link",
        context={
            "contact_name": link.contact_name,
            "sender_name": creator.name,
            "pilot_title": pilot.title,
            "customer_name": customer.name if customer is not None else "",
            "feedback_path": feedback_page_path(token),
            "expires_on": link.expires_on.isoformat() if link.expires_on else None,
        },
        now=now,
        workspace_id=pilot.workspace_id,
        # The contact's name goes into a header: only when it is a plain one-liner.
        to_name=link.contact_name,
    )


def get_link(session: Session, pilot: Pilot, link_id: uuid.UUID) -> FeedbackLink:
    """A link of the pilot that is not revoked (expired ones too), locked for a change."""
    link = session.exec(
        select(FeedbackLink)
        .where(
            FeedbackLink.workspace_id == pilot.workspace_id,
            FeedbackLink.pilot_id == pilot.id,
            FeedbackLink.id == link_id,
        )
        .with_for_update()
    ).first()
    if link is None or link.revoked_at is not None:
        raise NotFound("No feedback link with this id on the pilot (or it was revoked).")
    return link


def revoke_link(
    session: Session, *, pilot: Pilot, link: FeedbackLink, actor: Actor, now: datetime
) -> None:
    """The link stops working at once; the responses given through it stay."""
    link.revoked_at = now
    link.revoked_by = actor.user_id
    touch(link, now)
    session.add(link)
    audit(
        session,
        actor=actor,
        now=now,
        action="feedback_link.revoked",
        pilot=pilot,
        object_type="feedback_link",
        object_id=link.id,
        summary=f"Feedback link of {link.contact_name} revoked",
        before=_snapshot(link),
    )
    session.flush()


# --- responses: the team's side ----------------------------------------------------------------


def response_public(response: FeedbackResponse, number: int | None) -> FeedbackResponsePublic:
    return FeedbackResponsePublic(
        id=response.id,
        iteration_id=response.iteration_id,
        iteration_number=number if response.iteration_id is not None else None,
        link_id=response.link_id,
        respondent_name=response.respondent_name,
        difference=response.difference,
        effort=response.effort,
        comment=response.comment,
        new_needs=response.new_needs,
        created_at=response.created_at,
    )


def list_responses(
    session: Session,
    pilot: Pilot,
    params: ListParams,
    *,
    iteration_id: uuid.UUID | None = None,
) -> Page[FeedbackResponsePublic]:
    """A page of the pilot's responses, newest first, with their iteration's number (one
    query); only those about ``iteration_id`` when given."""
    statement = (
        select(FeedbackResponse, Iteration.number)
        .outerjoin(Iteration, col(Iteration.id) == col(FeedbackResponse.iteration_id))
        .where(
            FeedbackResponse.workspace_id == pilot.workspace_id,
            FeedbackResponse.pilot_id == pilot.id,
        )
    )
    if iteration_id is not None:
        statement = statement.where(FeedbackResponse.iteration_id == iteration_id)
    rows = session.exec(paginate_query(statement, NEWEST_RESPONSES, params)).all()
    page, cursor = cut_page(rows, NEWEST_RESPONSES, params, lambda r: (r[0].created_at, r[0].id))
    return Page[FeedbackResponsePublic](
        items=[response_public(response, number) for response, number in page],
        next_cursor=cursor,
    )


# --- the public page ---------------------------------------------------------------------------


def link_by_token(session: Session, *, token: str, today: date, for_update: bool) -> FeedbackLink:
    """The link a token opens, or the one 404 every useless token gets."""
    if not token or len(token) > MAX_TOKEN:
        raise NotFound(GONE)
    statement = select(FeedbackLink).where(FeedbackLink.token_hash == security.sha256_hex(token))
    if for_update:
        statement = statement.with_for_update()
    link = session.exec(statement).first()
    if link is None or link_state(link, today) != LinkState.active:
        raise NotFound(GONE)
    return link


def _latest_iteration(session: Session, pilot_id: uuid.UUID, ws: uuid.UUID) -> Iteration | None:
    return session.exec(
        select(Iteration)
        .where(Iteration.workspace_id == ws, Iteration.pilot_id == pilot_id)
        .order_by(col(Iteration.number).desc())
        .limit(1)
    ).first()


def feedback_page(session: Session, *, token: str, today: date) -> FeedbackPage:
    """What the customer sees: who asks, about what, and the latest iteration's summary
    written for them; nothing else of the pilot."""
    link = link_by_token(session, token=token, today=today, for_update=False)
    row = session.exec(
        select(Pilot.title, Workspace.name, Customer.name)
        .join(Workspace, col(Workspace.id) == col(Pilot.workspace_id))
        .outerjoin(Customer, col(Customer.id) == col(Pilot.customer_id))
        .where(Pilot.workspace_id == link.workspace_id, Pilot.id == link.pilot_id)
    ).one()
    title, workspace_name, customer_name = row
    iteration = _latest_iteration(session, link.pilot_id, link.workspace_id)
    return FeedbackPage(
        workspace_name=workspace_name,
        pilot_title=title,
        customer_name=customer_name or "",
        contact_name=link.contact_name,
        iteration=None
        if iteration is None
        else FeedbackIteration(
            number=iteration.number,
            started_on=iteration.started_on,
            summary=iteration.customer_summary,
        ),
    )


def _check_daily_limit(session: Session, link: FeedbackLink, now: datetime) -> None:
    """At most ``LINK_DAILY_LIMIT`` answers per link per UTC day (the caller holds the link's
    lock)."""
    today_count = session.exec(
        select(func.count()).where(
            FeedbackResponse.link_id == link.id,
            col(FeedbackResponse.created_at) >= utc_day_start(now),
        )
    ).one()
    refuse_past_daily_limit(int(today_count), now=now)


def submit(
    session: Session,
    *,
    link: FeedbackLink,
    body: FeedbackSubmit,
    actor: Actor,
    now: datetime,
) -> FeedbackReceipt:
    """Record an answer through ``link`` (locked by the caller) about the pilot's latest
    iteration; log it, emit `feedback.received` and tell the owner."""
    _check_daily_limit(session, link, now)
    pilot = session.get(Pilot, link.pilot_id)
    assert pilot is not None
    iteration = _latest_iteration(session, pilot.id, pilot.workspace_id)
    response = FeedbackResponse(
        workspace_id=pilot.workspace_id,
        pilot_id=pilot.id,
        link_id=link.id,
        iteration_id=iteration.id if iteration is not None else None,
        respondent_name=body.respondent_name,
        difference=body.difference,
        effort=body.effort,
        comment=body.comment,
        new_needs=body.new_needs,
        created_at=now,
        updated_at=now,
    )
    session.add(response)
    session.flush()
    number = iteration.number if iteration is not None else None
    public = response_public(response, number)
    customer = session.get(Customer, pilot.customer_id) if pilot.customer_id else None
    who = body.respondent_name or (
        f"someone at {customer.name}" if customer is not None else "someone at the customer"
    )
    about = f" (iteration {number})" if number is not None else ""
    rating = f"difference {body.difference}/5, effort {body.effort}/5"
    audit(
        session,
        actor=actor,
        now=now,
        action="feedback.received",
        pilot=pilot,
        object_type="feedback_response",
        object_id=response.id,
        summary=f"Feedback from {who}{about}: {rating}",
        after=public.model_dump(mode="json", exclude={"id", "created_at"}),
    )
    notify(
        session,
        recipients=[pilot.owner_id],
        kind=NotificationKind.feedback_received,
        workspace_id=pilot.workspace_id,
        pilot_id=pilot.id,
        title=f"Feedback on “{pilot.title}” from {who}: {rating}"[:200],
        body=(body.comment or body.new_needs or "No comment.")[:500],
        url=f"{pilot_path(pilot.workspace_id, pilot.id)}#feedback",
        now=now,
    )
    emit_pilot_event(
        session,
        pilot,
        EventType.feedback_received,
        now=now,
        feedback=public.model_dump(mode="json"),
    )
    return FeedbackReceipt(id=response.id, created_at=response.created_at, iteration_number=number)
