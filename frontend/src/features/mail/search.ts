import { defined, oneOf } from "@/lib/search-params";
import type { MailState } from "./states";

// The email log's URL search, read by its route's `validateSearch`: this module ships with the
// app's first script, so it does not import the states' badges (icons, the notification kinds).
const STATES = ["queued", "sent", "failed"] as const satisfies readonly MailState[];

/** `?state=` on the email log: one delivery state, or everything. */
export type EmailLogSearch = { state?: MailState };

export function parseEmailLogSearch(search: Record<string, unknown>): EmailLogSearch {
  return defined({ state: oneOf(STATES, search.state) });
}
