"""Department check-ins: asking each department's contact by email, and the answers.

Asking. When an iteration is logged (any stage; :func:`on_iteration_logged`, a handler of
``IterationLogged``) and, by the daily job (``jobs.py``), while the pilot runs once
``check_in_days`` passed since the last request or check-in, every involvement that is
`invited`, `engaged` or `champion`, with a contact email the workspace may mail (not
unsubscribed), is asked: a :class:`CheckInRequest` with its own link token (256 bits, only the
SHA-256 stored, valid 60 days), an email (``check_in_request``), and the involvement's
``first_asked_on`` / ``last_asked_at``.

Answering. Through the link (public, 20 answers per link per UTC day) or recorded in the app by
an editor. Each check-in sets the involvement's ``last_check_in_on``, is written to the pilot's
activity, emits ``check_in.received`` and notifies the owner (``check_in_received``). The
involvement's three derived columns are never part of its version (its ETag).
"""

from __future__ import annotations

import logging
import re
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from sqlalchemy import ColumnElement, Select, exists, func
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from pilotboard.accounts.models import User
from pilotboard.activity.service import Actor
from pilotboard.core import security
from pilotboard.core.errors import InvalidInput, NotFound
from pilotboard.core.events import EventBus
from pilotboard.core.pagination import ListParams, Page, SortKey, cut_page, paginate_query
from pilotboard.core.ratelimit import refuse_past_daily_limit, utc_day_start
from pilotboard.departments.models import Department
from pilotboard.mail.models import MailSuppression
from pilotboard.mail.outbox import queue_mail
from pilotboard.notifications.models import NotificationKind
from pilotboard.notifications.paths import pilot_path
from pilotboard.notifications.service import notify
from pilotboard.pilots.changes import audit
from pilotboard.pilots.checkins.models import Benefit, CheckIn, CheckInRequest
from pilotboard.pilots.checkins.schemas import (
    CheckInIteration,
    CheckInPage,
    CheckInPublic,
    CheckInSource,
    CheckInSubmit,
)
from pilotboard.pilots.events import emit_pilot_event
from pilotboard.pilots.iterations.events import IterationLogged
from pilotboard.pilots.models import Engagement, Involvement, Iteration, Pilot
from pilotboard.webhooks.models import EventType
from pilotboard.workspaces.models import Workspace

logger = logging.getLogger(__name__)

TOKEN_BYTES = 32
MAX_TOKEN = 200
LINK_LIFETIME = timedelta(days=60)
MAIL_KIND = "check_in_request"
ASKED_STATUSES = (Engagement.invited.value, Engagement.engaged.value, Engagement.champion.value)
GONE = (
    "This link is not valid any more: it may have expired, or be mistyped. Ask the pilot's "
    "team for a new one."
)
NEWEST_FIRST = SortKey(columns=(col(CheckIn.created_at), col(CheckIn.id)), descending=True)
BENEFIT_WORDS = {
    Benefit.yes.value: "sees its benefit",
    Benefit.partly.value: "sees part of its benefit",
    Benefit.not_yet.value: "does not see its benefit yet",
}
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")
_EXCERPT = 500


def check_in_path(token: str) -> str:
    """The public page a contact answers on (the SPA's route)."""
    return f"/check-in/{token}"


def _one_line(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())


def _excerpt(text: str, limit: int = _EXCERPT) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- asking ----------------------------------------------------------------------------------


def mailable() -> list[ColumnElement[bool]]:
    """Conditions on ``Involvement`` for a department that is asked: a status that is asked
    and a contact address the workspace may mail (an address without an account that
    unsubscribed from the workspace's mail is not; ``mail/service.py``)."""
    has_account = exists().where(col(User.email) == col(Involvement.contact_email))
    suppressed = exists().where(
        col(MailSuppression.workspace_id) == col(Involvement.workspace_id),
        col(MailSuppression.address) == col(Involvement.contact_email),
        ~has_account,
    )
    return [
        col(Involvement.status).in_(ASKED_STATUSES),
        col(Involvement.contact_email).is_not(None),
        ~suppressed,
    ]


@dataclass(frozen=True)
class Ask:
    """One department to ask, with what its email says."""

    involvement: Involvement
    department_name: str
    pilot: Pilot
    iteration: Iteration | None  # the pilot's latest


def ask(session: Session, asks: Sequence[Ask], *, now: datetime, cause: Iteration | None) -> int:
    """Send each department its check-in request (``cause``: the iteration whose logging asks);
    returns how many were asked. An address the outbox refuses (malformed, or unsubscribed
    meanwhile) is skipped: nothing is recorded for it."""
    asked = 0
    for item in asks:
        involvement = item.involvement
        address = involvement.contact_email
        if address is None:
            continue
        token = secrets.token_urlsafe(TOKEN_BYTES)
        expires_at = now + LINK_LIFETIME
        iteration = item.iteration
        context: dict[str, Any] = {
            "contact_name": _one_line(involvement.contact_name),
            "department_name": item.department_name,
            "pilot_title": item.pilot.title,
            "subject_department": _one_line(item.department_name),
            "subject_title": _one_line(item.pilot.title),
            "stake": involvement.stake,
            "iteration": (
                {
                    "number": iteration.number,
                    "started_on": iteration.started_on.isoformat(),
                    "summary": _excerpt(iteration.changes),
                }
                if iteration is not None
                else None
            ),
            "check_in_path": check_in_path(token),
            "expires_on": expires_at.date().isoformat(),
        }
        try:
            message = queue_mail(
                session,
                to=address,
                kind=MAIL_KIND,
                template=MAIL_KIND,
                context=context,
                now=now,
                workspace_id=involvement.workspace_id,
                to_name=_one_line(involvement.contact_name)[:200] or None,
            )
        except InvalidInput:
            logger.warning(
                "Check-in request to involvement %s not sent: bad address.", involvement.id
            )
            continue
        if message is None:
            continue
        session.add(
            CheckInRequest(
                workspace_id=involvement.workspace_id,
                pilot_id=involvement.pilot_id,
                involvement_id=involvement.id,
                iteration_id=cause.id if cause is not None else None,
                email=address,
                token_hash=security.sha256_hex(token),
                asked_at=now,
                expires_at=expires_at,
                created_at=now,
                updated_at=now,
            )
        )
        # Derived columns: the involvement's version (`updated_at`) stays as it is.
        if involvement.first_asked_on is None:
            involvement.first_asked_on = now.date()
        involvement.last_asked_at = now
        session.add(involvement)
        asked += 1
    session.flush()
    return asked


def latest_iterations(session: Session, pilots: Sequence[Pilot]) -> dict[uuid.UUID, Iteration]:
    """The highest-numbered iteration of each of ``pilots`` (one query)."""
    if not pilots:
        return {}
    ids = list({p.id for p in pilots})
    highest = (
        select(col(Iteration.pilot_id).label("pilot_id"), func.max(Iteration.number).label("n"))
        .where(col(Iteration.pilot_id).in_(ids))
        .group_by(col(Iteration.pilot_id))
        .subquery("highest")
    )
    rows = session.exec(
        select(Iteration).join(
            highest,
            (highest.c.pilot_id == col(Iteration.pilot_id)) & (highest.c.n == Iteration.number),
        )
    ).all()
    return {iteration.pilot_id: iteration for iteration in rows}


def on_iteration_logged(session: Session, event: IterationLogged) -> None:
    """An iteration was logged: ask every department of its pilot that is asked."""
    pilot = session.get(Pilot, event.pilot_id)
    iteration = session.get(Iteration, event.iteration_id)
    if pilot is None or iteration is None:
        return
    rows = session.exec(
        select(Involvement, Department.name)
        .join(Department, col(Department.id) == col(Involvement.department_id))
        .where(
            Involvement.workspace_id == pilot.workspace_id,
            Involvement.pilot_id == pilot.id,
            *mailable(),
        )
        .order_by(col(Involvement.created_at), col(Involvement.id))
    ).all()
    ask(
        session,
        [Ask(involvement, name, pilot, iteration) for involvement, name in rows],
        now=event.now,
        cause=iteration,
    )


def subscribe(bus: EventBus) -> None:
    bus.subscribe(IterationLogged, on_iteration_logged)  # type: ignore[arg-type]


# --- reading ---------------------------------------------------------------------------------


def check_in_public(
    check_in: CheckIn,
    *,
    department_name: str,
    iteration_number: int | None,
    recorded_by_name: str | None,
) -> CheckInPublic:
    return CheckInPublic(
        id=check_in.id,
        involvement_id=check_in.involvement_id,
        department_name=department_name,
        iteration_id=check_in.iteration_id,
        iteration_number=iteration_number,
        benefit=Benefit(check_in.benefit),
        still_committed=check_in.still_committed,
        blocker=check_in.blocker,
        note=check_in.note,
        source=CheckInSource.app if check_in.request_id is None else CheckInSource.email,
        recorded_by=check_in.recorded_by,
        recorded_by_name=recorded_by_name,
        created_at=check_in.created_at,
    )


def department_of(session: Session, pilot: Pilot, involvement_id: uuid.UUID) -> str:
    """The name of the involvement's department, ``NotFound`` when the pilot has no such
    involvement."""
    name = session.exec(
        select(Department.name)
        .join(Involvement, col(Involvement.department_id) == col(Department.id))
        .where(
            Involvement.workspace_id == pilot.workspace_id,
            Involvement.pilot_id == pilot.id,
            Involvement.id == involvement_id,
        )
    ).first()
    if name is None:
        raise NotFound("No department involvement with this id on the pilot.")
    return name


def list_check_ins(
    session: Session, *, pilot: Pilot, involvement_id: uuid.UUID, params: ListParams
) -> Page[CheckInPublic]:
    """A page of the involvement's check-ins, newest first (two queries)."""
    department_name = department_of(session, pilot, involvement_id)
    statement = cast(
        "Select[Any]",
        sa_select(CheckIn, col(Iteration.number), col(User.name))
        .outerjoin(Iteration, col(Iteration.id) == col(CheckIn.iteration_id))
        .outerjoin(User, col(User.id) == col(CheckIn.recorded_by))
        .where(
            col(CheckIn.workspace_id) == pilot.workspace_id,
            col(CheckIn.involvement_id) == involvement_id,
        ),
    )
    rows = session.execute(paginate_query(statement, NEWEST_FIRST, params)).all()
    page, cursor = cut_page(rows, NEWEST_FIRST, params, lambda r: (r[0].created_at, r[0].id))
    return Page[CheckInPublic](
        items=[
            check_in_public(
                check_in,
                department_name=department_name,
                iteration_number=number,
                recorded_by_name=name,
            )
            for check_in, number, name in page
        ],
        next_cursor=cursor,
    )


# --- the link --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    """What a valid link's token opens: its request, the involvement, the pilot and names."""

    request: CheckInRequest
    involvement: Involvement
    pilot: Pilot
    department_name: str
    workspace_name: str


def find_link(session: Session, *, token: str, now: datetime, for_update: bool = False) -> Link:
    """The request of a valid (known, unexpired) token; ``NotFound`` with the same words
    whatever is wrong with it. ``for_update`` locks the request and the involvement."""
    if not token or len(token) > MAX_TOKEN:
        raise NotFound(GONE)
    statement = (
        sa_select(CheckInRequest, Involvement, Pilot, col(Department.name), col(Workspace.name))
        .join(
            Involvement,
            (col(Involvement.id) == col(CheckInRequest.involvement_id))
            & (col(Involvement.workspace_id) == col(CheckInRequest.workspace_id)),
        )
        .join(
            Pilot,
            (col(Pilot.id) == col(Involvement.pilot_id))
            & (col(Pilot.workspace_id) == col(Involvement.workspace_id)),
        )
        .join(Department, col(Department.id) == col(Involvement.department_id))
        .join(Workspace, col(Workspace.id) == col(CheckInRequest.workspace_id))
        .where(
            col(CheckInRequest.token_hash) == security.sha256_hex(token),
            col(CheckInRequest.expires_at) > now,
        )
    )
    if for_update:
        statement = statement.with_for_update(of=[CheckInRequest, Involvement])
    row = session.execute(statement).first()
    if row is None:
        raise NotFound(GONE)
    request, involvement, pilot, department_name, workspace_name = row
    return Link(request, involvement, pilot, department_name, workspace_name)


def describe(session: Session, *, token: str, now: datetime) -> CheckInPage:
    """What the public page shows for a valid token (two queries)."""
    link = find_link(session, token=token, now=now)
    latest = latest_iterations(session, [link.pilot]).get(link.pilot.id)
    return CheckInPage(
        workspace_name=link.workspace_name,
        pilot_title=link.pilot.title,
        department_name=link.department_name,
        contact_name=link.involvement.contact_name,
        stake=link.involvement.stake,
        iteration=(
            CheckInIteration(
                number=latest.number, started_on=latest.started_on, summary=latest.changes
            )
            if latest is not None
            else None
        ),
    )


def answer(
    session: Session, *, link: Link, body: CheckInSubmit, actor: Actor, now: datetime
) -> CheckInPublic:
    """The contact's check-in through the link; ``TooManyRequests`` past ``LINK_DAILY_LIMIT``
    answers through this link today (UTC). The caller locked the request (``find_link``)."""
    today = session.exec(
        select(func.count()).where(
            CheckIn.workspace_id == link.request.workspace_id,
            CheckIn.involvement_id == link.involvement.id,
            CheckIn.request_id == link.request.id,
            col(CheckIn.created_at) >= utc_day_start(now),
        )
    ).one()
    refuse_past_daily_limit(int(today), now=now)
    return record_check_in(
        session,
        pilot=link.pilot,
        involvement=link.involvement,
        department_name=link.department_name,
        request=link.request,
        recorder=None,
        body=body,
        actor=actor,
        now=now,
    )


# --- recording -------------------------------------------------------------------------------


def record_check_in(
    session: Session,
    *,
    pilot: Pilot,
    involvement: Involvement,
    department_name: str,
    request: CheckInRequest | None,
    recorder: User | None,
    body: CheckInSubmit,
    actor: Actor,
    now: datetime,
) -> CheckInPublic:
    """Store a check-in (through ``request``'s link, or by ``recorder`` in the app), move the
    involvement's ``last_check_in_on``, and tell: the activity log, the webhook event, the
    owner's notification."""
    latest = latest_iterations(session, [pilot]).get(pilot.id)
    check_in = CheckIn(
        workspace_id=pilot.workspace_id,
        pilot_id=pilot.id,
        involvement_id=involvement.id,
        request_id=request.id if request is not None else None,
        iteration_id=latest.id if latest is not None else None,
        benefit=body.benefit.value,
        still_committed=body.still_committed,
        blocker=body.blocker,
        note=body.note,
        recorded_by=recorder.id if recorder is not None else None,
        created_at=now,
        updated_at=now,
    )
    session.add(check_in)
    today = now.date()
    if involvement.last_check_in_on is None or involvement.last_check_in_on < today:
        involvement.last_check_in_on = today
        session.add(involvement)
    session.flush()
    public = check_in_public(
        check_in,
        department_name=department_name,
        iteration_number=latest.number if latest is not None else None,
        recorded_by_name=recorder.name if recorder is not None else None,
    )
    by = f" (recorded by {recorder.name})" if recorder is not None else ""
    committed = "" if body.still_committed else "; no longer committed"
    audit(
        session,
        actor=actor,
        now=now,
        action="check_in.received",
        pilot=pilot,
        object_type="check_in",
        object_id=check_in.id,
        summary=(f"{department_name} checked in{by}: {BENEFIT_WORDS[check_in.benefit]}{committed}")[
            :500
        ],
        after=public.model_dump(
            mode="json", include={"involvement_id", "benefit", "still_committed", "blocker", "note"}
        ),
    )
    _notify_owner(session, pilot=pilot, public=public, recorder=recorder, now=now)
    emit_pilot_event(
        session,
        pilot,
        EventType.check_in_received,
        now=now,
        check_in=public.model_dump(mode="json"),
    )
    return public


def _notify_owner(
    session: Session, *, pilot: Pilot, public: CheckInPublic, recorder: User | None, now: datetime
) -> None:
    department = public.department_name
    if public.still_committed:
        title = f"{department} checked in on “{pilot.title}”: {BENEFIT_WORDS[public.benefit]}"
    else:
        title = f"{department} is no longer committed to “{pilot.title}”"
    lines = [f"{department} {BENEFIT_WORDS[public.benefit]}."]
    if not public.still_committed:
        lines.append("It is no longer committed to the pilot.")
    if public.blocker:
        lines.append(f"Blocker: {_excerpt(public.blocker, 700)}")
    if public.note:
        lines.append(f"Note: {_excerpt(public.note, 700)}")
    if recorder is not None:
        lines.append(f"Recorded by {recorder.name}.")
    notify(
        session,
        recipients=[pilot.owner_id],
        kind=NotificationKind.check_in_received,
        workspace_id=pilot.workspace_id,
        pilot_id=pilot.id,
        title=_one_line(title),
        body="\n".join(lines),
        url=f"{pilot_path(pilot.workspace_id, pilot.id)}#check-in-{public.id}",
        now=now,
        actor_id=recorder.id if recorder is not None else None,
    )
