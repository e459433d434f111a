"""API shapes of the comments on a pilot."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, ConfigDict, Field

from pilotboard.core.fields import refuses_null
from pilotboard.pilots.comments.models import MAX_BODY
from pilotboard.pilots.schemas import Body, Stamped

MAX_MENTIONS = 50

_U = "6f1c2a9e-4b7d-4c1e-9a53-0d2f8b7e5a10"
_BODY_EXAMPLE = (
    "@Erin the ward numbers are in: stock-outs **down 40%** since iteration 2. "
    "Details: https://wiki.example.com/vmi\n\nCan we take the scale decision on Monday?"
)


def _markdown(value: str) -> str:
    """Blank lines before and white space after the text go (indentation on the first line,
    which means code to Markdown, stays); a comment of white space only is refused."""
    if not value.strip():
        raise ValueError("Write something: a comment cannot be empty.")
    return value.lstrip("\r\n").rstrip()


CommentBody = Annotated[
    str,
    Field(
        description="The comment in Markdown (at most 10,000 characters). Raw HTML is not "
        "rendered: tags show as text.",
        min_length=1,
        max_length=MAX_BODY,
        # Documents what `_markdown` refuses: white space only (its message is friendlier).
        json_schema_extra={"pattern": r"\S"},
    ),
    AfterValidator(_markdown),
]


class CommentCreate(Body):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=False,  # Markdown: leading indentation is meaningful
        json_schema_extra={"example": {"body": _BODY_EXAMPLE, "mentions": [_U]}},
    )

    body: CommentBody
    mentions: list[uuid.UUID] = Field(
        default_factory=list,
        max_length=MAX_MENTIONS,
        description="Members mentioned (user ids, at most 50; repeats count once). Each must be "
        "an active member of the workspace, else 422 naming `mentions`; each is notified "
        "(`mentioned`).",
    )


class CommentUpdate(Body):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=False,
        json_schema_extra={"example": {"body": _BODY_EXAMPLE + "\n\n(Edited: Monday 10:00.)"}},
    )

    body: CommentBody | None = Field(
        default=None,
        description="The new Markdown (at most 10,000 characters).",
        json_schema_extra=refuses_null,
    )
    mentions: list[uuid.UUID] | None = Field(
        default=None,
        max_length=MAX_MENTIONS,
        description="The new list of members mentioned (replaces the old one); members added "
        "to it are notified (`mentioned`), those already mentioned are not notified again.",
        json_schema_extra=refuses_null,
    )


class CommentPublic(Stamped):
    body: str = Field(description="The Markdown source, as written.")
    body_html: str = Field(
        description="The Markdown rendered as sanitised HTML (read-only): no raw HTML, no "
        'images, links only to `http`, `https` and `mailto` with `rel="noopener nofollow"`.'
    )
    author_id: uuid.UUID | None = Field(
        description="Who wrote it; `null` when that account no longer exists (read-only)."
    )
    author_name: str | None = Field(
        description="The author's name; `null` when the account no longer exists (read-only)."
    )
    mentions: list[uuid.UUID] = Field(description="The members mentioned, in the order given.")
    edited_at: datetime | None = Field(
        description="When the author last edited the body or the mentions; `null` if never "
        "(read-only)."
    )
