import { type NavigateOptions, useNavigate } from "@tanstack/react-router";
import { Building2, FlaskConical, Search, Store } from "lucide-react";
import * as React from "react";
import { Spinner } from "@/components/ui/spinner";
import { cn } from "@/lib/utils";
import { useCommands } from "./command-provider";
import { KeyCap } from "./kbd";
import { PilotStatus } from "./pilot-status";
import { useDebounced, useObjectSearch } from "./search-queries";
import { allPilotsTarget, customerTarget, departmentTarget, pilotTarget } from "./targets";

type Option = {
  id: string;
  kind: "pilot" | "customer" | "department" | "all";
  label: string;
  detail?: string | undefined;
  badge?: React.ReactNode;
  target: NavigateOptions;
};

const GROUPS = [
  { kind: "pilot", label: "Pilots", Icon: FlaskConical },
  { kind: "customer", label: "Customers", Icon: Store },
  { kind: "department", label: "Departments", Icon: Building2 },
] as const;

/**
 * The top bar's search: pilots, customers and departments as you type (after a short pause),
 * through the lists' own text filters. A combobox: ↑/↓ move through the results, Enter opens one,
 * Esc closes the list (and a second Esc clears the text); `/` anywhere focuses it.
 */
export function GlobalSearch({
  workspaceId,
  className,
}: {
  workspaceId: string;
  className?: string;
}) {
  const { registerSearch } = useCommands();
  const navigate = useNavigate();
  const id = React.useId();
  const listId = `${id}-results`;
  const [text, setText] = React.useState("");
  const [open, setOpen] = React.useState(false);
  // The highlighted result, for the text it was chosen in (new text starts at the top).
  const [highlight, setHighlight] = React.useState({ q: "", index: 0 });
  const q = useDebounced(text.trim(), 200);
  const searching = open && q !== "";
  const results = useObjectSearch(workspaceId, q, searching);
  const waiting = text.trim() !== q || results.pending;

  // While typing runs ahead of the search, no result of older text is offered.
  const options: Option[] =
    searching && text.trim() === q
      ? [
          ...results.pilots.map((p) => ({
            id: `pilot-${p.id}`,
            kind: "pilot" as const,
            label: p.title,
            badge: <PilotStatus pilot={p} />,
            target: pilotTarget(workspaceId, p),
          })),
          ...results.customers.map((c) => ({
            id: `customer-${c.id}`,
            kind: "customer" as const,
            label: c.name,
            detail: c.segment || undefined,
            target: customerTarget(workspaceId, c),
          })),
          ...results.departments.map((d) => ({
            id: `department-${d.id}`,
            kind: "department" as const,
            label: d.name,
            detail: d.lead_name || undefined,
            target: departmentTarget(workspaceId, d),
          })),
          {
            id: "all-pilots",
            kind: "all" as const,
            label: `All pilots matching “${q}”`,
            target: allPilotsTarget(workspaceId, q),
          },
        ]
      : [];
  const activeIndex = Math.min(highlight.q === q ? highlight.index : 0, options.length - 1);
  const setActive = (index: number) => setHighlight({ q, index });
  const activeOption = options[activeIndex];
  const expanded = searching && text.trim() !== "";

  const go = (option: Option) => {
    setOpen(false);
    setText("");
    (document.activeElement as HTMLElement | null)?.blur?.();
    void navigate(option.target);
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      if (options.length === 0) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((activeIndex + step + options.length) % options.length);
    } else if (event.key === "Enter") {
      if (activeOption && expanded) {
        event.preventDefault();
        go(activeOption);
      }
    } else if (event.key === "Escape") {
      event.preventDefault();
      if (expanded) setOpen(false);
      else if (text) setText("");
      else event.currentTarget.blur();
    }
  };

  let index = -1;
  return (
    <div className={cn("relative", className)}>
      <label htmlFor={id} className="sr-only">
        Search pilots, customers and departments
      </label>
      <Search
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 left-3 size-4 -translate-y-1/2 text-muted-foreground"
      />
      <input
        ref={registerSearch}
        id={id}
        type="text"
        role="combobox"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={expanded && activeOption ? `${id}-${activeOption.id}` : undefined}
        aria-keyshortcuts="/"
        autoComplete="off"
        spellCheck={false}
        value={text}
        placeholder="Search pilots, customers, departments"
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        // Results keep the focus in the field (they choose on mouse down), so leaving it closes them.
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
        className="peer h-9 w-full min-w-0 rounded-md border border-input bg-muted/50 pr-9 pl-9 text-sm transition-colors placeholder:text-muted-foreground hover:bg-muted focus:bg-card"
      />
      <span
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 right-2.5 -translate-y-1/2 peer-focus:hidden"
      >
        <KeyCap>/</KeyCap>
      </span>
      <div
        className={cn(
          "absolute top-full right-0 left-0 z-50 mt-1.5 min-w-72 overflow-hidden rounded-xl border bg-card text-card-foreground shadow-lg",
          !expanded && "hidden",
        )}
      >
        <div
          role="listbox"
          id={listId}
          aria-label="Search results"
          className="max-h-[min(28rem,70dvh)] overflow-y-auto p-1.5"
        >
          {expanded &&
            GROUPS.map(({ kind, label, Icon }) => {
              const group = options.filter((o) => o.kind === kind);
              if (group.length === 0) return null;
              return (
                // biome-ignore lint/a11y/useSemanticElements: a group of options inside a listbox (no fieldset there)
                <div key={kind} role="group" aria-labelledby={`${id}-${kind}`} className="py-1">
                  <div
                    id={`${id}-${kind}`}
                    role="presentation"
                    className="px-2 pt-1 pb-1.5 text-xs font-medium text-muted-foreground"
                  >
                    {label}
                  </div>
                  {group.map((option) => {
                    index += 1;
                    const mine = index;
                    return (
                      <SearchOption
                        key={option.id}
                        id={`${id}-${option.id}`}
                        option={option}
                        Icon={Icon}
                        selected={mine === activeIndex}
                        onHover={() => setActive(mine)}
                        onChoose={() => go(option)}
                      />
                    );
                  })}
                </div>
              );
            })}
          {expanded &&
            options
              .filter((o) => o.kind === "all")
              .map((option) => {
                index += 1;
                const mine = index;
                return (
                  // biome-ignore lint/a11y/useSemanticElements: a group of options inside a listbox (no fieldset there)
                  <div key={option.id} role="group" aria-label="More" className="border-t pt-1.5">
                    <SearchOption
                      id={`${id}-${option.id}`}
                      option={option}
                      Icon={Search}
                      selected={mine === activeIndex}
                      onHover={() => setActive(mine)}
                      onChoose={() => go(option)}
                    />
                  </div>
                );
              })}
        </div>
        {expanded && (
          <p
            role="status"
            className="flex items-center gap-2 border-t px-3.5 py-2 text-xs text-muted-foreground"
          >
            {results.error ? (
              <>
                The search failed.{" "}
                <button
                  type="button"
                  className="font-medium text-foreground underline underline-offset-2"
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={results.retry}
                >
                  Try again
                </button>
              </>
            ) : waiting ? (
              <>
                <Spinner className="size-3.5" /> Searching…
              </>
            ) : options.length === 1 ? (
              `Nothing matches “${q}” among pilots, customers or departments.`
            ) : (
              <>
                <span className="inline-flex items-center gap-1">
                  <KeyCap>↑</KeyCap>
                  <KeyCap>↓</KeyCap> to move
                </span>
                <span className="inline-flex items-center gap-1">
                  <KeyCap>Enter</KeyCap> to open
                </span>
                <span className="inline-flex items-center gap-1">
                  <KeyCap>Esc</KeyCap> to close
                </span>
              </>
            )}
          </p>
        )}
      </div>
    </div>
  );
}

function SearchOption({
  id,
  option,
  Icon,
  selected,
  onHover,
  onChoose,
}: {
  id: string;
  option: Option;
  Icon: React.ComponentType<{ className?: string; "aria-hidden"?: boolean | "true" }>;
  selected: boolean;
  onHover: () => void;
  onChoose: () => void;
}) {
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox's input handles the keys (aria-activedescendant)
    <div
      id={id}
      role="option"
      aria-selected={selected}
      tabIndex={-1}
      // The input keeps focus: a click chooses without blurring it first.
      onMouseDown={(event) => event.preventDefault()}
      onMouseMove={onHover}
      onClick={onChoose}
      className={cn(
        "flex cursor-pointer items-center gap-2.5 rounded-md px-2 py-1.5 text-sm",
        selected && "bg-accent-subtle text-accent-subtle-foreground",
      )}
    >
      <Icon aria-hidden="true" className="size-4 shrink-0 text-muted-foreground" />
      <span className="min-w-0 flex-1 truncate">
        {option.label}
        {option.detail && <span className="text-muted-foreground"> · {option.detail}</span>}
      </span>
      {option.badge}
    </div>
  );
}
