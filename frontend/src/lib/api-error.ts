/** An RFC 9457 problem returned by the API, or a failure to reach it at all. */
export class ApiError extends Error {
  readonly status: number | null;
  readonly title: string;
  readonly detail: string | null;
  readonly type: string;

  constructor(options: {
    status: number | null;
    title: string;
    detail?: string | null;
    type?: string;
  }) {
    super(options.detail ?? options.title);
    this.name = "ApiError";
    this.status = options.status;
    this.title = options.title;
    this.detail = options.detail ?? null;
    this.type = options.type ?? "about:blank";
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
    });
  }
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
