import type { RiskLevel } from "./labels";

export type Criterion = { key: string; label: string; weight: number };
export type Scores = Record<string, number>;

/** Plain-words help for the default rubric criteria; a workspace's own criteria show their label. */
export const CRITERION_HELP: Record<string, string> = {
  low_stakes:
    "How little is at risk in the relationship if something goes wrong. 5: a small account that would forgive a hiccup.",
  ideal_conditions:
    "How ready the customer is for change: a new site, new processes, a system being replaced. 5: change is happening anyway.",
  eager_champion:
    "Someone at the customer who wants this to work and will push for it. 5: they asked for it.",
  learning_value:
    "How much the company learns for the customers that come next. 5: typical of a large segment.",
  data_access:
    "Whether you can measure what the customer experiences. 5: they share the figures you need.",
};

export const SCORE_LABELS: Record<number, string> = {
  1: "Poor",
  2: "Weak",
  3: "Fair",
  4: "Good",
  5: "Ideal",
};

/**
 * The weighted mean of the 1–5 scores mapped to 0–100 (all 5s → 100, all 1s → 0), as the API
 * computes it: unscored criteria and criteria weighted 0 do not count; null when nothing counts.
 */
export function candidateTotal(scores: Scores, rubric: readonly Criterion[]): number | null {
  let weighted = 0;
  let weights = 0;
  for (const criterion of rubric) {
    const score = scores[criterion.key];
    if (score === undefined || criterion.weight <= 0) continue;
    weighted += criterion.weight * score;
    weights += criterion.weight;
  }
  if (weights === 0) return null;
  return Math.round(((weighted / weights - 1) / 4) * 1000) / 10;
}

/** The risk the API derives when a candidate is chosen: premier → high; ≥ 70 low; ≥ 40 medium. */
export function derivedRisk(isPremier: boolean, total: number | null): RiskLevel {
  if (isPremier || total === null) return "high";
  if (total >= 70) return "low";
  if (total >= 40) return "medium";
  return "high";
}

/** Why that risk, in a few words: "a score of 75 is 70 or more". */
export function riskExplanation(isPremier: boolean, total: number | null): string {
  if (isPremier) return "a premier account is never a low-risk testbed";
  if (total === null) return "not scored yet";
  const shown = Math.round(total);
  if (total >= 70) return `a score of ${shown} is 70 or more`;
  if (total >= 40) return `a score of ${shown} is between 40 and 70`;
  return `a score of ${shown} is under 40`;
}

export type Ranked<T> = {
  item: T;
  total: number | null;
  rank: number;
  /** Ranked after every other candidate, whatever its score: a premier account. */
  penalised: boolean;
};

/** Why a premier account ranks last, in plain words (shown beside it). */
export const PREMIER_RANK_REASON =
  "Ranked last whatever its score: a premier account is never a low-risk testbed, and a failed pilot there costs the most valuable relationship.";

/**
 * Candidates best first by total (unscored after scored, then by name), premier accounts after
 * every other candidate whatever their score: the method's red flag outranks a good score.
 * Equal totals share a rank ("1, 1, 3"), so a tie never looks like a preference.
 */
export function rankCandidates<T extends { scores: Scores; name: string; isPremier?: boolean }>(
  candidates: readonly T[],
  rubric: readonly Criterion[],
): Ranked<T>[] {
  const scored = candidates.map((item) => ({
    item,
    total: candidateTotal(item.scores, rubric),
    penalised: Boolean(item.isPremier),
  }));
  scored.sort((a, b) => {
    if (a.penalised !== b.penalised) return a.penalised ? 1 : -1;
    if (a.total === null && b.total === null) return a.item.name.localeCompare(b.item.name);
    if (a.total === null) return 1;
    if (b.total === null) return -1;
    return b.total - a.total || a.item.name.localeCompare(b.item.name);
  });
  const ranked: Ranked<T>[] = [];
  scored.forEach((entry, index) => {
    const previous = ranked[index - 1];
    const rank =
      previous &&
      previous.total === entry.total &&
      previous.penalised === entry.penalised &&
      entry.total !== null
        ? previous.rank
        : index + 1;
    ranked.push({ ...entry, rank });
  });
  return ranked;
}

/** "1st", "2nd", "3rd", "11th". */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${{ 1: "st", 2: "nd", 3: "rd" }[n % 10] ?? "th"}`;
}
