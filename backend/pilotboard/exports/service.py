"""Export a workspace as one JSON document, and restore such a document into a new workspace.

Each domain reads and writes its own part (``<domain>/backup.py``); this module checks the
document, orders the parts (what is referred to first) and carries the id mapping between them.
Both run a fixed number of queries whatever the size of the workspace: one per table (and, for
a restore, one bulk insert per table; the derived columns follow before the commit, see
``core/derived.py``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session

from pilotboard.accounts import backup as accounts
from pilotboard.activity import backup as activity
from pilotboard.core.derived import settle
from pilotboard.customers import backup as customers
from pilotboard.departments import backup as departments
from pilotboard.exports.context import IdMap, RestoreContext
from pilotboard.exports.schemas import FORMAT, VERSION, ExportDocument
from pilotboard.pilots import backup as pilots
from pilotboard.webhooks import backup as webhooks
from pilotboard.workspaces import backup as workspaces
from pilotboard.workspaces.models import Role, Workspace

# --- export ----------------------------------------------------------------------------------


def export_workspace(session: Session, *, workspace: Workspace, now: datetime) -> ExportDocument:
    ws = workspace.id
    settings = workspaces.export_settings(session, ws)
    members = workspaces.export_members(session, ws)
    department_list = departments.export_departments(session, ws)
    customer_list = customers.export_customers(session, ws)
    pilot_list = pilots.export_pilots(session, ws, thresholds=settings.thresholds, today=now.date())
    activity_list = activity.export_activity(session, ws)
    webhook_list = webhooks.export_webhooks(session, ws)
    referenced = pilots.people_referenced(pilot_list) | activity.people_referenced(activity_list)
    return ExportDocument(
        format=FORMAT,
        version=VERSION,
        exported_at=now,
        workspace=workspaces.export_workspace_row(workspace),
        settings=settings,
        members=members,
        people=accounts.export_people(session, referenced - {m.user_id for m in members}),
        departments=department_list,
        customers=customer_list,
        pilots=pilot_list,
        activity=activity_list,
        webhooks=webhook_list,
    )


# --- restore ---------------------------------------------------------------------------------


@dataclass
class Restored:
    workspace_id: uuid.UUID
    name: str
    counts: dict[str, int]
    members: list[str]
    """Emails of the members restored, with their role."""
    missing_people: list[str]
    """Emails in the file without an account here."""
    reassigned_pilots: int
    """Pilots whose owner has no account here, now owned by the restoring admin."""
    webhook_secrets: list[tuple[str, str]] = field(default_factory=list)
    """(url, new signing secret) of each webhook endpoint, shown this once."""


def restore_workspace(
    session: Session,
    *,
    document: ExportDocument,
    name: str | None,
    admin_email: str | None,
    app_secret: str,
    now: datetime,
    webhooks_allow_localhost: bool = False,
) -> Restored:
    """Create a new workspace holding everything in ``document`` (one transaction: the caller
    commits). People are linked by email; see the CLI's help for the rules.

    Webhook URLs are checked as the API checks them, with ``webhooks_allow_localhost`` standing
    for the setting of the same name: the document is refused, and nothing written, when one
    is refused."""
    pilots.check_references(
        document.pilots,
        people={m.user_id for m in document.members} | {p.user_id for p in document.people},
        customers={c.id for c in document.customers},
        departments={d.id for d in document.departments},
    )
    webhooks.check_urls(document.webhooks, allow_localhost=webhooks_allow_localhost)
    people = accounts.resolve_people(
        session, people=[*document.members, *document.people], admin_email=admin_email
    )
    roles = workspaces.member_roles(document.members, people)
    fallback_owner = (
        people.admin.id
        if people.admin is not None
        else next(user_id for user_id, role in roles.items() if role == Role.admin)
    )

    workspace = workspaces.restore_workspace_row(session, document.workspace, name=name, now=now)
    ids = IdMap()
    ids.known[document.workspace.id] = workspace.id
    ids.known.update(people.users)
    context = RestoreContext(
        workspace_id=workspace.id,
        ids=ids,
        users=people.users,
        fallback_owner=fallback_owner,
        now=now,
    )
    # What is referred to before what refers to it; the activity log, which refers to
    # everything, last.
    workspaces.restore_members(session, context, roles)
    workspaces.restore_settings(session, context, document.settings)
    departments.restore_departments(session, context, document.departments)
    customers.restore_customers(session, context, document.customers)
    reassigned = pilots.restore_pilots(session, context, document.pilots)
    secrets = webhooks.restore_webhooks(session, context, document.webhooks, app_secret=app_secret)
    activity.restore_activity(session, context, document.activity)

    # The derived columns (each metric's latest value, each pilot's summary and health) follow
    # from the bulk inserts, which the app's session noted (core/derived.py): bring them up to
    # date now, so that the restored workspace reads right before the commit too.
    settle(session)
    counts = {
        "departments": len(document.departments),
        "customers": len(document.customers),
        "pilots": len(document.pilots),
        "iterations": sum(len(p.iterations) for p in document.pilots),
        "measurements": sum(len(m.measurements) for p in document.pilots for m in p.metrics),
        "decisions": sum(len(p.decisions) for p in document.pilots),
        "comments": sum(len(p.comments) for p in document.pilots),
        "feedback links": sum(len(p.feedback_links) for p in document.pilots),
        "feedback responses": sum(len(p.feedback) for p in document.pilots),
        "check-ins": sum(len(p.check_ins) for p in document.pilots),
        "activity entries": len(document.activity),
        "webhooks": len(document.webhooks),
    }
    email_of = {user.id: user.email for user in people.accounts.values()}
    return Restored(
        workspace_id=workspace.id,
        name=workspace.name,
        counts=counts,
        members=[f"{email_of[user_id]} ({role.value})" for user_id, role in roles.items()],
        missing_people=people.missing,
        reassigned_pilots=reassigned,
        webhook_secrets=secrets,
    )
