"""An SMTP server on 127.0.0.1 that keeps every message the drill's server sends.

The check-in links are mailed only (their tokens are stored hashed): the idempotency phase
reads them here, as the department contact would in their inbox.
"""

from __future__ import annotations

import asyncio
import re
import threading
import time
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

from drillkit.server import free_port


class _Keep:
    def __init__(self, sink: MailSink) -> None:
        self.sink = sink

    async def handle_DATA(self, _server: Any, _session: Any, envelope: Any) -> str:  # noqa: N802
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        with self.sink.lock:
            for recipient in envelope.rcpt_tos:
                self.sink.messages.append((recipient.lower(), message))
        return "250 Message accepted"


class MailSink:
    def __init__(self) -> None:
        self.port = free_port()
        self.lock = threading.Lock()
        self.messages: list[tuple[str, EmailMessage]] = []
        self._controller = Controller(_Keep(self), hostname="127.0.0.1", port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._controller.start()

    def close(self) -> None:
        self._controller.stop()

    def _text_to(self, address: str) -> str | None:
        with self.lock:
            found = [m for to, m in self.messages if to == address.lower()]
        if not found:
            return None
        body = found[-1].get_body(preferencelist=("plain",))
        return body.get_content() if body is not None else None

    async def link(self, address: str, pattern: str, *, timeout: float = 30) -> str:
        """The first match of ``pattern``'s group in the latest message to ``address``, waiting
        up to ``timeout`` seconds for it to arrive."""
        deadline = time.monotonic() + timeout
        while True:
            text = self._text_to(address)
            if text is not None and (match := re.search(pattern, text)):
                return match.group(1)
            if time.monotonic() > deadline:
                raise TimeoutError(f"no message to {address} matching {pattern} in {timeout} s")
            await asyncio.sleep(0.2)
