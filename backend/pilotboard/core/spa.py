"""Serving the built single-page app from the same origin as the API.

The SPA is the router's fallback: it only sees requests no API route matched, so an API path with
the wrong method still gets its 405, and ``/api/*`` or ``/openapi.json`` are never shadowed.
"""

from __future__ import annotations

from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, Response
from starlette.types import Receive, Scope, Send

API_PREFIXES = ("/api/", "/openapi.json", "/docs", "/redoc")
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


class SpaFallback:
    """Serves ``settings.spa_dir`` (read per request, so tests can point it elsewhere)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        path: str = scope["path"]
        if path == "/api" or path.startswith(API_PREFIXES):
            raise HTTPException(404)
        if scope["method"] not in ("GET", "HEAD"):
            raise HTTPException(405, headers={"Allow": "GET, HEAD"})
        dist: Path = scope["app"].state.settings.spa_dir
        response = self._response(dist.resolve(), path)
        await response(scope, receive, send)

    @staticmethod
    def _response(dist: Path, path: str) -> Response:
        index = dist / "index.html"
        if not index.is_file():
            raise HTTPException(
                404, "The web app has not been built: run `make build` (or `make run`)."
            )
        candidate = (dist / path.lstrip("/")).resolve()
        if candidate.is_file() and candidate.is_relative_to(dist):
            hashed = candidate.is_relative_to(dist / "assets")
            return FileResponse(
                candidate, headers={"Cache-Control": IMMUTABLE if hashed else REVALIDATE}
            )
        if candidate.is_relative_to(dist / "assets"):
            raise HTTPException(404)
        return FileResponse(index, headers={"Cache-Control": REVALIDATE})
