"""Load the demo: walk the cast and the pilot stories and write them through the services.

Every row is written by the service a person's request would use, each pilot on a
``FrozenClock`` that walks forward from the day its story starts, so gates are genuinely met and
the activity log, the health facts and the time in stage are what a real team would have
produced. The pilots' services are called from ``_Telling`` only (and ``health.refresh`` once at
the end). It only flushes: the caller owns the transaction (the ``pilotboard demo`` command
commits once). Running it again on a database that has the demo changes nothing.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, assert_never

from sqlalchemy import func
from sqlmodel import Session, col, select

from pilotboard.accounts.models import User
from pilotboard.accounts.service import create_user, find_user_by_email
from pilotboard.activity.service import Actor
from pilotboard.core.clock import Clock, FrozenClock
from pilotboard.core.derived import settle
from pilotboard.customers.models import Customer
from pilotboard.customers.service import create_customer
from pilotboard.demo.cast import (
    ADMIN_EMAIL,
    CUSTOMERS,
    DEMO_CURRENCY,
    DEMO_PASSWORD,
    DEMO_WORKSPACE,
    DEPARTMENTS,
    EDITOR_EMAIL,
    PEOPLE,
    PLAN_CHANGES,
    START_DAYS_AGO,
)
from pilotboard.demo.steps import (
    AddCandidate,
    AddMetric,
    AskFeedback,
    CheckIn,
    Choose,
    Decide,
    Discuss,
    Engage,
    Invite,
    Iterate,
    Move,
    PilotStory,
    Plan,
    Reclassify,
    Respond,
    Step,
)
from pilotboard.demo.stories import PILOTS, TITLES
from pilotboard.demo.stories.history import HISTORY, TWO_DEPARTMENTS_FROM_DAYS_AGO
from pilotboard.departments.models import Department
from pilotboard.departments.service import create_department
from pilotboard.pilots import service
from pilotboard.pilots.candidates import service as candidates
from pilotboard.pilots.checkins import service as check_ins
from pilotboard.pilots.checkins.models import CheckInRequest
from pilotboard.pilots.checkins.schemas import CheckInSubmit
from pilotboard.pilots.comments import service as comments
from pilotboard.pilots.decisions import service as decisions
from pilotboard.pilots.feedback import service as feedback
from pilotboard.pilots.feedback.models import FeedbackLink
from pilotboard.pilots.feedback.schemas import FeedbackSubmit
from pilotboard.pilots.health import service as health
from pilotboard.pilots.involvements import service as involvements
from pilotboard.pilots.iterations import service as iterations
from pilotboard.pilots.lifecycle import service as lifecycle
from pilotboard.pilots.metrics import service as metrics
from pilotboard.pilots.models import Involvement, Metric, Pilot
from pilotboard.pilots.scale_plan import service as scale_plan
from pilotboard.workspaces.models import Membership, Workspace, WorkspaceSettings
from pilotboard.workspaces.service import add_member, create_workspace
from pilotboard.workspaces.settings.schemas import SettingsUpdate, ThresholdsUpdate
from pilotboard.workspaces.settings.service import update_settings


@dataclass
class DemoResult:
    created: bool
    workspace_id: uuid.UUID
    today: date
    pilots: dict[str, uuid.UUID] = field(default_factory=dict)


def find_demo_workspace(session: Session) -> Workspace | None:
    """The workspace named "Demo" that the demo admin belongs to, when it exists."""
    return session.exec(
        select(Workspace)
        .join(Membership, col(Membership.workspace_id) == col(Workspace.id))
        .join(User, col(User.id) == col(Membership.user_id))
        .where(Workspace.name == DEMO_WORKSPACE, User.email == ADMIN_EMAIL)
        .order_by(col(Workspace.created_at))
    ).first()


def _pilot_ids(session: Session, workspace_id: uuid.UUID) -> dict[str, uuid.UUID]:
    by_title = dict(
        session.exec(select(Pilot.title, Pilot.id).where(Pilot.workspace_id == workspace_id)).all()
    )
    return {key: by_title[title] for key, title in TITLES.items() if title in by_title}


def build_demo(session: Session, clock: Clock, *, history: bool = True) -> DemoResult:
    """Create the demo workspace as of ``clock.now()`` unless it exists (then change nothing).

    ``history=False`` leaves out the forty closed pilots of ``stories/history.py`` (tests that
    need a realistic workspace but not its three years of history build it in half the time).
    """
    existing = find_demo_workspace(session)
    if existing is not None:
        return DemoResult(
            created=False,
            workspace_id=existing.id,
            today=clock.today(),
            pilots=_pilot_ids(session, existing.id),
        )
    builder = _Builder(session, clock.now(), history=history)
    builder.build()
    return DemoResult(
        created=True,
        workspace_id=builder.workspace_id,
        today=builder.today,
        pilots={key: pilot.id for key, pilot in builder.pilots.items()},
    )


def demo_summary(session: Session, workspace_id: uuid.UUID) -> dict[str, int]:
    """Counts of what the demo workspace holds (for the command's output and the tests)."""

    def count(model: Any, column: Any) -> int:
        return int(
            session.exec(
                select(func.count()).select_from(model).where(column == workspace_id)
            ).one()
        )

    return {
        "members": count(Membership, Membership.workspace_id),
        "departments": count(Department, Department.workspace_id),
        "customers": count(Customer, Customer.workspace_id),
        "pilots": count(Pilot, Pilot.workspace_id),
    }


class _Builder:
    """The workspace: its people, departments and customers, then one ``_Telling`` per pilot."""

    def __init__(self, session: Session, now: datetime, *, history: bool = True) -> None:
        self.session = session
        self.history = history
        self.now = now
        self.today = now.astimezone(UTC).date()
        self.users: dict[str, User] = {}
        self.departments: dict[str, uuid.UUID] = {}
        self.customers: dict[str, uuid.UUID] = {}
        self.workspace_id = uuid.UUID(int=0)
        self.pilots: dict[str, Pilot] = {}

    def user(self, email: str) -> User:
        return self.users[email]

    def actor(self, email: str) -> Actor:
        return Actor(user_id=self.users[email].id)

    def at(self, days_ago: int) -> datetime:
        """09:00 UTC, ``days_ago`` calendar days before today (always in the past)."""
        return datetime.combine(self.today - timedelta(days=days_ago), time(9, 0), tzinfo=UTC)

    def build(self) -> None:
        clock = FrozenClock(current=self.at(START_DAYS_AGO))
        for email, name, _, is_admin in PEOPLE:
            found = find_user_by_email(self.session, email)
            self.users[email] = found or create_user(
                self.session,
                email=email,
                name=name,
                password=DEMO_PASSWORD,
                is_admin=is_admin,
                now=clock.now(),
            )
        clock.advance(minutes=5)
        admin = self.actor(ADMIN_EMAIL)
        workspace = create_workspace(
            self.session,
            user=self.user(ADMIN_EMAIL),
            actor=admin,
            name=DEMO_WORKSPACE,
            currency=DEMO_CURRENCY,
            now=clock.now(),
        )
        self.workspace_id = workspace.id
        for email, _, role, _ in PEOPLE[1:]:
            clock.advance(minutes=1)
            add_member(
                self.session,
                workspace_id=self.workspace_id,
                actor=admin,
                email=email,
                role=role,
                now=clock.now(),
            )
        clock.advance(hours=2)
        editor = self.actor(EDITOR_EMAIL)
        for name, lead, kpi in DEPARTMENTS:
            clock.advance(minutes=1)
            department = create_department(
                self.session,
                workspace_id=self.workspace_id,
                actor=editor,
                values={"name": name, "lead_name": lead, "kpi": kpi},
                now=clock.now(),
            )
            self.departments[name] = department.id
        clock.advance(days=1)
        for number, (name, segment, revenue, premier, notes) in enumerate(CUSTOMERS, 1001):
            clock.advance(minutes=1)
            customer = create_customer(
                self.session,
                workspace_id=self.workspace_id,
                actor=editor,
                values={
                    "name": name,
                    "segment": segment,
                    "annual_revenue": revenue,
                    "is_premier_account": premier,
                    "external_id": f"CRM-{number}",
                    "notes": notes,
                },
                now=clock.now(),
            )
            self.customers[name] = customer.id

        # Three years of closed pilots, told while the workspace asked for one engaged
        # department at the start; then it asks for two, as the current pilots find it.
        if self.history:
            self.engaged_at_start(1, days_ago=START_DAYS_AGO - 2)
            for story in HISTORY:
                self.pilots[story.key] = _Telling(self, story).tell()
            self.engaged_at_start(2, days_ago=TWO_DEPARTMENTS_FROM_DAYS_AGO)
        for story in PILOTS:
            self.pilots[story.key] = _Telling(self, story).tell()

        # Health as of today, not as of each pilot's last event.
        settle(self.session)
        health.refresh(self.session, list(self.pilots.values()), now=self.now)

    def engaged_at_start(self, count: int, *, days_ago: int) -> None:
        """Set ``min_engaged_departments`` as the admin would in the settings page."""
        row = self.session.get(WorkspaceSettings, self.workspace_id)
        update_settings(
            self.session,
            workspace_id=self.workspace_id,
            row=row,
            actor=self.actor(ADMIN_EMAIL),
            changes=SettingsUpdate(thresholds=ThresholdsUpdate(min_engaged_departments=count)),
            now=self.at(days_ago),
        )


class _Telling:
    """One pilot's story, written through the services on its own advancing clock."""

    def __init__(self, builder: _Builder, story: PilotStory) -> None:
        self.b = builder
        self.story = story
        self.clock = FrozenClock(current=builder.at(story.created_days_ago))
        self.owner = story.owner
        self._pilot: Pilot | None = None
        self.involvements: dict[str, tuple[Involvement, str]] = {}
        self.metrics: dict[str, Metric] = {}
        self.feedback_links: dict[str, uuid.UUID] = {}

    @property
    def pilot(self) -> Pilot:
        assert self._pilot is not None
        return self._pilot

    @property
    def session(self) -> Session:
        return self.b.session

    def on(self, days_ago: int) -> datetime:
        """Move the clock forward to ``days_ago`` (a few minutes later on the same day)."""
        target = self.b.at(days_ago)
        if target > self.clock.now():
            self.clock.advance(seconds=(target - self.clock.now()).total_seconds())
        else:
            self.clock.advance(minutes=3)
        return self.clock.now()

    def day(self, days_ago: int) -> date:
        return self.b.today - timedelta(days=days_ago)

    def tell(self) -> Pilot:
        self.create()
        for step in self.story.steps:
            self.take(step)
        return self.pilot

    def take(self, step: Step) -> None:
        match step:
            case Move():
                self.move(step)
            case AddCandidate():
                self.candidate(step)
            case Choose():
                self.choose(step)
            case Invite():
                self.invite(step)
            case Engage():
                self.engage(step)
            case AddMetric():
                self.metric(step)
            case Reclassify():
                self.reclassify(step)
            case Iterate():
                self.iterate(step)
            case Decide():
                self.decide(step)
            case Discuss():
                self.discuss(step)
            case AskFeedback():
                self.ask_feedback(step)
            case Respond():
                self.respond(step)
            case CheckIn():
                self.check_in(step)
            case Plan():
                self.plan(step)
            case _:
                assert_never(step)

    # --- one method per step, each calling the pilots' services ----------------------------

    def create(self) -> None:
        story = self.story
        owner = self.b.user(self.owner)
        self._pilot = service.create_pilot(
            self.session,
            workspace_id=self.b.workspace_id,
            actor=self.b.actor(self.owner),
            user_id=owner.id,
            data={
                "title": story.title,
                "sponsor_id": self.b.user(story.sponsor).id,
                "hypothesis": story.hypothesis,
                "target_outcome": story.target_outcome,
                "budget": story.budget,
                "revenue_at_stake": story.revenue_at_stake,
            },
            now=self.clock.now(),
        )

    def move(self, step: Move) -> None:
        lifecycle.transition(
            self.session,
            pilot=self.pilot,
            actor=self.b.actor(self.owner),
            to_stage=step.stage.value,
            reason=step.reason,
            lessons_learned=step.lessons,
            now=self.on(step.days_ago),
        )

    def candidate(self, step: AddCandidate) -> None:
        candidates.add_candidate(
            self.session,
            pilot=self.pilot,
            actor=self.b.actor(self.owner),
            data={
                "customer_id": self.b.customers[step.customer],
                "scores": step.scores._asdict(),
                "notes": step.notes,
            },
            now=self.on(step.days_ago),
        )

    def choose(self, step: Choose) -> None:
        service.update_pilot(
            self.session,
            pilot=self.pilot,
            actor=self.b.actor(self.owner),
            changes={"customer_id": self.b.customers[step.customer]},
            now=self.on(step.days_ago),
        )

    def invite(self, step: Invite) -> None:
        self.involvements[step.department] = involvements.add_involvement(
            self.session,
            pilot=self.pilot,
            actor=self.b.actor(self.owner),
            data={
                "department_id": self.b.departments[step.department],
                "contact_name": step.contact,
                "contact_email": step.email or None,
                "stake": step.stake,
            },
            now=self.on(step.days_ago),
        )

    def engage(self, step: Engage) -> None:
        involvement, name = self.involvements[step.department]
        involvements.update_involvement(
            self.session,
            pilot=self.pilot,
            involvement=involvement,
            name=name,
            actor=self.b.actor(self.owner),
            changes={"status": step.status},
            now=self.on(step.days_ago),
        )

    def metric(self, step: AddMetric) -> None:
        self.metrics[step.key] = metrics.add_metric(
            self.session,
            pilot=self.pilot,
            actor=self.b.actor(self.owner),
            data={
                "name": step.name,
                "unit": step.unit,
                "direction": step.direction,
                "kind": step.kind,
                "is_revenue": step.is_revenue,
                "baseline": step.baseline,
                "target": step.target,
            },
            now=self.on(step.days_ago),
        )

    def reclassify(self, step: Reclassify) -> None:
        metrics.update_metric(
            self.session,
            pilot=self.pilot,
            metric=self.metrics[step.key],
            actor=self.b.actor(self.owner),
            changes={"kind": step.kind},
            now=self.on(step.days_ago),
            reason=step.reason,
        )

    def iterate(self, step: Iterate) -> None:
        """Log an iteration when it starts, close it when it ends, measure at its end."""
        actor = self.b.actor(self.owner)
        iteration = iterations.add_iteration(
            self.session,
            pilot=self.pilot,
            actor=actor,
            data={
                "started_on": self.day(step.started_days_ago),
                "changes": step.changes,
                "change_order": step.change_order,
                "customer_summary": step.summary,
            },
            now=self.on(step.started_days_ago),
        )
        ended = step.ended_days_ago
        measured = step.measured_days_ago if step.measured_days_ago is not None else ended
        assert measured is not None
        for key, value in step.values.items():
            metrics.add_measurement(
                self.session,
                pilot=self.pilot,
                metric=self.metrics[key],
                actor=actor,
                data={
                    "value": value,
                    "measured_on": self.day(measured),
                    "iteration_id": iteration.id,
                    "note": f"End of iteration {iteration.number}"
                    if ended is not None
                    else f"During iteration {iteration.number}",
                },
                now=self.on(measured),
            )
        if ended is not None:
            iterations.update_iteration(
                self.session,
                pilot=self.pilot,
                iteration=iteration,
                actor=actor,
                changes={
                    "ended_on": self.day(ended),
                    "customer_feedback": step.feedback,
                    "new_needs": step.new_needs,
                    "learnings": step.learnings,
                },
                now=self.on(ended),
            )
        elif step.feedback or step.new_needs or step.learnings:
            iterations.update_iteration(
                self.session,
                pilot=self.pilot,
                iteration=iteration,
                actor=actor,
                changes={
                    "customer_feedback": step.feedback,
                    "new_needs": step.new_needs,
                    "learnings": step.learnings,
                },
                now=self.on(measured),
            )

    def decide(self, step: Decide) -> None:
        now = self.on(step.days_ago)
        decisions.record_decision(
            self.session,
            pilot=self.pilot,
            actor=self.b.actor(step.actor),
            user_id=self.b.user(step.actor).id,
            data={
                "kind": step.kind,
                "rationale": step.rationale,
                "decided_on": now.date(),
            },
            now=now,
        )

    def discuss(self, step: Discuss) -> None:
        comments.add_comment(
            self.session,
            pilot=self.pilot,
            actor=self.b.actor(step.author),
            author=self.b.user(step.author),
            body=step.body,
            mentions=[self.b.user(email).id for email in step.mentions],
            now=self.on(step.days_ago),
        )

    def ask_feedback(self, step: AskFeedback) -> None:
        created = feedback.create_link(
            self.session,
            pilot=self.pilot,
            actor=self.b.actor(self.owner),
            creator=self.b.user(self.owner),
            contact_name=step.contact,
            contact_email=step.email or None,
            expires_on=None,
            now=self.on(step.days_ago),
        )
        self.feedback_links[step.contact] = created.id

    def respond(self, step: Respond) -> None:
        """An answer through the contact's link, as the public page records it."""
        link = self.session.get(FeedbackLink, self.feedback_links[step.contact])
        assert link is not None
        feedback.submit(
            self.session,
            link=link,
            body=FeedbackSubmit(
                respondent_name=step.contact,
                difference=step.difference,
                effort=step.effort,
                comment=step.comment,
                new_needs=step.new_needs,
            ),
            actor=Actor(user_id=None),
            now=self.on(step.days_ago),
        )

    def check_in(self, step: CheckIn) -> None:
        """Through the link of the department's latest request, or recorded by the owner."""
        involvement, name = self.involvements[step.department]
        request = None
        if not step.in_app:
            request = self.session.exec(
                select(CheckInRequest)
                .where(CheckInRequest.involvement_id == involvement.id)
                .order_by(col(CheckInRequest.asked_at).desc())
                .limit(1)
            ).first()
            assert request is not None, f"{step.department} was never asked to check in"
        check_ins.record_check_in(
            self.session,
            pilot=self.pilot,
            involvement=involvement,
            department_name=name,
            request=request,
            recorder=self.b.user(self.owner) if step.in_app else None,
            body=CheckInSubmit(
                benefit=step.benefit,
                still_committed=step.still_committed,
                blocker=step.blocker,
                note=step.note,
            ),
            actor=self.b.actor(self.owner) if step.in_app else Actor(user_id=None),
            now=self.on(step.days_ago),
        )

    def plan(self, step: Plan) -> None:
        """Save the scale plan: one item per involved department (``statuses`` default
        ``planned``), naming its planning, resource and compensation changes."""
        items: list[dict[str, Any]] = []
        for department, (involvement, _) in self.involvements.items():
            if involvement.status == "declined":
                continue
            planning, resources, compensation, owner = PLAN_CHANGES[department]
            items.append(
                {
                    "department_id": involvement.department_id,
                    "planning_change": planning,
                    "resource_change": resources,
                    "compensation_change": compensation,
                    "owner_name": owner,
                    "due_on": self.day(step.days_ago - 120),
                    "status": step.statuses.get(department, "planned"),
                }
            )
        scale_plan.put_scale_plan(
            self.session,
            pilot=self.pilot,
            actor=self.b.actor(self.owner),
            scope=step.scope,
            items=items,
            now=self.on(step.days_ago),
        )
