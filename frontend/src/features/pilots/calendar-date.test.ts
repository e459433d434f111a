import { describe, expect, it } from "vitest";
import { daysSince, formatCalendarDate, formatDaysAgo } from "./calendar-date";

// Late in the evening, local time: a calendar date must not slip by a day in any time zone.
const TODAY = new Date(2026, 0, 15, 23, 30);

describe("daysSince", () => {
  it.each([
    ["2026-01-15", 0],
    ["2026-01-14", 1],
    ["2025-12-16", 30],
    ["2025-01-15", 365],
    ["2026-01-20", -5],
  ])("counts whole calendar days from %s", (day, days) => {
    expect(daysSince(day, TODAY)).toBe(days);
  });

  it("counts across a daylight-saving change as whole days", () => {
    expect(daysSince("2026-03-01", new Date(2026, 3, 1, 0, 15))).toBe(31);
  });

  it("refuses what is not a calendar date", () => {
    expect(() => daysSince("2026-01-15T10:00:00Z", TODAY)).toThrow(RangeError);
  });
});

describe("formatDaysAgo", () => {
  it.each([
    ["2026-01-15", "today"],
    ["2026-01-14", "yesterday"],
    ["2026-01-03", "12 days ago"],
    ["2025-12-01", "45 days ago"],
    ["2025-11-17", "59 days ago"],
    ["2025-11-16", "2 months ago"],
    ["2025-03-01", "11 months ago"],
    ["2025-01-16", "12 months ago"],
    ["2025-01-15", "last year"],
    ["2024-07-01", "2 years ago"],
    ["2023-01-15", "3 years ago"],
    ["2026-03-20", "in 2 months"],
    ["2026-01-16", "tomorrow"],
    ["2026-01-18", "in 3 days"],
  ])("shows %s as %j", (day, text) => {
    expect(formatDaysAgo(day, TODAY, "en")).toBe(text);
  });
});

describe("formatCalendarDate", () => {
  it("shows the day itself, whatever the time zone", () => {
    expect(formatCalendarDate("2026-01-05", "en-US")).toBe("Jan 5, 2026");
    expect(formatCalendarDate("2025-12-31", "en-GB")).toBe("31 Dec 2025");
  });
});
