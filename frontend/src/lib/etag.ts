import { ApiError } from "./api-error";

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

/** An object read together with the ETag to send back as `If-Match` when changing it. */
export type Versioned<T> = { data: T; etag: string | null };

/**
 * An API problem that keeps the whole body, so callers can read the extra members some problems
 * carry: `pilots` on a 409 "in use", `current` on a 412 "changed since you read it".
 */
export class ProblemError extends ApiError {
  readonly body: Record<string, unknown>;

  constructor(base: ApiError, body: unknown) {
    super({
      status: base.status,
      title: base.title,
      detail: base.detail,
      type: base.type,
      errors: base.errors,
      retryAfter: base.retryAfter,
    });
    this.name = "ProblemError";
    this.body = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
  }
}

/** Like `unwrap`, but returns the ETag too and throws a ProblemError that keeps the body. */
export async function unwrapVersioned<T>(call: Promise<FetchResult<T>>): Promise<Versioned<T>> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ProblemError(ApiError.fromResponse(response, error), error);
  return { data: data as T, etag: response.headers.get("ETag") };
}

/** `If-Match` header params for a write, or nothing when the ETag is unknown. */
export function ifMatch(etag: string | null | undefined): { "If-Match"?: string } {
  return etag ? { "If-Match": etag } : {};
}

export type PilotRef = { id: string; title: string };

/** The pilots a 409 "in use" names (possibly none), or null when the error is something else. */
export function pilotsInUse(error: unknown): PilotRef[] | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const raw = error instanceof ProblemError ? error.body.pilots : undefined;
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (p): p is PilotRef =>
      typeof p === "object" &&
      p !== null &&
      typeof p.id === "string" &&
      typeof p.title === "string",
  );
}

/** True when a write was refused because the object changed since it was read (412). */
export function isStale(error: unknown): boolean {
  return error instanceof ApiError && error.status === 412;
}
