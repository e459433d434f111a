import { formatCount, pilotCount } from "../format";
import { liftRanking, timeInStageRows } from "../tables";
import type { Portfolio } from "../types";
import { ChartCard } from "./chart-card";
import { DepartmentHeatmap } from "./department-heatmap";
import { LiftChart, LiftTable } from "./lift-chart";
import { TimeInStageChart, TimeInStageTable } from "./stage-charts";

/**
 * The report's last part: outcomes ranked by lift, time in stage and the departments' heatmap.
 * Loaded lazily (React.lazy): the first screen does not need it.
 */
export default function ReportLower({
  workspaceId,
  data,
  currency,
}: {
  workspaceId: string;
  data: Portfolio;
  currency: string;
}) {
  const ranked = liftRanking(data.points);
  const times = timeInStageRows(data.time_in_stage);
  return (
    <>
      {/* On paper, the outcomes and the departments share the second page's lower half. */}
      <div className="portfolio-page grid items-start gap-6 lg:grid-cols-2 print:grid-cols-2 print:gap-3">
        <ChartCard
          id="outcomes"
          className="print:col-start-1 print:row-start-1"
          title="Outcomes ranked by lift"
          description={
            <>
              Revenue lift of every pilot that measures revenue, best first.{" "}
              {pilotCount(data.outcomes.adopted)} adopted, {formatCount(data.outcomes.stopped)}{" "}
              stopped.
            </>
          }
          chart={
            ranked.length === 0 ? (
              <p className="text-sm text-muted-foreground">
                No pilot has measured its revenue metric yet.
              </p>
            ) : (
              <LiftChart workspaceId={workspaceId} rows={ranked} />
            )
          }
          table={<LiftTable rows={ranked} currency={currency} />}
        />
        <ChartCard
          id="time-in-stage"
          className="print:col-start-1 print:row-start-2"
          title="Time in stage"
          description="Median and longest days spent in each stage."
          chart={<TimeInStageChart rows={times} />}
          table={<TimeInStageTable rows={times} />}
        />
        <div className="lg:col-span-2 print:col-span-1 print:col-start-2 print:row-span-2 print:row-start-1">
          <DepartmentHeatmap workspaceId={workspaceId} departments={data.departments} />
        </div>
      </div>
    </>
  );
}
