import { CircleCheck, Pause, TriangleAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { Tooltip } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils";
import { HEALTH_LABELS, type Health } from "../labels";
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
