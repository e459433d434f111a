"""Imports every domain's tables so the metadata (and Alembic) sees them all."""

from pilotboard.accounts.models import ApiToken, LoginThrottle, User, UserSession
from pilotboard.activity.models import Activity
from pilotboard.core.idempotency import IdempotencyRecord
from pilotboard.core.ratelimit import RateCounter
from pilotboard.customers.models import Customer
from pilotboard.departments.models import Department
from pilotboard.invitations.models import Invitation
from pilotboard.mail.models import MailMessage, MailSuppression
from pilotboard.notifications.models import (
    DecisionWait,
    DigestSend,
    HealthChange,
    Notification,
    NotificationPreferences,
)
from pilotboard.pilots.checkins.models import CheckIn, CheckInRequest
from pilotboard.pilots.comments.models import Comment
from pilotboard.pilots.feedback.models import FeedbackLink, FeedbackResponse
from pilotboard.pilots.models import (
    Candidate,
    Decision,
    Involvement,
    Iteration,
    Measurement,
    Metric,
    Pilot,
    ScalePlan,
    ScalePlanItem,
    Transition,
)
from pilotboard.portfolio.models import DepartmentEngagement, PortfolioGroup
from pilotboard.saved_views.models import SavedView
from pilotboard.webhooks.models import (
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from pilotboard.workspaces.models import Membership, Workspace, WorkspaceSettings

__all__ = [
    "Activity",
    "ApiToken",
    "Candidate",
    "CheckIn",
    "CheckInRequest",
    "Comment",
    "Customer",
    "Decision",
    "DecisionWait",
    "Department",
    "DepartmentEngagement",
    "DigestSend",
    "FeedbackLink",
    "FeedbackResponse",
    "HealthChange",
    "IdempotencyRecord",
    "Invitation",
    "Involvement",
    "Iteration",
    "LoginThrottle",
    "MailMessage",
    "MailSuppression",
    "Measurement",
    "Membership",
    "Metric",
    "Notification",
    "NotificationPreferences",
    "Pilot",
    "PortfolioGroup",
    "RateCounter",
    "SavedView",
    "ScalePlan",
    "ScalePlanItem",
    "Transition",
    "User",
    "UserSession",
    "WebhookAttempt",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookEvent",
    "Workspace",
    "WorkspaceSettings",
]
