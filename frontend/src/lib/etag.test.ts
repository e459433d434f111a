import { describe, expect, it } from "vitest";
import { ApiError, isStale, pilotsInUse } from "./api-error";
import { ifMatch, unwrapVersioned } from "./etag";

function result(status: number, body: unknown, headers: Record<string, string> = {}) {
  const response = new Response(JSON.stringify(body), { status, headers });
  return status < 400
    ? { data: body, error: undefined, response }
    : { data: undefined, error: body, response };
}

describe("unwrapVersioned", () => {
  it("returns the data with its ETag", async () => {
    await expect(
      unwrapVersioned(Promise.resolve(result(200, { id: "d1" }, { ETag: '"abc"' }))),
    ).resolves.toEqual({ data: { id: "d1" }, etag: '"abc"' });
  });

  it("keeps the pilots a 409 names", async () => {
    const problem = {
      type: "https://pilotboard.dev/problems/conflict",
      title: "Conflict",
      status: 409,
      detail: "This department is involved in the pilot “Remote diagnostics”; remove it first.",
      pilots: [{ id: "p1", title: "Remote diagnostics" }, { id: 3 }],
    };
    const error = await unwrapVersioned(Promise.resolve(result(409, problem))).catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.detail).toBe(problem.detail);
    expect(error.body).toEqual(problem);
    expect(pilotsInUse(error)).toEqual([{ id: "p1", title: "Remote diagnostics" }]);
    expect(isStale(error)).toBe(false);
  });

  it("recognises a stale write and keeps the server's copy", async () => {
    const error = await unwrapVersioned(
      Promise.resolve(
        result(412, { title: "Precondition failed", status: 412, current: { id: "d1" } }),
      ),
    ).catch((e) => e);
    expect(isStale(error)).toBe(true);
    expect(error.current).toEqual({ id: "d1" });
    expect(pilotsInUse(error)).toBeNull();
  });
});

describe("ifMatch", () => {
  it("sends the ETag only when there is one", () => {
    expect(ifMatch('"abc"')).toEqual({ "If-Match": '"abc"' });
    expect(ifMatch(null)).toEqual({});
  });
});
