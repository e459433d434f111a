"""A pilot's facts (its health's and the portfolio's) follow only the columns they are derived
from (`FACT_INPUTS`): editing its words re-derives nothing, and no other column could change
them if it did."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlmodel import Session, select

from pilotboard.core.clock import FrozenClock
from pilotboard.demo import DemoResult
from pilotboard.pilots.health import service as health_service
from pilotboard.pilots.health.facts import health_facts
from pilotboard.pilots.health.rules import evaluate_pilot
from pilotboard.pilots.health.service import DERIVED_COLUMNS, FACT_INPUTS
from pilotboard.pilots.models import Pilot
from pilotboard.pilots.portfolio_facts import portfolio_facts
from pilotboard.pilots.settings import workspace_rules
from pilotboard.pilots.snapshot import load_records
from pilotboard.workspaces.models import Role
from tests.backend.conftest import demo_built_once
from tests.backend.factories import (
    Api,
    add_member,
    make_token,
    make_user,
    make_workspace,
    token_caller,
)

TODAY = datetime(2026, 11, 22, 14, 30, tzinfo=UTC)
# Who the pilot is, not what it says.
IDENTITY = frozenset({"id", "workspace_id"})


def _another(column: Any, value: Any) -> Any:
    """A value of ``column``'s type different from ``value``."""
    try:
        kind = type(value) if value is not None else column.type.python_type
    except NotImplementedError:  # JSON and the like
        return {"edited": True}
    if kind is object:  # SQLModel's AutoString
        kind = str
    if kind is bool:
        return not value
    if kind is uuid.UUID:
        return uuid.uuid4()
    if kind is datetime:
        return (value or TODAY) - timedelta(days=400)
    if kind is date:
        return (value or TODAY.date()) - timedelta(days=400)
    if kind in (int, float, Decimal):
        return (value or 0) + 7919
    if kind is str:
        return f"{value or ''} (edited)"
    return {"edited": True} if isinstance(value, dict) else ["edited"]


def _judged(db: Session, pilots: list[Pilot]) -> dict[uuid.UUID, tuple[Any, ...]]:
    records = load_records(db, pilots)
    _, thresholds = workspace_rules(db, pilots[0].workspace_id)
    judged = {}
    for pilot in pilots:
        facts = health_facts(records[pilot.id])
        result = evaluate_pilot(pilot, thresholds, date(2026, 11, 22))
        judged[pilot.id] = (
            facts.to_json(),
            portfolio_facts(records[pilot.id]),
            result.health,
            [r.as_dict() for r in result.reasons],
            result.changes_on,
        )
    return judged


demo_world, connection, demo = demo_built_once(TODAY)


def test_no_column_but_the_fact_inputs_changes_a_pilots_facts_or_health(
    db: Session, demo: DemoResult
) -> None:
    pilots = list(db.exec(select(Pilot).where(Pilot.workspace_id == demo.workspace_id)).all())
    assert len(pilots) > 10
    before = _judged(db, pilots)
    others = [
        column
        for column in Pilot.__table__.columns  # type: ignore[attr-defined]
        if column.key not in FACT_INPUTS | DERIVED_COLUMNS | IDENTITY
    ]
    assert {"title", "hypothesis", "budget", "risk_level"} <= {c.key for c in others}

    with db.no_autoflush:
        for pilot in pilots:
            for column in others:
                setattr(pilot, column.key, _another(column, getattr(pilot, column.key)))
        after = _judged(db, pilots)
    db.rollback()

    assert after == before


def test_each_fact_input_is_a_column_the_facts_read(db: Session, demo: DemoResult) -> None:
    """Changing a fact input does change some pilot's facts or health (none is listed for
    nothing)."""
    pilots = list(db.exec(select(Pilot).where(Pilot.workspace_id == demo.workspace_id)).all())
    before = _judged(db, pilots)
    for key in sorted(FACT_INPUTS):
        column = Pilot.__table__.columns[key]  # type: ignore[attr-defined]
        with db.no_autoflush:
            saved = {p.id: getattr(p, key) for p in pilots}
            for pilot in pilots:
                setattr(pilot, key, _another(column, saved[pilot.id]))
            changed = _judged(db, pilots)
            for pilot in pilots:
                setattr(pilot, key, saved[pilot.id])
        assert changed != before, key
    db.rollback()


@pytest.fixture
def refreshes(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many pilots each health refresh re-derived while the test runs."""
    seen: list[int] = []
    refresh = health_service.refresh

    def counting(session: Any, pilots: Any, **kwargs: Any) -> Any:
        seen.append(len(pilots))
        return refresh(session, pilots, **kwargs)

    monkeypatch.setattr(health_service, "refresh", counting)
    return seen


def test_editing_a_pilots_words_re_derives_nothing_and_a_new_owner_does(
    client: Any, db: Session, clock: FrozenClock, refreshes: list[int]
) -> None:
    now = clock.now()
    workspace = make_workspace(db, now=now, name="Inputs")
    editor = make_user(db, now=now, name="Editor")
    other = make_user(db, now=now, name="Other editor")
    for user in (editor, other):
        add_member(db, workspace=workspace, user=user, role=Role.editor, now=now)
    secret = make_token(db, user=editor, workspace=workspace, now=now, write=True)
    db.commit()
    api = Api(client, token_caller(secret), workspace)
    pilot = api.ok("POST", "/pilots", {"title": "VMI", "target_outcome": "profitability"})
    assert refreshes == [1]  # a new pilot gets its facts
    health = pilot["health"]

    refreshes.clear()
    edited = api.ok(
        "PATCH",
        f"/pilots/{pilot['id']}",
        {"title": "Vendor-managed inventory", "hypothesis": "Fewer stock-outs", "budget": 5000},
    )
    assert refreshes == []
    assert (edited["title"], edited["health"]) == ("Vendor-managed inventory", health)

    moved = api.ok("PATCH", f"/pilots/{pilot['id']}", {"owner_id": str(other.id)})
    assert refreshes == [1]
    assert moved["owner_id"] == str(other.id)
