import type { LucideIcon } from "lucide-react";
import { RefreshCw } from "lucide-react";
import type * as React from "react";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { describeError } from "@/lib/api-error";
import { cn } from "@/lib/utils";
import { ErrorAlert } from "./ui/alert";

export function ListSkeleton({ label, rows = 3 }: { label: string; rows?: number }) {
  return (
    <div aria-busy="true" className="flex flex-col gap-2">
      <p role="status" className="sr-only">
        {label}
      </p>
      <Card>
        <CardContent className="flex flex-col gap-4">
          {Array.from({ length: rows }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders
            <div key={i} className="flex items-center gap-4">
              <Skeleton className="size-8 rounded-full" />
              <div className="flex flex-1 flex-col gap-2">
                <Skeleton className="h-4 w-40 max-w-full" />
                <Skeleton className="h-3 w-56 max-w-full" />
              </div>
              <Skeleton className="hidden h-8 w-24 sm:block" />
            </div>
          ))}
        </CardContent>
      </Card>
    </div>
  );
}

export function ListError({
  what,
  error,
  onRetry,
  retrying,
}: {
  what: string;
  error: unknown;
  onRetry: () => void;
  retrying: boolean;
}) {
  const { detail } = describeError(error);
  return (
    <ErrorAlert title={`Could not load ${what}`} className="items-start">
      <p>{detail}</p>
      <Button variant="outline" size="sm" onClick={onRetry} disabled={retrying} className="mt-2">
        <RefreshCw aria-hidden="true" className={cn(retrying && "motion-safe:animate-spin")} />
        Retry
      </Button>
    </ErrorAlert>
  );
}

export function EmptyState({
  icon: Icon,
  title,
  children,
  action,
}: {
  icon: LucideIcon;
  title: string;
  children: React.ReactNode;
  action?: React.ReactNode;
}) {
  return (
    <Card>
      <CardContent className="flex flex-col items-center gap-3 px-6 py-12 text-center">
        <span className="flex size-12 items-center justify-center rounded-full bg-accent-subtle text-accent-subtle-foreground">
          <Icon aria-hidden="true" className="size-6" />
        </span>
        <h2 className="text-lg font-semibold tracking-tight">{title}</h2>
        <div className="max-w-md text-sm text-muted-foreground">{children}</div>
        {action && <div className="mt-2">{action}</div>}
      </CardContent>
    </Card>
  );
}

export function PageHeader({
  title,
  description,
  action,
}: {
  title: string;
  description?: React.ReactNode;
  action?: React.ReactNode;
}) {
  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
      <div className="flex min-w-0 flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
        {description && <p className="text-sm text-muted-foreground">{description}</p>}
      </div>
      {action && <div className="shrink-0">{action}</div>}
    </div>
  );
}
