import { useNavigate } from "@tanstack/react-router";
import { CalendarClock, FilterX, SlidersHorizontal } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";
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

type Option = { value: string; label: string };

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
  const [open, setOpen] = useState(false);
  const active = FILTER_KEYS.filter((key) => Boolean(search[key])).length;
  const [text, setText] = useState(search.q ?? "");
  useEffect(() => setText(search.q ?? ""), [search.q]);

  const go = (next: PortfolioSearch, replace = false) =>
    void navigate({
      to: "/w/$workspaceId/portfolio",
      params: { workspaceId },
      search: compactSearch(next),
      replace,
    });
  const update = (patch: Partial<PortfolioSearch>) => go({ ...search, ...patch });

  // Typing searches after a short pause; each pause is one history entry.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `update` only navigates
  useEffect(() => {
    const value = text.trim();
    if (value === (search.q ?? "")) return;
    const timer = setTimeout(() => update({ q: value || undefined }), 350);
    return () => clearTimeout(timer);
  }, [text, search.q]);

  return (
    <search aria-label="Filter the portfolio" className="flex flex-col gap-4 print:hidden">
      {/* On a phone the filters fold away so the figures come first; the date stays in view. */}
      <Button
        variant="outline"
        className="self-start sm:hidden"
        aria-expanded={open}
        aria-controls="portfolio-filter-fields"
        onClick={() => setOpen((value) => !value)}
      >
        <SlidersHorizontal aria-hidden="true" />
        {open ? "Hide filters" : "Filters"}
        {active > 0 && (
          <span className="rounded-full bg-accent px-1.5 text-xs text-accent-foreground tabular-nums">
            {active}
          </span>
        )}
      </Button>
      <div
        id="portfolio-filter-fields"
        className={cn("grid grid-cols-2 gap-3 lg:grid-cols-7", !open && "max-sm:hidden")}
      >
        <div className="col-span-2 flex flex-col gap-1.5">
          <Label htmlFor="portfolio-q">Search</Label>
          <Input
            id="portfolio-q"
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
      </div>
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
  options: Option[];
  all: string;
}) {
  return (
    <div className="flex min-w-0 flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </div>
  );
}
