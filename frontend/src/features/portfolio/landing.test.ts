import { describe, expect, it } from "vitest";
import { landingPath } from "./landing";

describe("landingPath", () => {
  it.each([
    ["executive", "/w/$workspaceId/portfolio"],
    ["viewer", "/w/$workspaceId/portfolio"],
    ["editor", "/w/$workspaceId/pilots"],
    ["admin", "/w/$workspaceId/pilots"],
    [null, "/w/$workspaceId/pilots"],
  ] as const)("sends %s to %s", (role, path) => {
    expect(landingPath(role)).toBe(path);
  });
});
