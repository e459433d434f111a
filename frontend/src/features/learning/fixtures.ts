import type { PilotPractice, PortfolioLearning, PracticeEvidence, PracticeSide } from "./evidence";

/** A side of a practice as the API computes it (Wilson 95 % bounds, 6 decimals). */
export const side = (
  pilots: number,
  scaled: number,
  ci: [number, number] | null,
): PracticeSide => ({
  pilots,
  scaled,
  rate: pilots === 0 ? null : Number((scaled / pilots).toFixed(6)),
  ci_low: ci ? ci[0] : null,
  ci_high: ci ? ci[1] : null,
});

export const EARLY: PracticeEvidence = {
  code: "early_departments",
  label: "Two departments engaged before the start",
  explanation: "At least two departments had engaged on or before the day the pilot first ran.",
  with: side(24, 17, [0.508314, 0.852813]),
  without: side(21, 6, [0.138161, 0.499816]),
  difference: 0.422619,
  enough_data: true,
};

export const PREMIER: PracticeEvidence = {
  code: "premier_account",
  label: "A premier-account customer",
  explanation: "The chosen testbed customer is a premier account.",
  with: side(3, 0, [0, 0.561497]),
  without: side(42, 23, [0.398291, 0.68553]),
  difference: -0.547619,
  enough_data: false,
};

export const VOICE: PracticeEvidence = {
  code: "customer_voice",
  label: "The customer's voice on two iterations",
  explanation: "Customer feedback came in on at least two different iterations.",
  with: side(0, 0, null),
  without: side(45, 23, [0.367, 0.65]),
  difference: null,
  enough_data: false,
};

export const LEARNING: PortfolioLearning = {
  as_of: "2026-11-22",
  closed: { scaled: 23, stopped: 22 },
  practices: [EARLY, PREMIER, VOICE],
};

export const pilotPractice = (
  evidence: PracticeEvidence,
  follows: boolean | null,
): PilotPractice => ({ ...evidence, follows });
