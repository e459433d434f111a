"""How request fields that may be left out, but not sent as `null`, are documented.

A `PATCH` body types such a field `X | None = None`, so that leaving it out can be told apart
from sending a value (`model_dump(exclude_unset=True)`); a validator or the service then refuses
`null`. Pydantic would document the Python type, `X` or `null`, and generated clients would let
callers send the `null` the server refuses. ``refuses_null`` makes the document say `X`:

    name: str | None = Field(default=None, description="…", json_schema_extra=refuses_null)

`tests/backend/test_api_docs.py` sends `null` to every request field the document still marks
nullable and expects it to be accepted.
"""

from __future__ import annotations

from pydantic.config import JsonDict


def refuses_null(schema: JsonDict) -> None:
    """`json_schema_extra` of a field whose `null` the server refuses: drop the `null` branch
    (and the `null` default) from its JSON schema, keeping its description."""
    branches = schema.pop("anyOf", None)
    if not isinstance(branches, list):
        raise TypeError("refuses_null is for fields typed `X | None`.")
    kept = [b for b in branches if not (isinstance(b, dict) and b.get("type") == "null")]
    if schema.get("default", "") is None:
        del schema["default"]
    if len(kept) == 1 and isinstance(kept[0], dict):
        for key, value in kept[0].items():
            schema.setdefault(key, value)  # the field's own description and title win
    else:
        schema["anyOf"] = kept
