"""The demo workspace: a portfolio that tells the method's story, built through the services.

``build_demo`` creates four people, a workspace "Demo", seven departments, twenty customers and
seventeen pilots, every one of them moved through its stages by ``pilots.service.transition`` on a
``FrozenClock`` that walks forward from about ten months ago, so gates are genuinely met and the
activity log, the health facts and the time in stage are what a real team would have produced.

The portfolio it makes tells the method's story to an executive: pilots in every stage; some
stalled or at risk for reasons the health rules name (a scale decision left waiting, a pilot
drifting without iterations, a quick win never proposed for scaling, a department that walked
out, a premier account); one scale review long overdue and one just opened; adopted and stopped
pilots with revenue figures, so the win rate, the revenue gain and the medians mean something;
and Marketing, invited everywhere and engaged nowhere, flagged as indifferent.
It only flushes: the caller owns the transaction (the ``pilotboard demo`` command commits once).
Running it again on a database that has the demo changes nothing.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlmodel import Session, col, select

from pilotboard.accounts.models import User
from pilotboard.accounts.service import create_user, find_user_by_email
from pilotboard.activity.service import Actor
from pilotboard.core.clock import Clock, FrozenClock
from pilotboard.customers.service import create_customer
from pilotboard.departments.service import create_department
from pilotboard.pilots import records, service
from pilotboard.pilots.models import Involvement, Metric, Pilot, Stage
from pilotboard.workspaces.models import Membership, Role, Workspace
from pilotboard.workspaces.service import add_member, create_workspace

DEMO_WORKSPACE = "Demo"
DEMO_CURRENCY = "EUR"
DEMO_PASSWORD = "pilotboard-demo"  # noqa: S105 (published on purpose: local evaluation only)
ADMIN_EMAIL = "admin@demo.local"
EDITOR_EMAIL = "editor@demo.local"
EXEC_EMAIL = "exec@demo.local"
VIEWER_EMAIL = "viewer@demo.local"
LOGINS = (
    "Demo workspace ready. Sign in at {url} with: admin@demo.local / "
    "editor@demo.local / exec@demo.local / viewer@demo.local — password pilotboard-demo "
    "(local evaluation only)"
)

# (email, name, role in the workspace, instance admin)
PEOPLE: tuple[tuple[str, str, Role, bool], ...] = (
    (ADMIN_EMAIL, "Alex Admin", Role.admin, True),
    (EDITOR_EMAIL, "Erin Editor", Role.editor, False),
    (EXEC_EMAIL, "Evelyn Executive", Role.executive, False),
    (VIEWER_EMAIL, "Victor Viewer", Role.viewer, False),
)

# (name, lead, KPI the department is held to)
DEPARTMENTS: tuple[tuple[str, str, str], ...] = (
    ("Supply chain", "Sven Lindholm", "Picking cost per order line (EUR)"),
    ("Sales", "Tom Becker", "Order volume (EUR per quarter)"),
    ("Customer service", "Carla Mendes", "First-contact resolution rate (%)"),
    ("Finance", "Priya Nair", "Days sales outstanding"),
    ("IT", "Jonas Weber", "Uptime of customer-facing systems (%)"),
    ("Operations", "Marta Kowalski", "On-time delivery rate (%)"),
    ("Marketing", "Lena Fischer", "Marketing-qualified leads per month"),
)

# (name, segment, annual revenue with us in EUR, premier account, notes)
CUSTOMERS: tuple[tuple[str, str, float, bool, str], ...] = (
    (
        "St. Agnes Hospital",
        "Healthcare",
        400_000,
        False,
        "New 180-bed hospital, opened this year; a head of nursing eager to fix ward supplies.",
    ),
    ("Riverside Medical Center", "Healthcare", 1_150_000, False, "Regional hospital, 420 beds."),
    (
        "Meridian Health Group",
        "Healthcare",
        6_800_000,
        True,
        "Our largest hospital group: 14 sites under one purchasing contract.",
    ),
    ("Northgate Clinic", "Healthcare", 220_000, False, "Outpatient clinic, day surgery."),
    ("Vista Care Homes", "Healthcare", 540_000, False, "Chain of 22 care homes."),
    ("Lindqvist Dental Labs", "Healthcare", 160_000, False, "Dental laboratory network."),
    ("Baltic Fresh Markets", "Retail", 1_800_000, False, "Grocery chain, 60 stores."),
    ("Alpine Outdoor Retail", "Retail", 950_000, False, "Outdoor equipment, 35 stores."),
    ("Nordlicht Fashion", "Retail", 700_000, False, "Fashion retailer, strong e-commerce."),
    ("Harbor Foods", "Retail", 1_250_000, False, "Supermarkets in six port cities."),
    ("Greenleaf Pharmacies", "Retail", 480_000, False, "Pharmacy chain, 40 outlets."),
    (
        "Hartmann Industrie AG",
        "Manufacturing",
        9_200_000,
        True,
        "Strategic account: machine tools, three plants; board-level relationship.",
    ),
    ("Kessler Precision Parts", "Manufacturing", 620_000, False, "Turned and milled parts."),
    ("Aurora Medical Devices", "Manufacturing", 250_000, False, "Infusion pumps, one plant."),
    ("Brightline Packaging", "Manufacturing", 410_000, False, "Folding cartons."),
    ("Vector Robotics", "Manufacturing", 330_000, False, "Warehouse robots; fast growing."),
    (
        "Lakeside Municipal Utilities",
        "Public sector",
        880_000,
        False,
        "Water and power for 300,000 residents.",
    ),
    ("City of Brookfield", "Public sector", 520_000, False, "Facilities and schools."),
    (
        "Regional Transport Authority",
        "Public sector",
        5_400_000,
        True,
        "Buses and trams; a ten-year framework contract.",
    ),
    ("Greenfield School District", "Public sector", 190_000, False, "28 schools."),
)

# The pilots, by a short key the tests use: key → title.
VMI = "Vendor-managed inventory at St. Agnes Hospital"
TITLES: dict[str, str] = {
    "vmi": VMI,
    "shelf_ready": "Shelf-ready deliveries for Baltic Fresh Markets",
    "spare_parts": "Same-day spare parts for Hartmann Industrie",
    "dunning": "E-invoicing and automated dunning for Lakeside Municipal Utilities",
    "kitting": "Line-side kitting for Aurora Medical Devices",
    "energy": "Energy-use reporting for Greenfield School District",
    "demand_planning": "Joint demand planning with Alpine Outdoor Retail",
    "night_delivery": "Night-time store deliveries for Harbor Foods",
    "monitoring": "Remote equipment monitoring for Vista Care Homes",
    "point_of_use": "Point-of-use replenishment at Northgate Clinic",
    "consignment": "Consignment stock for Lindqvist Dental Labs",
    "returnable_crates": "Returnable crates for Brightline Packaging",
    "parts_portal": "Self-service parts portal for Kessler Precision Parts",
    "proof_of_delivery": "Digital proof of delivery for the City of Brookfield",
    "steriliser_monitoring": "Predictive steriliser maintenance at Riverside Medical Center",
    "delivery_windows": "Chosen delivery windows for Greenleaf Pharmacies",
    "loyalty_offers": "Co-branded loyalty offers with Nordlicht Fashion",
}

START_DAYS_AGO = 320


def _scores(low_stakes: int, ideal: int, champion: int, learning: int, data: int) -> dict[str, int]:
    return {
        "low_stakes": low_stakes,
        "ideal_conditions": ideal,
        "eager_champion": champion,
        "learning_value": learning,
        "data_access": data,
    }


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


def build_demo(session: Session, clock: Clock) -> DemoResult:
    """Create the demo workspace as of ``clock.now()`` unless it exists (then change nothing)."""
    existing = find_demo_workspace(session)
    if existing is not None:
        return DemoResult(
            created=False,
            workspace_id=existing.id,
            today=clock.today(),
            pilots=_pilot_ids(session, existing.id),
        )
    builder = _Builder(session, clock.now())
    builder.build()
    return DemoResult(
        created=True,
        workspace_id=builder.workspace_id,
        today=builder.today,
        pilots={key: story.pilot.id for key, story in builder.stories.items()},
    )


class _Builder:
    def __init__(self, session: Session, now: datetime) -> None:
        self.session = session
        self.now = now
        self.today = now.astimezone(UTC).date()
        self.users: dict[str, User] = {}
        self.departments: dict[str, uuid.UUID] = {}
        self.customers: dict[str, uuid.UUID] = {}
        self.workspace_id = uuid.UUID(int=0)
        self.stories: dict[str, _Story] = {}

    # --- people, departments, customers --------------------------------------------------

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

        for key in TITLES:
            getattr(self, f"_{key}")()

        # Health as of today, not as of each pilot's last event.
        pilots = [story.pilot for story in self.stories.values()]
        service.refresh(self.session, pilots, now=self.now)

    def story(self, key: str, days_ago: int, *, owner: str = EDITOR_EMAIL) -> _Story:
        story = _Story(self, key, days_ago, owner)
        self.stories[key] = story
        return story

    # --- the pilots ------------------------------------------------------------------------

    def _vmi(self) -> None:
        s = self.story("vmi", 300)
        s.create(
            hypothesis="If we run the supply rooms of a newly built hospital ourselves "
            "(vendor-managed inventory, ward-ready totes picked by our automated picking system, "
            "replenishment to the point of use), nurses spend far less time on supplies and the "
            "hospital consolidates its purchasing with us.",
            target_outcome="business_process",
            budget=120_000,
            revenue_at_stake=500_000,
        )
        s.move(Stage.selecting, 292)
        s.candidate(
            "St. Agnes Hospital",
            _scores(5, 5, 5, 4, 4),
            "Brand-new building and processes, a head of nursing who asked for help, small "
            "enough that a setback hurts nobody.",
            290,
        )
        s.candidate(
            "Riverside Medical Center",
            _scores(3, 2, 3, 4, 3),
            "Interesting volume, but processes are 30 years old and nobody owns ward supplies.",
            290,
        )
        s.candidate(
            "Meridian Health Group",
            _scores(2, 3, 4, 5, 4),
            "Premier account: a first pilot there would raise a red flag. Later, not now.",
            289,
        )
        s.invite(
            "Supply chain",
            "Sven Lindholm",
            "Tries its automated picking system inside the pilot: picking cost per line "
            "measured on real ward orders.",
            288,
        )
        s.invite(
            "Customer service",
            "Carla Mendes",
            "One named desk for the ward managers; first-contact resolution on supply questions.",
            288,
        )
        s.invite(
            "Sales",
            "Tom Becker",
            "The hospital's consumables bought through one contract: order volume consolidated.",
            287,
        )
        s.engage("Supply chain", 284, status="champion")
        s.engage("Customer service", 282)
        s.engage("Sales", 280)
        s.choose("St. Agnes Hospital", 279)
        s.metric(
            "nurse",
            "Nurse minutes on supplies per shift",
            "min",
            "decrease",
            "customer_experienced",
            55,
            35,
            278,
        )
        s.metric(
            "revenue",
            "Annual revenue with St. Agnes Hospital",
            "EUR",
            "increase",
            "internal",
            400_000,
            500_000,
            278,
            is_revenue=True,
        )
        s.metric("picking", "Picking cost per line", "EUR", "decrease", "internal", 4.1, 3.2, 278)
        s.decide(
            "start",
            "Ideal testbed: new site, eager champion, low stakes. Success = nurse time down "
            "to 35 minutes per shift within three iterations.",
            272,
        )
        s.move(Stage.running, 270)
        s.iterate(
            268,
            222,
            "Weekly replenishment of six ward supply rooms from our distribution centre, "
            "two-bin kanban on every shelf.",
            1,
            "Nurses like the full shelves but still walk to the central store for theatre "
            "consumables.",
            "Theatre consumables; delivery to the point of use, not to the supply room.",
            "Restocking alone saves little nurse time: the walking is the cost.",
            {"nurse": 47, "revenue": 430_000, "picking": 3.9},
        )
        s.iterate(
            221,
            170,
            "Ward orders picked by our automated picking system into ward-ready totes and "
            "delivered to the point of use; theatre consumables included.",
            2,
            "The head of nursing reports nurses no longer fetch supplies during a shift.",
            "Expiry dates visible per tote; one contact for urgent requests.",
            "Automated picking brings the cost per line down once totes are standardised.",
            {"nurse": 41, "revenue": 475_000, "picking": 3.4},
        )
        s.iterate(
            169,
            120,
            "The hospital's purchasing moved to one contract; a named service desk; a monthly "
            "review with the head of nursing.",
            3,
            "Purchasing asked to extend the model to the new maternity wing.",
            "Consignment stock for implants.",
            "Third-order change (the purchasing contract) brought the revenue: the customer "
            "buys what it no longer has to manage.",
            {"nurse": 33, "revenue": 540_000, "picking": 3.05},
        )
        s.move(Stage.scale_review, 118)
        s.decide(
            "scale",
            "Nurse time down 40%, revenue up 35%, picking cost per line down 26%. Scale to every "
            "hospital customer with a new or rebuilt site in the next 18 months.",
            105,
        )
        plan_scope = (
            "VMI offered to every hospital customer with a new or rebuilt site; 8 hospitals "
            "in the first 18 months."
        )
        s.plan(plan_scope, 100, {"Supply chain": "in_progress", "Customer service": "planned"})
        s.move(Stage.scaling, 98)
        s.plan(
            plan_scope,
            40,
            {"Supply chain": "done", "Customer service": "in_progress", "Sales": "done"},
        )

    def _shelf_ready(self) -> None:
        s = self.story("shelf_ready", 250, owner=ADMIN_EMAIL)
        s.create(
            hypothesis="If our deliveries arrive shelf-ready (sorted by aisle, in display "
            "trays), store staff fill shelves a third faster and the chain moves more ranges "
            "to us.",
            target_outcome="profitability",
            budget=80_000,
            revenue_at_stake=300_000,
        )
        s.move(Stage.selecting, 246)
        s.candidate(
            "Baltic Fresh Markets", _scores(4, 4, 5, 4, 4), "Store manager volunteers.", 245
        )
        s.candidate("Harbor Foods", _scores(3, 3, 2, 3, 4), "No champion in the stores yet.", 245)
        s.invite("Supply chain", "Sven Lindholm", "Aisle-sequenced picking tried at scale.", 244)
        s.invite("Operations", "Marta Kowalski", "Fixed delivery slots per store.", 244)
        s.invite("Sales", "Tom Becker", "More ranges listed with us.", 244)
        s.engage("Supply chain", 238)
        s.engage("Operations", 236)
        s.engage("Sales", 234, status="champion")
        s.choose("Baltic Fresh Markets", 233)
        s.metric(
            "shelf",
            "Shelf-filling minutes per delivery",
            "min",
            "decrease",
            "customer_experienced",
            95,
            60,
            232,
        )
        s.metric(
            "revenue",
            "Annual revenue with Baltic Fresh Markets",
            "EUR",
            "increase",
            "internal",
            1_800_000,
            2_100_000,
            232,
            is_revenue=True,
        )
        s.decide("start", "A clear store-level measure and an eager store manager.", 226)
        s.move(Stage.running, 225)
        s.iterate(
            224,
            175,
            "Deliveries sorted by aisle for three pilot stores.",
            1,
            "Faster, but trays do not fit the chilled shelves.",
            "Trays sized for chilled shelves.",
            "Sorting by aisle alone saves a fifth of the time.",
            {"shelf": 82, "revenue": 1_860_000},
        )
        s.iterate(
            174,
            120,
            "Display trays in two sizes; delivery slots fixed before opening.",
            2,
            "Staff fill shelves before the morning rush.",
            "The same for frozen food.",
            "Fixed slots matter as much as the packaging.",
            {"shelf": 71, "revenue": 1_950_000},
        )
        s.iterate(
            119,
            45,
            "Extended to frozen food and to all 12 stores of one region.",
            3,
            "Regional manager asks for all regions.",
            "Returnable trays.",
            "Savings hold in bigger stores.",
            {"shelf": 63, "revenue": 2_020_000},
        )
        s.move(Stage.scale_review, 40)
        # No decision since: the scale review waits on the executives.

    def _spare_parts(self) -> None:
        s = self.story("spare_parts", 170)
        s.create(
            hypothesis="If we hold the critical spare parts of a manufacturer's lines and "
            "deliver them the same day, unplanned line downtime halves.",
            target_outcome="profitability",
            budget=150_000,
            revenue_at_stake=400_000,
            sponsor=EXEC_EMAIL,
        )
        s.move(Stage.selecting, 165)
        s.candidate(
            "Hartmann Industrie AG",
            _scores(3, 5, 5, 5, 5),
            "Sales insisted on the flagship account; premier, so a setback would be visible "
            "at board level.",
            163,
        )
        s.candidate(
            "Kessler Precision Parts",
            _scores(4, 3, 3, 3, 3),
            "Smaller and safer, but no champion.",
            163,
        )
        s.invite("Sales", "Tom Becker", "A reason to talk to Hartmann's plant managers.", 162)
        s.invite("Operations", "Marta Kowalski", "Same-day courier network tested.", 162)
        s.engage("Sales", 158, status="champion")
        s.engage("Operations", 156)
        s.choose("Hartmann Industrie AG", 155)
        s.metric(
            "downtime",
            "Line downtime waiting for spare parts",
            "h/month",
            "decrease",
            "customer_experienced",
            14,
            6,
            154,
        )
        s.metric(
            "revenue",
            "Annual spare-parts revenue with Hartmann",
            "EUR",
            "increase",
            "internal",
            900_000,
            1_050_000,
            154,
            is_revenue=True,
        )
        s.decide("start", "Start, but report to me monthly: this is our largest account.", 130)
        s.move(Stage.running, 128)
        s.iterate(
            126,
            75,
            "Critical parts of two lines stocked in our regional hub; courier on call.",
            1,
            "Plant manager pleased; purchasing asks about prices.",
            "Parts for the third plant.",
            "Parts lists from the customer were incomplete: we had to survey the lines.",
            {"downtime": 11, "revenue": 940_000},
        )
        s.iterate(
            30,
            None,
            "Stock levels set from breakdown history; third plant added.",
            2,
            "Fewer emergencies, but the account team worries about the price review.",
            "",
            "",
            {"downtime": 9.5, "revenue": 965_000},
            measured_days_ago=10,
        )

    def _dunning(self) -> None:
        s = self.story("dunning", 200)
        s.create(
            hypothesis="If a utility receives e-invoices it can book automatically and clear "
            "reminders, its invoice queries drop and it pays us three weeks sooner.",
            target_outcome="business_process",
            budget=45_000,
            revenue_at_stake=120_000,
        )
        s.move(Stage.selecting, 196)
        s.candidate(
            "Lakeside Municipal Utilities",
            _scores(4, 5, 4, 3, 4),
            "New accounts-payable system going live; an eager finance lead.",
            195,
        )
        s.candidate("Greenfield School District", _scores(3, 3, 3, 3, 3), "Small volumes.", 195)
        s.invite("Finance", "Priya Nair", "Days sales outstanding down on a slow payer.", 194)
        s.invite("Customer service", "Carla Mendes", "Fewer billing calls.", 194)
        s.engage("Finance", 190, status="champion")
        s.engage("Customer service", 188)
        s.choose("Lakeside Municipal Utilities", 187)
        s.metric(
            "queries",
            "Invoice queries per month",
            "queries",
            "decrease",
            "customer_experienced",
            40,
            15,
            186,
        )
        s.metric("dso", "Days sales outstanding", "days", "decrease", "internal", 62, 45, 186)
        s.decide("start", "Cheap to try, and Finance is asking for it.", 160)
        s.move(Stage.running, 158)
        s.iterate(
            156,
            100,
            "E-invoices in the customer's format; reminders by email instead of letters.",
            1,
            "Their accounts-payable team books our invoices without retyping.",
            "Order numbers on every invoice line.",
            "Most queries came from missing order numbers.",
            {"queries": 34, "dso": 58},
        )
        s.iterate(
            99,
            40,
            "Order numbers on every line; a payment portal link in each reminder.",
            2,
            "Fewer calls to our desk.",
            "",
            "DSO moves slowly: the customer pays in monthly runs.",
            {"queries": 29, "dso": 53},
        )
        # The team decided invoice queries are counted by our desk, not felt by the customer,
        # and reclassified the metric, leaving the pilot with internal metrics only.
        s.reclassify("queries", "internal", 35)
        s.iterate(
            30,
            None,
            "Reminders timed to the customer's payment runs.",
            3,
            "",
            "",
            "",
            {"queries": 26, "dso": 50},
            measured_days_ago=8,
        )

    def _kitting(self) -> None:
        s = self.story("kitting", 240)
        s.create(
            hypothesis="If we deliver parts as line-side kits per work order, the customer's "
            "assembly line stops less often for missing parts.",
            target_outcome="business_process",
            budget=60_000,
            revenue_at_stake=150_000,
        )
        s.move(Stage.selecting, 236)
        s.candidate("Aurora Medical Devices", _scores(4, 4, 4, 4, 3), "One plant, new line.", 235)
        s.candidate("Brightline Packaging", _scores(3, 3, 4, 2, 3), "Less to learn from.", 235)
        s.invite("Supply chain", "Sven Lindholm", "Kitting cell tried on a real customer.", 234)
        s.invite("Operations", "Marta Kowalski", "Timed deliveries to the line.", 234)
        s.engage("Supply chain", 230)
        s.engage("Operations", 228)
        s.choose("Aurora Medical Devices", 227)
        s.metric(
            "stoppages",
            "Line stoppages for missing parts",
            "per month",
            "decrease",
            "customer_experienced",
            9,
            3,
            226,
        )
        s.metric(
            "revenue",
            "Annual revenue with Aurora Medical Devices",
            "EUR",
            "increase",
            "internal",
            250_000,
            330_000,
            226,
            is_revenue=True,
        )
        s.decide("start", "Go: a clear line-side measure.", 200)
        s.move(Stage.running, 198)
        s.iterate(
            196,
            140,
            "Kits per work order for the new infusion-pump line.",
            1,
            "Fewer stoppages; kits sometimes arrive too early.",
            "Delivery in the shift the work order runs.",
            "Timing matters more than completeness.",
            {"stoppages": 7, "revenue": 270_000},
        )
        s.iterate(
            139,
            62,
            "Deliveries timed per shift.",
            2,
            "The line lead is happy; nobody asked for more since.",
            "",
            "",
            {"stoppages": 6, "revenue": 290_000},
        )
        # Nothing logged since: the pilot drifts.

    def _energy(self) -> None:
        s = self.story("energy", 12, owner=ADMIN_EMAIL)
        s.create(
            hypothesis="If schools see their energy use per building every week, caretakers "
            "act on it and the district buys our monitoring service for every school.",
            target_outcome="strategic_positioning",
            budget=25_000,
            revenue_at_stake=90_000,
        )

    def _demand_planning(self) -> None:
        s = self.story("demand_planning", 95)
        s.create(
            hypothesis="If we plan seasonal demand together with a retailer, both of us hold "
            "less stock and the stores run out less often.",
            target_outcome="strategic_positioning",
            budget=70_000,
            revenue_at_stake=250_000,
        )
        s.move(Stage.selecting, 82)
        s.candidate(
            "Alpine Outdoor Retail",
            _scores(4, 3, 4, 4, 2),
            "Keen planner, but their sales data sits in spreadsheets.",
            81,
        )
        s.candidate("Nordlicht Fashion", _scores(3, 4, 2, 3, 3), "Good data, no champion.", 81)
        s.invite("Sales", "Tom Becker", "Earlier view of the season's orders.", 80)
        s.invite("Marketing", "Lena Fischer", "Joint campaigns planned with the retailer.", 80)
        s.invite("Finance", "Priya Nair", "Less working capital in seasonal stock.", 78)
        s.engage("Sales", 76)
        # Marketing and Finance never answered: the choice of customer waits on them.

    def _night_delivery(self) -> None:
        s = self.story("night_delivery", 290)
        s.create(
            hypothesis="If we deliver to stores at night, shelves are full at opening and the "
            "chain's morning availability rises.",
            target_outcome="profitability",
            budget=90_000,
            revenue_at_stake=200_000,
        )
        s.move(Stage.selecting, 286)
        s.candidate("Harbor Foods", _scores(4, 4, 3, 3, 4), "Stores in city centres.", 285)
        s.candidate("Baltic Fresh Markets", _scores(3, 3, 4, 3, 3), "Already busy with us.", 285)
        s.invite("Operations", "Marta Kowalski", "Fewer daytime delivery slots.", 284)
        s.invite("Supply chain", "Sven Lindholm", "A night shift in the DC.", 284)
        s.invite("Marketing", "Lena Fischer", "A story for the trade press.", 284)
        s.engage("Operations", 280, status="champion")
        s.engage("Supply chain", 279)
        s.choose("Harbor Foods", 278)
        s.metric(
            "availability",
            "Shelf availability at opening",
            "%",
            "increase",
            "customer_experienced",
            88,
            97,
            277,
        )
        s.engage("Marketing", 270, status="declined")
        s.decide("start", "Worth a try in six stores.", 255)
        s.move(Stage.running, 253)
        s.iterate(
            251,
            200,
            "Night deliveries to six city-centre stores.",
            1,
            "Four stores cannot receive goods at night because of noise rules.",
            "Quiet unloading equipment.",
            "Local noise restrictions were not checked before starting.",
            {"availability": 89},
        )
        s.iterate(
            199,
            150,
            "Quiet roll cages in the two stores that may receive at night.",
            2,
            "No visible difference at opening.",
            "",
            "Availability is limited by the forecast, not by the delivery time.",
            {"availability": 88.5},
        )
        s.decide(
            "stop",
            "No improvement after two iterations; noise rules block four of six stores.",
            140,
            actor=EXEC_EMAIL,
        )
        s.move(
            Stage.stopped,
            138,
            reason="No improvement after two iterations; noise rules block night deliveries "
            "in four of the six stores.",
            lessons="Check local delivery restrictions during candidate selection; measure "
            "what limits availability (the forecast) before changing the delivery time.",
        )

    def _monitoring(self) -> None:
        s = self.story("monitoring", 180)
        s.create(
            hypothesis="If we monitor the care homes' equipment remotely and fix it before it "
            "fails, residents see fewer outages and the chain renews its service contract early.",
            target_outcome="strategic_positioning",
            budget=110_000,
            revenue_at_stake=260_000,
        )
        s.move(Stage.selecting, 176)
        s.candidate("Vista Care Homes", _scores(4, 4, 4, 3, 3), "IT lead keen.", 175)
        s.candidate("Riverside Medical Center", _scores(3, 2, 3, 4, 3), "Complex IT.", 175)
        s.invite("IT", "Jonas Weber", "Our monitoring platform proven outside our walls.", 174)
        s.invite("Customer service", "Carla Mendes", "Fewer emergency call-outs.", 174)
        s.engage("IT", 170, status="champion")
        s.engage("Customer service", 168)
        s.choose("Vista Care Homes", 167)
        s.metric(
            "outages",
            "Unplanned equipment outages per home",
            "per month",
            "decrease",
            "customer_experienced",
            6,
            2,
            166,
        )
        s.decide("start", "Start in four homes.", 140)
        s.move(Stage.running, 138)
        s.iterate(
            136,
            80,
            "Sensors on lifts and laundry machines in four homes.",
            1,
            "Staff noticed technicians arriving before anyone called.",
            "Kitchen equipment too.",
            "Half the alerts were false: thresholds need tuning per machine.",
            {"outages": 4},
        )
        s.iterate(
            79,
            35,
            "Thresholds tuned per machine; kitchen equipment added.",
            2,
            "Fewer false alarms.",
            "",
            "",
            {"outages": 4},
        )
        s.move(
            Stage.paused,
            20,
            reason="Vista Care Homes is migrating its ERP: every process change is frozen "
            "until the migration is live (expected in two months).",
        )

    def _point_of_use(self) -> None:
        s = self.story("point_of_use", 315)
        s.create(
            hypothesis="If we replenish a clinic's consumables at the point of use, nurses "
            "stop running out of supplies during day surgery.",
            target_outcome="business_process",
            budget=40_000,
            revenue_at_stake=60_000,
        )
        s.move(Stage.selecting, 312)
        s.candidate("Northgate Clinic", _scores(5, 4, 5, 4, 4), "Small, eager, new wing.", 311)
        s.candidate("Lindqvist Dental Labs", _scores(3, 3, 3, 3, 3), "Less representative.", 311)
        s.invite("Supply chain", "Sven Lindholm", "Point-of-use bins tried in practice.", 310)
        s.invite("Customer service", "Carla Mendes", "One contact for the clinic.", 310)
        s.invite("Operations", "Marta Kowalski", "Twice-weekly milk run.", 310)
        s.engage("Supply chain", 306, status="champion")
        s.engage("Customer service", 305)
        s.engage("Operations", 304)
        s.choose("Northgate Clinic", 303)
        s.metric(
            "nurse",
            "Nurse minutes on supplies per shift",
            "min",
            "decrease",
            "customer_experienced",
            50,
            35,
            302,
        )
        s.metric(
            "revenue",
            "Annual revenue with Northgate Clinic",
            "EUR",
            "increase",
            "internal",
            220_000,
            260_000,
            302,
            is_revenue=True,
        )
        s.decide("start", "Small and safe: go.", 296)
        s.move(Stage.running, 294)
        s.iterate(
            292,
            250,
            "Point-of-use bins in the day-surgery unit; twice-weekly milk run.",
            1,
            "Nurses stopped hoarding supplies.",
            "Bins for the recovery room.",
            "Visible stock levels end hoarding.",
            {"nurse": 42, "revenue": 240_000},
        )
        s.iterate(
            249,
            215,
            "Recovery room added; one contact for the clinic.",
            2,
            "The clinic manager wants it in the new wing.",
            "",
            "",
            {"nurse": 36, "revenue": 275_000},
        )
        s.move(Stage.scale_review, 212)
        s.decide("scale", "Proven in a clinic: roll out to every outpatient clinic.", 200)
        scope = "Point-of-use replenishment for all 14 outpatient clinic customers."
        s.plan(scope, 199, {"Supply chain": "in_progress"})
        s.move(Stage.scaling, 198)
        s.plan(
            scope,
            70,
            {"Supply chain": "done", "Customer service": "done", "Operations": "done"},
        )
        s.move(Stage.adopted, 65)

    def _consignment(self) -> None:
        s = self.story("consignment", 120)
        s.create(
            hypothesis="If a dental laboratory network holds our materials on consignment, its "
            "emergency orders disappear and it moves its full range to us.",
            target_outcome="profitability",
            budget=30_000,
            revenue_at_stake=80_000,
        )
        s.move(Stage.selecting, 116)
        s.candidate("Lindqvist Dental Labs", _scores(4, 5, 4, 3, 4), "New lab opening.", 115)
        s.candidate("Greenleaf Pharmacies", _scores(3, 3, 3, 3, 3), "Different business.", 115)
        s.invite("Supply chain", "Sven Lindholm", "Consignment stock managed from the DC.", 114)
        s.invite("Finance", "Priya Nair", "Consignment invoicing tried on a small account.", 114)
        s.engage("Supply chain", 110)
        s.engage("Finance", 108)
        s.choose("Lindqvist Dental Labs", 107)
        s.metric(
            "emergency",
            "Emergency orders per month",
            "orders",
            "decrease",
            "customer_experienced",
            12,
            4,
            106,
        )
        s.decide("start", "Low risk, good learning for Finance.", 95)
        s.move(Stage.running, 92)
        s.iterate(
            90,
            50,
            "Consignment cabinets in two labs; monthly invoicing of what was used.",
            1,
            "Technicians like finding materials on site.",
            "Cabinets for the new lab.",
            "Monthly invoicing works; counting stock takes too long.",
            {"emergency": 8},
        )
        s.iterate(
            20,
            None,
            "Barcode scanning at the cabinet; the new lab added.",
            2,
            "",
            "",
            "",
            {"emergency": 6},
            measured_days_ago=6,
        )

    def _returnable_crates(self) -> None:
        s = self.story("returnable_crates", 285)
        s.create(
            hypothesis="If we deliver in returnable crates that go straight onto the customer's "
            "line, its packaging waste and unpacking time disappear and it buys its whole range "
            "of consumables from us.",
            target_outcome="profitability",
            budget=55_000,
            revenue_at_stake=180_000,
        )
        s.move(Stage.selecting, 281)
        s.candidate(
            "Brightline Packaging",
            _scores(4, 4, 5, 3, 4),
            "Wants to show its own customers a circular model; its operations manager asked us.",
            280,
        )
        s.candidate(
            "Kessler Precision Parts",
            _scores(4, 3, 2, 3, 3),
            "Willing, but unpacking is not where it hurts.",
            280,
        )
        s.invite(
            "Supply chain",
            "Sven Lindholm",
            "Returnable crates tried on a real flow: fewer cartons bought, faster picking.",
            279,
        )
        s.invite("Operations", "Marta Kowalski", "Crates collected on existing rounds.", 279)
        s.invite(
            "Sales", "Tom Becker", "The whole consumables range listed with one customer.", 279
        )
        s.engage("Supply chain", 275, status="champion")
        s.engage("Operations", 273)
        s.engage("Sales", 271)
        s.choose("Brightline Packaging", 270)
        s.metric(
            "unpacking",
            "Unpacking minutes per delivery",
            "min",
            "decrease",
            "customer_experienced",
            40,
            15,
            269,
        )
        s.metric(
            "revenue",
            "Annual revenue with Brightline Packaging",
            "EUR",
            "increase",
            "internal",
            410_000,
            480_000,
            269,
            is_revenue=True,
        )
        s.decide("start", "Small, eager, and a story Sales can tell.", 262)
        s.move(Stage.running, 260)
        s.iterate(
            258,
            205,
            "Returnable crates for the two busiest lines; empties collected on the next delivery.",
            1,
            "Line workers unpack in a third of the time.",
            "Inserts for small parts.",
            "Collecting on the delivery round costs us nothing extra.",
            {"unpacking": 24, "revenue": 430_000},
        )
        s.iterate(
            204,
            150,
            "Crates on every line, small-parts inserts, the consumables range offered.",
            2,
            "Purchasing moved gloves, tape and labels to us.",
            "",
            "The range follows once the crates are trusted.",
            {"unpacking": 14, "revenue": 492_000},
        )
        s.move(Stage.scale_review, 147)
        s.decide(
            "scale",
            "Unpacking time down 65%, revenue up 20%. Offer returnable crates to every "
            "manufacturing customer within a year.",
            140,
        )
        scope = "Returnable crates for every manufacturing customer within 12 months."
        s.plan(scope, 138, {"Supply chain": "in_progress"})
        s.move(Stage.scaling, 136)
        s.plan(scope, 32, {"Supply chain": "done", "Operations": "done", "Sales": "done"})
        s.move(Stage.adopted, 28)

    def _parts_portal(self) -> None:
        s = self.story("parts_portal", 235)
        s.create(
            hypothesis="If the customer's buyers can check prices, stock and delivery dates in "
            "a self-service portal, they order sooner and order more from us.",
            target_outcome="business_process",
            budget=65_000,
            revenue_at_stake=150_000,
        )
        s.move(Stage.selecting, 231)
        s.candidate(
            "Kessler Precision Parts",
            _scores(4, 4, 3, 4, 4),
            "Buyers complain about waiting for quotes.",
            230,
        )
        s.candidate("Vector Robotics", _scores(3, 3, 4, 3, 2), "Buys few spares yet.", 230)
        s.invite("IT", "Jonas Weber", "The new portal platform used by a real customer.", 229)
        s.invite("Sales", "Tom Becker", "Account managers freed from routine quotes.", 229)
        s.invite("Marketing", "Lena Fischer", "A launch story for the portal.", 229)
        s.engage("IT", 225, status="champion")
        s.engage("Sales", 223)
        s.choose("Kessler Precision Parts", 222)
        s.metric(
            "quote",
            "Days to get a quote",
            "days",
            "decrease",
            "customer_experienced",
            5,
            1,
            221,
        )
        s.metric(
            "revenue",
            "Annual revenue with Kessler Precision Parts",
            "EUR",
            "increase",
            "internal",
            620_000,
            700_000,
            221,
            is_revenue=True,
        )
        s.decide("start", "Cheap to try on one account.", 214)
        s.move(Stage.running, 212)
        s.engage("Marketing", 211, status="declined")
        s.iterate(
            210,
            160,
            "Portal opened to Kessler's four buyers with live prices and stock.",
            1,
            "Buyers still phone their account manager: they do not trust the stock figures.",
            "Stock reserved when a quote is saved.",
            "A portal without reserved stock is a catalogue.",
            {"quote": 3, "revenue": 615_000},
        )
        s.iterate(
            159,
            100,
            "Stock reserved on saved quotes; reminders by email.",
            2,
            "Fewer than one order in ten comes through the portal.",
            "",
            "Kessler's delay is its own approval process, not our quotes.",
            {"quote": 2.5, "revenue": 608_000},
        )
        s.decide(
            "stop",
            "Two iterations and no change in how Kessler buys; revenue slightly down.",
            85,
        )
        s.move(
            Stage.stopped,
            83,
            reason="Portal use stayed under 10% of orders after two iterations; revenue did "
            "not move.",
            lessons="Find out what slows the customer's buying before building for it: "
            "Kessler's delay was internal approval. Marketing saw no stake and declined; a "
            "department without a stake stays away.",
        )

    def _proof_of_delivery(self) -> None:
        s = self.story("proof_of_delivery", 210)
        s.create(
            hypothesis="If drivers capture a signed, photographed proof of delivery that the "
            "customer sees at once, delivery disputes vanish and the city pays us on time.",
            target_outcome="business_process",
            budget=35_000,
            revenue_at_stake=110_000,
        )
        s.move(Stage.selecting, 206)
        s.candidate(
            "City of Brookfield",
            _scores(5, 4, 4, 4, 5),
            "Facilities team drowning in delivery disputes; its new ERP just went live.",
            205,
        )
        s.candidate("Greenfield School District", _scores(4, 3, 3, 3, 3), "Few disputes.", 205)
        s.invite("Operations", "Marta Kowalski", "Drivers' paperwork replaced by the app.", 204)
        s.invite("Customer service", "Carla Mendes", "No more dispute calls.", 204)
        s.invite("Finance", "Priya Nair", "Invoices paid without a dispute hold.", 204)
        s.engage("Operations", 200, status="champion")
        s.engage("Customer service", 199)
        s.engage("Finance", 197)
        s.choose("City of Brookfield", 196)
        s.metric(
            "disputes",
            "Disputed deliveries per month",
            "disputes",
            "decrease",
            "customer_experienced",
            22,
            5,
            195,
        )
        s.metric(
            "revenue",
            "Annual revenue with the City of Brookfield",
            "EUR",
            "increase",
            "internal",
            520_000,
            560_000,
            195,
            is_revenue=True,
        )
        s.decide("start", "Clear pain, an eager team, low stakes.", 188)
        s.move(Stage.running, 186)
        s.iterate(
            184,
            130,
            "Photo and signature proof of delivery in the drivers' app; a link on every invoice.",
            1,
            "The facilities team checks deliveries from its desk.",
            "Proofs inside their own ERP.",
            "",
            {"disputes": 9, "revenue": 540_000},
        )
        s.iterate(
            129,
            75,
            "Proofs of delivery pushed into the city's ERP.",
            2,
            "Disputes almost gone; the city pays within terms.",
            "The schools want the same.",
            "The second-order change (their ERP) did what the app alone could not.",
            {"disputes": 4, "revenue": 575_000},
        )
        # Every target met 75 days ago, and still nobody has proposed the scale review: the
        # quick win that quietly stays a pilot.
        s.iterate(
            25,
            None,
            "Extended to the city's school kitchens.",
            3,
            "",
            "",
            "",
            {},
            measured_days_ago=25,
        )

    def _steriliser_monitoring(self) -> None:
        s = self.story("steriliser_monitoring", 160)
        s.create(
            hypothesis="If sensors tell us when a hospital's steriliser is about to fail, we "
            "repair it before operations are cancelled and the hospital renews our service "
            "contract early.",
            target_outcome="strategic_positioning",
            budget=95_000,
            revenue_at_stake=220_000,
        )
        s.move(Stage.selecting, 156)
        s.candidate(
            "Riverside Medical Center",
            _scores(4, 3, 4, 5, 3),
            "A biomedical engineer keen on data; sterilisers are its bottleneck.",
            155,
        )
        s.candidate(
            "Meridian Health Group",
            _scores(2, 3, 3, 5, 4),
            "Premier account: not for a first try.",
            155,
        )
        s.invite("IT", "Jonas Weber", "The monitoring platform on medical equipment.", 154)
        s.invite("Operations", "Marta Kowalski", "Repair visits planned, not rushed.", 154)
        s.engage("IT", 150, status="champion")
        s.engage("Operations", 148)
        s.choose("Riverside Medical Center", 146)
        s.metric(
            "outages",
            "Unplanned steriliser outages per quarter",
            "outages",
            "decrease",
            "customer_experienced",
            9,
            3,
            145,
        )
        s.decide("start", "Good learning for IT; keep Operations on board.", 138)
        s.move(Stage.running, 136)
        s.iterate(
            134,
            80,
            "Sensors on six sterilisers; alerts to our service desk.",
            1,
            "Two failures caught before an operation was cancelled.",
            "Alerts in the hospital's own control room.",
            "Operations could not free technicians for planned visits.",
            {"outages": 7},
        )
        # Operations pulled out (no technicians budgeted for planned visits): one department left.
        s.engage("Operations", 70, status="declined")
        s.iterate(
            30,
            None,
            "Alerts in the hospital's control room; IT's own engineers do the visits.",
            2,
            "",
            "",
            "",
            {"outages": 6},
            measured_days_ago=10,
        )

    def _delivery_windows(self) -> None:
        s = self.story("delivery_windows", 200)
        s.create(
            hypothesis="If each pharmacy chooses a delivery window that suits its opening "
            "hours, staff stop receiving goods at the counter and the chain moves its "
            "over-the-counter range to us.",
            target_outcome="profitability",
            budget=40_000,
            revenue_at_stake=160_000,
        )
        s.move(Stage.selecting, 196)
        s.candidate(
            "Greenleaf Pharmacies",
            _scores(4, 4, 4, 3, 4),
            "Store managers asked for it at the last review.",
            195,
        )
        s.candidate("Harbor Foods", _scores(3, 3, 2, 3, 4), "Busy with night deliveries.", 195)
        s.invite("Operations", "Marta Kowalski", "Routes planned around the windows.", 194)
        s.invite("Supply chain", "Sven Lindholm", "Picking sequenced by window.", 194)
        s.invite("Customer service", "Carla Mendes", "One desk for window changes.", 194)
        s.engage("Operations", 190, status="champion")
        s.engage("Supply chain", 189)
        s.engage("Customer service", 188)
        s.choose("Greenleaf Pharmacies", 187)
        s.metric(
            "counter",
            "Minutes at the counter receiving goods per delivery",
            "min",
            "decrease",
            "customer_experienced",
            25,
            8,
            186,
        )
        s.metric(
            "revenue",
            "Annual revenue with Greenleaf Pharmacies",
            "EUR",
            "increase",
            "internal",
            480_000,
            540_000,
            186,
            is_revenue=True,
        )
        s.decide("start", "Low cost: only the routes change.", 180)
        s.move(Stage.running, 178)
        s.iterate(
            176,
            120,
            "Ten pharmacies choose a two-hour window; routes rebuilt weekly.",
            1,
            "Deliveries arrive before opening.",
            "Saturday windows.",
            "Fixed windows cost the routes 4% more kilometres.",
            {"counter": 12, "revenue": 505_000},
        )
        s.iterate(
            119,
            60,
            "All 40 pharmacies on windows; Saturday windows added.",
            2,
            "The chain listed our over-the-counter range.",
            "",
            "The range came with the trust.",
            {"counter": 9, "revenue": 531_000},
        )
        s.iterate(
            59,
            12,
            "Windows kept through the winter peak.",
            3,
            "Holding up under peak volumes.",
            "",
            "",
            {"counter": 8, "revenue": 536_000},
        )
        s.move(Stage.scale_review, 9)

    def _loyalty_offers(self) -> None:
        s = self.story("loyalty_offers", 18, owner=ADMIN_EMAIL)
        s.create(
            hypothesis="If our products appear in the retailer's loyalty offers, its members "
            "buy more of them and it lists more of our range.",
            target_outcome="strategic_positioning",
            budget=20_000,
            revenue_at_stake=120_000,
        )
        s.move(Stage.selecting, 15)
        s.candidate(
            "Nordlicht Fashion",
            _scores(4, 4, 3, 4, 5),
            "Strong e-commerce data; its loyalty team is keen.",
            14,
        )
        s.candidate(
            "Alpine Outdoor Retail", _scores(3, 3, 4, 3, 2), "Already planning with us.", 14
        )
        s.invite("Sales", "Tom Becker", "More of the range listed.", 13)
        s.invite("Marketing", "Lena Fischer", "Campaigns with a retailer's loyalty data.", 13)
        s.engage("Sales", 10)


class _Story:
    """One pilot's history, written through the services on its own advancing clock."""

    def __init__(
        self, builder: _Builder, key: str, days_ago: int, owner: str = EDITOR_EMAIL
    ) -> None:
        self.b = builder
        self.key = key
        self.clock = FrozenClock(current=builder.at(days_ago))
        self.owner = owner
        self._pilot: Pilot | None = None
        self.involvements: dict[str, tuple[Involvement, str]] = {}
        self.metrics: dict[str, Metric] = {}

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

    def create(self, *, sponsor: str = EXEC_EMAIL, **data: Any) -> None:
        owner = self.b.user(self.owner)
        self._pilot = service.create_pilot(
            self.session,
            workspace_id=self.b.workspace_id,
            actor=self.b.actor(self.owner),
            user_id=owner.id,
            data={
                "title": TITLES[self.key],
                "sponsor_id": self.b.user(sponsor).id,
                **data,
            },
            now=self.clock.now(),
        )

    def move(self, to_stage: Stage, days_ago: int, *, reason: str = "", lessons: str = "") -> None:
        service.transition(
            self.session,
            pilot=self.pilot,
            actor=self.b.actor(self.owner),
            to_stage=to_stage.value,
            reason=reason,
            lessons_learned=lessons,
            now=self.on(days_ago),
        )

    def candidate(
        self, customer: str, scores: Mapping[str, int], notes: str, days_ago: int
    ) -> None:
        records.add_candidate(
            self.session,
            pilot=self.pilot,
            actor=self.b.actor(self.owner),
            data={
                "customer_id": self.b.customers[customer],
                "scores": dict(scores),
                "notes": notes,
            },
            now=self.on(days_ago),
        )

    def choose(self, customer: str, days_ago: int) -> None:
        service.update_pilot(
            self.session,
            pilot=self.pilot,
            actor=self.b.actor(self.owner),
            changes={"customer_id": self.b.customers[customer]},
            now=self.on(days_ago),
        )

    def invite(self, department: str, contact: str, stake: str, days_ago: int) -> None:
        self.involvements[department] = records.add_involvement(
            self.session,
            pilot=self.pilot,
            actor=self.b.actor(self.owner),
            data={
                "department_id": self.b.departments[department],
                "contact_name": contact,
                "stake": stake,
            },
            now=self.on(days_ago),
        )

    def engage(self, department: str, days_ago: int, *, status: str = "engaged") -> None:
        involvement, name = self.involvements[department]
        records.update_involvement(
            self.session,
            pilot=self.pilot,
            involvement=involvement,
            name=name,
            actor=self.b.actor(self.owner),
            changes={"status": status},
            now=self.on(days_ago),
        )

    def metric(
        self,
        key: str,
        name: str,
        unit: str,
        direction: str,
        kind: str,
        baseline: float,
        target: float,
        days_ago: int,
        *,
        is_revenue: bool = False,
    ) -> None:
        self.metrics[key] = records.add_metric(
            self.session,
            pilot=self.pilot,
            actor=self.b.actor(self.owner),
            data={
                "name": name,
                "unit": unit,
                "direction": direction,
                "kind": kind,
                "is_revenue": is_revenue,
                "baseline": baseline,
                "target": target,
            },
            now=self.on(days_ago),
        )

    def reclassify(self, key: str, kind: str, days_ago: int) -> None:
        records.update_metric(
            self.session,
            pilot=self.pilot,
            metric=self.metrics[key],
            actor=self.b.actor(self.owner),
            changes={"kind": kind},
            now=self.on(days_ago),
        )

    def iterate(
        self,
        started_days_ago: int,
        ended_days_ago: int | None,
        changes: str,
        change_order: int,
        feedback: str,
        new_needs: str,
        learnings: str,
        values: Mapping[str, float],
        *,
        measured_days_ago: int | None = None,
    ) -> None:
        """Log an iteration when it starts, close it when it ends, measure at its end."""
        actor = self.b.actor(self.owner)
        iteration = records.add_iteration(
            self.session,
            pilot=self.pilot,
            actor=actor,
            data={
                "started_on": self.day(started_days_ago),
                "changes": changes,
                "change_order": change_order,
            },
            now=self.on(started_days_ago),
        )
        measured = measured_days_ago if measured_days_ago is not None else ended_days_ago
        assert measured is not None
        for key, value in values.items():
            records.add_measurement(
                self.session,
                pilot=self.pilot,
                metric=self.metrics[key],
                actor=actor,
                data={
                    "value": value,
                    "measured_on": self.day(measured),
                    "iteration_id": iteration.id,
                    "note": f"End of iteration {iteration.number}"
                    if ended_days_ago is not None
                    else f"During iteration {iteration.number}",
                },
                now=self.on(measured),
            )
        if ended_days_ago is not None:
            records.update_iteration(
                self.session,
                pilot=self.pilot,
                iteration=iteration,
                actor=actor,
                changes={
                    "ended_on": self.day(ended_days_ago),
                    "customer_feedback": feedback,
                    "new_needs": new_needs,
                    "learnings": learnings,
                },
                now=self.on(ended_days_ago),
            )
        elif feedback or new_needs or learnings:
            records.update_iteration(
                self.session,
                pilot=self.pilot,
                iteration=iteration,
                actor=actor,
                changes={
                    "customer_feedback": feedback,
                    "new_needs": new_needs,
                    "learnings": learnings,
                },
                now=self.on(measured),
            )

    def decide(self, kind: str, rationale: str, days_ago: int, *, actor: str = EXEC_EMAIL) -> None:
        now = self.on(days_ago)
        records.record_decision(
            self.session,
            pilot=self.pilot,
            actor=self.b.actor(actor),
            user_id=self.b.user(actor).id,
            data={"kind": kind, "rationale": rationale, "decided_on": now.date()},
            now=now,
        )

    def plan(self, scope: str, days_ago: int, statuses: Mapping[str, str]) -> None:
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
                    "due_on": self.day(days_ago - 120),
                    "status": statuses.get(department, "planned"),
                }
            )
        records.put_scale_plan(
            self.session,
            pilot=self.pilot,
            actor=self.b.actor(self.owner),
            scope=scope,
            items=items,
            now=self.on(days_ago),
        )


# department → (planning change, resource change, compensation change, owner)
PLAN_CHANGES: dict[str, tuple[str, str, str, str]] = {
    "Supply chain": (
        "Roll-out volumes in the distribution centre's quarterly capacity plan; automated "
        "picking slots reserved for ward-ready totes.",
        "Two replenishment planners; the picking-system extension funded from next year's "
        "capital budget.",
        "Picking-cost target measured per ward-ready line, not per pallet line.",
        "Sven Lindholm",
    ),
    "Customer service": (
        "A named desk for roll-out customers in the yearly service plan.",
        "Three agents dedicated to roll-out accounts.",
        "First-contact-resolution bonus includes calls from the customers' staff on site.",
        "Carla Mendes",
    ),
    "Sales": (
        "The offer in every matching tender from next quarter.",
        "Two account managers trained on the service.",
        "Commission on multi-year service contracts paid on contract value, not on order "
        "volume alone.",
        "Tom Becker",
    ),
    "Operations": (
        "Milk-run routes planned per roll-out region.",
        "One route planner per region.",
        "On-time delivery measured at the point of use.",
        "Marta Kowalski",
    ),
}


def demo_summary(session: Session, workspace_id: uuid.UUID) -> dict[str, int]:
    """Counts of what the demo workspace holds (for the command's output and the tests)."""
    from sqlalchemy import func

    from pilotboard.customers.models import Customer
    from pilotboard.departments.models import Department

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
