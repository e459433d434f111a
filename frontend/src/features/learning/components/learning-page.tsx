import { Link, useNavigate } from "@tanstack/react-router";
import { ArrowLeft, CalendarClock, FilterX, GraduationCap, Info, SearchX } from "lucide-react";
import { useMemo } from "react";
import { FilterFold, type FilterOption, FilterSelect, SearchField } from "@/components/filter-bar";
import { EmptyState, ListError } from "@/components/list-states";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { useAllDepartments } from "@/features/departments/queries";
import { useMembers } from "@/features/members/queries";
import { RISK_LABELS } from "@/features/pilots/labels";
import { ChartCard } from "@/features/portfolio/components/chart-card";
import { formatIsoDate, pilotCount } from "@/features/portfolio/format";
import {
  compactSearch,
  hasFilters,
  isIsoDate,
  type PortfolioSearch,
  withoutFilters,
} from "@/features/portfolio/search";
import { useDocumentTitle } from "@/lib/use-document-title";
import { cn } from "@/lib/utils";
import { groupPractices, type PortfolioLearning } from "../evidence";
import { usePortfolioLearning } from "../queries";
import { PracticeChart, PracticeTable } from "./practice-chart";

type Option = FilterOption;

/** "What your portfolio teaches": which practices went with scaling in this workspace. */
export function LearningPage({
  workspaceId,
  search,
}: {
  workspaceId: string;
  search: PortfolioSearch;
}) {
  useDocumentTitle("What your portfolio teaches");
  const learning = usePortfolioLearning(workspaceId, search);
  const members = useMembers(workspaceId);
  const departments = useAllDepartments(workspaceId);
  const memberOptions = useMemo(
    () => (members.data ?? []).map((m) => ({ value: m.user_id, label: m.name })),
    [members.data],
  );
  const departmentOptions = useMemo(
    () => (departments.data ?? []).map((d) => ({ value: d.id, label: d.name })),
    [departments.data],
  );
  const data = learning.data;
  const updating = learning.isFetching && learning.isPlaceholderData;
  const closed = data ? data.closed.scaled + data.closed.stopped : 0;

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-1">
        <Link
          to="/w/$workspaceId/portfolio"
          params={{ workspaceId }}
          search={compactSearch(search)}
          className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground"
        >
          <ArrowLeft aria-hidden="true" className="size-3.5" />
          Portfolio
        </Link>
        <h1 className="text-2xl font-semibold tracking-tight">What your portfolio teaches</h1>
        <p className="text-sm text-muted-foreground">
          {data ? (
            <>
              From {pilotCount(closed)} closed as of{" "}
              <time dateTime={data.as_of}>{formatIsoDate(data.as_of)}</time>: {data.closed.scaled}{" "}
              scaled, {data.closed.stopped} stopped.
            </>
          ) : (
            "Which practices went with pilots that scaled, in this workspace's own history."
          )}
        </p>
      </div>

      <LearningFilters
        workspaceId={workspaceId}
        search={search}
        members={memberOptions}
        departments={departmentOptions}
      />

      {learning.isPending ? (
        <LearningSkeleton />
      ) : learning.isError && !data ? (
        <ListError
          what="what the portfolio teaches"
          error={learning.error}
          onRetry={() => void learning.refetch()}
          retrying={learning.isFetching}
        />
      ) : data && closed === 0 ? (
        hasFilters(search) ? (
          <EmptyState
            icon={SearchX}
            title="No closed pilots match these filters"
            action={
              <Button variant="outline" asChild>
                <Link
                  to="/w/$workspaceId/learning"
                  params={{ workspaceId }}
                  search={compactSearch(withoutFilters(search))}
                >
                  Clear filters
                </Link>
              </Button>
            }
          >
            The lessons come from adopted, scaling and stopped pilots only. Clear the filters to
            learn from the whole portfolio.
          </EmptyState>
        ) : (
          <EmptyState
            icon={GraduationCap}
            title="No closed pilots yet"
            action={
              <Button asChild>
                <Link to="/w/$workspaceId/portfolio" params={{ workspaceId }}>
                  See the decisions waiting
                </Link>
              </Button>
            }
          >
            This page compares pilots that scaled with pilots that stopped. It fills in once pilots
            close: record the scale or stop decisions on the pilots waiting for one, and the lessons
            of each closed pilot appear here.
          </EmptyState>
        )
      ) : data ? (
        <div
          aria-busy={updating}
          className={cn("flex flex-col gap-6 transition-opacity", updating && "opacity-60")}
        >
          {updating && (
            <p role="status" className="sr-only">
              Updating…
            </p>
          )}
          <Lessons data={data} />
        </div>
      ) : null}
    </div>
  );
}

function Caution() {
  return (
    <aside
      aria-label="How to read this"
      className="flex gap-2 rounded-lg border border-warning-border bg-warning px-4 py-3 text-sm text-warning-foreground"
    >
      <Info aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <p>
        <span className="font-semibold">Association, not proof.</span> These are the pilots of one
        portfolio. Pilots that followed a practice may differ from the others in other ways (their
        customer, their team, their timing), and any of those may explain the difference. The
        whiskers show how far each rate could plausibly be off; when they overlap a lot, the
        difference may be chance.
      </p>
    </aside>
  );
}

function Lessons({ data }: { data: PortfolioLearning }) {
  const { enough, notEnough } = groupPractices(data.practices);
  return (
    <>
      <Caution />
      <ChartCard
        id="practices-chart"
        title="Share of closed pilots that scaled, with and without each practice"
        description={
          <>
            Filled dot: the pilots that followed the practice; hollow dot: those that did not.
            Whiskers: the 95 % interval. Largest difference first.
          </>
        }
        chart={
          <div className="flex flex-col gap-8">
            {enough.length > 0 ? (
              <PracticeChart practices={enough} label="Practices with enough data" />
            ) : (
              <p className="text-sm text-muted-foreground">
                No practice has at least 5 closed pilots on each side yet.
              </p>
            )}
            {notEnough.length > 0 && (
              <section
                aria-labelledby="not-enough-title"
                className="flex flex-col gap-3 rounded-lg border border-dashed bg-muted/40 p-4"
              >
                <div className="flex flex-col gap-0.5">
                  <h3 id="not-enough-title" className="text-sm font-semibold">
                    Not enough data yet
                  </h3>
                  <p className="text-sm text-muted-foreground">
                    Fewer than 5 closed pilots on one side: the difference says next to nothing.
                  </p>
                </div>
                <PracticeChart practices={notEnough} greyed label="Practices without enough data" />
              </section>
            )}
          </div>
        }
        table={<PracticeTable practices={data.practices} />}
      />
    </>
  );
}

/** The portfolio's filters that make sense for closed pilots, and the date, in the URL. */
function LearningFilters({
  workspaceId,
  search,
  members,
  departments,
}: {
  workspaceId: string;
  search: PortfolioSearch;
  members: Option[];
  departments: Option[];
}) {
  const navigate = useNavigate();
  const update = (patch: Partial<PortfolioSearch>) =>
    void navigate({
      to: "/w/$workspaceId/learning",
      params: { workspaceId },
      search: compactSearch({ ...search, ...patch }),
    });
  const active = (["risk", "department", "owner", "q"] as const).filter((k) => search[k]).length;

  return (
    <search aria-label="Filter the closed pilots" className="flex flex-col gap-3">
      <FilterFold
        id="learning-filter-fields"
        active={active}
        className="grid-cols-2 items-end gap-3 lg:grid-cols-6"
      >
        <SearchField
          id="learning-q"
          placeholder="Title or hypothesis"
          value={search.q ?? ""}
          onSearch={(q) => update({ q: q || undefined })}
          delay={null}
        />
        <FilterSelect
          id="learning-risk"
          label="Risk"
          value={search.risk ?? ""}
          all="Any risk"
          options={(["low", "medium", "high"] as const).map((r) => ({
            value: r,
            label: RISK_LABELS[r],
          }))}
          onChange={(v) => update({ risk: (v || undefined) as PortfolioSearch["risk"] })}
        />
        <FilterSelect
          id="learning-department"
          label="Department"
          value={search.department ?? ""}
          all="Any department"
          options={departments}
          onChange={(v) => update({ department: v || undefined })}
        />
        <FilterSelect
          id="learning-owner"
          label="Owner"
          value={search.owner ?? ""}
          all="Anyone"
          options={members}
          onChange={(v) => update({ owner: v || undefined })}
        />
        <div className="flex min-w-0 flex-col gap-1.5">
          <Label htmlFor="learning-as-of" className="flex items-center gap-1">
            <CalendarClock aria-hidden="true" className="size-3.5" />
            History up to
          </Label>
          <Input
            id="learning-as-of"
            type="date"
            value={search.as_of ?? ""}
            onChange={(e) => {
              const value = e.target.value;
              if (value === "" || isIsoDate(value)) update({ as_of: value || undefined });
            }}
          />
        </div>
      </FilterFold>
      {hasFilters(search) && (
        <Button variant="ghost" size="sm" className="self-start" asChild>
          <Link
            to="/w/$workspaceId/learning"
            params={{ workspaceId }}
            search={compactSearch(withoutFilters(search))}
          >
            <FilterX aria-hidden="true" />
            Clear filters
          </Link>
        </Button>
      )}
    </search>
  );
}

function LearningSkeleton() {
  return (
    <div aria-busy="true" className="flex flex-col gap-6">
      <p role="status" className="sr-only">
        Loading what the portfolio teaches…
      </p>
      <Skeleton className="h-16 w-full" />
      <Card>
        <CardContent className="flex flex-col gap-5">
          <Skeleton className="h-5 w-72 max-w-full" />
          {Array.from({ length: 5 }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
            <div key={i} className="grid gap-2 sm:grid-cols-[15rem_1fr] sm:gap-4">
              <Skeleton className="h-4 w-48 max-w-full" />
              <Skeleton className="h-10 w-full" />
            </div>
          ))}
        </CardContent>
      </Card>
    </div>
  );
}
