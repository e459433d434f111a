import { describe, expect, it } from "vitest";
import {
  addDays,
  asOfForPick,
  compactSearch,
  daysBetween,
  hasFilters,
  isIsoDate,
  parsePortfolioSearch,
  portfolioCsvHref,
  todayIso,
  toPortfolioQuery,
  withoutFilters,
} from "./search";

const OWNER = "0b6c3a52-58a4-4a0e-9a57-7c3f2f0b1a11";
const DEPARTMENT = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";

describe("parsePortfolioSearch", () => {
  it("keeps valid filters, the date and the chart choice", () => {
    expect(
      parsePortfolioSearch({
        stage: "scale_review",
        health: "stalled",
        risk: "high",
        department: DEPARTMENT,
        owner: OWNER,
        q: "  spare parts ",
        as_of: "2027-02-20",
        y: "lift",
      }),
    ).toEqual({
      stage: "scale_review",
      health: "stalled",
      risk: "high",
      department: DEPARTMENT,
      owner: OWNER,
      q: "spare parts",
      as_of: "2027-02-20",
      y: "lift",
    });
  });

  it("drops unknown or malformed values instead of failing the page", () => {
    expect(
      parsePortfolioSearch({
        stage: "launched",
        health: 3,
        risk: "extreme",
        department: "sales",
        owner: "not-a-uuid",
        as_of: "2027-02-30",
        y: "budget",
        extra: "x",
      }),
    ).toEqual({
      stage: undefined,
      health: undefined,
      risk: undefined,
      department: undefined,
      owner: undefined,
      q: undefined,
      as_of: undefined,
      y: undefined,
    });
  });
});

describe("isIsoDate", () => {
  it.each([
    ["2026-11-22", true],
    ["2028-02-29", true],
    ["2027-02-29", false],
    ["2026-13-01", false],
    ["22/11/2026", false],
    ["2026-11-2", false],
    ["", false],
  ])("%j → %j", (value, valid) => {
    expect(isIsoDate(value)).toBe(valid);
  });
});

describe("the API query and the CSV link", () => {
  const search = {
    stage: "running" as const,
    risk: "low" as const,
    department: DEPARTMENT,
    q: "tote & kit",
    as_of: "2026-12-22",
    y: "lift" as const,
  };

  it("renames the filters to the API's names and leaves out the view-only choice", () => {
    expect(toPortfolioQuery(search)).toEqual({
      stage: "running",
      risk_level: "low",
      department_id: DEPARTMENT,
      q: "tote & kit",
      as_of: "2026-12-22",
    });
    expect(toPortfolioQuery({})).toEqual({});
  });

  it("links the CSV of exactly the same view, encoded", () => {
    expect(portfolioCsvHref("ws-1", search)).toBe(
      `/api/v1/workspaces/ws-1/portfolio?format=csv&stage=running&risk_level=low&department_id=${DEPARTMENT}&q=tote+%26+kit&as_of=2026-12-22`,
    );
    expect(portfolioCsvHref("ws 2", {})).toBe("/api/v1/workspaces/ws%202/portfolio?format=csv");
    expect(portfolioCsvHref("ws-1", { stage: "running" }, { labels: true })).toBe(
      "/api/v1/workspaces/ws-1/portfolio?format=csv&stage=running&labels=true",
    );
  });
});

describe("filters in the URL", () => {
  it("counts only filters, not the date or the chart choice", () => {
    expect(hasFilters({})).toBe(false);
    expect(hasFilters({ as_of: "2026-12-22", y: "lift" })).toBe(false);
    expect(hasFilters({ q: "kit" })).toBe(true);
    expect(hasFilters({ department: DEPARTMENT })).toBe(true);
  });

  it("clears the filters but keeps the date and the chart choice", () => {
    expect(
      withoutFilters({
        stage: "running",
        health: "stalled",
        owner: OWNER,
        as_of: "2026-12-22",
        y: "lift",
      }),
    ).toEqual({ as_of: "2026-12-22", y: "lift" });
  });

  it("leaves empty values out of the URL", () => {
    expect(compactSearch({ stage: undefined, q: "", as_of: "2026-12-22" })).toEqual({
      as_of: "2026-12-22",
    });
  });
});

describe("dates", () => {
  it("counts today in UTC, as the API does", () => {
    expect(todayIso(new Date("2026-11-22T23:30:00-05:00"))).toBe("2026-11-23");
  });

  it("moves by calendar days across months, years and leap days", () => {
    expect(addDays("2026-11-22", 30)).toBe("2026-12-22");
    expect(addDays("2026-11-22", 90)).toBe("2027-02-20");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(daysBetween("2026-11-22", "2027-02-20")).toBe(90);
    expect(daysBetween("2026-11-22", "2026-11-02")).toBe(-20);
  });

  it("turns the quick picks into as_of values (today is none)", () => {
    expect(asOfForPick(0, "2026-11-22")).toBeUndefined();
    expect(asOfForPick(60, "2026-11-22")).toBe("2027-01-21");
  });
});
