import { TriangleAlert } from "lucide-react";
import { cn } from "@/lib/utils";

/** Why a premier account is a poor place for a pilot, in the method's words. */
export function PremierWarning({ id, className }: { id?: string; className?: string }) {
  return (
    <div
      id={id}
      className={cn(
        "flex gap-3 rounded-lg border border-warning-border bg-warning px-3 py-2.5 text-sm text-warning-foreground",
        className,
      )}
    >
      <TriangleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <div className="flex flex-col gap-0.5">
        <p className="font-medium">A premier account is a red flag for a pilot</p>
        <p>
          Experiments go wrong, and a failed pilot at your most valuable relationship costs more
          than the lesson is worth. Pick a smaller customer with ideal conditions for change, and
          bring the premier account in once the change works.
        </p>
      </div>
    </div>
  );
}
