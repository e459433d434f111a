import { describe, expect, it } from "vitest";
import type { Member } from "@/features/members/queries";
import { owners } from "./edit-pilot-dialog";

const member = (user_id: string, role: Member["role"], is_active = true) =>
  ({ user_id, name: user_id, email: `${user_id}@x.test`, role, is_active }) as Member;

const MEMBERS = [
  member("ada", "admin"),
  member("erin", "editor"),
  member("eve", "executive"),
  member("vic", "viewer"),
  member("gone", "editor", false),
];

describe("owners", () => {
  it("lists only the active members who can edit a pilot", () => {
    expect(owners(MEMBERS, "erin").map((m) => m.user_id)).toEqual(["ada", "erin"]);
  });

  it("keeps the current owner listed whatever their role now", () => {
    expect(owners(MEMBERS, "vic").map((m) => m.user_id)).toEqual(["ada", "erin", "vic"]);
    expect(owners(MEMBERS, "gone").map((m) => m.user_id)).toEqual(["ada", "erin", "gone"]);
  });
});
