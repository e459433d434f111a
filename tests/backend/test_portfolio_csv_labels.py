"""`GET …/portfolio?format=csv&labels=true`: the same rows for people (the app's words and
percentages), while the default CSV for machines stays as it was. Uses the nine-pilot fixture of
``test_portfolio`` (today is 2026-01-15)."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from sqlmodel import Session

from pilotboard.portfolio import export
from tests.backend.test_portfolio import ALPHA_REASON, HOTEL, parse_csv, world

__all__ = ["world"]  # the fixture, imported for pytest


def test_labels_give_words_and_percentages(world: dict[str, Any]) -> None:
    response = world["api"]["viewer"].get(format="csv", labels="true")

    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == (
        'attachment; filename="pilotboard-portfolio-acme-corp-2026-01-15.csv"'
    )
    rows = parse_csv(response)
    assert rows[0] == [
        "Title", "Stage", "Health", "Reasons", "Risk", "Customer", "Owner", "Sponsor",
        "Departments", "Revenue at stake (EUR)", "Revenue lift", "Progress", "Days in stage",
        "Last iteration", "Criteria changed",
    ]  # fmt: skip
    by_title = {r[0]: r for r in rows[1:]}
    assert [r[0] for r in rows[1:]] == [
        "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", HOTEL, "India",
    ]  # fmt: skip
    assert by_title["Alpha"] == [
        "Alpha", "Running", "Stalled", ALPHA_REASON["message"], "Low", "St. Agnes Hospital",
        "Eddie Editor", "Xena Executive", "Finance (Engaged); Sales (Champion)", "100000",
        "+30.0 %", "55.0 %", "75", "2025-11-20", "No",
    ]  # fmt: skip
    assert by_title["Bravo"][1:3] == ["Scale review", "Stalled"]
    assert by_title["Charlie"][1:3] == ["Selecting", "At risk"]
    assert by_title["Charlie"][4] == ""  # no risk until the customer is chosen
    # A closed pilot shows its outcome, never "On track".
    assert by_title["Echo"][1:3] == ["Adopted", "Adopted"]
    assert by_title["Foxtrot"][1:3] == ["Stopped", "Stopped"]
    assert by_title["Foxtrot"][8] == "Quality (Declined); Sales (Declined)"
    # A negative lift is a number to a spreadsheet, not a formula: no apostrophe.
    assert by_title["Foxtrot"][10:12] == ["-10.0 %", "-40.0 %"]
    assert by_title["Golf"][1:3] == ["Paused", "On track"]
    assert by_title["Golf"][10:12] == ["", "50.0 %"]
    assert by_title[HOTEL][1:3] == ["Proposed", "On track"]
    assert by_title[HOTEL][10:12] == ["", ""]


def test_the_machine_csv_is_unchanged(world: dict[str, Any]) -> None:
    api = world["api"]["editor"]
    default = api.get(format="csv")
    explicit = api.get(format="csv", labels="false")

    assert default.content == explicit.content
    rows = parse_csv(default)
    assert rows[0][9] == "Revenue at stake"
    alpha = next(r for r in rows if r[0] == "Alpha")
    assert alpha[1:3] == ["running", "stalled"]
    assert alpha[10:12] == ["0.3", "0.55"]


def test_labels_keep_filters_as_of_the_currency_and_the_formula_guard(
    world: dict[str, Any], db: Session
) -> None:
    ws = world["ws"]
    ws.currency = "USD"
    hotel = world["pilots"][HOTEL]
    hotel.title = "=1+1"
    db.add_all([ws, hotel])
    db.commit()

    api = world["api"]["editor"]
    rows = parse_csv(api.get(format="csv", labels="true", health="stalled", as_of="2026-02-17"))
    assert rows[0][9] == "Revenue at stake (USD)"
    assert [(r[0], r[2], r[12]) for r in rows[1:]] == [
        ("Alpha", "Stalled", "108"),
        ("Bravo", "Stalled", "78"),
        ("India", "Stalled", "47"),
    ]
    everything = parse_csv(api.get(format="csv", labels="true"))
    assert "'=1+1" in [r[0] for r in everything]


def test_labels_are_ignored_for_json(world: dict[str, Any]) -> None:
    api = world["api"]["viewer"]
    assert api.json(labels="true") == api.json()


def test_bad_labels_value_is_named(world: dict[str, Any]) -> None:
    response = world["api"]["viewer"].get(format="csv", labels="sometimes")
    assert response.status_code == 422
    assert any(e["loc"][-1] == "labels" for e in response.json()["errors"])


def test_openapi_documents_labels(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"][
        "/api/v1/workspaces/{workspace_id}/portfolio"
    ]["get"]
    labels = next(p for p in operation["parameters"] if p["name"] == "labels")
    assert labels["in"] == "query"
    assert labels["schema"]["default"] is False
    assert "labels=true" in operation["description"]
    assert "Scale review" in operation["description"]


def test_percent_cell() -> None:
    assert export.percent_cell(None) == ""
    assert export.percent_cell(0.116667) == "11.7 %"
    assert export.percent_cell(0.35, signed=True) == "+35.0 %"
    assert export.percent_cell(-0.1, signed=True) == "-10.0 %"
    assert export.percent_cell(-0.0001, signed=True) == "0.0 %"
    assert export.percent_cell(1.108333) == "110.8 %"
