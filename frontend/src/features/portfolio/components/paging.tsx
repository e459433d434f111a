import { ChevronLeft, ChevronRight } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { formatCount, pilotCount } from "../format";

/**
 * How many of a long list are shown: the first `step`, then `step` more at each "Show more".
 * Starts again from the first `step` when `resetKey` changes (other filters, other data).
 */
export function useShown(step: number, resetKey: unknown): [number, () => void] {
  const [state, setState] = useState({ key: resetKey, shown: step });
  const shown = Object.is(state.key, resetKey) ? state.shown : step;
  return [shown, () => setState({ key: resetKey, shown: shown + step })];
}

/** "Show more (120 more)": the one button under a list that is longer than what it shows. */
export function ShowMore({
  remaining,
  onMore,
  pending = false,
  what,
}: {
  /** How many are not shown yet. */
  remaining: number;
  onMore: () => void;
  pending?: boolean;
  /** What the list holds, for screen readers: "pilots that need attention". */
  what: string;
}) {
  if (remaining <= 0) return null;
  const label = `${pending ? "Loading…" : "Show more"} (${formatCount(remaining)} more`;
  // The name says what the list holds; the button shows only the count.
  return (
    <Button
      variant="outline"
      size="sm"
      className="self-start print:hidden"
      onClick={onMore}
      disabled={pending}
      aria-busy={pending}
      aria-label={`${label} ${what})`}
    >
      {label})
    </Button>
  );
}

/**
 * Under a list the portfolio pages (its first items, then a page at a time from the API): the
 * error of the last page, the "Show more" that loads the next, and on paper how many are left.
 */
export function MorePages({
  shown,
  total,
  onMore,
  pending = false,
  error = false,
  what,
}: {
  /** How many items the list holds now. */
  shown: number;
  /** Every item over all pages. */
  total: number;
  /** Loads the next page; absent when every item is here. */
  onMore?: () => void;
  pending?: boolean;
  /** The last page failed to load (the button tries again). */
  error?: boolean;
  /** What the list holds, for screen readers: "pilots that need attention". */
  what: string;
}) {
  const remaining = total - shown;
  return (
    <>
      {error && (
        <p role="alert" className="text-sm text-danger-foreground">
          The next pilots did not load. Try again.
        </p>
      )}
      {onMore && <ShowMore remaining={remaining} onMore={onMore} pending={pending} what={what} />}
      {remaining > 0 && (
        <p className="hidden text-sm text-muted-foreground print:block">
          And {pilotCount(remaining)} more, in the app.
        </p>
      )}
    </>
  );
}

/** The page of a table: `size` rows at a time, back to the first when `resetKey` changes. */
export function usePage<T>(rows: T[], size: number, resetKey: unknown) {
  const [state, setState] = useState({ key: resetKey, page: 0 });
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const page = Object.is(state.key, resetKey) ? Math.min(state.page, pages - 1) : 0;
  return {
    rows: rows.slice(page * size, (page + 1) * size),
    page,
    pages,
    first: rows.length === 0 ? 0 : page * size + 1,
    last: Math.min(rows.length, (page + 1) * size),
    total: rows.length,
    setPage: (next: number) => setState({ key: resetKey, page: next }),
  };
}

/** "21–40 of 300 · Previous · Next" under a paged table. */
export function PageControls({
  pager,
  what,
}: {
  pager: ReturnType<typeof usePage<unknown>>;
  /** What the rows are, for the group's name: "pilots". */
  what: string;
}) {
  if (pager.pages <= 1) return null;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a labelled group of page buttons
    <div
      role="group"
      aria-label={`Pages of ${what}`}
      className="flex flex-wrap items-center justify-between gap-2 text-sm print:hidden"
    >
      <p className="text-muted-foreground tabular-nums" aria-live="polite">
        {formatCount(pager.first)}–{formatCount(pager.last)} of {formatCount(pager.total)} {what}
      </p>
      <div className="flex gap-1">
        <Button
          variant="outline"
          size="sm"
          disabled={pager.page === 0}
          onClick={() => pager.setPage(pager.page - 1)}
        >
          <ChevronLeft aria-hidden="true" />
          Previous
        </Button>
        <Button
          variant="outline"
          size="sm"
          disabled={pager.page >= pager.pages - 1}
          onClick={() => pager.setPage(pager.page + 1)}
        >
          Next
          <ChevronRight aria-hidden="true" />
        </Button>
      </div>
    </div>
  );
}
