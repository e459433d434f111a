import { PilotStatusBadge } from "@/features/pilots/components/health-badge";
import type { PilotHit } from "./search-queries";

/**
 * A pilot's status in search and palette results: its health while it runs, its outcome once
 * closed. Plain (no reasons on hover): a result is itself the one thing to click or choose.
 */
export function PilotStatus({ pilot }: { pilot: Pick<PilotHit, "stage" | "health"> }) {
  return <PilotStatusBadge stage={pilot.stage} health={pilot.health} />;
}
