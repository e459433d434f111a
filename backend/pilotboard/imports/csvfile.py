"""Reading an uploaded CSV file into records that remember the line they start on.

The file must be UTF-8 (a byte order mark is fine) with a header line naming the columns. The
delimiter is a comma, or a semicolon or tab when the header uses one instead (spreadsheets in
many locales save CSV with semicolons). Blank lines, and lines whose cells are all empty, are
skipped and not counted.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from pilotboard.core.errors import InvalidInput

MAX_ROWS = 10_000
_DELIMITERS = (",", ";", "\t")
_SNIFF_BYTES = 8192


@dataclass(frozen=True)
class Record:
    line: int
    """The line number in the file where the record starts (the header is line 1)."""
    cells: list[str]


@dataclass(frozen=True)
class Table:
    header: list[str]
    header_line: int
    records: list[Record]


def _refuse(message: str) -> InvalidInput:
    return InvalidInput.field(["body", "file"], message)


def _text(content: bytes) -> str:
    head = content[:_SNIFF_BYTES]
    if head.startswith(b"PK\x03\x04"):
        raise _refuse(
            "This is a spreadsheet workbook, not a CSV file. Save it as “CSV UTF-8” and "
            "upload that file."
        )
    if b"\x00" in head:
        raise _refuse("This is not a CSV file: it contains binary data.")
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _refuse(
            f"The file is not UTF-8 text (byte {exc.start + 1} cannot be read). Save it as "
            "“CSV UTF-8” and upload it again."
        ) from exc
    if not text.strip():
        raise _refuse("The file is empty: its first line must name the columns.")
    nul = text.find("\x00")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        raise _refuse(
            f"Line {line} contains a NUL character (U+0000), which no field may hold; remove it "
            "and upload the file again."
        )
    return text


def _delimiter(text: str) -> str:
    first_line = text.lstrip("\r\n").splitlines()[0]
    counts = {delimiter: first_line.count(delimiter) for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] > 0 else ","


def read_table(content: bytes, *, max_rows: int = MAX_ROWS) -> Table:
    """Parse ``content``; unreadable files are refused with a 422 naming the field `file`."""
    text = _text(content)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    header: list[str] | None = None
    header_line = 1
    records: list[Record] = []
    previous_line = 0
    try:
        for cells in reader:
            start = previous_line + 1
            previous_line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header, header_line = cells, start
                continue
            records.append(Record(line=start, cells=cells))
            if len(records) > max_rows:
                raise _refuse(
                    f"The file has more than {max_rows:,} records; import at most {max_rows:,} "
                    "at a time (split the file)."
                )
    except csv.Error as exc:
        raise _refuse(f"Line {reader.line_num} is not valid CSV: {exc}.") from exc
    if header is None:  # pragma: no cover - _text refuses blank files first
        raise _refuse("The file is empty: its first line must name the columns.")
    return Table(header=header, header_line=header_line, records=records)
