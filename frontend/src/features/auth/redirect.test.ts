import { describe, expect, it } from "vitest";
import { safeRedirect } from "./redirect";

describe("safeRedirect", () => {
  it.each([
    ["/w/123/settings/members", "/w/123/settings/members"],
    ["/w/1?tab=a#top", "/w/1?tab=a#top"],
    ["/", "/"],
    ["/status", "/status"],
  ])("keeps the same-origin path %j", (value, expected) => {
    expect(safeRedirect(value)).toBe(expected);
  });

  it.each([
    ["https://evil.example/", "absolute URL"],
    ["//evil.example/path", "protocol-relative URL"],
    ["/\\evil.example", "backslash trick"],
    ["/\\/evil.example", "backslash in the path"],
    ["javascript:alert(1)", "other scheme"],
    ["w/123", "relative without a slash"],
    ["/foo\nbar", "control character"],
    ["/login", "the login page itself"],
    ["/login?redirect=/x", "the login page with a redirect"],
    ["", "empty"],
  ])("rejects %j (%s)", (value) => {
    expect(safeRedirect(value)).toBeNull();
  });

  it("rejects anything that is not a string", () => {
    expect(safeRedirect(undefined)).toBeNull();
    expect(safeRedirect(["/x"])).toBeNull();
    expect(safeRedirect(42)).toBeNull();
  });
});
