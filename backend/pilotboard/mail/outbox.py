"""Queueing mail: render a message from its templates now and store it in the caller's transaction.

Templates live in ``pilotboard/mail/templates/``: ``<name>.subject.txt``, ``<name>.txt`` and
``<name>.html``; the bodies extend ``base.txt`` / ``base.html`` (block ``content``), which carry
the workspace's name and the unsubscribe link. HTML is autoescaped, plain text is not (it is
never interpreted). Every template gets, besides the caller's context:

- ``workspace_name``: the workspace's name (or the context's own, for mail of no workspace);
- ``public_url``: ``PILOTBOARD_PUBLIC_URL``;
- ``unsubscribe_url``: the page where the person confirms the unsubscribe;
- ``link(path)``: an absolute URL for an app path.

Rendering happens when the message is queued, so the email log shows exactly what is (or would
be) sent, and the worker needs nothing but the row.
"""

from __future__ import annotations

import re
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session, col, select

from pilotboard.accounts.models import User
from pilotboard.core.errors import InvalidInput
from pilotboard.mail.links import absolute_url, public_url_of, unsubscribe_page_url
from pilotboard.mail.models import MailMessage, MailState, MailSuppression
from pilotboard.workspaces.models import Workspace

MAX_ADDRESS = 254
MAX_NAME = 200
MAX_SUBJECT = 300
_TEMPLATE_NAME = re.compile(r"^[a-z][a-z0-9_]{0,59}$")
_KIND = re.compile(r"^[a-z][a-z0-9_.]{0,39}$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_LOCAL = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$")
_LABEL = re.compile(r"^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$")
DEFAULT_APP_NAME = "Pilotboard"
_TEMPLATES_KEY = "pilotboard.mail_templates"


@dataclass(frozen=True)
class RenderedMail:
    subject: str
    text: str
    html: str


def new_environment() -> Environment:
    """The template environment. It compiles each template once and keeps it, so the app's
    session factory carries one (:func:`attach_templates`) instead of making one per message."""
    return Environment(
        loader=PackageLoader("pilotboard.mail", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def attach_templates(maker: sessionmaker[Any]) -> None:
    """Give the sessions ``maker`` makes one shared template environment."""
    maker.kw["info"] = {**maker.kw.get("info", {}), _TEMPLATES_KEY: new_environment()}


def _environment_of(session: Session | None) -> Environment:
    found = session.info.get(_TEMPLATES_KEY) if session is not None else None
    return found if isinstance(found, Environment) else new_environment()


def check_address(value: str, *, loc: list[str | int]) -> str:
    """``value`` as a plain email address (``local@domain``), lower-cased; ``InvalidInput``
    naming ``loc`` when it is malformed or carries a line break (header injection)."""
    if _CONTROL.search(value):
        raise InvalidInput.field(loc, "An email address must not contain line breaks.")
    address = value.strip()
    problem = "Enter an email address like name@example.com."
    if len(address) > MAX_ADDRESS or address.count("@") != 1:
        raise InvalidInput.field(loc, problem)
    local, domain = address.split("@")
    if len(local) > 64 or not _LOCAL.match(local):
        raise InvalidInput.field(loc, problem)
    try:
        ascii_domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        raise InvalidInput.field(loc, problem) from None
    labels = ascii_domain.rstrip(".").split(".")
    if not ascii_domain or not all(_LABEL.match(label) for label in labels):
        raise InvalidInput.field(loc, problem)
    return f"{local}@{ascii_domain.rstrip('.')}".lower()


def check_header_text(value: str, *, loc: list[str | int], max_length: int) -> str:
    """A header's text (a display name, a subject): one line, no control characters."""
    if _CONTROL.search(value):
        raise InvalidInput.field(loc, "Must not contain line breaks or control characters.")
    value = value.strip()
    if len(value) > max_length:
        raise InvalidInput.field(loc, f"At most {max_length} characters.")
    return value


def render(
    template: str,
    context: Mapping[str, Any],
    *,
    public_url: str,
    workspace_name: str,
    unsubscribe_url: str,
    session: Session | None = None,
) -> RenderedMail:
    """Render the three templates of ``template`` (``InvalidInput`` naming ``subject`` when the
    rendered subject spans lines: a context value carried a line break)."""
    if not _TEMPLATE_NAME.match(template):
        raise ValueError(f"Not a mail template name: {template!r}")

    def link(path: str) -> str:
        return absolute_url(public_url, path)

    values = {
        **context,
        "workspace_name": workspace_name,
        "public_url": public_url,
        "unsubscribe_url": unsubscribe_url,
        "link": link,
    }
    env = _environment_of(session)
    subject = env.get_template(f"{template}.subject.txt").render(values).strip()
    subject = check_header_text(subject, loc=["subject"], max_length=10_000)
    if len(subject) > MAX_SUBJECT:
        subject = subject[: MAX_SUBJECT - 1].rstrip() + "…"
    text = env.get_template(f"{template}.txt").render(values)
    html = env.get_template(f"{template}.html").render(values)
    return RenderedMail(subject=subject, text=text, html=html)


def is_suppressed(session: Session, *, workspace_id: uuid.UUID | None, address: str) -> bool:
    """Whether ``address`` unsubscribed from the workspace's mail and has no account (a person
    with an account decides through their preferences instead)."""
    condition = (
        col(MailSuppression.workspace_id).is_(None)
        if workspace_id is None
        else MailSuppression.workspace_id == workspace_id
    )
    suppressed = session.exec(
        select(MailSuppression.id).where(condition, MailSuppression.address == address)
    ).first()
    if suppressed is None:
        return False
    account = session.exec(select(User.id).where(User.email == address)).first()
    return account is None


def message_id_for(message_id: uuid.UUID, public_url: str) -> str:
    host = urlsplit(public_url).hostname or "pilotboard.invalid"
    return f"<{message_id.hex}@{host}>"


def queue_mail(
    session: Session,
    *,
    to: str,
    kind: str,
    template: str,
    context: Mapping[str, Any],
    now: datetime,
    workspace_id: uuid.UUID | None,
    user_id: uuid.UUID | None = None,
    to_name: str | None = None,
) -> MailMessage | None:
    """Render `template` now (jinja2, autoescaped HTML + plain text + subject, from
    pilotboard/mail/templates/<template>.subject.txt / .txt / .html, each extending the base
    layout with the workspace's name and the unsubscribe link) and store it in the outbox in the
    caller's transaction. Returns None (queues nothing) when that address unsubscribed from this
    workspace's mail and has no account. Raises InvalidInput (422 naming the field) on a malformed
    address or CR/LF in a header value (to, to_name, subject)."""
    address = check_address(to, loc=["to"])
    name = check_header_text(to_name, loc=["to_name"], max_length=MAX_NAME) if to_name else None
    if not _KIND.match(kind):
        raise ValueError(f"Not a mail kind: {kind!r}")
    if workspace_id is not None:
        workspace = session.get(Workspace, workspace_id)
        if workspace is None:
            raise ValueError(f"No workspace {workspace_id}")
        workspace_name = workspace.name
    else:
        workspace_name = str(context.get("workspace_name") or DEFAULT_APP_NAME)
    if is_suppressed(session, workspace_id=workspace_id, address=address):
        return None
    public_url = public_url_of(session)
    message_id = uuid.uuid4()
    token = secrets.token_urlsafe(32)
    rendered = render(
        template,
        context,
        public_url=public_url,
        workspace_name=workspace_name,
        unsubscribe_url=unsubscribe_page_url(public_url, token),
        session=session,
    )
    message = MailMessage(
        id=message_id,
        workspace_id=workspace_id,
        user_id=user_id,
        kind=kind,
        to_address=address,
        to_name=name or None,
        subject=rendered.subject,
        text_body=rendered.text,
        html_body=rendered.html,
        message_id=message_id_for(message_id, public_url),
        unsubscribe_token=token,
        state=MailState.queued.value,
        attempts=0,
        next_attempt_at=now,
        created_at=now,
        updated_at=now,
    )
    session.add(message)
    session.flush()
    return message
