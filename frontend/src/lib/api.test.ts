import createClient from "openapi-fetch";
import { describe, expect, it, vi } from "vitest";
import type { paths } from "@/client";
import { csrfMiddleware, fetchAllPages, readCookie, unauthorizedMiddleware, unwrap } from "./api";
import { ApiError } from "./api-error";

function testClient(status = 200, body: unknown = {}) {
  const fetch = vi.fn(
    async (_request: Request) =>
      new Response(status === 204 ? null : JSON.stringify(body), {
        status,
        headers: { "Content-Type": status < 400 ? "application/json" : "application/problem+json" },
      }),
  );
  const client = createClient<paths>({ baseUrl: "http://localhost", fetch });
  const sent = () => fetch.mock.calls.at(-1)?.[0] as Request;
  return { client, fetch, sent };
}

describe("readCookie", () => {
  it("finds a cookie among others and decodes it", () => {
    expect(readCookie("pilotboard_csrf", "a=1; pilotboard_csrf=abc%3D%3D; b=2")).toBe("abc==");
    expect(readCookie("b", "a=1; b=2")).toBe("2");
  });

  it("is null when missing, and does not match on a prefix", () => {
    expect(readCookie("pilotboard_csrf", "")).toBeNull();
    expect(readCookie("csrf", "pilotboard_csrf=abc")).toBeNull();
  });
});

describe("csrfMiddleware", () => {
  it("adds X-CSRF-Token from the cookie to POST, PATCH and DELETE", async () => {
    const { client, sent } = testClient(201, {});
    client.use(csrfMiddleware(() => "theme=dark; pilotboard_csrf=tok-123"));

    await client.POST("/api/v1/workspaces", { body: { name: "Acme", currency: "EUR" } });
    expect(sent().method).toBe("POST");
    expect(sent().headers.get("X-CSRF-Token")).toBe("tok-123");

    await client.PATCH("/api/v1/workspaces/{workspace_id}/members/{user_id}", {
      params: { path: { workspace_id: "w", user_id: "u" } },
      body: { role: "viewer" },
    });
    expect(sent().headers.get("X-CSRF-Token")).toBe("tok-123");

    await client.DELETE("/api/v1/tokens/{token_id}", { params: { path: { token_id: "t" } } });
    expect(sent().headers.get("X-CSRF-Token")).toBe("tok-123");
  });

  it("reads the cookie on every request (a new sign-in brings a new token)", async () => {
    let cookies = "pilotboard_csrf=first";
    const { client, sent } = testClient(204);
    client.use(csrfMiddleware(() => cookies));

    await client.POST("/api/v1/auth/logout");
    expect(sent().headers.get("X-CSRF-Token")).toBe("first");
    cookies = "pilotboard_csrf=second";
    await client.POST("/api/v1/auth/logout");
    expect(sent().headers.get("X-CSRF-Token")).toBe("second");
  });

  it("leaves GET alone, and sends nothing without the cookie", async () => {
    const { client, sent } = testClient(200, { items: [], next_cursor: null });
    client.use(csrfMiddleware(() => "pilotboard_csrf=tok"));
    await client.GET("/api/v1/workspaces");
    expect(sent().headers.has("X-CSRF-Token")).toBe(false);

    const other = testClient(201, {});
    other.client.use(csrfMiddleware(() => ""));
    await other.client.POST("/api/v1/auth/logout");
    expect(other.sent().headers.has("X-CSRF-Token")).toBe(false);
  });
});

describe("unauthorizedMiddleware", () => {
  it("reports a 401 from an ordinary request", async () => {
    const onUnauthorized = vi.fn();
    const { client } = testClient(401, { status: 401, title: "Unauthorized", detail: "Sign in." });
    client.use(unauthorizedMiddleware(onUnauthorized));
    await client.GET("/api/v1/workspaces");
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it("ignores 401 from signing in and from probing /auth/me, and other statuses", async () => {
    const onUnauthorized = vi.fn();
    const unauthorized = testClient(401, { status: 401, title: "Unauthorized", detail: "No." });
    unauthorized.client.use(unauthorizedMiddleware(onUnauthorized));
    await unauthorized.client.POST("/api/v1/auth/login", {
      body: { email: "a@b.c", password: "x" },
    });
    await unauthorized.client.GET("/api/v1/auth/me");

    const forbidden = testClient(403, { status: 403, title: "Forbidden", detail: "No." });
    forbidden.client.use(unauthorizedMiddleware(onUnauthorized));
    await forbidden.client.GET("/api/v1/workspaces");

    expect(onUnauthorized).not.toHaveBeenCalled();
  });
});

describe("unwrap", () => {
  it("returns the data of a success, and undefined for 204", async () => {
    const ok = testClient(200, { items: [], next_cursor: null });
    await expect(unwrap(ok.client.GET("/api/v1/workspaces"))).resolves.toEqual({
      items: [],
      next_cursor: null,
    });
    const empty = testClient(204);
    empty.fetch.mockResolvedValue(new Response(null, { status: 204 }));
    await expect(unwrap(empty.client.POST("/api/v1/auth/logout"))).resolves.toBeUndefined();
  });

  it("throws an ApiError with the problem's detail and field errors", async () => {
    const { client } = testClient(422, {
      type: "https://pilotboard.dev/problems/validation",
      title: "Invalid request",
      status: 422,
      detail: "One field is invalid.",
      errors: [{ loc: ["body", "email"], msg: "No user with this email." }],
    });
    const error = await unwrap(
      client.POST("/api/v1/workspaces/{workspace_id}/members", {
        params: { path: { workspace_id: "w" } },
        body: { email: "x@y.z", role: "viewer" },
      }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(422);
    expect((error as ApiError).errors).toEqual([
      { loc: ["body", "email"], msg: "No user with this email." },
    ]);
  });
});

describe("fetchAllPages", () => {
  it("follows next_cursor until the last page", async () => {
    const pages: Record<string, { items: number[]; next_cursor: string | null }> = {
      start: { items: [1, 2], next_cursor: "b" },
      b: { items: [3], next_cursor: "c" },
      c: { items: [4], next_cursor: null },
    };
    const fetchPage = vi.fn(
      async (cursor: string | null) => pages[cursor ?? "start"] ?? { items: [], next_cursor: null },
    );
    await expect(fetchAllPages(fetchPage)).resolves.toEqual([1, 2, 3, 4]);
    expect(fetchPage.mock.calls.map((c) => c[0])).toEqual([null, "b", "c"]);
  });
});
