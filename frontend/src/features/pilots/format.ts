/** Lift as a signed percentage with an arrow: "▲ 35.0 %", "▼ 4.2 %", "0.0 %"; "—" when unknown. */
export function formatLift(lift: number | null | undefined): string {
  if (lift === null || lift === undefined || !Number.isFinite(lift)) return "—";
  const pct = lift * 100;
  const rounded = Math.round(pct * 10) / 10;
  if (rounded === 0) return "0.0 %";
  const arrow = rounded > 0 ? "▲" : "▼";
  const sign = rounded > 0 ? "+" : "−";
  return `${arrow} ${sign}${Math.abs(rounded).toFixed(1)} %`;
}

/** Words for screen readers: "up 35.0 percent". */
export function describeLift(lift: number | null | undefined): string {
  if (lift === null || lift === undefined || !Number.isFinite(lift)) return "no lift yet";
  const rounded = Math.round(lift * 1000) / 10;
  if (rounded === 0) return "no change";
  return `${rounded > 0 ? "improved" : "worsened"} by ${Math.abs(rounded).toFixed(1)} percent`;
}

export function liftTone(lift: number | null | undefined): "success" | "danger" | "neutral" {
  if (lift === null || lift === undefined || Math.round(lift * 1000) === 0) return "neutral";
  return lift > 0 ? "success" : "danger";
}

export function formatNumber(value: number | null | undefined, unit = ""): string {
  if (value === null || value === undefined) return "—";
  const text = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(value);
  return unit ? `${text} ${unit}` : text;
}

/** Progress towards the target, clamped to 0–100 for a bar. */
export function progressPercent(progress: number | null | undefined): number | null {
  if (progress === null || progress === undefined || !Number.isFinite(progress)) return null;
  return Math.max(0, Math.min(100, Math.round(progress * 100)));
}

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * "3 March 2027", as the API's gate messages write a day. A calendar date (`YYYY-MM-DD`) is the
 * day itself; a timestamp is read as the local day it fell on.
 */
export function dayInWords(value: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const [year, month, date] = day
    ? [Number(day[1]), Number(day[2]) - 1, Number(day[3])]
    : (() => {
        const at = new Date(value);
        return [at.getFullYear(), at.getMonth(), at.getDate()];
      })();
  return `${date} ${MONTHS[month]} ${year}`;
}
