import { createFileRoute } from "@tanstack/react-router";
import { PreferencesPage } from "@/features/notifications/components/preferences-page";
import { preferencesQueryOptions } from "@/features/notifications/queries";

/** The signed-in person's email preferences; from the account menu. */
export const Route = createFileRoute("/_app/preferences")({
  loader: ({ context }) => {
    void context.queryClient.prefetchQuery(preferencesQueryOptions());
  },
  component: PreferencesPage,
});
