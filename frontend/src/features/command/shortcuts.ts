/** Whether this machine names the command key ⌘ (Apple) or Ctrl (everything else). */
export function isApple(): boolean {
  if (typeof navigator === "undefined") return false;
  const platform =
    (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform ??
    navigator.platform ??
    "";
  return /mac|iphone|ipad|ipod/i.test(platform);
}

/** The palette's keys as shown to people: "⌘ K" on a Mac, "Ctrl K" elsewhere. */
export function paletteKeys(apple = isApple()): string[] {
  return [apple ? "⌘" : "Ctrl", "K"];
}

/** The same keys for `aria-keyshortcuts` (both, so either platform is described). */
export const PALETTE_ARIA = "Control+K Meta+K";

export type Shortcut = {
  /** The keys, each as shown on a key cap. */
  keys: string[];
  /** What the shortcut does, in a few words. */
  description: string;
  /** Where it works. */
  where: "Anywhere" | "Lists";
};

/** Every keyboard shortcut of the app, for the `?` dialog and the palette. */
export function shortcutList(apple = isApple()): Shortcut[] {
  return [
    { keys: paletteKeys(apple), description: "Open the command palette", where: "Anywhere" },
    { keys: ["/"], description: "Search pilots, customers and departments", where: "Anywhere" },
    { keys: ["?"], description: "Show these shortcuts", where: "Anywhere" },
    {
      keys: ["Esc"],
      description: "Close a dialog, a menu or the search results",
      where: "Anywhere",
    },
    { keys: ["j"], description: "Next row", where: "Lists" },
    { keys: ["k"], description: "Previous row", where: "Lists" },
    { keys: ["Enter"], description: "Open the focused row", where: "Lists" },
  ];
}
