import { Link, useNavigate } from "@tanstack/react-router";
import { CalendarClock, ChevronDown, Download, FlaskConical, Printer, SearchX } from "lucide-react";
import {
  lazy,
  memo,
  Suspense,
  startTransition,
  useDeferredValue,
  useEffect,
  useLayoutEffect,
  useMemo,
  useState,
} from "react";
import { DeferredMenu } from "@/components/deferred-menu";
import { EmptyState, ListError } from "@/components/list-states";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { useAllDepartments } from "@/features/departments/queries";
import { useMembers } from "@/features/members/queries";
import { HEALTH_LABELS, RISK_LABELS, STAGE_LABELS } from "@/features/pilots/labels";
import { canDecide, canEdit } from "@/features/pilots/permissions";
import { useMembership, useWorkspace } from "@/features/workspaces/queries";
import { endBoot } from "@/lib/boot";
import { useDocumentTitle } from "@/lib/use-document-title";
import { cn } from "@/lib/utils";
import { binBand, binSummary } from "../bins";
import { formatCount, formatIsoDate } from "../format";
import { usePagedList, usePortfolio } from "../queries";
import {
  type BubbleY,
  compactSearch,
  daysBetween,
  hasFilters,
  type PortfolioSearch,
  portfolioCsvHref,
  todayIso,
  withoutFilters,
} from "../search";
import { bubbleRows, funnelRows, withStages } from "../tables";
import type { Portfolio } from "../types";
import { AttentionList, DecisionsWaiting } from "./attention";
import { ChartCard } from "./chart-card";
import { Headline } from "./headline";
import { PortfolioFilters } from "./portfolio-filters";
import "./print.css";

const ReportLower = lazy(() => import("./report-lower"));
// The charts (their layout maths, marks and tables) come in chunks of their own, fetched while the
// figures and the attention list above them render.
const loadBubbleChart = () => import("./bubble-chart");
const BubbleChart = lazy(() => loadBubbleChart().then((m) => ({ default: m.BubbleChart })));
const BubbleTable = lazy(() => loadBubbleChart().then((m) => ({ default: m.BubbleTable })));
const BinList = lazy(() => loadBubbleChart().then((m) => ({ default: m.BinList })));
const loadStageCharts = () => import("./stage-charts");
const FunnelChart = lazy(() => loadStageCharts().then((m) => ({ default: m.FunnelChart })));
const FunnelTable = lazy(() => loadStageCharts().then((m) => ({ default: m.FunnelTable })));
const loadMenus = () => import("./report-menus");
/** How many decisions waiting the card shows at first, and how many more at each "Show more". */
const WAITING_STEP = 10;

type PortfolioPageProps = { workspaceId: string; search: PortfolioSearch };

export function PortfolioPage(props: PortfolioPageProps) {
  useDocumentTitle("Portfolio");
  // Mounting the page (filters, menus, report) is a long piece of work: the first render draws
  // its outline only, and the page mounts right after in the background (a transition, rendered
  // in slices). On the first load index.html's outline stays on screen until then.
  const [mounted, setMounted] = useState(false);
  useEffect(() => startTransition(() => setMounted(true)), []);
  useLayoutEffect(() => {
    if (mounted) endBoot();
  }, [mounted]);
  return mounted ? <PortfolioContent {...props} /> : <PortfolioOutline />;
}

function PortfolioContent({ workspaceId, search }: PortfolioPageProps) {
  const workspace = useWorkspace(workspaceId);
  const membership = useMembership(workspaceId);
  const portfolio = usePortfolio(workspaceId, search);
  const members = useMembers(workspaceId);
  const departments = useAllDepartments(workspaceId);
  const currency = workspace.data?.currency ?? "EUR";

  const memberOptions = useMemo(
    () => (members.data ?? []).map((m) => ({ value: m.user_id, label: m.name })),
    [members.data],
  );
  const departmentOptions = useMemo(
    () => (departments.data ?? []).map((d) => ({ value: d.id, label: d.name })),
    [departments.data],
  );
  const filterWords = describeFilters(search, memberOptions, departmentOptions);
  const data = portfolio.data;
  // The report (figures, lists and charts of thousands of pilots) renders in the background, in
  // slices that keep the page responsive: the skeleton, or the figures it replaces, stay on screen
  // until it is ready. Also on the first render, when the figures may already be here.
  const report = useDeferredValue(data, null) ?? undefined;
  const updating = (portfolio.isFetching && portfolio.isPlaceholderData) || report !== data;

  return (
    <div data-portfolio-report className="flex flex-col gap-6">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div className="flex min-w-0 flex-col gap-1">
          <p className="hidden text-sm text-muted-foreground print:block">
            {workspace.data?.name ?? "Pilotboard"} · Pilotboard
          </p>
          <h1 className="text-2xl font-semibold tracking-tight">Portfolio</h1>
          <p className="text-sm text-muted-foreground">
            {report ? (
              <>
                As of <time dateTime={report.as_of}>{formatIsoDate(report.as_of)}</time>
                {filterWords ? ` · ${filterWords}` : ""}
              </>
            ) : (
              "Where every pilot stands, what it returned and what waits on a decision."
            )}
          </p>
        </div>
        <div className="flex shrink-0 flex-wrap gap-2 print:hidden">
          <Button variant="ghost" asChild>
            <Link
              to="/w/$workspaceId/learning"
              params={{ workspaceId }}
              search={compactSearch({ ...search, y: undefined })}
            >
              What your portfolio teaches →
            </Link>
          </Button>
          <DeferredMenu
            load={loadMenus}
            menu={(m, props) => (
              <m.CsvMenu
                {...props}
                spreadsheetHref={portfolioCsvHref(workspaceId, search, { labels: true })}
                machineHref={portfolioCsvHref(workspaceId, search)}
              />
            )}
            trigger={
              <Button variant="outline">
                <Download aria-hidden="true" />
                Download CSV
                <ChevronDown aria-hidden="true" />
              </Button>
            }
          />
          <DeferredMenu
            load={loadMenus}
            menu={(m, props) => <m.PrintMenu {...props} onPrint={printReport} />}
            trigger={
              <Button variant="outline">
                <Printer aria-hidden="true" />
                Print
                <ChevronDown aria-hidden="true" />
              </Button>
            }
          />
        </div>
      </div>

      <PortfolioFilters
        workspaceId={workspaceId}
        search={search}
        members={memberOptions}
        departments={departmentOptions}
      />

      {report && <ProjectionNote workspaceId={workspaceId} search={search} asOf={report.as_of} />}

      {portfolio.isError && !data ? (
        <ListError
          what="the portfolio"
          error={portfolio.error}
          onRetry={() => void portfolio.refetch()}
          retrying={portfolio.isFetching}
        />
      ) : !report ? (
        <PortfolioSkeleton />
      ) : report.totals.pilots === 0 ? (
        hasFilters(search) ? (
          <EmptyState
            icon={SearchX}
            title="No pilots match these filters"
            action={
              <Button variant="outline" asChild>
                <Link
                  to="/w/$workspaceId/portfolio"
                  params={{ workspaceId }}
                  search={compactSearch(withoutFilters(search))}
                >
                  Clear filters
                </Link>
              </Button>
            }
          >
            Try another stage, health or department, or clear the filters to see the whole
            portfolio.
          </EmptyState>
        ) : (
          <EmptyState
            icon={FlaskConical}
            title="No pilots yet"
            action={
              canEdit(membership?.role) ? (
                <Button asChild>
                  <Link to="/w/$workspaceId/pilots" params={{ workspaceId }}>
                    Start a pilot
                  </Link>
                </Button>
              ) : undefined
            }
          >
            {canEdit(membership?.role)
              ? "The portfolio fills in as pilots start: their stage, health, results and the decisions they wait on. Start the first one from the pilots page."
              : "The portfolio fills in when the innovation team starts its first pilot: stages, health, results and the decisions waiting on executives."}
          </EmptyState>
        )
      ) : (
        <div
          aria-busy={updating}
          className={cn("flex flex-col gap-6 transition-opacity", updating && "opacity-60")}
        >
          {updating && (
            <p role="status" className="sr-only">
              Updating the portfolio…
            </p>
          )}
          <Report
            workspaceId={workspaceId}
            data={report}
            y={search.y ?? "progress"}
            currency={currency}
            decider={canDecide(membership?.role)}
            search={search}
          />
        </div>
      )}
    </div>
  );
}

/** Memoised: the page re-renders as its lists arrive (members, departments), the report need not. */
const Report = memo(function Report({
  workspaceId,
  data,
  y,
  currency,
  decider,
  search,
}: {
  workspaceId: string;
  data: Portfolio;
  y: BubbleY;
  currency: string;
  decider: boolean;
  search: PortfolioSearch;
}) {
  const navigate = useNavigate();
  // Kept from render to render (a hover, a page of attention items) so the charts, which memoise
  // their layout on these, do not lay out again.
  const funnel = useMemo(() => funnelRows(data.stages), [data.stages]);
  const bubbles = useMemo(() => bubbleRows(data.points, y), [data.points, y]);
  const bins = useMemo(() => data.point_bins ?? [], [data.point_bins]);
  const pointsTotal = data.points_total ?? data.points.length;
  // The chart draws the groups on the progress axis, in the risk columns it shows; the rest are
  // listed under it (groups carry no revenue lift, and "no progress" has no height).
  const binsDrawn = (b: (typeof bins)[number]) =>
    y === "progress" &&
    b.progress_band !== "none" &&
    (binBand(b) !== "unrated" || bubbles.bands.includes("unrated"));
  const binsListed = bins.filter((b) => !binsDrawn(b));
  // biome-ignore lint/correctness/useExhaustiveDependencies: binsDrawn is a function of bins, y and the bands
  const binsOnChart = useMemo(() => bins.filter(binsDrawn), [bins, y, bubbles.bands]);
  const grouped = binSummary(data.points.length, pointsTotal);
  // The portfolio carries the first 50 of each list and its total; the rest come a page at a time.
  const attention = usePagedList(
    "attention",
    workspaceId,
    search,
    data.attention,
    data.attention_total ?? data.attention.length,
  );
  const waiting = usePagedList(
    "decisions-waiting",
    workspaceId,
    search,
    data.decisions_waiting,
    data.decisions_waiting_total ?? data.decisions_waiting.length,
    // Ten at a time, so the card stays beside the attention list rather than far below it.
    WAITING_STEP,
  );
  const overdue = new Set(
    attention.items
      .filter((a) => a.reasons.some((r) => r.code === "scale_decision_overdue"))
      .map((a) => a.pilot_id),
  );
  const setY = (next: BubbleY) =>
    void navigate({
      to: "/w/$workspaceId/portfolio",
      params: { workspaceId },
      search: compactSearch({ ...search, y: next === "progress" ? undefined : next }),
      replace: true,
    });

  return (
    <>
      {/* On paper the first page is one grid: the figures across, what needs attention on the
          left, and the decisions and the stage charts stacked on the right. */}
      <div className="portfolio-page flex flex-col gap-6 print:grid print:grid-cols-3 print:items-start print:gap-3">
        <div className="print:col-span-3">
          <Headline totals={data.totals} outcomes={data.outcomes} currency={currency} />
        </div>
        <div className="grid items-start gap-6 lg:grid-cols-3 print:contents">
          <div className="lg:col-span-2 print:col-span-2 print:row-span-3">
            <AttentionList
              workspaceId={workspaceId}
              items={withStages(attention.items, data.points)}
              total={attention.total}
              onMore={attention.more}
              pending={attention.pending}
              error={attention.error}
            />
          </div>
          <DecisionsWaiting
            workspaceId={workspaceId}
            items={waiting.items}
            total={waiting.total}
            onMore={waiting.more}
            pending={waiting.pending}
            error={waiting.error}
            overdue={overdue}
            decider={decider}
          />
        </div>
        <div className="print:contents">
          <ChartCard
            id="funnel"
            title="Pilots by stage"
            description="How many pilots are at each step, and the revenue at stake there."
            chart={
              <Suspense fallback={<ChartSkeleton className="h-52" />}>
                <FunnelChart {...funnel} currency={currency} />
              </Suspense>
            }
            table={
              <Suspense fallback={<ChartSkeleton className="h-52" />}>
                <FunnelTable {...funnel} currency={currency} />
              </Suspense>
            }
          />
        </div>
      </div>

      <div className="portfolio-page portfolio-break flex flex-col gap-6">
        <ChartCard
          id="risk-outcome"
          title="Risk and outcome"
          description={
            <>
              Each pilot by its risk level and{" "}
              {y === "lift" ? "revenue lift" : "progress towards its targets"}; bigger bubbles have
              more revenue at stake.{" "}
              <span className="print:hidden">Select a bubble to open the pilot.</span>
            </>
          }
          chart={
            bubbles.plotted.length === 0 ? (
              <p className="text-sm text-muted-foreground">
                {y === "lift"
                  ? "No pilot has measured its revenue metric yet."
                  : "No pilot has measured a metric with a target yet."}
              </p>
            ) : (
              <Suspense fallback={<ChartSkeleton className="aspect-[640/420]" />}>
                <BubbleChart
                  workspaceId={workspaceId}
                  rows={bubbles.plotted}
                  bands={bubbles.bands}
                  y={y}
                  currency={currency}
                  bins={binsOnChart}
                  search={search}
                />
              </Suspense>
            )
          }
          table={
            <Suspense fallback={<ChartSkeleton className="h-72" />}>
              <BubbleTable
                rows={[...bubbles.plotted, ...bubbles.unplotted]}
                y={y}
                currency={currency}
                bins={bins}
              />
            </Suspense>
          }
          footer={
            <div className="flex flex-col gap-3 border-t pt-3 text-sm">
              {grouped && (
                <div className="flex flex-col gap-2">
                  <p data-bubble-grouped>{grouped}</p>
                  {binsListed.length > 0 && (
                    <>
                      <p className="text-muted-foreground">
                        {y === "lift"
                          ? "Groups have no single revenue lift, so they are listed here:"
                          : "Groups not drawn (no progress measured):"}
                      </p>
                      <Suspense fallback={<ChartSkeleton className="h-8" />}>
                        <BinList
                          workspaceId={workspaceId}
                          bins={binsListed}
                          search={search}
                          currency={currency}
                        />
                      </Suspense>
                    </>
                  )}
                </div>
              )}
              <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
                <p className="text-muted-foreground">
                  {bubbles.unplotted.length === 0
                    ? "Every pilot shown is plotted."
                    : `Not plotted, ${y === "lift" ? "no revenue measured" : "nothing measured against a target"} yet: ${namesList(bubbles.unplotted.map((r) => r.title))}.`}
                </p>
                {/* biome-ignore lint/a11y/useSemanticElements: a labelled group of toggle buttons */}
                <div
                  role="group"
                  aria-label="Plot upwards"
                  className="flex shrink-0 gap-1 print:hidden"
                >
                  {(
                    [
                      ["progress", "Progress to target"],
                      ["lift", "Revenue lift"],
                    ] as const
                  ).map(([value, label]) => (
                    <Button
                      key={value}
                      variant="outline"
                      size="sm"
                      aria-pressed={y === value}
                      className={cn(
                        y === value &&
                          "border-accent bg-accent-subtle text-accent-subtle-foreground",
                      )}
                      onClick={() => setY(value)}
                    >
                      {label}
                    </Button>
                  ))}
                </div>
              </div>
            </div>
          }
        />
      </div>

      {/* Below the fold: its own chunk, loaded as the report renders (before any printout). */}
      <Suspense fallback={<LowerSkeleton />}>
        <ReportLower workspaceId={workspaceId} data={data} currency={currency} />
      </Suspense>
    </>
  );
});

/**
 * Prints the report on A4, portrait or landscape: the class on <html> selects print.css's named
 * landscape page, and goes once the print dialog closes.
 */
export function printReport(landscape: boolean): void {
  const root = document.documentElement;
  root.classList.toggle("print-landscape", landscape);
  const done = () => {
    root.classList.remove("print-landscape");
    window.removeEventListener("afterprint", done);
  };
  window.addEventListener("afterprint", done);
  // After the menu has closed, so it is not in the printout.
  window.setTimeout(() => window.print(), 0);
}

/** When the view is not today's: says which day it shows and offers the way back. */
function ProjectionNote({
  workspaceId,
  search,
  asOf,
}: {
  workspaceId: string;
  search: PortfolioSearch;
  asOf: string;
}) {
  if (!search.as_of) return null;
  const days = daysBetween(todayIso(), asOf);
  if (days === 0) return null;
  return (
    <Card className="border-accent/40 bg-accent-subtle print:border-border print:bg-transparent">
      <CardContent className="flex flex-col gap-3 py-3 text-sm text-accent-subtle-foreground sm:flex-row sm:items-center sm:justify-between">
        <p className="flex gap-2">
          <CalendarClock aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <span>
            {days > 0 ? (
              <>
                <span className="font-medium">
                  Projection for {formatIsoDate(asOf)}, {days} {days === 1 ? "day" : "days"} from
                  today.
                </span>{" "}
                Health and day counts as they will be if nothing happens until then.
              </>
            ) : (
              <>
                <span className="font-medium">Day counts as of {formatIsoDate(asOf)}</span>, {-days}{" "}
                {days === -1 ? "day" : "days"} ago.
              </>
            )}
          </span>
        </p>
        <Button
          variant="outline"
          size="sm"
          asChild
          className="self-start sm:self-auto print:hidden"
        >
          <Link
            to="/w/$workspaceId/portfolio"
            params={{ workspaceId }}
            search={compactSearch({ ...search, as_of: undefined })}
          >
            Back to today
          </Link>
        </Button>
      </CardContent>
    </Card>
  );
}

/** The filters in words, for the report's subtitle (and its printout). */
function describeFilters(
  search: PortfolioSearch,
  members: { value: string; label: string }[],
  departments: { value: string; label: string }[],
): string {
  const parts: string[] = [];
  if (search.stage) parts.push(STAGE_LABELS[search.stage]);
  if (search.health) parts.push(HEALTH_LABELS[search.health]);
  if (search.risk) parts.push(`${RISK_LABELS[search.risk]} risk`);
  if (search.department) {
    const name = departments.find((d) => d.value === search.department)?.label;
    parts.push(name ? `Department: ${name}` : "One department");
  }
  if (search.owner) {
    const name = members.find((m) => m.value === search.owner)?.label;
    parts.push(name ? `Owner: ${name}` : "One owner");
  }
  if (search.q) parts.push(`“${search.q}”`);
  return parts.length > 0 ? `Filtered: ${parts.join(", ")}` : "";
}

/** Up to ten names, then how many more. */
function namesList(names: string[]): string {
  if (names.length <= 10) return names.join(", ");
  return `${names.slice(0, 10).join(", ")} and ${formatCount(names.length - 10)} more`;
}

/** Where a chart or its table will be, while its code arrives. */
function ChartSkeleton({ className }: { className: string }) {
  return <Skeleton aria-hidden="true" className={cn("w-full", className)} />;
}

function LowerSkeleton() {
  return (
    <div aria-busy="true" className="grid gap-6 lg:grid-cols-2 print:hidden">
      {Array.from({ length: 2 }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
        <Card key={i}>
          <CardContent className="flex flex-col gap-3">
            <Skeleton className="h-5 w-40" />
            <Skeleton className="h-40 w-full" />
          </CardContent>
        </Card>
      ))}
    </div>
  );
}

function PortfolioOutline() {
  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Portfolio</h1>
        <p className="text-sm text-muted-foreground">
          Where every pilot stands, what it returned and what waits on a decision.
        </p>
      </div>
      <PortfolioSkeleton />
    </div>
  );
}

function PortfolioSkeleton() {
  return (
    <div aria-busy="true" className="flex flex-col gap-6">
      <p role="status" className="sr-only">
        Loading the portfolio…
      </p>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
          <Card key={i} className="flex flex-col gap-2 px-4 py-3.5">
            <Skeleton className="h-3 w-16" />
            <Skeleton className="h-7 w-12" />
            <Skeleton className="h-3 w-24 max-w-full" />
          </Card>
        ))}
      </div>
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardContent className="flex flex-col gap-4">
            <Skeleton className="h-5 w-40" />
            {Array.from({ length: 3 }, (_, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
              <div key={i} className="flex flex-col gap-2">
                <Skeleton className="h-4 w-72 max-w-full" />
                <Skeleton className="h-3 w-96 max-w-full" />
              </div>
            ))}
          </CardContent>
        </Card>
        <Card>
          <CardContent className="flex flex-col gap-4">
            <Skeleton className="h-5 w-44" />
            <Skeleton className="h-4 w-56 max-w-full" />
            <Skeleton className="h-4 w-40" />
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardContent className="flex flex-col gap-3">
          <Skeleton className="h-5 w-36" />
          <Skeleton className="h-56 w-full" />
        </CardContent>
      </Card>
    </div>
  );
}
