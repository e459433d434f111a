"""The app paths notifications and messages link to (the SPA's routes)."""

from __future__ import annotations

import uuid


def pilot_path(workspace_id: uuid.UUID, pilot_id: uuid.UUID) -> str:
    return f"/w/{workspace_id}/pilots/{pilot_id}"


def portfolio_path(workspace_id: uuid.UUID) -> str:
    return f"/w/{workspace_id}/portfolio"


def preferences_path() -> str:
    return "/preferences"


def invitation_path(token: str) -> str:
    return f"/invite/{token}"
