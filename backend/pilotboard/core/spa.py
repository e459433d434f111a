"""Serving the built single-page app from the same origin as the API.

The SPA is the router's fallback: it only sees requests no API route matched, so an API path with
the wrong method still gets its 405, and ``/api/*`` or ``/openapi.json`` are never shadowed.
"""

from __future__ import annotations

import contextlib
import gzip
import mimetypes
import os
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, Response
from starlette.types import Receive, Scope, Send

API_PREFIXES = ("/api/", "/openapi.json", "/docs", "/redoc")
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"


# Files worth compressing at build time (``precompress``); images and fonts are compressed already.
COMPRESSIBLE_SUFFIXES = frozenset({".js", ".mjs", ".css", ".html", ".svg", ".json", ".map", ".txt"})
PRECOMPRESS_MIN_BYTES = 1024


def precompress(dist: Path) -> list[Path]:
    """Write ``<file>.gz`` (gzip -9) beside every compressible file of the built web app.

    Run once after ``npm run build`` (``pilotboard precompress``; ``make build`` and the Docker
    image do): the server then sends those bytes as they are to clients that accept gzip,
    instead of compressing the same files again on every request. A file that gzip does not
    shrink gets no ``.gz``. Returns the files written.
    """
    written: list[Path] = []
    for path in sorted(dist.rglob("*")):
        if not path.is_file() or path.suffix not in COMPRESSIBLE_SUFFIXES:
            continue
        data = path.read_bytes()
        if len(data) < PRECOMPRESS_MIN_BYTES:
            continue
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        target = path.with_name(path.name + ".gz")
        if len(packed) < len(data):
            target.write_bytes(packed)
            written.append(target)
        elif target.exists():
            target.unlink()
    return written


def _accepts_gzip(scope: Scope) -> bool:
    for name, value in scope.get("headers", ()):
        if name == b"accept-encoding":
            return any(
                part.split(";")[0].strip() == "gzip" and "q=0" not in part.replace(" ", "")
                for part in value.decode("latin-1").split(",")
            )
    return False


def _if_none_match(scope: Scope) -> str | None:
    for name, value in scope.get("headers", ()):
        if name == b"if-none-match":
            return bytes(value).decode("latin-1")
    return None


def _etag(stat: os.stat_result, *, gzipped: bool) -> str:
    return f'"{stat.st_mtime_ns:x}-{stat.st_size:x}{"-gz" if gzipped else ""}"'


def _not_modified(scope: Scope, etag: str) -> bool:
    sent = _if_none_match(scope)
    if sent is None:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in sent.split(",")}
    return "*" in tags or etag in tags


class SpaFallback:
    """Serves ``settings.spa_dir`` (read per request, so tests can point it elsewhere).

    Hashed files under ``/assets/`` are cached for a year (``immutable``); everything else,
    ``index.html`` above all, is revalidated on every use (``no-cache``) against its ``ETag``,
    answered ``304`` when unchanged. A ``.gz`` written beside a file at build time
    (:func:`precompress`) is sent instead to clients that accept gzip.
    """

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return
        path: str = scope["path"]
        if path == "/api" or path.startswith(API_PREFIXES):
            raise HTTPException(404)
        if scope["method"] not in ("GET", "HEAD"):
            raise HTTPException(405, headers={"Allow": "GET, HEAD"})
        dist: Path = scope["app"].state.settings.spa_dir
        response = self._response(dist.resolve(), path, scope)
        await response(scope, receive, send)

    @staticmethod
    def _file(dist: Path, path: str) -> tuple[Path, bool]:
        """The file to serve for ``path`` and whether it is a hashed asset."""
        index = dist / "index.html"
        if not index.is_file():
            raise HTTPException(
                404, "The web app has not been built: run `make build` (or `make run`)."
            )
        candidate = (dist / path.lstrip("/")).resolve()
        if candidate.is_file() and candidate.is_relative_to(dist):
            return candidate, candidate.is_relative_to(dist / "assets")
        if candidate.is_relative_to(dist / "assets"):
            raise HTTPException(404)
        return index, False

    @classmethod
    def _response(cls, dist: Path, path: str, scope: Scope) -> Response:
        file, hashed = cls._file(dist, path)
        media_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if media_type.startswith("text/") or media_type.endswith(("javascript", "json", "xml")):
            media_type += "; charset=utf-8"
        served, stat, gzipped = file, file.stat(), False
        if _accepts_gzip(scope):
            packed = file.with_name(file.name + ".gz")
            with contextlib.suppress(FileNotFoundError):
                packed_stat = packed.stat()
                # A .gz older than its file is left from an earlier build: never send it.
                if packed_stat.st_mtime_ns >= stat.st_mtime_ns:
                    served, stat, gzipped = packed, packed_stat, True
        etag = _etag(stat, gzipped=gzipped)
        headers = {
            "Cache-Control": IMMUTABLE if hashed else REVALIDATE,
            "ETag": etag,
            "Vary": "Accept-Encoding",
        }
        if _not_modified(scope, etag):
            return Response(status_code=304, headers=headers)
        if gzipped:
            headers["Content-Encoding"] = "gzip"
        return FileResponse(served, headers=headers, media_type=media_type, stat_result=stat)
