import { CircleCheck, type LucideIcon, Pause, TriangleAlert } from "lucide-react";
import type * as React from "react";
import { useId } from "react";
import { Card } from "@/components/ui/card";
import { formatMoney } from "@/features/customers/format";
import { describeLift, formatLift, liftTone } from "@/features/pilots/format";
import { cn } from "@/lib/utils";
import { formatCount, formatDays, formatPercent } from "../format";
import type { PortfolioOutcomes, PortfolioTotals } from "../types";

const TONES = {
  neutral: "text-foreground",
  success: "text-success-foreground",
  warning: "text-warning-foreground",
  danger: "text-danger-foreground",
} as const;

function Tile({
  label,
  value,
  note,
  icon: Icon,
  tone = "neutral",
  srValue,
}: {
  label: string;
  value: React.ReactNode;
  note?: React.ReactNode;
  icon?: LucideIcon;
  tone?: keyof typeof TONES;
  /** What a screen reader says instead of the value (e.g. words for an arrow). */
  srValue?: string;
}) {
  const id = useId();
  return (
    <li aria-labelledby={id} className="min-w-0">
      <Card className="flex h-full min-w-0 flex-col gap-1 px-4 py-3.5 print:break-inside-avoid">
        <p id={id} className="flex items-center gap-1.5 text-xs font-medium text-muted-foreground">
          {Icon && <Icon aria-hidden="true" className={cn("size-3.5 shrink-0", TONES[tone])} />}
          {label}
        </p>
        <p
          className={cn(
            "text-xl font-semibold tracking-tight tabular-nums sm:text-2xl print:text-lg",
            TONES[tone],
          )}
        >
          {srValue ? (
            <>
              <span aria-hidden="true">{value}</span>
              <span className="sr-only">{srValue}</span>
            </>
          ) : (
            value
          )}
        </p>
        {note && <p className="text-xs text-muted-foreground">{note}</p>}
      </Card>
    </li>
  );
}

/** The figures an executive reads first: where pilots stand, and what they returned. */
export function Headline({
  totals,
  outcomes,
  currency,
}: {
  totals: PortfolioTotals;
  outcomes: PortfolioOutcomes;
  currency: string;
}) {
  const liftTones = { success: "success", danger: "danger", neutral: "neutral" } as const;
  return (
    <section aria-labelledby="headline-title" className="flex flex-col gap-3">
      <h2 id="headline-title" className="sr-only">
        Headline figures
      </h2>
      <ul
        aria-label="Where pilots stand"
        className="grid grid-cols-2 gap-3 lg:grid-cols-4 print:grid-cols-4"
      >
        <Tile
          label="Pilots"
          value={formatCount(totals.pilots)}
          note={`${formatCount(totals.active)} active`}
        />
        <Tile
          label="On track"
          value={formatCount(totals.on_track)}
          icon={CircleCheck}
          tone="success"
          note="of the active pilots"
        />
        <Tile
          label="At risk"
          value={formatCount(totals.at_risk)}
          icon={TriangleAlert}
          tone={totals.at_risk > 0 ? "warning" : "neutral"}
          note="a rule says watch out"
        />
        <Tile
          label="Stalled"
          value={formatCount(totals.stalled)}
          icon={Pause}
          tone={totals.stalled > 0 ? "danger" : "neutral"}
          note="nothing moving"
        />
      </ul>
      <ul
        aria-label="What they returned"
        className="grid grid-cols-2 gap-3 lg:grid-cols-4 print:grid-cols-4"
      >
        <Tile
          label="Win rate"
          value={formatPercent(outcomes.win_rate)}
          note={
            outcomes.win_rate === null
              ? "none adopted or stopped yet"
              : `${formatCount(outcomes.adopted)} adopted · ${formatCount(outcomes.stopped)} stopped`
          }
        />
        <Tile
          label="Revenue gain"
          value={formatMoney(outcomes.total_revenue_gain, currency)}
          note="from pilots scaling or adopted"
        />
        <Tile
          label="Median revenue lift"
          value={formatLift(outcomes.median_revenue_lift)}
          srValue={describeLift(outcomes.median_revenue_lift)}
          tone={liftTones[liftTone(outcomes.median_revenue_lift)]}
          note="over every pilot that measures revenue"
        />
        <Tile
          label="Time to scale decision"
          value={formatDays(outcomes.median_days_to_scale_decision)}
          note="median, from running to the scale decision"
        />
      </ul>
    </section>
  );
}
