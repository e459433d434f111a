export type FieldProblem = { loc: (string | number)[]; msg: string };

/** An RFC 9457 problem returned by the API, or a failure to reach it at all. */
export class ApiError extends Error {
  readonly status: number | null;
  readonly title: string;
  readonly detail: string | null;
  readonly type: string;
  /** Validation errors, one per field at fault (`loc` like `["body", "email"]`). */
  readonly errors: FieldProblem[];
  /** Seconds to wait before trying again (429), from the `Retry-After` header. */
  readonly retryAfter: number | null;

  constructor(options: {
    status: number | null;
    title: string;
    detail?: string | null;
    type?: string;
    errors?: FieldProblem[];
    retryAfter?: number | null;
  }) {
    super(options.detail ?? options.title);
    this.name = "ApiError";
    this.status = options.status;
    this.title = options.title;
    this.detail = options.detail ?? null;
    this.type = options.type ?? "about:blank";
    this.errors = options.errors ?? [];
    this.retryAfter = options.retryAfter ?? null;
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
    });
  }
}

function isFieldProblem(value: unknown): value is FieldProblem {
  return isRecord(value) && Array.isArray(value.loc) && typeof value.msg === "string";
}

/** Retry-After in whole seconds; only the delay-seconds form is used by the API. */
export function parseRetryAfter(value: string | null): number | null {
  if (value === null || !/^\s*\d+\s*$/.test(value)) return null;
  return Number.parseInt(value, 10);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
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
