import { useInfiniteQuery } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { Columns3, FlaskConical, List, Plus, Rows3, Rows4, SearchX } from "lucide-react";
import { lazy, Suspense, useEffect, useMemo } from "react";
import { FilterSelect, SearchField } from "@/components/filter-bar";
import { EmptyState, ListError, ListSkeleton } from "@/components/list-states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { useAllCustomers } from "@/features/customers/queries";
import { useAllDepartments } from "@/features/departments/queries";
import { useMembers } from "@/features/members/queries";
import { searchOf } from "@/features/saved-views/describe";
import { DEFAULT_DISPLAY, readDisplay, rememberDisplay } from "@/features/saved-views/preferences";
import type { SavedView } from "@/features/saved-views/queries";
import { SavedViewsMenu } from "@/features/saved-views/saved-views-menu";
import { useMembership } from "@/features/workspaces/queries";
import { useDocumentTitle } from "@/lib/use-document-title";
import { cn } from "@/lib/utils";
import { ALL_STAGES, ENGAGEMENTS, HEALTH_LABELS, RISK_LABELS, STAGE_LABELS } from "../labels";
import { canEdit } from "../permissions";
import { type Pilot, pilotsQueryOptions } from "../queries";
import {
  type Density,
  filtersOf,
  hasFilters,
  type Layout,
  type PilotSearch,
  type PilotsPageSearch,
  SORTS,
} from "../search";
import { DepartmentChips, DepartmentCount, LastIteration, PilotStatus } from "./pilot-list-cells";

// The board is its own chunk: the list never loads dnd-kit.
const PilotsBoard = lazy(() => import("../board/pilots-board"));

/** The page's own params without empty values (TanStack keeps `undefined` keys otherwise). */
function clean<T extends Record<string, unknown>>(search: T): T {
  const next = { ...search };
  for (const key of Object.keys(next) as (keyof T)[]) {
    if (!next[key]) delete next[key];
  }
  return next;
}

export function PilotsPage({
  workspaceId,
  search: pageSearch,
}: {
  workspaceId: string;
  search: PilotsPageSearch;
}) {
  useDocumentTitle("Pilots");
  const navigate = useNavigate();
  const search = useMemo(() => filtersOf(pageSearch), [pageSearch]);
  const view: Layout = pageSearch.view ?? DEFAULT_DISPLAY.view;
  const density: Density = pageSearch.density ?? DEFAULT_DISPLAY.density;
  const membership = useMembership(workspaceId);
  const editable = canEdit(membership?.role);
  const isList = view === "list";
  const pilots = useInfiniteQuery({ ...pilotsQueryOptions(workspaceId, search), enabled: isList });

  const display = (patch: { view?: Layout; density?: Density }, filters?: PilotSearch) => {
    rememberDisplay(patch);
    void navigate({
      to: "/w/$workspaceId/pilots",
      params: { workspaceId },
      search: (prev: PilotsPageSearch) => clean({ ...(filters ?? prev), view, density, ...patch }),
    });
  };

  // Opened without a view or density (from the navigation, a bookmark): the person's last
  // choice applies, written into the URL so back and forward return to what was shown.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once, when the page opens
  useEffect(() => {
    const last = readDisplay();
    const missing: { view?: Layout; density?: Density } = {};
    if (!pageSearch.view && last.view !== DEFAULT_DISPLAY.view) missing.view = last.view;
    if (!pageSearch.density && last.density !== DEFAULT_DISPLAY.density)
      missing.density = last.density;
    if (Object.keys(missing).length > 0)
      void navigate({
        to: "/w/$workspaceId/pilots",
        params: { workspaceId },
        search: (prev: PilotsPageSearch) => clean({ ...prev, ...missing }),
        replace: true,
      });
  }, []);

  const applyView = (saved: SavedView) =>
    display({ view: saved.layout, density: saved.density }, searchOf(saved));
  const customers = useAllCustomers(workspaceId);
  const members = useMembers(workspaceId);
  const departments = useAllDepartments(workspaceId);

  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const c of customers.data ?? []) map.set(c.id, c.name);
    for (const m of members.data ?? []) map.set(m.user_id, m.name);
    for (const d of departments.data ?? []) map.set(d.id, d.name);
    return map;
  }, [customers.data, members.data, departments.data]);

  const items = pilots.data?.pages.flatMap((p) => p.items) ?? [];
  const ownDisplay = clean({ view: pageSearch.view, density: pageSearch.density });
  const createButton = editable && (
    <Button asChild>
      <Link to="/w/$workspaceId/pilots/new" params={{ workspaceId }}>
        <Plus aria-hidden="true" />
        New pilot
      </Link>
    </Button>
  );

  return (
    <div className="flex flex-col gap-6">
      {/* The page's title, then how to look at the list and "New pilot": on a wide screen one
          row, so the compact list shows 15 rows and more on a laptop. */}
      <div className="flex flex-col gap-4 lg:flex-row lg:items-end lg:justify-between">
        <div className="flex min-w-0 flex-col gap-1">
          <h1 className="text-2xl font-semibold tracking-tight">Pilots</h1>
          <p className="text-sm text-muted-foreground">
            Every testbed pilot in this workspace, where it stands and why.
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2 lg:shrink-0 lg:flex-nowrap lg:justify-end">
          <Toggle
            label="Layout"
            value={view}
            onChange={(next) => display({ view: next })}
            options={[
              { value: "list", label: "List", Icon: List },
              { value: "board", label: "Board", Icon: Columns3 },
            ]}
          />
          {isList && (
            <Toggle
              label="Density"
              value={density}
              onChange={(next) => display({ density: next })}
              options={[
                { value: "comfortable", label: "Comfortable", Icon: Rows3 },
                { value: "compact", label: "Compact", Icon: Rows4 },
              ]}
            />
          )}
          <SavedViewsMenu
            workspaceId={workspaceId}
            current={{ search, view, density }}
            names={names}
            onApply={applyView}
          />
          {(items.length > 0 || hasFilters(search) || !isList) && createButton}
        </div>
      </div>
      <Filters
        workspaceId={workspaceId}
        search={search}
        members={members.data ?? []}
        departments={departments.data ?? []}
      />
      {!isList ? (
        <Suspense fallback={<ListSkeleton label="Loading the board…" rows={4} />}>
          <PilotsBoard
            workspaceId={workspaceId}
            search={search}
            names={names}
            editable={editable}
          />
        </Suspense>
      ) : pilots.isPending ? (
        <ListSkeleton label="Loading pilots…" rows={4} />
      ) : pilots.isError ? (
        <ListError
          what="pilots"
          error={pilots.error}
          onRetry={() => void pilots.refetch()}
          retrying={pilots.isFetching}
        />
      ) : items.length === 0 ? (
        hasFilters(search) ? (
          <EmptyState
            icon={SearchX}
            title="No pilots match these filters"
            action={
              <Button variant="outline" asChild>
                <Link to="/w/$workspaceId/pilots" params={{ workspaceId }} search={ownDisplay}>
                  Clear filters
                </Link>
              </Button>
            }
          >
            Try another stage or health, or clear the filters to see every pilot.
          </EmptyState>
        ) : (
          <EmptyState
            icon={FlaskConical}
            title="No pilots yet"
            action={
              editable ? (
                <Button asChild>
                  <Link to="/w/$workspaceId/pilots/new" params={{ workspaceId }}>
                    <Plus aria-hidden="true" />
                    Start your first pilot
                  </Link>
                </Button>
              ) : undefined
            }
          >
            {editable
              ? "A pilot tests one customer-service innovation with one carefully chosen customer and the departments it needs."
              : "Nobody has started a pilot here yet. Editors and admins can start one."}
          </EmptyState>
        )
      ) : (
        <>
          <PilotList
            workspaceId={workspaceId}
            pilots={items}
            names={names}
            compact={density === "compact"}
          />
          {pilots.hasNextPage && (
            <div className="flex justify-center">
              <Button
                variant="outline"
                onClick={() => void pilots.fetchNextPage()}
                disabled={pilots.isFetchingNextPage}
              >
                {pilots.isFetchingNextPage && <Spinner />}
                {pilots.isFetchingNextPage ? "Loading…" : "Load more"}
              </Button>
            </div>
          )}
        </>
      )}
    </div>
  );
}

function Filters({
  workspaceId,
  search,
  members,
  departments,
}: {
  workspaceId: string;
  search: PilotSearch;
  members: { user_id: string; name: string }[];
  departments: { id: string; name: string }[];
}) {
  const navigate = useNavigate();

  const update = (patch: Partial<PilotSearch>, replace = false) =>
    void navigate({
      to: "/w/$workspaceId/pilots",
      params: { workspaceId },
      search: (prev: PilotSearch) => {
        const next = { ...prev, ...patch };
        for (const key of Object.keys(next) as (keyof PilotSearch)[]) {
          if (!next[key]) delete next[key];
        }
        return next;
      },
      replace,
    });

  return (
    <search aria-label="Filter pilots">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-8">
        <SearchField
          id="pilot-q"
          placeholder="Title or hypothesis"
          value={search.q ?? ""}
          onSearch={(q) => update({ q: q || undefined })}
        />
        <FilterSelect
          id="pilot-stage"
          label="Stage"
          value={search.stage ?? ""}
          onChange={(v) => update({ stage: (v || undefined) as PilotSearch["stage"] })}
          options={ALL_STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))}
          all="All stages"
        />
        <FilterSelect
          id="pilot-health"
          label="Health"
          value={search.health ?? ""}
          onChange={(v) => update({ health: (v || undefined) as PilotSearch["health"] })}
          options={(["on_track", "at_risk", "stalled"] as const).map((h) => ({
            value: h,
            label: HEALTH_LABELS[h],
          }))}
          all="Any health"
        />
        <FilterSelect
          id="pilot-risk"
          label="Risk"
          value={search.risk ?? ""}
          onChange={(v) => update({ risk: (v || undefined) as PilotSearch["risk"] })}
          options={(["low", "medium", "high"] as const).map((r) => ({
            value: r,
            label: RISK_LABELS[r],
          }))}
          all="Any risk"
        />
        <FilterSelect
          id="pilot-owner"
          label="Owner"
          value={search.owner ?? ""}
          onChange={(v) => update({ owner: v || undefined })}
          options={members.map((m) => ({ value: m.user_id, label: m.name }))}
          all="Anyone"
        />
        <FilterSelect
          id="pilot-department"
          label="Department"
          value={search.department ?? ""}
          onChange={(v) => update({ department: v || undefined })}
          options={departments.map((d) => ({ value: d.id, label: d.name }))}
          all="Any"
        />
        {/* How the department takes part: offered once a department is chosen (the heatmap's
            cells link here with both), so the bar stays one row otherwise. */}
        {search.department || search.engagement ? (
          <FilterSelect
            id="pilot-engagement"
            label="Engagement"
            value={search.engagement ?? ""}
            onChange={(v) => update({ engagement: (v || undefined) as PilotSearch["engagement"] })}
            options={ENGAGEMENTS.map((e) => ({ value: e.value, label: e.label }))}
            all="Any"
          />
        ) : null}
        <FilterSelect
          id="pilot-sort"
          label="Sort"
          value={search.sort ?? "-created_at"}
          onChange={(v) =>
            update({ sort: v === "-created_at" ? undefined : (v as PilotSearch["sort"]) })
          }
          options={SORTS.map((s) => ({ value: s.value, label: s.label }))}
        />
      </div>
    </search>
  );
}

/** A segmented choice of two or three: buttons that say which one is on (`aria-pressed`). */
function Toggle<T extends string>({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: T;
  onChange: (value: T) => void;
  options: { value: T; label: string; Icon: typeof List }[];
}) {
  return (
    <fieldset className="inline-flex rounded-md border bg-card p-0.5">
      <legend className="sr-only">{label}</legend>
      {options.map(({ value: option, label: text, Icon }) => (
        <button
          key={option}
          type="button"
          aria-pressed={option === value}
          onClick={() => option !== value && onChange(option)}
          className={cn(
            "inline-flex h-8 items-center gap-1.5 rounded px-2.5 text-sm font-medium text-muted-foreground transition-colors hover:text-foreground [&_svg]:size-4",
            option === value &&
              "bg-accent-subtle text-accent-subtle-foreground hover:text-accent-subtle-foreground",
          )}
        >
          <Icon aria-hidden="true" />
          {text}
        </button>
      ))}
    </fieldset>
  );
}

function PilotList({
  workspaceId,
  pilots,
  names,
  compact,
}: {
  workspaceId: string;
  pilots: Pilot[];
  names: Map<string, string>;
  compact: boolean;
}) {
  const name = (id: string | null) => (id ? (names.get(id) ?? "—") : "—");
  // Compact rows keep to one line each: about 36 px, so 15 and more fit a laptop screen.
  const cell = compact ? "px-3 py-1" : "px-3 py-3";
  const edge = compact ? "px-4 py-1" : "px-5 py-3";
  const head = compact ? "py-2" : "py-2.5";
  return (
    <>
      <Card className="hidden overflow-hidden md:block">
        <table
          className={cn("w-full text-sm", compact && "table-fixed")}
          data-density={compact ? "compact" : "comfortable"}
        >
          <caption className="sr-only">Pilots</caption>
          {compact && (
            <colgroup>
              <col className="w-[26%]" />
              <col className="w-[13%]" />
              <col className="w-[12%]" />
              <col className="w-[7%]" />
              <col className="w-[12%]" />
              <col className="w-[11%]" />
              <col className="w-[10%]" />
              <col className="w-[9%]" />
            </colgroup>
          )}
          <thead className="border-b bg-muted/50 text-left text-xs text-muted-foreground">
            <tr>
              <th scope="col" className={cn("px-5 font-medium", head, compact && "px-4")}>
                Pilot
              </th>
              <th scope="col" className={cn("px-3 font-medium", head)}>
                Stage
              </th>
              <th scope="col" className={cn("px-3 font-medium", head)}>
                Status
              </th>
              <th scope="col" className={cn("px-3 font-medium", head)}>
                Risk
              </th>
              <th scope="col" className={cn("px-3 font-medium", head)}>
                Customer
              </th>
              <th scope="col" className={cn("px-3 font-medium", head)}>
                Owner
              </th>
              <th scope="col" className={cn("px-3 font-medium", head)}>
                Departments
              </th>
              <th scope="col" className={cn("px-5 font-medium", head, compact && "px-4")}>
                {compact ? "Iterated" : "Last iteration"}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y">
            {pilots.map((p) =>
              compact ? (
                <tr key={p.id} className="h-8">
                  <td className={cn(edge, "font-medium")}>
                    <Link
                      to="/w/$workspaceId/pilots/$pilotId"
                      params={{ workspaceId, pilotId: p.id }}
                      title={p.title}
                      className="block truncate text-accent-subtle-foreground hover:underline"
                    >
                      {p.title}
                    </Link>
                  </td>
                  <td className={cn(cell, "truncate")}>
                    <StageText pilot={p} compact />
                  </td>
                  <td className={cell}>
                    <PilotStatus pilot={p} />
                  </td>
                  <td className={cn(cell, "truncate")}>
                    {p.risk_level ? RISK_LABELS[p.risk_level] : "—"}
                  </td>
                  <td className={cn(cell, "truncate")} title={name(p.customer_id)}>
                    {name(p.customer_id)}
                  </td>
                  <td className={cn(cell, "truncate")} title={name(p.owner_id)}>
                    {name(p.owner_id)}
                  </td>
                  <td className={cn(cell, "truncate")}>
                    <DepartmentCount departments={p.departments} />
                  </td>
                  <td className={cn(edge, "truncate")}>
                    <LastIteration day={p.last_iteration_on} />
                  </td>
                </tr>
              ) : (
                <tr key={p.id}>
                  <td className="min-w-44 px-5 py-3 font-medium">
                    <Link
                      to="/w/$workspaceId/pilots/$pilotId"
                      params={{ workspaceId, pilotId: p.id }}
                      className="text-accent-subtle-foreground hover:underline"
                    >
                      {p.title}
                    </Link>
                  </td>
                  <td className="px-3 py-3">
                    <StageText pilot={p} />
                    <div className="whitespace-nowrap text-xs text-muted-foreground tabular-nums">
                      {inStageFor(p.days_in_stage)}
                    </div>
                  </td>
                  <td className="px-3 py-3">
                    <PilotStatus pilot={p} />
                  </td>
                  <td className="px-3 py-3">{p.risk_level ? RISK_LABELS[p.risk_level] : "—"}</td>
                  <td className="px-3 py-3">{name(p.customer_id)}</td>
                  <td className="px-3 py-3">{name(p.owner_id)}</td>
                  <td className="min-w-52 px-3 py-3">
                    <DepartmentChips departments={p.departments} limit={3} />
                  </td>
                  <td className="whitespace-nowrap px-5 py-3">
                    <LastIteration day={p.last_iteration_on} />
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </Card>
      <ul
        className={cn("flex flex-col md:hidden", compact ? "gap-2" : "gap-3")}
        aria-label="Pilots"
      >
        {pilots.map((p) =>
          compact ? (
            <li key={p.id}>
              <Card className="flex flex-col gap-1 px-3 py-2">
                <div className="flex items-center justify-between gap-2">
                  <Link
                    to="/w/$workspaceId/pilots/$pilotId"
                    params={{ workspaceId, pilotId: p.id }}
                    className="min-w-0 truncate font-medium text-accent-subtle-foreground hover:underline"
                  >
                    {p.title}
                  </Link>
                  <PilotStatus pilot={p} />
                </div>
                <p className="truncate text-xs text-muted-foreground">
                  <StageText pilot={p} compact /> · {name(p.customer_id)} · {name(p.owner_id)}
                </p>
              </Card>
            </li>
          ) : (
            <li key={p.id}>
              <Card className="flex flex-col gap-3 p-4">
                <div className="flex items-start justify-between gap-3">
                  <Link
                    to="/w/$workspaceId/pilots/$pilotId"
                    params={{ workspaceId, pilotId: p.id }}
                    className="min-w-0 break-words font-medium text-accent-subtle-foreground hover:underline"
                  >
                    {p.title}
                  </Link>
                  <PilotStatus pilot={p} />
                </div>
                <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
                  <dt className="text-muted-foreground">Stage</dt>
                  <dd>
                    <StageText pilot={p} />{" "}
                    <span className="text-muted-foreground tabular-nums">
                      {inStageFor(p.days_in_stage)}
                    </span>
                  </dd>
                  <dt className="text-muted-foreground">Risk</dt>
                  <dd>{p.risk_level ? RISK_LABELS[p.risk_level] : "—"}</dd>
                  <dt className="text-muted-foreground">Customer</dt>
                  <dd className="break-words">{name(p.customer_id)}</dd>
                  <dt className="text-muted-foreground">Owner</dt>
                  <dd className="break-words">{name(p.owner_id)}</dd>
                  <dt className="text-muted-foreground">Departments</dt>
                  <dd className="min-w-0">
                    <DepartmentChips departments={p.departments} />
                  </dd>
                  <dt className="text-muted-foreground">Last iteration</dt>
                  <dd>
                    <LastIteration day={p.last_iteration_on} full />
                  </dd>
                </dl>
              </Card>
            </li>
          ),
        )}
      </ul>
    </>
  );
}

/** How long the pilot has been in its stage, under the stage's name: "for 12 days". */
function inStageFor(days: number): string {
  if (days <= 0) return "since today";
  return `for ${days} day${days === 1 ? "" : "s"}`;
}

function StageText({ pilot, compact = false }: { pilot: Pilot; compact?: boolean }) {
  if (compact) {
    const days = pilot.days_in_stage;
    return (
      <span title={inStageFor(days)}>
        {STAGE_LABELS[pilot.stage]}
        <span className="text-muted-foreground tabular-nums">
          {" "}
          · {days}
          <span aria-hidden="true">d</span>
          <span className="sr-only"> day{days === 1 ? "" : "s"}</span>
        </span>
      </span>
    );
  }
  if (pilot.stage === "paused" || pilot.stage === "stopped") {
    return (
      <span className="flex flex-wrap items-center gap-1.5">
        <Badge>{STAGE_LABELS[pilot.stage]}</Badge>
        {pilot.paused_from && (
          <span className="text-muted-foreground">in {STAGE_LABELS[pilot.paused_from]}</span>
        )}
      </span>
    );
  }
  return <span>{STAGE_LABELS[pilot.stage]}</span>;
}
