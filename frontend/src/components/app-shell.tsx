import { Link, useParams } from "@tanstack/react-router";
import { LogIn } from "lucide-react";
import type * as React from "react";
import { UserMenu } from "@/features/auth/components/user-menu";
import { useMe } from "@/features/auth/queries";
import { NotificationBell } from "@/features/notifications/components/notification-bell";
import { WorkspaceSwitcher } from "@/features/workspaces/components/workspace-switcher";
import { readLastWorkspace } from "@/features/workspaces/last-workspace";
import { LogoMark } from "./logo-mark";
import { workspaceNavItems } from "./nav-items";
import { ThemeToggle } from "./theme-toggle";
import { Button } from "./ui/button";

export function AppShell({ children }: { children: React.ReactNode }) {
  const { data: me } = useMe();
  const params = useParams({ strict: false });
  // Inside a workspace the URL says which; elsewhere (status, not found) the last one used.
  const workspaceId = params.workspaceId ?? (me ? readLastWorkspace() : null);
  const inWorkspace = me?.memberships.some((m) => m.workspace_id === workspaceId) ?? false;

  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-foreground focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-40 border-b bg-card/85 backdrop-blur supports-[backdrop-filter]:bg-card/70">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-2 px-4 sm:h-14 sm:flex-nowrap sm:gap-x-4 sm:px-6">
          <Link
            to="/"
            className="flex h-14 shrink-0 items-center gap-2 rounded-md font-semibold tracking-tight sm:h-auto"
          >
            <LogoMark />
            {/* Signed in, the navigation needs the room (the top bar is no wider on big screens): the mark alone names the app. */}
            <span className={me ? "sr-only" : undefined}>Pilotboard</span>
          </Link>
          {me && (
            <>
              <span aria-hidden="true" className="hidden h-5 w-px bg-border md:block" />
              <WorkspaceSwitcher
                memberships={me.memberships}
                currentId={inWorkspace ? workspaceId : null}
              />
            </>
          )}
          <div className="ml-auto flex shrink-0 items-center gap-1 sm:order-last">
            {me && <NotificationBell me={me} />}
            <ThemeToggle />
            {me ? (
              <UserMenu me={me} />
            ) : (
              <Button asChild variant="outline" size="sm" className="ml-1">
                <Link to="/login">
                  <LogIn aria-hidden="true" />
                  Sign in
                </Link>
              </Button>
            )}
          </div>
          {inWorkspace && workspaceId && (
            <nav
              aria-label="Main"
              className="-mx-4 w-[calc(100%+2rem)] overflow-x-auto border-t px-4 sm:mx-0 sm:w-auto sm:border-0 sm:px-0"
            >
              <ul className="flex h-11 items-center gap-1 sm:h-auto">
                {workspaceNavItems.map(({ to, label, icon: Icon, exact }) => (
                  <li key={label}>
                    <Link
                      to={to}
                      params={{ workspaceId }}
                      activeOptions={{ exact: exact ?? false }}
                      className="flex items-center gap-2 whitespace-nowrap rounded-md px-2.5 py-1.5 sm:px-2 xl:px-2.5 text-sm font-medium text-muted-foreground transition-colors hover:bg-muted hover:text-foreground aria-[current=page]:bg-accent-subtle aria-[current=page]:text-accent-subtle-foreground"
                    >
                      {/* In the top row, beside the switcher and the bell, the words fit without their icons. */}
                      <Icon aria-hidden="true" className="size-4 sm:hidden" />
                      {label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          )}
        </div>
      </header>
      <main
        id="main"
        tabIndex={-1}
        className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 focus:outline-none sm:px-6 sm:py-10"
      >
        {children}
      </main>
    </div>
  );
}
