"""The vocabulary the demo's pilot stories are written in: a pilot and the steps of its history.

Plain frozen dataclasses, no behaviour: ``load.py`` turns each step into one service call. Every
step happens ``days_ago`` days before the demo's today; steps on the same day follow each other
a few minutes apart, in the order they are listed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import NamedTuple, TypeAlias

from pilotboard.demo.cast import EDITOR_EMAIL, EXEC_EMAIL
from pilotboard.pilots.models import Stage


class Scores(NamedTuple):
    """A candidate's scores on the workspace rubric, 1 to 5 (field names are the rubric keys)."""

    low_stakes: int
    ideal_conditions: int
    eager_champion: int
    learning_value: int
    data_access: int


@dataclass(frozen=True)
class Move:
    """Move the pilot to ``stage`` (a stop or a pause gives its reason, a stop its lessons)."""

    stage: Stage
    days_ago: int
    reason: str = ""
    lessons: str = ""


@dataclass(frozen=True)
class AddCandidate:
    """A candidate customer (one of the cast's customers, by name), scored, with notes."""

    customer: str
    scores: Scores
    notes: str
    days_ago: int


@dataclass(frozen=True)
class Choose:
    """Choose the pilot's customer (one of the cast's customers, by name)."""

    customer: str
    days_ago: int


@dataclass(frozen=True)
class Invite:
    """Invite a department (by name), naming its contact and its stake in the pilot; with
    ``email``, the contact is asked to check in on every iteration."""

    department: str
    contact: str
    stake: str
    days_ago: int
    email: str = ""


@dataclass(frozen=True)
class Engage:
    """Change an invited department's status: ``engaged``, ``champion`` or ``declined``."""

    department: str
    days_ago: int
    status: str = "engaged"


@dataclass(frozen=True)
class AddMetric:
    """A metric, named by ``key`` for the iterations that measure it and for ``Reclassify``."""

    key: str
    name: str
    unit: str
    direction: str
    kind: str
    baseline: float
    target: float
    days_ago: int
    is_revenue: bool = False


@dataclass(frozen=True)
class Reclassify:
    """Change the kind of the metric added under ``key``, saying why (a success criterion: after
    the start the change needs a reason)."""

    key: str
    kind: str
    days_ago: int
    reason: str


@dataclass(frozen=True)
class Iterate:
    """An iteration, logged when it starts and closed when it ends (``ended_days_ago`` None:
    still open), with one measurement per metric key in ``values``, taken at its end or on
    ``measured_days_ago``."""

    started_days_ago: int
    ended_days_ago: int | None
    changes: str
    change_order: int
    values: Mapping[str, float]
    feedback: str = ""
    new_needs: str = ""
    learnings: str = ""
    measured_days_ago: int | None = None
    summary: str = ""  # what the customer's feedback page shows of this iteration


@dataclass(frozen=True)
class Decide:
    """A decision (``start``, ``scale``, ``stop`` …) recorded by ``actor``, dated that day."""

    kind: str
    rationale: str
    days_ago: int
    actor: str = EXEC_EMAIL


@dataclass(frozen=True)
class Discuss:
    """A comment on the pilot by ``author`` (Markdown), mentioning the people in ``mentions``
    (emails of the cast), who are notified as they would be in the app."""

    author: str
    body: str
    days_ago: int
    mentions: tuple[str, ...] = ()


@dataclass(frozen=True)
class AskFeedback:
    """A feedback link for one person at the testbed customer (``contact``: their name and
    role, the key ``Respond`` uses), emailed to ``email``."""

    contact: str
    email: str
    days_ago: int


@dataclass(frozen=True)
class Respond:
    """An answer through the feedback link of ``contact``: the two ratings (1 to 5) and the texts.
    It attaches to the pilot's latest iteration, as a real answer would."""

    contact: str
    difference: int
    effort: int
    days_ago: int
    comment: str = ""
    new_needs: str = ""


@dataclass(frozen=True)
class CheckIn:
    """A department's check-in: through the link of its latest check-in request, or recorded in
    the app by the pilot's owner when ``in_app``."""

    department: str
    benefit: str
    still_committed: bool
    days_ago: int
    blocker: str = ""
    note: str = ""
    in_app: bool = False


@dataclass(frozen=True)
class Plan:
    """Save the scale plan: one item per department still involved, with the changes
    ``PLAN_CHANGES`` names for it and its status in ``statuses`` (default ``planned``)."""

    scope: str
    days_ago: int
    statuses: Mapping[str, str]


Step: TypeAlias = (
    Move
    | AddCandidate
    | Choose
    | Invite
    | Engage
    | AddMetric
    | Reclassify
    | Iterate
    | Decide
    | Discuss
    | AskFeedback
    | Respond
    | CheckIn
    | Plan
)


@dataclass(frozen=True)
class PilotStory:
    """One pilot: created by ``owner`` ``created_days_ago`` days ago, then its ``steps``.

    ``key`` is the short name the tests and ``DemoResult.pilots`` use.
    """

    key: str
    title: str
    created_days_ago: int
    hypothesis: str
    target_outcome: str
    budget: float
    revenue_at_stake: float
    steps: tuple[Step, ...]
    owner: str = EDITOR_EMAIL
    sponsor: str = EXEC_EMAIL
