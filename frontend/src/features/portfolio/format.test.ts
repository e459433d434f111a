import { describe, expect, it } from "vitest";
import {
  formatCount,
  formatDays,
  formatIsoDate,
  formatMoneyCompact,
  formatPercent,
  formatProgress,
  listNames,
  pilotCount,
} from "./format";

describe("portfolio formatting", () => {
  it("writes ratios as percentages with a space before the sign", () => {
    expect(formatPercent(0.666667, 0, "en-GB")).toBe("67 %");
    expect(formatPercent(0.5, 1, "en-GB")).toBe("50.0 %");
    expect(formatPercent(0, 0, "en-GB")).toBe("0 %");
    expect(formatPercent(null)).toBe("—");
    expect(formatPercent(Number.NaN)).toBe("—");
  });

  it("writes day counts, whole or half, with the right plural", () => {
    expect(formatDays(1, "en-GB")).toBe("1 day");
    expect(formatDays(0, "en-GB")).toBe("0 days");
    expect(formatDays(129.5, "en-GB")).toBe("129.5 days");
    expect(formatDays(null)).toBe("—");
  });

  it("shortens money for chart labels", () => {
    expect(formatMoneyCompact(500_000, "EUR", "en-GB")).toBe("€500k");
    expect(formatMoneyCompact(1_250_000, "GBP", "en-GB")).toBe("£1.3m");
    expect(formatMoneyCompact(750, "EUR", "en-GB")).toBe("€750");
    expect(formatMoneyCompact(2_000, "XYZ1", "en-GB")).toBe("2k XYZ1");
  });

  it("writes calendar dates without shifting them by the time zone", () => {
    expect(formatIsoDate("2026-11-22", "en-GB")).toBe("22 Nov 2026");
    expect(formatIsoDate("not a date")).toBe("not a date");
  });

  it("writes progress towards the target", () => {
    expect(formatProgress(1.108333, "en-GB")).toBe("111 % of target");
    expect(formatProgress(null)).toBe("—");
  });

  it("counts pilots and lists names in words", () => {
    expect(pilotCount(1)).toBe("1 pilot");
    expect(pilotCount(0)).toBe("0 pilots");
    expect(pilotCount(8816, "en-GB")).toBe("8,816 pilots");
    expect(formatCount(10000, "en-GB")).toBe("10,000");
    expect(formatCount(7, "en-GB")).toBe("7");
    expect(listNames([])).toBe("");
    expect(listNames(["Marketing"])).toBe("Marketing");
    expect(listNames(["Marketing", "Finance"])).toBe("Marketing and Finance");
    expect(listNames(["Marketing", "Finance", "IT"])).toBe("Marketing, Finance and IT");
  });
});
