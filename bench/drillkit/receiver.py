"""A webhook receiver on 127.0.0.1 that is not always well: mostly 200, sometimes 500, and now
and then no answer for longer than the server's webhook timeout."""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
from collections import Counter


class WebhookReceiver:
    def __init__(
        self,
        *,
        seed: int,
        hang_seconds: float,
        fail_share: float = 0.15,
        hang_share: float = 0.05,
    ) -> None:
        self.random = random.Random(seed)
        self.hang_seconds = hang_seconds
        self.fail_share = fail_share
        self.hang_share = hang_share
        self.answers: Counter[str] = Counter()  # "200", "500", "hung"
        # (endpoint path, webhook-id) → times received: one event goes to every endpoint with the
        # same webhook-id, and a retry repeats it for one endpoint.
        self.messages: Counter[tuple[str, str]] = Counter()
        self.event_types: Counter[str] = Counter()
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._handlers: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.sockets[0].getsockname()[1])

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
        for writer in list(self._writers):
            writer.close()
        for task in list(self._handlers):
            task.cancel()
        await asyncio.gather(*self._handlers, return_exceptions=True)
        if self._server is not None:
            await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        task = asyncio.current_task()
        if task is not None:
            self._handlers.add(task)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                request_line, *lines = head.decode("latin-1").split("\r\n")
                path = request_line.split(" ")[1] if " " in request_line else "?"
                headers: dict[str, str] = {}
                for line in lines:
                    name, _, value = line.partition(":")
                    if name:
                        headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                self.messages[(path, headers.get("webhook-id", "?"))] += 1
                with contextlib.suppress(ValueError, AttributeError):
                    self.event_types[str(json.loads(body).get("type"))] += 1
                roll = self.random.random()
                if roll < self.hang_share:
                    self.answers["hung"] += 1
                    await asyncio.sleep(self.hang_seconds)
                    return  # hang up without an answer
                status = 500 if roll < self.hang_share + self.fail_share else 200
                self.answers[str(status)] += 1
                reason = b"OK" if status == 200 else b"Internal Server Error"
                payload = b"ok" if status == 200 else b"receiver failed on purpose"
                writer.write(
                    b"HTTP/1.1 %d %s\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n\r\n%s"
                    % (status, reason, len(payload), payload)
                )
                await writer.drain()
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            pass
        except asyncio.CancelledError:
            pass  # the drill is closing the receiver
        finally:
            self._writers.discard(writer)
            if task is not None:
                self._handlers.discard(task)
            writer.close()

    def summary(self) -> str:
        total = sum(self.messages.values())
        repeats = total - len(self.messages)
        answers = ", ".join(f"{k}: {v}" for k, v in sorted(self.answers.items()))
        events = len({message for _, message in self.messages})
        return (
            f"webhook receiver: {total} deliveries received ({len(self.messages)} distinct "
            f"deliveries of {events} events, {repeats} retries); answered {answers or 'nothing'}"
        )
