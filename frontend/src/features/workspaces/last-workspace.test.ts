import { describe, expect, it } from "vitest";
import { landingWorkspace, readLastWorkspace, rememberWorkspace } from "./last-workspace";

const memberships = [
  { workspace_id: "a", workspace_name: "Alpha", role: "admin" as const },
  { workspace_id: "b", workspace_name: "Beta", role: "viewer" as const },
];

describe("landingWorkspace", () => {
  it("prefers the last workspace used while still a member", () => {
    expect(landingWorkspace(memberships, "b")).toBe("b");
  });

  it("falls back to the first workspace, or none", () => {
    expect(landingWorkspace(memberships, "gone")).toBe("a");
    expect(landingWorkspace(memberships, null)).toBe("a");
    expect(landingWorkspace([], "a")).toBeNull();
  });
});

describe("rememberWorkspace", () => {
  it("keeps the last workspace in localStorage", () => {
    expect(readLastWorkspace()).toBeNull();
    rememberWorkspace("b");
    expect(readLastWorkspace()).toBe("b");
  });
});
