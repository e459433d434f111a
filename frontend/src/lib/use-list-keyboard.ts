import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from "react";

/** True when the key press lands where text is typed: an input, a textarea, a select or any contenteditable. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  if (target.closest("[contenteditable='true'], [contenteditable='']")) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  // Checkboxes, radios and buttons take no text: a letter there is not typing.
  const type = (target as HTMLInputElement).type;
  return !["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"].includes(
    type,
  );
}

/** True while a modal dialog, an alert dialog or an open menu has the page's attention. */
export function isDialogOpen(): boolean {
  return (
    document.querySelector(
      "[role='dialog'][data-state='open'], [role='alertdialog'][data-state='open'], [role='dialog'][aria-modal='true'], [role='menu'][data-state='open']",
    ) !== null
  );
}

/**
 * Whether a one-key shortcut must stay quiet for this key press: while typing (input, textarea,
 * select, contenteditable), while a dialog or menu is open, with Ctrl, ⌘ or Alt held (those
 * belong to the browser and the system), or when something already handled the key.
 */
export function shouldIgnoreShortcut(event: globalThis.KeyboardEvent): boolean {
  return (
    event.defaultPrevented ||
    event.isComposing ||
    event.ctrlKey ||
    event.metaKey ||
    event.altKey ||
    isTypingTarget(event.target) ||
    isDialogOpen()
  );
}

/** The look of a row the keyboard is on: a ring while focused, a tint while current. */
export const listRowClassName =
  "scroll-mt-32 scroll-mb-4 outline-none focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-accent focus-visible:shadow-[inset_3px_0_0_0_var(--color-accent)] data-[active]:bg-accent-subtle/50";

type Options = {
  /** How many rows the list shows now (rows are numbered 0 … count − 1). */
  count: number;
  /** What Enter on a focused row does (open it). Leave out when rows open nothing. */
  onOpen?: ((index: number) => void) | undefined;
  /** Off while the list is not on screen (loading, empty); on by default. */
  enabled?: boolean;
};

/**
 * `j` / `k` move through a list's rows and `Enter` opens the focused one, the way mail clients
 * do. The keys never fire while typing in a field or while a dialog or menu is open (see
 * `shouldIgnoreShortcut`).
 *
 * ```tsx
 * const rows = useListKeyboard<HTMLDivElement>({ count: items.length, onOpen: (i) => open(items[i]) });
 * <div ref={rows.containerRef}>
 *   {items.map((item, i) => <tr key={item.id} {...rows.rowProps(i)} className={listRowClassName}>…</tr>)}
 * </div>
 * ```
 *
 * - `containerRef`: put it on an element around every row (rows are found inside it).
 * - `rowProps(index)`: spread on each row element (`tr`, `li`, a card…). It makes the row
 *   focusable by script (`tabIndex={-1}`, so Tab order is unchanged), marks the current one with
 *   `data-active`, announces the keys (`aria-keyshortcuts`), opens it on Enter, and follows the
 *   mouse and Tab (focusing anything inside a row makes it current).
 * - A list drawn twice (a table on wide screens, cards on phones, one hidden by CSS) may give
 *   both copies the same index: only the visible copy is focused.
 * - `activeIndex` (−1 before the first key) and `setActiveIndex` for callers that want it;
 *   `listRowClassName` is the matching focus ring and tint.
 * - `j` on no row starts at the first; `k` and `j` stop at the ends. The index is kept within
 *   `count` when the list shrinks.
 */
export function useListKeyboard<T extends HTMLElement = HTMLElement>({
  count,
  onOpen,
  enabled = true,
}: Options) {
  const containerRef = useRef<T>(null);
  const [activeIndex, setActiveIndex] = useState(-1);
  const active = useRef(activeIndex);
  active.current = activeIndex;
  const open = useRef(onOpen);
  open.current = onOpen;

  useEffect(() => {
    if (activeIndex >= count) setActiveIndex(count - 1);
  }, [activeIndex, count]);

  const focusRow = useCallback((index: number) => {
    const container = containerRef.current;
    if (!container) return;
    const rows = [...container.querySelectorAll<HTMLElement>(`[data-list-row="${index}"]`)];
    // The copy on screen (the other may be hidden by a breakpoint); in a DOM without layout, the first.
    const row = rows.find((el) => el.getClientRects().length > 0) ?? rows[0];
    if (!row) return;
    setActiveIndex(index);
    row.focus();
    row.scrollIntoView?.({ block: "nearest" });
  }, []);

  useEffect(() => {
    if (!enabled || count === 0) return;
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.shiftKey || shouldIgnoreShortcut(event)) return;
      const key = event.key.toLowerCase();
      if (key !== "j" && key !== "k") return;
      event.preventDefault();
      const current = active.current;
      const next =
        key === "j" ? Math.min(current + 1, count - 1) : current < 0 ? 0 : Math.max(current - 1, 0);
      focusRow(next);
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [enabled, count, focusRow]);

  const rowProps = useCallback(
    (index: number) => ({
      "data-list-row": index,
      "data-active": index === activeIndex ? "" : undefined,
      tabIndex: -1,
      "aria-keyshortcuts": "j k Enter",
      onFocus: () => setActiveIndex(index),
      onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
        // Enter on the row itself; a button or link inside it keeps its own Enter.
        if (event.key !== "Enter" || event.target !== event.currentTarget) return;
        if (!open.current) return;
        event.preventDefault();
        open.current(index);
      },
    }),
    [activeIndex],
  );

  return { containerRef, rowProps, activeIndex, setActiveIndex };
}
