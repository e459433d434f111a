import { CircleCheck, CircleHelp, type LucideIcon, OctagonX, TriangleAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";

export type StatusTone = "success" | "warning" | "danger";

export type StatusDescription = { tone: StatusTone; label: string; icon: LucideIcon };

const OK = new Set(["ok", "healthy", "up", "pass", "operational"]);
const DEGRADED = new Set(["degraded", "warn", "warning", "slow"]);
const DOWN = new Set(["error", "down", "fail", "failed", "unavailable", "unreachable"]);

function humanise(value: string): string {
  const words = value.replace(/[_-]+/g, " ").trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : "Unknown";
}

/** Maps a status word from the API to a tone, a word and an icon (never colour alone). */
export function describeStatus(value: string): StatusDescription {
  const key = value.trim().toLowerCase();
  if (OK.has(key)) return { tone: "success", label: "Operational", icon: CircleCheck };
  if (DEGRADED.has(key)) return { tone: "warning", label: "Degraded", icon: TriangleAlert };
  if (DOWN.has(key)) return { tone: "danger", label: "Down", icon: OctagonX };
  return { tone: "warning", label: humanise(value), icon: CircleHelp };
}

const SEVERITY: Record<StatusTone, number> = { success: 0, warning: 1, danger: 2 };

/** The most severe of several tones, for an overall summary. */
export function worstTone(tones: StatusTone[]): StatusTone {
  return tones.reduce<StatusTone>(
    (worst, tone) => (SEVERITY[tone] > SEVERITY[worst] ? tone : worst),
    "success",
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { tone, label, icon: Icon } = describeStatus(status);
  return (
    <Badge tone={tone}>
      <Icon aria-hidden="true" />
      {label}
    </Badge>
  );
}
