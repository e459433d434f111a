"""What every phase needs: the workspace, its API token, clients, paging and request bodies.

The workspace is built the way a person or an integration builds one: the admin account comes
from ``pilotboard create-user``, then ``POST /auth/login`` (a browser session with its CSRF
token), ``POST /workspaces`` and ``POST /tokens`` (read + write). Every phase then acts with
that token, one ``httpx.AsyncClient`` (one connection) per simulated user.
"""

from __future__ import annotations

import random
import secrets
import ssl
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import httpx

from drillkit.stats import REQUEST_TIMEOUT, Recorder

if TYPE_CHECKING:
    from drillkit.mailsink import MailSink

API = "/api/v1"
ADMIN_EMAIL = "drill-admin@drill.local"
OUTCOMES = ("profitability", "business_process", "strategic_positioning")


class DrillError(RuntimeError):
    """A phase could not go on (an answer the drill cannot work with)."""


def expect(response: httpx.Response | None, status: int, what: str) -> dict[str, Any]:
    """The JSON body of ``response`` when it has ``status``; DrillError otherwise."""
    if response is None:
        raise DrillError(f"{what}: no answer")
    if response.status_code != status:
        raise DrillError(f"{what}: {response.status_code} {response.text[:300]}")
    body: dict[str, Any] = response.json()
    return body


def new_password() -> str:
    return "drill-" + secrets.token_urlsafe(18)


def tag() -> str:
    """A short unique marker that makes a request's body (and its record) recognisable."""
    return uuid.uuid4().hex[:12]


@dataclass
class Context:
    base_url: str
    workspace_id: str
    token: str
    short: bool
    rng: random.Random
    admin_email: str = ""
    admin_password: str = ""
    webhook_ids: list[str] = field(default_factory=list)
    reader_pilot_ids: list[str] = field(default_factory=list)
    mail: MailSink | None = None
    _ssl: ssl.SSLContext = field(default_factory=ssl.create_default_context)

    @property
    def today(self) -> str:
        return datetime.now(UTC).date().isoformat()

    def ws(self, suffix: str = "") -> str:
        return f"{API}/workspaces/{self.workspace_id}{suffix}"

    def client(
        self, *, local_address: str | None = None, authenticated: bool = True, connections: int = 1
    ) -> httpx.AsyncClient:
        """One simulated user: one connection, the API token, a 30 s timeout per request."""
        transport = httpx.AsyncHTTPTransport(
            verify=self._ssl,  # one shared context: building one per client costs CPU
            local_address=local_address,
            limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
        )
        headers = {"Authorization": f"Bearer {self.token}"} if authenticated else {}
        return httpx.AsyncClient(
            base_url=self.base_url,
            headers=headers,
            timeout=REQUEST_TIMEOUT,
            transport=transport,
        )


async def sign_in_and_build_workspace(
    base_url: str, *, email: str, password: str, recorder: Recorder
) -> tuple[str, str]:
    """(workspace id, API token): a session login, a new workspace, a read + write token."""
    async with httpx.AsyncClient(base_url=base_url, timeout=REQUEST_TIMEOUT) as client:
        login = expect(
            await recorder.send(
                client,
                "POST",
                f"{API}/auth/login",
                label="login",
                json={"email": email, "password": password},
            ),
            200,
            "sign in as the drill admin",
        )
        csrf = {"X-CSRF-Token": str(login["csrf_token"])}
        workspace = expect(
            await recorder.send(
                client,
                "POST",
                f"{API}/workspaces",
                label="create workspace",
                json={"name": f"Drill {tag()}"},
                headers=csrf,
            ),
            201,
            "create the drill workspace",
        )
        created = expect(
            await recorder.send(
                client,
                "POST",
                f"{API}/tokens",
                label="create token",
                json={
                    "name": "drill",
                    "workspace_id": workspace["id"],
                    "scopes": ["read", "write"],
                },
                headers=csrf,
            ),
            201,
            "create the drill API token",
        )
    return str(workspace["id"]), str(created["token"])


async def list_all(
    client: httpx.AsyncClient,
    recorder: Recorder,
    url: str,
    *,
    label: str,
    params: dict[str, str] | None = None,
    max_pages: int = 2000,
) -> list[dict[str, Any]]:
    """Every item of a paged list (200 per page, following ``next_cursor``)."""
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    for _ in range(max_pages):
        query = {**(params or {}), "limit": "200"}
        if cursor:
            query["cursor"] = cursor
        page = expect(
            await recorder.send(client, "GET", url, label=label, params=query), 200, label
        )
        items.extend(page["items"])
        cursor = page.get("next_cursor")
        if not cursor:
            return items
    raise DrillError(f"{label}: more than {max_pages} pages")


# --- request bodies ----------------------------------------------------------------------------


def pilot_body(title: str, rng: random.Random) -> dict[str, Any]:
    return {
        "title": title,
        "target_outcome": rng.choice(OUTCOMES),
        "hypothesis": "Written by the drill to test concurrency and crashes.",
        "budget": rng.randrange(1_000, 500_000),
        "revenue_at_stake": rng.randrange(10_000, 2_000_000),
    }


def iteration_body(marker: str, today: str) -> dict[str, Any]:
    return {"started_on": today, "changes": f"drill iteration {marker}", "change_order": 1}
