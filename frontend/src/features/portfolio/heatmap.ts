import { intensity } from "./scales";
import type { EngagementColumn } from "./tables";

/**
 * The department heatmap's palette: the health colours, by what each engagement means for a
 * pilot. Engaged and champion are good (green), declined is bad (red), silent is a warning
 * (amber), invited is still neutral (grey). Darker means more involvements; the number is always
 * written in the cell and the column says what it counts, so colour is never alone.
 */
export type HeatColumn = EngagementColumn | "silent";
export type HeatTone = "neutral" | "good" | "bad" | "watch";

export const HEAT_TONES: Record<HeatColumn, HeatTone> = {
  invited: "neutral",
  engaged: "good",
  champion: "good",
  declined: "bad",
  silent: "watch",
};

export const TONE_WORDS: Record<HeatTone, string> = {
  good: "committed",
  neutral: "waiting for an answer",
  watch: "gone quiet",
  bad: "said no",
};

/** Shades 0–4 of each tone (Tailwind classes, written out so the build keeps them). */
export const HEAT_SHADES: Record<HeatTone, readonly [string, string, string, string, string]> = {
  neutral: [
    "text-muted-foreground",
    "bg-muted-foreground/10",
    "bg-muted-foreground/15",
    "bg-muted-foreground/20",
    "bg-muted-foreground/25",
  ],
  good: [
    "text-muted-foreground",
    "bg-success-foreground/10",
    "bg-success-foreground/15",
    "bg-success-foreground/20",
    "bg-success-foreground/30",
  ],
  bad: [
    "text-muted-foreground",
    "bg-danger-foreground/10",
    "bg-danger-foreground/15",
    "bg-danger-foreground/20",
    "bg-danger-foreground/30",
  ],
  watch: [
    "text-muted-foreground",
    "bg-warning-foreground/10",
    "bg-warning-foreground/15",
    "bg-warning-foreground/20",
    "bg-warning-foreground/30",
  ],
};

/** The classes of a cell: its column's tone, darker for a larger share of the largest count. */
export function heatCellClass(column: HeatColumn, count: number, max: number): string {
  return HEAT_SHADES[HEAT_TONES[column]][intensity(count, max)] ?? "";
}

const COUNT_WORDS: Record<HeatColumn, [string, string]> = {
  invited: ["involvement still only invited", "involvements still only invited"],
  engaged: ["engaged involvement", "engaged involvements"],
  champion: ["involvement as champion", "involvements as champion"],
  declined: ["declined involvement", "declined involvements"],
  silent: ["silent involvement", "silent involvements"],
};

/** What a cell's link says to a screen reader: "Marketing: 14 declined involvements. …". */
export function heatCellLabel(department: string, column: HeatColumn, count: number): string {
  const [one, many] = COUNT_WORDS[column];
  const which =
    column === "silent"
      ? `the pilots that involve ${department}`
      : `the pilots where ${department} is ${column === "champion" ? "a champion" : column}`;
  return `${department}: ${count} ${count === 1 ? one : many}. Show ${which}.`;
}
