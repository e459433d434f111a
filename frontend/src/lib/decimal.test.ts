import { afterEach, describe, expect, it } from "vitest";
import {
  decimalMarkFor,
  decimalOrNaN,
  formatDecimalInput,
  getDecimalMark,
  parseDecimal,
  setDecimalMark,
} from "./decimal";

const value = (text: string, mark: "," | "." = ",") => {
  const result = parseDecimal(text, mark);
  if (!result.ok) throw new Error(`refused ${text}: ${result.message}`);
  return result.value;
};

describe("parseDecimal", () => {
  it.each([
    ["10,5", 10.5],
    ["10.5", 10.5],
    ["1.234,5", 1234.5],
    ["1,234.5", 1234.5],
    ["1 234,5", 1234.5],
    ["1\u00a0234\u202f567,25", 1234567.25],
    ["  42  ", 42],
    ["-10,5", -10.5],
    ["\u22123,25", -3.25],
    ["+7", 7],
    [",5", 0.5],
    ["0,500", 0.5],
    ["1.234.567", 1234567],
    ["1,234,567.89", 1234567.89],
    ["1'234.5", 1234.5],
    ["12345678,9", 12345678.9],
  ])("reads %s as %s in either convention", (text, expected) => {
    expect(value(text, ",")).toBe(expected);
    expect(value(text, ".")).toBe(expected);
  });

  it("leaves only 1.234 and 1,234 to the workspace's convention", () => {
    expect(value("1.234", ",")).toBe(1234);
    expect(value("1,234", ",")).toBe(1.234);
    expect(value("1.234", ".")).toBe(1.234);
    expect(value("1,234", ".")).toBe(1234);
    // One or two digits after the mark are never a group.
    expect(value("1,23", ".")).toBe(1.23);
    expect(value("1.2", ",")).toBe(1.2);
  });

  it("reads an empty field as null", () => {
    expect(parseDecimal("")).toEqual({ ok: true, value: null });
    expect(parseDecimal("   ")).toEqual({ ok: true, value: null });
  });

  it.each([
    "abc",
    "12abc",
    "1e5",
    "1,2,3",
    "1.2.3",
    "10,5.3",
    "1.234,5,6",
    "12 34",
    ",",
    "--4",
    "4-",
    "1 234.567,5",
    "€ 10",
  ])("refuses %s with a message that shows the convention", (text) => {
    const result = parseDecimal(text, ",");
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toBe("Enter a number, like 12 or 7,5.");
    const point = parseDecimal(text, ".");
    expect(point.ok).toBe(false);
    if (!point.ok) expect(point.message).toBe("Enter a number, like 12 or 7.5.");
  });

  it("gives NaN for refused text and null for empty", () => {
    expect(decimalOrNaN("x", ",")).toBeNaN();
    expect(decimalOrNaN("", ",")).toBeNull();
    expect(decimalOrNaN("10,5", ",")).toBe(10.5);
  });
});

describe("the workspace's convention", () => {
  afterEach(() => setDecimalMark("."));

  it("follows the currency, else the locale", () => {
    expect(decimalMarkFor("EUR", "en-US")).toBe(",");
    expect(decimalMarkFor("eur")).toBe(",");
    expect(decimalMarkFor("USD", "de-DE")).toBe(".");
    expect(decimalMarkFor("XYZ", "de-DE")).toBe(",");
    expect(decimalMarkFor("XYZ", "en-GB")).toBe(".");
    expect(decimalMarkFor(null, "fr-FR")).toBe(",");
  });

  it("is used by default once set", () => {
    setDecimalMark(",");
    expect(getDecimalMark()).toBe(",");
    expect(parseDecimal("1.234")).toEqual({ ok: true, value: 1234 });
    expect(formatDecimalInput(10.5)).toBe("10,5");
    setDecimalMark(".");
    expect(parseDecimal("1.234")).toEqual({ ok: true, value: 1.234 });
    expect(formatDecimalInput(10.5)).toBe("10.5");
    expect(formatDecimalInput(null)).toBe("");
  });
});
