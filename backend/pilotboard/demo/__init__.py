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

The story is data: ``cast.py`` (logins, people, departments, customers), ``steps.py`` (the
vocabulary of a pilot's history) and ``stories/`` (the seventeen pilots, by theme). ``load.py``
walks it and calls the services; it only flushes, the caller owns the transaction.
"""

from __future__ import annotations

from pilotboard.demo.cast import CUSTOMERS, DEMO_WORKSPACE, LOGINS
from pilotboard.demo.load import (
    DemoResult,
    build_demo,
    demo_summary,
    find_demo_workspace,
)
from pilotboard.demo.stories import TITLES

__all__ = [
    "CUSTOMERS",
    "DEMO_WORKSPACE",
    "LOGINS",
    "TITLES",
    "DemoResult",
    "build_demo",
    "demo_summary",
    "find_demo_workspace",
]
