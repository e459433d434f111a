import { Link } from "@tanstack/react-router";
import type * as React from "react";
import { LogoMark } from "./logo-mark";
import { navItems } from "./nav-items";
import { ThemeToggle } from "./theme-toggle";

export function AppShell({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only rounded-md bg-accent px-4 py-2 text-sm font-medium text-accent-foreground focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-40 border-b bg-card/85 backdrop-blur supports-[backdrop-filter]:bg-card/70">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 px-4 sm:h-14 sm:flex-nowrap sm:px-6">
          <Link
            to="/"
            className="flex h-14 items-center gap-2 rounded-md font-semibold tracking-tight sm:h-auto"
          >
            <LogoMark />
            <span>Pilotboard</span>
          </Link>
          <div className="ml-auto flex items-center sm:order-last">
            <ThemeToggle />
          </div>
          <nav
            aria-label="Main"
            className="-mx-4 w-[calc(100%+2rem)] overflow-x-auto border-t px-4 sm:mx-0 sm:w-auto sm:border-0 sm:px-0"
          >
            <ul className="flex h-11 items-center gap-1 sm:h-auto">
              {navItems.map(({ to, label, icon: Icon }) => (
                <li key={label}>
                  <Link
                    to={to}
                    activeOptions={{ exact: to === "/" }}
                    className="flex items-center gap-2 whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium text-muted-foreground transition-colors hover:bg-muted hover:text-foreground aria-[current=page]:bg-accent-subtle aria-[current=page]:text-accent-subtle-foreground"
                  >
                    <Icon aria-hidden="true" className="size-4" />
                    {label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
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
