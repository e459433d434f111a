import { describe, expect, it } from "vitest";
import { defined, oneOf, trimmed, uuid } from "./search-params";

describe("oneOf", () => {
  it("keeps an allowed value and drops anything else", () => {
    expect(oneOf(["a", "b"], "b")).toBe("b");
    expect(oneOf(["a", "b"], "c")).toBeUndefined();
    expect(oneOf(["a", "b"], 1)).toBeUndefined();
    expect(oneOf(["a", "b"], ["a"])).toBeUndefined();
    expect(oneOf(["a", "b"], undefined)).toBeUndefined();
  });
});

describe("uuid", () => {
  it.each([
    ["0b6c3a52-58a4-4a0e-9a57-7c3f2f0b1a11", true],
    ["0B6C3A52-58A4-4A0E-9A57-7C3F2F0B1A11", true],
    ["00000000-0000-0000-0000-000000000000", true],
    ["0b6c3a52-58a4-0a0e-9a57-7c3f2f0b1a11", false],
    ["0b6c3a52-58a4-4a0e-7a57-7c3f2f0b1a11", false],
    ["0b6c3a5258a44a0e9a577c3f2f0b1a11", false],
    ["sales", false],
    ["", false],
  ])("%j → %j", (value, valid) => {
    expect(uuid(value)).toBe(valid ? value : undefined);
  });

  it("drops what is not text", () => {
    expect(uuid(42)).toBeUndefined();
    expect(uuid(null)).toBeUndefined();
  });
});

describe("trimmed", () => {
  it("trims, keeps the empty text and drops what is too long or not text", () => {
    expect(trimmed("  spare parts ", 200)).toBe("spare parts");
    expect(trimmed("   ", 200)).toBe("");
    expect(trimmed(` ${"x".repeat(200)} `, 200)).toBe("x".repeat(200));
    expect(trimmed("x".repeat(201), 200)).toBeUndefined();
    expect(trimmed(42, 200)).toBeUndefined();
    expect(trimmed({ q: "a" }, 200)).toBeUndefined();
  });
});

describe("defined", () => {
  it("leaves out undefined values and keeps the rest", () => {
    const out = defined({ a: "x", b: undefined, c: "" });
    expect(out).toStrictEqual({ a: "x", c: "" });
    expect(Object.keys(out)).toEqual(["a", "c"]);
  });
});
