"""The weekly digest: on the workspace's digest day, every executive and admin who wants it
gets one message with the decisions waiting on them, the stalled pilots and their reasons, and
the week's health changes, each with a link.

At most one per person, workspace and ISO week, whatever the number of processes: a row of
``digest_sends`` is claimed (``INSERT … ON CONFLICT DO NOTHING``) in the transaction that queues
the message, so the process that lost the race sees the row and sends nothing. The daily job
(``wiring.DAILY_JOBS``) sends on the digest day, or on the first later day of the same week the
server runs; ``pilotboard digest`` sends now (``--force`` again, ``--dry-run`` only prints).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from pilotboard.accounts.models import User
from pilotboard.mail.links import public_url_of
from pilotboard.mail.outbox import queue_mail, render
from pilotboard.notifications.models import DigestSend, HealthChange
from pilotboard.notifications.paths import pilot_path, portfolio_path, preferences_path
from pilotboard.notifications.service import DIGEST_MAIL_KIND, DIGEST_ROLES, weekly_digest_choices
from pilotboard.notifications.triggers import HEALTH_WORDS, SCALE, waiting_decisions
from pilotboard.pilots.models import ACTIVE_STAGES, Health, Pilot
from pilotboard.workspaces.models import Membership, Workspace, WorkspaceSettings
from pilotboard.workspaces.settings.schemas import DEFAULT_DIGEST_WEEKDAY, WEEKDAYS

TEMPLATE = "digest"
HEALTH_CHANGES_KEPT = timedelta(days=35)
WEEK = timedelta(days=7)


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class WaitingItem:
    pilot_id: uuid.UUID
    title: str
    decision: str
    waiting_days: int
    sponsor_id: uuid.UUID | None
    path: str


@dataclass(frozen=True)
class StalledItem:
    pilot_id: uuid.UUID
    title: str
    reasons: list[str]
    path: str


@dataclass(frozen=True)
class ChangeItem:
    pilot_id: uuid.UUID
    title: str
    previous: str
    health: str
    changed_on: date
    path: str


@dataclass(frozen=True)
class WorkspaceWeek:
    """What one workspace's digest reports, for everyone (decisions are then picked per
    person)."""

    workspace: Workspace
    week: str
    waiting: list[WaitingItem]
    stalled: list[StalledItem]
    changes: list[ChangeItem]


@dataclass
class DigestRun:
    sent: int = 0
    already_sent: int = 0
    previews: list[str] = field(default_factory=list)


def digest_weekday(session: Session, workspace_id: uuid.UUID) -> str:
    row = session.get(WorkspaceSettings, workspace_id)
    return row.digest_weekday if row is not None else DEFAULT_DIGEST_WEEKDAY


def is_due(weekday: str, today: date) -> bool:
    """On the digest day, or later in the same ISO week (a server that was down on the day
    catches up; the once-a-week row keeps it to one)."""
    return today.weekday() >= [str(day) for day in WEEKDAYS].index(weekday)


def workspace_week(session: Session, workspace: Workspace, now: datetime) -> WorkspaceWeek:
    today = now.date()
    pilots = {
        pilot.id: pilot
        for pilot in session.exec(
            select(Pilot).where(
                Pilot.workspace_id == workspace.id,
                col(Pilot.stage).in_([stage.value for stage in ACTIVE_STAGES]),
            )
        ).all()
    }
    waiting_kinds = waiting_decisions(session, workspace.id, sorted(pilots))
    waiting = sorted(
        (
            WaitingItem(
                pilot_id=pid,
                title=pilots[pid].title,
                decision=decision,
                waiting_days=max(0, (today - pilots[pid].stage_entered_at.date()).days),
                sponsor_id=pilots[pid].sponsor_id,
                path=pilot_path(workspace.id, pid),
            )
            for pid, decision in waiting_kinds.items()
        ),
        key=lambda item: (-item.waiting_days, item.title, str(item.pilot_id)),
    )
    stalled = [
        StalledItem(
            pilot_id=pilot.id,
            title=pilot.title,
            reasons=[
                str(reason.get("message", ""))
                for reason in pilot.health_reasons
                if reason.get("severity") == Health.stalled.value
            ]
            or [str(reason.get("message", "")) for reason in pilot.health_reasons],
            path=pilot_path(workspace.id, pilot.id),
        )
        for pilot in sorted(pilots.values(), key=lambda p: (p.stage_entered_at, p.title, p.id))
        if pilot.health == Health.stalled.value
    ]
    rows = session.exec(
        select(HealthChange, Pilot.title)
        .join(Pilot, col(Pilot.id) == col(HealthChange.pilot_id))
        .where(
            HealthChange.workspace_id == workspace.id,
            col(HealthChange.changed_at) > now - WEEK,
            col(HealthChange.changed_at) <= now,
        )
        .order_by(col(HealthChange.changed_at), col(HealthChange.id))
    ).all()
    changes = [
        ChangeItem(
            pilot_id=change.pilot_id,
            title=title,
            previous=change.previous,
            health=change.health,
            changed_on=change.changed_at.date(),
            path=pilot_path(workspace.id, change.pilot_id),
        )
        for change, title in rows
    ]
    return WorkspaceWeek(
        workspace=workspace, week=iso_week(today), waiting=waiting, stalled=stalled, changes=changes
    )


def recipients(session: Session, workspace_id: uuid.UUID) -> list[User]:
    """The workspace's active executives and admins who did not turn the digest off."""
    people = session.exec(
        select(User)
        .join(Membership, col(Membership.user_id) == col(User.id))
        .where(
            Membership.workspace_id == workspace_id,
            col(Membership.role).in_(DIGEST_ROLES),
            col(User.is_active),
        )
        .order_by(col(User.email))
    ).all()
    choices = weekly_digest_choices(session, [user.id for user in people])
    return [user for user in people if choices[user.id] is not False]


def context_for(week: WorkspaceWeek, user: User) -> dict[str, Any]:
    """The digest template's context for one person: the decisions waiting on them are those
    of the pilots they sponsor and of those without a sponsor."""
    mine = [item for item in week.waiting if item.sponsor_id in (None, user.id)]
    return {
        "recipient_name": user.name,
        "week": week.week,
        "decisions": [
            {
                "title": item.title,
                "what": "scale review" if item.decision == SCALE else "start",
                "waiting_days": item.waiting_days,
                "path": item.path,
            }
            for item in mine
        ],
        "stalled": [
            {"title": item.title, "reasons": item.reasons, "path": item.path}
            for item in week.stalled
        ],
        "changes": [
            {
                "title": item.title,
                "previous": HEALTH_WORDS.get(item.previous, item.previous),
                "health": HEALTH_WORDS.get(item.health, item.health),
                "changed_on": item.changed_on.isoformat(),
                "path": item.path,
            }
            for item in week.changes
        ],
        "portfolio_path": portfolio_path(week.workspace.id),
        "preferences_path": preferences_path(),
    }


def _claim(
    session: Session,
    *,
    workspace_id: uuid.UUID,
    user_id: uuid.UUID,
    week: str,
    now: datetime,
    force: bool,
) -> bool:
    """Claim this person's digest of the week; ``False`` when another run (any process)
    already did. With ``force`` the claim is renewed and always ``True``."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = DigestSend.__table__  # type: ignore[attr-defined]
    statement = insert(table).values(
        id=uuid.uuid4(), workspace_id=workspace_id, user_id=user_id, week=week, sent_at=now
    )
    keys = [table.c.workspace_id, table.c.user_id, table.c.week]
    if force:
        upsert = statement.on_conflict_do_update(index_elements=keys, set_={"sent_at": now})
        session.execute(upsert)
        return True
    claimed = statement.on_conflict_do_nothing(index_elements=keys).returning(table.c.id)
    return session.execute(claimed).first() is not None


def send_workspace_digest(
    session: Session,
    workspace: Workspace,
    *,
    now: datetime,
    force: bool = False,
    dry_run: bool = False,
    run: DigestRun | None = None,
) -> DigestRun:
    """Queue this week's digest to each recipient not yet sent one (all of them with
    ``force``); with ``dry_run``, render each to ``run.previews`` and change nothing."""
    run = run or DigestRun()
    week = workspace_week(session, workspace, now)
    for user in recipients(session, workspace.id):
        context = context_for(week, user)
        if dry_run:
            run.previews.append(_preview(session, workspace, user, context))
            continue
        if not _claim(
            session,
            workspace_id=workspace.id,
            user_id=user.id,
            week=week.week,
            now=now,
            force=force,
        ):
            run.already_sent += 1
            continue
        queue_mail(
            session,
            to=user.email,
            kind=DIGEST_MAIL_KIND,
            template=TEMPLATE,
            context=context,
            now=now,
            workspace_id=workspace.id,
            user_id=user.id,
            to_name=user.name,
        )
        run.sent += 1
    return run


def _preview(session: Session, workspace: Workspace, user: User, context: dict[str, Any]) -> str:
    public_url = public_url_of(session)
    rendered = render(
        TEMPLATE,
        context,
        public_url=public_url,
        workspace_name=workspace.name,
        unsubscribe_url="(the unsubscribe link of the real message)",
    )
    return f"To: {user.name} <{user.email}>\nSubject: {rendered.subject}\n\n{rendered.text}"


def send_digests(
    session: Session,
    *,
    now: datetime,
    workspace_ids: Sequence[uuid.UUID] | None = None,
    only_due: bool,
    force: bool = False,
    dry_run: bool = False,
) -> DigestRun:
    """The digests of the given workspaces (every workspace without ``workspace_ids``); with
    ``only_due``, of those whose digest day has come this week."""
    statement = select(Workspace).order_by(col(Workspace.created_at), col(Workspace.id))
    if workspace_ids is not None:
        statement = statement.where(col(Workspace.id).in_(list(workspace_ids)))
    run = DigestRun()
    for workspace in session.exec(statement).all():
        if only_due and not is_due(digest_weekday(session, workspace.id), now.date()):
            continue
        send_workspace_digest(session, workspace, now=now, force=force, dry_run=dry_run, run=run)
    return run


def daily_digest_job(session: Session, now: datetime) -> int:
    """The daily job: send the digests that are due; forget health changes no digest will
    show again. Returns how many digests it queued."""
    session.execute(
        delete(HealthChange).where(col(HealthChange.changed_at) < now - HEALTH_CHANGES_KEPT)
    )
    return send_digests(session, now=now, only_due=True).sent
