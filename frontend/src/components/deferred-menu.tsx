import * as React from "react";
import { whenIdle } from "@/lib/idle";

/** What a deferred menu is given: the button to open it with, and whether to open at once. */
export type DeferredMenuProps = {
  /** The button, to wrap in the menu's trigger (`asChild`). */
  trigger: React.ReactElement;
  /** True when the button was pressed before the menu's code arrived. */
  defaultOpen: boolean;
};

// The chunks that have arrived, by the function that loads them: a control mounted afterwards
// renders the real thing at once (like React.lazy's own cache of a resolved import).
const arrived = new Map<() => Promise<unknown>, unknown>();

/**
 * A chunk fetched when the page is idle, or earlier when `start` is called (a hover, a focus):
 * its module once it has arrived, else null. `load` must be the same function on every render
 * (module level).
 */
export function useDeferredChunk<M extends object>(load: () => Promise<M>): [M | null, () => void] {
  const [module, setModule] = React.useState<M | null>(() => (arrived.get(load) as M) ?? null);
  const started = React.useRef(false);
  const start = React.useCallback(() => {
    if (started.current) return;
    started.current = true;
    void load().then((loaded) => {
      arrived.set(load, loaded);
      setModule(() => loaded);
    });
  }, [load]);
  React.useEffect(() => (module ? undefined : whenIdle(start)), [module, start]);
  return [module, start];
}

/**
 * A control whose menu or panel (Radix, its icons, its queries) is not part of the app's first
 * script. Its button is drawn at once, labelled and focusable; the menu's chunk (`load`) is
 * fetched when the page is idle, or on the first hover, focus or press of the button, whichever
 * comes first, and the real trigger takes the button's place when it has arrived. A press (or
 * Enter, Space, ↓) before then opens the menu as soon as it does, and a button that had the
 * keyboard focus keeps it across the swap.
 */
export function DeferredMenu<M extends object>({
  load,
  menu,
  trigger,
  popup = "menu",
}: {
  /** Fetches the menu's chunk (a dynamic import). */
  load: () => Promise<M>;
  /** Renders the menu, from the chunk's module, around the trigger. */
  menu: (module: M, props: DeferredMenuProps) => React.ReactNode;
  trigger: React.ReactElement<React.ComponentProps<"button">>;
  /** What the button opens, for `aria-haspopup`: a menu, or a dialog (a popover panel). */
  popup?: "menu" | "dialog";
}) {
  const [module, start] = useDeferredChunk(load);
  const [openOnLoad, setOpenOnLoad] = React.useState(false);
  const focused = React.useRef(false);
  const wrapper = React.useRef<HTMLSpanElement>(null);

  const open = () => {
    setOpenOnLoad(true);
    start();
  };
  const placeholder = React.cloneElement(trigger, {
    "aria-haspopup": popup,
    "aria-expanded": false,
    onClick: open,
    onKeyDown: (event: React.KeyboardEvent) => {
      if (popup === "menu" && event.key === "ArrowDown") {
        event.preventDefault();
        open();
      }
    },
    onPointerEnter: start,
    onFocus: () => {
      focused.current = true;
      start();
    },
    onBlur: (event: React.FocusEvent) => {
      // Not when the button leaves the page (the swap): the new one takes the focus over.
      if (event.currentTarget.isConnected) focused.current = false;
    },
  });

  return (
    <span ref={wrapper} className="contents">
      {module ? (
        <>
          {menu(module, { trigger, defaultOpen: openOnLoad })}
          {/* The menu, when it opens at once, moves the focus itself. */}
          {!openOnLoad && <KeepFocus wrapper={wrapper} had={focused} />}
        </>
      ) : (
        placeholder
      )}
    </span>
  );
}

/** Gives the focus to the real button when the placeholder that held it is replaced. */
function KeepFocus({
  wrapper,
  had,
}: {
  wrapper: React.RefObject<HTMLSpanElement | null>;
  had: React.RefObject<boolean>;
}) {
  React.useLayoutEffect(() => {
    const active = document.activeElement;
    if (!had.current || (active && active !== document.body)) return;
    had.current = false;
    wrapper.current?.querySelector<HTMLElement>("button")?.focus();
  }, [wrapper, had]);
  return null;
}
