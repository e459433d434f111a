"""Concurrency and fault drill: load, duplicates, login races and kill -9, against a real server.

    .venv/bin/python bench/drill.py --engine sqlite [--short] [--workers N]
    .venv/bin/python bench/drill.py --engine postgresql \\
        --admin-url postgresql://postgres@127.0.0.1:5432/postgres

Builds a fresh database (a file under var/drill/, or ``pilotboard_drill_<pid>`` on PostgreSQL,
dropped at the end), migrates it, creates the accounts with ``pilotboard create-user``, starts
``pilotboard serve`` on a free port and builds a workspace, an API token and six webhooks (to a
receiver run here) through the API. Then the phases:

  0  readers: 64, then 128 clients reading; the longest second with nothing answered
  a  writers: 8 clients creating pilots and iterations (and PATCHing with If-Match)
  b  idempotency: 10 copies at once of every POST that takes Idempotency-Key
  c  imports: 6 concurrent CSV imports of the same new customer
  d  logins: wrong passwords in parallel against the throttle
  e  crash: 4 writers while the server's process group is killed with SIGKILL 3 times

and a verification of every acknowledged write. Prints one row per phase; exits 0 when nothing
answered 5xx, no request went unanswered (outside the crash phase), nothing acknowledged was lost,
nothing was created twice and nothing stalled; 1 otherwise; 2 when the drill could not start.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import json
import os
import random
import signal
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from drillkit.context import (
    ADMIN_EMAIL,
    Context,
    DrillError,
    expect,
    new_password,
    pilot_body,
    sign_in_and_build_workspace,
)
from drillkit.duplicates import concurrent_imports, idempotency
from drillkit.logins import logins
from drillkit.mailsink import MailSink
from drillkit.readers import readers
from drillkit.receiver import WebhookReceiver
from drillkit.report import describe_tracebacks, table, tracebacks
from drillkit.server import (
    ROOT,
    WEBHOOK_TIMEOUT_SECONDS,
    Database,
    DrillSetupError,
    Server,
    create_database,
    free_port,
    run_cli,
    server_environment,
)
from drillkit.stats import PhaseResult, Recorder
from drillkit.writers import Ledger, apply_findings, crash, verify, writers
from pilotboard.webhooks.models import EventType

WEBHOOKS = 6
LOGIN_ACCOUNTS = ("drill-login-a@drill.local", "drill-login-b@drill.local")


@dataclass(frozen=True)
class Plan:
    read_seconds: float
    write_seconds: float
    import_rounds: int
    kill_window: tuple[float, float]
    crash_tail: float
    reader_pilots: int
    deadline: float  # seconds for the whole run, set-up included
    readers: tuple[int, ...] = (64, 128)
    writers: int = 8
    crash_writers: int = 4
    kills: int = 3


FULL = Plan(
    read_seconds=30,
    write_seconds=60,
    import_rounds=5,
    kill_window=(4, 12),
    crash_tail=5,
    reader_pilots=50,
    deadline=20 * 60,
)
SHORT = Plan(
    read_seconds=8,
    write_seconds=15,
    import_rounds=2,
    kill_window=(1.5, 3),
    crash_tail=2,
    reader_pilots=20,
    deadline=5 * 60,
)


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument(
        "--admin-url",
        help="PostgreSQL only: a database URL to connect to for CREATE/DROP DATABASE, e.g. "
        "postgresql://postgres@127.0.0.1:5432/postgres",
    )
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    parser.add_argument("--short", action="store_true", help="about a minute, phases scaled down")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: random)")
    parser.add_argument(
        "--deadline", type=float, help="seconds for the whole run (default 1200, short 300)"
    )
    parser.add_argument(
        "--keep-database", action="store_true", help="do not drop (or delete) the database"
    )
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    if args.engine == "postgresql" and not args.admin_url:
        parser.error("--engine postgresql needs --admin-url")
    return args


class Drill:
    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.plan = SHORT if args.short else FULL
        self.seed = args.seed if args.seed is not None else random.randrange(1 << 30)
        self.started = time.monotonic()
        self.deadline = self.started + (args.deadline or self.plan.deadline)
        self.results: list[PhaseResult] = []
        self.server: Server | None = None
        self.receiver: WebhookReceiver | None = None
        self.mail: MailSink | None = None
        self.interrupted = False
        self.current: asyncio.Task[Any] | None = None
        stamp = time.strftime("%Y%m%d-%H%M%S")
        self.var = ROOT / "var" / "drill"
        self.var.mkdir(parents=True, exist_ok=True)
        self.log_path = self.var / f"server-{args.engine}-{stamp}-{os.getpid()}.log"
        self.json_path = self.var / f"drill-{args.engine}-{stamp}-{os.getpid()}.json"

    # --- set-up ---------------------------------------------------------------------------

    async def setup(self, database: Database, server_var: Path) -> Context:
        env = server_environment(database.url, server_var)
        print(f"Migrating {database.engine} database {database.name} …", flush=True)
        await run_cli(["migrate"], env=env)
        admin_password = new_password()
        self.login_accounts = [(email, new_password()) for email in LOGIN_ACCOUNTS]
        accounts = [(ADMIN_EMAIL, "Drill Admin", admin_password, True)] + [
            (email, "Drill Login", password, False) for email, password in self.login_accounts
        ]
        for email, name, password, admin in accounts:  # one at a time: SQLite has one writer
            await run_cli(
                ["create-user", "--email", email, "--name", name, "--password-stdin"]
                + (["--admin"] if admin else []),
                env=env,
                stdin=password + "\n",
            )
        self.receiver = WebhookReceiver(seed=self.seed, hang_seconds=WEBHOOK_TIMEOUT_SECONDS + 1.5)
        await self.receiver.start()
        # Mail goes to a local SMTP server: the check-in links reach the drill only by email.
        self.mail = MailSink()
        self.mail.start()
        port = free_port()
        env["PILOTBOARD_SMTP_URL"] = self.mail.url
        env["PILOTBOARD_MAIL_POLL_SECONDS"] = "0.5"
        env["PILOTBOARD_PUBLIC_URL"] = f"http://127.0.0.1:{port}"
        self.server = Server(env=env, port=port, workers=self.args.workers, log_path=self.log_path)
        self.server.start()
        took = await self.server.wait_ready()
        print(
            f"Server up on {self.server.base_url} ({self.args.workers} worker(s)) in {took:.1f} s;"
            f" log: {self.log_path}",
            flush=True,
        )

        recorder = Recorder("setup")
        self.results.append(PhaseResult("setup", recorder))
        workspace_id, token = await sign_in_and_build_workspace(
            self.server.base_url, email=ADMIN_EMAIL, password=admin_password, recorder=recorder
        )
        ctx = Context(
            base_url=self.server.base_url,
            workspace_id=workspace_id,
            token=token,
            short=self.args.short,
            rng=random.Random(self.seed),
            admin_email=ADMIN_EMAIL,
            admin_password=admin_password,
            mail=self.mail,
        )
        async with ctx.client() as client:
            for number in range(self.plan.reader_pilots):
                created = expect(
                    await recorder.send(
                        client,
                        "POST",
                        ctx.ws("/pilots"),
                        label="seed pilot",
                        json=pilot_body(f"drill reader pilot {number}", ctx.rng),
                    ),
                    201,
                    "create a pilot for the readers",
                )
                ctx.reader_pilot_ids.append(str(created["id"]))
            for number in range(WEBHOOKS):
                created = expect(
                    await recorder.send(
                        client,
                        "POST",
                        ctx.ws("/webhooks"),
                        label="create webhook",
                        json={
                            "url": self.receiver.url(f"/hook/{number}"),
                            "events": [event.value for event in EventType],
                            "description": f"drill receiver {number}",
                        },
                    ),
                    201,
                    "create a webhook",
                )
                ctx.webhook_ids.append(str(created["id"]))
        return ctx

    # --- phases ---------------------------------------------------------------------------

    async def phase(
        self, name: str, run: Callable[[], Awaitable[PhaseResult]]
    ) -> PhaseResult | None:
        """Run one phase within the global deadline; a phase that cannot finish is a row too."""
        if self.interrupted:
            return None
        remaining = self.deadline - time.monotonic()
        if remaining <= 0:
            failed = PhaseResult(name, Recorder(name))
            failed.errored = "skipped: the global deadline is too close"
            self.results.append(failed)
            return None
        assert self.server is not None
        self.server.mark(f"phase {name}")
        print(f"Phase {name} …", flush=True)
        self.current = asyncio.create_task(asyncio.wait_for(run(), timeout=remaining))
        result: PhaseResult | None = None
        try:
            result = await self.current
        except asyncio.CancelledError:
            if not self.interrupted:
                raise
            error = "interrupted"
        except TimeoutError:
            error = "the global deadline passed"
        except (DrillError, DrillSetupError) as exc:
            error = str(exc)
        finally:
            self.current = None
        if result is None:
            result = PhaseResult(name, Recorder(name))
            result.errored = error
            print(f"  phase {name} did not finish: {error}", flush=True)
        self.results.append(result)
        if not self.server.running() and not self.interrupted:
            result.notes.append("the server was not running after the phase: restarted")
            self.server.start()
            await self.server.wait_ready()
        return result

    async def run_phases(self, ctx: Context) -> None:
        assert self.server is not None
        server = self.server
        plan = self.plan
        for users in plan.readers:
            await self.phase(
                f"0 readers x{users}",
                functools.partial(readers, ctx, users=users, duration=plan.read_seconds),
            )
        ledger_a, ledger_e = Ledger("a"), Ledger("e")
        result_a = await self.phase(
            "a writers",
            lambda: writers(ctx, ledger_a, users=plan.writers, duration=plan.write_seconds),
        )
        await self.phase("b idempotency", lambda: idempotency(ctx))
        await self.phase("c imports", lambda: concurrent_imports(ctx, rounds=plan.import_rounds))
        first, second = self.login_accounts
        await self.phase("d logins", lambda: logins(ctx, first=first, second=second))
        result_e = await self.phase(
            "e crash",
            lambda: crash(
                ctx,
                server,
                ledger_e,
                users=plan.crash_writers,
                kills=plan.kills,
                window=plan.kill_window,
                tail=plan.crash_tail,
            ),
        )

        async def verification() -> PhaseResult:
            recorder = Recorder("verify")
            findings, states = await verify(ctx, [ledger_a, ledger_e], recorder)
            for result, ledger in ((result_a, ledger_a), (result_e, ledger_e)):
                if result is not None:
                    apply_findings(result, findings[ledger.name])
            checked = PhaseResult("verify", recorder)
            checked.notes.append(
                f"webhook deliveries of the {len(ctx.webhook_ids)} endpoints at the end: "
                + ", ".join(f"{n} {state}" for state, n in states.most_common())
            )
            return checked

        await self.phase("verify", verification)

    # --- the whole run --------------------------------------------------------------------

    def interrupt(self) -> None:
        self.interrupted = True
        if self.current is not None:
            self.current.cancel()

    async def run(self) -> int:
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, self.interrupt)
        print(
            f"Drill on {self.args.engine}, {self.args.workers} worker(s), "
            f"{'short' if self.args.short else 'full'} run, seed {self.seed}",
            flush=True,
        )
        database = create_database(
            engine=self.args.engine,
            admin_url=self.args.admin_url,
            var_dir=self.var,
            tag=str(os.getpid()),
        )
        try:
            with tempfile.TemporaryDirectory(prefix="pilotboard-drill-") as server_var:
                self.current = asyncio.create_task(
                    asyncio.wait_for(
                        self.setup(database, Path(server_var)),
                        timeout=self.deadline - time.monotonic(),
                    )
                )
                try:
                    ctx = await self.current
                except (DrillSetupError, DrillError, TimeoutError, asyncio.CancelledError) as exc:
                    print(f"The drill could not start: {exc or type(exc).__name__}")
                    return 2
                finally:
                    self.current = None
                await self.run_phases(ctx)
        finally:
            self.stop_server()
            if self.receiver is not None:
                await self.receiver.close()
            if self.mail is not None:
                self.mail.close()
            if self.args.keep_database:
                print(f"Kept the database: {database.url}")
            else:
                with contextlib.suppress(Exception):
                    database.drop()
        return self.report()

    def stop_server(self) -> None:
        if self.server is not None:
            self.server.stop()

    def report(self) -> int:
        elapsed = time.monotonic() - self.started
        print()
        print(table(self.results))
        print()
        for result in self.results:
            for note in result.notes:
                print(f"[{result.name}] {note}")
        if self.receiver is not None:
            print(self.receiver.summary())
        print()
        failures = [(r.name, reason) for r in self.results for reason in r.bar_failures()]
        if self.interrupted:
            failures.append(("drill", "interrupted before the end"))
        print(f"Server log: {self.log_path}")
        print(describe_tracebacks(tracebacks(self.log_path)))
        print()
        self.json_path.write_text(json.dumps(self.summary(elapsed, failures), indent=2))
        print(f"Results: {self.json_path}")
        if failures:
            print(f"BAR NOT MET after {elapsed:.0f} s:")
            for name, reason in failures:
                print(f"  {name}: {reason}")
            return 1
        print(f"BAR MET after {elapsed:.0f} s: no 5xx, nothing lost, nothing twice, no stall.")
        return 0

    def summary(self, elapsed: float, failures: list[tuple[str, str]]) -> dict[str, Any]:
        return {
            "engine": self.args.engine,
            "workers": self.args.workers,
            "short": self.args.short,
            "seed": self.seed,
            "seconds": round(elapsed, 1),
            "server_log": str(self.log_path),
            "phases": [
                {
                    "phase": r.name,
                    "requests": len(r.recorder.samples),
                    "statuses": dict(r.recorder.statuses()),
                    "stall_seconds": r.stall,
                    "lost": r.lost,
                    "duplicates": r.duplicates,
                    "p50_ms": r.recorder.latency_ms(0.5),
                    "p95_ms": r.recorder.latency_ms(0.95),
                    "notes": r.notes,
                    "failures": r.bar_failures(),
                }
                for r in self.results
            ],
            "bar_met": not failures,
        }


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return asyncio.run(Drill(args).run())
    except DrillSetupError as exc:
        print(f"The drill could not start: {exc}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
