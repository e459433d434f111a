/**
 * The bubble chart's grouped pilots: past a few hundred, the portfolio sends the pilots that
 * matter most as marks and counts the rest by risk level × progress band (`point_bins`). These
 * turn a bin into what the chart draws, what it says and where it links.
 */

import { formatMoney } from "@/features/customers/format";
import type { PilotSearch } from "@/features/pilots/search";
import { formatCount, pilotCount } from "./format";
import type { PortfolioSearch } from "./search";
import { RISK_BAND_LABELS, type RiskBand } from "./tables";
import type { PointBin } from "./types";

export type ProgressBand = PointBin["progress_band"];

export const PROGRESS_BAND_LABELS: Record<ProgressBand, string> = {
  none: "no progress measured",
  "0-25": "under 25 % of target",
  "25-50": "25–50 % of target",
  "50-75": "50–75 % of target",
  "75-100": "75–100 % of target",
  "100+": "at or past target",
};

/** Where a band sits on the progress axis (its middle; at-or-past target just above 100 %). */
export const PROGRESS_BAND_VALUE: Record<Exclude<ProgressBand, "none">, number> = {
  "0-25": 0.125,
  "25-50": 0.375,
  "50-75": 0.625,
  "75-100": 0.875,
  "100+": 1.1,
};

export function binBand(bin: PointBin): RiskBand {
  return bin.risk_level ?? "unrated";
}

export function binKey(bin: PointBin): string {
  return `${bin.risk_level ?? "unrated"}:${bin.progress_band}`;
}

/** The bin's health mix as shares of its count, stalled first (for the shading). */
export function healthMix(bin: PointBin): { stalled: number; at_risk: number; on_track: number } {
  const n = Math.max(1, bin.count);
  return { stalled: bin.stalled / n, at_risk: bin.at_risk / n, on_track: bin.on_track / n };
}

/** The bin in words: for its link's name, its tooltip and the table. */
export function describeBin(bin: PointBin, currency: string): string {
  const band = binBand(bin);
  const risk = band === "unrated" ? "risk not rated" : `${RISK_BAND_LABELS[band]} risk`;
  const health = [
    bin.stalled > 0 ? `${formatCount(bin.stalled)} stalled` : null,
    bin.at_risk > 0 ? `${formatCount(bin.at_risk)} at risk` : null,
    bin.on_track > 0 ? `${formatCount(bin.on_track)} on track` : null,
  ].filter(Boolean);
  return `${pilotCount(bin.count)} grouped, ${risk}, ${PROGRESS_BAND_LABELS[bin.progress_band]}: ${health.join(", ")}; ${formatMoney(bin.revenue_at_stake, currency)} at stake`;
}

/**
 * The pilots list behind a bin: the portfolio's filters plus the bin's risk level (the list has
 * no progress filter, so it shows every pilot of that risk; a pilot with no risk level cannot be
 * filtered for, so that bin leads to the list with the portfolio's filters only).
 */
export function binPilotsSearch(bin: PointBin, search: PortfolioSearch): PilotSearch {
  return {
    stage: search.stage,
    health: search.health,
    risk: bin.risk_level ?? search.risk,
    owner: search.owner,
    department: search.department,
    q: search.q,
  };
}

/** "300 pilots shown individually, 9,700 grouped by risk and progress." */
export function binSummary(shown: number, total: number): string | null {
  const grouped = Math.max(0, total - shown);
  if (grouped === 0) return null;
  return `${formatCount(shown)} of ${pilotCount(total)} shown individually (stalled, at risk and the most revenue at stake first); the other ${formatCount(grouped)} are grouped by risk and progress, each group with its count.`;
}
