"""Counting the SQL a request runs (the budget: a constant number of statements per request)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, event


@contextmanager
def count_queries(connection: Connection) -> Iterator[list[str]]:
    """The statements run on ``connection`` inside the block (savepoints left out: the tests'
    own transactions make them)."""
    statements: list[str] = []

    def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not statement.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK TO")):
            statements.append(statement)

    event.listen(connection, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(connection, "before_cursor_execute", before)
