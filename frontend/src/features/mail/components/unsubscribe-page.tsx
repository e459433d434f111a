import { Link } from "@tanstack/react-router";
import { Link2Off, MailCheck, MailX } from "lucide-react";
import { PublicIcon, PublicPage } from "@/components/public-page";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { ApiError, describeError } from "@/lib/api-error";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useUnsubscribe, useUnsubscribeInfo } from "../queries";
import { unsubscribeWhat } from "../states";

const linkClassName =
  "font-medium text-accent-subtle-foreground underline-offset-4 hover:underline";

/** `/unsubscribe/$token`: says what will stop, stops it with one button, and confirms. */
export function UnsubscribePage({ token }: { token: string }) {
  useDocumentTitle("Unsubscribe");
  const info = useUnsubscribeInfo(token);
  const unsubscribe = useUnsubscribe(token);

  if (info.isPending) {
    return (
      <PublicPage title="Unsubscribe">
        <div aria-busy="true" className="flex flex-col gap-3">
          <p role="status" className="sr-only">
            Loading…
          </p>
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-4 w-3/4" />
          <Skeleton className="mt-2 h-9 w-full" />
        </div>
      </PublicPage>
    );
  }

  if (info.isError || isGone(unsubscribe.error)) {
    if (info.isError && !isGone(info.error)) {
      return (
        <PublicPage title="Unsubscribe">
          <ErrorAlert title="Could not load this link">
            {describeError(info.error).detail}
          </ErrorAlert>
          <Button variant="outline" onClick={() => void info.refetch()} disabled={info.isFetching}>
            {info.isFetching && <Spinner />}
            Try again
          </Button>
        </PublicPage>
      );
    }
    return (
      <PublicPage
        title="This link is no longer valid"
        icon={
          <PublicIcon tone="muted">
            <Link2Off />
          </PublicIcon>
        }
        footer={<SignInFooter />}
      >
        <p className="text-sm">
          The unsubscribe link may be mistyped, or the email it came from is too old. Use the link
          in a more recent email, or sign in and choose what reaches you under Email preferences.
        </p>
      </PublicPage>
    );
  }

  const { workspace_name: workspaceName, kind, address } = info.data;
  const what = unsubscribeWhat(kind);

  if (unsubscribe.isSuccess) {
    return (
      <PublicPage
        title="You are unsubscribed"
        icon={
          <PublicIcon tone="success">
            <MailCheck />
          </PublicIcon>
        }
      >
        <p role="status" className="text-sm">
          Pilotboard no longer sends {what} from {workspaceName} to{" "}
          <span className="font-medium break-words">{address}</span>.
        </p>
        <p className="text-sm text-muted-foreground">
          Changed your mind? If you have an account, sign in and turn it back on under{" "}
          <Link to="/preferences" className={linkClassName}>
            Email preferences
          </Link>
          .
        </p>
      </PublicPage>
    );
  }

  return (
    <PublicPage
      title="Unsubscribe"
      lead={`From the emails of ${workspaceName} on Pilotboard`}
      icon={
        <PublicIcon>
          <MailX />
        </PublicIcon>
      }
      footer={<SignInFooter />}
    >
      <p className="text-sm">
        Pilotboard will stop sending {what} from {workspaceName} to{" "}
        <span className="font-medium break-words">{address}</span>.
      </p>
      <p className="text-sm text-muted-foreground">
        Other emails are not affected. Notifications in the app are not affected either.
      </p>
      {unsubscribe.isError && (
        <ErrorAlert title="Could not unsubscribe">
          {describeError(unsubscribe.error).detail}
        </ErrorAlert>
      )}
      <Button
        onClick={() => unsubscribe.mutate()}
        disabled={unsubscribe.isPending}
        className="w-full"
      >
        {unsubscribe.isPending && <Spinner />}
        {unsubscribe.isPending ? "Unsubscribing…" : "Unsubscribe"}
      </Button>
    </PublicPage>
  );
}

function isGone(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

function SignInFooter() {
  return (
    <p>
      Have an account?{" "}
      <Link to="/preferences" className={linkClassName}>
        Sign in to choose your emails
      </Link>
    </p>
  );
}
