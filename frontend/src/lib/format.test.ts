import { describe, expect, it } from "vitest";
import { formatRelative, initials } from "./format";

const NOW = new Date("2026-11-22T12:00:00Z");

describe("formatRelative", () => {
  it.each([
    ["2026-11-22T11:59:30Z", "just now"],
    ["2026-11-22T11:55:00Z", "5 minutes ago"],
    ["2026-11-21T12:00:00Z", "yesterday"],
    ["2026-11-10T12:00:00Z", "last week"],
    ["2026-11-29T12:00:00Z", "next week"],
    ["2025-11-01T12:00:00Z", "last year"],
  ])("describes %s as %j", (value, expected) => {
    expect(formatRelative(value, NOW, "en")).toBe(expected);
  });
});

describe("initials", () => {
  it("takes the first and last initial", () => {
    expect(initials("Ada Admin")).toBe("AA");
    expect(initials("ada lovelace byron")).toBe("AB");
    expect(initials("Vic")).toBe("V");
    expect(initials("  ")).toBe("?");
  });
});
