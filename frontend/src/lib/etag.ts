import type { FetchResult } from "./api";
import { ApiError } from "./api-error";

/** An object read together with the ETag to send back as `If-Match` when changing it. */
export type Versioned<T> = { data: T; etag: string | null };

/** Like `unwrap`, but returns the ETag too. */
export async function unwrapVersioned<T>(call: Promise<FetchResult<T>>): Promise<Versioned<T>> {
  const { data, error, response } = await call;
  if (!response.ok) throw ApiError.fromResponse(response, error);
  return { data: data as T, etag: response.headers.get("ETag") };
}

/** `If-Match` header params for a write, or nothing when the ETag is unknown. */
export function ifMatch(etag: string | null | undefined): { "If-Match"?: string } {
  return etag ? { "If-Match": etag } : {};
}
