"""Phases (b) and (c): the same request many times at once.

(b) For every ``POST`` the OpenAPI document says honours ``Idempotency-Key``: ten copies at once
with one key and one body. Each answer must be the same 2xx (the copies after the first carrying
``Idempotent-Replayed: true``), or 409 with ``Retry-After`` while the first is still in flight;
one more copy afterwards must replay; exactly one record may exist.

(c) Six CSV imports of the same new customer at once (no key: six separate requests). One may
create it; the others must find it (``unchanged``) or answer 409; exactly one customer may carry
the external id.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx

from drillkit.context import API, Context, expect, list_all, pilot_body, tag
from drillkit.stats import PhaseResult, Recorder

Count = Callable[[], Awaitable[int]]


@dataclass
class Case:
    """One create route: where to send it, with what, and how to count what it stored.
    ``browser``: the route takes a browser session only (members, invitations), not a token."""

    url: str
    json: dict[str, Any] | None
    csv: bytes | None
    count: Count
    browser: bool = False


class Fixtures:
    """The records the create routes refer to, made on first use through the API."""

    def __init__(self, ctx: Context, client: httpx.AsyncClient, recorder: Recorder) -> None:
        self.ctx = ctx
        self.client = client
        self.recorder = recorder
        self._customer: str | None = None
        self._department: str | None = None
        self._browser: httpx.AsyncClient | None = None

    async def create(self, path: str, body: dict[str, Any], what: str) -> str:
        created = expect(
            await self.recorder.send(
                self.client, "POST", self.ctx.ws(path), label=f"setup: {what}", json=body
            ),
            201,
            f"create {what} for the idempotency phase",
        )
        return str(created["id"])

    async def pilot(self) -> str:
        """A new pilot for each route, so its children can be counted on their own."""
        return await self.create(
            "/pilots", pilot_body(f"drill b fixture {tag()}", self.ctx.rng), "pilot"
        )

    async def customer(self) -> str:
        if self._customer is None:
            self._customer = await self.create(
                "/customers", {"name": f"Drill fixture {tag()}"}, "customer"
            )
        return self._customer

    async def department(self) -> str:
        if self._department is None:
            self._department = await self.create(
                "/departments", {"name": f"Drill fixture {tag()}"}, "department"
            )
        return self._department

    async def browser(self) -> httpx.AsyncClient:
        """A client signed in as the drill's admin (session cookie and CSRF token)."""
        if self._browser is None:
            client = self.ctx.client(authenticated=False)
            login = expect(
                await self.recorder.send(
                    client,
                    "POST",
                    "/api/v1/auth/login",
                    label="setup: browser sign-in",
                    json={"email": self.ctx.admin_email, "password": self.ctx.admin_password},
                ),
                200,
                "sign in for the browser-only routes",
            )
            client.headers["X-CSRF-Token"] = str(login["csrf_token"])
            self._browser = client
        return self._browser

    def browser_copy(self, browser: httpx.AsyncClient) -> httpx.AsyncClient:
        """Another connection of the same browser session."""
        client = self.ctx.client(authenticated=False)
        client.cookies = httpx.Cookies(browser.cookies)
        client.headers["X-CSRF-Token"] = browser.headers["X-CSRF-Token"]
        return client

    async def pilot_with_customer(self) -> str:
        """A new pilot whose testbed customer is chosen (feedback links need one): its path."""
        pilot = f"/pilots/{await self.pilot()}"
        customer = await self.customer()
        await self.create(
            f"{pilot}/candidates",
            {"customer_id": customer, "scores": {"low_stakes": 4}},
            "candidate",
        )
        expect(
            await self.recorder.send(
                self.client,
                "PATCH",
                self.ctx.ws(pilot),
                label="setup: choose the customer",
                json={"customer_id": customer},
            ),
            200,
            "choose the pilot's customer for the feedback phase",
        )
        return pilot

    async def feedback_token(self) -> tuple[str, str]:
        """A new pilot with a chosen customer and a feedback link: (pilot path, token)."""
        pilot = await self.pilot_with_customer()
        link = await self.create_raw(
            f"{pilot}/feedback-links", {"contact_name": "Drill contact"}, "feedback link"
        )
        return pilot, str(link["token"])

    async def check_in_token(self) -> tuple[str, str, str]:
        """A department asked to check in, by email: (pilot path, involvement id, token). The
        token comes from the message the server sent, as it would to the contact."""
        pilot = f"/pilots/{await self.pilot()}"
        email = f"drill-check-in-{tag()}@drill.local"
        involvement = await self.create(
            f"{pilot}/involvements",
            {
                "department_id": await self.department(),
                "contact_name": "Drill contact",
                "contact_email": email,
                "status": "engaged",
            },
            "involvement",
        )
        await self.create(f"{pilot}/iterations", {"started_on": self.ctx.today}, "iteration")
        assert self.ctx.mail is not None, "the drill's mail sink is not running"
        token = await self.ctx.mail.link(email, r"/check-in/([A-Za-z0-9_-]{20,})")
        return pilot, involvement, token

    async def create_raw(self, path: str, body: dict[str, Any], what: str) -> dict[str, Any]:
        created = expect(
            await self.recorder.send(
                self.client, "POST", self.ctx.ws(path), label=f"setup: {what}", json=body
            ),
            201,
            f"create {what} for the idempotency phase",
        )
        assert isinstance(created, dict)
        return created

    async def invite(self, email: str) -> str:
        browser = await self.browser()
        created = expect(
            await self.recorder.send(
                browser,
                "POST",
                self.ctx.ws("/invitations"),
                label="setup: invitation",
                json={"email": email, "role": "viewer"},
            ),
            202,
            "invite someone for the idempotency phase",
        )
        return str(created["id"])

    async def invitations_to(self, email: str) -> int:
        """Pending invitations to ``email`` (a resend replaces the link, never adds one)."""
        browser = await self.browser()
        items = await list_all(
            browser, self.recorder, self.ctx.ws("/invitations"), label="count", params={}
        )
        return sum(1 for item in items if item.get("email") == email)

    async def close(self) -> None:
        if self._browser is not None:
            await self._browser.aclose()

    async def matching(self, path: str, field: str, value: Any, **params: str) -> int:
        items = await list_all(
            self.client, self.recorder, self.ctx.ws(path), label="count", params=params
        )
        return sum(1 for item in items if item.get(field) == value)


async def _case(op_id: str, fx: Fixtures) -> Case | None:
    """The request for ``op_id``, or None when the drill does not know that route."""
    ctx = fx.ctx
    marker = f"drill idem {tag()}"

    def case(path: str, body: dict[str, Any], count: Count) -> Case:
        return Case(ctx.ws(path), body, None, count)

    if op_id == "createPilot":
        return case(
            "/pilots",
            pilot_body(marker, ctx.rng),
            lambda: fx.matching("/pilots", "title", marker, q=marker),
        )
    if op_id == "createCustomer":
        return case(
            "/customers",
            {"name": marker, "segment": "Drill"},
            lambda: fx.matching("/customers", "name", marker, q=marker),
        )
    if op_id == "createDepartment":
        return case(
            "/departments",
            {"name": marker, "kpi": "Duplicates"},
            lambda: fx.matching("/departments", "name", marker, q=marker),
        )
    if op_id in {
        "createIteration",
        "createCandidate",
        "createDecision",
        "createInvolvement",
        "createMetric",
    }:
        pilot = f"/pilots/{await fx.pilot()}"
        if op_id == "createIteration":
            body: dict[str, Any] = {"started_on": ctx.today, "changes": marker}
            return case(
                f"{pilot}/iterations",
                body,
                lambda: fx.matching(f"{pilot}/iterations", "changes", marker),
            )
        if op_id == "createCandidate":
            customer = await fx.customer()
            body = {"customer_id": customer, "scores": {"low_stakes": 4}, "notes": marker}
            return case(
                f"{pilot}/candidates",
                body,
                lambda: fx.matching(f"{pilot}/candidates", "notes", marker),
            )
        if op_id == "createDecision":
            body = {"kind": "start", "rationale": marker}
            return case(
                f"{pilot}/decisions",
                body,
                lambda: fx.matching(f"{pilot}/decisions", "rationale", marker),
            )
        if op_id == "createInvolvement":
            department = await fx.department()
            body = {"department_id": department, "contact_name": marker, "status": "invited"}
            return case(
                f"{pilot}/involvements",
                body,
                lambda: fx.matching(f"{pilot}/involvements", "contact_name", marker),
            )
        body = {
            "name": marker,
            "unit": "min",
            "direction": "decrease",
            "baseline": 50,
            "target": 30,
        }
        return case(
            f"{pilot}/metrics",
            body,
            lambda: fx.matching(f"{pilot}/metrics", "name", marker),
        )
    if op_id == "createMeasurement":
        pilot = f"/pilots/{await fx.pilot()}"
        metric = await fx.create(
            f"{pilot}/metrics",
            {"name": "Drill metric", "direction": "increase", "baseline": 1, "target": 2},
            "metric",
        )
        path = f"{pilot}/metrics/{metric}/measurements"
        body = {"value": 1.5, "measured_on": ctx.today, "note": marker}
        return case(path, body, lambda: fx.matching(path, "note", marker))
    if op_id == "createComment":
        pilot = f"/pilots/{await fx.pilot()}"
        return case(
            f"{pilot}/comments",
            {"body": marker, "mentions": []},
            lambda: fx.matching(f"{pilot}/comments", "body", marker),
        )
    if op_id == "createFeedbackLink":
        pilot = await fx.pilot_with_customer()
        return case(
            f"{pilot}/feedback-links",
            {"contact_name": marker},
            lambda: fx.matching(f"{pilot}/feedback-links", "contact_name", marker),
        )
    if op_id == "submitFeedback":
        pilot, token = await fx.feedback_token()
        return Case(
            f"{API}/feedback/{token}",
            {"difference": 4, "effort": 5, "comment": marker},
            None,
            lambda: fx.matching(f"{pilot}/feedback", "comment", marker),
        )
    if op_id == "createCheckIn":
        pilot = f"/pilots/{await fx.pilot()}"
        involvement = await fx.create(
            f"{pilot}/involvements",
            {"department_id": await fx.department(), "status": "engaged"},
            "involvement",
        )
        path = f"{pilot}/involvements/{involvement}/check-ins"
        return case(
            path,
            {"benefit": "partly", "still_committed": True, "note": marker},
            lambda: fx.matching(path, "note", marker),
        )
    if op_id == "submitCheckIn":
        pilot, involvement, token = await fx.check_in_token()
        path = f"{pilot}/involvements/{involvement}/check-ins"
        return Case(
            f"{API}/check-ins/{token}",
            {"benefit": "yes", "still_committed": True, "note": marker},
            None,
            lambda: fx.matching(path, "note", marker),
        )
    if op_id == "createInvitation":
        email = f"drill-{tag()}@drill.local"
        return Case(
            ctx.ws("/invitations"),
            {"email": email, "role": "viewer"},
            None,
            lambda: fx.invitations_to(email),
            browser=True,
        )
    if op_id == "resendInvitation":
        email = f"drill-{tag()}@drill.local"
        invitation = await fx.invite(email)
        return Case(
            ctx.ws(f"/invitations/{invitation}/resend"),
            {},
            None,
            lambda: fx.invitations_to(email),
            browser=True,
        )
    if op_id == "importCustomers":
        external = f"DRILL-{tag()}"
        content = f"name,external_id,segment\n{marker},{external},Drill\n".encode()
        return Case(
            ctx.ws("/imports/customers"),
            None,
            content,
            lambda: fx.matching("/customers", "external_id", external, q=external),
        )
    if op_id == "importDepartments":
        content = f"name,kpi\n{marker},Duplicates\n".encode()
        return Case(
            ctx.ws("/imports/departments"),
            None,
            content,
            lambda: fx.matching("/departments", "name", marker, q=marker),
        )
    return None


def _idempotent_posts(document: dict[str, Any]) -> list[tuple[str, str]]:
    """(operationId, path) of every POST that takes an ``Idempotency-Key`` header."""
    found: list[tuple[str, str]] = []
    for path, operations in document.get("paths", {}).items():
        post = operations.get("post")
        if not post:
            continue
        headers = {
            p.get("name", "").lower() for p in post.get("parameters", []) if p.get("in") == "header"
        }
        if "idempotency-key" in headers:
            found.append((str(post.get("operationId", path)), str(path)))
    return found


async def _post(
    client: httpx.AsyncClient,
    recorder: Recorder,
    url: str,
    *,
    label: str,
    json: dict[str, Any] | None = None,
    csv: bytes | None = None,
    key: str | None = None,
) -> httpx.Response | None:
    headers = {"Idempotency-Key": key} if key else {}
    if csv is not None:
        return await recorder.send(
            client,
            "POST",
            url,
            label=label,
            headers=headers,
            files={"file": ("drill.csv", csv, "text/csv")},
        )
    return await recorder.send(client, "POST", url, label=label, headers=headers, json=json)


def _identity(response: httpx.Response) -> str:
    body = response.json()
    if isinstance(body, dict) and "id" in body:
        return str(body["id"])
    # An import report has no id: the whole answer must repeat (as JSON, not byte for byte).
    return json.dumps(body, sort_keys=True)


def _describe(responses: list[httpx.Response | None]) -> str:
    counts: Counter[str] = Counter()
    for response in responses:
        if response is None:
            counts["no answer"] += 1
        elif response.headers.get("Idempotent-Replayed") == "true":
            counts[f"{response.status_code} replayed"] += 1
        elif response.status_code == 409 and "retry-after" in response.headers:
            counts["409 Retry-After"] += 1
        else:
            counts[str(response.status_code)] += 1
    return ", ".join(f"{n} x {what}" for what, n in counts.most_common())


async def idempotency(ctx: Context, *, copies: int = 10) -> PhaseResult:
    recorder = Recorder("b idempotency")
    result = PhaseResult(recorder.name, recorder, lost=0, duplicates=0)
    clients = [ctx.client() for _ in range(copies)]
    fixtures = Fixtures(ctx, clients[0], recorder)
    try:
        document = expect(
            await recorder.send(clients[0], "GET", "/openapi.json", label="GET openapi.json"),
            200,
            "read /openapi.json",
        )
        routes = _idempotent_posts(document)
        result.notes.append(
            f"{len(routes)} POST routes take Idempotency-Key: " + ", ".join(r for r, _ in routes)
        )
        for op_id, path in routes:
            case = await _case(op_id, fixtures)
            if case is None:
                result.failures.append(f"{op_id} ({path}): the drill has no request for it")
                continue
            if case.browser:
                browser = await fixtures.browser()
                copies_of = [fixtures.browser_copy(browser) for _ in range(copies)]
                try:
                    await _one_route(op_id, case, copies_of, recorder, result)
                finally:
                    await asyncio.gather(*(client.aclose() for client in copies_of))
                continue
            await _one_route(op_id, case, clients, recorder, result)
    finally:
        await fixtures.close()
        await asyncio.gather(*(client.aclose() for client in clients))
    return result


async def _one_route(
    op_id: str,
    case: Case,
    clients: list[httpx.AsyncClient],
    recorder: Recorder,
    result: PhaseResult,
) -> None:
    key = f"drill-idem-{uuid.uuid4()}"

    def send(client: httpx.AsyncClient, label: str) -> Awaitable[httpx.Response | None]:
        return _post(client, recorder, case.url, label=label, json=case.json, csv=case.csv, key=key)

    burst = await asyncio.gather(*(send(c, f"POST {op_id} x{len(clients)}") for c in clients))
    # Once the dust settles, the same request again must replay the one result.
    final = await send(clients[0], f"POST {op_id} (replay)")
    stored = await case.count()
    successes = [r for r in burst if r is not None and r.is_success]
    problems: list[str] = []
    identities = {_identity(r) for r in successes}
    originals = [r for r in successes if r.headers.get("Idempotent-Replayed") != "true"]
    if len(identities) > 1:
        problems.append(f"{len(identities)} different results")
    if len(originals) > 1:
        problems.append(f"{len(originals)} answers are not marked as replays")
    for response in burst:
        if response is None or response.is_success or response.status_code >= 500:
            continue  # no answers and 5xx are counted by the table
        if response.status_code == 409 and "retry-after" not in response.headers:
            problems.append("409 without Retry-After")
        elif response.status_code != 409:
            problems.append(f"{response.status_code}: {response.text[:120]}")
    if final is None or not final.is_success:
        problems.append(
            "the later copy was not answered 2xx: "
            + (f"{final.status_code} {final.text[:120]}" if final is not None else "no answer")
        )
    elif final.headers.get("Idempotent-Replayed") != "true":
        if successes:
            problems.append("the later copy was not a replay")
    elif successes and _identity(final) not in identities:
        problems.append("the later copy replayed another result")
    if stored > 1:
        assert result.duplicates is not None
        result.duplicates += stored - 1
    if stored == 0 and (successes or (final is not None and final.is_success)):
        assert result.lost is not None
        result.lost += 1
        problems.append("acknowledged, but nothing was stored")
    line = f"{op_id}: {_describe(burst)}; then {_describe([final])}; stored {stored}"
    result.notes.append(line + (f" — {'; '.join(problems)}" if problems else ""))
    if problems:
        result.failures.append(f"{op_id}: {'; '.join(problems)}")


async def concurrent_imports(ctx: Context, *, rounds: int, copies: int = 6) -> PhaseResult:
    recorder = Recorder("c imports")
    result = PhaseResult(recorder.name, recorder, lost=0, duplicates=0)
    clients = [ctx.client() for _ in range(copies)]
    try:
        for number in range(1, rounds + 1):
            name = f"Drill import {tag()}"
            external = f"DRILL-IMPORT-{tag()}"
            content = f"name,external_id,segment\n{name},{external},Drill\n".encode()
            answers = await asyncio.gather(
                *(
                    _post(
                        client,
                        recorder,
                        ctx.ws("/imports/customers"),
                        label=f"POST importCustomers x{copies}",
                        csv=content,
                    )
                    for client in clients
                )
            )
            stored = sum(
                1
                for item in await list_all(
                    clients[0],
                    recorder,
                    ctx.ws("/customers"),
                    label="count customers",
                    params={"q": external},
                )
                if item.get("external_id") == external
            )
            reports = [a.json() for a in answers if a is not None and a.status_code == 200]
            created = sum(int(r.get("created", 0)) for r in reports)
            problems: list[str] = []
            for answer in answers:
                if (
                    answer is not None
                    and answer.status_code != 409
                    and 400 <= answer.status_code < 500
                ):
                    problems.append(f"{answer.status_code}: {answer.text[:120]}")
            if created > 1:
                problems.append(f"{created} answers say they created the customer")
            if stored > 1:
                assert result.duplicates is not None
                result.duplicates += stored - 1
            if stored == 0 and created:
                assert result.lost is not None
                result.lost += 1
                problems.append("an answer says created, but no customer has the external id")
            summary = Counter(
                "no answer"
                if a is None
                else (
                    f"200 created={a.json().get('created')} unchanged={a.json().get('unchanged')}"
                    if a.status_code == 200
                    else str(a.status_code)
                )
                for a in answers
            )
            line = (
                f"round {number}: "
                + ", ".join(f"{n} x {what}" for what, n in summary.most_common())
                + f"; customers with the external id: {stored}"
            )
            result.notes.append(line + (f" — {'; '.join(problems)}" if problems else ""))
            result.failures.extend(f"round {number}: {p}" for p in problems)
    finally:
        await asyncio.gather(*(client.aclose() for client in clients))
    return result
