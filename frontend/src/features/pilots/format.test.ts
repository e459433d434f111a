import { describe, expect, it } from "vitest";
import { describeLift, formatLift, liftTone, progressPercent } from "./format";

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
