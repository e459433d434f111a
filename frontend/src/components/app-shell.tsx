import { Link, useParams } from "@tanstack/react-router";
import { LogIn, Search } from "lucide-react";
import type * as React from "react";
import { UserMenuButton } from "@/features/auth/components/user-menu-button";
import { useMe } from "@/features/auth/queries";
import { CommandProvider, useCommands } from "@/features/command/command-provider";
import { GlobalSearch } from "@/features/command/global-search";
import { Kbd } from "@/features/command/kbd";
import { PALETTE_ARIA, paletteKeys } from "@/features/command/shortcuts";
import { NotificationBell } from "@/features/notifications/components/notification-bell";
import { WorkspaceSwitcher } from "@/features/workspaces/components/workspace-switcher";
import { readLastWorkspace } from "@/features/workspaces/last-workspace";
import { useMediaQuery } from "@/lib/use-media-query";
import { cn } from "@/lib/utils";
import { LogoMark } from "./logo-mark";
import { workspaceNavItems } from "./nav-items";
import { ThemeToggle } from "./theme-toggle";
import { Button } from "./ui/button";
import { Tooltip } from "./ui/tooltip";

export function AppShell({ children }: { children: React.ReactNode }) {
  const { data: me } = useMe();
  const params = useParams({ strict: false });
  // Inside a workspace the URL says which; elsewhere (status, not found) the last one used.
  const workspaceId = params.workspaceId ?? (me ? readLastWorkspace() : null);
  const membership = me?.memberships.find((m) => m.workspace_id === workspaceId);
  const inWorkspace = membership !== undefined;
  const ws = inWorkspace ? workspaceId : null;
  const wide = useMediaQuery("(min-width: 48rem)");

  return (
    <CommandProvider workspaceId={ws} memberRole={membership?.role ?? null}>
      <div className="flex min-h-dvh flex-col">
        <a
          href="#main"
          className="sr-only rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-foreground focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50"
        >
          Skip to content
        </a>
        <header className="sticky top-0 z-40 border-b bg-card/85 backdrop-blur supports-[backdrop-filter]:bg-card/70 print:hidden">
          {/* Two rows: who and where (logo, workspace, search, you) above the pages, so neither row runs out of room at any width. */}
          <div className="mx-auto flex h-14 max-w-6xl items-center gap-1.5 px-4 sm:gap-3 sm:px-6">
            <Link
              to="/"
              className="flex shrink-0 items-center gap-2 rounded-md font-semibold tracking-tight"
            >
              <LogoMark />
              <span className={me ? "sr-only md:not-sr-only" : undefined}>Pilotboard</span>
            </Link>
            {me && (
              <>
                <span aria-hidden="true" className="hidden h-5 w-px shrink-0 bg-border sm:block" />
                <div className="flex min-w-0 shrink">
                  <WorkspaceSwitcher memberships={me.memberships} currentId={ws} />
                </div>
              </>
            )}
            <div className="flex min-w-0 flex-1 justify-center">
              {/* From md up only (phones search from the palette): not even built where hidden. */}
              {ws && wide && (
                <GlobalSearch workspaceId={ws} className="hidden w-full max-w-sm md:block" />
              )}
            </div>
            <div className="flex shrink-0 items-center gap-0.5 sm:gap-1">
              {ws && <PaletteButton />}
              {me && <NotificationBell me={me} />}
              <ThemeToggle />
              {me ? (
                <UserMenuButton me={me} />
              ) : (
                <Button asChild variant="outline" size="sm" className="ml-1">
                  <Link to="/login">
                    <LogIn aria-hidden="true" />
                    Sign in
                  </Link>
                </Button>
              )}
            </div>
          </div>
          {ws && (
            <nav aria-label="Main" className="mx-auto max-w-6xl px-2 sm:px-4">
              <ul className="flex h-12 items-stretch sm:h-11 sm:gap-1">
                {workspaceNavItems.map(({ to, label, icon: Icon, exact, secondary }) => (
                  <li
                    key={label}
                    className={cn(
                      "flex min-w-0",
                      secondary ? "hidden lg:flex" : "flex-1 sm:flex-none",
                    )}
                  >
                    <Link
                      to={to}
                      params={{ workspaceId: ws }}
                      activeOptions={{ exact: exact ?? false }}
                      className="-mb-px flex w-full flex-col items-center justify-center gap-0.5 border-b-2 border-transparent px-1 text-[0.6875rem] font-medium whitespace-nowrap text-muted-foreground transition-colors hover:border-border hover:text-foreground aria-[current=page]:border-accent aria-[current=page]:text-foreground sm:flex-row sm:gap-2 sm:px-3 sm:text-sm"
                    >
                      <Icon aria-hidden="true" className="size-4 shrink-0" />
                      {label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </header>
        <main
          id="main"
          tabIndex={-1}
          className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 focus:outline-none sm:px-6 sm:py-10"
        >
          {children}
        </main>
      </div>
    </CommandProvider>
  );
}

/** Opens the command palette: a magnifier on phones (where the search field folds into it), the keys on wide screens. */
function PaletteButton() {
  const { openPalette } = useCommands();
  const keys = paletteKeys();
  return (
    <Tooltip content={<span>Search and commands · {keys.join(" ")}</span>} side="bottom">
      <Button
        variant="ghost"
        size="icon"
        onClick={openPalette}
        aria-label="Search and commands"
        aria-keyshortcuts={PALETTE_ARIA}
        className="md:w-auto md:px-2"
      >
        <Search aria-hidden="true" className="md:hidden" />
        <Kbd keys={keys} className="hidden md:inline-flex" />
      </Button>
    </Tooltip>
  );
}
