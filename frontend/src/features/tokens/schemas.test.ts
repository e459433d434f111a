import { describe, expect, it } from "vitest";
import { todayIso, tokenRequest, tokenSchema } from "./schemas";

const NOW = new Date(2026, 10, 22, 15, 30); // 22 Nov 2026, local time

function errorsOf(input: unknown): Record<string, string> {
  const result = tokenSchema(NOW).safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("tokenSchema", () => {
  it("accepts a name with read access and no expiry", () => {
    expect(errorsOf({ name: "CRM sync", access: "read", expiresOn: "" })).toEqual({});
  });

  it("requires a name", () => {
    expect(errorsOf({ name: "   ", access: "read", expiresOn: "" })).toEqual({
      name: "Name the token after what will use it, like “CRM sync”.",
    });
  });

  it("wants an expiry date after today", () => {
    expect(errorsOf({ name: "x", access: "write", expiresOn: "2026-11-22" })).toEqual({
      expiresOn: "Pick a date after today.",
    });
    expect(errorsOf({ name: "x", access: "write", expiresOn: "2026-11-23" })).toEqual({});
  });

  it("rejects an access level that does not exist", () => {
    expect(Object.keys(errorsOf({ name: "x", access: "admin", expiresOn: "" }))).toEqual([
      "access",
    ]);
  });
});

describe("tokenRequest", () => {
  it("maps access to scopes and the date to the end of that day", () => {
    expect(
      tokenRequest({ name: " CRM sync ", access: "write", expiresOn: "2027-06-30" }, "w1"),
    ).toEqual({
      name: "CRM sync",
      workspace_id: "w1",
      scopes: ["read", "write"],
      expires_at: "2027-06-30T23:59:59Z",
    });
    expect(tokenRequest({ name: "BI", access: "read", expiresOn: "" }, "w1")).toEqual({
      name: "BI",
      workspace_id: "w1",
      scopes: ["read"],
      expires_at: null,
    });
  });
});

describe("todayIso", () => {
  it("formats the local date", () => {
    expect(todayIso(NOW)).toBe("2026-11-22");
  });
});
