import type { Schemas } from "@/client";

export type FieldProblem = { loc: (string | number)[]; msg: string };
export type GateItem = Schemas["GateItem"];
export type PilotRef = { id: string; title: string };

/**
 * An RFC 9457 problem returned by the API, or a failure to reach it at all. Besides the standard
 * members it reads the extras some problems carry: field errors (422), the unmet gate criteria
 * (409), the pilots that use an object (409 "in use"), the current object (412 "changed since you
 * read it"); `body` keeps the whole problem for anything else (e.g. an import's row errors).
 */
export class ApiError extends Error {
  readonly status: number | null;
  readonly title: string;
  readonly detail: string | null;
  readonly type: string;
  /** Validation errors, one per field at fault (`loc` like `["body", "email"]`). */
  readonly errors: FieldProblem[];
  /** Seconds to wait before trying again (429), from the `Retry-After` header. */
  readonly retryAfter: number | null;
  /** The gate criteria still unmet when a stage change was refused (409). */
  readonly unmet: GateItem[];
  /** The object as the server has it now, when a write was refused as stale (412). */
  readonly current: Record<string, unknown> | null;
  /** The pilots that still use an object that could not be deleted (409 "in use"). */
  readonly pilots: PilotRef[];
  /** The whole problem as the server sent it ({} when the body was not an object). */
  readonly body: Record<string, unknown>;

  constructor(options: {
    status: number | null;
    title: string;
    detail?: string | null;
    type?: string;
    errors?: FieldProblem[];
    retryAfter?: number | null;
    unmet?: GateItem[];
    current?: Record<string, unknown> | null;
    pilots?: PilotRef[];
    body?: Record<string, unknown>;
  }) {
    super(options.detail ?? options.title);
    this.name = "ApiError";
    this.status = options.status;
    this.title = options.title;
    this.detail = options.detail ?? null;
    this.type = options.type ?? "about:blank";
    this.errors = options.errors ?? [];
    this.retryAfter = options.retryAfter ?? null;
    this.unmet = options.unmet ?? [];
    this.current = options.current ?? null;
    this.pilots = options.pilots ?? [];
    this.body = options.body ?? {};
  }

  /** Builds an error from a failed response and its parsed body (problem+json or anything else). */
  static fromResponse(response: Response, body: unknown): ApiError {
    const problem = isRecord(body) ? body : {};
    const title =
      typeof problem.title === "string" && problem.title
        ? problem.title
        : response.statusText || `Request failed with status ${response.status}`;
    return new ApiError({
      status: response.status,
      title,
      detail: typeof problem.detail === "string" ? problem.detail : null,
      type: typeof problem.type === "string" ? problem.type : undefined,
      errors: Array.isArray(problem.errors) ? problem.errors.filter(isFieldProblem) : [],
      retryAfter: parseRetryAfter(response.headers.get("Retry-After")),
      unmet: Array.isArray(problem.unmet) ? (problem.unmet as GateItem[]) : [],
      current: isRecord(problem.current) ? problem.current : null,
      pilots: Array.isArray(problem.pilots) ? problem.pilots.filter(isPilotRef) : [],
      body: problem,
    });
  }
}

function isFieldProblem(value: unknown): value is FieldProblem {
  return isRecord(value) && Array.isArray(value.loc) && typeof value.msg === "string";
}

function isPilotRef(value: unknown): value is PilotRef {
  return isRecord(value) && typeof value.id === "string" && typeof value.title === "string";
}

/** Retry-After in whole seconds; only the delay-seconds form is used by the API. */
export function parseRetryAfter(value: string | null): number | null {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return null;
  return Number.parseInt(value, 10);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}

/** True when a write was refused because the object changed since it was read (412). */
export function isStale(error: unknown): error is ApiError {
  return error instanceof ApiError && error.status === 412;
}

/** The pilots a 409 "in use" names (possibly none), or null when the error is something else. */
export function pilotsInUse(error: unknown): PilotRef[] | null {
  return error instanceof ApiError && error.status === 409 ? error.pilots : null;
}

/** What to tell a person about an error: a short title and, when known, the server's detail. */
export function describeError(error: unknown): {
  title: string;
  detail: string;
  status: number | null;
} {
  if (error instanceof ApiError) {
    return { title: error.title, detail: error.detail ?? error.title, status: error.status };
  }
  return {
    title: "Could not reach the server",
    detail: "Check your connection and try again.",
    status: null,
  };
}
