"""What the mail domain tells the others."""

from __future__ import annotations

import uuid
from dataclasses import dataclass


@dataclass(frozen=True)
class MailUnsubscribed:
    """Someone followed a message's one-click unsubscribe, and the address has an account.

    Published in the unsubscribe's transaction; the notifications domain turns it into the
    person's preferences (``kind`` is the message's kind: a notification kind, ``digest`` or
    ``invitation``). An address without an account is suppressed by the mail domain itself.
    """

    workspace_id: uuid.UUID | None
    user_id: uuid.UUID | None
    address: str
    kind: str
