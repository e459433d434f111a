import type { Involvement } from "@/features/pilots/records/involvements";

type Facts = Pick<Involvement, "status" | "last_check_in_on" | "silent_days" | "contact_email">;

export type Silence = {
  /** The line under the department: when it last checked in, or that it was never asked. */
  summary: string;
  /** Silent longer than the workspace allows while engaged: what puts the pilot at risk. */
  over: boolean;
  /** "Silent for 34 days", when over. */
  badge: string | null;
};

const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

/**
 * How a department's silence reads on the pilot page, judged as the `department_silent` health
 * rule judges it: only engaged and champion departments can be silent, and only for longer than
 * `limit` days (the workspace's `department_silence_days`).
 */
export function silenceOf(involvement: Facts, limit: number): Silence {
  const { silent_days: silent, last_check_in_on: last } = involvement;
  const watched = involvement.status === "engaged" || involvement.status === "champion";
  if (silent === null) {
    return {
      summary: involvement.contact_email
        ? "Not asked to check in yet"
        : "No check-ins yet: add a contact email to ask by email, or record one",
      over: false,
      badge: null,
    };
  }
  const over = watched && silent > limit;
  const summary = last
    ? silent === 0
      ? "Checked in today"
      : `Last check-in ${days(silent)} ago`
    : silent === 0
      ? "Asked today, no check-in yet"
      : `Asked ${days(silent)} ago, no check-in yet`;
  return { summary, over, badge: over ? `Silent for ${days(silent)}` : null };
}
