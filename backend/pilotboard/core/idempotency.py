"""``Idempotency-Key`` on POST: a retry with the same key and body gets the first answer.

The first response (status, body, ETag) is stored with a hash of the request under the
caller's identity and the key, in the same transaction as the change it answers, so a retry
either finds a committed result or repeats a request that never happened. Keys are kept 48 h.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Annotated, Any

from fastapi import Header, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import Index, String, delete
from sqlmodel import Column, Field, Session, SQLModel, col, select

from pilotboard.core.errors import InvalidInput
from pilotboard.core.types import JSONDocument, UTCDateTime

KEY_LIFETIME = timedelta(hours=48)

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        description="Retry-safe POST: the same key with the same body returns the first result.",
    ),
]


class IdempotencyRecord(SQLModel, table=True):
    __tablename__ = "idempotency_keys"
    __table_args__ = (Index("ix_idempotency_keys_created_at", "created_at"),)

    scope: str = Field(sa_type=String(80), primary_key=True)
    key: str = Field(sa_type=String(200), primary_key=True)
    request_hash: str = Field(sa_type=String(64))
    status_code: int
    body: Any = Field(sa_column=Column(JSONDocument, nullable=False))
    headers: dict[str, str] = Field(
        default_factory=dict, sa_column=Column(JSONDocument, nullable=False)
    )
    created_at: datetime = Field(sa_type=UTCDateTime)


def _request_hash(request: Request, body: BaseModel | None) -> str:
    payload = {
        "method": request.method,
        "path": request.url.path,
        "body": body.model_dump(mode="json") if body is not None else None,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()


def idempotent(
    session: Session,
    *,
    request: Request,
    key: str | None,
    caller: uuid.UUID,
    body: BaseModel | None,
    now: datetime,
    status_code: int,
    create: Callable[[], tuple[BaseModel, dict[str, str]]],
) -> JSONResponse:
    """Run ``create`` once per (caller, key); replay its stored response on retries."""
    request_hash = _request_hash(request, body)
    if key is not None:
        session.execute(
            delete(IdempotencyRecord).where(col(IdempotencyRecord.created_at) < now - KEY_LIFETIME)
        )
        stored = session.exec(
            select(IdempotencyRecord).where(
                IdempotencyRecord.scope == str(caller), IdempotencyRecord.key == key
            )
        ).first()
        if stored is not None:
            if stored.request_hash != request_hash:
                raise InvalidInput.field(
                    ["header", "Idempotency-Key"],
                    "This key was used with a different request; use a new key for a new request.",
                )
            return JSONResponse(
                stored.body,
                status_code=stored.status_code,
                headers={**stored.headers, "Idempotent-Replayed": "true"},
            )
    model, headers = create()
    content = model.model_dump(mode="json")
    if key is not None:
        session.add(
            IdempotencyRecord(
                scope=str(caller),
                key=key,
                request_hash=request_hash,
                status_code=status_code,
                body=content,
                headers=headers,
                created_at=now,
            )
        )
        session.flush()
    return JSONResponse(content, status_code=status_code, headers=headers)
