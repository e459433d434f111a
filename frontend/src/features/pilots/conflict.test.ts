import { describe, expect, it } from "vitest";
import { diffObjects } from "./conflict";

describe("diffObjects", () => {
  const mine = {
    id: "p1",
    title: "Same-day parts",
    hypothesis: "Less downtime",
    sponsor_id: null,
    budget: 1000,
    updated_at: "2026-11-01T10:00:00Z",
    days_in_stage: 3,
    health: "on_track",
  };

  it("lists only the fields someone else changed, with names for ids", () => {
    const current = {
      ...mine,
      title: "Same-day spare parts",
      sponsor_id: "u2",
      budget: 1500,
      updated_at: "2026-11-02T10:00:00Z",
      days_in_stage: 4,
      health: "at_risk",
    };
    expect(diffObjects(mine, current, { u2: "Eve Exec" })).toEqual([
      { field: "title", label: "Title", mine: "Same-day parts", theirs: "Same-day spare parts" },
      { field: "sponsor_id", label: "Executive sponsor", mine: "(empty)", theirs: "Eve Exec" },
      { field: "budget", label: "Budget", mine: "1,000", theirs: "1,500" },
    ]);
  });

  it("is empty when only clock-driven fields moved", () => {
    expect(diffObjects(mine, { ...mine, updated_at: "2026-12-01T00:00:00Z" })).toEqual([]);
  });

  it("never lists the version (etag) a list item carries", () => {
    expect(diffObjects({ ...mine, etag: '"a"' }, { ...mine, etag: '"b"' })).toEqual([]);
  });
});
