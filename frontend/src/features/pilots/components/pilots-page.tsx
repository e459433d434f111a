import { Link, useNavigate } from "@tanstack/react-router";
import { FlaskConical, Plus, SearchX } from "lucide-react";
import { useEffect, useMemo, useState } from "react";
import { EmptyState, ListError, ListSkeleton, PageHeader } from "@/components/list-states";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Label, Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useAllCustomers } from "@/features/customers/queries";
import { useAllDepartments } from "@/features/departments/queries";
import { useMembers } from "@/features/members/queries";
import { useMembership } from "@/features/workspaces/queries";
import { useDocumentTitle } from "@/lib/use-document-title";
import { ALL_STAGES, HEALTH_LABELS, RISK_LABELS, STAGE_LABELS } from "../labels";
import { canEdit } from "../permissions";
import { type Pilot, usePilots } from "../queries";
import { hasFilters, type PilotSearch, SORTS } from "../search";
import { HealthWithReasons } from "./health-badge";
import { DepartmentChips, LastIteration } from "./pilot-list-cells";

export function PilotsPage({ workspaceId, search }: { workspaceId: string; search: PilotSearch }) {
  useDocumentTitle("Pilots");
  const membership = useMembership(workspaceId);
  const editable = canEdit(membership?.role);
  const pilots = usePilots(workspaceId, search);
  const customers = useAllCustomers(workspaceId);
  const members = useMembers(workspaceId);
  const departments = useAllDepartments(workspaceId);

  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const c of customers.data ?? []) map.set(c.id, c.name);
    for (const m of members.data ?? []) map.set(m.user_id, m.name);
    return map;
  }, [customers.data, members.data]);

  const items = pilots.data?.pages.flatMap((p) => p.items) ?? [];
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
      <PageHeader
        title="Pilots"
        description="Every testbed pilot in this workspace, where it stands and why."
        action={items.length > 0 || hasFilters(search) ? createButton : null}
      />
      <Filters
        workspaceId={workspaceId}
        search={search}
        members={members.data ?? []}
        departments={departments.data ?? []}
      />
      {pilots.isPending ? (
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
                <Link to="/w/$workspaceId/pilots" params={{ workspaceId }} search={{}}>
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
          <PilotList workspaceId={workspaceId} pilots={items} names={names} />
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
  const [text, setText] = useState(search.q ?? "");
  useEffect(() => setText(search.q ?? ""), [search.q]);

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

  // Typing searches after a short pause; each pause is one history entry.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `update` only navigates
  useEffect(() => {
    const value = text.trim();
    if (value === (search.q ?? "")) return;
    const timer = setTimeout(() => update({ q: value || undefined }), 350);
    return () => clearTimeout(timer);
  }, [text, search.q]);

  return (
    <search aria-label="Filter pilots">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-4 xl:grid-cols-8">
        <div className="col-span-2 flex flex-col gap-1.5">
          <Label htmlFor="pilot-q">Search</Label>
          <Input
            id="pilot-q"
            type="search"
            placeholder="Title or hypothesis"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") update({ q: text.trim() || undefined });
            }}
          />
        </div>
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

function FilterSelect({
  id,
  label,
  value,
  onChange,
  options,
  all,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  all?: string;
}) {
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {all && <option value="">{all}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </div>
  );
}

function PilotList({
  workspaceId,
  pilots,
  names,
}: {
  workspaceId: string;
  pilots: Pilot[];
  names: Map<string, string>;
}) {
  const name = (id: string | null) => (id ? (names.get(id) ?? "—") : "—");
  return (
    <>
      <Card className="hidden overflow-hidden md:block">
        <table className="w-full text-sm">
          <caption className="sr-only">Pilots</caption>
          <thead className="border-b bg-muted/50 text-left text-xs text-muted-foreground">
            <tr>
              <th scope="col" className="px-5 py-2.5 font-medium">
                Pilot
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Stage
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Health
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Risk
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Customer
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Owner
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Departments
              </th>
              <th scope="col" className="px-5 py-2.5 font-medium">
                Last iteration
              </th>
            </tr>
          </thead>
          <tbody className="divide-y">
            {pilots.map((p) => (
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
                  <HealthWithReasons health={p.health} reasons={p.health_reasons} title={p.title} />
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
            ))}
          </tbody>
        </table>
      </Card>
      <ul className="flex flex-col gap-3 md:hidden" aria-label="Pilots">
        {pilots.map((p) => (
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
                <HealthWithReasons health={p.health} reasons={p.health_reasons} title={p.title} />
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
        ))}
      </ul>
    </>
  );
}

/** How long the pilot has been in its stage, under the stage's name: "for 12 days". */
function inStageFor(days: number): string {
  if (days <= 0) return "since today";
  return `for ${days} day${days === 1 ? "" : "s"}`;
}

function StageText({ pilot }: { pilot: Pilot }) {
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
