"""The portfolio as CSV: pure formatting, no database.

RFC 4180 (the ``csv`` module: fields with commas, quotes or line breaks are quoted, quotes
doubled, lines end with CRLF), UTF-8 with a byte order mark so spreadsheets detect the encoding.
Text that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return) gets a leading apostrophe; numbers are written as plain numbers.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import uuid
from collections.abc import Iterable, Iterator, Sequence
from datetime import date

from pilotboard.portfolio.service import CsvLine

BOM = "\ufeff"
CHUNK_ROWS = 500
COLUMNS = (
    "Title",
    "Stage",
    "Health",
    "Reasons",
    "Risk",
    "Customer",
    "Owner",
    "Sponsor",
    "Departments",
    "Revenue at stake",
    "Revenue lift",
    "Progress",
    "Days in stage",
    "Last iteration",
    "Criteria changed",
)
COLUMN_HELP = {
    "Title": "the pilot's title",
    "Stage": "its stage (`running`, `scale_review`, …)",
    "Health": "`on_track`, `at_risk` or `stalled`, as of `as_of`",
    "Reasons": "the messages of the health rules that fire, separated by `; `",
    "Risk": "`low`, `medium` or `high`; empty until the customer is chosen",
    "Customer": "the chosen testbed customer",
    "Owner": "the owner's name",
    "Sponsor": "the executive sponsor's name",
    "Departments": "every involved department with its engagement, e.g. "
    "`Sales (engaged); Finance (declined)`",
    "Revenue at stake": "a plain number",
    "Revenue lift": "a fraction (0.35 = +35 %) as in the JSON",
    "Progress": "the mean progress of the metrics with a target (1 = at target)",
    "Days in stage": "whole days to `as_of`",
    "Last iteration": "the latest start or end date of an iteration (YYYY-MM-DD)",
    "Criteria changed": "`yes` when a success criterion changed after the pilot first entered "
    "`running` (see its metrics' `criteria_changes`), else `no`",
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value: str | None) -> str:
    """Text as written, except what a spreadsheet would evaluate as a formula."""
    if not value:
        return ""
    return "'" + value if value.startswith(_FORMULA_START) else value


def number_cell(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return repr(round(value, 6)) if isinstance(value, float) else str(value)


def csv_row(line: CsvLine) -> list[str]:
    (title, stage, health, reasons, risk, customer, owner, sponsor, departments, stake, lift,
     progress, days, last_iteration, criteria_changed) = line  # fmt: skip
    return [
        text_cell(title),
        stage,
        health,
        text_cell("; ".join(reasons)),
        risk or "",
        text_cell(customer),
        text_cell(owner),
        text_cell(sponsor),
        text_cell("; ".join(departments)),
        number_cell(stake),
        number_cell(lift),
        number_cell(progress),
        str(days),
        last_iteration.isoformat() if last_iteration else "",
        "yes" if criteria_changed else "no",
    ]


def csv_chunks(rows: Iterable[Sequence[str]], *, chunk_rows: int = CHUNK_ROWS) -> Iterator[bytes]:
    """The document in pieces of ``chunk_rows`` lines: the BOM and the header come first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow(COLUMNS)
    pending = 0
    for row in rows:
        writer.writerow(row)
        pending += 1
        if pending == chunk_rows:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
            pending = 0
    if buffer.tell():
        yield buffer.getvalue().encode()


def slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-")


def filename(workspace_name: str, workspace_id: uuid.UUID, as_of: date) -> str:
    """``pilotboard-portfolio-<workspace slug, or id>-<as_of>.csv``."""
    return f"pilotboard-portfolio-{slug(workspace_name) or workspace_id}-{as_of.isoformat()}.csv"
