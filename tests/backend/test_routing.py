"""Every API operation is reached by its own path: the order of the routers (the most requested
first, main.py) shadows none.

FastAPI matches a request against the routes in order, a few microseconds each, so the routers
the most requests go to come first. A route whose path an earlier route's pattern also matches
(``/pilots/{pilot_id}`` before a ``/pilots/export``) would never be reached; this sends each
operation's own method and a path made from its template, and checks which route served it.
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from pilotboard.access import api_routes


def concrete(template: str) -> str:
    """The template's path with each parameter filled (an id where the name says id)."""

    def fill(match: re.Match[str]) -> str:
        name = match.group(1).split(":")[0]
        return str(uuid.UUID(int=7)) if name.endswith("id") else f"sample-{name}"

    return re.sub(r"\{([^}]+)\}", fill, template)


def test_every_operation_is_served_by_its_own_route(app: FastAPI) -> None:
    served: list[Any] = []

    async def recording(scope: Any, receive: Any, send: Any) -> None:
        await app(scope, receive, send)
        served.append(scope.get("route"))

    operations = [(r, m) for r in api_routes(app) for m in sorted(r.methods)]
    assert len(operations) > 100
    wrong = []
    with TestClient(recording, raise_server_exceptions=False) as client:
        for route, method in operations:
            served.clear()
            client.request(method, concrete(route.path))
            route_served = served[-1] if served else None
            if not isinstance(route_served, APIRoute) or route_served is not route.original_route:
                wrong.append(f"{method} {route.path} -> {getattr(route_served, 'path', None)}")
    assert wrong == []
