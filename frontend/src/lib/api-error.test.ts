import { describe, expect, it } from "vitest";
import { ApiError, describeError, isStale, pilotsInUse } from "./api-error";

describe("ApiError.fromResponse", () => {
  it("reads an RFC 9457 problem", () => {
    const error = ApiError.fromResponse(new Response(null, { status: 409 }), {
      type: "https://pilotboard.dev/problems/conflict",
      title: "Conflict",
      status: 409,
      detail: "A pilot with this name already exists.",
    });
    expect(error.status).toBe(409);
    expect(error.title).toBe("Conflict");
    expect(error.detail).toBe("A pilot with this name already exists.");
    expect(error.type).toBe("https://pilotboard.dev/problems/conflict");
    expect(error.message).toBe("A pilot with this name already exists.");
  });

  it("falls back to the status when the body is not a problem", () => {
    const error = ApiError.fromResponse(new Response(null, { status: 502 }), "Bad gateway");
    expect(error.title).toBe("Request failed with status 502");
    expect(error.detail).toBeNull();
    expect(error.type).toBe("about:blank");
    expect(error.errors).toEqual([]);
    expect(error.unmet).toEqual([]);
    expect(error.current).toBeNull();
    expect(error.pilots).toEqual([]);
    expect(error.body).toEqual({});
  });

  it("reads the field errors of a validation problem and the wait of a 429", () => {
    const invalid = ApiError.fromResponse(new Response(null, { status: 422 }), {
      type: "https://pilotboard.dev/problems/validation",
      title: "Invalid request",
      errors: [{ loc: ["body", "email"], msg: "Not an email." }, { field: "name" }],
    });
    expect(invalid.errors).toEqual([{ loc: ["body", "email"], msg: "Not an email." }]);
    const limited = ApiError.fromResponse(
      new Response(null, { status: 429, headers: { "Retry-After": "30" } }),
      { title: "Too many attempts" },
    );
    expect(limited.retryAfter).toBe(30);
  });

  it("reads the unmet gate criteria of a refused stage change", () => {
    const unmet = [{ code: "sponsor", message: "An executive sponsor is named." }];
    const error = ApiError.fromResponse(new Response(null, { status: 409 }), {
      type: "https://pilotboard.dev/problems/gate-not-met",
      title: "Gate not met",
      unmet,
    });
    expect(error.type).toBe("https://pilotboard.dev/problems/gate-not-met");
    expect(error.unmet).toEqual(unmet);
    expect(isStale(error)).toBe(false);
  });

  it("keeps the server's copy of an object changed since it was read", () => {
    const body = { title: "Precondition failed", status: 412, current: { id: "m1", name: "Now" } };
    const error = ApiError.fromResponse(new Response(null, { status: 412 }), body);
    expect(isStale(error)).toBe(true);
    expect(error.current).toEqual({ id: "m1", name: "Now" });
    expect(error.body).toEqual(body);
    expect(pilotsInUse(error)).toBeNull();
  });

  it("names the pilots that still use an object, skipping malformed entries", () => {
    const error = ApiError.fromResponse(new Response(null, { status: 409 }), {
      title: "In use",
      pilots: [{ id: "p1", title: "Remote diagnostics" }, { id: 3 }],
    });
    expect(pilotsInUse(error)).toEqual([{ id: "p1", title: "Remote diagnostics" }]);
    expect(pilotsInUse(new ApiError({ status: 409, title: "Conflict" }))).toEqual([]);
    expect(pilotsInUse(new TypeError("Failed to fetch"))).toBeNull();
  });
});

describe("describeError", () => {
  it("uses the detail of an API error", () => {
    const error = new ApiError({
      status: 503,
      title: "Service Unavailable",
      detail: "Database down.",
    });
    expect(describeError(error)).toEqual({
      title: "Service Unavailable",
      detail: "Database down.",
      status: 503,
    });
  });

  it("treats anything else as the server being unreachable", () => {
    expect(describeError(new TypeError("Failed to fetch"))).toEqual({
      title: "Could not reach the server",
      detail: "Check your connection and try again.",
      status: null,
    });
  });
});
