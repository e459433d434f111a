/** The comment id a URL hash points to (`#comment-<id>`, as notifications link), or null. */
export function commentIdFromHash(hash: string): string | null {
  const value = hash.replace(/^#/, "");
  return value.startsWith("comment-") && value.length > "comment-".length
    ? value.slice("comment-".length)
    : null;
}

/**
 * Brings `element` to the middle of the screen and keeps it there while the page above it is
 * still growing (its other sections load on their own), until the person scrolls, types or
 * clicks, or `ms` have passed. Focus stays on it meanwhile too: a menu that closed as the link
 * in it was followed (the notifications menu) hands focus back to its trigger a moment later,
 * and a re-render may replace the element with a new one of the same id (focus then falls to
 * the page), so each check looks the element up again by its id.
 * Returns a function that stops it.
 */
export function bringIntoView(element: HTMLElement, ms = 10_000): () => void {
  const id = element.id;
  const current = () => (id && document.getElementById(id)) || element;
  const keep = () => {
    const target = current();
    target.scrollIntoView?.({ block: "center" });
    const active = document.activeElement;
    if (active !== target && (!active || active === document.body || !active.isConnected)) {
      target.focus({ preventScroll: true });
    }
  };
  element.scrollIntoView?.({ block: "center" });
  element.focus({ preventScroll: true });
  if (typeof ResizeObserver === "undefined") return () => {};
  const observer = new ResizeObserver(keep);
  observer.observe(document.body);
  const refocus = () =>
    window.requestAnimationFrame(() => {
      const target = current();
      if (document.activeElement !== target) target.focus({ preventScroll: true });
    });
  document.addEventListener("focusout", refocus);
  const events = ["wheel", "touchstart", "keydown", "mousedown"] as const;
  const stop = () => {
    observer.disconnect();
    document.removeEventListener("focusout", refocus);
    window.clearTimeout(timer);
    for (const name of events) window.removeEventListener(name, stop, true);
  };
  const timer = window.setTimeout(stop, ms);
  for (const name of events) window.addEventListener(name, stop, { capture: true, passive: true });
  return stop;
}
