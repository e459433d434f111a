"""API shape of what the portfolio teaches (field names and definitions as API.md fixes them)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

PracticeCode = Literal[
    "early_departments",
    "champion",
    "three_iterations",
    "higher_order_change",
    "customer_metric",
    "low_risk_customer",
    "premier_account",
    "customer_voice",
    "quick_decision",
]

_WITH = {"pilots": 14, "scaled": 11, "rate": 0.785714, "ci_low": 0.524094, "ci_high": 0.924271}
_WITHOUT = {"pilots": 12, "scaled": 3, "rate": 0.25, "ci_low": 0.089303, "ci_high": 0.532265}
_EVIDENCE: dict[str, Any] = {
    "code": "early_departments",
    "label": "Two departments engaged before the start",
    "explanation": "At least two departments had engaged (their `engaged_on` date) on or before "
    "the day the pilot first entered running.",
    "with": _WITH,
    "without": _WITHOUT,
    "difference": 0.535714,
    "enough_data": True,
}
LEARNING_EXAMPLE: dict[str, Any] = {
    "as_of": "2026-11-22",
    "closed": {"scaled": 14, "stopped": 12},
    "practices": [
        _EVIDENCE,
        {
            "code": "premier_account",
            "label": "A premier-account customer",
            "explanation": "The chosen testbed customer is a premier account.",
            "with": {"pilots": 3, "scaled": 0, "rate": 0.0, "ci_low": 0.0, "ci_high": 0.561497},
            "without": {
                "pilots": 23,
                "scaled": 14,
                "rate": 0.608696,
                "ci_low": 0.40789,
                "ci_high": 0.778425,
            },
            "difference": -0.608696,
            "enough_data": False,
        },
    ],
}
PRACTICES_EXAMPLE: dict[str, Any] = {
    "as_of": "2026-11-22",
    "items": [
        {**_EVIDENCE, "follows": False},
        {
            "code": "quick_decision",
            "label": "A quick scale-review decision",
            "explanation": "An executive decided (scale, continue, pivot or stop) within 30 days "
            "of the pilot first entering scale review.",
            "with": {"pilots": 0, "scaled": 0, "rate": None, "ci_low": None, "ci_high": None},
            "without": _WITHOUT,
            "difference": None,
            "enough_data": False,
            "follows": None,
        },
    ],
}


class PracticeSide(BaseModel):
    pilots: int = Field(description="Closed pilots on this side of the practice.")
    scaled: int = Field(description="Of them, those that scaled (`adopted` or `scaling`).")
    rate: float | None = Field(
        description="scaled ÷ pilots, rounded to 6 decimals; `null` when there is no pilot."
    )
    ci_low: float | None = Field(
        description="Lower bound of the 95 % Wilson score interval of `rate` (6 decimals); "
        "`null` when there is no pilot."
    )
    ci_high: float | None = Field(
        description="Upper bound of the 95 % Wilson score interval of `rate` (6 decimals); "
        "`null` when there is no pilot."
    )


class _Evidence(BaseModel):
    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)

    code: PracticeCode = Field(description="Which practice.")
    label: str = Field(description="A short noun phrase naming the practice, for people.")
    explanation: str = Field(description="One plain sentence: what counts as following it.")
    with_: PracticeSide = Field(
        alias="with", description="The closed pilots that followed the practice."
    )
    without: PracticeSide = Field(description="The closed pilots that did not.")
    difference: float | None = Field(
        description="with.rate - without.rate (6 decimals); `null` unless both rates exist."
    )
    enough_data: bool = Field(
        description="Each side has at least 5 closed pilots: below that, the difference says "
        "next to nothing."
    )


class PracticeEvidence(_Evidence):
    """One practice, and how the closed pilots that followed it fared against the others."""


class ClosedCount(BaseModel):
    scaled: int = Field(
        description="Closed pilots that scaled: `adopted` or `scaling` as of `as_of`."
    )
    stopped: int = Field(description="Closed pilots that did not: `stopped` as of `as_of`.")


class PortfolioLearning(BaseModel):
    """Which practices went with scaling, from the workspace's own closed pilots."""

    model_config = ConfigDict(json_schema_extra={"example": LEARNING_EXAMPLE})

    as_of: date = Field(description="The date the history is read up to (default today).")
    closed: ClosedCount = Field(
        description="The closed pilots (matching the filters) the evidence is drawn from."
    )
    practices: list[PracticeEvidence] = Field(
        description="Every practice: `enough_data` first, then by |difference| descending, "
        "null differences last."
    )


class PilotPractice(_Evidence):
    """Whether the pilot follows a practice, beside the workspace's evidence for it."""

    follows: bool | None = Field(
        description="`true` once the pilot follows the practice, `false` once it can no longer "
        "(a closed pilot is judged as the evidence counts it), `null` while it cannot be known "
        "yet (e.g. fewer than three iterations while the pilot is still open)."
    )


class PilotPractices(BaseModel):
    """The pilot against every practice of what the portfolio teaches."""

    model_config = ConfigDict(json_schema_extra={"example": PRACTICES_EXAMPLE})

    as_of: date = Field(description="The date the history is read up to (default today).")
    items: list[PilotPractice] = Field(
        description="Every practice, in a fixed order (the order of the documentation); "
        "`with` and `without` are the workspace's evidence over all its closed pilots "
        "(no filters), as in `GET /portfolio/learning`."
    )
