import { useParams } from "@tanstack/react-router";
import * as React from "react";
import type { Role } from "@/features/auth/queries";
import { whenIdle } from "@/lib/idle";
import { shouldIgnoreShortcut } from "@/lib/use-list-keyboard";

/**
 * The palette (with cmdk) and the shortcuts dialog ship in chunks of their own, out of the app's
 * first script. They are fetched and mounted (closed) once the page is idle, so the first Ctrl+K
 * or `?` opens them at once; a key pressed before that fetches them on the spot.
 */
const CommandPalette = React.lazy(() => import("./command-palette"));
const ShortcutsDialog = React.lazy(() =>
  import("./shortcuts-dialog").then((module) => ({ default: module.ShortcutsDialog })),
);

type CommandContextValue = {
  /** The workspace the palette and the search work in (null outside one). */
  workspaceId: string | null;
  openPalette: () => void;
  openShortcuts: () => void;
  /** The top bar's search field registers here, so `/` can focus it. */
  registerSearch: (input: HTMLInputElement | null) => void;
};

const CommandContext = React.createContext<CommandContextValue | null>(null);

export function useCommands(): CommandContextValue {
  const value = React.useContext(CommandContext);
  if (!value) throw new Error("useCommands needs a CommandProvider");
  return value;
}

function visible(element: HTMLElement | null): element is HTMLElement {
  if (!element?.isConnected) return false;
  return element.getClientRects().length > 0;
}

/**
 * The app's keyboard shortcuts: Ctrl/⌘+K opens the command palette (also from a field: it types
 * nothing), `/` focuses the search (the palette on phones, where the field is folded away), `?`
 * lists the shortcuts. One-key shortcuts never fire while typing or while a dialog is open.
 */
export function CommandProvider({
  workspaceId,
  memberRole,
  children,
}: {
  workspaceId: string | null;
  /** The person's role in that workspace: the palette offers only what it allows. */
  memberRole: Role | null;
  children: React.ReactNode;
}) {
  const [paletteOpen, setPaletteOpen] = React.useState(false);
  // Mounted (and their chunks fetched) when the page is idle or when asked for, whichever comes
  // first; kept afterwards.
  const [wanted, setWanted] = React.useState(false);
  const [shortcutsOpen, setShortcutsOpen] = React.useState(false);
  const searchInput = React.useRef<HTMLInputElement | null>(null);
  const params = useParams({ strict: false });
  const pilotId = params.pilotId ?? null;

  const openPalette = React.useCallback(() => {
    if (!workspaceId) return;
    setWanted(true);
    setPaletteOpen(true);
  }, [workspaceId]);
  const openShortcuts = React.useCallback(() => {
    setWanted(true);
    setShortcutsOpen(true);
  }, []);
  React.useEffect(() => whenIdle(() => setWanted(true)), []);
  const registerSearch = React.useCallback((input: HTMLInputElement | null) => {
    searchInput.current = input;
  }, []);

  React.useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      const mod = event.ctrlKey || event.metaKey;
      if (mod && !event.altKey && !event.shiftKey && event.key.toLowerCase() === "k") {
        if (!workspaceId) return;
        // The palette toggles; over another dialog it stays shut (Esc closes that one first).
        if (paletteOpen) {
          event.preventDefault();
          setPaletteOpen(false);
          return;
        }
        if (document.querySelector("[role='dialog'][data-state='open'], [role='alertdialog']"))
          return;
        event.preventDefault();
        openPalette();
        return;
      }
      if (shouldIgnoreShortcut(event)) return;
      if (event.key === "?") {
        event.preventDefault();
        openShortcuts();
      } else if (event.key === "/" && !event.shiftKey) {
        const input = searchInput.current;
        if (visible(input)) {
          event.preventDefault();
          input.focus();
          input.select();
        } else if (workspaceId) {
          event.preventDefault();
          openPalette();
        }
      }
    };
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, [workspaceId, paletteOpen, openPalette, openShortcuts]);

  const value = React.useMemo(
    () => ({ workspaceId, openPalette, openShortcuts, registerSearch }),
    [workspaceId, openPalette, openShortcuts, registerSearch],
  );

  return (
    <CommandContext.Provider value={value}>
      {children}
      {wanted && workspaceId && (
        <React.Suspense fallback={null}>
          <CommandPalette
            open={paletteOpen}
            onOpenChange={setPaletteOpen}
            workspaceId={workspaceId}
            role={memberRole}
            pilotId={pilotId}
            onShowShortcuts={() => {
              setPaletteOpen(false);
              setShortcutsOpen(true);
            }}
          />
        </React.Suspense>
      )}
      {wanted && (
        <React.Suspense fallback={null}>
          <ShortcutsDialog open={shortcutsOpen} onOpenChange={setShortcutsOpen} />
        </React.Suspense>
      )}
    </CommandContext.Provider>
  );
}
