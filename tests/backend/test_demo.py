"""The demo workspace: built through the services, tells the method's story, loads once."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from pilotboard.activity.models import Activity
from pilotboard.core.clock import FrozenClock
from pilotboard.demo import (
    CUSTOMERS,
    DEMO_WORKSPACE,
    TITLES,
    DemoResult,
    build_demo,
    demo_summary,
)
from pilotboard.demo.stories.history import HISTORY
from pilotboard.demo.stories.history import history as history_again
from pilotboard.pilots.candidates.service import candidate_publics
from pilotboard.pilots.feedback.models import FeedbackResponse
from pilotboard.pilots.filters import PilotFilters
from pilotboard.pilots.health.rules import evaluate_pilot
from pilotboard.pilots.involvements.service import involvement_publics
from pilotboard.pilots.iterations.service import iteration_publics
from pilotboard.pilots.metrics.service import metric_publics
from pilotboard.pilots.models import LIFECYCLE, Decision, Pilot, Stage, Transition
from pilotboard.pilots.read import pilot_public
from pilotboard.pilots.scale_plan.service import scale_plan_public
from pilotboard.pilots.settings import workspace_rules
from pilotboard.portfolio.schemas import Portfolio
from pilotboard.portfolio.service import HealthMemo, portfolio
from pilotboard.workspaces.models import Membership, Role, Workspace
from tests.backend.conftest import demo_built_once

TODAY = datetime(2026, 11, 22, 14, 30, tzinfo=UTC)

EXPECTED_HEALTH: dict[str, tuple[str, str, set[str]]] = {
    # key: (stage, health, reason codes)
    "vmi": ("scaling", "on_track", set()),
    "shelf_ready": ("scale_review", "stalled", {"scale_decision_overdue"}),
    "spare_parts": ("running", "at_risk", {"premier_account"}),
    "dunning": ("running", "at_risk", {"no_customer_metric"}),
    "kitting": ("running", "stalled", {"no_recent_iteration"}),
    "energy": ("proposed", "on_track", set()),
    "demand_planning": (
        "selecting",
        "at_risk",
        {"stuck_in_selection", "department_not_engaged"},
    ),
    "night_delivery": ("stopped", "on_track", set()),
    "monitoring": ("paused", "on_track", set()),
    "point_of_use": ("adopted", "on_track", set()),
    # Finance engaged once and has not answered a check-in since the first iteration.
    "consignment": ("running", "at_risk", {"department_silent"}),
    "returnable_crates": ("adopted", "on_track", set()),
    "parts_portal": ("stopped", "on_track", set()),
    "proof_of_delivery": ("running", "at_risk", {"ready_to_scale_not_proposed"}),
    "steriliser_monitoring": ("running", "at_risk", {"too_few_departments"}),
    "delivery_windows": ("scale_review", "on_track", set()),
    "loyalty_offers": ("selecting", "on_track", set()),
}


demo_world, connection, demo = demo_built_once(TODAY)


def _pilots(db: Session, result: DemoResult) -> dict[str, Pilot]:
    rows = db.exec(select(Pilot).where(Pilot.workspace_id == result.workspace_id)).all()
    by_id = {p.id: p for p in rows}
    return {key: by_id[pilot_id] for key, pilot_id in result.pilots.items()}


def test_counts_stages_and_health_as_of_the_demo_today(db: Session, demo: DemoResult) -> None:
    assert demo.created
    assert demo.today == TODAY.date()
    assert demo_summary(db, demo.workspace_id) == {
        "members": 4,
        "departments": 7,
        "customers": 20,
        "pilots": 17 + len(HISTORY),
    }
    roles = Counter(
        db.exec(select(Membership.role).where(Membership.workspace_id == demo.workspace_id)).all()
    )
    assert roles == {Role.admin: 1, Role.editor: 1, Role.executive: 1, Role.viewer: 1}
    assert len(CUSTOMERS) == 20
    assert sum(1 for c in CUSTOMERS if c[3]) == 3
    workspace = db.get(Workspace, demo.workspace_id)
    assert workspace is not None
    assert (workspace.name, workspace.currency) == (DEMO_WORKSPACE, "EUR")
    assert set(demo.pilots) == set(TITLES)

    stages = {p.stage for p in _pilots(db, demo).values()}
    assert stages == {s.value for s in Stage}
    assert {s.value for s in LIFECYCLE} <= stages

    _, thresholds = workspace_rules(db, demo.workspace_id)
    for key, pilot in _pilots(db, demo).items():
        if key.startswith("history_"):
            continue
        stage, health, codes = EXPECTED_HEALTH[key]
        public = pilot_public(pilot, thresholds, demo.today)
        assert (key, public.stage, public.health) == (key, stage, health)
        assert {r.code for r in public.health_reasons} == codes, key
        # The stored health is today's too (the list filter relies on it).
        assert (key, pilot.health) == (key, health)
        assert evaluate_pilot(pilot, thresholds, demo.today).health == health


def test_the_vmi_story_and_the_closed_pilots(db: Session, demo: DemoResult) -> None:
    pilot = _pilots(db, demo)["vmi"]
    assert pilot.title == "Vendor-managed inventory at St. Agnes Hospital"
    assert pilot.risk_level == "low"

    candidates = candidate_publics(db, pilot)
    chosen = [c for c in candidates if c.is_chosen]
    assert [c.customer_name for c in chosen] == ["St. Agnes Hospital"]
    others = [c for c in candidates if not c.is_chosen]
    assert others
    assert all((c.total or 0) < (chosen[0].total or 0) for c in others)
    assert any(c.is_premier_account for c in others)

    involvements = involvement_publics(db, pilot, demo.today)
    assert len(involvements) == 3
    assert all(i.status in ("engaged", "champion") and i.stake for i in involvements)
    assert any("automated picking" in i.stake for i in involvements)

    metrics = {m.name: m for m in metric_publics(db, pilot)}
    revenue = next(m for m in metrics.values() if m.is_revenue)
    assert (revenue.baseline, revenue.target, revenue.latest_value) == (400_000, 500_000, 540_000)
    assert revenue.lift == 0.35
    nurse = metrics["Nurse minutes on supplies per shift"]
    assert (nurse.kind, nurse.direction, nurse.baseline, nurse.target) == (
        "customer_experienced",
        "decrease",
        55,
        35,
    )

    iterations = iteration_publics(db, pilot)
    assert [i.number for i in iterations] == [1, 2, 3]
    assert all(i.measurement_count > 0 for i in iterations)

    decisions = db.exec(
        select(Decision).where(Decision.pilot_id == pilot.id).order_by(col(Decision.decided_on))
    ).all()
    assert [d.kind for d in decisions] == ["start", "scale"]

    plan = scale_plan_public(db, pilot)
    assert len(plan.items) == 3
    assert {i.department_id for i in plan.items} == {i.department_id for i in involvements}
    assert all(
        i.planning_change and i.resource_change and i.compensation_change for i in plan.items
    )
    statuses = {i.status for i in plan.items}
    assert "done" in statuses
    assert statuses - {"done"}

    # Every step went through the lifecycle, in order, and is in the activity log.
    moves = db.exec(
        select(Transition.to_stage)
        .where(Transition.pilot_id == pilot.id)
        .order_by(col(Transition.sequence))
    ).all()
    assert moves == ["proposed", "selecting", "running", "scale_review", "scaling"]
    assert (demo.today - pilot.created_at.date()).days == 300  # about ten months ago
    logged = db.exec(
        select(func.count()).select_from(Activity).where(Activity.pilot_id == pilot.id)
    ).one()
    assert logged > 30

    pilots = _pilots(db, demo)
    last: dict[str, Transition] = {}
    for key in ("night_delivery", "monitoring", "point_of_use"):
        last[key] = db.exec(
            select(Transition)
            .where(Transition.pilot_id == pilots[key].id)
            .order_by(col(Transition.sequence).desc())
        ).first()  # type: ignore[assignment]
    assert last["night_delivery"].to_stage == "stopped"
    assert last["night_delivery"].reason
    assert last["night_delivery"].lessons_learned
    assert last["monitoring"].to_stage == "paused"
    assert last["monitoring"].reason
    assert pilots["monitoring"].paused_from == "running"
    plan = scale_plan_public(db, pilots["point_of_use"])
    assert plan.items
    assert all(i.status == "done" for i in plan.items)

    # Nothing is dated after the demo's today.
    ids = list(demo.pilots.values())
    latest = db.exec(
        select(func.max(Activity.occurred_at)).where(col(Activity.pilot_id).in_(ids))
    ).one()
    assert latest is not None
    assert latest < TODAY
    decided = db.exec(
        select(func.max(Decision.decided_on)).where(col(Decision.pilot_id).in_(ids))
    ).one()
    assert decided is not None
    assert decided < TODAY.date()


def test_the_portfolio_tells_the_method_s_story(db: Session, demo: DemoResult) -> None:
    key = {title: key for key, title in TITLES.items()}
    today = Portfolio.model_validate(
        portfolio(
            db,
            workspace_id=demo.workspace_id,
            filters=PilotFilters(),
            as_of=demo.today,
            today=demo.today,
            memo=HealthMemo(),
        )
    )

    assert today.totals.model_dump() == {
        "pilots": 57,
        "active": 13,
        "on_track": 5,
        "at_risk": 6,
        "stalled": 2,
    }
    assert [(s.stage, s.count, s.revenue_at_stake) for s in today.stages] == [
        ("proposed", 1, 90_000),
        ("selecting", 2, 370_000),
        ("running", 6, 1_080_000),
        ("scale_review", 2, 460_000),
        ("scaling", 1, 500_000),
        ("adopted", 22, 1_980_000),
        ("paused", 1, 260_000),
        ("stopped", 22, 1_710_000),
    ]
    # Stalled first, then at risk; longest in stage first within each.
    assert [(key[a.title], a.health, a.days_in_stage) for a in today.attention] == [
        ("kitting", "stalled", 198),
        ("shelf_ready", "stalled", 40),
        ("proof_of_delivery", "at_risk", 186),
        ("dunning", "at_risk", 158),
        ("steriliser_monitoring", "at_risk", 136),
        ("spare_parts", "at_risk", 128),
        ("consignment", "at_risk", 92),
        ("demand_planning", "at_risk", 82),
    ]
    # One scale review long overdue, a pilot ready but for its start decision, one scale review
    # just opened.
    assert [(key[w.title], w.decision, w.waiting_days) for w in today.decisions_waiting] == [
        ("shelf_ready", "scale", 40),
        ("loyalty_offers", "start", 15),
        ("delivery_windows", "scale", 9),
    ]
    # Three years of closed pilots (20 adopted and 20 stopped of them, with no revenue metric)
    # beside the current two and two: the outcomes mean something.
    assert today.outcomes.model_dump() == {
        "adopted": 22,
        "stopped": 22,
        "win_rate": 0.5,
        "total_revenue_gain": 277_000,  # 140,000 (VMI) + 55,000 + 82,000
        "median_revenue_lift": 0.122222,  # nine pilots, the stopped portal's -1.9 % included
        "median_days_to_scale_decision": 109.0,
    }
    # Marketing is invited everywhere and engaged nowhere (it declined fourteen times); Finance
    # said "engaged" and went silent in one of its four pilots, and invited-only in another:
    # indifference, not refusal.
    flagged = [
        (d.name, d.invited, d.engaged, d.champion, d.declined, d.silent, d.indifference_index)
        for d in today.departments
        if d.flagged
    ]
    assert flagged == [("Finance", 1, 2, 1, 0, 1, 0.5), ("Marketing", 3, 0, 0, 14, 0, 1.0)]

    # If nothing happens for 30 days, eight of the thirteen active pilots are stalled.
    later = Portfolio.model_validate(
        portfolio(
            db,
            workspace_id=demo.workspace_id,
            filters=PilotFilters(),
            as_of=demo.today + timedelta(days=30),
            today=demo.today,
            memo=HealthMemo(),
        )
    )
    assert (later.totals.on_track, later.totals.at_risk, later.totals.stalled) == (3, 2, 8)


def test_running_it_twice_creates_nothing_new(db: Session, demo: DemoResult) -> None:
    def totals() -> tuple[int, ...]:
        return tuple(
            int(db.exec(select(func.count()).select_from(model)).one())
            for model in (Workspace, Membership, Pilot, Activity, Transition)
        )

    before = totals()
    again = build_demo(db, FrozenClock(current=TODAY))
    db.flush()

    assert not again.created
    assert again.workspace_id == demo.workspace_id
    assert again.pilots == demo.pilots
    assert totals() == before
    demo_workspaces = db.exec(
        select(func.count()).select_from(Workspace).where(Workspace.name == DEMO_WORKSPACE)
    ).one()
    assert demo_workspaces == 1


def test_the_customer_s_voice_and_a_silent_department(db: Session, demo: DemoResult) -> None:
    pilots = _pilots(db, demo)
    # St. Agnes: a ward nurse, a pharmacist and the CEO answered, rising iteration by iteration.
    vmi = iteration_publics(db, pilots["vmi"])
    assert [(it.number, it.feedback.responses) for it in vmi] == [(1, 2), (2, 3), (3, 3)]
    means = [it.feedback.difference_mean for it in vmi]
    assert means == sorted(means)
    assert means[0] == 2.0
    assert means[-1] is not None
    assert means[-1] > 4.5
    assert all(it.customer_summary for it in vmi)
    respondents = set(
        db.exec(
            select(FeedbackResponse.respondent_name).where(
                FeedbackResponse.pilot_id == pilots["vmi"].id
            )
        ).all()
    )
    assert {name.split(", ")[1] for name in respondents} == {
        "ward nurse",
        "hospital pharmacist",
        "chief executive",
    }

    # Consignment: Supply chain answered its check-in; Finance has been silent since it was
    # first asked, when the first iteration was logged 90 days ago.
    departments = {
        i.department_name: (i.last_check_in_on, i.silent_days)
        for i in involvement_publics(db, pilots["consignment"], demo.today)
    }
    assert departments == {
        "Supply chain": (demo.today - timedelta(days=5), 5),
        "Finance": (None, 90),
    }
    reasons = pilot_public(
        pilots["consignment"], workspace_rules(db, demo.workspace_id)[1], demo.today
    )
    silent = next(r.message for r in reasons.health_reasons)
    assert silent.startswith("Finance: silent for 90 days")


def test_the_closed_history_is_generated_and_told_through_the_gates(
    db: Session, demo: DemoResult
) -> None:
    """Forty pilots closed over three years, the same on every run, each with a history the
    gates let through; a scaled one reached adoption through scale review and scaling, a
    stopped one stopped while selecting, running or in scale review. Practices differ between
    them, so the learning page has real differences to show."""
    assert len(HISTORY) == 40
    assert [s.title for s in HISTORY] == [s.title for s in history_again()]
    assert len({s.title for s in HISTORY}) == 40
    pilots = _pilots(db, demo)
    closed = {key: pilots[key] for key in pilots if key.startswith("history_")}
    assert len(closed) == 40
    assert {p.stage for p in closed.values()} == {"adopted", "stopped"}
    adopted = [p for p in closed.values() if p.stage == "adopted"]
    assert 8 <= len(adopted) <= 32
    oldest = min(
        db.exec(
            select(Transition.occurred_at).where(
                col(Transition.pilot_id).in_([p.id for p in closed.values()])
            )
        ).all()
    )
    assert (TODAY - oldest).days > 365 * 2
    for pilot in closed.values():
        path = db.exec(
            select(Transition.to_stage)
            .where(Transition.pilot_id == pilot.id)
            .order_by(col(Transition.sequence))
        ).all()
        if pilot.stage == "adopted":
            assert path == [
                "proposed",
                "selecting",
                "running",
                "scale_review",
                "scaling",
                "adopted",
            ]
        else:
            assert path[-1] == "stopped"
            assert path[-2] in ("selecting", "running", "scale_review")
    # Some started with one engaged department (the workspace asked for one then), some with
    # two or more; the workspace asks for two now.
    _, thresholds = workspace_rules(db, demo.workspace_id)
    assert thresholds["min_engaged_departments"] == 2
    stopped_while_selecting = [
        p
        for p in closed.values()
        if p.stage == "stopped"
        and "running"
        not in db.exec(select(Transition.to_stage).where(Transition.pilot_id == p.id)).all()
    ]
    assert stopped_while_selecting
