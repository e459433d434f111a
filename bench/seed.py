"""Seed a benchmark workspace: N pilots with realistic children, straight into the database.

    .venv/bin/python bench/seed.py --database-url sqlite:////tmp/bench.db --pilots 10000

Runs the migrations, creates a workspace with a few members (``bench@bench.local`` /
``bench-password-123`` is its admin), 8 departments, 200 customers and N pilots spread over every
stage and over the last years: candidates, involvements, iterations, metrics with measurements,
decisions, transitions and scale plans. Each chunk of pilots is generated as plain rows, their
stored health (facts, health, reasons, ``health_changes_on``) is computed by the application's
own ``pilots.health.facts.health_facts`` and ``pilots.health.service._store_health`` from records
built in memory (and the portfolio's facts by ``pilots.portfolio_facts.portfolio_facts``; the
metric summary and the involvements' ``silent_since`` by the application's own UPDATEs after
the load), and the rows go in with one bulk statement per table: executemany (SQLAlchemy
Core) on SQLite, ``COPY … FROM STDIN`` on PostgreSQL. Foreign keys are checked once at the end
rather than row by row, and the stored health of a random sample is recomputed with the
application's loader (``pilots.snapshot.load_records``) and compared. Activity-log entries are
not generated.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Column, Connection, MetaData, Table, event, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.types import NullType
from sqlmodel import Session, SQLModel, col, select

import pilotboard.models  # noqa: F401 (every table in the metadata)
from pilotboard.accounts.service import create_user, find_user_by_email
from pilotboard.activity.service import Actor
from pilotboard.core import migrations
from pilotboard.core.clock import SystemClock
from pilotboard.core.config import Settings
from pilotboard.core.db import create_db_engine, is_sqlite
from pilotboard.customers.models import Customer
from pilotboard.departments.models import Department
from pilotboard.pilots import snapshot
from pilotboard.pilots.candidates.scoring import DEFAULT_RUBRIC, candidate_total, derived_risk
from pilotboard.pilots.feedback.models import FeedbackResponse
from pilotboard.pilots.health import service as health
from pilotboard.pilots.health.facts import health_facts
from pilotboard.pilots.metrics.summary import sync_summary
from pilotboard.pilots.models import (
    LIFECYCLE,
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
from pilotboard.pilots.portfolio_facts import portfolio_facts, sync_silent_since
from pilotboard.pilots.settings import workspace_rules
from pilotboard.portfolio.service import rebuild_rollup
from pilotboard.wiring import session_factory_for
from pilotboard.workspaces.models import Role
from pilotboard.workspaces.service import add_member, create_workspace

BENCH_EMAIL = "bench@bench.local"
BENCH_PASSWORD = "bench-password-123"
CHUNK = 500  # pilots per batch: generated, their health computed, then inserted together
INSERT_ROWS = 5000  # rows per executemany (SQLite)
VERIFY_SAMPLE = 300  # pilots whose stored health is recomputed from the database at the end
SQLITE_CACHE_KIB = 2 * 1024 * 1024

MEMBERS = (
    ("editor@bench.local", "Bench Editor", Role.editor),
    ("editor2@bench.local", "Bench Editor Two", Role.editor),
    ("exec@bench.local", "Bench Executive", Role.executive),
    ("viewer@bench.local", "Bench Viewer", Role.viewer),
)
DEPARTMENTS = (
    ("Supply chain", "Picking cost per order line"),
    ("Sales", "Order volume"),
    ("Customer service", "First-contact resolution"),
    ("Finance", "Days sales outstanding"),
    ("IT", "Uptime"),
    ("Operations", "On-time delivery"),
    ("Marketing", "Qualified leads"),
    ("Quality", "Complaints per thousand orders"),
)
SEGMENTS = ("Healthcare", "Retail", "Manufacturing", "Public sector", "Logistics")
NAME_PARTS = (
    ("Northgate", "Riverside", "Meridian", "Alpine", "Baltic", "Harbor", "Greenleaf", "Vector",
     "Aurora", "Lakeside", "Brookfield", "Kessler", "Hartmann", "Lindqvist", "Vista", "Summit",
     "Oakridge", "Bluewater", "Silverline", "Redwood"),
    ("Hospital", "Clinic", "Markets", "Foods", "Industrie", "Precision", "Utilities", "Schools",
     "Logistics", "Pharmacies"),
)  # fmt: skip
SERVICES = (
    "Vendor-managed inventory",
    "Consignment stock",
    "Same-day spare parts",
    "Shelf-ready deliveries",
    "Line-side kitting",
    "Remote monitoring",
    "E-invoicing",
    "Joint demand planning",
    "Point-of-use replenishment",
    "Night-time deliveries",
    "Returns desk",
    "Predictive maintenance",
)
# stage → share of the portfolio
STAGE_MIX = (
    ("proposed", 0.08),
    ("selecting", 0.10),
    ("running", 0.32),
    ("scale_review", 0.10),
    ("scaling", 0.10),
    ("adopted", 0.10),
    ("paused", 0.08),
    ("stopped", 0.12),
)
# days spent in the current stage so far (upper bound)
TAIL_DAYS = {
    "proposed": 90,
    "selecting": 100,
    "scale_review": 60,
    "scaling": 200,
    "adopted": 400,
    "paused": 120,
    "stopped": 500,
}
CRITERIA = [str(c["key"]) for c in DEFAULT_RUBRIC]


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--pilots", type=int, default=10_000)
    parser.add_argument("--workspace-name", default="Bench")
    parser.add_argument("--seed", type=int, default=42, help="Random seed (reproducible data).")
    parser.add_argument(
        "--check-foreign-keys-per-row",
        action="store_true",
        help="Keep the database's foreign-key checks on during the load (slower). By default "
        "they are off while the rows go in and every reference is checked once at the end.",
    )
    return parser.parse_args(argv)


def chunks(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


class Generator:
    """Builds the rows of a batch of pilots as plain dicts, one list per table."""

    def __init__(
        self,
        rng: random.Random,
        *,
        workspace_id: str,
        today: date,
        owners: list[str],
        sponsors: list[str],
        departments: list[str],
        customers: list[tuple[str, str, bool]],
        tz_suffix: str,
    ) -> None:
        self.rng = rng
        self.id_rng = random.Random()  # ids differ between runs
        self.ws = workspace_id
        self.today = today
        self.today_ordinal = today.toordinal()
        self.tz_suffix = tz_suffix
        self.day_text: dict[int, str] = {}
        self.owners = owners
        self.sponsors = sponsors
        self.departments = departments
        self.customers = customers
        self.regular = [c for c in customers if not c[2]]
        self.premier = [c for c in customers if c[2]]
        self.rows: dict[Table, list[dict[str, Any]]] = defaultdict(list)
        self.stages = [s for s, _ in STAGE_MIX]
        self.weights = [w for _, w in STAGE_MIX]
        # The customer's feedback (learning, #17) draws from its own source, seeded from the
        # main one without taking a draw from it: every other row stays what it was.
        self.voice_rng = random.Random(hash(rng.getstate()))

    def new_id(self) -> str:
        """A random (version 4) UUID as 32 hex digits, without building a uuid.UUID."""
        value = self.id_rng.getrandbits(128)
        value = (value & ~(0xF000 << 64) & ~(0xC000 << 48)) | (0x4000 << 64) | (0x8000 << 48)
        return f"{value:032x}"

    def day(self, ordinal: int) -> str:
        ordinal = min(ordinal, self.today_ordinal)
        text = self.day_text.get(ordinal)
        if text is None:
            text = self.day_text[ordinal] = date.fromordinal(ordinal).isoformat()
        return text

    def add(self, model: Any, **row: Any) -> str:
        if "id" not in row:
            row["id"] = self.new_id()
        row["workspace_id"] = self.ws
        self.rows[model.__table__].append(row)
        return str(row["id"])

    def take(self) -> dict[Table, list[dict[str, Any]]]:
        rows, self.rows = self.rows, defaultdict(list)
        return rows

    def pilot(self, number: int) -> None:
        rng = self.rng
        stage = rng.choices(self.stages, self.weights)[0]
        left = stage
        if stage == "paused":
            left = rng.choice(("proposed", "selecting", "running", "running", "scaling"))
        elif stage == "stopped":
            left = rng.choice(("selecting", "running", "running", "running", "scale_review"))
        level = LIFECYCLE.index(left)

        # The timeline, in days since the pilot was proposed.
        moves: list[tuple[str, int]] = [("proposed", 0)]
        decisions: list[tuple[str, int, str]] = []
        iterations: list[tuple[int, int | None]] = []
        t = 0
        if level >= 1:
            t += rng.randint(1, 20)
            moves.append(("selecting", t))
        selecting_at = t
        if level >= 2:
            t += rng.randint(14, 60)
            decisions.append(("start", t - rng.randint(0, 3), "Gate met: start the pilot."))
            moves.append(("running", t))
            count = 5 if level >= 3 or stage == "stopped" else rng.randint(1, 5)
            for index in range(count):
                start = t + rng.randint(0, 3)
                length = rng.randint(15, 45)
                is_last = index == count - 1
                if is_last and stage == "running" and rng.random() < 0.4:
                    iterations.append((start, None))  # still open
                    t = start
                else:
                    iterations.append((start, start + length))
                    t = start + length
        if level >= 3:
            t += rng.randint(1, 10)
            moves.append(("scale_review", t))
        if level >= 4:
            t += rng.randint(3, 40)
            decisions.append(("scale", t, "Scale: the targets are met."))
            t += rng.randint(1, 10)
            moves.append(("scaling", t))
        if level >= 5:
            t += rng.randint(60, 200)
            moves.append(("adopted", t))
        if stage == "paused":
            t += rng.randint(5, 60)
            moves.append(("paused", t))
        if stage == "stopped":
            t += rng.randint(5, 60)
            decisions.append(("stop", t, "Stop: no improvement the customer notices."))
            moves.append(("stopped", t))
        if stage == "running":
            gap = rng.choice((rng.randint(0, 40), rng.randint(0, 40), rng.randint(0, 90)))
            span = max(t, iterations[-1][0]) + gap
        else:
            span = t + rng.randint(0, TAIL_DAYS[stage])
        span = max(span, 1)
        origin = self.today_ordinal - span
        suffix = self.tz_suffix

        def day(offset: int) -> str:
            return self.day(origin + offset)

        def at(offset: int, minutes: int = 0) -> str:
            # Wire format: UTC "YYYY-MM-DD HH:MM:SS.ffffff" (+ the offset on PostgreSQL).
            return f"{day(offset)} 08:{minutes % 60:02d}:00.000000{suffix}"

        pilot_id = self.new_id()
        owner = rng.choice(self.owners)
        actor = owner

        # Candidates and the chosen customer.
        candidates: list[tuple[str, bool, dict[str, int]]] = []
        if level >= 1 or rng.random() < 0.3:
            picked: list[tuple[str, str, bool]] = []
            first = rng.choice(self.premier if rng.random() < 0.08 else self.regular)
            picked.append(first)
            while len(picked) < 2:
                other = rng.choice(self.customers)
                if other[0] != first[0]:
                    picked.append(other)
            for index, (customer_id, _, premier) in enumerate(picked):
                scores = {k: rng.randint(3 if index == 0 else 1, 5) for k in CRITERIA}
                candidates.append((customer_id, premier, scores))
                self.add(
                    Candidate,
                    pilot_id=pilot_id,
                    customer_id=customer_id,
                    scores=json.dumps(scores),
                    notes="",
                    created_at=at(selecting_at, 10 + index),
                    updated_at=at(selecting_at, 10 + index),
                )
        chosen = candidates[0] if candidates and (level >= 2 or rng.random() < 0.3) else None
        risk = (
            derived_risk(is_premier=chosen[1], total=candidate_total(chosen[2], DEFAULT_RUBRIC))
            if chosen
            else None
        )
        customer_name = next(
            (name for cid, name, _ in self.customers if chosen and cid == chosen[0]), "a customer"
        )

        # Departments.
        involved: list[tuple[str, str]] = []
        if level >= 1 or rng.random() < 0.5:
            for department_id in rng.sample(self.departments, 3):
                invited = selecting_at + rng.randint(0, 5)
                if level >= 2:
                    status = rng.choices(
                        ("engaged", "champion", "invited", "declined"), (70, 20, 6, 4)
                    )[0]
                else:
                    status = rng.choice(("invited", "engaged"))
                engaged = (
                    invited + rng.randint(1, 15) if status in ("engaged", "champion") else None
                )
                involved.append((department_id, status))
                self.add(
                    Involvement,
                    pilot_id=pilot_id,
                    department_id=department_id,
                    contact_name="Department lead",
                    stake="What this department gets out of the pilot.",
                    status=status,
                    invited_on=day(invited),
                    engaged_on=day(engaged) if engaged is not None else None,
                    created_at=at(invited, 20),
                    updated_at=at(engaged if engaged is not None else invited, 21),
                )

        # Metrics and measurements.
        if level >= 1 or rng.random() < 0.5:
            internal_only = rng.random() < 0.05
            specs = (
                ("Customer minutes lost per week", "min", "decrease",
                 "internal" if internal_only else "customer_experienced", False, 60.0, 35.0),
                ("Annual revenue with the customer", "EUR", "increase", "internal", True,
                 float(rng.randrange(100_000, 2_000_000, 10_000)), 0.0),
                ("Cost to serve per order", "EUR", "decrease", "internal", False, 12.0, 9.0),
            )  # fmt: skip
            iteration_ids: list[str] = []
            for number_, (start, end) in enumerate(iterations, 1):
                iteration_ids.append(
                    self.add(
                        Iteration,
                        pilot_id=pilot_id,
                        number=number_,
                        started_on=day(start),
                        ended_on=day(end) if end is not None else None,
                        changes=f"Iteration {number_}: what changed with the customer.",
                        change_order=min(3, number_),
                        customer_feedback="What the customer said.",
                        customer_summary="What we changed for you this time.",
                        new_needs="",
                        learnings="What we learned.",
                        created_at=at(start, 30),
                        updated_at=at(end if end is not None else start, 31),
                    )
                )
            # Ten measurement dates per metric, spread evenly over the iterations.
            slots: list[tuple[int, int]] = []
            for index, (start, end) in enumerate(iterations):
                group = [m for m in range(10) if m * len(iterations) // 10 == index]
                stop = end if end is not None else span
                for position in range(len(group)):
                    offset = start + (stop - start) * (position + 1) // (len(group) + 1)
                    slots.append((index, offset))
            for name, unit, direction, kind, is_revenue, baseline, target in specs:
                if is_revenue:
                    target = round(baseline * 1.25, 2)
                metric_id = self.add(
                    Metric,
                    pilot_id=pilot_id,
                    name=name,
                    unit=unit,
                    direction=direction,
                    kind=kind,
                    is_revenue=is_revenue,
                    revenue_period="year",
                    baseline=baseline,
                    target=target,
                    criteria_changes="[]",
                    created_at=at(selecting_at, 40),
                    updated_at=at(selecting_at, 40),
                )
                metric_row = self.rows[Metric.__table__][-1]
                metric_row["latest_value"] = metric_row["latest_measured_on"] = None
                if not iterations:
                    continue
                final = rng.uniform(0.1, 1.4)
                latest_key: tuple[str, str, str] | None = None
                for m, (index, offset) in enumerate(slots):
                    progress = final * (m + 1) / 10 + rng.uniform(-0.05, 0.05)
                    measurement_id = self.add(
                        Measurement,
                        pilot_id=pilot_id,
                        metric_id=metric_id,
                        iteration_id=iteration_ids[index],
                        value=round(baseline + (target - baseline) * progress, 2),
                        measured_on=day(offset),
                        note="",
                        created_at=at(offset, 50),
                        updated_at=at(offset, 50),
                    )
                    # metrics.latest_*: the last by date, entry time, then id (sync_latest).
                    key = (day(offset), at(offset, 50), measurement_id)
                    if latest_key is None or key > latest_key:
                        latest_key = key
                        metric_row["latest_value"] = self.rows[Measurement.__table__][-1]["value"]
                        metric_row["latest_measured_on"] = key[0]

        # Customer feedback responses: on about half of the iterations, one or two each.
        made = self.rows[Iteration.__table__][-len(iterations) :] if iterations else []
        if made and all(r["pilot_id"] == pilot_id for r in made):
            voice = self.voice_rng
            for iteration_row, (start, _) in zip(made, iterations, strict=True):
                if voice.random() < 0.5:
                    continue
                for extra in range(voice.randint(1, 2)):
                    moment = at(start + voice.randint(3, 20) + extra, 45)
                    self.add(
                        FeedbackResponse,
                        pilot_id=pilot_id,
                        link_id=None,
                        iteration_id=iteration_row["id"],
                        respondent_name="Customer contact",
                        difference=voice.randint(1, 5),
                        effort=voice.randint(1, 5),
                        comment="",
                        new_needs="",
                        created_at=moment,
                        updated_at=moment,
                    )

        for kind, offset, rationale in decisions:
            self.add(
                Decision,
                pilot_id=pilot_id,
                kind=kind,
                rationale=rationale,
                decided_on=day(offset),
                decided_by=rng.choice(self.sponsors),
                withdraw_reason="",
                # Before any move that day: a decision is recorded in a stage that takes it.
                created_at=at(offset, 0),
                updated_at=at(offset, 0),
            )

        if level >= 4:
            scale_at = next(o for s, o in moves if s == "scaling") - 1
            self.add(
                ScalePlan,
                pilot_id=pilot_id,
                scope="Every customer of the segment within 18 months.",
                created_at=at(scale_at, 58),
                updated_at=at(scale_at, 58),
            )
            incomplete = stage == "scaling" and rng.random() < 0.1
            for position, (department_id, status) in enumerate(involved):
                if status == "declined":
                    continue
                blank = incomplete and position == 0
                self.add(
                    ScalePlanItem,
                    pilot_id=pilot_id,
                    department_id=department_id,
                    planning_change="" if blank else "Roll-out volumes in the capacity plan.",
                    resource_change="" if blank else "Two more planners.",
                    compensation_change="" if blank else "Targets measured on the new service.",
                    owner_name="Department lead",
                    due_on=day(scale_at + 120),
                    status="done"
                    if stage == "adopted" or (stage != "scaling" and level >= 5)
                    else rng.choice(("planned", "in_progress", "done")),
                    position=position,
                )

        previous: str | None = None
        for sequence, (to_stage, offset) in enumerate(moves, 1):
            self.add(
                Transition,
                pilot_id=pilot_id,
                sequence=sequence,
                from_stage=previous,
                to_stage=to_stage,
                reason="Waiting for the customer's reorganisation."
                if to_stage == "paused"
                else "No improvement the customer notices."
                if to_stage == "stopped"
                else "",
                lessons_learned="Measure what the customer experiences from the first day."
                if to_stage == "stopped"
                else "",
                actor_user_id=actor,
                occurred_at=at(offset, sequence),
            )
            previous = to_stage
        final_stage, entered = moves[-1]
        self.add(
            Pilot,
            id=pilot_id,
            title=f"{rng.choice(SERVICES)} for {customer_name} #{number}",
            hypothesis="If we take this work off the customer's hands, their process gets "
            "faster and they buy more from us.",
            target_outcome=rng.choice(
                ("profitability", "business_process", "strategic_positioning")
            ),
            owner_id=owner,
            sponsor_id=rng.choice(self.sponsors) if level >= 2 or rng.random() < 0.5 else None,
            customer_id=chosen[0] if chosen else None,
            risk_level=risk,
            risk_rationale="",
            budget=float(rng.randrange(10_000, 300_000, 5_000)),
            revenue_at_stake=float(rng.randrange(50_000, 2_000_000, 10_000)),
            stage=final_stage,
            stage_entered_at=at(entered, len(moves)),
            paused_from=left if stage == "paused" else None,
            health="on_track",
            health_reasons="[]",
            health_facts="{}",
            health_changes_on=None,
            criteria_changed=False,
            created_at=at(0),
            updated_at=at(max(entered, t), 59),
        )


INSERT_ORDER = (Pilot, Candidate, Involvement, Iteration, Metric, Measurement, Decision,
                ScalePlan, ScalePlanItem, Transition, FeedbackResponse)  # fmt: skip


_WIRE: dict[str, Table] = {}


def wire_table(table: Table) -> Table:
    """The same table with untyped columns: the generator already produced what the driver
    sends (hex ids, ISO dates and timestamps, JSON text; PostgreSQL casts untyped text
    parameters to the column types), so SQLAlchemy converts nothing row by row."""
    if table.name not in _WIRE:
        _WIRE[table.name] = Table(
            table.name, MetaData(), *(Column(c.name, NullType()) for c in table.columns)
        )
    return _WIRE[table.name]


def _big_cache(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute(f"PRAGMA cache_size=-{SQLITE_CACHE_KIB}")


def _no_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # checked once at the end instead


def insert(connection: Connection, rows: dict[Table, list[dict[str, Any]]]) -> int:
    """SQLite: one executemany per table and chunk of INSERT_ROWS rows (Core bulk insert).
    PostgreSQL: ``COPY … FROM STDIN`` per table, several times faster than INSERTs."""
    count = 0
    copy_cursor = None
    if connection.dialect.name == "postgresql":
        copy_cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    for model in INSERT_ORDER:
        table = model.__table__
        table_rows = rows.get(table, [])
        if not table_rows:
            continue
        if copy_cursor is not None:
            names = [c.name for c in table.columns]
            with copy_cursor.copy(f"COPY {table.name} ({', '.join(names)}) FROM STDIN") as copy:
                for row in table_rows:
                    copy.write_row([row.get(name) for name in names])
            count += len(table_rows)
            continue
        statement = wire_table(table).insert()
        for part in chunks(table_rows, INSERT_ROWS):
            connection.execute(statement, part)
            count += len(part)
    return count


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text[:10]) if text else None


def _moment(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def health_in_memory(
    batch: dict[Table, list[dict[str, Any]]],
    *,
    thresholds: dict[str, int],
    today: date,
    premier: set[str],
    members: dict[str, str],
    department_names: dict[str, str],
) -> None:
    """Fill in each pilot row's stored health (facts, health, reasons, changes_on) before it is
    inserted: the records ``pilots.facts.load_records`` would read back are built from the
    generated rows, then the application's own ``health_facts`` and ``_store_health`` run on
    them. ``verify_health`` checks a sample against the database afterwards."""
    rows = {table.name: batch.get(table, []) for table in (t.__table__ for t in INSERT_ORDER)}
    records: dict[str, snapshot.PilotRecord] = {}
    for row in rows["pilots"]:
        # Only what health_facts and _store_health read and write (a table model instance
        # costs a millisecond to build).
        pilot: Any = SimpleNamespace(
            stage=row["stage"],
            stage_entered_at=_moment(row["stage_entered_at"]),
            customer_id=row["customer_id"],
            hypothesis=row["hypothesis"],
        )
        record = snapshot.PilotRecord(pilot=pilot)
        record.premier_customer = row["customer_id"] in premier
        record.owner_active = row["owner_id"] in members
        record.sponsor_active = members.get(row["sponsor_id"]) in snapshot.SPONSOR_ROLES
        records[row["id"]] = record
    measured = {m["iteration_id"] for m in rows["measurements"] if m["iteration_id"]}
    for it in rows["iterations"]:
        records[it["pilot_id"]].iterations.append(
            (it["number"], _day(it["started_on"]), _day(it["ended_on"]), it["id"] in measured)
        )
    metrics: dict[str, snapshot.MetricRecord] = {}
    for m in rows["metrics"]:
        metric = snapshot.MetricRecord(
            id=uuid.UUID(m["id"]),
            name=m["name"],
            kind=m["kind"],
            direction=m["direction"],
            baseline=m["baseline"],
            target=m["target"],
        )
        metrics[m["id"]] = metric
        records[m["pilot_id"]].metrics.append(metric)
    for ms in sorted(rows["measurements"], key=lambda r: (r["measured_on"], r["created_at"])):
        metrics[ms["metric_id"]].measurements.append((_day(ms["measured_on"]), ms["value"]))
    for inv in rows["involvements"]:
        records[inv["pilot_id"]].involvements.append(
            snapshot.InvolvementRecord(
                uuid.UUID(inv["department_id"]),
                department_names[inv["department_id"]],
                inv["status"],
                inv["stake"],
                _day(inv["invited_on"]),
            )
        )
    for response in rows["feedback_responses"]:
        record = records[response["pilot_id"]]
        answered_on, latest = _day(response["created_at"]), record.latest_response_on
        if answered_on and (latest is None or answered_on > latest):
            record.latest_response_on = answered_on
    for dec in rows["decisions"]:
        if dec.get("withdrawn_at") is None:  # as load_records: a withdrawn one counts for nothing
            records[dec["pilot_id"]].decisions.append((dec["kind"], _day(dec["decided_on"])))
    for move in rows["pilot_transitions"]:
        if move["to_stage"] == "running":
            record, entered = records[move["pilot_id"]], _moment(move["occurred_at"]).date()
            if record.first_running_on is None or entered < record.first_running_on:
                record.first_running_on = entered
    for plan in rows["scale_plans"]:
        records[plan["pilot_id"]].has_plan = True
    for item in rows["scale_plan_items"]:
        records[item["pilot_id"]].plan_items.append(
            snapshot.PlanItemRecord(
                department_id=uuid.UUID(item["department_id"]),
                has_change=any(
                    item[k].strip()
                    for k in ("planning_change", "resource_change", "compensation_change")
                ),
                status=item["status"],
            )
        )
    for row in rows["pilots"]:
        pilot = records[row["id"]].pilot
        pilot.health_facts = health_facts(records[row["id"]]).to_json()
        health._store_health(pilot, thresholds, today)
        row["health"] = pilot.health
        row["health_reasons"] = json.dumps(pilot.health_reasons)
        row["health_facts"] = json.dumps(pilot.health_facts)
        row["health_changes_on"] = (
            pilot.health_changes_on.isoformat() if pilot.health_changes_on else None
        )
        # The portfolio's facts, by the application's own function (as health.refresh does).
        facts = portfolio_facts(records[row["id"]])
        row["scale_days"] = facts.scale_days
        row["waiting_on"] = facts.waiting_on
        row["start_engaged"] = facts.start_engaged


def verify_health(
    session: Session, workspace_id: uuid.UUID, today: date, sample: int, rng: random.Random
) -> int:
    """Recompute the stored health (and portfolio facts) of ``sample`` random pilots with the
    application's own loader (``pilots.snapshot.load_records``) and fail if any differs from
    what was stored."""
    _, thresholds = workspace_rules(session, workspace_id)
    ids = list(session.exec(select(Pilot.id).where(Pilot.workspace_id == workspace_id)).all())
    pilots = list(
        session.exec(select(Pilot).where(col(Pilot.id).in_(rng.sample(ids, min(sample, len(ids))))))
    )
    session.expunge_all()  # plain objects from here: nothing is flushed behind our back
    loaded = snapshot.load_records(session, pilots)
    differ = []
    for pilot in pilots:
        stored = (pilot.health_facts, pilot.health, pilot.health_reasons, pilot.health_changes_on,
                  (pilot.scale_days, pilot.waiting_on, pilot.start_engaged))  # fmt: skip
        pilot.health_facts = health_facts(loaded[pilot.id]).to_json()
        health._store_health(pilot, thresholds, today)
        facts = portfolio_facts(loaded[pilot.id])
        again = (pilot.health_facts, pilot.health, pilot.health_reasons, pilot.health_changes_on,
                 (facts.scale_days, facts.waiting_on, facts.start_engaged))  # fmt: skip
        if again != stored:
            differ.append(pilot.id)
    session.expunge_all()
    if differ:
        raise SystemExit(f"Stored health differs from the application's for {differ[:5]} …")
    return len(pilots)


def foreign_keys_off(connection: Connection) -> bool:
    """Skip per-row foreign-key checks for the rest of the transaction (PostgreSQL: needs a
    superuser; SQLite: done when connecting). False when not allowed."""
    if connection.dialect.name == "sqlite":
        return True
    savepoint = connection.begin_nested()
    try:
        connection.execute(text("SET LOCAL session_replication_role = replica"))
    except DBAPIError:
        savepoint.rollback()
        return False
    savepoint.commit()
    return True


def drop_plain_indexes(connection: Connection) -> list[str]:
    """Drop the seeded tables' plain indexes (not primary keys or unique constraints) and return
    the statements that build them again: building an index once, sorted, after the load is
    much cheaper than keeping it up to date row by row with random keys. The DDL is part of the
    seed's transaction, so a failed seed leaves every index in place."""
    tables = [model.__table__.name for model in INSERT_ORDER]
    if connection.dialect.name == "sqlite":
        rows = connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND tbl_name IN ({', '.join(repr(t) for t in tables)})"
        ).all()
    else:
        rows = connection.execute(
            text(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() "
                "AND tablename = ANY(:tables) AND indexname NOT IN "
                "(SELECT conname FROM pg_constraint)"
            ),
            {"tables": tables},
        ).all()
    for name, _ in rows:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    return [definition for _, definition in rows]


def check_foreign_keys(connection: Connection) -> int:
    """Every reference of every table resolves (the checks skipped during the load, at once).
    Returns the number of references checked; exits on the first dangling one."""
    checked = 0
    if connection.dialect.name == "sqlite":
        dangling = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
        if dangling is not None:
            raise SystemExit(f"Dangling reference after the load: {tuple(dangling)}")
        return sum(len(t.foreign_keys) for t in SQLModel.metadata.sorted_tables)
    for table in SQLModel.metadata.sorted_tables:
        for fk in table.foreign_keys:
            child, parent = fk.parent, fk.column
            found = connection.execute(
                text(
                    f"SELECT 1 FROM {table.name} c WHERE c.{child.name} IS NOT NULL AND NOT "
                    f"EXISTS (SELECT 1 FROM {parent.table.name} p WHERE p.{parent.name} = "
                    f"c.{child.name}) LIMIT 1"
                )
            ).first()
            if found is not None:
                raise SystemExit(f"Dangling reference after the load: {table.name}.{child.name}")
            checked += 1
    return checked


def seed(
    database_url: str,
    pilots: int,
    workspace_name: str,
    seed_value: int,
    *,
    per_row_foreign_keys: bool = False,
) -> uuid.UUID:
    settings = Settings(env="development", database_url=database_url)
    migrations.upgrade(settings)
    engine = create_db_engine(database_url)
    sqlite = is_sqlite(database_url)
    if sqlite:
        # A page cache that holds the whole file: random-key index inserts stop re-reading
        # pages, which otherwise makes the load superlinear.
        event.listen(engine, "connect", _big_cache)
        if not per_row_foreign_keys:
            event.listen(engine, "connect", _no_foreign_keys)
    now = datetime.now(UTC)
    today = now.date()
    rng = random.Random(seed_value)
    counts: dict[str, int] = defaultdict(int)
    started = time.perf_counter()
    try:
        with engine.begin() as connection:
            skipped_fk = not per_row_foreign_keys and foreign_keys_off(connection)
            session = session_factory_for(connection, SystemClock())()
            user = find_user_by_email(session, BENCH_EMAIL) or create_user(
                session,
                email=BENCH_EMAIL,
                name="Bench Admin",
                password=BENCH_PASSWORD,
                now=now,
            )
            actor = Actor(user_id=user.id)
            workspace = create_workspace(
                session, user=user, actor=actor, name=workspace_name, currency="EUR", now=now
            )
            owners = [user.id]
            sponsors = [user.id]
            roles = {user.id.hex: Role.admin.value}
            for email, name, role in MEMBERS:
                member = find_user_by_email(session, email) or create_user(
                    session, email=email, name=name, password=BENCH_PASSWORD, now=now
                )
                add_member(
                    session,
                    workspace_id=workspace.id,
                    actor=actor,
                    email=email,
                    role=role,
                    now=now,
                )
                roles[member.id.hex] = role.value
                if role == Role.editor:
                    owners.append(member.id)
                if role == Role.executive:
                    sponsors.append(member.id)
            session.flush()
            setup_done = time.perf_counter()

            departments = [
                {
                    "id": uuid.uuid4(),
                    "workspace_id": workspace.id,
                    "name": name,
                    "lead_name": f"{name} lead",
                    "kpi": kpi,
                    "created_at": now,
                    "updated_at": now,
                }
                for name, kpi in DEPARTMENTS
            ]
            connection.execute(Department.__table__.insert(), departments)
            customers = []
            for index in range(200):
                first, second = NAME_PARTS
                name = f"{first[index % len(first)]} {second[index // len(first) % len(second)]}"
                customers.append(
                    {
                        "id": uuid.uuid4(),
                        "workspace_id": workspace.id,
                        "name": name,
                        "segment": SEGMENTS[index % len(SEGMENTS)],
                        "annual_revenue": float(rng.randrange(50_000, 5_000_000, 10_000)),
                        "is_premier_account": index % 10 == 0,
                        "external_id": f"CRM-{10_000 + index}",
                        "notes": "",
                        "created_at": now,
                        "updated_at": now,
                    }
                )
            connection.execute(Customer.__table__.insert(), customers)
            counts["departments"] = len(departments)
            counts["customers"] = len(customers)

            generator = Generator(
                rng,
                workspace_id=workspace.id.hex,
                today=today,
                owners=[o.hex for o in owners],
                sponsors=[o.hex for o in sponsors],
                departments=[d["id"].hex for d in departments],
                customers=[(c["id"].hex, c["name"], c["is_premier_account"]) for c in customers],
                tz_suffix="" if is_sqlite(database_url) else "+00:00",
            )
            _, thresholds = workspace_rules(session, workspace.id)
            known = {
                "thresholds": thresholds,
                "today": today,
                "premier": {c["id"].hex for c in customers if c["is_premier_account"]},
                "members": roles,
                "department_names": {d["id"].hex: d["name"] for d in departments},
            }
            generate_s = insert_s = health_s = 0.0
            rows_total = 0
            t_drop = time.perf_counter()
            indexes = drop_plain_indexes(connection)
            index_s = time.perf_counter() - t_drop
            for first_number in range(0, pilots, CHUNK):
                t0 = time.perf_counter()
                for number in range(first_number, min(first_number + CHUNK, pilots)):
                    generator.pilot(number + 1)
                batch = generator.take()
                t1 = time.perf_counter()
                health_in_memory(batch, **known)
                t2 = time.perf_counter()
                rows_total += insert(connection, batch)
                for table, rows in batch.items():
                    counts[table.name] += len(rows)
                batch_number = first_number // CHUNK + 1
                if not sqlite and batch_number & (batch_number - 1) == 0:
                    # Fresh tables have no statistics inside this transaction: without them
                    # PostgreSQL plans (and caches, for foreign-key checks) scans as if the
                    # tables were empty, and both inserting and reading go quadratic.
                    connection.execute(text("ANALYZE"))
                t3 = time.perf_counter()
                generate_s += t1 - t0
                health_s += t2 - t1
                insert_s += t3 - t2
            t_create = time.perf_counter()
            for statement in indexes:
                connection.exec_driver_sql(statement)
            index_s += time.perf_counter() - t_create
            if not is_sqlite(database_url):
                connection.execute(text("ANALYZE"))
            t_summary = time.perf_counter()
            # Each pilot's metric summary, by the application's own statement (from the
            # metrics' latest values filled in above).
            sync_summary(session, workspace.id)
            # And each involvement's silence, by the application's own statement.
            sync_silent_since(session, workspace.id)
            # The portfolio's rollup, counted again: on PostgreSQL the load ran with the
            # triggers off (`session_replication_role`), and on SQLite this is what the job
            # runner's compaction gives within a minute (the benchmarks' servers run no jobs).
            rebuild_rollup(session, workspace.id)
            insert_s += time.perf_counter() - t_summary
            t4 = time.perf_counter()
            verified = verify_health(session, workspace.id, today, VERIFY_SAMPLE, rng)
            references = check_foreign_keys(connection) if skipped_fk else 0
            verify_s = time.perf_counter() - t4
            session.close()
        if not is_sqlite(database_url):
            # What autovacuum does a little after a bulk load, done now so that the benchmarks
            # measure the steady state: the visibility map it sets lets PostgreSQL answer from
            # an index alone (index-only scans).
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                connection.exec_driver_sql("VACUUM ANALYZE")
        elapsed = time.perf_counter() - started
    finally:
        engine.dispose()

    bulk_s = elapsed - (setup_done - started)
    print(f"Seeded workspace “{workspace_name}” on {engine.dialect.name}:")
    for name, count in sorted(counts.items()):
        print(f"  {name:<18} {count:>9,}")
    print(
        f"{rows_total:,} rows for {pilots:,} pilots in {elapsed:.1f} s "
        f"(users and workspace {setup_done - started:.1f} s; generate {generate_s:.1f} s, "
        f"health {health_s:.1f} s, insert {insert_s:.1f} s, "
        f"{len(indexes)} indexes dropped and rebuilt {index_s:.1f} s)"
    )
    print(
        f"Checked in {verify_s:.1f} s: the stored health of {verified} random pilots is what the "
        "application's loader computes; "
        + (
            f"all {references} foreign keys resolve (not checked row by row during the load)."
            if skipped_fk
            else "foreign keys were checked row by row."
        )
    )
    print(
        f"{rows_total / bulk_s:,.0f} rows/s, {pilots / bulk_s:,.0f} pilots/s "
        f"(insert alone: {rows_total / max(insert_s, 1e-9):,.0f} rows/s)"
    )
    print(f"Sign in as {BENCH_EMAIL} / {BENCH_PASSWORD}")
    print(f"Workspace id: {workspace.id}")
    return workspace.id


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    seed(
        args.database_url,
        args.pilots,
        args.workspace_name,
        args.seed,
        per_row_foreign_keys=args.check_foreign_keys_per_row,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
