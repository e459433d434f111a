"""What every domain's ``backup.py`` shares: the restore context (the id map, the people resolved,
``now``) and the helpers that read a workspace's table, or fill one, in a single statement."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar, cast

from sqlalchemy import Table, insert
from sqlmodel import Session, SQLModel, select

M = TypeVar("M", bound=SQLModel)


# --- export ----------------------------------------------------------------------------------


def workspace_rows(
    session: Session, model: type[M], workspace_id: uuid.UUID, *order: Any
) -> list[M]:
    """Every row of ``model``'s table in the workspace, in ``order`` (one query)."""
    table_column = cast(Any, model).workspace_id
    return list(session.exec(select(model).where(table_column == workspace_id).order_by(*order)))


def grouped(rows: Iterable[M], key: Callable[[M], uuid.UUID]) -> dict[uuid.UUID, list[M]]:
    """``rows`` by ``key``, each group in the order of ``rows``."""
    groups: dict[uuid.UUID, list[M]] = defaultdict(list)
    for row in rows:
        groups[key(row)].append(row)
    return groups


def attributes(obj: Any, schema: type[Any]) -> dict[str, Any]:
    """The attributes of ``obj`` that ``schema`` has a field for."""
    return {name: getattr(obj, name) for name in schema.model_fields if hasattr(obj, name)}


# --- restore ---------------------------------------------------------------------------------


class IdMap:
    """Old id → new id. New ids are handed out in ascending order within each batch, so objects
    listed oldest first keep their (created_at, id) order, and lists read the same."""

    def __init__(self) -> None:
        self.known: dict[uuid.UUID, uuid.UUID] = {}

    def assign(self, old_ids: Sequence[uuid.UUID]) -> list[uuid.UUID]:
        new_ids = sorted(uuid.uuid4() for _ in old_ids)
        for old, new in zip(old_ids, new_ids, strict=True):
            self.known[old] = new
        return new_ids

    def __getitem__(self, old: uuid.UUID) -> uuid.UUID:
        return self.known[old]

    def get(self, old: uuid.UUID | None) -> uuid.UUID | None:
        return None if old is None else self.known.get(old)

    def or_fresh(self, old: uuid.UUID | None) -> uuid.UUID | None:
        """Ids of objects that no longer exist get a new id too (the same one every time)."""
        if old is None:
            return None
        if old not in self.known:
            self.known[old] = uuid.uuid4()
        return self.known[old]

    def rewrite(self, value: Any) -> Any:
        """Replace every id this map knows inside a JSON value (activity snapshots)."""
        if isinstance(value, dict):
            return {key: self.rewrite(item) for key, item in value.items()}
        if isinstance(value, list):
            return [self.rewrite(item) for item in value]
        if isinstance(value, str) and len(value) == 36:
            try:
                old = uuid.UUID(value)
            except ValueError:
                return value
            new = self.known.get(old)
            return str(new) if new is not None else value
        return value


@dataclass
class RestoreContext:
    """What a domain's restore needs to know besides its part of the document."""

    workspace_id: uuid.UUID
    """The new workspace."""
    ids: IdMap
    """Every id restored so far (the people's included), old → new."""
    users: dict[uuid.UUID, uuid.UUID]
    """The file's user id → the account here with the same email (people without one absent)."""
    fallback_owner: uuid.UUID
    """Owns the pilots whose owner has no account here."""
    now: datetime

    def person(self, old: uuid.UUID | None) -> uuid.UUID | None:
        """The account standing for a person of the file, or ``None`` (unknown, or no account)."""
        return self.users.get(old) if old else None


def stamps(obj: Any) -> dict[str, Any]:
    """An object's ``created_at`` and ``updated_at`` (a restore keeps them)."""
    return {"created_at": obj.created_at, "updated_at": obj.updated_at}


def bulk_insert(session: Session, model: type[SQLModel], rows: list[dict[str, Any]]) -> None:
    """One ``INSERT`` for all ``rows`` (none when there are none), through the session so that
    the derived columns hear of it (``core/derived.py``)."""
    if rows:
        session.execute(insert(cast(Table, cast(Any, model).__table__)), rows)
