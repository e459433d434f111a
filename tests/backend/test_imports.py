"""CSV imports of customers and departments: the report, all-or-nothing writes, upserts."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, func
from sqlmodel import Session, col, select

from pilotboard.activity.models import Activity
from pilotboard.core.clock import FrozenClock
from pilotboard.core.config import Settings
from pilotboard.customers.models import Customer
from pilotboard.departments.models import Department
from pilotboard.workspaces.models import Role, Workspace
from tests.backend.factories import (
    Caller,
    add_member,
    browser_caller,
    make_token,
    make_user,
    make_workspace,
    token_caller,
)
from tests.backend.queries import count_queries

INVALID_IMPORT = "https://pilotboard.dev/problems/invalid-import"
VALIDATION = "https://pilotboard.dev/problems/validation-error"
HEADER = "name,segment,annual_revenue,is_premier_account,external_id,notes"


class Importer:
    """Uploads files as one caller into one workspace."""

    def __init__(self, client: TestClient, caller: Caller, workspace_id: uuid.UUID) -> None:
        self.client, self.caller = client, caller
        self.base = f"/api/v1/workspaces/{workspace_id}/imports"

    def upload(
        self,
        what: str,
        content: bytes | str,
        *,
        dry_run: bool = False,
        filename: str = "data.csv",
        headers: dict[str, str] | None = None,
    ) -> Any:
        self.client.cookies.clear()
        for name, value in self.caller.cookies.items():
            self.client.cookies.set(name, value)
        data = content.encode() if isinstance(content, str) else content
        return self.client.post(
            f"{self.base}/{what}",
            params={"dry_run": "true"} if dry_run else None,
            files={"file": (filename, data, "text/csv")},
            headers={**self.caller.headers, **(headers or {})},
        )


@pytest.fixture
def team(db: Session, clock: FrozenClock, settings: Settings, client: TestClient) -> dict[str, Any]:
    now = clock.now()
    workspace = make_workspace(db, now=now, name="Acme")
    other = make_workspace(db, now=now, name="Elsewhere")
    users = {}
    for role in (Role.admin, Role.editor, Role.viewer, Role.executive):
        user = make_user(db, now=now, name=f"{role.value} person")
        add_member(db, workspace=workspace, user=user, role=role, now=now)
        users[role.value] = user
    outsider = make_user(db, now=now, name="Out Sider")
    add_member(db, workspace=other, user=outsider, role=Role.admin, now=now)
    read_token = make_token(db, user=users["admin"], workspace=workspace, now=now, write=False)
    write_token = make_token(db, user=users["editor"], workspace=workspace, now=now, write=True)
    db.commit()

    def importer(caller: Caller) -> Importer:
        return Importer(client, caller, workspace.id)

    return {
        "workspace": workspace,
        "other": other,
        "editor": importer(browser_caller(db, user=users["editor"], settings=settings, now=now)),
        "admin": importer(browser_caller(db, user=users["admin"], settings=settings, now=now)),
        "viewer": importer(browser_caller(db, user=users["viewer"], settings=settings, now=now)),
        "executive": importer(
            browser_caller(db, user=users["executive"], settings=settings, now=now)
        ),
        "outsider": importer(browser_caller(db, user=outsider, settings=settings, now=now)),
        "read_token": importer(token_caller(read_token)),
        "write_token": importer(token_caller(write_token)),
    }


def customers(db: Session, workspace: Workspace) -> list[Customer]:
    db.expire_all()
    return list(
        db.exec(
            select(Customer)
            .where(Customer.workspace_id == workspace.id)
            .order_by(col(Customer.name), col(Customer.id))
        ).all()
    )


def departments(db: Session, workspace: Workspace) -> list[Department]:
    db.expire_all()
    return list(
        db.exec(
            select(Department)
            .where(Department.workspace_id == workspace.id)
            .order_by(col(Department.name))
        ).all()
    )


def activity(db: Session, workspace: Workspace) -> list[Activity]:
    return list(
        db.exec(
            select(Activity)
            .where(Activity.workspace_id == workspace.id)
            .order_by(col(Activity.occurred_at))
        ).all()
    )


def add_customer(db: Session, clock: FrozenClock, workspace: Workspace, **fields: Any) -> Customer:
    customer = Customer(
        workspace_id=workspace.id, created_at=clock.now(), updated_at=clock.now(), **fields
    )
    db.add(customer)
    db.commit()
    return customer


def hundred_rows_with_five_bad() -> tuple[str, list[dict[str, Any]]]:
    lines = [HEADER]
    for number in range(1, 101):
        lines.append(f"Customer {number:03d},Retail,{number * 1000},no,CRM-{number},")
    # Line n of the file holds customer n - 1 (line 1 is the header).
    lines[7] = ",Retail,7000,no,CRM-7,"
    lines[21] = "Customer 021,Retail,lots,no,CRM-21,"
    lines[40] = "Customer 040,Retail,-5,no,CRM-40,"
    lines[66] = "Customer 066,Retail,66000,maybe,CRM-66,"
    lines[98] = "Customer 098," + "S" * 81 + ",98000,no,CRM-98,"
    expected = [
        {"row": 8, "field": "name", "message": "The name cannot be blank."},
        {
            "row": 22,
            "field": "annual_revenue",
            "message": "Not a number: “lots”. Write digits only, with a dot for decimals: "
            "1250000.50.",
        },
        {"row": 41, "field": "annual_revenue", "message": "Must be 0 or more."},
        {
            "row": 67,
            "field": "is_premier_account",
            "message": "Not a yes/no value: “maybe”. Write true or false "
            "(yes/no and 1/0 work too).",
        },
        {"row": 99, "field": "segment", "message": "Too long: at most 80 characters."},
    ]
    return "\n".join(lines) + "\n", expected


# --- the report ------------------------------------------------------------------------------


def test_five_bad_rows_of_a_hundred_are_reported_exactly_and_nothing_is_written(
    team: dict[str, Any], db: Session
) -> None:
    content, expected = hundred_rows_with_five_bad()

    dry = team["editor"].upload("customers", content, dry_run=True)
    assert dry.status_code == 200, dry.text
    assert dry.json() == {
        "dry_run": True,
        "rows": 100,
        "valid": 95,
        "errors": expected,
        "created": 95,
        "updated": 0,
        "unchanged": 0,
    }

    real = team["editor"].upload("customers", content)
    assert real.status_code == 422, real.text
    assert real.headers["content-type"] == "application/problem+json"
    body = real.json()
    assert (body["type"], body["status"], body["rows"], body["valid"], body["errors"]) == (
        INVALID_IMPORT,
        422,
        100,
        95,
        expected,
    )
    assert body["detail"] == (
        "5 records of 100 have errors; nothing was imported. Fix the file and upload it again."
    )
    assert customers(db, team["workspace"]) == []
    assert activity(db, team["workspace"]) == []


def test_a_dry_run_writes_nothing(team: dict[str, Any], db: Session) -> None:
    response = team["editor"].upload(
        "customers", "name,segment\nNordwind,Logistics\nSt. Agnes,Healthcare\n", dry_run=True
    )

    assert response.json() == {
        "dry_run": True,
        "rows": 2,
        "valid": 2,
        "errors": [],
        "created": 2,
        "updated": 0,
        "unchanged": 0,
    }
    assert customers(db, team["workspace"]) == []
    assert activity(db, team["workspace"]) == []


def test_an_import_creates_every_field_and_logs_one_activity_entry(
    team: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    content = (
        f"{HEADER}\n"
        "Nordwind Logistics,Mid-market,1250000.5,yes,CRM-1,Data team on site.\n"
        "St. Agnes Hospital,Healthcare,,,,\n"
    )

    response = team["editor"].upload("customers", content, filename="crm.csv")

    assert response.status_code == 200, response.text
    assert response.json() == {
        "dry_run": False,
        "rows": 2,
        "valid": 2,
        "errors": [],
        "created": 2,
        "updated": 0,
        "unchanged": 0,
    }
    stored = customers(db, team["workspace"])
    assert [
        (
            c.name,
            c.segment,
            c.annual_revenue,
            c.is_premier_account,
            c.external_id,
            c.notes,
            c.created_at,
        )
        for c in stored
    ] == [
        (
            "Nordwind Logistics",
            "Mid-market",
            1250000.5,
            True,
            "CRM-1",
            "Data team on site.",
            clock.now(),
        ),
        ("St. Agnes Hospital", "Healthcare", None, False, None, "", clock.now()),
    ]
    [entry] = activity(db, team["workspace"])
    assert (entry.action, entry.object_type, entry.summary, entry.after) == (
        "customer.imported",
        "customer",
        "Imported 2 customers from “crm.csv”: 2 created, 0 updated, 0 unchanged",
        {
            "file": "crm.csv",
            "rows": 2,
            "created": 2,
            "updated": 0,
            "unchanged": 0,
            "updated_fields": [],
        },
    )


def test_reimporting_the_same_file_changes_nothing(
    team: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    content = f"{HEADER}\nNordwind,Logistics,100.25,true,CRM-1,Notes\nSt. Agnes,Health,,no,,\n"
    assert team["editor"].upload("customers", content).json()["created"] == 2
    first = {c.id: c.updated_at for c in customers(db, team["workspace"])}
    clock.advance(hours=1)

    again = team["editor"].upload("customers", content)

    assert (again.status_code, again.json()) == (
        200,
        {
            "dry_run": False,
            "rows": 2,
            "valid": 2,
            "errors": [],
            "created": 0,
            "updated": 0,
            "unchanged": 2,
        },
    )
    assert {c.id: c.updated_at for c in customers(db, team["workspace"])} == first
    assert len(activity(db, team["workspace"])) == 1


def test_upserts_by_external_id_then_by_name(
    team: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    ws = team["workspace"]
    acme = add_customer(db, clock, ws, name="Acme", external_id="CRM-1", notes="Keep me")
    borealis = add_customer(db, clock, ws, name="Borealis", segment="Old", notes="Keep me too")
    cobalt = add_customer(db, clock, ws, name="Cobalt")
    linked = add_customer(db, clock, ws, name="Delta", external_id="CRM-9")
    clock.advance(hours=1)
    content = (
        "external_id,name,segment\n"
        "CRM-1,Acme Corporation,Industry\n"  # by external id: renamed
        ",borealis,New\n"  # by name, ignoring case
        "CRM-3,COBALT,Mining\n"  # new external id: adopts the unlinked customer of that name
        "CRM-4,Delta,Retail\n"  # “Delta” has another external id: a new customer
        "CRM-5,Echo,Retail\n"  # new
    )

    response = team["editor"].upload("customers", content)

    assert (response.json()["created"], response.json()["updated"]) == (2, 3)
    by_id = {c.id: c for c in customers(db, ws)}
    stored = sorted(customers(db, ws), key=lambda c: (c.name.casefold(), c.external_id or ""))
    assert [(c.name, c.segment, c.external_id, c.notes) for c in stored] == [
        ("Acme Corporation", "Industry", "CRM-1", "Keep me"),
        ("borealis", "New", None, "Keep me too"),
        ("COBALT", "Mining", "CRM-3", ""),
        ("Delta", "Retail", "CRM-4", ""),
        ("Delta", "", "CRM-9", ""),
        ("Echo", "Retail", "CRM-5", ""),
    ]
    assert (by_id[acme.id].name, by_id[borealis.id].segment, by_id[cobalt.id].external_id) == (
        "Acme Corporation",
        "New",
        "CRM-3",
    )
    assert by_id[acme.id].updated_at == clock.now()
    assert by_id[linked.id].updated_at == clock.now() - timedelta(hours=1)
    [entry] = activity(db, ws)
    assert entry.after is not None
    assert entry.after["updated_fields"] == ["external_id", "name", "segment"]


def test_an_empty_external_id_never_clears_a_stored_one(
    team: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    add_customer(db, clock, team["workspace"], name="Acme", external_id="CRM-1")

    response = team["editor"].upload("customers", "name,external_id,segment\nAcme,,Retail\n")

    assert (response.json()["updated"], response.json()["created"]) == (1, 0)
    [acme] = customers(db, team["workspace"])
    assert (acme.external_id, acme.segment) == ("CRM-1", "Retail")


def test_a_name_shared_by_two_customers_needs_an_external_id(
    team: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    add_customer(db, clock, team["workspace"], name="Acme")
    add_customer(db, clock, team["workspace"], name="ACME")

    response = team["editor"].upload("customers", "name,segment\nacme,Retail\n", dry_run=True)

    assert response.json()["errors"] == [
        {
            "row": 2,
            "field": "name",
            "message": "2 customers are named “acme”; add the external_id of the one you mean.",
        }
    ]


def test_a_record_appearing_twice_in_a_file_is_an_error(team: dict[str, Any]) -> None:
    content = "name,external_id\nAcme,CRM-1\nAcme again,CRM-1\nBorealis,\nBOREALIS,\n"

    response = team["editor"].upload("customers", content, dry_run=True)

    assert response.json()["errors"] == [
        {
            "row": 3,
            "field": "external_id",
            "message": "Line 2 already has the external id “CRM-1”; each customer may appear once.",
        },
        {
            "row": 5,
            "field": "name",
            "message": "Line 4 already names “BOREALIS”; each customer may appear once (give them "
            "external ids to tell apart customers that share a name).",
        },
    ]
    assert response.json()["valid"] == 2


def test_row_numbers_are_the_line_a_record_starts_on(team: dict[str, Any]) -> None:
    content = (
        "name,notes\r\n"
        '"Acme","Two\r\nlines"\r\n'
        "\r\n"
        'Borealis,"Three\nline\nnote"\r\n'
        ",missing name\r\n"
        "Cobalt,ok,extra\r\n"
    )

    response = team["editor"].upload("customers", content, dry_run=True)

    assert response.json() == {
        "dry_run": True,
        "rows": 4,
        "valid": 2,
        "errors": [
            {"row": 8, "field": "name", "message": "The name cannot be blank."},
            {
                "row": 9,
                "field": None,
                "message": "This line has 3 values but the header names 2 columns.",
            },
        ],
        "created": 2,
        "updated": 0,
        "unchanged": 0,
    }


# --- reading the file ------------------------------------------------------------------------


def test_utf8_with_or_without_a_byte_order_mark(team: dict[str, Any], db: Session) -> None:
    with_bom = "\ufeffname,segment\nMüller Kälte,Großhandel\n".encode()
    without = "name,segment\nÅngström Optics,Ørsted\n".encode()

    assert team["editor"].upload("customers", with_bom).json()["created"] == 1
    assert team["editor"].upload("customers", without).json()["created"] == 1

    assert [(c.name, c.segment) for c in customers(db, team["workspace"])] == [
        ("Müller Kälte", "Großhandel"),
        ("Ångström Optics", "Ørsted"),
    ]


def test_a_semicolon_separated_file_with_headers_in_any_case(
    team: dict[str, Any], db: Session
) -> None:
    response = team["editor"].upload(
        "customers", "Name;Annual_Revenue;IS_PREMIER_ACCOUNT\nAcme;1250000;Yes\n"
    )

    assert response.json()["created"] == 1
    [acme] = customers(db, team["workspace"])
    assert (acme.name, acme.annual_revenue, acme.is_premier_account) == ("Acme", 1250000.0, True)


def test_a_file_that_is_not_utf8_is_refused_naming_the_field(team: dict[str, Any]) -> None:
    response = team["editor"].upload("customers", "name\nMüller\n".encode("latin-1"), dry_run=True)

    assert response.status_code == 422
    assert response.json()["type"] == VALIDATION
    assert response.json()["errors"] == [
        {
            "loc": ["body", "file"],
            "msg": "The file is not UTF-8 text (byte 7 cannot be read). Save it as “CSV UTF-8” "
            "and upload it again.",
        }
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "This is not a CSV file: it contains binary data.",
        ),
        (
            b"PK\x03\x04\x14\x00\x06\x00",
            "This is a spreadsheet workbook, not a CSV file. Save it as “CSV UTF-8” and upload "
            "that file.",
        ),
        (b"", "The file is empty: its first line must name the columns."),
        (b'name\n"Acme\n', "Line 2 is not valid CSV: unexpected end of data."),
    ],
    ids=["png", "xlsx", "empty", "unclosed-quote"],
)
def test_files_that_are_not_csv_are_refused(
    team: dict[str, Any], db: Session, content: bytes, message: str
) -> None:
    response = team["editor"].upload("customers", content)

    assert (response.status_code, response.json()["errors"]) == (
        422,
        [{"loc": ["body", "file"], "msg": message}],
    )
    assert customers(db, team["workspace"]) == []


def test_an_upload_that_is_not_multipart_is_refused(
    team: dict[str, Any], client: TestClient
) -> None:
    importer: Importer = team["editor"]
    client.cookies.clear()
    for name, value in importer.caller.cookies.items():
        client.cookies.set(name, value)

    response = client.post(
        f"{importer.base}/customers",
        content=b"name\nAcme\n",
        headers={**importer.caller.headers, "Content-Type": "text/csv"},
    )

    assert (response.status_code, response.json()["detail"]) == (
        415,
        "Upload the file as multipart/form-data in the field `file`.",
    )


def test_a_missing_file_field_is_a_validation_error(
    team: dict[str, Any], client: TestClient
) -> None:
    importer: Importer = team["editor"]
    client.cookies.clear()
    for name, value in importer.caller.cookies.items():
        client.cookies.set(name, value)

    response = client.post(
        f"{importer.base}/customers",
        files={"upload": ("a.csv", b"name\nAcme\n", "text/csv")},
        headers=importer.caller.headers,
    )

    assert (response.status_code, [e["loc"] for e in response.json()["errors"]]) == (
        422,
        [["body", "file"]],
    )


def test_a_wrong_column_name_is_reported_on_the_header_line(
    team: dict[str, Any], db: Session
) -> None:
    content = "company,segment,Segment\nAcme,Retail,Retail\n"
    known = "name, segment, annual_revenue, is_premier_account, external_id, notes"
    expected = [
        {
            "row": 1,
            "field": "company",
            "message": f"Unknown column “company”. The columns are: {known}.",
        },
        {"row": 1, "field": "segment", "message": "The column “segment” appears twice."},
        {"row": 1, "field": "name", "message": "The column “name” is required in the header."},
    ]

    dry = team["editor"].upload("customers", content, dry_run=True)
    real = team["editor"].upload("customers", content)

    assert (dry.status_code, dry.json()["rows"], dry.json()["valid"], dry.json()["errors"]) == (
        200,
        1,
        0,
        expected,
    )
    assert (real.status_code, real.json()["errors"]) == (422, expected)
    assert real.json()["detail"] == (
        "The header has errors; nothing was imported. Fix the file and upload it again."
    )
    assert customers(db, team["workspace"]) == []


def test_a_header_without_records_imports_nothing(team: dict[str, Any]) -> None:
    response = team["editor"].upload("customers", "name,segment\n")

    assert response.json() == {
        "dry_run": False,
        "rows": 0,
        "valid": 0,
        "errors": [],
        "created": 0,
        "updated": 0,
        "unchanged": 0,
    }


def test_more_records_than_the_limit_are_refused(team: dict[str, Any]) -> None:
    content = "name\n" + "".join(f"c{n}\n" for n in range(10_001))

    response = team["editor"].upload("customers", content, dry_run=True)

    assert (response.status_code, response.json()["errors"]) == (
        422,
        [
            {
                "loc": ["body", "file"],
                "msg": "The file has more than 10,000 records; import at most 10,000 at a time "
                "(split the file).",
            }
        ],
    )


# --- who may import --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("viewer", 403),
        ("executive", 403),
        ("read_token", 403),
        ("outsider", 404),
        ("write_token", 200),
        ("admin", 200),
    ],
)
def test_who_may_import(team: dict[str, Any], db: Session, persona: str, status: int) -> None:
    response = team[persona].upload("departments", "name\nSales\n")

    assert response.status_code == status, response.text
    assert len(departments(db, team["workspace"])) == (1 if status == 200 else 0)


def test_another_workspace_is_not_found(team: dict[str, Any], db: Session) -> None:
    response = team["outsider"].upload("customers", "name\nAcme\n")

    assert (response.status_code, response.json()["detail"]) == (404, "No workspace with this id.")


# --- departments -----------------------------------------------------------------------------


def test_departments_upsert_by_name_ignoring_case(
    team: dict[str, Any], db: Session, clock: FrozenClock
) -> None:
    ws = team["workspace"]
    db.add(
        Department(
            workspace_id=ws.id,
            name="Supply chain",
            lead_name="Sam",
            kpi="Picking cost",
            created_at=clock.now(),
            updated_at=clock.now(),
        )
    )
    db.commit()
    clock.advance(hours=1)
    content = "name,kpi\nSUPPLY CHAIN,Cost per pick\nField service,First-time fix rate\n"

    first = team["editor"].upload("departments", content)
    again = team["editor"].upload("departments", content)

    assert [
        (r.json()["created"], r.json()["updated"], r.json()["unchanged"]) for r in (first, again)
    ] == [
        (1, 1, 0),
        (0, 0, 2),
    ]
    assert [(d.name, d.lead_name, d.kpi) for d in departments(db, ws)] == [
        ("Field service", "", "First-time fix rate"),
        ("SUPPLY CHAIN", "Sam", "Cost per pick"),
    ]
    [entry] = activity(db, ws)
    assert (entry.action, entry.summary) == (
        "department.imported",
        "Imported 2 departments from “data.csv”: 1 created, 1 updated, 0 unchanged",
    )


def test_department_names_appearing_twice_are_an_error(team: dict[str, Any]) -> None:
    response = team["editor"].upload("departments", "name\nSales\nsales\n")

    assert (response.status_code, response.json()["errors"]) == (
        422,
        [
            {
                "row": 3,
                "field": "name",
                "message": "Line 2 already names “sales”; department names are unique (ignoring "
                "case), so each may appear once.",
            }
        ],
    )


def test_department_columns_are_checked_like_the_api(team: dict[str, Any]) -> None:
    content = "name,lead_name,kpi,external_id\nSales,Dana,Orders,X\n"

    response = team["editor"].upload("departments", content, dry_run=True)

    assert response.json()["errors"] == [
        {
            "row": 1,
            "field": "external_id",
            "message": "Unknown column “external_id”. The columns are: name, lead_name, kpi.",
        }
    ]


# --- idempotency and cost --------------------------------------------------------------------


def test_an_idempotency_key_replays_the_first_report(team: dict[str, Any], db: Session) -> None:
    key = {"Idempotency-Key": "import-1"}
    first = team["editor"].upload("departments", "name\nSales\n", headers=key)
    replay = team["editor"].upload("departments", "name\nSales\n", headers=key)
    other = team["editor"].upload("departments", "name\nFinance\n", headers=key)

    assert (first.json()["created"], replay.json()["created"]) == (1, 1)
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert other.status_code == 422
    assert len(departments(db, team["workspace"])) == 1


@pytest.mark.parametrize("what", ["customers", "departments"])
def test_an_import_takes_the_same_number_of_queries_for_any_number_of_rows(
    team: dict[str, Any], db: Session, connection: Connection, clock: FrozenClock, what: str
) -> None:
    def queries(rows: int, tag: str) -> int:
        lines = "".join(f"{what} {n},{tag}\n" for n in range(rows))
        column = "segment" if what == "customers" else "kpi"
        with count_queries(connection) as statements:
            response = team["editor"].upload(what, f"name,{column}\n{lines}")
        assert response.status_code == 200, response.text
        return len(statements)

    small_create, large_create = queries(3, "a"), queries(300, "a")
    small_update, large_update = queries(3, "b"), queries(300, "b")

    assert (small_create, small_update) == (large_create, large_update)
    total = db.exec(
        select(func.count()).select_from(Customer if what == "customers" else Department)
    ).one()
    assert total == 300


def test_marking_a_chosen_customer_premier_refreshes_the_pilots_health(
    team: dict[str, Any], db: Session, clock: FrozenClock, client: TestClient
) -> None:
    editor: Importer = team["editor"]
    customer = add_customer(db, clock, team["workspace"], name="Acme", external_id="CRM-1")
    pilots = f"/api/v1/workspaces/{team['workspace'].id}/pilots"
    headers = editor.caller.headers

    def send(method: str, path: str, body: dict[str, Any]) -> Any:
        response = client.request(method, pilots + path, json=body, headers=headers)
        assert response.status_code in (200, 201), response.text
        return response.json()

    editor.upload("customers", "name\nWarm-up\n")  # sets the session cookies on the client
    pilot = send("POST", "", {"title": "Pilot", "target_outcome": "profitability"})
    send("POST", f"/{pilot['id']}/candidates", {"customer_id": str(customer.id)})
    send("POST", f"/{pilot['id']}/transitions", {"to_stage": "selecting"})
    assert send("PATCH", f"/{pilot['id']}", {"customer_id": str(customer.id)})["health"] == (
        "on_track"
    )

    editor.upload("customers", "external_id,name,is_premier_account\nCRM-1,Acme,yes\n")

    listed = client.get(pilots, params={"health": "at_risk"}, headers=headers).json()["items"]
    assert [(p["id"], [r["code"] for r in p["health_reasons"]]) for p in listed] == [
        (pilot["id"], ["premier_account"])
    ]


def test_created_records_list_in_the_order_of_the_file(
    team: dict[str, Any], client: TestClient
) -> None:
    editor: Importer = team["editor"]
    names = ["Sales", "Finance", "Audit", "Legal", "Field service", "Billing"]
    editor.upload("departments", "name\n" + "\n".join(names) + "\n")

    listed = client.get(
        f"/api/v1/workspaces/{team['workspace'].id}/departments",
        headers=editor.caller.headers,
    ).json()["items"]

    assert [d["name"] for d in listed] == names


def test_a_nul_character_anywhere_in_the_file_is_refused_naming_its_line(
    team: dict[str, Any], db: Session
) -> None:
    # Far past the first bytes the binary sniff reads, on line 3.
    content = "name,notes\n" + "Nordwind," + "x" * 70_000 + "\nSt. Agnes,ward\x00 four\n"

    response = team["editor"].upload("customers", content)

    assert response.status_code == 422, response.text
    assert response.json()["errors"] == [
        {
            "loc": ["body", "file"],
            "msg": "Line 3 contains a NUL character (U+0000), which no field may hold; remove "
            "it and upload the file again.",
        }
    ]
    assert customers(db, team["workspace"]) == []
