"""How request fields that may be left out, but not sent as `null`, are documented.

A `PATCH` body types such a field `X | None = None`, so that leaving it out can be told apart
from sending a value (`model_dump(exclude_unset=True)`); a validator or the service then refuses
`null`. Pydantic would document the Python type, `X` or `null`, and generated clients would let
callers send the `null` the server refuses. ``refuses_null`` makes the document say `X`:

    name: str | None = Field(default=None, description="…", json_schema_extra=refuses_null)

`tests/backend/test_api_docs.py` sends `null` to every request field the document still marks
nullable and expects it to be accepted.

Also the two kinds of text the public pages take, with the rule stated in the document too:
``OneLine`` (a name) and ``Text`` (free text, line breaks kept).
"""

from __future__ import annotations

import unicodedata
from typing import Annotated

from pydantic import AfterValidator, Field
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


def _one_line(value: str) -> str:
    """A name: no line breaks, tabs or other control characters."""
    if any(unicodedata.category(char) == "Cc" or char in "\u2028\u2029" for char in value):
        raise ValueError("Must be one line, without control characters.")
    return value


def _text(value: str) -> str:
    """Free text: line breaks and tabs are fine (``\\r\\n`` becomes ``\\n``), other control
    characters are refused."""
    value = value.replace("\r\n", "\n")
    if any(unicodedata.category(char) == "Cc" and char not in "\n\t" for char in value):
        raise ValueError("Must not contain control characters other than line breaks and tabs.")
    return value


# What the two validators refuse, as JSON Schema patterns (documentation only: the validators
# decide, and also take `\r\n` as a line break).
ONE_LINE_PATTERN = "[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029]*$"
_ONE_LINE_SCHEMA: JsonDict = {"pattern": "^" + ONE_LINE_PATTERN}
_TEXT_SCHEMA: JsonDict = {"pattern": "^[^\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f]*$"}
OneLine = Annotated[str, AfterValidator(_one_line), Field(json_schema_extra=_ONE_LINE_SCHEMA)]
Text = Annotated[str, AfterValidator(_text), Field(json_schema_extra=_TEXT_SCHEMA)]
