"""Checks every API request passes before its route runs."""

from __future__ import annotations

import contextlib
import json
from typing import Any

from fastapi import Request

from pilotboard.core.db import UNSAFE_METHODS
from pilotboard.core.errors import Forbidden, InvalidInput, ProblemError

NUL = "\x00"
NUL_MESSAGE = "Text cannot contain the NUL character (U+0000)."

_JSON_TYPES = ("application/json",)
_MULTIPART_PATH_PARTS = ("/imports/",)
# RFC 8058: mail providers send a one-click unsubscribe as a form (`List-Unsubscribe=One-Click`).
# Forging it cross-site gains nothing: the URL's token is the only credential it needs.
_FORM_PATH_PARTS = ("/mail/unsubscribe/",)
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class UnsupportedMediaType(ProblemError):
    status, slug, title = 415, "unsupported-media-type", "Unsupported media type"


def nul_locations(value: Any, loc: tuple[str | int, ...] = ()) -> list[list[str | int]]:
    """Where ``value`` (parsed JSON) holds a string, or an object key, with a NUL character.

    No database stores it the same way (PostgreSQL refuses it, SQLite keeps it), so it is
    refused at the door, naming the field, wherever it is sent.
    """
    found: list[list[str | int]] = []
    if isinstance(value, str):
        if NUL in value:
            found.append(list(loc))
    elif isinstance(value, dict):
        for key, item in value.items():
            where = (*loc, str(key).replace(NUL, "\\u0000"))
            if NUL in str(key):
                found.append(list(where))
            found.extend(nul_locations(item, where))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(nul_locations(item, (*loc, index)))
    return found


def refuse_nul(locations: list[list[str | int]]) -> InvalidInput:
    where = ", ".join(".".join(str(part) for part in loc) for loc in locations)
    return InvalidInput(f"{where}: {NUL_MESSAGE}", errors=[(loc, NUL_MESSAGE) for loc in locations])


async def _refuse_nul_characters(request: Request, *, json_body: bool) -> None:
    bad: list[list[str | int]] = [
        ["query", name.replace(NUL, "\\u0000")]
        for name, value in request.query_params.multi_items()
        if NUL in name or NUL in value
    ]
    if json_body:
        body = await request.body()  # cached on the request: the route reads it again
        # JSON spells the character as an escape (a raw NUL byte is not valid JSON at all).
        if b"\\u0000" in body:
            # Not JSON: the route's own parsing answers that with a 422.
            with contextlib.suppress(ValueError):
                bad.extend(nul_locations(json.loads(body), ("body",)))
    if bad:
        raise refuse_nul(bad)


async def api_guard(request: Request) -> None:
    """Refuse cross-site browser requests, bodies that are not JSON (forms can be forged
    cross-site without a CORS preflight; JSON cannot), and text holding NUL characters."""
    if request.headers.get("sec-fetch-site") == "cross-site":
        raise Forbidden("Cross-site requests are refused.")
    if request.method not in UNSAFE_METHODS:
        await _refuse_nul_characters(request, json_body=False)
        return
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    has_body = request.headers.get("content-length", "0") not in ("", "0") or (
        "transfer-encoding" in request.headers
    )
    if not has_body and not content_type:
        await _refuse_nul_characters(request, json_body=False)
        return
    if content_type in _FORM_TYPES and any(part in request.url.path for part in _FORM_PATH_PARTS):
        await _refuse_nul_characters(request, json_body=False)
        return
    if any(part in request.url.path for part in _MULTIPART_PATH_PARTS):
        if content_type == "multipart/form-data":
            await _refuse_nul_characters(request, json_body=False)
            return
        raise UnsupportedMediaType("Upload the file as multipart/form-data in the field `file`.")
    if content_type not in _JSON_TYPES and not content_type.endswith("+json"):
        sent = content_type or "untyped data"
        raise UnsupportedMediaType(
            f"Send the body as JSON (Content-Type: application/json), not {sent}."
        )
    await _refuse_nul_characters(request, json_body=True)
