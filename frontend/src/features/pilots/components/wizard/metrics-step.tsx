import { Plus } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { useMetrics } from "../../records/metrics";
import { CustomerMetricHint, MetricDialog, MetricList } from "../metrics-section";
import { SectionState } from "../section";
import { StepFooter, StepIntro, type StepProps } from "./setup-wizard";

/** Step 4: how success will be measured, fixed before the pilot starts. */
export function MetricsStep({ workspaceId, pilot, goTo }: StepProps) {
  const metrics = useMetrics(workspaceId, pilot.id);
  const [adding, setAdding] = useState(false);
  const list = metrics.data ?? [];
  return (
    <div className="flex flex-col gap-5">
      <StepIntro>
        <p>
          Measure what the customer actually experiences (their machine downtime, their order lead
          time), not only internal figures like your cost per visit. Internal metrics may sit next
          to it; at least one must be customer-experienced.
        </p>
        <p>
          Give each a baseline (where it stands today) and a target (what success means), on the
          improving side: above the baseline when higher is better, below it when lower is. Every
          measurement is then compared with them: the lift is the change from the baseline.
        </p>
        <p>
          Mark the revenue metric and say whether its values are per month, quarter or year: the
          portfolio counts revenue gains per year. Once the pilot runs, these criteria are fixed.
        </p>
      </StepIntro>
      <SectionState
        pending={metrics.isPending}
        error={metrics.error}
        onRetry={() => void metrics.refetch()}
      >
        <CustomerMetricHint metrics={list} />
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h3 className="font-medium">Metrics</h3>
          <Button variant="outline" onClick={() => setAdding(true)}>
            <Plus aria-hidden="true" />
            Add metric
          </Button>
        </div>
        <MetricList workspaceId={workspaceId} pilot={pilot} metrics={list} editable />
        <MetricDialog
          workspaceId={workspaceId}
          pilot={pilot}
          metric={null}
          open={adding}
          onOpenChange={setAdding}
        />
      </SectionState>
      <StepFooter onBack={() => goTo("departments")}>
        <Button onClick={() => goTo("review")}>Continue to review</Button>
      </StepFooter>
    </div>
  );
}
