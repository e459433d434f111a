import { describe, expect, it } from "vitest";
import {
  candidateTotal,
  derivedRisk,
  ordinal,
  PREMIER_RANK_REASON,
  rankCandidates,
  riskExplanation,
} from "./scoring";

const rubric = [
  { key: "low_stakes", label: "Low stakes", weight: 1 },
  { key: "ideal_conditions", label: "Ideal conditions", weight: 2 },
  { key: "eager_champion", label: "Champion", weight: 1 },
  { key: "data_access", label: "Data", weight: 0 },
];

describe("candidateTotal", () => {
  it("maps all 5s to 100 and all 1s to 0", () => {
    expect(candidateTotal({ low_stakes: 5, ideal_conditions: 5, eager_champion: 5 }, rubric)).toBe(
      100,
    );
    expect(candidateTotal({ low_stakes: 1, ideal_conditions: 1, eager_champion: 1 }, rubric)).toBe(
      0,
    );
  });

  it("weights each criterion and rounds to one decimal like the API", () => {
    // (1×4 + 2×3 + 1×5) / 4 = 3.75 → (3.75 − 1) / 4 × 100 = 68.75 → 68.8
    expect(candidateTotal({ low_stakes: 4, ideal_conditions: 3, eager_champion: 5 }, rubric)).toBe(
      68.8,
    );
  });

  it("ignores unscored criteria and criteria weighted 0", () => {
    expect(candidateTotal({ ideal_conditions: 4, data_access: 1 }, rubric)).toBe(75);
  });

  it("is null when nothing weighted is scored", () => {
    expect(candidateTotal({}, rubric)).toBeNull();
    expect(candidateTotal({ data_access: 5 }, rubric)).toBeNull();
  });
});

describe("derivedRisk", () => {
  it("is high for a premier account whatever the score", () => {
    expect(derivedRisk(true, 100)).toBe("high");
  });
  it("follows the thresholds 70 and 40", () => {
    expect(derivedRisk(false, 70)).toBe("low");
    expect(derivedRisk(false, 69.9)).toBe("medium");
    expect(derivedRisk(false, 40)).toBe("medium");
    expect(derivedRisk(false, 39.9)).toBe("high");
    expect(derivedRisk(false, null)).toBe("high");
  });
  it("explains itself in words", () => {
    expect(riskExplanation(false, 75.4)).toBe("a score of 75 is 70 or more");
    expect(riskExplanation(false, 50)).toBe("a score of 50 is between 40 and 70");
    expect(riskExplanation(true, 90)).toBe("a premier account is never a low-risk testbed");
    expect(riskExplanation(false, null)).toBe("not scored yet");
  });
});

describe("rankCandidates", () => {
  const c = (name: string, scores: Record<string, number>) => ({ name, scores });

  it("ranks a premier account after a safer one, whatever its score, and says why", () => {
    const ranked = rankCandidates(
      [
        {
          ...c("MegaCorp", { low_stakes: 5, ideal_conditions: 5, eager_champion: 5 }),
          isPremier: true,
        },
        c("Clinic", { low_stakes: 3, ideal_conditions: 3, eager_champion: 3 }),
        c("Unscored", {}),
      ],
      rubric,
    );
    expect(ranked.map((r) => [r.item.name, r.total, r.rank, r.penalised])).toEqual([
      ["Clinic", 50, 1, false],
      ["Unscored", null, 2, false],
      ["MegaCorp", 100, 3, true],
    ]);
    expect(PREMIER_RANK_REASON).toMatch(/^Ranked last whatever its score: a premier account/);
  });

  it("ranks best first, shares the rank on ties and puts unscored ones last", () => {
    const ranked = rankCandidates(
      [
        c("Unscored", {}),
        c("Beta", { low_stakes: 3, ideal_conditions: 3, eager_champion: 3 }),
        c("Alpha", { low_stakes: 3, ideal_conditions: 3, eager_champion: 3 }),
        c("Best", { low_stakes: 5, ideal_conditions: 4, eager_champion: 5 }),
      ],
      rubric,
    );
    expect(ranked.map((r) => [r.rank, r.item.name, r.total])).toEqual([
      [1, "Best", 87.5],
      [2, "Alpha", 50],
      [2, "Beta", 50],
      [4, "Unscored", null],
    ]);
  });

  it("re-ranks live when the weights change", () => {
    const a = c("Stakes", { low_stakes: 5, ideal_conditions: 1 });
    const b = c("Conditions", { low_stakes: 1, ideal_conditions: 5 });
    expect(rankCandidates([a, b], rubric).map((r) => r.item.name)).toEqual([
      "Conditions",
      "Stakes",
    ]);
    const stakesFirst = rubric.map((k) => (k.key === "low_stakes" ? { ...k, weight: 5 } : k));
    expect(rankCandidates([a, b], stakesFirst).map((r) => r.item.name)).toEqual([
      "Stakes",
      "Conditions",
    ]);
  });
});

describe("ordinal", () => {
  it("writes English ordinals", () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101].map(ordinal)).toEqual([
      "1st",
      "2nd",
      "3rd",
      "4th",
      "11th",
      "12th",
      "13th",
      "21st",
      "22nd",
      "101st",
    ]);
  });
});
