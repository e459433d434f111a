import type * as React from "react";
import { cn } from "@/lib/utils";

/** A decorative placeholder; announce loading with text elsewhere. */
export function Skeleton({ className, ...props }: React.ComponentProps<"div">) {
  return (
    <div
      aria-hidden="true"
      className={cn("animate-pulse rounded-md bg-muted motion-reduce:animate-none", className)}
      {...props}
    />
  );
}
