"""Pilots that stopped, with their reasons and lessons, and one paused by the customer."""

from __future__ import annotations

from pilotboard.demo.cast import EXEC_EMAIL
from pilotboard.demo.steps import (
    AddCandidate,
    AddMetric,
    Choose,
    Decide,
    Engage,
    Invite,
    Iterate,
    Move,
    PilotStory,
    Scores,
)
from pilotboard.pilots.models import Stage

NIGHT_DELIVERY = PilotStory(
    key="night_delivery",
    title="Night-time store deliveries for Harbor Foods",
    created_days_ago=290,
    hypothesis="If we deliver to stores at night, shelves are full at opening and the "
    "chain's morning availability rises.",
    target_outcome="profitability",
    budget=90_000,
    revenue_at_stake=200_000,
    steps=(
        Move(Stage.selecting, 286),
        AddCandidate("Harbor Foods", Scores(4, 4, 3, 3, 4), "Stores in city centres.", 285),
        AddCandidate("Baltic Fresh Markets", Scores(3, 3, 4, 3, 3), "Already busy with us.", 285),
        Invite("Operations", "Marta Kowalski", "Fewer daytime delivery slots.", 284),
        Invite("Supply chain", "Sven Lindholm", "A night shift in the DC.", 284),
        Invite("Marketing", "Lena Fischer", "A story for the trade press.", 284),
        Engage("Operations", 280, status="champion"),
        Engage("Supply chain", 279),
        Choose("Harbor Foods", 278),
        AddMetric(
            key="availability",
            name="Shelf availability at opening",
            unit="%",
            direction="increase",
            kind="customer_experienced",
            baseline=88,
            target=97,
            days_ago=277,
        ),
        Engage("Marketing", 270, status="declined"),
        Decide("start", "Worth a try in six stores.", 255),
        Move(Stage.running, 253),
        Iterate(
            started_days_ago=251,
            ended_days_ago=200,
            changes="Night deliveries to six city-centre stores.",
            change_order=1,
            feedback="Four stores cannot receive goods at night because of noise rules.",
            new_needs="Quiet unloading equipment.",
            learnings="Local noise restrictions were not checked before starting.",
            values={"availability": 89},
        ),
        Iterate(
            started_days_ago=199,
            ended_days_ago=150,
            changes="Quiet roll cages in the two stores that may receive at night.",
            change_order=2,
            feedback="No visible difference at opening.",
            learnings="Availability is limited by the forecast, not by the delivery time.",
            values={"availability": 88.5},
        ),
        Decide(
            "stop",
            "No improvement after two iterations; noise rules block four of six stores.",
            140,
            actor=EXEC_EMAIL,
        ),
        Move(
            Stage.stopped,
            138,
            reason="No improvement after two iterations; noise rules block night deliveries "
            "in four of the six stores.",
            lessons="Check local delivery restrictions during candidate selection; measure "
            "what limits availability (the forecast) before changing the delivery time.",
        ),
    ),
)


MONITORING = PilotStory(
    key="monitoring",
    title="Remote equipment monitoring for Vista Care Homes",
    created_days_ago=180,
    hypothesis="If we monitor the care homes' equipment remotely and fix it before it "
    "fails, residents see fewer outages and the chain renews its service contract early.",
    target_outcome="strategic_positioning",
    budget=110_000,
    revenue_at_stake=260_000,
    steps=(
        Move(Stage.selecting, 176),
        AddCandidate("Vista Care Homes", Scores(4, 4, 4, 3, 3), "IT lead keen.", 175),
        AddCandidate("Riverside Medical Center", Scores(3, 2, 3, 4, 3), "Complex IT.", 175),
        Invite(
            "IT",
            "Jonas Weber",
            "Our monitoring platform proven outside our walls.",
            174,
        ),
        Invite("Customer service", "Carla Mendes", "Fewer emergency call-outs.", 174),
        Engage("IT", 170, status="champion"),
        Engage("Customer service", 168),
        Choose("Vista Care Homes", 167),
        AddMetric(
            key="outages",
            name="Unplanned equipment outages per home",
            unit="per month",
            direction="decrease",
            kind="customer_experienced",
            baseline=6,
            target=2,
            days_ago=166,
        ),
        Decide("start", "Start in four homes.", 140),
        Move(Stage.running, 138),
        Iterate(
            started_days_ago=136,
            ended_days_ago=80,
            changes="Sensors on lifts and laundry machines in four homes.",
            change_order=1,
            feedback="Staff noticed technicians arriving before anyone called.",
            new_needs="Kitchen equipment too.",
            learnings="Half the alerts were false: thresholds need tuning per machine.",
            values={"outages": 4},
        ),
        Iterate(
            started_days_ago=79,
            ended_days_ago=35,
            changes="Thresholds tuned per machine; kitchen equipment added.",
            change_order=2,
            feedback="Fewer false alarms.",
            values={"outages": 4},
        ),
        Move(
            Stage.paused,
            20,
            reason="Vista Care Homes is migrating its ERP: every process change is frozen "
            "until the migration is live (expected in two months).",
        ),
    ),
)


PARTS_PORTAL = PilotStory(
    key="parts_portal",
    title="Self-service parts portal for Kessler Precision Parts",
    created_days_ago=235,
    hypothesis="If the customer's buyers can check prices, stock and delivery dates in "
    "a self-service portal, they order sooner and order more from us.",
    target_outcome="business_process",
    budget=65_000,
    revenue_at_stake=150_000,
    steps=(
        Move(Stage.selecting, 231),
        AddCandidate(
            "Kessler Precision Parts",
            Scores(4, 4, 3, 4, 4),
            "Buyers complain about waiting for quotes.",
            230,
        ),
        AddCandidate("Vector Robotics", Scores(3, 3, 4, 3, 2), "Buys few spares yet.", 230),
        Invite("IT", "Jonas Weber", "The new portal platform used by a real customer.", 229),
        Invite("Sales", "Tom Becker", "Account managers freed from routine quotes.", 229),
        Invite("Marketing", "Lena Fischer", "A launch story for the portal.", 229),
        Engage("IT", 225, status="champion"),
        Engage("Sales", 223),
        Choose("Kessler Precision Parts", 222),
        AddMetric(
            key="quote",
            name="Days to get a quote",
            unit="days",
            direction="decrease",
            kind="customer_experienced",
            baseline=5,
            target=1,
            days_ago=221,
        ),
        AddMetric(
            key="revenue",
            name="Annual revenue with Kessler Precision Parts",
            unit="EUR",
            direction="increase",
            kind="internal",
            baseline=620_000,
            target=700_000,
            days_ago=221,
            is_revenue=True,
        ),
        Decide("start", "Cheap to try on one account.", 214),
        Move(Stage.running, 212),
        Engage("Marketing", 211, status="declined"),
        Iterate(
            started_days_ago=210,
            ended_days_ago=160,
            changes="Portal opened to Kessler's four buyers with live prices and stock.",
            change_order=1,
            feedback="Buyers still phone their account manager: they do not trust the stock "
            "figures.",
            new_needs="Stock reserved when a quote is saved.",
            learnings="A portal without reserved stock is a catalogue.",
            values={"quote": 3, "revenue": 615_000},
        ),
        Iterate(
            started_days_ago=159,
            ended_days_ago=100,
            changes="Stock reserved on saved quotes; reminders by email.",
            change_order=2,
            feedback="Fewer than one order in ten comes through the portal.",
            learnings="Kessler's delay is its own approval process, not our quotes.",
            values={"quote": 2.5, "revenue": 608_000},
        ),
        Decide(
            "stop",
            "Two iterations and no change in how Kessler buys; revenue slightly down.",
            85,
        ),
        Move(
            Stage.stopped,
            83,
            reason="Portal use stayed under 10% of orders after two iterations; revenue did "
            "not move.",
            lessons="Find out what slows the customer's buying before building for it: "
            "Kessler's delay was internal approval. Marketing saw no stake and declined; a "
            "department without a stake stays away.",
        ),
    ),
)
