"""API shapes of the customer's voice: feedback links (the team's side), the public feedback page
and its answer, and the responses as the team reads them."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic.config import JsonDict

from pilotboard.core.fields import ONE_LINE_PATTERN, OneLine, Text
from pilotboard.pilots.feedback.models import MAX_TEXT
from pilotboard.pilots.schemas import Body, Stamped

MAX_NAME = 120

_LINK = "8a4c2e1f-5b6d-4e7f-9a0b-1c2d3e4f5a6b"
_RESPONSE = "0f1e2d3c-4b5a-4987-8a6b-5c4d3e2f1a0b"
_ITERATION = "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a"
_USER = "6f1c2a9e-4b7d-4c1e-9a53-0d2f8b7e5a10"
_TOKEN = "q7Vd0fK2mR9sT4wX1yZ3aB5cD8eF6gH0iJ2kL4mN6oP"  # noqa: S105 (an example)
_TS = "2026-11-22T10:00:00Z"


def _whole_number(value: object) -> object:
    """A rating is a JSON number (`4`, or `4.0`): never `true` or `"4"`."""
    if isinstance(value, bool | str):
        raise ValueError("Must be a whole number from 1 to 5.")
    return value


Rating = Annotated[int, BeforeValidator(_whole_number)]  # with `Field(ge=1, le=5)` on the field


class LinkState(StrEnum):
    active = "active"
    expired = "expired"
    revoked = "revoked"


# --- the team's side: links --------------------------------------------------------------------


class FeedbackLinkCreate(Body):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "example": {
                "contact_name": "Dr. Lena Hart, head nurse",
                "contact_email": "lena.hart@st-agnes.example",
                "expires_on": "2027-03-31",
            }
        },
    )

    contact_name: OneLine = Field(
        min_length=1,
        # Not blank either (it is trimmed): a character other than white space at least.
        json_schema_extra={"pattern": "^(?=.*\\S)" + ONE_LINE_PATTERN},
        max_length=MAX_NAME,
        description="Who at the testbed customer the link is for (their name, perhaps their "
        "role): one line. The feedback page greets them by it.",
    )
    contact_email: str | None = Field(
        default=None,
        max_length=254,
        description="Where to email the link (`null`: nobody is emailed; pass the `url` on "
        "yourself). A malformed address → 422 naming this field.",
    )
    expires_on: date | None = Field(
        default=None,
        description="The link works through this UTC date (`null`: until revoked). Not in the "
        "past, else 422 naming this field.",
    )


_LINK_EXAMPLE: JsonDict = {
    "id": _LINK,
    "contact_name": "Dr. Lena Hart, head nurse",
    "contact_email": "lena.hart@st-agnes.example",
    "expires_on": "2027-03-31",
    "created_at": _TS,
    "updated_at": _TS,
    "created_by": _USER,
    "revoked_at": None,
    "state": "active",
    "responses": 3,
    "last_response_at": "2026-12-01T08:30:00Z",
}


class FeedbackLinkPublic(Stamped):
    model_config = ConfigDict(json_schema_extra={"example": _LINK_EXAMPLE})

    contact_name: str = Field(description="Who at the testbed customer the link is for.")
    contact_email: str | None = Field(
        description="Where the link was emailed; `null` when it was not."
    )
    expires_on: date | None = Field(
        description="The link works through this UTC date; `null`: until revoked."
    )
    created_by: uuid.UUID | None = Field(
        description="Who made the link; `null` when that account no longer exists (read-only)."
    )
    revoked_at: datetime | None = Field(
        description="When it was revoked; `null` while it is not (read-only)."
    )
    state: LinkState = Field(
        description="`active` (it opens the feedback page), `expired` (past `expires_on`) or "
        "`revoked` (read-only)."
    )
    responses: int = Field(description="How many responses came through it (read-only).")
    last_response_at: datetime | None = Field(
        description="When the latest response came; `null` before the first (read-only)."
    )


class FeedbackLinkCreated(FeedbackLinkPublic):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                **_LINK_EXAMPLE,
                "responses": 0,
                "last_response_at": None,
                "token": _TOKEN,
                "url": f"https://pilotboard.example.com/feedback/{_TOKEN}",
            }
        }
    )

    token: str = Field(
        description="The link's secret, shown this once (only its hash is stored). Anyone "
        "holding it can answer, so share it with the contact only."
    )
    url: str = Field(
        description="The customer's page: `PILOTBOARD_PUBLIC_URL/feedback/{token}` (shown this "
        "once)."
    )


# --- the public page ---------------------------------------------------------------------------


class FeedbackIteration(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "number": 2,
                "started_on": "2026-11-02",
                "summary": "Your ward's dressings are now restocked at 6 a.m., before the day "
                "shift starts.",
            }
        }
    )

    number: int = Field(description="The iteration's number (1, 2, …).")
    started_on: date = Field(description="When it started.")
    summary: str = Field(
        description="What changed, written for the customer (the iteration's "
        "`customer_summary`; empty when the team wrote none)."
    )


class FeedbackPage(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "workspace_name": "Field services",
                "pilot_title": "Vendor-managed inventory",
                "customer_name": "St. Agnes Hospital",
                "contact_name": "Dr. Lena Hart, head nurse",
                "iteration": {
                    "number": 2,
                    "started_on": "2026-11-02",
                    "summary": "Your ward's dressings are now restocked at 6 a.m.",
                },
            }
        }
    )

    workspace_name: str = Field(description="Who is asking (the workspace's name).")
    pilot_title: str = Field(description="What the feedback is about.")
    customer_name: str = Field(description="The testbed customer's name.")
    contact_name: str = Field(description="Whom the link was made for.")
    iteration: FeedbackIteration | None = Field(
        description="The pilot's latest iteration (the one an answer is about); `null` before "
        "the first."
    )


class FeedbackSubmit(Body):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        json_schema_extra={
            "example": {
                "respondent_name": "Lena Hart",
                "difference": 4,
                "effort": 5,
                "comment": "The night shift no longer runs out of dressings.",
                "new_needs": "The same for IV fluids, please.",
            }
        },
    )

    respondent_name: OneLine = Field(
        default="",
        max_length=MAX_NAME,
        description="Who answers (optional; one line). Several people may answer through one link.",
    )
    difference: Rating = Field(
        ge=1,
        le=5,
        description="How much difference does this make for you? 1 (none) to 5 (a great deal).",
    )
    effort: Rating = Field(
        ge=1, le=5, description="How easy is working with us on it? 1 (hard) to 5 (easy)."
    )
    comment: Text = Field(
        default="",
        max_length=MAX_TEXT,
        description="Anything you want to tell the team (optional, at most 4,000 characters).",
    )
    new_needs: Text = Field(
        default="",
        max_length=MAX_TEXT,
        description="What else you would need (optional, at most 4,000 characters).",
    )


class FeedbackReceipt(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"example": {"id": _RESPONSE, "created_at": _TS, "iteration_number": 2}}
    )

    id: uuid.UUID = Field(description="The response's id.")
    created_at: datetime = Field(description="When it was recorded.")
    iteration_number: int | None = Field(
        description="The iteration it is about (the pilot's latest); `null` before the first."
    )


# --- the team's side: responses ----------------------------------------------------------------


class FeedbackResponsePublic(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "example": {
                "id": _RESPONSE,
                "iteration_id": _ITERATION,
                "iteration_number": 2,
                "link_id": _LINK,
                "respondent_name": "Lena Hart",
                "difference": 4,
                "effort": 5,
                "comment": "The night shift no longer runs out of dressings.",
                "new_needs": "The same for IV fluids, please.",
                "created_at": _TS,
            }
        }
    )

    id: uuid.UUID = Field(description="The response's id.")
    iteration_id: uuid.UUID | None = Field(
        description="The iteration it is about (the pilot's latest when it came); `null` "
        "before the first, or when that iteration was deleted."
    )
    iteration_number: int | None = Field(
        description="That iteration's number; `null` with `iteration_id`."
    )
    link_id: uuid.UUID | None = Field(
        description="The feedback link it came through (`null` when restored from an export "
        "without it)."
    )
    respondent_name: str = Field(description="Who answered; empty when they did not say.")
    difference: int = Field(description="How much difference it makes for them: 1 to 5.")
    effort: int = Field(description="How easy working with the team is: 1 (hard) to 5 (easy).")
    comment: str = Field(description="What they said.")
    new_needs: str = Field(description="What else they would need.")
    created_at: datetime = Field(description="When it came.")
