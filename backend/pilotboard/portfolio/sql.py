"""SQL building blocks the portfolio needs on both SQLite and PostgreSQL.

- ``day_number(expr)``: the UTC calendar date of a timestamp or date as a day number (days since
  1970-01-01), so a difference of two is the API's "whole calendar days".
- ``serial_plans(session)``: the rest of the transaction's statements without parallel workers
  (PostgreSQL).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Date, Integer
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


class day_number(FunctionElement[int]):  # noqa: N801 (an SQL function, named like one)
    """Days since 1970-01-01 of the UTC date of a timestamp (or of a date)."""

    type = Integer()
    inherit_cache = True
    name = "day_number"


@compiles(day_number, "sqlite")
def _day_number_sqlite(element: day_number, compiler: SQLCompiler, **kw: Any) -> str:
    # Timestamps are stored as UTC text; julianday of a date is a whole day + .5.
    (argument,) = element.clauses
    return f"CAST(julianday(date({compiler.process(argument, **kw)})) - 2440587.5 AS INTEGER)"


@compiles(day_number, "postgresql")
def _day_number_postgresql(element: day_number, compiler: SQLCompiler, **kw: Any) -> str:
    (argument,) = element.clauses
    text = compiler.process(argument, **kw)
    value = (
        f"({text})"
        if isinstance(argument.type, Date)
        else f"CAST(({text}) AT TIME ZONE 'UTC' AS DATE)"
    )
    return f"({value} - DATE '1970-01-01')"


def serial_plans(session: Session) -> None:
    """Plan the rest of ``session``'s transaction without parallel workers, on PostgreSQL.

    The portfolio's statements each read one workspace's compact index (50,000 entries at most
    in the figures we hold it to): a parallel plan starts workers that cost more than they save
    there, and under concurrent requests they take the cores other requests need. Measured at
    50,000 pilots, the portfolio's SQL took 170 / 173 ms (min / median) serial against
    194 / 234 ms parallel; the whole request, side by side on a quiet machine, a p50 of 146 / 153
    against 161 / 164 ms and the same p95 (bench/RESULTS.md, "serving path, fourth pass")."""
    if session.get_bind().dialect.name == "postgresql":
        session.connection().exec_driver_sql("SET LOCAL max_parallel_workers_per_gather = 0")
