"""CSV imports of customers and departments: validate every record, then upsert all or nothing.

Each record is checked with the same rules as the API's create schemas. Records are matched to
existing objects, so importing the same file twice changes nothing the second time:

- customers by `external_id`; a record without one, or whose `external_id` is new, by name
  (case-insensitively; a record with an `external_id` only adopts a customer that has none).
  An empty `external_id` cell never clears a stored one: it is the key, not a field to edit.
- departments by name (case-insensitively): they have no `external_id`.

Only the columns in the file are written to existing objects; an empty cell empties its field
(an empty `is_premier_account` means `false`). A file naming the same object twice is an error.

The work takes a fixed number of queries whatever the size of the file: one to load the
workspace's existing objects, one bulk insert, one bulk update, the activity entry, and for
customers whose premier flag changed, the health refresh of the pilots that chose them.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails
from sqlalchemy import Table as SqlTable
from sqlalchemy import bindparam, insert, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col

from pilotboard.activity.service import Actor, record
from pilotboard.core.db import serialize_in_workspace
from pilotboard.core.errors import ProblemError
from pilotboard.core.events import publish
from pilotboard.customers.events import PremierFlagChanged
from pilotboard.customers.models import Customer
from pilotboard.customers.schemas import CustomerCreate
from pilotboard.departments.models import Department
from pilotboard.departments.schemas import DepartmentCreate
from pilotboard.imports.csvfile import MAX_ROWS, Table, read_table
from pilotboard.imports.schemas import ImportReport

CUSTOMER_COLUMNS = (
    "name",
    "segment",
    "annual_revenue",
    "is_premier_account",
    "external_id",
    "notes",
)
DEPARTMENT_COLUMNS = ("name", "lead_name", "kpi")
_BOOLEAN_COLUMNS = frozenset({"is_premier_account"})
_NULLABLE_COLUMNS = frozenset({"annual_revenue", "external_id"})


class ImportRejected(ProblemError):
    """A real import refused because of invalid records; nothing was written."""

    status, slug, title = 422, "invalid-import", "The file has errors"


@dataclass(frozen=True)
class RowError:
    row: int
    field: str | None
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "field": self.field, "message": self.message}


@dataclass
class Row:
    """A valid record: its line and the validated values of the columns in the file."""

    line: int
    values: dict[str, Any]


@dataclass
class Plan:
    creates: list[Row] = field(default_factory=list)
    updates: list[tuple[Row, dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)


@dataclass(frozen=True)
class Kind:
    """What one import endpoint brings in."""

    key: str
    singular: str
    columns: tuple[str, ...]
    schema: type[BaseModel]
    plan: Callable[[Session, uuid.UUID, list[Row], tuple[str, ...]], Plan]
    write: Callable[[Session, uuid.UUID, Plan, tuple[str, ...], datetime], None]


# --- reading and validating ------------------------------------------------------------------


def _header(table: Table, columns: tuple[str, ...]) -> tuple[list[str], list[RowError]]:
    names = [cell.strip().lower() for cell in table.header]
    errors: list[RowError] = []
    seen: set[str] = set()
    known = ", ".join(columns)
    for position, name in enumerate(names, start=1):
        if not name:
            errors.append(
                RowError(
                    table.header_line,
                    None,
                    f"Column {position} has no name; name it or "
                    f"remove it. The columns are: {known}.",
                )
            )
        elif name not in columns:
            errors.append(
                RowError(
                    table.header_line,
                    table.header[position - 1].strip(),
                    f"Unknown column “{table.header[position - 1].strip()}”. "
                    f"The columns are: {known}.",
                )
            )
        elif name in seen:
            errors.append(RowError(table.header_line, name, f"The column “{name}” appears twice."))
        seen.add(name)
    if "name" not in seen:
        errors.append(
            RowError(table.header_line, "name", "The column “name” is required in the header.")
        )
    return names, errors


def _friendly(error: ErrorDetails, raw: str) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind in ("float_parsing", "float_type"):
        return f"Not a number: “{raw}”. Write digits only, with a dot for decimals: 1250000.50."
    if kind in ("bool_parsing", "bool_type"):
        return f"Not a yes/no value: “{raw}”. Write true or false (yes/no and 1/0 work too)."
    if kind == "string_too_long":
        return f"Too long: at most {ctx.get('max_length')} characters."
    if kind == "greater_than_equal":
        return f"Must be {_number(ctx.get('ge'))} or more."
    if kind == "less_than_equal":
        return f"Must be at most {_number(ctx.get('le'))}."
    if kind == "finite_number":
        return "Must be a finite number."
    message = str(error["msg"])
    return message.removeprefix("Value error, ")


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, int | float) else str(value)


def _input(name: str, raw: str) -> Any:
    value = raw.strip()
    if value == "":
        if name in _BOOLEAN_COLUMNS:
            return False
        if name in _NULLABLE_COLUMNS:
            return None
    return value


def _validate(
    table: Table, names: list[str], schema: type[BaseModel]
) -> tuple[list[Row], list[RowError]]:
    rows: list[Row] = []
    errors: list[RowError] = []
    width = len(names)
    for item in table.records:
        cells = item.cells
        if len(cells) > width and not any(cell.strip() for cell in cells[width:]):
            cells = cells[:width]
        if len(cells) != width:
            errors.append(
                RowError(
                    item.line,
                    None,
                    f"This line has {len(cells)} values but the header names {width} columns.",
                )
            )
            continue
        raw = dict(zip(names, cells, strict=True))
        try:
            model = schema.model_validate(
                {name: _input(name, value) for name, value in raw.items()}
            )
        except ValidationError as exc:
            for error in exc.errors():
                column = str(error["loc"][0]) if error["loc"] else None
                errors.append(
                    RowError(item.line, column, _friendly(error, raw.get(column or "", "")))
                )
            continue
        values = model.model_dump()
        rows.append(Row(line=item.line, values={name: values[name] for name in names}))
    return rows, errors


def _fold(name: str) -> str:
    return name.casefold()


# --- customers -------------------------------------------------------------------------------


def _plan_customers(
    session: Session, workspace_id: uuid.UUID, rows: list[Row], columns: tuple[str, ...]
) -> Plan:
    plan = Plan()
    # The workspace's customers, in one query. Matching happens here rather than in SQL so that
    # case-insensitive names compare the same way on every database (SQLite's lower() only
    # folds ASCII).
    existing = session.execute(
        sa_select(
            col(Customer.id),
            col(Customer.name),
            col(Customer.segment),
            col(Customer.annual_revenue),
            col(Customer.is_premier_account),
            col(Customer.external_id),
            col(Customer.notes),
        ).where(col(Customer.workspace_id) == workspace_id)
    ).all()
    stored = {row.id: dict(row._mapping) for row in existing}
    by_external: dict[str, uuid.UUID] = {}
    by_name: dict[str, list[uuid.UUID]] = {}
    for customer_id, values in stored.items():
        if values["external_id"] is not None:
            by_external[values["external_id"]] = customer_id
        by_name.setdefault(_fold(values["name"]), []).append(customer_id)

    external_lines: dict[str, int] = {}
    name_lines: dict[str, int] = {}
    claimed: dict[uuid.UUID, int] = {}
    fields = [name for name in columns if name != "external_id"]
    for row in rows:
        external_id = row.values.get("external_id")
        key = _fold(row.values["name"])
        if external_id is not None:
            if external_id in external_lines:
                plan.errors.append(
                    RowError(
                        row.line,
                        "external_id",
                        f"Line {external_lines[external_id]} already has the external id "
                        f"“{external_id}”; each customer may appear once.",
                    )
                )
                continue
            external_lines[external_id] = row.line
        elif key in name_lines:
            plan.errors.append(
                RowError(
                    row.line,
                    "name",
                    f"Line {name_lines[key]} already names “{row.values['name']}”; each customer "
                    "may appear once (give them external ids to tell apart customers that share "
                    "a name).",
                )
            )
            continue
        else:
            name_lines[key] = row.line

        target: uuid.UUID | None = None
        if external_id is not None:
            target = by_external.get(external_id)
            if target is None:
                unlinked = [c for c in by_name.get(key, []) if stored[c]["external_id"] is None]
                if len(unlinked) > 1:
                    plan.errors.append(_ambiguous(row, len(unlinked)))
                    continue
                target = unlinked[0] if unlinked else None
        else:
            same_name = by_name.get(key, [])
            if len(same_name) > 1:
                plan.errors.append(_ambiguous(row, len(same_name)))
                continue
            target = same_name[0] if same_name else None

        if target is None:
            plan.creates.append(row)
            continue
        if target in claimed:
            plan.errors.append(
                RowError(
                    row.line,
                    "external_id" if external_id is not None else "name",
                    f"Line {claimed[target]} already updates the customer "
                    f"“{stored[target]['name']}”; each customer may appear once.",
                )
            )
            continue
        claimed[target] = row.line
        before = stored[target]
        wanted = {name: row.values[name] for name in fields}
        if external_id is not None:
            wanted["external_id"] = external_id
        changed = {name: value for name, value in wanted.items() if before[name] != value}
        if changed:
            plan.updates.append(
                (row, {"id": target, **wanted}, {name: before[name] for name in changed})
            )
        else:
            plan.unchanged += 1
    return plan


def _ambiguous(row: Row, count: int) -> RowError:
    return RowError(
        row.line,
        "name",
        f"{count} customers are named “{row.values['name']}”; add the external_id of the one "
        "you mean.",
    )


def _new_ids(count: int) -> list[uuid.UUID]:
    """Ascending ids: records created in one import share `created_at`, and lists order them by
    (created_at, id), so they read in the order of the file."""
    return sorted(uuid.uuid4() for _ in range(count))


def _table(model: type[Any]) -> SqlTable:
    return cast(SqlTable, model.__table__)


def _write_customers(
    session: Session, workspace_id: uuid.UUID, plan: Plan, columns: tuple[str, ...], now: datetime
) -> None:
    table = _table(Customer)
    defaults: dict[str, Any] = {
        "segment": "",
        "annual_revenue": None,
        "is_premier_account": False,
        "external_id": None,
        "notes": "",
    }
    if plan.creates:
        session.execute(
            insert(table),
            [
                {
                    **defaults,
                    **row.values,
                    "id": new_id,
                    "workspace_id": workspace_id,
                    "created_at": now,
                    "updated_at": now,
                }
                for row, new_id in zip(plan.creates, _new_ids(len(plan.creates)), strict=True)
            ],
        )
    _bulk_update(session, table, workspace_id, plan, now)
    premier_changed = [
        values["id"] for _, values, before in plan.updates if "is_premier_account" in before
    ]
    if premier_changed:
        publish(
            session,
            PremierFlagChanged(
                workspace_id=workspace_id, customer_ids=tuple(premier_changed), now=now
            ),
        )


def _bulk_update(
    session: Session, table: SqlTable, workspace_id: uuid.UUID, plan: Plan, now: datetime
) -> None:
    """One executemany UPDATE for every changed row (each row sets the same columns)."""
    if not plan.updates:
        return
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for _, values, _ in plan.updates:
        names = tuple(sorted(name for name in values if name != "id"))
        groups.setdefault(names, []).append(
            {"target_id": values["id"], "updated_at": now}
            | {f"new_{name}": values[name] for name in names}
        )
    for names, parameters in groups.items():
        statement = (
            update(table)
            .where(table.c.workspace_id == workspace_id, table.c.id == bindparam("target_id"))
            .values(
                {name: bindparam(f"new_{name}") for name in names}
                | {"updated_at": bindparam("updated_at")}
            )
        )
        session.execute(statement, parameters)


# --- departments -----------------------------------------------------------------------------


def _plan_departments(
    session: Session, workspace_id: uuid.UUID, rows: list[Row], columns: tuple[str, ...]
) -> Plan:
    plan = Plan()
    existing = session.execute(
        sa_select(
            col(Department.id), col(Department.name), col(Department.lead_name), col(Department.kpi)
        ).where(col(Department.workspace_id) == workspace_id)
    ).all()
    stored = {row.id: dict(row._mapping) for row in existing}
    by_name: dict[str, list[uuid.UUID]] = {}
    for department_id, values in stored.items():
        by_name.setdefault(_fold(values["name"]), []).append(department_id)

    name_lines: dict[str, int] = {}
    for row in rows:
        key = _fold(row.values["name"])
        if key in name_lines:
            plan.errors.append(
                RowError(
                    row.line,
                    "name",
                    f"Line {name_lines[key]} already names “{row.values['name']}”; department "
                    "names are unique (ignoring case), so each may appear once.",
                )
            )
            continue
        name_lines[key] = row.line
        matches = by_name.get(key, [])
        if not matches:
            plan.creates.append(row)
            continue
        if len(matches) > 1:
            plan.errors.append(
                RowError(
                    row.line,
                    "name",
                    f"{len(matches)} departments are named “{row.values['name']}” apart from "
                    "case; rename one of them first.",
                )
            )
            continue
        target = matches[0]
        before = stored[target]
        wanted = {name: row.values[name] for name in columns}
        changed = {name: value for name, value in wanted.items() if before[name] != value}
        if changed:
            plan.updates.append(
                (row, {"id": target, **wanted}, {name: before[name] for name in changed})
            )
        else:
            plan.unchanged += 1
    return plan


def _write_departments(
    session: Session, workspace_id: uuid.UUID, plan: Plan, columns: tuple[str, ...], now: datetime
) -> None:
    table = _table(Department)
    if plan.creates:
        session.execute(
            insert(table),
            [
                {
                    "lead_name": "",
                    "kpi": "",
                    **row.values,
                    "id": new_id,
                    "workspace_id": workspace_id,
                    "created_at": now,
                    "updated_at": now,
                }
                for row, new_id in zip(plan.creates, _new_ids(len(plan.creates)), strict=True)
            ],
        )
    _bulk_update(session, table, workspace_id, plan, now)


CUSTOMERS = Kind(
    key="customers",
    singular="customer",
    columns=CUSTOMER_COLUMNS,
    schema=CustomerCreate,
    plan=_plan_customers,
    write=_write_customers,
)
DEPARTMENTS = Kind(
    key="departments",
    singular="department",
    columns=DEPARTMENT_COLUMNS,
    schema=DepartmentCreate,
    plan=_plan_departments,
    write=_write_departments,
)


# --- the import ------------------------------------------------------------------------------


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _sorted(errors: Iterable[RowError]) -> list[RowError]:
    return sorted(errors, key=lambda error: error.row)


def import_csv(
    session: Session,
    *,
    kind: Kind,
    workspace_id: uuid.UUID,
    actor: Actor,
    content: bytes,
    filename: str,
    dry_run: bool,
    now: datetime,
) -> ImportReport:
    """Check ``content`` and, unless ``dry_run``, write it; invalid records refuse it whole."""
    table = read_table(content, max_rows=MAX_ROWS)
    if not dry_run:
        # Imports into one workspace run one at a time: the second plans against the first's
        # rows (matching the records it created) instead of inserting them a second time.
        serialize_in_workspace(session, workspace_id=workspace_id, purpose="import")
    names, header_errors = _header(table, kind.columns)
    plan = Plan()
    columns: tuple[str, ...] = ()
    if header_errors:
        report = ImportReport.model_validate(
            {
                "dry_run": dry_run,
                "rows": len(table.records),
                "valid": 0,
                "errors": [error.as_dict() for error in header_errors],
                "created": 0,
                "updated": 0,
                "unchanged": 0,
            }
        )
    else:
        rows, errors = _validate(table, names, kind.schema)
        columns = tuple(name for name in kind.columns if name in names)
        plan = kind.plan(session, workspace_id, rows, columns)
        errors = _sorted([*errors, *plan.errors])
        report = ImportReport.model_validate(
            {
                "dry_run": dry_run,
                "rows": len(table.records),
                "valid": len(table.records) - len({error.row for error in errors}),
                "errors": [error.as_dict() for error in errors],
                "created": len(plan.creates),
                "updated": len(plan.updates),
                "unchanged": plan.unchanged,
            }
        )
    if dry_run:
        return report
    if report.errors:
        invalid = report.rows - report.valid
        what = (
            "The header has errors"
            if header_errors
            else f"{_count(invalid, 'record')} of {report.rows} {'has' if invalid == 1 else 'have'}"
            " errors"
        )
        raise ImportRejected(
            f"{what}; nothing was imported. Fix the file and upload it again.",
            extra={
                "errors": [error.model_dump() for error in report.errors],
                "rows": report.rows,
                "valid": report.valid,
            },
        )
    if plan.creates or plan.updates:
        kind.write(session, workspace_id, plan, columns, now)
        record(
            session,
            actor=actor,
            now=now,
            action=f"{kind.singular}.imported",
            object_type=kind.singular,
            workspace_id=workspace_id,
            summary=f"Imported {_count(report.rows, kind.singular)} from “{filename[:80]}”: "
            f"{report.created} created, {report.updated} updated, {report.unchanged} unchanged",
            after=_activity_details(report, filename, plan),
        )
        session.flush()
    return report


def _activity_details(report: ImportReport, filename: str, plan: Plan) -> dict[str, Any]:
    return {
        "file": filename,
        "rows": report.rows,
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "updated_fields": sorted({name for _, _, before in plan.updates for name in before}),
    }
