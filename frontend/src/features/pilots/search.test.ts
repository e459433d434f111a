import { describe, expect, it } from "vitest";
import { hasFilters, parsePilotsPageSearch, pilotSearchSchema, toPilotQuery } from "./search";

const OWNER = "0b6c3a52-58a4-4a0e-9a57-7c3f2f0b1a11";
const DEPARTMENT = "5d1f9c0e-2a8b-4c3d-9e7f-1a2b3c4d5e6f";

describe("pilotSearchSchema", () => {
  it("keeps valid filters and sort", () => {
    expect(
      pilotSearchSchema.parse({
        stage: "running",
        health: "stalled",
        risk: "high",
        owner: OWNER,
        q: "  spare parts ",
        sort: "-updated_at",
      }),
    ).toEqual({
      stage: "running",
      health: "stalled",
      risk: "high",
      owner: OWNER,
      q: "spare parts",
      sort: "-updated_at",
    });
  });

  it("drops unknown or malformed values instead of failing the page", () => {
    expect(
      pilotSearchSchema.parse({
        stage: "launched",
        health: 3,
        risk: "extreme",
        owner: "not-a-uuid",
        department: "supply chain",
        sort: "budget",
        extra: "x",
      }),
    ).toEqual({
      stage: undefined,
      health: undefined,
      risk: undefined,
      owner: undefined,
      department: undefined,
      sort: undefined,
    });
  });

  it("accepts an empty search", () => {
    expect(pilotSearchSchema.parse({})).toEqual({});
  });
});

describe("toPilotQuery", () => {
  it("maps URL names to API names and defaults the sort", () => {
    expect(toPilotQuery({ risk: "low", owner: OWNER, department: DEPARTMENT, q: "" })).toEqual({
      stage: undefined,
      health: undefined,
      risk_level: "low",
      owner_id: OWNER,
      department_id: DEPARTMENT,
      q: undefined,
      sort: "-created_at",
    });
  });
});

describe("hasFilters", () => {
  it("is false for sort only and true for any filter", () => {
    expect(hasFilters({ sort: "title" })).toBe(false);
    expect(hasFilters({ health: "at_risk" })).toBe(true);
    expect(hasFilters({ q: "parts" })).toBe(true);
    expect(hasFilters({ department: DEPARTMENT })).toBe(true);
  });
});

describe("parsePilotsPageSearch", () => {
  it("keeps the list's params and how it is shown, drops the rest", () => {
    expect(
      parsePilotsPageSearch({ stage: "running", view: "board", density: "compact", page: 2 }),
    ).toStrictEqual({ stage: "running", view: "board", density: "compact" });
    expect(parsePilotsPageSearch({ view: "grid", density: "dense", q: 42 })).toStrictEqual({});
  });
});
