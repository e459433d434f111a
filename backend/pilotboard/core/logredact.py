"""Secret link tokens never reach the logs.

A feedback link, a check-in request, an invitation and an unsubscribe link each carry their only
credential in the URL path (``/feedback/<token>``). The access log prints every path, and our own
error logs print some; a log file would then open every link it mentions. :class:`RedactTokens`
rewrites such paths to ``/feedback/<redacted>`` in a record's message and arguments before any
handler formats it. :func:`install` puts it on the loggers that print paths (uvicorn's access and
error loggers, ours) and on the root logger's handlers; it is called wherever the server sets up
logging (``pilotboard serve``, and each app the factory builds, which runs after uvicorn's own
logging configuration in every worker process).
"""

from __future__ import annotations

import logging
import re
from typing import Any

REDACTED = "<redacted>"

# The SPA pages and the API paths whose next segment is a token (API.md, public links).
TOKEN_PREFIXES = (
    "/feedback/",
    "/check-in/",
    "/invite/",
    "/unsubscribe/",
    "/api/v1/feedback/",
    "/api/v1/check-ins/",
    "/api/v1/invitations/",
    "/api/v1/mail/unsubscribe/",
)

# A token path anywhere in a text (an access log line, an error message): the prefix must start
# the path, i.e. not follow a character of a longer path (so `/pilots/<id>/feedback` and
# `/workspaces/<id>/invitations/<id>` are left alone).
_TOKEN_PATH = re.compile(
    r"(?<![\w/.~%-])"
    r"((?:/api/v1)?/(?:feedback|check-in|check-ins|invite|invitations|unsubscribe|mail/unsubscribe)/)"
    r"([^/?#\s\"'<>]+)"
)


def redact(text: str) -> str:
    """``text`` with the token of every token path replaced by ``<redacted>``."""
    if "/" not in text:
        return text
    return _TOKEN_PATH.sub(lambda m: m.group(1) + REDACTED, text)


def _redacted(value: Any) -> Any:
    return redact(value) if isinstance(value, str) else value


class RedactTokens(logging.Filter):
    """Rewrites token paths in a record's message and arguments (it never drops a record)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(_redacted(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: _redacted(value) for key, value in record.args.items()}
        return True


# The loggers that print request paths: uvicorn's access log (one line per request), its error
# log, and our request and error logs (core/middleware.py, core/errors.py).
LOGGERS = (
    "uvicorn.access",
    "uvicorn.error",
    "pilotboard",
    "pilotboard.requests",
    "pilotboard.errors",
)


def _has_filter(filterer: logging.Filterer) -> bool:
    return any(isinstance(existing, RedactTokens) for existing in filterer.filters)


def install() -> None:
    """Put the filter on :data:`LOGGERS` and on the root logger's handlers (records propagated
    from other loggers pass there); calling it again adds nothing."""
    targets: list[logging.Filterer] = [logging.getLogger(name) for name in LOGGERS]
    targets += logging.getLogger().handlers
    for target in targets:
        if not _has_filter(target):
            target.addFilter(RedactTokens())
