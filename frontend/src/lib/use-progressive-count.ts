import { startTransition, useEffect, useState } from "react";

/**
 * How many of `total` items to draw: `step` at first, then `step` more after each commit, in the
 * background (a transition), until all are drawn. A long list or a chart of hundreds of marks then
 * reaches the screen in a few short tasks instead of one long one; what is drawn never moves, the
 * rest is added after it.
 */
export function useProgressiveCount(total: number, step: number): number {
  const [count, setCount] = useState(() => Math.min(total, step));
  useEffect(() => {
    if (count >= total) return;
    startTransition(() => setCount((current) => Math.min(total, current + step)));
  }, [count, total, step]);
  return Math.min(count, total);
}
