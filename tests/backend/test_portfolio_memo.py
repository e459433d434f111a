"""The portfolio's health memo: a re-evaluation is reused only for exactly the same inputs."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest

from pilotboard.pilots.health import rules
from pilotboard.portfolio import service
from pilotboard.portfolio.service import HealthMemo
from pilotboard.portfolio.sql import EPOCH_ORDINAL

THRESHOLDS = dict(rules.DEFAULT_THRESHOLDS)
KEY = tuple(sorted(THRESHOLDS.items()))
AS_OF = date(2026, 11, 22)
ENTERED = date(2026, 6, 1).toordinal() - EPOCH_ORDINAL


def facts_text(latest_iteration_on: str) -> str:
    return json.dumps(
        {
            "latest_iteration_on": latest_iteration_on,
            "iteration_count": 3,
            "recent_iterations_measured": [True, True, True],
            "metric_count": 2,
            "customer_metric_count": 1,
            "engaged_departments": 2,
            "sponsor_active": True,
        }
    )


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[date]:
    """Every real evaluation the memo makes, by its as_of."""
    seen: list[date] = []
    real = rules.evaluate_health

    def counting(facts: rules.Facts, thresholds: Any, as_of: date) -> rules.HealthResult:
        seen.append(as_of)
        return real(facts, thresholds, as_of)

    monkeypatch.setattr(service.rules, "evaluate_health", counting)
    return seen


def test_the_same_inputs_are_evaluated_once(calls: list[date]) -> None:
    memo = HealthMemo()
    stalled = facts_text("2026-09-01")
    first = memo.evaluate(stalled, "running", ENTERED, THRESHOLDS, KEY, AS_OF)
    again = memo.evaluate(stalled, "running", ENTERED, THRESHOLDS, KEY, AS_OF)
    assert again is first
    assert calls == [AS_OF]
    health, reasons, printed = first
    assert health == "stalled"
    assert [r.code for r in reasons] == ["no_recent_iteration"]
    assert printed == (
        {
            "code": "no_recent_iteration",
            "severity": "stalled",
            "message": "No iteration for 82 days since the latest iteration (more than 45): "
            "log what changed with the customer.",
        },
    )


def test_any_other_input_is_evaluated_again(calls: list[date]) -> None:
    memo = HealthMemo()
    stalled = facts_text("2026-09-01")
    base = memo.evaluate(stalled, "running", ENTERED, THRESHOLDS, KEY, AS_OF)
    # A day later: the day count in the message moves.
    later = memo.evaluate(stalled, "running", ENTERED, THRESHOLDS, KEY, date(2026, 11, 23))
    assert later[2][0]["message"].startswith("No iteration for 83 days")
    # New facts (an iteration was logged): on track again.
    fresh = memo.evaluate(facts_text("2026-11-20"), "running", ENTERED, THRESHOLDS, KEY, AS_OF)
    assert fresh[0] == "on_track"
    # Other thresholds: no longer stalled at 90 days.
    relaxed = {**THRESHOLDS, "no_iteration_days": 90}
    relaxed_key = tuple(sorted(relaxed.items()))
    assert memo.evaluate(stalled, "running", ENTERED, relaxed, relaxed_key, AS_OF)[0] == "on_track"
    # Another stage or stage entry day.
    memo.evaluate(stalled, "scale_review", ENTERED, THRESHOLDS, KEY, AS_OF)
    memo.evaluate(stalled, "running", ENTERED + 1, THRESHOLDS, KEY, AS_OF)
    assert len(calls) == 6
    assert memo.evaluate(stalled, "running", ENTERED, THRESHOLDS, KEY, AS_OF) is base
    assert len(calls) == 6


def test_pilots_without_stored_facts_are_on_track_without_evaluation(calls: list[date]) -> None:
    assert HealthMemo().evaluate(None, "running", ENTERED, THRESHOLDS, KEY, AS_OF) == (
        "on_track",
        (),
        (),
    )
    assert calls == []


def test_the_memo_is_bounded(calls: list[date]) -> None:
    memo = HealthMemo(limit=2)
    texts = [facts_text(f"2026-09-0{day}") for day in (1, 2, 3)]
    for text in texts:
        memo.evaluate(text, "running", ENTERED, THRESHOLDS, KEY, AS_OF)
    assert len(calls) == 3
    # The third entry emptied it first: only the third is still known.
    memo.evaluate(texts[2], "running", ENTERED, THRESHOLDS, KEY, AS_OF)
    assert len(calls) == 3
    memo.evaluate(texts[0], "running", ENTERED, THRESHOLDS, KEY, AS_OF)
    assert len(calls) == 4
