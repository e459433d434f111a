"""The delivery worker: claims due deliveries, sends them signed, records every attempt.

It runs in a thread started by the app's lifespan, and is safe with several app processes:
a claim is a short transaction that locks due rows (``FOR UPDATE SKIP LOCKED`` on PostgreSQL;
SQLite takes its write lock up front, so claims there are serialized) and moves their
``next_attempt_at`` forward by a lease. The HTTP request happens outside any transaction; the
outcome is then recorded in another one. A process that dies mid-send leaves the delivery due
again when the lease ends, so nothing is lost (a receiver may see a message twice, which the
`webhook-id` header lets it recognise).

Failed attempts are retried with exponential backoff and jitter for 24 hours. An endpoint with
no successful delivery for 24 hours of failures is turned off, with the reason, for the admins.
Old events are forgotten by a daily job (``webhooks/jobs.py``, run by ``jobs/runner.py``).
"""

from __future__ import annotations

import logging
import random
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx
from sqlalchemy import func, update
from sqlmodel import Session, col, select

from pilotboard import __version__
from pilotboard.activity.service import Actor, record
from pilotboard.core.background import PollingWorker
from pilotboard.core.clock import Clock
from pilotboard.core.config import Settings
from pilotboard.core.db import WRITE_INTENT, SessionFactory
from pilotboard.webhooks import net, signing
from pilotboard.webhooks.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from pilotboard.webhooks.service import iso, message_id

logger = logging.getLogger("pilotboard.webhooks")

RETRY_WINDOW = timedelta(hours=24)
DISABLE_AFTER = timedelta(hours=24)
FIRST_RETRY_SECONDS = 10.0
MAX_RETRY_SECONDS = 4 * 3600.0
EXCERPT_BYTES = 1024
USER_AGENT = f"Pilotboard-Webhooks/{__version__}"


def retry_delay(attempts: int, jitter: float) -> timedelta:
    """The wait after the ``attempts``-th failed attempt: 10 s, 20 s, 40 s… up to 4 h, each
    spread by ±20 % (``jitter`` in [0, 1), 0.5 = no spread) so retries do not arrive together."""
    base = min(MAX_RETRY_SECONDS, FIRST_RETRY_SECONDS * 2 ** max(0, attempts - 1))
    return timedelta(seconds=base * (0.8 + 0.4 * jitter))


@dataclass(frozen=True)
class Job:
    """A claimed delivery, with everything needed to send it without the database."""

    delivery_id: uuid.UUID
    endpoint_id: uuid.UUID
    claim_token: uuid.UUID
    url: str
    secret: str | None
    message_id: str
    body: str


@dataclass(frozen=True)
class Outcome:
    attempted_at: datetime
    succeeded: bool
    status_code: int | None
    latency_ms: int
    excerpt: str
    error: str | None


class DeliveryWorker(PollingWorker):
    """Drive it with `run_once()` (tests), or `start()`/`stop()` it as a background thread."""

    thread_name = "webhook-worker"
    logger = logger

    def __init__(
        self,
        *,
        session_factory: SessionFactory,
        settings: Settings,
        clock: Clock,
        resolver: net.Resolver | None = None,
        jitter: Callable[[], float] = random.random,
        timer: Callable[[], float] = time.perf_counter,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        super().__init__()
        self.session_factory = session_factory
        self.settings = settings
        self.clock = clock
        self.resolver = resolver
        self.jitter = jitter
        self.timer = timer
        self.batch_size = settings.webhooks_concurrency
        timeout = settings.webhooks_timeout_seconds
        # DNS, connect, send and read each get the timeout; the lease outlasts all of them.
        self.lease = timedelta(seconds=4 * timeout + 30)
        # No keep-alive: each delivery connects to the address it has just checked.
        self.client = httpx.Client(
            timeout=timeout,
            follow_redirects=False,
            trust_env=False,
            limits=httpx.Limits(max_keepalive_connections=0),
            transport=transport,
        )
        self.poll_seconds = settings.webhooks_poll_seconds

    def stop(self, timeout: float | None = None) -> None:
        super().stop(timeout)
        self.client.close()

    # --- one round ---------------------------------------------------------------------------

    def run_once(self) -> int:
        """One batch of due deliveries.

        Returns how many deliveries were attempted.
        """
        jobs = self.claim()
        if not jobs:
            return 0
        if len(jobs) == 1:
            outcomes = [self.send(jobs[0])]
        else:
            with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
                outcomes = list(pool.map(self.send, jobs))
        self.record(list(zip(jobs, outcomes, strict=True)))
        return len(jobs)

    def _session(self) -> Session:
        session = self.session_factory()
        session.connection(execution_options={WRITE_INTENT: True})
        return session

    def claim(self) -> list[Job]:
        """Take up to a batch of due deliveries of enabled endpoints, for one lease."""
        session = self._session()
        try:
            now = self.clock.now()
            ids = session.exec(
                select(WebhookDelivery.id)
                .join(WebhookEndpoint, col(WebhookEndpoint.id) == col(WebhookDelivery.endpoint_id))
                .where(col(WebhookDelivery.next_attempt_at) <= now, col(WebhookEndpoint.enabled))
                .order_by(col(WebhookDelivery.next_attempt_at), col(WebhookDelivery.id))
                .limit(self.batch_size)
                .with_for_update(skip_locked=True, of=WebhookDelivery)
            ).all()
            if not ids:
                session.commit()
                return []
            token = uuid.uuid4()
            session.execute(
                update(WebhookDelivery)
                .where(
                    col(WebhookDelivery.id).in_(ids), col(WebhookDelivery.next_attempt_at) <= now
                )
                .values(claim_token=token, next_attempt_at=now + self.lease)
                .execution_options(synchronize_session=False)
            )
            rows = session.exec(
                select(WebhookDelivery, WebhookEndpoint, WebhookEvent)
                .join(WebhookEndpoint, col(WebhookEndpoint.id) == col(WebhookDelivery.endpoint_id))
                .join(WebhookEvent, col(WebhookEvent.id) == col(WebhookDelivery.event_id))
                .where(WebhookDelivery.claim_token == token)
                .order_by(col(WebhookDelivery.created_at), col(WebhookDelivery.id))
            ).all()
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
        app_secret = self.settings.secret()
        jobs = []
        for delivery, endpoint, event in rows:
            try:
                secret: str | None = signing.unseal(
                    endpoint.secret_sealed, app_secret=app_secret, endpoint_id=endpoint.id
                )
            except signing.SecretUnreadable:
                secret = None
            jobs.append(
                Job(
                    delivery_id=delivery.id,
                    endpoint_id=endpoint.id,
                    claim_token=token,
                    url=endpoint.url,
                    secret=secret,
                    message_id=message_id(event.id),
                    body=event.body,
                )
            )
        return jobs

    # --- sending -----------------------------------------------------------------------------

    def send(self, job: Job) -> Outcome:
        """One attempt: check the addresses, connect to a checked one, sign, post."""
        attempted_at = self.clock.now()

        def failed(error: str, latency_ms: int = 0, status: int | None = None) -> Outcome:
            return Outcome(attempted_at, False, status, latency_ms, "", error[:500])

        if job.secret is None:
            return failed(
                "The signing secret can no longer be read (the server's secret key changed): "
                "replace the webhook's secret (Settings → Webhooks, or POST …/secret)."
            )
        try:
            target = net.check(
                job.url,
                allow_localhost=self.settings.webhooks_allow_localhost,
                resolver=self.resolver or net.system_resolver,
            )
        except (net.AddressRefused, net.UnresolvableHost) as exc:
            return failed(f"Not sent: {exc}")
        timestamp = int(attempted_at.timestamp())
        url = httpx.URL(job.url)
        address = target.addresses[0]
        headers = {
            "Host": url.netloc.decode("ascii"),
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            "webhook-id": job.message_id,
            "webhook-timestamp": str(timestamp),
            "webhook-signature": signing.signature(
                job.secret, message_id=job.message_id, timestamp=timestamp, body=job.body
            ),
        }
        is_literal = target.host.strip("[]") == str(address)
        extensions = {"sni_hostname": url.host} if url.scheme == "https" and not is_literal else {}
        started = self.timer()
        timeout = self.settings.webhooks_timeout_seconds
        try:
            with self.client.stream(
                "POST",
                url.copy_with(host=str(address)),
                content=job.body.encode(),
                headers=headers,
                extensions=extensions,
            ) as response:
                excerpt = b""
                for chunk in response.iter_bytes():
                    excerpt += chunk
                    if len(excerpt) >= EXCERPT_BYTES:
                        break
                latency_ms = round((self.timer() - started) * 1000)
                status = response.status_code
                location = response.headers.get("location", "")
        except httpx.TimeoutException:
            latency = round((self.timer() - started) * 1000)
            return failed(f"No answer within {timeout:g} s.", latency)
        except httpx.HTTPError as exc:
            latency = round((self.timer() - started) * 1000)
            return failed(f"Could not deliver to {address}: {exc or type(exc).__name__}.", latency)
        text = excerpt[:EXCERPT_BYTES].decode("utf-8", errors="replace")
        if 200 <= status < 300:
            return Outcome(attempted_at, True, status, latency_ms, text, None)
        if 300 <= status < 400:
            error = f"The receiver answered {status}, a redirect; redirects are not followed"
            error += f" (Location: {location[:300]})." if location else "."
        else:
            error = f"The receiver answered {status}."
        return Outcome(attempted_at, False, status, latency_ms, text, error)

    # --- recording ---------------------------------------------------------------------------

    def record(self, results: list[tuple[Job, Outcome]]) -> None:
        session = self._session()
        try:
            # Lock the endpoints first, each once and in id order, then the deliveries in id
            # order: two processes' workers recording at once then take their locks in the same
            # order and cannot deadlock. FOR NO KEY UPDATE (not FOR UPDATE) leaves requests free
            # to insert new deliveries meanwhile: their foreign key takes a KEY SHARE lock on the
            # endpoint, which a NO KEY UPDATE lock does not block.
            endpoint_ids = sorted({job.endpoint_id for job, _ in results})
            session.exec(
                select(WebhookEndpoint.id)
                .where(col(WebhookEndpoint.id).in_(endpoint_ids))
                .order_by(col(WebhookEndpoint.id))
                .with_for_update(key_share=True)
            ).all()
            for job, outcome in sorted(results, key=lambda pair: pair[0].delivery_id):
                self._record_one(session, job, outcome)
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def _record_one(self, session: Session, job: Job, outcome: Outcome) -> None:
        delivery = session.exec(
            select(WebhookDelivery)
            .where(WebhookDelivery.id == job.delivery_id)
            .with_for_update(key_share=True)
        ).first()
        endpoint = session.get(WebhookEndpoint, job.endpoint_id)
        if delivery is None or endpoint is None:
            return  # the webhook was deleted while the attempt was in flight
        now = self.clock.now()
        delivery.attempt_count += 1
        session.add(
            WebhookAttempt(
                workspace_id=delivery.workspace_id,
                delivery_id=delivery.id,
                number=delivery.attempt_count,
                attempted_at=outcome.attempted_at,
                succeeded=outcome.succeeded,
                status_code=outcome.status_code,
                latency_ms=outcome.latency_ms,
                response_excerpt=outcome.excerpt,
                error=outcome.error,
            )
        )
        delivery.updated_at = now
        ours = delivery.claim_token == job.claim_token
        if outcome.succeeded:
            endpoint.last_success_at = now
            endpoint.failing_since = None
        else:
            endpoint.last_failure_at = now
            endpoint.failing_since = endpoint.failing_since or outcome.attempted_at
        if ours:  # a claim that outlived its lease may have been taken over: leave it be
            delivery.claim_token = None
            if outcome.succeeded:
                delivery.status = DeliveryStatus.succeeded.value
                delivery.next_attempt_at = None
                delivery.completed_at = now
            else:
                self._schedule_retry(session, delivery, endpoint, now)
        session.add(delivery)
        session.add(endpoint)
        session.flush()

    def _schedule_retry(
        self,
        session: Session,
        delivery: WebhookDelivery,
        endpoint: WebhookEndpoint,
        now: datetime,
    ) -> None:
        deadline = delivery.created_at + RETRY_WINDOW
        retry_at = now + retry_delay(delivery.attempt_count, self.jitter())
        if now < deadline:
            # The last retry lands on the deadline, so a delivery is tried for the full 24 h.
            delivery.next_attempt_at = min(retry_at, deadline)
            gave_up = False
        else:
            delivery.status = DeliveryStatus.failed.value
            delivery.next_attempt_at = None
            delivery.completed_at = now
            gave_up = True
        if not endpoint.enabled or endpoint.failing_since is None:
            return
        failing_for = now - endpoint.failing_since
        if gave_up and failing_for < DISABLE_AFTER:
            # This delivery failed for 24 h: so did the endpoint, if nothing got through since
            # the delivery's first attempt.
            first = session.exec(
                select(func.min(WebhookAttempt.attempted_at)).where(
                    WebhookAttempt.workspace_id == delivery.workspace_id,
                    WebhookAttempt.delivery_id == delivery.id,
                )
            ).one()
            if first is not None and endpoint.failing_since <= first:
                failing_for = DISABLE_AFTER
        if failing_for >= DISABLE_AFTER:
            self._disable(session, endpoint, now)

    def _disable(self, session: Session, endpoint: WebhookEndpoint, now: datetime) -> None:
        assert endpoint.failing_since is not None
        last = session.exec(
            select(WebhookAttempt.error)
            .join(WebhookDelivery, col(WebhookDelivery.id) == col(WebhookAttempt.delivery_id))
            .where(
                WebhookAttempt.workspace_id == endpoint.workspace_id,
                WebhookDelivery.endpoint_id == endpoint.id,
            )
            .order_by(col(WebhookAttempt.attempted_at).desc(), col(WebhookAttempt.number).desc())
            .limit(1)
        ).first()
        reason = (
            f"Turned off after 24 hours in which every delivery failed (failing since "
            f"{iso(endpoint.failing_since)})."
        )
        if last:
            reason += f" Last error: {last}"
        endpoint.enabled = False
        endpoint.disabled_at = now
        endpoint.disabled_reason = reason[:500]
        endpoint.updated_at = now
        record(
            session,
            actor=Actor(user_id=None),
            now=now,
            action="webhook.disabled",
            object_type="webhook",
            object_id=endpoint.id,
            workspace_id=endpoint.workspace_id,
            summary=f"Webhook to {endpoint.url} turned off: its deliveries failed for 24 hours",
            before={"enabled": True},
            after={"enabled": False, "disabled_reason": endpoint.disabled_reason},
        )
        logger.warning("Webhook %s turned off: %s", endpoint.id, reason)
