/**
 * Calendar dates (`YYYY-MM-DD`, no time of day) as the pilots list shows them. They are days,
 * not instants: parsing one with `new Date("2026-01-05")` would read UTC midnight and show the
 * day before west of Greenwich, so these helpers never go through a time zone.
 */

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

function parts(day: string): [number, number, number] {
  const match = PATTERN.exec(day);
  if (!match) throw new RangeError(`Not a calendar date: ${day}`);
  return [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
}

/** Whole calendar days from `day` to the local date of `today` (negative when `day` is later). */
export function daysSince(day: string, today: Date = new Date()): number {
  const [y, m, d] = parts(day);
  const local = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((local - Date.UTC(y, m, d)) / DAY_MS);
}

/**
 * "today", "yesterday", "12 days ago", "in 3 days"; then "2 months ago" from 60 days on and
 * "last year", "3 years ago" from a year on (rounded). Days up to two months, because the
 * health rules count in days (45 without an iteration stalls a running pilot).
 */
export function formatDaysAgo(day: string, today: Date = new Date(), locale?: string): string {
  const days = daysSince(day, today);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const size = Math.abs(days);
  const sign = days > 0 ? -1 : 1;
  if (size < 60) return format.format(-days, "day");
  if (size < 365) return format.format(sign * Math.round(size / 30.44), "month");
  return format.format(sign * Math.round(size / 365.25), "year");
}

/** The full date, e.g. "Jan 5, 2026" (the locale decides the order). */
export function formatCalendarDate(day: string, locale?: string): string {
  const [y, m, d] = parts(day);
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(Date.UTC(y, m, d)),
  );
}
