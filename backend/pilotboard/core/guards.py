"""Checks every API request passes before its route runs."""

from __future__ import annotations

from fastapi import Request

from pilotboard.core.db import UNSAFE_METHODS
from pilotboard.core.errors import Forbidden, ProblemError

_JSON_TYPES = ("application/json",)
_MULTIPART_PATH_PARTS = ("/imports/",)


class UnsupportedMediaType(ProblemError):
    status, slug, title = 415, "unsupported-media-type", "Unsupported media type"


def api_guard(request: Request) -> None:
    """Refuse cross-site browser requests, and bodies that are not JSON (forms can be forged
    cross-site without a CORS preflight; JSON cannot)."""
    if request.headers.get("sec-fetch-site") == "cross-site":
        raise Forbidden("Cross-site requests are refused.")
    if request.method not in UNSAFE_METHODS:
        return
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    has_body = request.headers.get("content-length", "0") not in ("", "0") or (
        "transfer-encoding" in request.headers
    )
    if not has_body and not content_type:
        return
    if any(part in request.url.path for part in _MULTIPART_PATH_PARTS):
        if content_type == "multipart/form-data":
            return
        raise UnsupportedMediaType("Upload the file as multipart/form-data in the field `file`.")
    if content_type not in _JSON_TYPES and not content_type.endswith("+json"):
        sent = content_type or "untyped data"
        raise UnsupportedMediaType(
            f"Send the body as JSON (Content-Type: application/json), not {sent}."
        )
