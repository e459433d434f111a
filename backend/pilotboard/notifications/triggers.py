"""The notifications that other domains' events cause (subscribed in ``pilotboard/wiring.py``).

- ``health_changed``, to the pilot's owner, when its stored health changes (the change is also
  kept for the weekly digest);
- ``decision_needed``, when a pilot *enters* the decisions waiting (``portfolio/waiting.py``:
  a start that waits only on its decision, or a scale review not yet answered): to its sponsor,
  else the workspace's executives (else its admins). The pilots waiting are kept in
  ``decision_waits``, so a pilot that stays waiting while people edit it notifies nobody again;
  one that leaves (the decision is recorded) and comes back notifies again.

Both are told once per transaction, when it commits (:func:`attach`), and only for what holds
then: a pilot whose health went to at risk and back within one transaction (or one that entered
the waiting and left it again) tells nobody; one whose health changed twice tells its net
change. Neither goes to the person whose request caused it (``acting.py``).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import SessionTransaction, sessionmaker
from sqlmodel import Session, col, select

from pilotboard.accounts.models import User
from pilotboard.core.derived import settle
from pilotboard.core.events import EventBus
from pilotboard.mail.events import MailUnsubscribed
from pilotboard.notifications.acting import acting_user
from pilotboard.notifications.models import DecisionWait, HealthChange, NotificationKind
from pilotboard.notifications.paths import pilot_path
from pilotboard.notifications.service import notify, on_mail_unsubscribed
from pilotboard.pilots.health.events import HealthChanged, PilotsReevaluated
from pilotboard.pilots.models import Pilot, Stage
from pilotboard.pilots.settings import workspace_rules
from pilotboard.portfolio.waiting import answered_review_statement, awaiting_start_statement
from pilotboard.workspaces.models import Membership, Role

CHUNK = 500
START = "start"
SCALE = "scale"
HEALTH_WORDS = {"on_track": "on track", "at_risk": "at risk", "stalled": "stalled"}


# --- what this transaction has to tell --------------------------------------------------------

_KEY = "pilotboard.pending_notifications"
_MAX_ROUNDS = 10


@dataclass
class _Pending:
    # pilot id → (its health before the transaction, its health now, when it last changed)
    health: dict[uuid.UUID, tuple[str, str, datetime]] = field(default_factory=dict)
    # pilot id → (workspace id, decision, when) for the pilots that entered the waiting
    entered: dict[uuid.UUID, tuple[uuid.UUID, str, datetime]] = field(default_factory=dict)


def _pending(session: Session) -> _Pending:
    pending = session.info.get(_KEY)
    if not isinstance(pending, _Pending):
        pending = _Pending()
        session.info[_KEY] = pending
    return pending


# --- health changed ---------------------------------------------------------------------------


def on_health_changed(session: Session, event: HealthChanged) -> None:
    """Note the change; the owner is told of the transaction's net change at commit."""
    changes = _pending(session).health
    earlier = changes.get(event.pilot_id)
    previous = earlier[0] if earlier is not None else event.previous
    changes[event.pilot_id] = (previous, event.health, event.now)


def _tell_health_changed(
    session: Session, pilot_id: uuid.UUID, previous: str, health: str, now: datetime
) -> None:
    pilot = session.get(Pilot, pilot_id)
    if pilot is None or previous == health:
        return
    session.add(
        HealthChange(
            workspace_id=pilot.workspace_id,
            pilot_id=pilot.id,
            previous=previous,
            health=health,
            changed_at=now,
        )
    )
    reasons = [str(r.get("message", "")) for r in pilot.health_reasons if r.get("message")]
    if reasons:
        body = "Why: " + " ".join(reasons)
    else:
        body = f"It was {HEALTH_WORDS.get(previous, previous)}; nothing holds it back now."
    notify(
        session,
        recipients=[pilot.owner_id],
        kind=NotificationKind.health_changed,
        workspace_id=pilot.workspace_id,
        pilot_id=pilot.id,
        title=f"{pilot.title} is now {HEALTH_WORDS.get(health, health)}",
        body=body,
        url=pilot_path(pilot.workspace_id, pilot.id),
        now=now,
        actor_id=acting_user(session),
    )


# --- decision needed ----------------------------------------------------------------------------


def waiting_decisions(
    session: Session, workspace_id: uuid.UUID, pilot_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, str]:
    """Which of ``pilot_ids`` wait on a decision now, and which (`start` or `scale`): the
    definition of the portfolio's `decisions_waiting`, asked in SQL."""
    _, thresholds = workspace_rules(session, workspace_id)
    waiting: dict[uuid.UUID, str] = {}
    for start in range(0, len(pilot_ids), CHUNK):
        chunk = list(pilot_ids[start : start + CHUNK])
        conditions = [col(Pilot.workspace_id) == workspace_id, col(Pilot.id).in_(chunk)]
        in_review = set(
            session.exec(
                select(Pilot.id).where(*conditions, Pilot.stage == Stage.scale_review.value)
            ).all()
        )
        answered = set(
            session.execute(answered_review_statement(workspace_id, conditions)).scalars()
        )
        starting = session.execute(
            awaiting_start_statement(
                workspace_id, conditions, thresholds["min_engaged_departments"]
            )
        ).scalars()
        waiting.update(dict.fromkeys(starting, START))
        waiting.update(dict.fromkeys(in_review - answered, SCALE))
    return waiting


def on_pilots_reevaluated(session: Session, event: PilotsReevaluated) -> None:
    """Keep ``decision_waits`` in step; the pilots that entered it are told at commit."""
    ids = list(event.pilot_ids)
    waiting = waiting_decisions(session, event.workspace_id, ids)
    entered = _pending(session).entered
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        known = {
            row.pilot_id: row
            for row in session.exec(
                select(DecisionWait).where(
                    DecisionWait.workspace_id == event.workspace_id,
                    col(DecisionWait.pilot_id).in_(chunk),
                )
            ).all()
        }
        for pid, gone in known.items():
            if pid not in waiting:
                session.delete(gone)  # it left the decisions waiting
                entered.pop(pid, None)
        for pid in chunk:
            decision = waiting.get(pid)
            if decision is None:
                continue
            row = known.get(pid)
            if row is None:
                if _claim_wait(session, event.workspace_id, pid, decision, event.now):
                    entered[pid] = (event.workspace_id, decision, event.now)
            elif row.decision != decision:
                row.decision = decision
                row.entered_at = event.now
                session.add(row)
                entered[pid] = (event.workspace_id, decision, event.now)


def _claim_wait(
    session: Session, workspace_id: uuid.UUID, pilot_id: uuid.UUID, decision: str, now: datetime
) -> bool:
    """Record that the pilot entered the decisions waiting; ``False`` when a concurrent
    transaction already did (it tells, not this one)."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = DecisionWait.__table__  # type: ignore[attr-defined]
    statement = (
        insert(table)
        .values(workspace_id=workspace_id, pilot_id=pilot_id, decision=decision, entered_at=now)
        .on_conflict_do_nothing(index_elements=[table.c.workspace_id, table.c.pilot_id])
        .returning(table.c.pilot_id)
    )
    return session.execute(statement).first() is not None


def deciders(
    session: Session, workspace_id: uuid.UUID, sponsor_id: uuid.UUID | None
) -> list[uuid.UUID]:
    """Who decides for a pilot: its sponsor when they are an active executive or admin of the
    workspace, else the workspace's executives, else its admins."""
    rows = session.exec(
        select(Membership.user_id, Membership.role)
        .join(User, col(User.id) == col(Membership.user_id))
        .where(
            Membership.workspace_id == workspace_id,
            col(User.is_active),
            col(Membership.role).in_([Role.executive.value, Role.admin.value]),
        )
        .order_by(col(Membership.created_at), col(Membership.id))
    ).all()
    sponsors = {user_id for user_id, _ in rows}
    if sponsor_id is not None and sponsor_id in sponsors:
        return [sponsor_id]
    executives = [user_id for user_id, role in rows if role == Role.executive.value]
    return executives or [user_id for user_id, role in rows if role == Role.admin.value]


def _tell_decision_needed(
    session: Session, pilot_id: uuid.UUID, workspace_id: uuid.UUID, decision: str, now: datetime
) -> None:
    if session.get(DecisionWait, (workspace_id, pilot_id)) is None:
        return  # it entered the waiting and left it again in this transaction
    pilot = session.get(Pilot, pilot_id)
    if pilot is None:
        return
    if decision == START:
        body = (
            f"{pilot.title} is ready to run: everything its start needs is in place but the "
            "start decision. Record start (or stop)."
        )
    else:
        body = f"{pilot.title} is in scale review: record scale, continue, pivot or stop."
    notify(
        session,
        recipients=deciders(session, workspace_id, pilot.sponsor_id),
        kind=NotificationKind.decision_needed,
        workspace_id=workspace_id,
        pilot_id=pilot.id,
        title=f"A decision waits on you: {pilot.title}",
        body=body,
        url=pilot_path(workspace_id, pilot.id),
        now=now,
        actor_id=acting_user(session),
    )


# --- told at commit -------------------------------------------------------------------------------


def dispatch(session: OrmSession) -> None:
    """Tell what this transaction changed: before it commits, once the derived columns have
    settled, so the notifications (and their mail) commit with the change, or not at all."""
    assert isinstance(session, Session)
    for _ in range(_MAX_ROUNDS):
        pending = session.info.pop(_KEY, None)
        if not isinstance(pending, _Pending) or not (pending.health or pending.entered):
            return
        for pilot_id, (previous, health, now) in pending.health.items():
            _tell_health_changed(session, pilot_id, previous, health, now)
        for pilot_id, (workspace_id, decision, now) in pending.entered.items():
            _tell_decision_needed(session, pilot_id, workspace_id, decision, now)
        settle(session)
    raise RuntimeError("Notifications did not settle: telling keeps causing more to tell.")


def forget(session: OrmSession, previous_transaction: SessionTransaction) -> None:
    """A rolled-back transaction tells nothing (a rolled-back savepoint inside it keeps what
    the transaction noted before)."""
    if not previous_transaction.nested:
        session.info.pop(_KEY, None)


def attach(maker: sessionmaker[Any]) -> None:
    """Tell at each commit of the sessions ``maker`` makes. Attach after the derived columns:
    their settling, at commit too, publishes the events noted here."""
    event.listen(maker, "before_commit", dispatch)
    event.listen(maker, "after_soft_rollback", forget)


def subscribe(bus: EventBus) -> None:
    bus.subscribe(HealthChanged, on_health_changed)  # type: ignore[arg-type]
    bus.subscribe(PilotsReevaluated, on_pilots_reevaluated)  # type: ignore[arg-type]
    bus.subscribe(MailUnsubscribed, on_mail_unsubscribed)  # type: ignore[arg-type]
