"""Keyset (cursor) pagination: stable under inserts and as fast on page 1,000 as on page 1."""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Depends, Query
from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, Select, TypeDecorator, and_, or_

from pilotboard.core.errors import InvalidInput

T = TypeVar("T")
S = TypeVar("S", bound=Select[Any] | Select[Any, Any])

DEFAULT_LIMIT = 50
MAX_LIMIT = 200


class Page(BaseModel, Generic[T]):
    items: list[T] = Field(description="This page's items, in a stable order.")
    next_cursor: str | None = Field(
        description="Pass as `cursor` to get the next page; `null` on the last page."
    )


@dataclass(frozen=True)
class ListParams:
    limit: int
    cursor: str | None


def _list_params(
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description="Items per page (default 50, at most 200).")
    ] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None,
        Query(max_length=512, description="The `next_cursor` of the previous page."),
    ] = None,
) -> ListParams:
    return ListParams(limit=limit, cursor=cursor)


ListParamsDep = Annotated[ListParams, Depends(_list_params)]


def encode_cursor(values: Sequence[Any]) -> str:
    raw = json.dumps(
        [
            v.isoformat() if isinstance(v, datetime) else str(v) if isinstance(v, uuid.UUID) else v
            for v in values
        ]
    )
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, size: int) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise InvalidInput.field(["query", "cursor"], "Not a cursor this API issued.") from exc
    if not isinstance(values, list) or len(values) != size:
        raise InvalidInput.field(["query", "cursor"], "Not a cursor this API issued.")
    return values


@dataclass(frozen=True)
class SortKey:
    """The ordered columns of a keyset; the last one must be unique (the id)."""

    columns: tuple[Any, ...]
    descending: bool = False
    parsers: tuple[Any, ...] = ()

    def order_by(self) -> list[ColumnElement[Any]]:
        return [c.desc() if self.descending else c.asc() for c in self.columns]

    def after(self, values: Sequence[Any]) -> ColumnElement[bool]:
        """Rows strictly after ``values`` in this order (row-value comparison, spelled out)."""
        clauses = []
        for index, column in enumerate(self.columns):
            equal = [self.columns[i] == values[i] for i in range(index)]
            beyond = column < values[index] if self.descending else column > values[index]
            clauses.append(and_(*equal, beyond))
        return or_(*clauses)

    def parse(self, raw: list[Any]) -> list[Any]:
        parsers = self.parsers or tuple(_parser_for(c) for c in self.columns)
        try:
            return [
                parse(value) if value is not None else None
                for parse, value in zip(parsers, raw, strict=True)
            ]
        except (TypeError, ValueError) as exc:
            raise InvalidInput.field(["query", "cursor"], "Not a cursor this API issued.") from exc


def _parser_for(column: Any) -> Any:
    python_type: type[Any] | None
    column_type = column.type
    if isinstance(column_type, TypeDecorator):
        column_type = column_type.impl_instance
    try:
        python_type = column_type.python_type
    except NotImplementedError:
        python_type = None
    if python_type is uuid.UUID:
        return uuid.UUID
    if python_type is datetime:
        return datetime.fromisoformat
    if python_type is int:
        return int
    if python_type is float:
        return float
    return str


def paginate_query(statement: S, key: SortKey, params: ListParams) -> S:
    """Apply the cursor and the limit (fetching one extra row to know if a next page exists)."""
    paged: Any = statement
    if params.cursor:
        paged = paged.where(key.after(key.parse(decode_cursor(params.cursor, len(key.columns)))))
    result: S = paged.order_by(*key.order_by()).limit(params.limit + 1)
    return result


def cut_page(
    rows: Sequence[T], key: SortKey, params: ListParams, values_of: Any
) -> tuple[list[T], str | None]:
    """Split the fetched rows into this page and the cursor of the next one."""
    items = list(rows[: params.limit])
    if len(rows) <= params.limit or not items:
        return items, None
    return items, encode_cursor(values_of(items[-1]))


def page_in_memory(
    items: Sequence[T], params: ListParams, values_of: Any
) -> tuple[list[T], str | None]:
    """Keyset pagination over a bounded list (a pilot's own records), ordered by
    ``values_of(item)``: two values whose string forms sort like the items (ISO times, ids,
    zero-padded numbers)."""
    start = 0
    if params.cursor:
        after = [str(v) for v in decode_cursor(params.cursor, 2)]
        start = next(
            (i for i, item in enumerate(items) if [_plain(v) for v in values_of(item)] > after),
            len(items),
        )
    window = list(items[start : start + params.limit + 1])
    return cut_page(window, SortKey(columns=()), params, values_of)


def _plain(value: Any) -> str:
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)
