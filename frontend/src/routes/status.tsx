import { createFileRoute } from "@tanstack/react-router";
import { SystemStatus } from "@/features/system/components/system-status";
import { healthQueryOptions } from "@/features/system/queries";
import { useDocumentTitle } from "@/lib/use-document-title";

/** Public: useful to check the service before (or without) signing in. */
export const Route = createFileRoute("/status")({
  // Start the request while the page's code loads; the page shows its own loading and error states.
  loader: ({ context }) => {
    void context.queryClient.prefetchQuery(healthQueryOptions());
  },
  component: SystemStatusPage,
});

function SystemStatusPage() {
  useDocumentTitle("System status");
  return <SystemStatus />;
}
