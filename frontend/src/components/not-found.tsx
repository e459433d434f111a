import { Link, useLocation } from "@tanstack/react-router";
import { ArrowLeft, Compass } from "lucide-react";
import { Button } from "@/components/ui/button";
import { useDocumentTitle } from "@/lib/use-document-title";

export function NotFound() {
  useDocumentTitle("Page not found");
  const { pathname } = useLocation();
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-4 py-16 text-center">
      <span className="flex size-12 items-center justify-center rounded-full bg-accent-subtle text-accent-subtle-foreground">
        <Compass aria-hidden="true" className="size-6" />
      </span>
      <p className="text-sm font-medium text-accent-subtle-foreground tabular-nums">Error 404</p>
      <h1 className="text-2xl font-semibold tracking-tight">Page not found</h1>
      <p className="text-muted-foreground">
        There is no page at{" "}
        <code className="break-all rounded bg-muted px-1.5 py-0.5 font-mono text-sm">
          {pathname}
        </code>
        . It may have moved, or the link may be mistyped.
      </p>
      <Button asChild>
        <Link to="/">
          <ArrowLeft aria-hidden="true" />
          Back to home
        </Link>
      </Button>
    </div>
  );
}
