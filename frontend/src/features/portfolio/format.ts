/** Formatting for the portfolio's figures: tabular, honest about missing values ("—"). */

import { dateTimeFormat, numberFormat } from "@/lib/intl";

const isNumber = (value: number | null | undefined): value is number =>
  value !== null && value !== undefined && Number.isFinite(value);

/** A ratio as a percentage with a thin space before the sign: 0.6667 → "67 %". */
export function formatPercent(ratio: number | null | undefined, digits = 0, locale?: string) {
  if (!isNumber(ratio)) return "—";
  const text = numberFormat(locale, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(ratio * 100);
  return `${text} %`;
}

/** A day count, whole or half (a median of two): "1 day", "34 days", "12.5 days", "—". */
export function formatDays(days: number | null | undefined, locale?: string): string {
  if (!isNumber(days)) return "—";
  const text = numberFormat(locale, { maximumFractionDigits: 1 }).format(days);
  return `${text} ${days === 1 ? "day" : "days"}`;
}

/** Short money for chart labels: "€500k", "€1.3m"; falls back to the code for unknown ones. */
export function formatMoneyCompact(amount: number, currency: string, locale?: string): string {
  try {
    return numberFormat(locale, {
      style: "currency",
      currency,
      notation: "compact",
      minimumFractionDigits: 0,
      maximumFractionDigits: 1,
    }).format(amount);
  } catch {
    const text = numberFormat(locale, {
      notation: "compact",
      maximumFractionDigits: 1,
    }).format(amount);
    return `${text} ${currency}`;
  }
}

/** A calendar date (YYYY-MM-DD) as people read it, without shifting it by the time zone. */
export function formatIsoDate(date: string, locale?: string): string {
  const value = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(value.getTime())) return date;
  return dateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(value);
}

/** Progress towards the target: "84 % of target", "—" when nothing is measured. */
export function formatProgress(progress: number | null | undefined, locale?: string): string {
  return isNumber(progress) ? `${formatPercent(progress, 0, locale)} of target` : "—";
}

/** A whole count, grouped as people read it: 10000 → "10,000". */
export function formatCount(count: number, locale?: string): string {
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(count);
}

/** "1 pilot", "3 pilots", "8,816 pilots". */
export function pilotCount(count: number, locale?: string): string {
  return `${formatCount(count, locale)} ${count === 1 ? "pilot" : "pilots"}`;
}

/** "Marketing", "Marketing and Finance", "Marketing, Finance and IT". */
export function listNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
