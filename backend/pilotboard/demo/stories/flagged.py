"""Pilots the health rules flag, each for the reason its story sets up.

A scale decision left waiting, a premier account, no customer-experienced metric left, a pilot
drifting without iterations, departments that never answered, a quick win never proposed for
scaling, a department that walked out.
"""

from __future__ import annotations

from pilotboard.demo.cast import ADMIN_EMAIL, EDITOR_EMAIL, EXEC_EMAIL
from pilotboard.demo.steps import (
    AddCandidate,
    AddMetric,
    Choose,
    Decide,
    Discuss,
    Engage,
    Invite,
    Iterate,
    Move,
    PilotStory,
    Reclassify,
    Scores,
)
from pilotboard.pilots.models import Stage

SHELF_READY = PilotStory(
    key="shelf_ready",
    title="Shelf-ready deliveries for Baltic Fresh Markets",
    created_days_ago=250,
    owner=ADMIN_EMAIL,
    hypothesis="If our deliveries arrive shelf-ready (sorted by aisle, in display "
    "trays), store staff fill shelves a third faster and the chain moves more ranges "
    "to us.",
    target_outcome="profitability",
    budget=80_000,
    revenue_at_stake=300_000,
    steps=(
        Move(Stage.selecting, 246),
        AddCandidate(
            "Baltic Fresh Markets",
            Scores(4, 4, 5, 4, 4),
            "Store manager volunteers.",
            245,
        ),
        AddCandidate("Harbor Foods", Scores(3, 3, 2, 3, 4), "No champion in the stores yet.", 245),
        Invite(
            "Supply chain",
            "Sven Lindholm",
            "Aisle-sequenced picking tried at scale.",
            244,
        ),
        Invite("Operations", "Marta Kowalski", "Fixed delivery slots per store.", 244),
        Invite("Sales", "Tom Becker", "More ranges listed with us.", 244),
        Engage("Supply chain", 238),
        Engage("Operations", 236),
        Engage("Sales", 234, status="champion"),
        Choose("Baltic Fresh Markets", 233),
        AddMetric(
            key="shelf",
            name="Shelf-filling minutes per delivery",
            unit="min",
            direction="decrease",
            kind="customer_experienced",
            baseline=95,
            target=60,
            days_ago=232,
        ),
        AddMetric(
            key="revenue",
            name="Annual revenue with Baltic Fresh Markets",
            unit="EUR",
            direction="increase",
            kind="internal",
            baseline=1_800_000,
            target=2_100_000,
            days_ago=232,
            is_revenue=True,
        ),
        Decide("start", "A clear store-level measure and an eager store manager.", 226),
        Move(Stage.running, 225),
        Iterate(
            started_days_ago=224,
            ended_days_ago=175,
            changes="Deliveries sorted by aisle for three pilot stores.",
            change_order=1,
            feedback="Faster, but trays do not fit the chilled shelves.",
            new_needs="Trays sized for chilled shelves.",
            learnings="Sorting by aisle alone saves a fifth of the time.",
            values={"shelf": 82, "revenue": 1_860_000},
        ),
        Iterate(
            started_days_ago=174,
            ended_days_ago=120,
            changes="Display trays in two sizes; delivery slots fixed before opening.",
            change_order=2,
            feedback="Staff fill shelves before the morning rush.",
            new_needs="The same for frozen food.",
            learnings="Fixed slots matter as much as the packaging.",
            values={"shelf": 71, "revenue": 1_950_000},
        ),
        Iterate(
            started_days_ago=119,
            ended_days_ago=45,
            changes="Extended to frozen food and to all 12 stores of one region.",
            change_order=3,
            feedback="Regional manager asks for all regions.",
            new_needs="Returnable trays.",
            learnings="Savings hold in bigger stores.",
            values={"shelf": 63, "revenue": 2_020_000},
        ),
        Move(Stage.scale_review, 40),
        # No decision since: the scale review waits on the executives.
    ),
)


SPARE_PARTS = PilotStory(
    key="spare_parts",
    title="Same-day spare parts for Hartmann Industrie",
    created_days_ago=170,
    sponsor=EXEC_EMAIL,
    hypothesis="If we hold the critical spare parts of a manufacturer's lines and "
    "deliver them the same day, unplanned line downtime halves.",
    target_outcome="profitability",
    budget=150_000,
    revenue_at_stake=400_000,
    steps=(
        Move(Stage.selecting, 165),
        AddCandidate(
            "Hartmann Industrie AG",
            Scores(3, 5, 5, 5, 5),
            "Sales insisted on the flagship account; premier, so a setback would be visible "
            "at board level.",
            163,
        ),
        AddCandidate(
            "Kessler Precision Parts",
            Scores(4, 3, 3, 3, 3),
            "Smaller and safer, but no champion.",
            163,
        ),
        Invite("Sales", "Tom Becker", "A reason to talk to Hartmann's plant managers.", 162),
        Invite("Operations", "Marta Kowalski", "Same-day courier network tested.", 162),
        Engage("Sales", 158, status="champion"),
        Engage("Operations", 156),
        Choose("Hartmann Industrie AG", 155),
        AddMetric(
            key="downtime",
            name="Line downtime waiting for spare parts",
            unit="h/month",
            direction="decrease",
            kind="customer_experienced",
            baseline=14,
            target=6,
            days_ago=154,
        ),
        AddMetric(
            key="revenue",
            name="Annual spare-parts revenue with Hartmann",
            unit="EUR",
            direction="increase",
            kind="internal",
            baseline=900_000,
            target=1_050_000,
            days_ago=154,
            is_revenue=True,
        ),
        Decide(
            "start",
            "Start, but report to me monthly: this is our largest account.",
            130,
        ),
        Move(Stage.running, 128),
        Iterate(
            started_days_ago=126,
            ended_days_ago=75,
            changes="Critical parts of two lines stocked in our regional hub; courier on call.",
            change_order=1,
            feedback="Plant manager pleased; purchasing asks about prices.",
            new_needs="Parts for the third plant.",
            learnings="Parts lists from the customer were incomplete: we had to survey the lines.",
            values={"downtime": 11, "revenue": 940_000},
        ),
        Iterate(
            started_days_ago=30,
            ended_days_ago=None,
            changes="Stock levels set from breakdown history; third plant added.",
            change_order=2,
            feedback="Fewer emergencies, but the account team worries about the price review.",
            values={"downtime": 9.5, "revenue": 965_000},
            measured_days_ago=10,
        ),
        Discuss(
            EDITOR_EMAIL,
            "@Evelyn Executive the price review is in three weeks. Before it, we need:\n\n"
            "1. your word to the account team that the hub stock is part of the pilot, not a "
            "price concession;\n"
            "2. Finance's view on who carries the stock cost.\n\n"
            "Downtime is already down from 14 to 9.5 hours a month.",
            2,
            mentions=(EXEC_EMAIL,),
        ),
    ),
)


DUNNING = PilotStory(
    key="dunning",
    title="E-invoicing and automated dunning for Lakeside Municipal Utilities",
    created_days_ago=200,
    hypothesis="If a utility receives e-invoices it can book automatically and clear "
    "reminders, its invoice queries drop and it pays us three weeks sooner.",
    target_outcome="business_process",
    budget=45_000,
    revenue_at_stake=120_000,
    steps=(
        Move(Stage.selecting, 196),
        AddCandidate(
            "Lakeside Municipal Utilities",
            Scores(4, 5, 4, 3, 4),
            "New accounts-payable system going live; an eager finance lead.",
            195,
        ),
        AddCandidate("Greenfield School District", Scores(3, 3, 3, 3, 3), "Small volumes.", 195),
        Invite("Finance", "Priya Nair", "Days sales outstanding down on a slow payer.", 194),
        Invite("Customer service", "Carla Mendes", "Fewer billing calls.", 194),
        Engage("Finance", 190, status="champion"),
        Engage("Customer service", 188),
        Choose("Lakeside Municipal Utilities", 187),
        AddMetric(
            key="queries",
            name="Invoice queries per month",
            unit="queries",
            direction="decrease",
            kind="customer_experienced",
            baseline=40,
            target=15,
            days_ago=186,
        ),
        AddMetric(
            key="dso",
            name="Days sales outstanding",
            unit="days",
            direction="decrease",
            kind="internal",
            baseline=62,
            target=45,
            days_ago=186,
        ),
        Decide("start", "Cheap to try, and Finance is asking for it.", 160),
        Move(Stage.running, 158),
        Iterate(
            started_days_ago=156,
            ended_days_ago=100,
            changes="E-invoices in the customer's format; reminders by email instead of letters.",
            change_order=1,
            feedback="Their accounts-payable team books our invoices without retyping.",
            new_needs="Order numbers on every invoice line.",
            learnings="Most queries came from missing order numbers.",
            values={"queries": 34, "dso": 58},
        ),
        Iterate(
            started_days_ago=99,
            ended_days_ago=40,
            changes="Order numbers on every line; a payment portal link in each reminder.",
            change_order=2,
            feedback="Fewer calls to our desk.",
            learnings="DSO moves slowly: the customer pays in monthly runs.",
            values={"queries": 29, "dso": 53},
        ),
        # The team decided invoice queries are counted by our desk, not felt by the customer,
        # and reclassified the metric, leaving the pilot with internal metrics only.
        Reclassify(
            "queries", "internal", 35, "Our desk counts the queries; the customer never sees them."
        ),
        Iterate(
            started_days_ago=30,
            ended_days_ago=None,
            changes="Reminders timed to the customer's payment runs.",
            change_order=3,
            values={"queries": 26, "dso": 50},
            measured_days_ago=8,
        ),
    ),
)


KITTING = PilotStory(
    key="kitting",
    title="Line-side kitting for Aurora Medical Devices",
    created_days_ago=240,
    hypothesis="If we deliver parts as line-side kits per work order, the customer's "
    "assembly line stops less often for missing parts.",
    target_outcome="business_process",
    budget=60_000,
    revenue_at_stake=150_000,
    steps=(
        Move(Stage.selecting, 236),
        AddCandidate("Aurora Medical Devices", Scores(4, 4, 4, 4, 3), "One plant, new line.", 235),
        AddCandidate("Brightline Packaging", Scores(3, 3, 4, 2, 3), "Less to learn from.", 235),
        Invite(
            "Supply chain",
            "Sven Lindholm",
            "Kitting cell tried on a real customer.",
            234,
        ),
        Invite("Operations", "Marta Kowalski", "Timed deliveries to the line.", 234),
        Engage("Supply chain", 230),
        Engage("Operations", 228),
        Choose("Aurora Medical Devices", 227),
        AddMetric(
            key="stoppages",
            name="Line stoppages for missing parts",
            unit="per month",
            direction="decrease",
            kind="customer_experienced",
            baseline=9,
            target=3,
            days_ago=226,
        ),
        AddMetric(
            key="revenue",
            name="Annual revenue with Aurora Medical Devices",
            unit="EUR",
            direction="increase",
            kind="internal",
            baseline=250_000,
            target=330_000,
            days_ago=226,
            is_revenue=True,
        ),
        Decide("start", "Go: a clear line-side measure.", 200),
        Move(Stage.running, 198),
        Iterate(
            started_days_ago=196,
            ended_days_ago=140,
            changes="Kits per work order for the new infusion-pump line.",
            change_order=1,
            feedback="Fewer stoppages; kits sometimes arrive too early.",
            new_needs="Delivery in the shift the work order runs.",
            learnings="Timing matters more than completeness.",
            values={"stoppages": 7, "revenue": 270_000},
        ),
        Iterate(
            started_days_ago=139,
            ended_days_ago=62,
            changes="Deliveries timed per shift.",
            change_order=2,
            feedback="The line lead is happy; nobody asked for more since.",
            values={"stoppages": 6, "revenue": 290_000},
        ),
        # Nothing logged since: the pilot drifts.
    ),
)


DEMAND_PLANNING = PilotStory(
    key="demand_planning",
    title="Joint demand planning with Alpine Outdoor Retail",
    created_days_ago=95,
    hypothesis="If we plan seasonal demand together with a retailer, both of us hold "
    "less stock and the stores run out less often.",
    target_outcome="strategic_positioning",
    budget=70_000,
    revenue_at_stake=250_000,
    steps=(
        Move(Stage.selecting, 82),
        AddCandidate(
            "Alpine Outdoor Retail",
            Scores(4, 3, 4, 4, 2),
            "Keen planner, but their sales data sits in spreadsheets.",
            81,
        ),
        AddCandidate("Nordlicht Fashion", Scores(3, 4, 2, 3, 3), "Good data, no champion.", 81),
        Invite("Sales", "Tom Becker", "Earlier view of the season's orders.", 80),
        Invite(
            "Marketing",
            "Lena Fischer",
            "Joint campaigns planned with the retailer.",
            80,
        ),
        Invite("Finance", "Priya Nair", "Less working capital in seasonal stock.", 78),
        Engage("Sales", 76),
        # Marketing and Finance never answered: the choice of customer waits on them.
    ),
)


PROOF_OF_DELIVERY = PilotStory(
    key="proof_of_delivery",
    title="Digital proof of delivery for the City of Brookfield",
    created_days_ago=210,
    hypothesis="If drivers capture a signed, photographed proof of delivery that the "
    "customer sees at once, delivery disputes vanish and the city pays us on time.",
    target_outcome="business_process",
    budget=35_000,
    revenue_at_stake=110_000,
    steps=(
        Move(Stage.selecting, 206),
        AddCandidate(
            "City of Brookfield",
            Scores(5, 4, 4, 4, 5),
            "Facilities team drowning in delivery disputes; its new ERP just went live.",
            205,
        ),
        AddCandidate("Greenfield School District", Scores(4, 3, 3, 3, 3), "Few disputes.", 205),
        Invite(
            "Operations",
            "Marta Kowalski",
            "Drivers' paperwork replaced by the app.",
            204,
        ),
        Invite("Customer service", "Carla Mendes", "No more dispute calls.", 204),
        Invite("Finance", "Priya Nair", "Invoices paid without a dispute hold.", 204),
        Engage("Operations", 200, status="champion"),
        Engage("Customer service", 199),
        Engage("Finance", 197),
        Choose("City of Brookfield", 196),
        AddMetric(
            key="disputes",
            name="Disputed deliveries per month",
            unit="disputes",
            direction="decrease",
            kind="customer_experienced",
            baseline=22,
            target=5,
            days_ago=195,
        ),
        AddMetric(
            key="revenue",
            name="Annual revenue with the City of Brookfield",
            unit="EUR",
            direction="increase",
            kind="internal",
            baseline=520_000,
            target=560_000,
            days_ago=195,
            is_revenue=True,
        ),
        Decide("start", "Clear pain, an eager team, low stakes.", 188),
        Move(Stage.running, 186),
        Iterate(
            started_days_ago=184,
            ended_days_ago=130,
            changes="Photo and signature proof of delivery in the drivers' app; a link on every "
            "invoice.",
            change_order=1,
            feedback="The facilities team checks deliveries from its desk.",
            new_needs="Proofs inside their own ERP.",
            values={"disputes": 9, "revenue": 540_000},
        ),
        Iterate(
            started_days_ago=129,
            ended_days_ago=75,
            changes="Proofs of delivery pushed into the city's ERP.",
            change_order=2,
            feedback="Disputes almost gone; the city pays within terms.",
            new_needs="The schools want the same.",
            learnings="The second-order change (their ERP) did what the app alone could not.",
            values={"disputes": 4, "revenue": 575_000},
        ),
        # Every target met 75 days ago, and still nobody has proposed the scale review: the
        # quick win that quietly stays a pilot.
        Iterate(
            started_days_ago=25,
            ended_days_ago=None,
            changes="Extended to the city's school kitchens.",
            change_order=3,
            values={},
            measured_days_ago=25,
        ),
    ),
)


STERILISER_MONITORING = PilotStory(
    key="steriliser_monitoring",
    title="Predictive steriliser maintenance at Riverside Medical Center",
    created_days_ago=160,
    hypothesis="If sensors tell us when a hospital's steriliser is about to fail, we "
    "repair it before operations are cancelled and the hospital renews our service "
    "contract early.",
    target_outcome="strategic_positioning",
    budget=95_000,
    revenue_at_stake=220_000,
    steps=(
        Move(Stage.selecting, 156),
        AddCandidate(
            "Riverside Medical Center",
            Scores(4, 3, 4, 5, 3),
            "A biomedical engineer keen on data; sterilisers are its bottleneck.",
            155,
        ),
        AddCandidate(
            "Meridian Health Group",
            Scores(2, 3, 3, 5, 4),
            "Premier account: not for a first try.",
            155,
        ),
        Invite("IT", "Jonas Weber", "The monitoring platform on medical equipment.", 154),
        Invite("Operations", "Marta Kowalski", "Repair visits planned, not rushed.", 154),
        Engage("IT", 150, status="champion"),
        Engage("Operations", 148),
        Choose("Riverside Medical Center", 146),
        AddMetric(
            key="outages",
            name="Unplanned steriliser outages per quarter",
            unit="outages",
            direction="decrease",
            kind="customer_experienced",
            baseline=9,
            target=3,
            days_ago=145,
        ),
        Decide("start", "Good learning for IT; keep Operations on board.", 138),
        Move(Stage.running, 136),
        Iterate(
            started_days_ago=134,
            ended_days_ago=80,
            changes="Sensors on six sterilisers; alerts to our service desk.",
            change_order=1,
            feedback="Two failures caught before an operation was cancelled.",
            new_needs="Alerts in the hospital's own control room.",
            learnings="Operations could not free technicians for planned visits.",
            values={"outages": 7},
        ),
        # Operations pulled out (no technicians budgeted for planned visits): one department left.
        Engage("Operations", 70, status="declined"),
        Iterate(
            started_days_ago=30,
            ended_days_ago=None,
            changes="Alerts in the hospital's control room; IT's own engineers do the visits.",
            change_order=2,
            values={"outages": 6},
            measured_days_ago=10,
        ),
    ),
)
