import { describe, expect, it } from "vitest";
import {
  countsInWords,
  describeSide,
  evidenceForPilot,
  followsLabel,
  formatDifference,
  formatInterval,
  formatRate,
  groupPractices,
  labelPlace,
  neededInWords,
  neededPilots,
  rateX,
} from "./evidence";
import { EARLY, LEARNING, PREMIER, pilotPractice, side, VOICE } from "./fixtures";
import { needsAttention, panelOrder, practiceAction, practiceActionHref } from "./panel";

describe("numbers", () => {
  it("formats rates, intervals and differences", () => {
    expect(formatRate(0.708333)).toBe("71 %");
    expect(formatRate(null)).toBe("—");
    expect(formatInterval(EARLY.with)).toBe("51–85 %");
    expect(formatInterval(VOICE.with)).toBe("—");
    expect(formatDifference(0.422619)).toBe("▲ 42 points");
    expect(formatDifference(-0.01)).toBe("▼ 1 point");
    expect(formatDifference(0.001)).toBe("No difference");
    expect(formatDifference(null)).toBe("—");
  });

  it("puts a direct label where it fits", () => {
    expect(labelPlace(0.1, 0.5)).toBe("right");
    expect(labelPlace(0.5, 0.9)).toBe("left");
    expect(labelPlace(0.15, 0.85)).toBe("over");
  });

  it("places rates on the axis inside its insets", () => {
    expect(rateX(0)).toBe(2);
    expect(rateX(1)).toBe(98);
    expect(rateX(0.5)).toBe(50);
    expect(rateX(1.2)).toBe(98);
    expect(rateX(-1)).toBe(2);
  });
});

describe("words", () => {
  it("says the counts as the issue asks", () => {
    expect(countsInWords(EARLY)).toBe(
      "17 of 24 pilots that engaged two departments before the start scaled; 6 of 21 that did not.",
    );
  });

  it("says so when a side has no pilot, and singular for one", () => {
    expect(countsInWords(VOICE)).toBe(
      "No closed pilot heard the customer on two iterations; 23 of 45 that did not.",
    );
    expect(countsInWords({ ...PREMIER, with: side(1, 1, [0.2, 1]) })).toMatch(
      /^1 of 1 pilot that chose a premier-account customer scaled;/,
    );
  });

  it("counts how many more closed pilots each side needs to reach 5", () => {
    expect(neededPilots(EARLY)).toEqual({ with: 0, without: 0 });
    expect(neededPilots(PREMIER)).toEqual({ with: 2, without: 0 });
    expect(neededPilots({ with: side(0, 0, null), without: side(4, 1, [0, 1]) })).toEqual({
      with: 5,
      without: 1,
    });
    expect(neededInWords(PREMIER)).toBe(
      "Needs 2 more closed pilots that chose a premier-account customer.",
    );
    expect(
      neededInWords({ ...PREMIER, with: side(4, 1, [0, 1]), without: side(2, 1, [0, 1]) }),
    ).toBe(
      "Needs 1 more closed pilot that chose a premier-account customer and 3 more without it.",
    );
    expect(
      neededInWords({ ...PREMIER, with: side(9, 1, [0, 1]), without: side(2, 1, [0, 1]) }),
    ).toBe("Needs 3 more closed pilots without this practice.");
    expect(neededInWords(EARLY)).toBe("");
  });

  it("names each mark with its side, counts, rate and interval", () => {
    expect(describeSide(EARLY, "with", EARLY.with)).toBe(
      "Two departments engaged before the start. Pilots that followed it: 17 of 24 scaled, 71 %, 95 % interval 51–85 %.",
    );
    expect(describeSide(VOICE, "with", VOICE.with)).toBe(
      "The customer's voice on two iterations. Pilots that followed it: no closed pilot.",
    );
  });

  it("words the evidence for a pilot, with the caveat when data is short", () => {
    expect(evidenceForPilot(pilotPractice(EARLY, false))).toBe(
      "In this portfolio, pilots that followed it scaled more often (71 % against 29 %): 17 of 24 pilots that engaged two departments before the start scaled; 6 of 21 that did not.",
    );
    expect(evidenceForPilot(pilotPractice(PREMIER, null))).toMatch(
      /^Too little history to tell yet: 0 of 3 pilots that chose a premier-account customer scaled;/,
    );
    expect(followsLabel(true)).toBe("Following");
    expect(followsLabel(false)).toBe("Not followed");
    expect(followsLabel(null)).toBe("Not yet known");
  });
});

describe("grouping and ordering", () => {
  it("keeps practices with enough data apart, in the API's order", () => {
    const { enough, notEnough } = groupPractices(LEARNING.practices);
    expect(enough.map((p) => p.code)).toEqual(["early_departments"]);
    expect(notEnough.map((p) => p.code)).toEqual(["premier_account", "customer_voice"]);
  });

  it("puts what the pilot does not follow first, then unknown, then followed", () => {
    const items = [
      pilotPractice(EARLY, true),
      pilotPractice(PREMIER, null),
      pilotPractice(VOICE, false),
      pilotPractice({ ...EARLY, code: "champion" }, false),
    ];
    expect(panelOrder(items).map((p) => p.code)).toEqual([
      "customer_voice",
      "champion",
      // An unknown red flag asks nothing of the pilot: it sits with what is fine.
      "early_departments",
      "premier_account",
    ]);
  });

  it("counts a followed red flag, not an unfollowed one, as needing attention", () => {
    expect(needsAttention(pilotPractice(PREMIER, true))).toBe(true);
    expect(needsAttention(pilotPractice(PREMIER, false))).toBe(false);
    expect(needsAttention(pilotPractice(EARLY, false))).toBe(true);
    expect(needsAttention(pilotPractice(EARLY, null))).toBe(true);
    expect(needsAttention(pilotPractice(EARLY, true))).toBe(false);
  });

  it("links each practice to the action that fixes it", () => {
    expect(practiceActionHref("w", "p", practiceAction("early_departments", false))).toBe(
      "/w/w/pilots/p#departments",
    );
    expect(practiceActionHref("w", "p", practiceAction("three_iterations", false))).toBe(
      "/w/w/pilots/p?log=iteration",
    );
    expect(practiceActionHref("w", "p", practiceAction("quick_decision", true))).toBe(
      "/w/w/pilots/p?decide=scale",
    );
    expect(practiceActionHref("w", "p", practiceAction("quick_decision", false))).toBe(
      "/w/w/pilots/p#decisions",
    );
    expect(practiceAction("premier_account", false).hash).toBe("candidates");
    expect(practiceAction("customer_voice", false).hash).toBe("customer-voice");
    expect(practiceAction("customer_metric", false).hash).toBe("metrics");
  });
});
