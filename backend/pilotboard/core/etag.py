"""Entity tags: every single-object read carries one, every write may demand it (If-Match)."""

from __future__ import annotations

import hashlib
from typing import Annotated

from fastapi import Header, Response
from pydantic import BaseModel

from pilotboard.core.errors import PreconditionFailed


def etag_of(model: BaseModel) -> str:
    digest = hashlib.sha256(model.model_dump_json().encode()).hexdigest()[:32]
    return f'"{digest}"'


def set_etag(response: Response, model: BaseModel) -> None:
    response.headers["ETag"] = etag_of(model)


IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        max_length=200,
        description="The ETag you read; the write is refused with 412 if the object changed since.",
    ),
]


def check_if_match(if_match: str | None, current: BaseModel, *, what: str) -> None:
    """Refuse the write when the client's ETag no longer matches the stored object."""
    if if_match is None:
        return
    candidates = {tag.strip().removeprefix("W/") for tag in if_match.split(",")}
    if "*" in candidates or etag_of(current) in candidates:
        return
    raise PreconditionFailed(
        f"The {what} changed since you read it. Reload it, then apply your change again.",
        extra={"current": current.model_dump(mode="json")},
    )
