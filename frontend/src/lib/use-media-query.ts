import { useSyncExternalStore } from "react";

/**
 * Whether the media query matches, kept up to date. True where the runtime cannot tell (no
 * matchMedia, as in tests), so what it guards is drawn rather than lost.
 */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      if (typeof window.matchMedia !== "function") return () => {};
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    () => typeof window.matchMedia !== "function" || window.matchMedia(query).matches,
    () => true,
  );
}
