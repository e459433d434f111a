"""``Idempotency-Key`` on POST: a retry with the same key and body gets the first answer.

The first response (status, body, ETag) is stored with a hash of the request under the
caller's identity and the key, in the same transaction as the change it answers, so a retry
either finds a committed result or repeats a request that never happened. Keys are kept 48 h.

Concurrent duplicates: the key's row is inserted *before* the change is made. A duplicate that
arrives while the first request runs inserts the same key and waits on it (PostgreSQL holds a
uniqueness check until the first transaction ends; SQLite runs one writer at a time); once the
first commits, the duplicate finds its stored answer and replays it; had the first failed, the
duplicate goes ahead as the first.
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
from sqlalchemy import Index, String, delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Column, Field, Session, SQLModel, col, select

from pilotboard.core.errors import InvalidInput
from pilotboard.core.types import JSONDocument, UTCDateTime

KEY_LIFETIME = timedelta(hours=48)
IN_PROGRESS = 0
"""The status a key's row has until its request's answer is stored (never seen committed)."""

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
    if key is None:
        model, headers = create()
        return JSONResponse(model.model_dump(mode="json"), status_code=status_code, headers=headers)
    scope = str(caller)
    if not _claim(session, scope=scope, key=key, request_hash=request_hash, now=now):
        stored = session.exec(
            select(IdempotencyRecord).where(
                IdempotencyRecord.scope == scope, IdempotencyRecord.key == key
            )
        ).one()
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
    session.execute(
        update(IdempotencyRecord)
        .where(col(IdempotencyRecord.scope) == scope, col(IdempotencyRecord.key) == key)
        .values(status_code=status_code, body=content, headers=headers)
    )
    return JSONResponse(content, status_code=status_code, headers=headers)


def _claim(session: Session, *, scope: str, key: str, request_hash: str, now: datetime) -> bool:
    """Insert the key's row, in progress; ``False`` when a committed request already holds it.

    Waits, on PostgreSQL, for a transaction that inserted the same key and has not ended yet.
    An expired row of the same key is dropped first, so the key can be used again.
    """
    session.execute(
        delete(IdempotencyRecord).where(
            col(IdempotencyRecord.scope) == scope,
            col(IdempotencyRecord.key) == key,
            col(IdempotencyRecord.created_at) < now - KEY_LIFETIME,
        )
    )
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = IdempotencyRecord.__table__  # type: ignore[attr-defined]
    statement = (
        insert(table)
        .values(
            scope=scope,
            key=key,
            request_hash=request_hash,
            status_code=IN_PROGRESS,
            body={},
            headers={},
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=[table.c.scope, table.c.key])
        .returning(table.c.key)
    )
    return session.execute(statement).first() is not None


def purge_expired(session: Session, *, now: datetime) -> int:
    """Drop keys older than their lifetime (the job runner calls this; returns how many)."""
    result = session.execute(
        delete(IdempotencyRecord).where(col(IdempotencyRecord.created_at) < now - KEY_LIFETIME)
    )
    return int(getattr(result, "rowcount", 0) or 0)
