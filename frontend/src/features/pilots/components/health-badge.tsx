import { CircleCheck, CircleSlash, Pause, TriangleAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Tooltip } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils";
import { HEALTH_LABELS, type Health, type Stage } from "../labels";
import type { Pilot } from "../queries";

type Reason = Pilot["health_reasons"][number];

const META = {
  on_track: { tone: "success", Icon: CircleCheck },
  at_risk: { tone: "warning", Icon: TriangleAlert },
  stalled: { tone: "danger", Icon: Pause },
} as const;

/** Health as an icon and a word, never colour alone. */
export function HealthBadge({ health, className }: { health: Health; className?: string }) {
  const { tone, Icon } = META[health];
  return (
    <Badge tone={tone} className={className}>
      <Icon aria-hidden="true" />
      {HEALTH_LABELS[health]}
    </Badge>
  );
}

/** The badge, with its reasons one hover or keyboard focus away. */
export function HealthWithReasons({
  health,
  reasons,
  title,
}: {
  health: Health;
  reasons: Reason[];
  title: string;
}) {
  if (reasons.length === 0) return <HealthBadge health={health} />;
  return (
    <Tooltip
      content={
        <ul className="flex flex-col gap-1.5">
          {reasons.map((r) => (
            <li key={r.code} className="flex gap-2">
              <ReasonIcon severity={r.severity} />
              <span>{r.message}</span>
            </li>
          ))}
        </ul>
      }
    >
      <button
        type="button"
        aria-label={`${HEALTH_LABELS[health]}: ${title}. ${reasons.length} reason${reasons.length === 1 ? "" : "s"}`}
        className="cursor-help rounded-full"
      >
        <HealthBadge health={health} />
      </button>
    </Tooltip>
  );
}

/** A pilot is closed once adopted or stopped: it shows its outcome, not a health badge. */
export function isClosedStage(stage: Stage): stage is "adopted" | "stopped" {
  return stage === "adopted" || stage === "stopped";
}

/** The status in words, for tables and tooltips: the outcome once closed, else the health. */
export function pilotStatusLabel(stage: Stage, health: Health): string {
  if (stage === "adopted") return "Adopted";
  if (stage === "stopped") return "Stopped";
  return HEALTH_LABELS[health];
}

/**
 * A pilot's status wherever a health badge would show: its health (with its reasons one hover or
 * focus away) while it is under way; its outcome once closed — "Adopted", or "Stopped: <reason>"
 * with the reason truncated and its full text on hover or keyboard focus. A closed pilot is never
 * "On track".
 */
export function PilotStatusBadge({
  stage,
  health,
  reasons = [],
  stopReason,
  title,
  className,
}: {
  stage: Stage;
  health: Health;
  /** The health reasons; shown on hover/focus while the pilot is under way. */
  reasons?: Reason[];
  /** Why the pilot was stopped (`stop_reason` on pilot reads), when known. */
  stopReason?: string | null;
  /** The pilot's title, for the accessible name of the focusable badge. */
  title?: string;
  className?: string;
}) {
  if (stage === "adopted")
    return (
      <Badge tone="success" className={className}>
        <CircleCheck aria-hidden="true" />
        Adopted
      </Badge>
    );
  if (stage === "stopped") {
    const reason = stopReason?.trim();
    const badge = (
      <Badge tone="neutral" className={cn("max-w-full", className)}>
        <CircleSlash aria-hidden="true" />
        <span className="min-w-0 truncate">
          Stopped{reason ? <span className="font-normal">: {reason}</span> : null}
        </span>
      </Badge>
    );
    if (!reason) return badge;
    return (
      <Tooltip content={<p>Stopped: {reason}</p>}>
        <button
          type="button"
          aria-label={`Stopped${title ? `: ${title}` : ""}. Reason: ${reason}`}
          className="inline-flex max-w-[min(11rem,55vw)] min-w-0 cursor-help rounded-full"
        >
          {badge}
        </button>
      </Tooltip>
    );
  }
  if (title !== undefined)
    return <HealthWithReasons health={health} reasons={reasons} title={title} />;
  return <HealthBadge health={health} className={className} />;
}

export function ReasonIcon({
  severity,
  className,
}: {
  severity: Reason["severity"];
  className?: string;
}) {
  const Icon = severity === "stalled" ? Pause : TriangleAlert;
  return (
    <Icon
      aria-hidden="true"
      className={cn(
        "mt-0.5 size-4 shrink-0",
        severity === "stalled" ? "text-danger-foreground" : "text-warning-foreground",
        className,
      )}
    />
  );
}
