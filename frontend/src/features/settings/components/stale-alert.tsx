import { RefreshCw } from "lucide-react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** A write refused with 412: someone else saved first. Reloading shows their version. */
export function StaleAlert({
  what,
  onReload,
  reloading,
}: {
  what: string;
  onReload: () => void;
  reloading: boolean;
}) {
  return (
    <ErrorAlert title={`Someone changed the ${what} since you opened this page`}>
      <p>Your changes were not saved. Reload to see theirs, then make your change again.</p>
      <Button
        type="button"
        variant="outline"
        size="sm"
        className="mt-2"
        onClick={onReload}
        disabled={reloading}
      >
        <RefreshCw aria-hidden="true" className={reloading ? "motion-safe:animate-spin" : ""} />
        Reload
      </Button>
    </ErrorAlert>
  );
}
