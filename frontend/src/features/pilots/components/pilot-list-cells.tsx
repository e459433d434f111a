import { Check, Mail, Star, X } from "lucide-react";
import { Tooltip } from "@/components/ui/tooltip";
import { cn } from "@/lib/utils";
import { formatCalendarDate, formatDaysAgo } from "../calendar-date";
import type { Engagement } from "../labels";
import type { Pilot } from "../queries";
import { PilotStatusBadge } from "./health-badge";

type Department = Pilot["departments"][number];

/** Each engagement as an icon and a word; the colour only repeats what they say. */
const ENGAGEMENT = {
  champion: {
    word: "champion",
    Icon: Star,
    className: "border-success-border bg-success text-success-foreground",
  },
  engaged: {
    word: "engaged",
    Icon: Check,
    className: "border-success-border bg-success text-success-foreground",
  },
  invited: { word: "invited", Icon: Mail, className: "border-dashed border-border bg-card" },
  declined: {
    word: "declined",
    Icon: X,
    className: "border-border bg-muted text-muted-foreground",
  },
} as const satisfies Record<Engagement, object>;

function Chip({ department }: { department: Department }) {
  const { word, Icon, className } = ENGAGEMENT[department.status];
  return (
    <span
      className={cn(
        "inline-flex max-w-full items-center gap-1 rounded-md border px-1.5 py-0.5 text-xs leading-4 [&_svg]:size-3 [&_svg]:shrink-0",
        className,
      )}
    >
      <Icon aria-hidden="true" />
      <span className="min-w-0 break-words font-medium">{department.name}</span>
      {/* The space keeps "Sales · engaged" apart for screen readers; the gap spaces it on screen. */}
      <span className="whitespace-nowrap font-normal"> · {word}</span>
    </span>
  );
}

function describe(department: Department): string {
  return `${department.name} (${ENGAGEMENT[department.status].word})`;
}

/**
 * The pilot's departments as compact chips, each saying its engagement in words. With `limit`,
 * the chips past it fold into a "+N more" one whose list shows on hover and keyboard focus.
 */
export function DepartmentChips({
  departments,
  limit,
}: {
  departments: Department[];
  limit?: number;
}) {
  if (departments.length === 0) return <Nothing />;
  // Folding a single chip saves no room: fold only two or more.
  const shown =
    limit !== undefined && departments.length > limit + 1
      ? departments.slice(0, limit)
      : departments;
  const folded = departments.slice(shown.length);
  return (
    // No name of its own: the column header or the card's "Departments" term says what it is.
    <ul className="flex flex-wrap gap-1">
      {shown.map((d) => (
        <li key={d.department_id} className="max-w-full">
          <Chip department={d} />
        </li>
      ))}
      {folded.length > 0 && (
        <li>
          <Tooltip
            content={
              <ul className="flex flex-col gap-1">
                {folded.map((d) => (
                  <li key={d.department_id}>
                    <Chip department={d} />
                  </li>
                ))}
              </ul>
            }
          >
            <button
              type="button"
              aria-label={`${folded.length} more: ${folded.map(describe).join(", ")}`}
              className="inline-flex cursor-help items-center rounded-md border bg-card px-1.5 py-0.5 text-xs leading-4 text-muted-foreground"
            >
              +{folded.length} more
            </button>
          </Tooltip>
        </li>
      )}
    </ul>
  );
}

/**
 * The latest iteration date, relative ("12 days ago"). The full date shows on hover and is read
 * by screen readers; `full` also shows it on screen (phones have no hover).
 */
export function LastIteration({
  day,
  today,
  full = false,
}: {
  day: string | null;
  today?: Date;
  full?: boolean;
}) {
  if (!day) return <Nothing />;
  const absolute = formatCalendarDate(day);
  return (
    <time dateTime={day} title={absolute} className="tabular-nums">
      {formatDaysAgo(day, today)}
      {full ? (
        <span className="text-muted-foreground"> · {absolute}</span>
      ) : (
        <span className="sr-only"> ({absolute})</span>
      )}
    </time>
  );
}

function Nothing() {
  return (
    <span className="text-muted-foreground">
      <span aria-hidden="true">—</span>
      <span className="sr-only">None</span>
    </span>
  );
}

/**
 * Where the pilot stands: its health with the reasons one hover or focus away while it is under
 * way; its outcome ("Adopted", "Stopped: <reason>") once closed.
 */
export function PilotStatus({ pilot }: { pilot: Pilot }) {
  return (
    <PilotStatusBadge
      stage={pilot.stage}
      health={pilot.health}
      reasons={pilot.health_reasons}
      stopReason={pilot.stop_reason}
      title={pilot.title}
    />
  );
}

/**
 * The departments in one short line for compact rows: "3 · 2 engaged"; the full list with each
 * engagement shows on hover and keyboard focus.
 */
export function DepartmentCount({ departments }: { departments: Department[] }) {
  if (departments.length === 0) return <Nothing />;
  const engaged = departments.filter(
    (d) => d.status === "engaged" || d.status === "champion",
  ).length;
  return (
    <Tooltip
      content={
        <ul className="flex flex-col gap-1">
          {departments.map((d) => (
            <li key={d.department_id}>
              <Chip department={d} />
            </li>
          ))}
        </ul>
      }
    >
      <button
        type="button"
        aria-label={`${departments.length} department${departments.length === 1 ? "" : "s"}: ${departments.map(describe).join(", ")}`}
        className="cursor-help whitespace-nowrap rounded text-sm tabular-nums"
      >
        {departments.length}
        <span className="text-muted-foreground"> · {engaged} engaged</span>
      </button>
    </Tooltip>
  );
}
