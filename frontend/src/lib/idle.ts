/**
 * Runs `callback` once the browser has nothing better to do (after the first paint, between
 * frames), or after `timeout` ms at the latest. Returns a function that cancels it. Used to fetch
 * the chunks a first key press will want (the command palette, the shortcuts) before it comes.
 */
export function whenIdle(callback: () => void, timeout = 2_000): () => void {
  if (typeof window.requestIdleCallback === "function") {
    const handle = window.requestIdleCallback(callback, { timeout });
    return () => window.cancelIdleCallback(handle);
  }
  const handle = window.setTimeout(callback, Math.min(timeout, 200));
  return () => window.clearTimeout(handle);
}
