"""Derived columns, kept current in the transaction that changes what they are derived from.

Some figures are stored beside their sources so that reads need not aggregate them: a metric's
latest measurement, a pilot's metric summary, a pilot's health. Each such set of columns has a
*deriver*. The app's session factory (``pilotboard/wiring.py``) attaches one
:class:`DerivedColumns` holding every deriver to the sessions it makes, and nothing else: a
session made any other way is not touched.

How a deriver hears of changes, whoever makes them:

- ``note``: before each flush, with the ORM objects being added, changed or deleted;
- ``note_bulk``: with the table and rows of a Core bulk ``INSERT`` or ``UPDATE`` executed
  through the session (``session.execute(insert(table), rows)``), as the export restore does;
- ``after_flush``: inside the flush, for Core statements that must follow at once;
- ``settle``: outside any flush, for ORM work (and the events it emits). It runs before every
  commit and wherever a reader needs the figures fresh: call :func:`settle`.

A deriver's own statements carry the ``DERIVED`` execution option, so it never hears of itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Protocol, cast

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, sessionmaker
from sqlalchemy.orm import Session as OrmSession

DERIVED = "pilotboard_derived"
_KEY = "pilotboard.derived_columns"
_SETTLING = "pilotboard.derived_settling"
_MAX_ROUNDS = 10


class Deriver(Protocol):
    def note(self, session: OrmSession, objects: Iterable[object]) -> None: ...

    def note_bulk(
        self, session: OrmSession, table: str, rows: Sequence[Mapping[str, Any]]
    ) -> None: ...

    def after_flush(self, session: OrmSession) -> None: ...

    def settle(self, session: OrmSession) -> bool:
        """Bring the noted columns up to date; ``True`` when there was anything to do."""
        ...


class DerivedColumns:
    def __init__(self, derivers: Sequence[Deriver]) -> None:
        self.derivers = tuple(derivers)

    def attach(self, maker: sessionmaker[Any]) -> None:
        """Serve the sessions ``maker`` makes (and only those)."""
        maker.kw["info"] = {**maker.kw.get("info", {}), _KEY: self}
        event.listen(maker, "before_flush", self._before_flush)
        event.listen(maker, "after_flush", self._after_flush)
        event.listen(maker, "before_commit", self.settle)
        event.listen(maker, "do_orm_execute", self._bulk)

    def _before_flush(self, session: OrmSession, _context: Any, _instances: Any) -> None:
        objects = (*session.new, *session.dirty, *session.deleted)
        if objects:
            for deriver in self.derivers:
                deriver.note(session, objects)

    def _after_flush(self, session: OrmSession, _context: Any) -> None:
        for deriver in self.derivers:
            deriver.after_flush(session)

    def _bulk(self, state: ORMExecuteState) -> None:
        if not (state.is_insert or state.is_update) or state.execution_options.get(DERIVED):
            return
        table = getattr(state.statement, "table", None)
        params = state.parameters
        if table is None or not params:
            return
        rows = cast(list[Mapping[str, Any]], params if isinstance(params, list) else [params])
        for deriver in self.derivers:
            deriver.note_bulk(state.session, table.name, rows)

    def settle(self, session: OrmSession) -> None:
        """Flush, then bring every noted column up to date, until nothing is left to do (what a
        deriver writes may make another one's columns stale)."""
        if session.info.get(_SETTLING):
            return
        session.info[_SETTLING] = True
        try:
            for _ in range(_MAX_ROUNDS):
                session.flush()
                worked = [deriver.settle(session) for deriver in self.derivers]  # each one runs
                if not any(worked):
                    return
            raise RuntimeError("Derived columns did not settle: a deriver keeps noting itself.")
        finally:
            session.info.pop(_SETTLING, None)


def settle(session: OrmSession) -> None:
    """Bring the derived columns of what this session changed up to date now (a no-op for a
    session the app's factory did not make)."""
    derived: DerivedColumns | None = session.info.get(_KEY)
    if derived is not None:
        derived.settle(session)
