import { describe, expect, it } from "vitest";
import { silenceOf } from "./silence";

const finance = {
  status: "engaged" as const,
  last_check_in_on: "2026-11-01",
  silent_days: 34,
  contact_email: "cfo@example.com",
};

describe("silenceOf", () => {
  it("calls an engaged department silent only past the workspace's limit", () => {
    expect(silenceOf(finance, 30)).toEqual({
      summary: "Last check-in 34 days ago",
      over: true,
      badge: "Silent for 34 days",
    });
    expect(silenceOf({ ...finance, silent_days: 30 }, 30)).toEqual({
      summary: "Last check-in 30 days ago",
      over: false,
      badge: null,
    });
    expect(silenceOf({ ...finance, silent_days: 0 }, 30).summary).toBe("Checked in today");
  });

  it("counts from the first request when it never answered", () => {
    expect(silenceOf({ ...finance, last_check_in_on: null, silent_days: 0 }, 30).summary).toBe(
      "Asked today, no check-in yet",
    );
    expect(silenceOf({ ...finance, last_check_in_on: null, silent_days: 1 }, 30)).toEqual({
      summary: "Asked 1 day ago, no check-in yet",
      over: false,
      badge: null,
    });
  });

  it("never calls invited or declined departments silent", () => {
    expect(silenceOf({ ...finance, status: "invited" }, 30).over).toBe(false);
    expect(silenceOf({ ...finance, status: "declined", silent_days: 300 }, 30).badge).toBeNull();
  });

  it("says how to start when it was never asked", () => {
    expect(silenceOf({ ...finance, silent_days: null, last_check_in_on: null }, 30).summary).toBe(
      "Not asked to check in yet",
    );
    expect(
      silenceOf({ ...finance, silent_days: null, last_check_in_on: null, contact_email: null }, 30)
        .summary,
    ).toBe("No check-ins yet: add a contact email to ask by email, or record one");
  });
});
