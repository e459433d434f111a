"""The portfolio as CSV: pure formatting, no database.

RFC 4180 (the ``csv`` module: fields with commas, quotes or line breaks are quoted, quotes
doubled, lines end with CRLF), UTF-8 with a byte order mark so spreadsheets detect the encoding.
Text that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return) gets a leading apostrophe; numbers are written as plain numbers.

Two flavours of the same rows: for machines (codes such as ``scale_review``, fractions such as
``0.116667``; the default) and, with ``?labels=true``, for people (``Scale review``, ``11.7 %``).
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


STAGE_LABELS = {
    "proposed": "Proposed",
    "selecting": "Selecting",
    "running": "Running",
    "scale_review": "Scale review",
    "scaling": "Scaling",
    "adopted": "Adopted",
    "paused": "Paused",
    "stopped": "Stopped",
}
HEALTH_LABELS = {"on_track": "On track", "at_risk": "At risk", "stalled": "Stalled"}
RISK_LABELS = {"low": "Low", "medium": "Medium", "high": "High"}
ENGAGEMENT_LABELS = {
    "invited": "Invited",
    "engaged": "Engaged",
    "champion": "Champion",
    "declined": "Declined",
}
CLOSED_STAGES = ("adopted", "stopped")
_DEPARTMENT_STATUS = re.compile(r" \((invited|engaged|champion|declined)\)$")


def label_columns(currency: str) -> tuple[str, ...]:
    """The readable CSV's header: the money column names its currency."""
    return tuple(
        f"Revenue at stake ({currency})" if c == "Revenue at stake" else c for c in COLUMNS
    )


LABEL_COLUMN_HELP = {
    "Stage": "its stage as the app names it (`Running`, `Scale review`, …)",
    "Health": "`On track`, `At risk` or `Stalled`; for a closed pilot its outcome instead "
    "(`Adopted` or `Stopped`)",
    "Risk": "`Low`, `Medium` or `High`",
    "Departments": "e.g. `Sales (Engaged); Finance (Declined)`",
    "Revenue at stake (<currency>)": "a plain number in the workspace currency",
    "Revenue lift": "a signed percentage with one decimal, e.g. `+35.0 %`",
    "Progress": "a percentage of the way from baseline to target, e.g. `110.8 %`",
    "Criteria changed": "`Yes` or `No`",
}


def percent_cell(value: float | None, *, signed: bool = False) -> str:
    """0.116667 → ``11.7 %`` (``+11.7 %`` when signed); empty when unknown."""
    if value is None:
        return ""
    percent = round(value * 100, 1) + 0.0  # no "-0.0"
    return f"{percent:+.1f} %" if signed and percent != 0 else f"{percent:.1f} %"


def _department_label(entry: str) -> str:
    return _DEPARTMENT_STATUS.sub(lambda m: f" ({ENGAGEMENT_LABELS[m.group(1)]})", entry)


def csv_label_row(line: CsvLine) -> list[str]:
    """The row for people: the app's words for codes, percentages for fractions."""
    (title, stage, health, reasons, risk, customer, owner, sponsor, departments, stake, lift,
     progress, days, last_iteration, criteria_changed) = line  # fmt: skip
    return [
        text_cell(title),
        STAGE_LABELS.get(stage, stage),
        STAGE_LABELS[stage] if stage in CLOSED_STAGES else HEALTH_LABELS.get(health, health),
        text_cell("; ".join(reasons)),
        RISK_LABELS.get(risk, risk) if risk else "",
        text_cell(customer),
        text_cell(owner),
        text_cell(sponsor),
        text_cell("; ".join(_department_label(d) for d in departments)),
        number_cell(stake),
        percent_cell(lift, signed=True),
        percent_cell(progress),
        str(days),
        last_iteration.isoformat() if last_iteration else "",
        "Yes" if criteria_changed else "No",
    ]


def csv_chunks(
    rows: Iterable[Sequence[str]],
    *,
    chunk_rows: int = CHUNK_ROWS,
    columns: Sequence[str] = COLUMNS,
) -> Iterator[bytes]:
    """The document in pieces of ``chunk_rows`` lines: the BOM and the header come first."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    buffer.write(BOM)
    writer.writerow(columns)
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
