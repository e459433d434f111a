import type { Middleware } from "openapi-fetch";
import { ApiError } from "./api-error";

export const CSRF_COOKIE = "pilotboard_csrf";
export const CSRF_HEADER = "X-CSRF-Token";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE"]);

/** The value of one cookie from a `document.cookie`-style string, or null. */
export function readCookie(name: string, cookies: string): string | null {
  for (const part of cookies.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      const raw = part.slice(eq + 1).trim();
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    }
  }
  return null;
}

/**
 * Sends the session's CSRF token on every unsafe request. The cookie is read per request, so a
 * new sign-in (new token) is picked up without reloading.
 */
export function csrfMiddleware(readCookies: () => string = () => document.cookie): Middleware {
  return {
    onRequest({ request }) {
      if (SAFE_METHODS.has(request.method.toUpperCase())) return undefined;
      const token = readCookie(CSRF_COOKIE, readCookies());
      if (token && !request.headers.has(CSRF_HEADER)) request.headers.set(CSRF_HEADER, token);
      return request;
    },
  };
}

/** Requests whose 401 is an answer, not an expired session: signing in and probing who I am. */
const AUTH_PROBES = ["/api/v1/auth/login", "/api/v1/auth/me"];

/** Calls `onUnauthorized` when any other request answers 401 (the session ended). */
export function unauthorizedMiddleware(onUnauthorized: () => void): Middleware {
  return {
    onResponse({ request, response }) {
      if (response.status !== 401) return undefined;
      const path = new URL(request.url, "http://localhost").pathname;
      if (!AUTH_PROBES.includes(path)) onUnauthorized();
      return undefined;
    },
  };
}

/** What an openapi-fetch call resolves with. */
export type FetchResult<T> = { data?: T; error?: unknown; response: Response };

/** The data of a successful openapi-fetch call; throws an ApiError built from the problem. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw ApiError.fromResponse(response, error);
  return data as T;
}

/** Fetches every page of a cursor-paginated list. */
export async function fetchAllPages<T>(
  fetchPage: (cursor: string | null) => Promise<{ items: T[]; next_cursor: string | null }>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  // A hard stop guards against a server that keeps returning the same cursor.
  for (let page = 0; page < 100; page++) {
    const result = await fetchPage(cursor);
    items.push(...result.items);
    if (!result.next_cursor || result.next_cursor === cursor) break;
    cursor = result.next_cursor;
  }
  return items;
}
