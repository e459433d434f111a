import { CircleAlert } from "lucide-react";
import type * as React from "react";
import { cn } from "@/lib/utils";

/** An error message in a live region. Pass `ref` + `tabIndex={-1}` to move focus to it. */
export function ErrorAlert({
  title,
  children,
  className,
  ...props
}: React.ComponentProps<"div"> & { title?: string }) {
  return (
    <div
      role="alert"
      className={cn(
        "flex gap-3 rounded-lg border border-danger-border bg-danger px-3 py-2.5 text-sm text-danger-foreground focus:outline-none focus-visible:outline-2",
        className,
      )}
      {...props}
    >
      <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <div className="flex min-w-0 flex-col gap-0.5">
        {title && <p className="font-medium">{title}</p>}
        <div className="break-words">{children}</div>
      </div>
    </div>
  );
}
