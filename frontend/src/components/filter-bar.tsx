import { SlidersHorizontal } from "lucide-react";
import { type ReactNode, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/input";
import { useReportedText } from "@/lib/use-reported-text";
import { cn } from "@/lib/utils";

/** The pieces of a list's filter bar: the phone fold, the search field and labelled selects. */

export type FilterOption = { value: string; label: string };

/**
 * On a phone the filters fold away behind a "Filters" toggle (with how many are on), so the
 * content comes first; from `sm` up the grid is always shown. `className` lays out the grid.
 */
export function FilterFold({
  id,
  active,
  className,
  children,
}: {
  /** The id of the folding grid, which the toggle controls. */
  id: string;
  /** How many filters are on: shown on the toggle. */
  active: number;
  className?: string;
  children: ReactNode;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        variant="outline"
        className="self-start sm:hidden"
        aria-expanded={open}
        aria-controls={id}
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
      <div id={id} className={cn("grid", className, !open && "max-sm:hidden")}>
        {children}
      </div>
    </>
  );
}

/**
 * A labelled search field that reports its trimmed text at once on Enter and when it loses
 * focus, and, unless `delay` is null, after a pause in typing (each pause is one report, so one
 * history entry). It follows `value` when the URL changes (back/forward).
 */
export function SearchField({
  id,
  label = "Search",
  placeholder,
  value,
  onSearch,
  delay = 350,
  className,
}: {
  id: string;
  label?: string;
  placeholder?: string;
  value: string;
  onSearch: (value: string) => void;
  /** Milliseconds of quiet before typing is reported; null reports on Enter and blur only. */
  delay?: number | null;
  className?: string;
}) {
  const { text, setText, report } = useReportedText(value, onSearch, delay);

  return (
    <div className={cn("col-span-2 flex flex-col gap-1.5", className)}>
      <Label htmlFor={id}>{label}</Label>
      <Input
        id={id}
        type="search"
        placeholder={placeholder}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter") report(text.trim());
        }}
        onBlur={() => report(text.trim())}
      />
    </div>
  );
}

/** A labelled native select of filter options, with an "all" choice first when `all` is given. */
export function FilterSelect({
  id,
  label,
  value,
  onChange,
  options,
  all,
}: {
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  options: readonly FilterOption[];
  all?: string;
}) {
  return (
    <div className="flex min-w-0 flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {all !== undefined && <option value="">{all}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </div>
  );
}
