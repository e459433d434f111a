import { ChevronRight } from "lucide-react";
import type * as React from "react";
import { Card, CardContent } from "@/components/ui/card";
import { cn } from "@/lib/utils";
import { useSectionFold } from "./section-fold";

/**
 * One anchored section of the pilot page: a heading, a short why, an action, the content. On the
 * pilot page the heading is a disclosure button that folds the section away (see section-fold).
 */
export function Section({
  id,
  title,
  description,
  action,
  children,
}: {
  id: string;
  title: string;
  description?: React.ReactNode;
  action?: React.ReactNode;
  children: React.ReactNode;
}) {
  const fold = useSectionFold(id);
  const open = fold?.open ?? true;
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-20">
      <Card>
        <CardContent className={cn("flex flex-col gap-4", !open && "py-3")}>
          <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
            <div className="flex min-w-0 flex-col gap-1">
              <h2 id={`${id}-title`} className="text-lg font-semibold tracking-tight">
                {fold ? (
                  <button
                    type="button"
                    aria-expanded={open}
                    aria-controls={`${id}-body`}
                    onClick={() => fold.setOpen(!open)}
                    className="-ml-1 flex items-center gap-1.5 rounded-md px-1 text-left hover:text-accent-subtle-foreground focus-visible:outline-2 focus-visible:outline-ring"
                  >
                    <ChevronRight
                      aria-hidden="true"
                      className={cn("size-4 shrink-0 transition-transform", open && "rotate-90")}
                    />
                    {title}
                  </button>
                ) : (
                  title
                )}
              </h2>
              {open && description && (
                <p className="text-sm text-muted-foreground">{description}</p>
              )}
            </div>
            {open && action && <div className="shrink-0">{action}</div>}
          </div>
          {open ? (
            <div id={`${id}-body`} className="flex min-w-0 flex-col gap-4">
              {children}
            </div>
          ) : (
            <div id={`${id}-body`} hidden />
          )}
        </CardContent>
      </Card>
    </section>
  );
}

export function SectionState({
  pending,
  error,
  onRetry,
  children,
}: {
  pending: boolean;
  error: unknown;
  onRetry: () => void;
  children: React.ReactNode;
}) {
  if (pending)
    return (
      <p role="status" className="text-sm text-muted-foreground">
        Loading…
      </p>
    );
  if (error)
    return (
      <div className="flex items-center gap-3 text-sm text-danger-foreground" role="alert">
        Could not load this part.
        <button type="button" className="underline" onClick={onRetry}>
          Retry
        </button>
      </div>
    );
  return <>{children}</>;
}
