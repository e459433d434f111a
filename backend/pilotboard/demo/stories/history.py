"""Three years of closed pilots before the demo's current ones: the history the learning page
reads (``GET /portfolio/learning``).

Generated, not written out: each pilot draws its practices from a seeded random source, then
whether it scaled from odds that depend on those practices (engaging departments early, a
champion, iterating, higher-order changes and the customer's voice help; a premier account
hurts), then a history that fits: adopted after a scale review, or stopped while selecting,
running or in scale review. The same seed always gives the same stories, so the demo is the
same on every machine; nothing of what the learning page shows is written down here.

These pilots run while the workspace asked for one engaged department at the start (the
loader raises it to two before the current pilots begin), so starting with one or with two
departments is a real choice in this history.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, replace

from pilotboard.demo.cast import CUSTOMERS, DEPARTMENTS, EXEC_EMAIL
from pilotboard.demo.steps import (
    AddCandidate,
    AddMetric,
    AskFeedback,
    Choose,
    Decide,
    Engage,
    Invite,
    Iterate,
    Move,
    PilotStory,
    Plan,
    Respond,
    Scores,
    Step,
)
from pilotboard.pilots.models import Stage

SEED = 1999
SIZE = 40
# The oldest pilot starts this many days before the demo's today, the youngest about this many
# days before the current pilots (whose stories start within ``cast.START_DAYS_AGO``).
OLDEST_DAYS_AGO = 1_120
YOUNGEST_DAYS_AGO = 430
# The loader asks for one engaged department at the start while these pilots are told, and
# raises the threshold back to two on this day.
TWO_DEPARTMENTS_FROM_DAYS_AGO = 330

THEMES: tuple[tuple[str, str, str, str, str], ...] = (
    # (title, customer-experienced metric, unit, direction, scaled-up scope)
    ("Kanban replenishment", "Stock-outs per month", "per month", "decrease", "kanban"),
    ("Same-day spare parts", "Hours of line stoppage per month", "h", "decrease", "spares"),
    ("Shared demand forecast", "Order lines delivered in full", "%", "increase", "forecast"),
    ("Packaging take-back", "Minutes unpacking per delivery", "min", "decrease", "take-back"),
    (
        "E-invoicing with order matching",
        "Invoices disputed per month",
        "per month",
        "decrease",
        "e-invoicing",
    ),
    ("Dedicated service desk", "Calls resolved at first contact", "%", "increase", "desk"),
    (
        "Consignment stock on site",
        "Days of stock on the customer's shelf",
        "days",
        "decrease",
        "consignment",
    ),
    (
        "Delivery windows by text message",
        "Deliveries the receiver waited for",
        "%",
        "decrease",
        "windows",
    ),
    ("Returns collected at delivery", "Days to a credit note", "days", "decrease", "returns"),
    (
        "Usage dashboard for buyers",
        "Hours spent on reordering per week",
        "h",
        "decrease",
        "dashboard",
    ),
)

STAKES: dict[str, str] = {
    "Supply chain": "Fewer rush orders to pick.",
    "Sales": "A larger share of the customer's spend.",
    "Customer service": "Fewer complaint calls.",
    "Finance": "Fewer disputed invoices.",
    "IT": "Its platform used by a real customer.",
    "Operations": "Steadier delivery routes.",
    "Marketing": "A reference story.",
}

# Log-odds of scaling: the base, and what each practice adds.
BASE_LOG_ODDS = -2.2
EFFECTS: dict[str, float] = {
    "early_departments": 1.6,
    "champion": 0.9,
    "three_iterations": 0.7,
    "higher_order_change": 0.5,
    "low_risk_customer": 0.4,
    "premier_account": -1.3,
    "customer_voice": 1.0,
    "quick_decision": 0.2,
}


@dataclass(frozen=True)
class _Draw:
    """One pilot's practices and fate, before its history is written."""

    created_days_ago: int
    theme: tuple[str, str, str, str, str]
    customer: str
    other_customer: str
    low_risk: bool
    departments: tuple[str, ...]  # in order of engagement
    early: int  # how many of them engage before the start
    champion: bool
    declined: str | None
    never_ran: bool
    iterations: int
    higher_order: bool
    voice_iterations: int  # how many iterations the customer gave feedback on
    quick: bool
    scaled: bool
    stop_in_review: bool


def _chance(rng: random.Random, probability: float) -> bool:
    return rng.random() < probability


def _draw(rng: random.Random, index: int) -> _Draw:
    span = OLDEST_DAYS_AGO - YOUNGEST_DAYS_AGO
    created = OLDEST_DAYS_AGO - index * span // (SIZE - 1) - rng.randint(0, 6)
    premier_names = [c[0] for c in CUSTOMERS if c[3]]
    other_names = [c[0] for c in CUSTOMERS if not c[3]]
    premier = _chance(rng, 0.04)
    customer = rng.choice(premier_names if premier else other_names)
    other_customer = rng.choice([name for name in other_names if name != customer])
    low_risk = not premier and _chance(rng, 0.5)
    # Finance joined no pilot before the current ones, and Marketing, when asked, declined:
    # the portfolio's heatmap flags both, as it should.
    names = [d[0] for d in DEPARTMENTS if d[0] not in ("Finance", "Marketing")]
    rng.shuffle(names)
    count = rng.choice((2, 2, 3, 3, 4))
    early = 1 if _chance(rng, 0.45) else min(count, rng.choice((2, 2, 3)))
    champion = _chance(rng, 0.45)
    declined = "Marketing" if _chance(rng, 0.3) else None
    never_ran = _chance(rng, 0.12)
    iterations = 0 if never_ran else rng.choice((1, 2, 2, 3, 3, 4))
    higher_order = iterations > 0 and _chance(rng, 0.5)
    voice = 0
    if iterations:
        voice = min(iterations, 2 + int(_chance(rng, 0.5))) if _chance(rng, 0.06) else 0
        if not voice and _chance(rng, 0.3):
            voice = 1
    quick = _chance(rng, 0.6)
    practices = {
        "early_departments": not never_ran and early >= 2,
        "champion": champion,
        "three_iterations": iterations >= 3,
        "higher_order_change": higher_order,
        "low_risk_customer": low_risk,
        "premier_account": premier,
        "customer_voice": voice >= 2,
        "quick_decision": quick,
    }
    log_odds = BASE_LOG_ODDS + sum(EFFECTS[code] for code, on in practices.items() if on)
    scaled = not never_ran and _chance(rng, 1 / (1 + math.exp(-log_odds)))
    return _Draw(
        created_days_ago=created,
        theme=THEMES[index % len(THEMES)],
        customer=customer,
        other_customer=other_customer,
        low_risk=low_risk,
        departments=tuple(names[:count]),
        early=early,
        champion=champion,
        declined=declined,
        never_ran=never_ran,
        # A pilot that reaches a scale review has at least the two iterations its gate asks.
        iterations=max(iterations, 2) if scaled else iterations,
        higher_order=higher_order,
        voice_iterations=voice,
        quick=quick,
        scaled=scaled,
        stop_in_review=not scaled and iterations >= 2 and _chance(rng, 0.5),
    )


def _scores(rng: random.Random, low_risk: bool) -> Scores:
    """Scores whose weighted total is at least 70 (low risk) or between 40 and 69."""
    if low_risk:
        return Scores(5, rng.choice((4, 5)), 4, rng.choice((4, 5)), 4)
    return Scores(3, rng.choice((3, 4)), 3, 3, rng.choice((2, 3)))


def _story(rng: random.Random, index: int) -> PilotStory:
    draw = _draw(rng, index)
    title, metric_name, unit, direction, _ = draw.theme
    day = draw.created_days_ago
    steps: list[Step] = [Move(Stage.selecting, day - 2)]
    steps.append(AddCandidate(draw.customer, _scores(rng, draw.low_risk), "Keen to try.", day - 3))
    steps.append(
        AddCandidate(draw.other_customer, Scores(3, 3, 3, 3, 3), "A second option.", day - 3)
    )
    invited = [*draw.departments, *([draw.declined] if draw.declined else [])]
    for name in invited:
        lead = next(d[1] for d in DEPARTMENTS if d[0] == name)
        steps.append(Invite(name, lead, STAKES[name], day - 4))
    early = draw.departments[: draw.early]
    late = draw.departments[draw.early :]
    for offset, name in enumerate(early):
        status = "champion" if draw.champion and offset == 0 else "engaged"
        steps.append(Engage(name, day - 8 - offset, status=status))
    steps.append(Choose(draw.customer, day - 14))
    baseline, target = (20.0, 10.0) if direction == "decrease" else (70.0, 90.0)
    steps.append(
        AddMetric(
            key="cx",
            name=metric_name,
            unit=unit,
            direction=direction,
            kind="customer_experienced",
            baseline=baseline,
            target=target,
            days_ago=day - 15,
        )
    )
    if draw.never_ran:
        stop_day = day - rng.randint(30, 60)
        reason = f"{draw.customer} withdrew before the start."
        steps.append(Decide("stop", reason, stop_day, actor=EXEC_EMAIL))
        steps.append(
            Move(
                Stage.stopped,
                stop_day - 1,
                reason=reason,
                lessons="Agree the customer's commitment before involving departments.",
            )
        )
        return _pilot(index, title, draw, steps)

    steps.append(Decide("start", "Worth trying with one customer.", day - 20))
    start = day - 22
    steps.append(Move(Stage.running, start))
    for offset, name in enumerate(late):
        steps.append(Engage(name, start - 10 - offset))
    if draw.champion and not early:
        steps.append(Engage(draw.departments[0], start - 40, status="champion"))
    if draw.declined:
        steps.append(Engage(draw.declined, start - 12, status="declined"))

    # Iterations: each 20 to 40 days, one after the other; the customer's metric moves toward
    # its target in a pilot that scales and stays flat in one that does not.
    cursor = start - 2
    gain = (target - baseline) / max(draw.iterations, 1)
    value = baseline
    higher_at = rng.randrange(draw.iterations) if draw.higher_order else -1
    contact = f"Buyer at {draw.customer}"
    if draw.voice_iterations:
        steps.append(AskFeedback(contact, "", start - 1))
    for number in range(draw.iterations):
        length = rng.randint(20, 40)
        ended = cursor - length
        value = value + gain * (0.9 if draw.scaled else 0.1)
        steps.append(
            Iterate(
                started_days_ago=cursor,
                ended_days_ago=ended,
                changes=f"{title}, round {number + 1}.",
                change_order=rng.choice((2, 3)) if number == higher_at else 1,
                values={"cx": round(value, 1)},
                feedback="The customer noticed." if draw.scaled else "Little change so far.",
            )
        )
        if number < draw.voice_iterations:
            rating = rng.randint(3, 5) if draw.scaled else rng.randint(1, 3)
            steps.append(Respond(contact, rating, rng.randint(2, 4), ended))
        cursor = ended - 1
    review_day = min(cursor, start - 61)
    if draw.scaled or draw.stop_in_review:
        steps.append(Move(Stage.scale_review, review_day))
        decided = review_day - (rng.randint(5, 25) if draw.quick else rng.randint(40, 80))
        if draw.scaled:
            scope = f"{title} for every customer of the segment within a year."
            steps.append(Decide("scale", "It worked for the customer: roll it out.", decided))
            steps.append(Plan(scope, decided - 1, {}))
            steps.append(Move(Stage.scaling, decided - 2))
            adopted = decided - rng.randint(60, 150)
            steps.append(Plan(scope, adopted + 2, dict.fromkeys(invited, "done")))
            steps.append(Move(Stage.adopted, adopted))
            return _pilot(index, title, draw, steps)
        reason = "The customer saw too little difference to roll it out."
        steps.append(Decide("stop", reason, decided))
        steps.append(
            Move(Stage.stopped, decided - 1, reason=reason, lessons="Measure the customer early.")
        )
        return _pilot(index, title, draw, steps)
    stop_day = cursor - rng.randint(3, 15)
    reason = "No difference the customer would pay for."
    steps.append(Decide("stop", reason, stop_day))
    steps.append(
        Move(Stage.stopped, stop_day - 1, reason=reason, lessons="Check the customer's need first.")
    )
    return _pilot(index, title, draw, steps)


def _pilot(index: int, title: str, draw: _Draw, steps: list[Step]) -> PilotStory:
    return PilotStory(
        key=f"history_{index + 1:02d}",
        title=f"{title} for {draw.customer}",
        created_days_ago=draw.created_days_ago,
        hypothesis=f"If we offer {title.lower()} to {draw.customer}, it buys more from us.",
        target_outcome="business_process",
        budget=float(20_000 + 5_000 * (index % 7)),
        revenue_at_stake=float(40_000 + 10_000 * (index % 9)),
        steps=tuple(steps),
    )


def history() -> tuple[PilotStory, ...]:
    """The closed pilots, oldest first (the same every time); a title that comes round again
    is the customer's second (third …) try of the same idea."""
    rng = random.Random(SEED)  # noqa: S311 (demo data, repeatable on purpose)
    stories: list[PilotStory] = []
    seen: dict[str, int] = {}
    for index in range(SIZE):
        story = _story(rng, index)
        seen[story.title] = seen.get(story.title, 0) + 1
        if seen[story.title] > 1:
            story = replace(story, title=f"{story.title}, try {seen[story.title]}")
        stories.append(story)
    return tuple(stories)


HISTORY: tuple[PilotStory, ...] = history()
