import type * as React from "react";
import { cn } from "@/lib/utils";

export const controlClassName =
  "h-9 w-full min-w-0 rounded-md border border-input bg-card px-3 text-sm shadow-xs transition-colors placeholder:text-muted-foreground disabled:cursor-not-allowed disabled:opacity-60 aria-[invalid=true]:border-danger-foreground";

export function Input({ className, ...props }: React.ComponentProps<"input">) {
  return <input className={cn(controlClassName, className)} {...props} />;
}

/** A native select: keyboard, screen readers and phones all handle it well. */
export function Select({ className, ...props }: React.ComponentProps<"select">) {
  return (
    <select
      className={cn(controlClassName, "cursor-pointer appearance-auto pr-2", className)}
      {...props}
    />
  );
}

export function Label({ className, ...props }: React.ComponentProps<"label">) {
  // biome-ignore lint/a11y/noLabelWithoutControl: callers pass htmlFor
  return <label className={cn("text-sm font-medium", className)} {...props} />;
}
