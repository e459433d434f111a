"""The outermost ASGI layer: request ids, security headers, body limits, and the 500 safety net.

Public pages opened by a secret link (a feedback link, a check-in request, an invitation, an
unsubscribe link) get stricter headers: never cached, never indexed, no `Referer` carrying the
token to another site; the feedback and check-in pages, for people without an account, never
set a cookie either.

It is plain ASGI (not ``BaseHTTPMiddleware``) so streaming bodies stay streaming and an unhandled
exception still gets a problem document carrying the request id and the security headers.
"""

from __future__ import annotations

import itertools
import json
import logging
import os
import re
import secrets
from collections.abc import MutableMapping
from typing import Any

from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pilotboard.core.errors import PROBLEM_MEDIA_TYPE, internal_error_body, problem_type
from pilotboard.core.logredact import redact

logger = logging.getLogger("pilotboard.requests")

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,128}$")
# Request ids are this process's random prefix and a counter: 32 hex digits like a UUID's,
# unique across processes and restarts, without a call to the system's random source per request.
_ID_PREFIX = secrets.token_hex(8)
_ID_COUNTER = itertools.count(1)


def _new_id_prefix() -> None:
    global _ID_PREFIX  # a forked worker must not repeat its parent's ids
    _ID_PREFIX = secrets.token_hex(8)


os.register_at_fork(after_in_child=_new_id_prefix)

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
}

# The token pages (SPA pages and their API): `no-store`, `no-referrer`, `noindex`, no cookies.
NO_COOKIE_PREFIXES = ("/feedback/", "/check-in/", "/api/v1/feedback/", "/api/v1/check-ins/")
# Token pages that sign people in or change what they receive: `no-referrer`, `noindex`.
PRIVATE_PREFIXES = (
    "/invite/",
    "/api/v1/invitations/",
    "/unsubscribe/",
    "/api/v1/mail/unsubscribe/",
)
TOKEN_PAGE_HEADERS = {"Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex"}


def token_page_headers(path: str) -> tuple[dict[str, str], bool]:
    """The headers a path's responses must carry, and whether its cookies are stripped."""
    if path.startswith(NO_COOKIE_PREFIXES):
        return {**TOKEN_PAGE_HEADERS, "Cache-Control": "no-store"}, True
    if path.startswith(PRIVATE_PREFIXES):
        return dict(TOKEN_PAGE_HEADERS), False
    return {}, False


class PayloadTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body is larger than the limit of {limit} bytes.")


class EdgeMiddleware:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        request_id = self._request_id(scope)
        state: MutableMapping[str, Any] = scope.setdefault("state", {})
        state["request_id"] = request_id
        path: str = scope.get("path", "")
        # One policy for every page, /docs included: its assets are served from this origin.
        csp = CONTENT_SECURITY_POLICY
        token_headers, strip_cookies = token_page_headers(path)
        response_started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
                headers = MutableHeaders(scope=message)
                headers[REQUEST_ID_HEADER] = request_id
                headers["Content-Security-Policy"] = csp
                for name, value in token_headers.items():
                    headers[name] = value
                if strip_cookies:
                    del headers["set-cookie"]
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
                if scope.get("scheme") == "https":
                    headers.setdefault("Strict-Transport-Security", "max-age=31536000")
            await send(message)

        limit = self.max_body_bytes
        declared = self._content_length(scope)
        if declared is not None and declared > limit:
            await self._send_problem(send_with_headers, 413, limit)
            return

        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise PayloadTooLarge(limit)
            return message

        try:
            await self.app(scope, limited_receive, send_with_headers)
        except Exception:
            logger.exception(
                "unhandled error request_id=%s method=%s path=%s",
                request_id,
                scope.get("method"),
                redact(path),
            )
            if response_started:
                raise
            body = json.dumps(internal_error_body(request_id)).encode()
            await send_with_headers(
                {
                    "type": "http.response.start",
                    "status": 500,
                    "headers": [
                        (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                        (b"content-length", str(len(body)).encode()),
                    ],
                }
            )
            await send_with_headers({"type": "http.response.body", "body": body})

    @staticmethod
    def _request_id(scope: Scope) -> str:
        for name, value in scope.get("headers", []):
            if name == b"x-request-id":
                candidate: str = value.decode("latin-1")
                if _VALID_REQUEST_ID.match(candidate):
                    return candidate
        return f"{_ID_PREFIX}{next(_ID_COUNTER):016x}"

    @staticmethod
    def _content_length(scope: Scope) -> int | None:
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    return int(value)
                except ValueError:
                    return None
        return None

    @staticmethod
    async def _send_problem(send: Send, status: int, limit: int) -> None:
        body = json.dumps(
            {
                "type": problem_type("payload-too-large"),
                "title": "Content Too Large",
                "status": status,
                "detail": f"The request body is larger than the limit of {limit} bytes.",
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", PROBLEM_MEDIA_TYPE.encode()),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
