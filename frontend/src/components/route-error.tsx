import { type ErrorComponentProps, useRouter } from "@tanstack/react-router";
import { OctagonX, RefreshCw } from "lucide-react";
import { Button } from "@/components/ui/button";

/** Shown when a page fails to render or load (for example, a code chunk fails to download). */
export function RouteError({ error }: ErrorComponentProps) {
  const router = useRouter();
  return (
    <div
      role="alert"
      className="mx-auto flex max-w-md flex-col items-center gap-4 py-16 text-center"
    >
      <span className="flex size-12 items-center justify-center rounded-full bg-danger text-danger-foreground">
        <OctagonX aria-hidden="true" className="size-6" />
      </span>
      <h1 className="text-2xl font-semibold tracking-tight">Something went wrong</h1>
      <p className="break-words text-muted-foreground">
        {(error instanceof Error && error.message) || "This page could not be shown."}
      </p>
      <Button onClick={() => void router.invalidate()}>
        <RefreshCw aria-hidden="true" />
        Try again
      </Button>
    </div>
  );
}
