import { STAGE_LABELS, STEPS, type Stage, type Step } from "../labels";
import type { Pilot } from "../queries";

/** The held states: shown in their own, collapsible column beside the lifecycle. */
export const HELD = ["paused", "stopped"] as const;
export type Held = (typeof HELD)[number];

/** Every drop target of the board, in the order a person reads (and the arrow keys move). */
export const TARGETS: readonly Stage[] = [...STEPS, ...HELD];

export function isHeld(stage: Stage): stage is Held {
  return stage === "paused" || stage === "stopped";
}

export type Columns = Record<Stage, Pilot[]>;

/** The pilots by stage, each column keeping the order of `pilots` (the list's sort). */
export function groupByStage(pilots: readonly Pilot[]): Columns {
  const columns = Object.fromEntries(TARGETS.map((s) => [s, [] as Pilot[]])) as Columns;
  for (const pilot of pilots) columns[pilot.stage].push(pilot);
  return columns;
}

/** The drop targets whose droppable is on screen, given whether the held column is open. */
export function visibleTargets(heldOpen: boolean): Stage[] {
  return heldOpen ? [...TARGETS] : [...STEPS];
}

/**
 * The target the arrow keys go to from `from` (a stage id): one step left or right among the
 * visible ones, staying put at either end.
 */
export function neighbour(targets: readonly Stage[], from: Stage, direction: -1 | 1): Stage {
  const index = targets.indexOf(from);
  if (index === -1) return targets[0] ?? from;
  return targets[Math.min(targets.length - 1, Math.max(0, index + direction))] ?? from;
}

/**
 * What dropping `pilot` on `to` asks for: nothing (its own column), or the gate check, after
 * which pausing or stopping also asks for the reason (and, to stop, the lessons learned).
 */
export type MoveKind = { kind: "none" } | { kind: "gate"; to: Stage; needsReason: boolean };

export function moveKind(pilot: Pick<Pilot, "stage">, to: Stage): MoveKind {
  if (pilot.stage === to) return { kind: "none" };
  return { kind: "gate", to, needsReason: isHeld(to) };
}

const ACTIVE: readonly Stage[] = ["proposed", "selecting", "running", "scale_review", "scaling"];

/**
 * The stages the lifecycle lets `pilot` move to next (the gate comes on top): the next step,
 * back to running from the scale review, pause or stop while active, resume or stop when paused.
 * The API's `allowed_moves`, so the "Move to…" menu offers only these.
 */
export function allowedMoves(pilot: Pick<Pilot, "stage" | "paused_from">): Stage[] {
  const moves: Stage[] = [];
  const index = STEPS.indexOf(pilot.stage as Step);
  if (index !== -1 && index < STEPS.length - 1) moves.push(STEPS[index + 1] as Step);
  if (pilot.stage === "scale_review") moves.push("running");
  if (ACTIVE.includes(pilot.stage)) moves.push("paused", "stopped");
  if (pilot.stage === "paused") {
    if (pilot.paused_from) moves.push(pilot.paused_from);
    moves.push("stopped");
  }
  return moves;
}

/** "Resume in Running" reads better than "Running" for the stage a paused pilot left. */
export function moveLabel(pilot: Pick<Pilot, "stage" | "paused_from">, to: Stage): string {
  if (pilot.stage === "paused" && pilot.paused_from === to) return `Resume in ${STAGE_LABELS[to]}`;
  if (to === "paused") return "Pause…";
  if (to === "stopped") return "Stop…";
  return STAGE_LABELS[to];
}

/** "12 days in stage", "Since today". */
export function daysInStage(days: number): string {
  if (days <= 0) return "Since today";
  return `${days} day${days === 1 ? "" : "s"} in stage`;
}

export function isStep(stage: Stage): stage is Step {
  return (STEPS as readonly Stage[]).includes(stage);
}
