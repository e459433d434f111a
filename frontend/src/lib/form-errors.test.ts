import { describe, expect, it, vi } from "vitest";
import { ApiError } from "./api-error";
import { applyProblem } from "./form-errors";

type Values = { email: string; role: string; expiresOn: string };

describe("applyProblem", () => {
  it("puts field errors next to their fields and focuses the first", () => {
    const setError = vi.fn();
    const error = new ApiError({
      status: 422,
      title: "Invalid request",
      detail: "2 fields are invalid.",
      errors: [
        { loc: ["body", "email"], msg: "No user with this email." },
        { loc: ["body", "expires_at"], msg: "Must be in the future." },
      ],
    });
    const rest = applyProblem<Values>(error, setError, ["email", "expiresOn"], {
      expires_at: "expiresOn",
    });
    expect(rest).toBeNull();
    expect(setError.mock.calls).toEqual([
      ["email", { type: "server", message: "No user with this email." }, { shouldFocus: true }],
      ["expiresOn", { type: "server", message: "Must be in the future." }, { shouldFocus: false }],
    ]);
  });

  it("returns what has no field to show above the form", () => {
    const setError = vi.fn();
    const error = new ApiError({
      status: 422,
      title: "Invalid request",
      errors: [{ loc: ["body", "unknown"], msg: "Not allowed." }],
    });
    expect(applyProblem<Values>(error, setError, ["email"])).toBe("Not allowed.");
    expect(setError).not.toHaveBeenCalled();
  });

  it("uses the detail when the problem names no field, and plain words when offline", () => {
    const setError = vi.fn();
    const conflict = new ApiError({ status: 409, title: "Conflict", detail: "Already a member." });
    expect(applyProblem<Values>(conflict, setError, ["email"])).toBe("Already a member.");
    expect(applyProblem<Values>(new TypeError("Failed to fetch"), setError, ["email"])).toBe(
      "Check your connection and try again.",
    );
  });
});
