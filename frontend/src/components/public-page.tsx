import type * as React from "react";
import { LogoMark } from "./logo-mark";
import { ThemeToggle } from "./theme-toggle";
import { Card, CardContent } from "./ui/card";

/**
 * The frame of a page reached from an email link, outside the signed-in app (like sign-in): the
 * mark, a heading, a line under it, one card, and an optional footer.
 */
export function PublicPage({
  title,
  lead,
  icon,
  children,
  footer,
  wide = false,
}: {
  title: string;
  lead?: React.ReactNode;
  /** Replaces the logo mark above the heading (e.g. a status icon). */
  icon?: React.ReactNode;
  children: React.ReactNode;
  footer?: React.ReactNode;
  /** A form with several questions gets a wider column on large screens (still one column). */
  wide?: boolean;
}) {
  return (
    <div className="flex min-h-dvh flex-col">
      <div className="flex justify-end p-3">
        <ThemeToggle />
      </div>
      <main
        id="main"
        className="flex flex-1 flex-col items-center px-4 pt-4 pb-16 sm:justify-center sm:pt-0"
      >
        <div className={`flex w-full flex-col gap-6 ${wide ? "max-w-xl" : "max-w-md"}`}>
          <div className="flex flex-col items-center gap-3 text-center">
            {icon ?? <LogoMark className="size-9" />}
            <h1 className="text-2xl font-semibold tracking-tight text-balance">{title}</h1>
            {lead && <div className="text-sm text-muted-foreground">{lead}</div>}
          </div>
          <Card>
            <CardContent className="flex flex-col gap-4 sm:p-6">{children}</CardContent>
          </Card>
          {footer && <div className="text-center text-sm text-muted-foreground">{footer}</div>}
        </div>
      </main>
    </div>
  );
}

/** A round icon above a public page's heading, in the accent or a status tone. */
export function PublicIcon({
  children,
  tone = "accent",
}: {
  children: React.ReactNode;
  tone?: "accent" | "success" | "muted";
}) {
  const tones = {
    accent: "bg-accent-subtle text-accent-subtle-foreground",
    success: "bg-success text-success-foreground",
    muted: "bg-muted text-muted-foreground",
  } as const;
  return (
    <span
      aria-hidden="true"
      className={`flex size-12 items-center justify-center rounded-full [&_svg]:size-6 ${tones[tone]}`}
    >
      {children}
    </span>
  );
}
