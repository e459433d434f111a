import { ApiError } from "@/lib/api-error";

/**
 * What a public link's page shows when the API refuses: the link is not valid any more (404,
 * whatever the reason: the API does not say, and neither do we), too many answers or requests
 * (429), or something else that a retry may fix.
 */
export type LinkProblem = "gone" | "busy" | "error";

export function linkProblem(error: unknown): LinkProblem {
  if (error instanceof ApiError && error.status === 404) return "gone";
  if (error instanceof ApiError && error.status === 429) return "busy";
  return "error";
}

/** "in about 5 hours", "in 20 minutes", "in a minute": when to try again, from Retry-After. */
export function waitWords(seconds: number | null): string {
  if (seconds === null || seconds <= 0) return "a little later";
  if (seconds < 90) return "in a minute";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `in ${minutes} minutes`;
  const hours = Math.round(seconds / 3600);
  if (hours <= 1) return "in about an hour";
  return `in about ${hours} hours`;
}
