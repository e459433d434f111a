"""Webhook URLs as members who may not read `/webhooks` see them (receivers often take a token
in the path or the query)."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit


def shown_url(url: str) -> str:
    """A webhook URL as members who may not read `/webhooks` see it: its scheme and host
    (`https://hooks.example.com/…`). Receivers often take a token in the path or the query."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
    except ValueError:
        return "…"
    if not parts.scheme:
        return "…"
    return f"{parts.scheme.lower()}://{f'[{host}]' if ':' in host else host}/…"


# A URL in free text: up to the next space, less the punctuation that closes a sentence.
_ANY_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://\S+?(?=[.,:;!?)\]'\"”]*(?:\s|$))")


def hide_urls(
    summary: str, before: dict[str, Any] | None, after: dict[str, Any] | None
) -> tuple[str, dict[str, Any] | None, dict[str, Any] | None]:
    """A webhook's activity entry for members who may not read `/webhooks`: every URL in it,
    in the summary and in any field before and after (a `disabled_reason` may quote a redirect's
    `Location`), cut to its scheme and host.

    The entry's own `url` values are replaced whole, so a URL with a space in it is cut where
    it ends; any other URL up to the next space.
    """
    known = sorted(
        {
            snapshot["url"]
            for snapshot in (before, after)
            if snapshot is not None and isinstance(snapshot.get("url"), str)
        },
        key=len,
        reverse=True,
    )

    def text(value: str) -> str:
        for url in known:
            value = value.replace(url, shown_url(url))
        return _ANY_URL.sub(lambda match: shown_url(match.group()), value)

    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return text(value)
        if isinstance(value, dict):
            return {key: walk(item) for key, item in value.items()}
        if isinstance(value, list):
            return [walk(item) for item in value]
        return value

    return text(summary), walk(before), walk(after)
