"""Pilots that proved themselves: one scaling, two adopted, one just in an on-track scale review.

Their iterations and revenue figures give the portfolio its win rate, revenue gain and medians.
"""

from __future__ import annotations

from pilotboard.demo.cast import EDITOR_EMAIL, EXEC_EMAIL
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
    Respond,
    Scores,
)
from pilotboard.pilots.models import Stage

# The people at St. Agnes who answer the feedback links (the key of their link, too).
NURSE = "Anna Kowalczyk, ward nurse"
PHARMACIST = "Dr. Lena Fischer, hospital pharmacist"
CEO = "Mark Hughes, chief executive"

VMI_SCALE_SCOPE = (
    "VMI offered to every hospital customer with a new or rebuilt site; 8 hospitals "
    "in the first 18 months."
)

VMI = PilotStory(
    key="vmi",
    title="Vendor-managed inventory at St. Agnes Hospital",
    created_days_ago=300,
    hypothesis="If we run the supply rooms of a newly built hospital ourselves "
    "(vendor-managed inventory, ward-ready totes picked by our automated picking system, "
    "replenishment to the point of use), nurses spend far less time on supplies and the "
    "hospital consolidates its purchasing with us.",
    target_outcome="business_process",
    budget=120_000,
    revenue_at_stake=500_000,
    steps=(
        Move(Stage.selecting, 292),
        AddCandidate(
            "St. Agnes Hospital",
            Scores(5, 5, 5, 4, 4),
            "Brand-new building and processes, a head of nursing who asked for help, small "
            "enough that a setback hurts nobody.",
            290,
        ),
        AddCandidate(
            "Riverside Medical Center",
            Scores(3, 2, 3, 4, 3),
            "Interesting volume, but processes are 30 years old and nobody owns ward supplies.",
            290,
        ),
        AddCandidate(
            "Meridian Health Group",
            Scores(2, 3, 4, 5, 4),
            "Premier account: a first pilot there would raise a red flag. Later, not now.",
            289,
        ),
        Invite(
            "Supply chain",
            "Sven Lindholm",
            "Tries its automated picking system inside the pilot: picking cost per line "
            "measured on real ward orders.",
            288,
            email="sven.lindholm@pilotboard.example",
        ),
        Invite(
            "Customer service",
            "Carla Mendes",
            "One named desk for the ward managers; first-contact resolution on supply questions.",
            288,
            email="carla.mendes@pilotboard.example",
        ),
        Invite(
            "Sales",
            "Tom Becker",
            "The hospital's consumables bought through one contract: order volume consolidated.",
            287,
            email="tom.becker@pilotboard.example",
        ),
        Engage("Supply chain", 284, status="champion"),
        Engage("Customer service", 282),
        Engage("Sales", 280),
        Choose("St. Agnes Hospital", 279),
        AddMetric(
            key="nurse",
            name="Nurse minutes on supplies per shift",
            unit="min",
            direction="decrease",
            kind="customer_experienced",
            baseline=55,
            target=35,
            days_ago=278,
        ),
        AddMetric(
            key="revenue",
            name="Annual revenue with St. Agnes Hospital",
            unit="EUR",
            direction="increase",
            kind="internal",
            baseline=400_000,
            target=500_000,
            days_ago=278,
            is_revenue=True,
        ),
        AddMetric(
            key="picking",
            name="Picking cost per line",
            unit="EUR",
            direction="decrease",
            kind="internal",
            baseline=4.1,
            target=3.2,
            days_ago=278,
        ),
        Decide(
            "start",
            "Ideal testbed: new site, eager champion, low stakes. Success = nurse time down "
            "to 35 minutes per shift within three iterations.",
            272,
        ),
        Move(Stage.running, 270),
        AskFeedback(NURSE, "anna.kowalczyk@st-agnes.example", 269),
        AskFeedback(PHARMACIST, "lena.fischer@st-agnes.example", 269),
        Iterate(
            started_days_ago=268,
            ended_days_ago=222,
            changes="Weekly replenishment of six ward supply rooms from our distribution centre, "
            "two-bin kanban on every shelf.",
            change_order=1,
            feedback="Nurses like the full shelves but still walk to the central store for theatre "
            "consumables.",
            new_needs="Theatre consumables; delivery to the point of use, not to the supply room.",
            learnings="Restocking alone saves little nurse time: the walking is the cost.",
            values={"nurse": 47, "revenue": 430_000, "picking": 3.9},
            summary="We now restock your six ward supply rooms every week, with two bins per "
            "item so a shelf never runs empty. Tell us whether it saves your nurses time.",
        ),
        Respond(
            NURSE,
            difference=2,
            effort=4,
            days_ago=222,
            comment="The shelves are always full now, but we still walk to the central store "
            "for theatre consumables several times a shift.",
            new_needs="Theatre consumables on the ward.",
        ),
        Respond(
            PHARMACIST,
            difference=2,
            effort=3,
            days_ago=222,
            comment="Hard to see the expiry dates of what is on the shelves.",
        ),
        CheckIn(
            "Supply chain",
            benefit="partly",
            still_committed=True,
            days_ago=222,
            note="Replenishment works; picking cost still above target.",
        ),
        CheckIn(
            "Sales",
            benefit="not_yet",
            still_committed=True,
            days_ago=222,
            blocker="The purchasing contract is not on the table yet.",
        ),
        Iterate(
            started_days_ago=221,
            ended_days_ago=170,
            changes="Ward orders picked by our automated picking system into ward-ready totes and "
            "delivered to the point of use; theatre consumables included.",
            change_order=2,
            feedback="The head of nursing reports nurses no longer fetch supplies during a shift.",
            new_needs="Expiry dates visible per tote; one contact for urgent requests.",
            learnings="Automated picking brings the cost per line down once totes are "
            "standardised.",
            values={"nurse": 41, "revenue": 475_000, "picking": 3.4},
            summary="Ward orders now arrive picked into ward-ready totes, delivered to where "
            "they are used, theatre consumables included.",
        ),
        AskFeedback(CEO, "mark.hughes@st-agnes.example", 170),
        Respond(
            NURSE,
            difference=4,
            effort=4,
            days_ago=170,
            comment="Nobody on my ward fetches supplies during a shift any more.",
        ),
        Respond(
            PHARMACIST,
            difference=3,
            effort=4,
            days_ago=170,
            comment="Expiry dates per tote would let us stop checking shelves by hand.",
            new_needs="Expiry dates visible per tote.",
        ),
        Respond(
            CEO,
            difference=3,
            effort=4,
            days_ago=170,
            comment="Promising. I want to see it in purchasing before the maternity wing opens.",
        ),
        CheckIn(
            "Customer service",
            benefit="yes",
            still_committed=True,
            days_ago=170,
            note="Ward managers call one named desk; fewer escalations.",
        ),
        Iterate(
            started_days_ago=169,
            ended_days_ago=120,
            changes="The hospital's purchasing moved to one contract; a named service desk; a "
            "monthly review with the head of nursing.",
            change_order=3,
            feedback="Purchasing asked to extend the model to the new maternity wing.",
            new_needs="Consignment stock for implants.",
            learnings="Third-order change (the purchasing contract) brought the revenue: the "
            "customer buys what it no longer has to manage.",
            values={"nurse": 33, "revenue": 540_000, "picking": 3.05},
            summary="Your purchasing now runs through one contract with us, with a named service "
            "desk and a monthly review with your head of nursing.",
        ),
        Respond(
            NURSE,
            difference=5,
            effort=5,
            days_ago=120,
            comment="Forty minutes a shift back for patients. Please keep the named desk.",
        ),
        Respond(
            PHARMACIST,
            difference=4,
            effort=4,
            days_ago=120,
            comment="Expiry dates on every tote; consignment stock for implants would be next.",
            new_needs="Consignment stock for implants.",
        ),
        Respond(
            CEO,
            difference=5,
            effort=4,
            days_ago=120,
            comment="This is how we want to run the maternity wing too.",
        ),
        CheckIn(
            "Supply chain",
            benefit="yes",
            still_committed=True,
            days_ago=120,
            note="Picking cost per line at 3.05 EUR, under target.",
        ),
        CheckIn(
            "Sales",
            benefit="yes",
            still_committed=True,
            days_ago=120,
            note="One purchasing contract signed; maternity wing next.",
        ),
        Move(Stage.scale_review, 118),
        Decide(
            "scale",
            "Nurse time down 40%, revenue up 35%, picking cost per line down 26%. Scale to every "
            "hospital customer with a new or rebuilt site in the next 18 months.",
            105,
        ),
        Plan(
            VMI_SCALE_SCOPE,
            100,
            {"Supply chain": "in_progress", "Customer service": "planned"},
        ),
        Move(Stage.scaling, 98),
        Discuss(
            EDITOR_EMAIL,
            "Rollout note: the maternity wing goes live with **consignment stock** first, then the "
            "standard shelves. Customer service asks for one named contact per site, see the "
            "scale plan.",
            60,
        ),
        Discuss(
            EXEC_EMAIL,
            "Good. Keep the nurse-time figure in every site review: it is what sold this to the "
            "board.",
            59,
        ),
        Plan(
            VMI_SCALE_SCOPE,
            40,
            {
                "Supply chain": "done",
                "Customer service": "in_progress",
                "Sales": "done",
            },
        ),
    ),
)


POINT_OF_USE_SCALE_SCOPE = "Point-of-use replenishment for all 14 outpatient clinic customers."

POINT_OF_USE = PilotStory(
    key="point_of_use",
    title="Point-of-use replenishment at Northgate Clinic",
    created_days_ago=315,
    hypothesis="If we replenish a clinic's consumables at the point of use, nurses "
    "stop running out of supplies during day surgery.",
    target_outcome="business_process",
    budget=40_000,
    revenue_at_stake=60_000,
    steps=(
        Move(Stage.selecting, 312),
        AddCandidate("Northgate Clinic", Scores(5, 4, 5, 4, 4), "Small, eager, new wing.", 311),
        AddCandidate("Lindqvist Dental Labs", Scores(3, 3, 3, 3, 3), "Less representative.", 311),
        Invite("Supply chain", "Sven Lindholm", "Point-of-use bins tried in practice.", 310),
        Invite("Customer service", "Carla Mendes", "One contact for the clinic.", 310),
        Invite("Operations", "Marta Kowalski", "Twice-weekly milk run.", 310),
        Engage("Supply chain", 306, status="champion"),
        Engage("Customer service", 305),
        Engage("Operations", 304),
        Choose("Northgate Clinic", 303),
        AddMetric(
            key="nurse",
            name="Nurse minutes on supplies per shift",
            unit="min",
            direction="decrease",
            kind="customer_experienced",
            baseline=50,
            target=35,
            days_ago=302,
        ),
        AddMetric(
            key="revenue",
            name="Annual revenue with Northgate Clinic",
            unit="EUR",
            direction="increase",
            kind="internal",
            baseline=220_000,
            target=260_000,
            days_ago=302,
            is_revenue=True,
        ),
        Decide("start", "Small and safe: go.", 296),
        Move(Stage.running, 294),
        Iterate(
            started_days_ago=292,
            ended_days_ago=250,
            changes="Point-of-use bins in the day-surgery unit; twice-weekly milk run.",
            change_order=1,
            feedback="Nurses stopped hoarding supplies.",
            new_needs="Bins for the recovery room.",
            learnings="Visible stock levels end hoarding.",
            values={"nurse": 42, "revenue": 240_000},
        ),
        Iterate(
            started_days_ago=249,
            ended_days_ago=215,
            changes="Recovery room added; one contact for the clinic.",
            change_order=2,
            feedback="The clinic manager wants it in the new wing.",
            values={"nurse": 36, "revenue": 275_000},
        ),
        Move(Stage.scale_review, 212),
        Decide("scale", "Proven in a clinic: roll out to every outpatient clinic.", 200),
        Plan(POINT_OF_USE_SCALE_SCOPE, 199, {"Supply chain": "in_progress"}),
        Move(Stage.scaling, 198),
        Plan(
            POINT_OF_USE_SCALE_SCOPE,
            70,
            {"Supply chain": "done", "Customer service": "done", "Operations": "done"},
        ),
        Move(Stage.adopted, 65),
    ),
)


RETURNABLE_CRATES_SCALE_SCOPE = (
    "Returnable crates for every manufacturing customer within 12 months."
)

RETURNABLE_CRATES = PilotStory(
    key="returnable_crates",
    title="Returnable crates for Brightline Packaging",
    created_days_ago=285,
    hypothesis="If we deliver in returnable crates that go straight onto the customer's "
    "line, its packaging waste and unpacking time disappear and it buys its whole range "
    "of consumables from us.",
    target_outcome="profitability",
    budget=55_000,
    revenue_at_stake=180_000,
    steps=(
        Move(Stage.selecting, 281),
        AddCandidate(
            "Brightline Packaging",
            Scores(4, 4, 5, 3, 4),
            "Wants to show its own customers a circular model; its operations manager asked us.",
            280,
        ),
        AddCandidate(
            "Kessler Precision Parts",
            Scores(4, 3, 2, 3, 3),
            "Willing, but unpacking is not where it hurts.",
            280,
        ),
        Invite(
            "Supply chain",
            "Sven Lindholm",
            "Returnable crates tried on a real flow: fewer cartons bought, faster picking.",
            279,
        ),
        Invite("Operations", "Marta Kowalski", "Crates collected on existing rounds.", 279),
        Invite(
            "Sales",
            "Tom Becker",
            "The whole consumables range listed with one customer.",
            279,
        ),
        Engage("Supply chain", 275, status="champion"),
        Engage("Operations", 273),
        Engage("Sales", 271),
        Choose("Brightline Packaging", 270),
        AddMetric(
            key="unpacking",
            name="Unpacking minutes per delivery",
            unit="min",
            direction="decrease",
            kind="customer_experienced",
            baseline=40,
            target=15,
            days_ago=269,
        ),
        AddMetric(
            key="revenue",
            name="Annual revenue with Brightline Packaging",
            unit="EUR",
            direction="increase",
            kind="internal",
            baseline=410_000,
            target=480_000,
            days_ago=269,
            is_revenue=True,
        ),
        Decide("start", "Small, eager, and a story Sales can tell.", 262),
        Move(Stage.running, 260),
        Iterate(
            started_days_ago=258,
            ended_days_ago=205,
            changes="Returnable crates for the two busiest lines; empties collected on the next "
            "delivery.",
            change_order=1,
            feedback="Line workers unpack in a third of the time.",
            new_needs="Inserts for small parts.",
            learnings="Collecting on the delivery round costs us nothing extra.",
            values={"unpacking": 24, "revenue": 430_000},
        ),
        Iterate(
            started_days_ago=204,
            ended_days_ago=150,
            changes="Crates on every line, small-parts inserts, the consumables range offered.",
            change_order=2,
            feedback="Purchasing moved gloves, tape and labels to us.",
            learnings="The range follows once the crates are trusted.",
            values={"unpacking": 14, "revenue": 492_000},
        ),
        Move(Stage.scale_review, 147),
        Decide(
            "scale",
            "Unpacking time down 65%, revenue up 20%. Offer returnable crates to every "
            "manufacturing customer within a year.",
            140,
        ),
        Plan(RETURNABLE_CRATES_SCALE_SCOPE, 138, {"Supply chain": "in_progress"}),
        Move(Stage.scaling, 136),
        Plan(
            RETURNABLE_CRATES_SCALE_SCOPE,
            32,
            {"Supply chain": "done", "Operations": "done", "Sales": "done"},
        ),
        Move(Stage.adopted, 28),
    ),
)


DELIVERY_WINDOWS = PilotStory(
    key="delivery_windows",
    title="Chosen delivery windows for Greenleaf Pharmacies",
    created_days_ago=200,
    hypothesis="If each pharmacy chooses a delivery window that suits its opening "
    "hours, staff stop receiving goods at the counter and the chain moves its "
    "over-the-counter range to us.",
    target_outcome="profitability",
    budget=40_000,
    revenue_at_stake=160_000,
    steps=(
        Move(Stage.selecting, 196),
        AddCandidate(
            "Greenleaf Pharmacies",
            Scores(4, 4, 4, 3, 4),
            "Store managers asked for it at the last review.",
            195,
        ),
        AddCandidate("Harbor Foods", Scores(3, 3, 2, 3, 4), "Busy with night deliveries.", 195),
        Invite("Operations", "Marta Kowalski", "Routes planned around the windows.", 194),
        Invite("Supply chain", "Sven Lindholm", "Picking sequenced by window.", 194),
        Invite("Customer service", "Carla Mendes", "One desk for window changes.", 194),
        Engage("Operations", 190, status="champion"),
        Engage("Supply chain", 189),
        Engage("Customer service", 188),
        Choose("Greenleaf Pharmacies", 187),
        AddMetric(
            key="counter",
            name="Minutes at the counter receiving goods per delivery",
            unit="min",
            direction="decrease",
            kind="customer_experienced",
            baseline=25,
            target=8,
            days_ago=186,
        ),
        AddMetric(
            key="revenue",
            name="Annual revenue with Greenleaf Pharmacies",
            unit="EUR",
            direction="increase",
            kind="internal",
            baseline=480_000,
            target=540_000,
            days_ago=186,
            is_revenue=True,
        ),
        Decide("start", "Low cost: only the routes change.", 180),
        Move(Stage.running, 178),
        Iterate(
            started_days_ago=176,
            ended_days_ago=120,
            changes="Ten pharmacies choose a two-hour window; routes rebuilt weekly.",
            change_order=1,
            feedback="Deliveries arrive before opening.",
            new_needs="Saturday windows.",
            learnings="Fixed windows cost the routes 4% more kilometres.",
            values={"counter": 12, "revenue": 505_000},
        ),
        Iterate(
            started_days_ago=119,
            ended_days_ago=60,
            changes="All 40 pharmacies on windows; Saturday windows added.",
            change_order=2,
            feedback="The chain listed our over-the-counter range.",
            learnings="The range came with the trust.",
            values={"counter": 9, "revenue": 531_000},
        ),
        Iterate(
            started_days_ago=59,
            ended_days_ago=12,
            changes="Windows kept through the winter peak.",
            change_order=3,
            feedback="Holding up under peak volumes.",
            values={"counter": 8, "revenue": 536_000},
        ),
        Move(Stage.scale_review, 9),
    ),
)
