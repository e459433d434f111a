"""Pilots early or going well, with nothing to flag: just proposed, selecting (one of them
ready for its start decision), running."""

from __future__ import annotations

from pilotboard.demo.cast import ADMIN_EMAIL
from pilotboard.demo.steps import (
    AddCandidate,
    AddMetric,
    CheckIn,
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

ENERGY = PilotStory(
    key="energy",
    title="Energy-use reporting for Greenfield School District",
    created_days_ago=12,
    owner=ADMIN_EMAIL,
    hypothesis="If schools see their energy use per building every week, caretakers "
    "act on it and the district buys our monitoring service for every school.",
    target_outcome="strategic_positioning",
    budget=25_000,
    revenue_at_stake=90_000,
    steps=(),
)


CONSIGNMENT = PilotStory(
    key="consignment",
    title="Consignment stock for Lindqvist Dental Labs",
    created_days_ago=120,
    hypothesis="If a dental laboratory network holds our materials on consignment, its "
    "emergency orders disappear and it moves its full range to us.",
    target_outcome="profitability",
    budget=30_000,
    revenue_at_stake=80_000,
    steps=(
        Move(Stage.selecting, 116),
        AddCandidate("Lindqvist Dental Labs", Scores(4, 5, 4, 3, 4), "New lab opening.", 115),
        AddCandidate("Greenleaf Pharmacies", Scores(3, 3, 3, 3, 3), "Different business.", 115),
        Invite(
            "Supply chain",
            "Sven Lindholm",
            "Consignment stock managed from the DC.",
            114,
            email="sven.lindholm@pilotboard.example",
        ),
        Invite(
            "Finance",
            "Priya Nair",
            "Consignment invoicing tried on a small account.",
            114,
            email="priya.nair@pilotboard.example",
        ),
        Engage("Supply chain", 110),
        Engage("Finance", 108),
        Choose("Lindqvist Dental Labs", 107),
        AddMetric(
            key="emergency",
            name="Emergency orders per month",
            unit="orders",
            direction="decrease",
            kind="customer_experienced",
            baseline=12,
            target=4,
            days_ago=106,
        ),
        Decide("start", "Low risk, good learning for Finance.", 95),
        Move(Stage.running, 92),
        Iterate(
            started_days_ago=90,
            ended_days_ago=50,
            changes="Consignment cabinets in two labs; monthly invoicing of what was used.",
            change_order=1,
            feedback="Technicians like finding materials on site.",
            new_needs="Cabinets for the new lab.",
            learnings="Monthly invoicing works; counting stock takes too long.",
            values={"emergency": 8},
        ),
        Iterate(
            started_days_ago=20,
            ended_days_ago=None,
            changes="Barcode scanning at the cabinet; the new lab added.",
            change_order=2,
            values={"emergency": 6},
            measured_days_ago=6,
        ),
        # Supply chain answers its check-in; Finance, engaged once, has not answered since the
        # first iteration: "indifference is not refusal".
        CheckIn(
            "Supply chain",
            benefit="yes",
            still_committed=True,
            days_ago=5,
            note="Scanning at the cabinet halves the monthly count.",
        ),
    ),
)


LOYALTY_OFFERS = PilotStory(
    key="loyalty_offers",
    title="Co-branded loyalty offers with Nordlicht Fashion",
    created_days_ago=18,
    owner=ADMIN_EMAIL,
    hypothesis="If our products appear in the retailer's loyalty offers, its members "
    "buy more of them and it lists more of our range.",
    target_outcome="strategic_positioning",
    budget=20_000,
    revenue_at_stake=120_000,
    steps=(
        Move(Stage.selecting, 15),
        AddCandidate(
            "Nordlicht Fashion",
            Scores(4, 4, 3, 4, 5),
            "Strong e-commerce data; its loyalty team is keen.",
            14,
        ),
        AddCandidate(
            "Alpine Outdoor Retail",
            Scores(3, 3, 4, 3, 2),
            "Already planning with us.",
            14,
        ),
        Invite("Sales", "Tom Becker", "More of the range listed.", 13),
        Invite("Marketing", "Lena Fischer", "Campaigns with a retailer's loyalty data.", 13),
        Invite(
            "Customer service",
            "Carla Mendes",
            "Fewer questions about offers that do not apply at the till.",
            12,
        ),
        Engage("Sales", 10),
        Engage("Customer service", 9),
        Choose("Nordlicht Fashion", 8),
        AddMetric(
            key="members_buying",
            name="Loyalty members buying our range",
            unit="%",
            direction="increase",
            kind="customer_experienced",
            baseline=4.0,
            target=7.0,
            days_ago=7,
        ),
        # Ready to run but for the sponsor's start decision: it waits on the executive's page.
    ),
)
