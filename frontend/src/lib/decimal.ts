/*
 * Decimal numbers typed by people: "10,5" in a euro workspace, "1,234.5" in a dollar one,
 * "1 234,5" with spaces. Separators that can only mean one thing are read as they are written
 * (the last of "." and "," is the decimal mark when both appear; a separator followed by other
 * than three digits is a decimal mark). Only "1.234" or "1,234" is ambiguous: the workspace's
 * convention decides. Anything else (letters, "1,2,3", "1.2.3", "--4") is refused with a message
 * that says what to type.
 */

export type DecimalMark = "," | ".";

export type DecimalResult = { ok: true; value: number | null } | { ok: false; message: string };

/** Currencies whose countries write the decimal mark as a comma (most of continental Europe, …). */
const COMMA_CURRENCIES = new Set([
  "EUR",
  "SEK",
  "NOK",
  "DKK",
  "ISK",
  "PLN",
  "CZK",
  "HUF",
  "RON",
  "BGN",
  "HRK",
  "RSD",
  "TRY",
  "RUB",
  "UAH",
  "BRL",
  "ARS",
  "CLP",
  "COP",
  "IDR",
  "VND",
  "ZAR",
]);
/** Currencies written with a decimal point (the rest of the world falls back to the locale). */
const POINT_CURRENCIES = new Set([
  "USD",
  "GBP",
  "CHF",
  "CAD",
  "AUD",
  "NZD",
  "JPY",
  "CNY",
  "HKD",
  "SGD",
  "INR",
  "MXN",
  "ILS",
  "KRW",
  "THB",
  "MYR",
  "PHP",
]);

/** The decimal mark of a locale ("de-DE" → ","), or "." when the runtime cannot tell. */
export function localeDecimalMark(locale?: string): DecimalMark {
  try {
    const part = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === "decimal");
    return part?.value === "," ? "," : ".";
  } catch {
    return ".";
  }
}

/** The workspace's convention: its currency's, else the browser locale's. */
export function decimalMarkFor(currency: string | null | undefined, locale?: string): DecimalMark {
  const code = (currency ?? "").toUpperCase();
  if (COMMA_CURRENCIES.has(code)) return ",";
  if (POINT_CURRENCIES.has(code)) return ".";
  return localeDecimalMark(locale);
}

let current: DecimalMark = ".";

/** Set once the workspace is known, so every numeric field reads "1.234" its way. */
export function setDecimalMark(mark: DecimalMark): void {
  current = mark;
}

export function getDecimalMark(): DecimalMark {
  return current;
}

/** An example in the convention, for messages: "7,5" or "7.5". */
export const decimalExample = (mark: DecimalMark = current) => (mark === "," ? "7,5" : "7.5");

const invalid = (mark: DecimalMark): DecimalResult => ({
  ok: false,
  message: `Enter a number, like 12 or ${decimalExample(mark)}.`,
});

const SPACES = /[\s\u00a0\u202f\u2009'’_]/;

/** Digit groups "1 234 567": a first group of 1–3 digits, then groups of exactly 3. */
function groupedDigits(text: string, separator: RegExp | string): string | null {
  const groups = typeof separator === "string" ? text.split(separator) : text.split(separator);
  if (groups.length === 1) return /^\d+$/.test(text) ? text : null;
  const [first, ...rest] = groups;
  if (!first || !/^\d{1,3}$/.test(first)) return null;
  if (!rest.every((g) => /^\d{3}$/.test(g))) return null;
  return groups.join("");
}

/** The integer part: digits, optionally grouped by one kind of separator (space, "." or ","). */
function integerPart(text: string, group: string | null): string | null {
  if (text === "") return "";
  const spaced = SPACES.test(text);
  if (spaced && group && text.includes(group)) return null; // "1 234.567,5": two kinds of groups
  if (spaced) return groupedDigits(text, new RegExp(SPACES.source));
  if (group && text.includes(group)) return groupedDigits(text, group);
  return /^\d+$/.test(text) ? text : null;
}

/**
 * Reads a decimal number typed by a person. `""` (or only spaces) is `null`: an empty field.
 * `mark` is the workspace's decimal mark, used only for "1.234" / "1,234".
 */
export function parseDecimal(input: string, mark: DecimalMark = current): DecimalResult {
  let text = input.trim();
  if (text === "") return { ok: true, value: null };
  let sign = 1;
  const signMatch = /^([-+\u2212])\s*/.exec(text);
  if (signMatch) {
    sign = signMatch[1] === "+" ? 1 : -1;
    text = text.slice(signMatch[0].length);
  }
  if (!/^[\d.,\s\u00a0\u202f\u2009'’_]+$/.test(text) || !/\d/.test(text)) return invalid(mark);

  const lastDot = text.lastIndexOf(".");
  const lastComma = text.lastIndexOf(",");
  const dots = text.split(".").length - 1;
  const commas = text.split(",").length - 1;

  let decimal: DecimalMark | null = null;
  if (dots > 0 && commas > 0) {
    // Both: the last one is the decimal mark, and it appears once.
    decimal = lastDot > lastComma ? "." : ",";
    if ((decimal === "." ? dots : commas) !== 1) return invalid(mark);
  } else if (dots + commas === 1) {
    const sep: DecimalMark = dots === 1 ? "." : ",";
    const [before = "", after = ""] = text.split(sep);
    const threeAfter = /^\d{3}$/.test(after);
    const couldGroup = threeAfter && /^\d{1,3}$/.test(before.replace(SPACES, "")) && before !== "0";
    // "1.234": a group separator in a workspace that writes decimals the other way.
    decimal = couldGroup && sep !== mark ? null : sep;
  } else if (dots + commas > 1) {
    decimal = null; // "1.234.567" or "1,234,567": groups only
  }

  let whole = text;
  let fraction = "";
  if (decimal) {
    const at = text.lastIndexOf(decimal);
    whole = text.slice(0, at);
    fraction = text.slice(at + 1);
    if (!/^\d*$/.test(fraction)) return invalid(mark);
    if (whole === "" && fraction === "") return invalid(mark);
  }
  const group =
    decimal === null ? (dots > 0 ? "." : commas > 0 ? "," : null) : decimal === "." ? "," : ".";
  const digits = integerPart(whole.trim(), group);
  if (digits === null) return invalid(mark);
  if (digits === "" && fraction === "") return invalid(mark);
  const value = Number(`${digits || "0"}.${fraction || "0"}`) * sign;
  if (!Number.isFinite(value)) return invalid(mark);
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}

/** The number, `null` for an empty field, `NaN` for text that is not a number. */
export function decimalOrNaN(input: string, mark: DecimalMark = current): number | null {
  const result = parseDecimal(input, mark);
  return result.ok ? result.value : Number.NaN;
}

/** A number as an editable field shows it in the convention: 10.5 → "10,5" in a euro workspace. */
export function formatDecimalInput(
  value: number | null | undefined,
  mark: DecimalMark = current,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  const text = String(value);
  return mark === "," ? text.replace(".", ",") : text;
}
