"""Absolute links in messages: every link is ``PILOTBOARD_PUBLIC_URL`` + an app path.

Messages are rendered when they are queued, inside the caller's transaction, where only the
session is at hand: the app's session factory carries the public URL in the session's ``info``
(:func:`attach_public_url`, called by ``pilotboard/wiring.py``), and :func:`public_url_of` reads
it back (the setting's default when a factory was made without settings).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from pilotboard.core.config import DEFAULT_PUBLIC_URL, Settings

_KEY = "pilotboard.public_url"
API_PREFIX = "/api/v1"


def absolute_url(settings_or_public_url: Settings | str, path: str) -> str:
    """``path`` (an app path like ``/w/<ws>/pilots/<id>``) under the public URL. A path that is
    already an absolute http(s) URL is returned as it is."""
    if path.startswith(("http://", "https://")):
        return path
    base = (
        settings_or_public_url
        if isinstance(settings_or_public_url, str)
        else settings_or_public_url.public_url
    )
    return base.rstrip("/") + "/" + path.lstrip("/")


def unsubscribe_page_url(public_url: str, token: str) -> str:
    """The SPA page a person lands on from the link in the message's footer."""
    return absolute_url(public_url, f"/unsubscribe/{token}")


def unsubscribe_api_url(public_url: str, token: str) -> str:
    """The RFC 8058 one-click target named in ``List-Unsubscribe`` (a POST, no session)."""
    return absolute_url(public_url, f"{API_PREFIX}/mail/unsubscribe/{token}")


def attach_public_url(maker: sessionmaker[Any], public_url: str) -> None:
    """Let the sessions ``maker`` makes know the public URL (for links in queued messages)."""
    maker.kw["info"] = {**maker.kw.get("info", {}), _KEY: public_url}


def public_url_of(session: Session) -> str:
    value = session.info.get(_KEY)
    return value if isinstance(value, str) else DEFAULT_PUBLIC_URL
