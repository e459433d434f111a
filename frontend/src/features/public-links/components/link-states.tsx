import { Clock, Link2Off } from "lucide-react";
import { PublicIcon, PublicPage } from "@/components/public-page";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { describeError } from "@/lib/api-error";
import { waitWords } from "../states";

/** While a public link's page loads: the frame and a few grey lines, announced once. */
export function LinkLoading({ title }: { title: string }) {
  return (
    <PublicPage title={title} wide>
      <div aria-busy="true" className="flex flex-col gap-3">
        <p role="status" className="sr-only">
          Loading…
        </p>
        <Skeleton className="h-4 w-full" />
        <Skeleton className="h-4 w-3/4" />
        <Skeleton className="mt-2 h-11 w-full" />
        <Skeleton className="h-11 w-full" />
      </div>
    </PublicPage>
  );
}

/**
 * A link that is unknown, expired or withdrawn: one friendly page for all three (the API does
 * not say which, on purpose), and who to ask for a new one.
 */
export function LinkNotValid({ askWho }: { askWho: string }) {
  return (
    <PublicPage
      title="This link is not valid any more"
      icon={
        <PublicIcon tone="muted">
          <Link2Off />
        </PublicIcon>
      }
    >
      <p className="text-sm">
        It may have expired or been withdrawn, or it was not copied in full. Nothing you sent before
        is lost.
      </p>
      <p className="text-sm text-muted-foreground">{askWho}</p>
    </PublicPage>
  );
}

/** Too many requests from here, or too many answers through this link today (429). */
export function LinkBusy({
  retryAfter,
  answers,
}: {
  retryAfter: number | null;
  /** True when the link's daily number of answers is reached (rather than too many requests). */
  answers: boolean;
}) {
  return (
    <PublicPage
      title={answers ? "Too many answers today" : "Too many requests"}
      icon={
        <PublicIcon tone="muted">
          <Clock />
        </PublicIcon>
      }
    >
      <p className="text-sm">
        {answers
          ? "This link has taken as many answers as it can in one day, to keep it from being misused."
          : "This page was asked for too often from your network in the last hour."}{" "}
        Please try again {waitWords(retryAfter)}.
      </p>
    </PublicPage>
  );
}

/** Anything else (the server unreachable, an error): the detail and a retry. */
export function LinkLoadError({
  title,
  error,
  onRetry,
  retrying,
}: {
  title: string;
  error: unknown;
  onRetry: () => void;
  retrying: boolean;
}) {
  return (
    <PublicPage title={title}>
      <ErrorAlert title="Could not load this page">{describeError(error).detail}</ErrorAlert>
      <Button variant="outline" onClick={onRetry} disabled={retrying}>
        {retrying && <Spinner />}
        Try again
      </Button>
    </PublicPage>
  );
}
