import {
  CircleCheck,
  Database,
  GitCommitHorizontal,
  type LucideIcon,
  OctagonX,
  RefreshCw,
  Server,
  TriangleAlert,
} from "lucide-react";
import type * as React from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/skeleton";
import { describeError } from "@/lib/api-error";
import { cn } from "@/lib/utils";
import { type Health, useHealth } from "../queries";
import { describeStatus, StatusBadge, type StatusTone, worstTone } from "./status-badge";

const timeFormat = new Intl.DateTimeFormat(undefined, { timeStyle: "medium" });

export function SystemStatus() {
  const health = useHealth();
  const refetch = () => void health.refetch();

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div className="flex flex-col gap-1">
          <h1 className="text-2xl font-semibold tracking-tight">System status</h1>
          <p className="text-sm text-muted-foreground">
            Live health of the Pilotboard API and its database, checked every 30 seconds.
          </p>
        </div>
        <Button
          variant="outline"
          onClick={refetch}
          disabled={health.isFetching}
          className="self-start sm:self-auto"
        >
          <RefreshCw
            aria-hidden="true"
            className={cn(health.isFetching && "motion-safe:animate-spin")}
          />
          Refresh
        </Button>
      </div>

      {health.isPending ? (
        <LoadingState />
      ) : health.isError ? (
        <ErrorState error={health.error} onRetry={refetch} retrying={health.isFetching} />
      ) : (
        <HealthDetails health={health.data} checkedAt={health.dataUpdatedAt} />
      )}
    </div>
  );
}

function LoadingState() {
  return (
    <div aria-busy="true" className="flex flex-col gap-4">
      <p role="status" className="sr-only">
        Loading system status…
      </p>
      <Card>
        <CardContent className="flex items-center gap-4">
          <Skeleton className="size-10 rounded-full" />
          <div className="flex flex-1 flex-col gap-2">
            <Skeleton className="h-5 w-48 max-w-full" />
            <Skeleton className="h-4 w-32 max-w-full" />
          </div>
        </CardContent>
      </Card>
      <div className="grid gap-4 sm:grid-cols-3">
        {["api", "database", "revision"].map((key) => (
          <Card key={key}>
            <CardContent className="flex flex-col gap-3">
              <Skeleton className="h-4 w-24" />
              <Skeleton className="h-6 w-28" />
              <Skeleton className="h-4 w-full" />
            </CardContent>
          </Card>
        ))}
      </div>
    </div>
  );
}

function ErrorState({
  error,
  onRetry,
  retrying,
}: {
  error: unknown;
  onRetry: () => void;
  retrying: boolean;
}) {
  const { title, detail, status } = describeError(error);
  return (
    <Card role="alert" className="border-danger-border">
      <CardContent className="flex flex-col gap-4 sm:flex-row sm:items-start">
        <span className="flex size-10 shrink-0 items-center justify-center rounded-full bg-danger text-danger-foreground">
          <OctagonX aria-hidden="true" className="size-5" />
        </span>
        <div className="flex min-w-0 flex-1 flex-col gap-1">
          <h2 className="font-semibold">Status check failed</h2>
          <p className="break-words text-sm text-muted-foreground">
            {detail}
            {status !== null && (
              <span className="tabular-nums">
                {" "}
                ({title}, HTTP {status})
              </span>
            )}
          </p>
        </div>
        <Button onClick={onRetry} disabled={retrying} className="self-start">
          <RefreshCw aria-hidden="true" className={cn(retrying && "motion-safe:animate-spin")} />
          Retry
        </Button>
      </CardContent>
    </Card>
  );
}

const SUMMARY: Record<StatusTone, { text: string; icon: LucideIcon; className: string }> = {
  success: {
    text: "All systems operational",
    icon: CircleCheck,
    className: "bg-success text-success-foreground",
  },
  warning: {
    text: "Some systems are degraded",
    icon: TriangleAlert,
    className: "bg-warning text-warning-foreground",
  },
  danger: {
    text: "Some systems are down",
    icon: OctagonX,
    className: "bg-danger text-danger-foreground",
  },
};

function HealthDetails({ health, checkedAt }: { health: Health; checkedAt: number }) {
  const tone = worstTone([
    describeStatus(health.status).tone,
    describeStatus(health.database).tone,
  ]);
  const summary = SUMMARY[tone];
  const SummaryIcon = summary.icon;
  const checked = new Date(checkedAt);

  return (
    <div className="flex flex-col gap-4">
      <Card>
        <CardContent className="flex items-center gap-4">
          <span
            className={cn(
              "flex size-10 shrink-0 items-center justify-center rounded-full",
              summary.className,
            )}
          >
            <SummaryIcon aria-hidden="true" className="size-5" />
          </span>
          <div className="flex min-w-0 flex-col">
            <h2 className="font-semibold">{summary.text}</h2>
            <p className="text-sm text-muted-foreground" aria-live="polite">
              Last checked at{" "}
              <time dateTime={checked.toISOString()} className="tabular-nums">
                {timeFormat.format(checked)}
              </time>
            </p>
          </div>
        </CardContent>
      </Card>

      <div className="grid gap-4 sm:grid-cols-3">
        <StatusCard icon={Server} label="API" description="Answers requests from this app.">
          <StatusBadge status={health.status} />
        </StatusCard>
        <StatusCard
          icon={Database}
          label="Database"
          description="Stores workspaces, pilots and their history."
        >
          <StatusBadge status={health.database} />
        </StatusCard>
        <StatusCard
          icon={GitCommitHorizontal}
          label="Schema revision"
          description="The database migration in place."
        >
          {health.revision ? (
            <code className="w-fit rounded bg-muted px-1.5 py-0.5 font-mono text-sm tabular-nums">
              {health.revision}
            </code>
          ) : (
            <Badge tone="warning">
              <TriangleAlert aria-hidden="true" />
              Not migrated
            </Badge>
          )}
        </StatusCard>
      </div>
    </div>
  );
}

function StatusCard({
  icon: Icon,
  label,
  description,
  children,
}: {
  icon: LucideIcon;
  label: string;
  description: string;
  children: React.ReactNode;
}) {
  return (
    <Card className="flex flex-col">
      <CardHeader>
        <CardTitle className="flex items-center gap-2">
          <Icon aria-hidden="true" className="size-4" />
          {label}
        </CardTitle>
      </CardHeader>
      <CardContent className="flex flex-1 flex-col gap-2">
        <div className="flex min-h-7 items-center">{children}</div>
        <p className="text-sm text-muted-foreground">{description}</p>
      </CardContent>
    </Card>
  );
}
