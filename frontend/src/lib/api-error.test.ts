import { describe, expect, it } from "vitest";
import { ApiError, describeError } from "./api-error";

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
