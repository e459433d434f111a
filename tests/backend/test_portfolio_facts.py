"""The portfolio's stored facts (``pilots/portfolio_facts.py``, #18) stay what the records say
after every write that affects them: ``pilots.scale_days``, ``waiting_on`` and
``start_engaged``, ``involvements.silent_since`` (and ``pilots.revenue_lift``, from the metric
summary).

After each write, :func:`assert_current` recomputes them from the records with the SQL the
portfolio ran before they were stored (``portfolio/waiting.py``, which the notifications still
use, and the first `scale` decision and first entry into `running` per pilot) and compares; at
the end, migration 0015's backfill, run again on the same rows, must give the same values.

Today is 2026-01-15 (the frozen clock's date); the world is ``test_portfolio_integrity``'s.
"""

# ruff: noqa: F811 (the `world` fixture, imported, is each test's parameter)

from __future__ import annotations

import importlib.util
import uuid
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

from sqlalchemy import func, select, update
from sqlmodel import Session, col

from pilotboard.accounts.models import User
from pilotboard.pilots.metrics import figures
from pilotboard.pilots.models import Decision, Involvement, Pilot, Transition
from pilotboard.pilots.snapshot import ENGAGED, SPONSOR_ROLES
from pilotboard.portfolio.waiting import answered_review_statement, awaiting_start_statement
from pilotboard.workspaces.models import Membership
from tests.backend.factories import Api
from tests.backend.test_portfolio import Builder, d
from tests.backend.test_portfolio_integrity import (  # noqa: F401 (the fixture)
    in_review,
    ready_to_start,
    world,
)

SILENT_STAGES = ("running", "scale_review")
MIGRATION = Path(__file__).parents[2] / "migrations" / "versions" / "0015_portfolio_facts.py"


def _stored(db: Session, ws: uuid.UUID) -> dict[uuid.UUID, tuple[Any, ...]]:
    return {
        row.id: tuple(row[1:])
        for row in db.execute(
            select(
                col(Pilot.id),
                col(Pilot.scale_days),
                col(Pilot.waiting_on),
                col(Pilot.start_engaged),
                col(Pilot.sponsor_id),
                col(Pilot.stage),
                col(Pilot.revenue_lift),
                col(Pilot.revenue_latest),
                col(Pilot.revenue_baseline),
                col(Pilot.revenue_direction),
            ).where(col(Pilot.workspace_id) == ws)
        )
    }


def _silent(db: Session, ws: uuid.UUID) -> dict[uuid.UUID, date | None]:
    return dict(
        db.execute(
            select(col(Involvement.id), col(Involvement.silent_since)).where(
                col(Involvement.workspace_id) == ws
            )
        ).all()
    )


def assert_current(db: Session, ws: uuid.UUID) -> None:
    """The stored facts of every pilot of ``ws`` are what its records say now."""
    db.expire_all()
    stored = _stored(db, ws)

    first_scale = dict(
        db.execute(
            select(col(Decision.pilot_id), func.min(col(Decision.decided_on)))
            .where(
                col(Decision.workspace_id) == ws,
                col(Decision.kind) == "scale",
                col(Decision.withdrawn_at).is_(None),
            )
            .group_by(col(Decision.pilot_id))
        ).all()
    )
    first_running = dict(
        db.execute(
            select(col(Transition.pilot_id), func.min(col(Transition.occurred_at)))
            .where(col(Transition.workspace_id) == ws, col(Transition.to_stage) == "running")
            .group_by(col(Transition.pilot_id))
        ).all()
    )
    for pilot_id, (scale_days, *_) in stored.items():
        scaled, running = first_scale.get(pilot_id), first_running.get(pilot_id)
        expected = (scaled - running.date()).days if scaled and running else None
        assert scale_days == expected, (pilot_id, scale_days, expected)

    answered = set(db.execute(answered_review_statement(ws, [])).scalars())
    in_review = {p for p, facts in stored.items() if facts[4] == "scale_review"}
    assert {p for p, facts in stored.items() if facts[1] == "scale"} == in_review - answered
    sponsors = set(
        db.execute(
            select(col(Membership.user_id))
            .join(User, col(User.id) == col(Membership.user_id))
            .where(
                col(Membership.workspace_id) == ws,
                col(Membership.role).in_(SPONSOR_ROLES),
                col(User.is_active),
            )
        ).scalars()
    )
    with_hypothesis = set(
        db.execute(
            select(col(Pilot.id)).where(col(Pilot.workspace_id) == ws, col(Pilot.hypothesis) != "")
        ).scalars()
    )
    for least in range(4):
        awaiting = set(db.execute(awaiting_start_statement(ws, [], least)).scalars())
        assert {
            p
            for p, (_, waiting_on, engaged, sponsor, *_) in stored.items()
            if waiting_on == "start"
            and engaged >= least
            and sponsor in sponsors
            and p in with_hypothesis
        } == awaiting, least
    for _, waiting_on, engaged, *_ in stored.values():
        assert (engaged is not None) == (waiting_on == "start")

    for *_, lift, latest, baseline, direction in stored.values():
        expected_lift = figures.lift(latest=latest, baseline=baseline, direction=direction or "")
        assert (lift is None) == (expected_lift is None)
        if lift is not None:
            assert round(lift, 6) == expected_lift

    stages = {p: facts[4] for p, facts in stored.items()}
    for involvement in db.execute(
        select(Involvement).where(col(Involvement.workspace_id) == ws)
    ).scalars():
        counts = involvement.status in ENGAGED and stages[involvement.pilot_id] in SILENT_STAGES
        since = involvement.last_check_in_on or involvement.first_asked_on
        assert involvement.silent_since == (since if counts else None), involvement.id


def _involvements(db: Session, pilot: Pilot) -> list[Involvement]:
    db.expire_all()  # what other sessions (the requests) wrote since
    return list(
        db.execute(
            select(Involvement)
            .where(col(Involvement.pilot_id) == pilot.id)
            .order_by(col(Involvement.created_at), col(Involvement.id))
        ).scalars()
    )


def _facts(db: Session, pilot: Pilot) -> tuple[Any, ...]:
    db.expire_all()
    row = db.execute(
        select(col(Pilot.scale_days), col(Pilot.waiting_on), col(Pilot.start_engaged)).where(
            col(Pilot.id) == pilot.id
        )
    ).one()
    return tuple(row)


def test_the_start_facts_follow_the_gate_decisions_and_departments(
    world: dict[str, Any], db: Session
) -> None:
    ws = world["ws"].id
    executive: Api = world["api"]["executive"]
    editor: Api = world["api"]["editor"]
    pilot = ready_to_start(world, "Ready")
    db.commit()
    assert _facts(db, pilot) == (None, "start", 2)
    assert_current(db, ws)

    # A department without a stake counts for nothing; its stake back, it counts again.
    first, second = _involvements(db, pilot)
    second.stake = ""
    db.add(second)
    db.commit()
    assert _facts(db, pilot) == (None, "start", 1)
    assert_current(db, ws)
    second.stake = "Fewer rush orders."
    db.add(second)
    db.commit()
    assert _facts(db, pilot) == (None, "start", 2)

    # The start decision answers it; withdrawing it puts the pilot back.
    decision = executive.ok(
        "POST", f"/pilots/{pilot.id}/decisions", {"kind": "start", "rationale": "Go ahead."}
    )
    assert _facts(db, pilot) == (None, None, None)
    assert_current(db, ws)
    executive.ok(
        "POST",
        f"/pilots/{pilot.id}/decisions/{decision['id']}/withdraw",
        {"reason": "The sponsor wants one more look."},
    )
    assert _facts(db, pilot) == (None, "start", 2)
    assert_current(db, ws)

    # Without a customer the gate is not met but for the start (the hypothesis, the pilot's
    # words, is checked as the portfolio reads).
    db.expire_all()
    loaded = db.get(Pilot, pilot.id)
    assert loaded is not None
    customer_id, loaded.customer_id = loaded.customer_id, None
    loaded.hypothesis = ""
    db.add(loaded)
    db.commit()
    assert _facts(db, pilot) == (None, None, None)
    assert_current(db, ws)
    loaded.customer_id = customer_id
    db.add(loaded)
    db.commit()
    assert _facts(db, pilot)[1:] == ("start", 2)
    assert_current(db, ws)
    loaded.hypothesis = "Kitting at the line cuts the customer's downtime."
    db.add(loaded)
    db.commit()
    assert_current(db, ws)

    # Started and running: nothing waits; a department asked to check in is silent from then.
    executive.ok(
        "POST", f"/pilots/{pilot.id}/decisions", {"kind": "start", "rationale": "Go ahead."}
    )
    first.first_asked_on = d("2026-01-02")
    db.add(first)
    db.commit()
    assert_current(db, ws)
    assert {i.silent_since for i in _involvements(db, pilot)} == {None}
    editor.ok("POST", f"/pilots/{pilot.id}/transitions", {"to_stage": "running"})
    assert _facts(db, pilot) == (None, None, None)
    assert [i.silent_since for i in _involvements(db, pilot)] == [d("2026-01-02"), None]
    assert_current(db, ws)


def test_silence_follows_check_ins_engagement_and_stage(world: dict[str, Any], db: Session) -> None:
    ws = world["ws"].id
    editor: Api = world["api"]["editor"]
    b: Builder = world["b"]
    executive = world["people"]["executive"]
    pilot = b.pilot(
        "Running",
        [("proposed", "2025-06-01"), ("selecting", "2025-06-10"), ("running", "2025-07-01")],
        owner=world["people"]["editor"], sponsor=executive,
        customer=world["customer"], risk="low",
    )  # fmt: skip
    for department in world["departments"]:
        b.involve(pilot, department, "engaged")
    db.commit()
    first, second, third = _involvements(db, pilot)
    first.first_asked_on = d("2025-11-01")
    second.first_asked_on = d("2025-11-01")
    second.last_check_in_on = d("2025-12-20")
    db.add_all([first, second])
    db.commit()
    assert [i.silent_since for i in _involvements(db, pilot)] == [
        d("2025-11-01"),
        d("2025-12-20"),
        None,
    ]
    assert_current(db, ws)

    # A check-in moves it; a declined department is not silent; neither is a paused pilot.
    first.last_check_in_on = d("2026-01-10")
    second.status = "declined"
    db.add_all([first, second])
    db.commit()
    assert [i.silent_since for i in _involvements(db, pilot)] == [d("2026-01-10"), None, None]
    assert_current(db, ws)
    editor.ok(
        "POST", f"/pilots/{pilot.id}/transitions", {"to_stage": "paused", "reason": "Holidays."}
    )
    assert [i.silent_since for i in _involvements(db, pilot)] == [None, None, None]
    assert_current(db, ws)
    editor.ok("POST", f"/pilots/{pilot.id}/transitions", {"to_stage": "running"})
    assert [i.silent_since for i in _involvements(db, pilot)] == [d("2026-01-10"), None, None]
    assert_current(db, ws)

    # A new involvement, asked at once.
    third.status = "champion"
    third.first_asked_on = d("2025-12-01")
    db.add(third)
    db.commit()
    assert [i.silent_since for i in _involvements(db, pilot)][2] == d("2025-12-01")
    assert_current(db, ws)


def test_the_review_facts_follow_decisions_and_their_withdrawal(
    world: dict[str, Any], db: Session
) -> None:
    ws = world["ws"].id
    executive: Api = world["api"]["executive"]
    editor: Api = world["api"]["editor"]
    pilot = in_review(world, "Review")
    other = in_review(world, "Other")
    db.commit()
    assert _facts(db, pilot) == (None, "scale", None)
    assert_current(db, ws)

    # A scale decision answers the review and dates the scale decision (198 days after the
    # first entry into running on 2025-07-01); withdrawn, both are undone.
    decision = executive.ok(
        "POST", f"/pilots/{pilot.id}/decisions", {"kind": "scale", "rationale": "Scale it."}
    )
    assert _facts(db, pilot) == (198, None, None)
    assert_current(db, ws)
    executive.ok(
        "POST",
        f"/pilots/{pilot.id}/decisions/{decision['id']}/withdraw",
        {"reason": "The evidence is not complete yet."},
    )
    assert _facts(db, pilot) == (None, "scale", None)
    assert_current(db, ws)

    # A `continue` answers it too, and back in running nothing waits.
    executive.ok(
        "POST", f"/pilots/{other.id}/decisions", {"kind": "continue", "rationale": "Iterate."}
    )
    assert _facts(db, other) == (None, None, None)
    editor.ok("POST", f"/pilots/{other.id}/transitions", {"to_stage": "running"})
    assert _facts(db, other) == (None, None, None)
    assert_current(db, ws)


def test_the_revenue_lift_follows_the_metric_summary(world: dict[str, Any], db: Session) -> None:
    ws = world["ws"].id
    b: Builder = world["b"]
    pilot = in_review(world, "Revenue")
    metric = b.metric(
        pilot, "Revenue", direction="increase", baseline=100, target=150, is_revenue=True
    )
    db.commit()
    assert_current(db, ws)
    editor: Api = world["api"]["editor"]
    editor.ok(
        "POST",
        f"/pilots/{pilot.id}/metrics/{metric.id}/measurements",
        {"value": 120, "measured_on": "2026-01-10"},
    )
    db.expire_all()
    lift = db.execute(select(col(Pilot.revenue_lift)).where(col(Pilot.id) == pilot.id)).scalar()
    assert lift == 0.2
    assert_current(db, ws)


def _migration() -> ModuleType:
    spec = importlib.util.spec_from_file_location("migration_0015", MIGRATION)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_migration_backfills_what_the_app_stores(world: dict[str, Any], db: Session) -> None:
    """Migration 0015's backfill, run again on rows the app stored, gives the same values."""
    ws = world["ws"].id
    executive: Api = world["api"]["executive"]
    b: Builder = world["b"]
    ready_to_start(world, "Ready")
    short = ready_to_start(world, "One department")
    _involvements(db, short)[0].status = "declined"
    scaled = in_review(world, "Scaled")
    in_review(world, "Waiting")
    running = b.pilot(
        "Running",
        [("proposed", "2025-06-01"), ("running", "2025-07-01")],
        owner=world["people"]["editor"],
    )
    b.involve(running, world["departments"][0], "champion")
    db.commit()
    _involvements(db, running)[0].first_asked_on = d("2025-12-01")
    db.commit()
    executive.ok(
        "POST", f"/pilots/{scaled.id}/decisions", {"kind": "scale", "rationale": "Scale it."}
    )
    assert_current(db, ws)
    db.expire_all()
    pilots, involvements = _stored(db, ws), _silent(db, ws)
    assert {facts[1] for facts in pilots.values()} == {None, "start", "scale"}
    assert any(facts[0] is not None for facts in pilots.values())
    assert any(since is not None for since in involvements.values())

    migration = _migration()
    connection = db.connection()
    engine = connection.dialect.name
    connection.execute(
        update(Pilot)
        .where(col(Pilot.workspace_id) == ws)
        .values(scale_days=None, waiting_on=None, start_engaged=None, revenue_lift=None)
    )
    connection.execute(
        update(Involvement).where(col(Involvement.workspace_id) == ws).values(silent_since=None)
    )
    days = migration.DAYS_BETWEEN[engine].format(
        later=migration.FIRST_SCALE, earlier=migration.DAY[engine].format(migration.FIRST_RUNNING)
    )
    for statement in (
        migration.SCALE_DAYS.format(days_between=days),
        migration.WAITING_SCALE.format(
            entered=migration.DAY[engine].format("pilots.stage_entered_at")
        ),
        migration.WAITING_START.format(
            trim=migration.TRIM[engine], whitespace=migration.WHITESPACE[engine]
        ),
        migration.REVENUE_LIFT,
        migration.SILENT_SINCE,
    ):
        connection.exec_driver_sql(statement)
    db.expire_all()
    assert _stored(db, ws) == pilots
    assert _silent(db, ws) == involvements
