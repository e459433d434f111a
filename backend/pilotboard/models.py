"""Imports every domain's tables so the metadata (and Alembic) sees them all."""

from pilotboard.accounts.models import ApiToken, LoginThrottle, User, UserSession
from pilotboard.activity.models import Activity
from pilotboard.workspaces.models import Membership, Workspace

__all__ = [
    "Activity",
    "ApiToken",
    "LoginThrottle",
    "Membership",
    "User",
    "UserSession",
    "Workspace",
]
