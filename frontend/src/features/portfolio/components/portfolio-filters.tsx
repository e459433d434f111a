import { useNavigate } from "@tanstack/react-router";
import { CalendarClock, FilterX } from "lucide-react";
import { useEffect, useState } from "react";
import { FilterFold, type FilterOption, FilterSelect, SearchField } from "@/components/filter-bar";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { ALL_STAGES, HEALTH_LABELS, RISK_LABELS, STAGE_LABELS } from "@/features/pilots/labels";
import { cn } from "@/lib/utils";
import {
  AS_OF_PICKS,
  asOfForPick,
  compactSearch,
  FILTER_KEYS,
  hasFilters,
  isIsoDate,
  type PortfolioSearch,
  todayIso,
  withoutFilters,
} from "../search";

type Option = FilterOption;

/** The portfolio's filters and its "as of" date, all kept in the URL. */
export function PortfolioFilters({
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
  const active = FILTER_KEYS.filter((key) => Boolean(search[key])).length;

  const go = (next: PortfolioSearch, replace = false) =>
    void navigate({
      to: "/w/$workspaceId/portfolio",
      params: { workspaceId },
      search: compactSearch(next),
      replace,
    });
  const update = (patch: Partial<PortfolioSearch>) => go({ ...search, ...patch });

  return (
    <search aria-label="Filter the portfolio" className="flex flex-col gap-4 print:hidden">
      {/* On a phone the filters fold away so the figures come first; the date stays in view. */}
      <FilterFold
        id="portfolio-filter-fields"
        active={active}
        className="grid-cols-2 gap-3 lg:grid-cols-7"
      >
        <SearchField
          id="portfolio-q"
          placeholder="Title or hypothesis"
          value={search.q ?? ""}
          onSearch={(q) => update({ q: q || undefined })}
        />
        <FilterSelect
          id="portfolio-stage"
          label="Stage"
          value={search.stage ?? ""}
          onChange={(v) => update({ stage: (v || undefined) as PortfolioSearch["stage"] })}
          options={ALL_STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))}
          all="All stages"
        />
        <FilterSelect
          id="portfolio-health"
          label="Health"
          value={search.health ?? ""}
          onChange={(v) => update({ health: (v || undefined) as PortfolioSearch["health"] })}
          options={(["on_track", "at_risk", "stalled"] as const).map((h) => ({
            value: h,
            label: HEALTH_LABELS[h],
          }))}
          all="Any health"
        />
        <FilterSelect
          id="portfolio-risk"
          label="Risk"
          value={search.risk ?? ""}
          onChange={(v) => update({ risk: (v || undefined) as PortfolioSearch["risk"] })}
          options={(["low", "medium", "high"] as const).map((r) => ({
            value: r,
            label: RISK_LABELS[r],
          }))}
          all="Any risk"
        />
        <FilterSelect
          id="portfolio-department"
          label="Department"
          value={search.department ?? ""}
          onChange={(v) => update({ department: v || undefined })}
          options={departments}
          all="Any department"
        />
        <FilterSelect
          id="portfolio-owner"
          label="Owner"
          value={search.owner ?? ""}
          onChange={(v) => update({ owner: v || undefined })}
          options={members}
          all="Anyone"
        />
      </FilterFold>
      <div className="flex flex-wrap items-end gap-x-3 gap-y-3">
        <AsOfControl
          value={search.as_of}
          onChange={(as_of) => update({ as_of })}
          onReplace={(as_of) => go({ ...search, as_of }, true)}
        />
        {hasFilters(search) && (
          <Button
            variant="ghost"
            size="sm"
            className="ml-auto"
            onClick={() => go(withoutFilters(search))}
          >
            <FilterX aria-hidden="true" />
            Clear filters
          </Button>
        )}
      </div>
    </search>
  );
}

/**
 * The date the portfolio is evaluated on, with quick picks: today, and 30/60/90 days ahead to see
 * what stalls if nothing happens.
 */
function AsOfControl({
  value,
  onChange,
  onReplace,
}: {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
  onReplace: (value: string | undefined) => void;
}) {
  const today = todayIso();
  const [draft, setDraft] = useState(value ?? today);
  useEffect(() => setDraft(value ?? today), [value, today]);

  return (
    <div className="flex flex-wrap items-end gap-x-3 gap-y-2">
      <div className="flex flex-col gap-1.5">
        <Label htmlFor="portfolio-as-of" className="flex items-center gap-1.5">
          <CalendarClock aria-hidden="true" className="size-4 text-muted-foreground" />
          As of
        </Label>
        <Input
          id="portfolio-as-of"
          type="date"
          className="w-44"
          value={draft}
          aria-describedby="portfolio-as-of-help"
          onChange={(e) => {
            const next = e.target.value;
            setDraft(next);
            // Typing a date fires on every digit: only complete dates move the view, in place.
            if (isIsoDate(next)) onReplace(next === today ? undefined : next);
          }}
        />
      </div>
      {/* biome-ignore lint/a11y/useSemanticElements: a labelled group of toggle buttons */}
      <div role="group" aria-label="Quick dates" className="flex flex-wrap gap-1">
        {AS_OF_PICKS.map((days) => {
          const target = asOfForPick(days, today);
          const pressed = (value ?? undefined) === target || (days === 0 && value === today);
          return (
            <Button
              key={days}
              variant="outline"
              size="sm"
              aria-pressed={pressed}
              className={cn(
                "tabular-nums",
                pressed && "border-accent bg-accent-subtle text-accent-subtle-foreground",
              )}
              onClick={() => onChange(target)}
            >
              {days === 0 ? "Today" : `+${days} days`}
            </Button>
          );
        })}
      </div>
      <p id="portfolio-as-of-help" className="basis-full text-xs text-muted-foreground">
        Health and day counts as they will be on that date if nothing happens.
      </p>
    </div>
  );
}
