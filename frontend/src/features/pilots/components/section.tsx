import type * as React from "react";
import { Card, CardContent } from "@/components/ui/card";

/** One anchored section of the pilot page: a heading, a short why, an action, the content. */
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
  return (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-20">
      <Card>
        <CardContent className="flex flex-col gap-4">
          <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
            <div className="flex min-w-0 flex-col gap-1">
              <h2 id={`${id}-title`} className="text-lg font-semibold tracking-tight">
                {title}
              </h2>
              {description && <p className="text-sm text-muted-foreground">{description}</p>}
            </div>
            {action && <div className="shrink-0">{action}</div>}
          </div>
          {children}
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
