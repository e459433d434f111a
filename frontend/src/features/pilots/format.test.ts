import { describe, expect, it } from "vitest";
import { dayInWords, describeLift, formatLift, liftTone, progressPercent } from "./format";

describe("formatLift", () => {
  it.each([
    [0.35, "▲ +35.0 %"],
    [0.375, "▲ +37.5 %"],
    [-0.042, "▼ −4.2 %"],
    [1.5, "▲ +150.0 %"],
    [0, "0.0 %"],
    [0.00001, "0.0 %"],
    [null, "—"],
    [undefined, "—"],
    [Number.NaN, "—"],
  ])("formats %j as %j", (lift, text) => {
    expect(formatLift(lift)).toBe(text);
  });
});

describe("describeLift", () => {
  it("says it in words", () => {
    expect(describeLift(0.35)).toBe("improved by 35.0 percent");
    expect(describeLift(-0.1)).toBe("worsened by 10.0 percent");
    expect(describeLift(null)).toBe("no lift yet");
  });
});

describe("liftTone", () => {
  it("is green for improvement, red for worse, neutral otherwise", () => {
    expect(liftTone(0.2)).toBe("success");
    expect(liftTone(-0.2)).toBe("danger");
    expect(liftTone(0)).toBe("neutral");
    expect(liftTone(null)).toBe("neutral");
  });
});

describe("progressPercent", () => {
  it("clamps to 0–100", () => {
    expect(progressPercent(0.456)).toBe(46);
    expect(progressPercent(1.4)).toBe(100);
    expect(progressPercent(-0.2)).toBe(0);
    expect(progressPercent(null)).toBe(null);
  });
});

describe("dayInWords", () => {
  it("writes a calendar date as the gate messages do, whatever the time zone", () => {
    expect(dayInWords("2027-03-03")).toBe("3 March 2027");
    expect(dayInWords("2026-12-31")).toBe("31 December 2026");
  });

  it("reads a timestamp as the local day it fell on", () => {
    const at = new Date(2027, 2, 12, 23, 30);
    expect(dayInWords(at.toISOString())).toBe("12 March 2027");
  });
});
