"""The interactive API documentation at `/docs`, served without any third-party host.

Swagger UI's assets come from the npm package `swagger-ui-dist`, copied into the built web app
(`frontend/dist/api-docs/`) by the Vite build, so the page works offline and under the app's
strict Content-Security-Policy (scripts from this origin only, no inline script).
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from pilotboard.access import Public

router = APIRouter(include_in_schema=False)

ASSETS = "/api-docs"
_PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>Pilotboard API</title>
    <link rel="stylesheet" href="{assets}/swagger-ui.css">
  </head>
  <body>
    <main id="swagger-ui">{fallback}</main>
    <script src="{assets}/swagger-ui-bundle.js"></script>
    <script src="{assets}/init.js"></script>
  </body>
</html>
"""
_NOT_BUILT = """
      <h1>Pilotboard API</h1>
      <p>The interactive documentation (Swagger UI) is part of the built web app: run
      <code>make build</code>. Meanwhile the OpenAPI document is at
      <a href="/openapi.json">/openapi.json</a>.</p>"""
_NO_SCRIPT = """
      <noscript>The interactive documentation needs JavaScript; the OpenAPI document is at
      <a href="/openapi.json">/openapi.json</a>.</noscript>"""


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request, _: Public) -> HTMLResponse:
    built = (request.app.state.settings.spa_dir / "api-docs" / "swagger-ui-bundle.js").is_file()
    page = _PAGE.format(assets=ASSETS, fallback=_NO_SCRIPT if built else _NOT_BUILT)
    return HTMLResponse(page, headers={"Cache-Control": "no-cache"})
