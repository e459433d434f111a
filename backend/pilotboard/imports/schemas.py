"""API shapes of CSV imports: the report a dry run and a real import answer with."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from pilotboard.core.errors import RowErrorItem

_EXAMPLE: dict[str, Any] = {
    "dry_run": True,
    "rows": 100,
    "valid": 98,
    "errors": [
        {
            "row": 14,
            "field": "annual_revenue",
            "message": "Not a number: “1.2 M”. Write digits only, e.g. 1200000.",
        },
        {
            "row": 57,
            "field": "external_id",
            "message": "Line 31 already has the external id “CRM-1044”; each record may appear "
            "once.",
        },
    ],
    "created": 90,
    "updated": 5,
    "unchanged": 3,
}


class ImportReport(BaseModel):
    """What an import found in the file, and what it did (or, on a dry run, would do)."""

    model_config = ConfigDict(json_schema_extra={"example": _EXAMPLE})

    dry_run: bool = Field(description="`true` when nothing was written (`?dry_run=true`).")
    rows: int = Field(
        description="Records in the file, header and blank lines not counted.", examples=[100]
    )
    valid: int = Field(description="Records without any error.", examples=[98])
    errors: list[RowErrorItem] = Field(
        description="Every problem found, in file order; `row` is the line number in the file "
        "(header = line 1; for a record spanning several lines, the line it starts on)."
    )
    created: int = Field(
        description="Records that were added (on a dry run: that would be added, counting the "
        "valid records only)."
    )
    updated: int = Field(
        description="Existing records that were changed (on a dry run: that would be changed)."
    )
    unchanged: int = Field(
        description="Existing records the file matches exactly: re-importing a file changes "
        "nothing."
    )
