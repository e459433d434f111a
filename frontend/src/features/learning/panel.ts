import {
  type PilotPractice,
  PRACTICE_ACTIONS,
  type PracticeAction,
  type PracticeCode,
} from "./evidence";

/**
 * Practices the method counts against scaling: a premier account is a red flag (too much at
 * stake to experiment). For these, following is what needs attention, not the opposite.
 */
export const RED_FLAGS: ReadonlySet<PracticeCode> = new Set(["premier_account"]);

/** Whether the panel should show the evidence and the action: the practice needs attention. */
export function needsAttention(item: Pick<PilotPractice, "code" | "follows">): boolean {
  return RED_FLAGS.has(item.code) ? item.follows === true : item.follows !== true;
}

const FOLLOW_ORDER = (item: Pick<PilotPractice, "code" | "follows">) =>
  !needsAttention(item) ? 2 : item.follows === null ? 1 : 0;

/**
 * The panel's order: what needs attention first (a practice not followed, or a red flag
 * followed), then what cannot be known yet, then the rest; the API's fixed order within each.
 */
export function panelOrder<T extends Pick<PilotPractice, "code" | "follows">>(
  items: readonly T[],
): T[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => FOLLOW_ORDER(a.item) - FOLLOW_ORDER(b.item) || a.index - b.index)
    .map(({ item }) => item);
}

/**
 * Where the pilot page puts a practice right. The scale decision opens the decision form for
 * those who may decide; everyone else is taken to the decisions.
 */
export function practiceAction(code: PracticeCode, decider: boolean): PracticeAction {
  if (code === "quick_decision" && !decider) {
    return { label: "See the decisions", hash: "decisions" };
  }
  return PRACTICE_ACTIONS[code];
}

/** The action as a URL on the pilot page (for places that need a plain href). */
export function practiceActionHref(
  workspaceId: string,
  pilotId: string,
  action: PracticeAction,
): string {
  const base = `/w/${encodeURIComponent(workspaceId)}/pilots/${encodeURIComponent(pilotId)}`;
  const query = action.search ? `?${new URLSearchParams(action.search).toString()}` : "";
  const hash = action.hash ? `#${action.hash}` : "";
  return `${base}${query}${hash}`;
}
