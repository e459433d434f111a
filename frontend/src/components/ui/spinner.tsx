import { LoaderCircle } from "lucide-react";
import { cn } from "@/lib/utils";

/** Decorative progress indicator; the button or region it sits in says what is happening. */
export function Spinner({ className }: { className?: string }) {
  return (
    <LoaderCircle aria-hidden="true" className={cn("size-4 motion-safe:animate-spin", className)} />
  );
}
