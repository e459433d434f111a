import { useEffect, useLayoutEffect, useRef } from "react";

/**
 * Gives focus back when a dialog that a page opened itself closes. Radix returns focus only to a
 * `DialogTrigger`; a dialog opened from a list row (Enter on a `j`/`k`-selected row, or the row's
 * Edit or Delete button) would otherwise leave focus on the page's body, and `j`/`k` would lose
 * their place.
 *
 * While `open` turns true the focused element is remembered (before the dialog moves focus into
 * itself); when it turns false again that element gets focus back, or, when it is gone (the
 * row was deleted) or hidden, whatever `fallback` returns (say, the row now at the same place).
 */
export function useReturnFocus(open: boolean, fallback?: () => HTMLElement | null): void {
  const origin = useRef<HTMLElement | null>(null);
  const wasOpen = useRef(open);
  const latestFallback = useRef(fallback);
  latestFallback.current = fallback;

  // A layout effect runs before the dialog's own (passive) effect moves focus into it.
  useLayoutEffect(() => {
    if (open && !wasOpen.current) {
      const active = document.activeElement;
      origin.current = active instanceof HTMLElement && active !== document.body ? active : null;
    }
  }, [open]);

  useEffect(() => {
    const closed = wasOpen.current && !open;
    wasOpen.current = open;
    if (!closed) return;
    const back = origin.current;
    origin.current = null;
    const target = back?.isConnected && isShown(back) ? back : (latestFallback.current?.() ?? null);
    target?.focus();
  }, [open]);
}

function isShown(element: HTMLElement): boolean {
  // Without layout (tests in a DOM without CSS) nothing has client rects: count it as shown.
  return element.getClientRects().length > 0 || document.body.getClientRects().length === 0;
}

/**
 * The row `index` of a `useListKeyboard` list inside `container`: the copy on screen when the list
 * is drawn twice (a table and cards), for `useReturnFocus`'s fallback after a row was deleted.
 */
export function visibleRow(container: HTMLElement | null, index: number): HTMLElement | null {
  if (!container || index < 0) return null;
  const rows = [...container.querySelectorAll<HTMLElement>(`[data-list-row="${index}"]`)];
  return rows.find((row) => row.getClientRects().length > 0) ?? rows[0] ?? null;
}
