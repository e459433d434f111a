"""Entity tags: every single-object read carries one, every write may demand it (If-Match)."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Header, Response
from pydantic import BaseModel

from pilotboard.core.errors import PreconditionFailed


def etag_of(model: BaseModel) -> str:
    """The hash of the read shape, without the `etag` field a list item carries, so the item's
    tag and its single read's tag are the same string."""
    digest = hashlib.sha256(model.model_dump_json(exclude={"etag"}).encode()).hexdigest()[:32]
    return f'"{digest}"'


def version_etag(*parts: object) -> str:
    """A tag from an object's version (its id and `updated_at`), not from its whole shape.

    For objects whose read shape carries derived fields (a total, a count, a flag or a name
    looked up elsewhere): those change without anyone editing the object, and a tag hashed from
    the shape would then refuse a write nobody raced with. Every edit must move `updated_at`."""
    text = ":".join(
        p.astimezone(UTC).isoformat() if isinstance(p, datetime) else str(p) for p in parts
    )
    return f'"{hashlib.sha256(text.encode()).hexdigest()[:32]}"'


def set_etag(response: Response, model: BaseModel, *, etag: str | None = None) -> None:
    response.headers["ETag"] = etag or etag_of(model)


IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        max_length=200,
        description="The ETag you read; the write is refused with 412 if the object changed since.",
    ),
]


def check_if_match(
    if_match: str | None,
    current: BaseModel | Callable[[], BaseModel],
    *,
    what: str,
    etag: str | None = None,
) -> None:
    """Refuse the write when the client's ETag no longer matches the stored object.

    ``etag`` is the object's tag when it is not the hash of ``current`` (see `version_etag`);
    ``current`` may then be a function, called only to put the object in the 412 answer."""
    if if_match is None:
        return
    candidates = {tag.strip().removeprefix("W/") for tag in if_match.split(",")}
    if "*" in candidates:
        return
    if etag is not None and etag in candidates:
        return
    model = current if isinstance(current, BaseModel) else current()
    if etag is None and etag_of(model) in candidates:
        return
    raise PreconditionFailed(
        f"The {what} changed since you read it. Reload it, then apply your change again.",
        extra={"current": model.model_dump(mode="json")},
    )
