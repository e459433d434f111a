import { createFileRoute, useLocation } from "@tanstack/react-router";
import { PilotPage } from "@/features/pilots/components/pilot-page";
import { parsePilotPageSearch } from "@/features/pilots/page-search";

export const Route = createFileRoute("/_app/w/$workspaceId/pilots/$pilotId")({
  validateSearch: parsePilotPageSearch,
  // The query options come with the page's own chunk, fetched alongside: not in the first script.
  loader: async ({ context, params }) => {
    const { pilotQueryOptions } = await import("@/features/pilots/queries");
    void context.queryClient.prefetchQuery(pilotQueryOptions(params.workspaceId, params.pilotId));
  },
  component: function Pilot() {
    const { workspaceId, pilotId } = Route.useParams();
    const { decide, activity, log } = Route.useSearch();
    // `#comment-<id>`: a notification's link to one comment.
    const hash = useLocation({ select: (location) => location.hash });
    const navigate = Route.useNavigate();
    return (
      <PilotPage
        key={pilotId}
        workspaceId={workspaceId}
        pilotId={pilotId}
        decide={decide}
        log={log}
        onLogClose={() =>
          void navigate({
            search: (prev) => ({ ...prev, log: undefined }),
            replace: true,
            resetScroll: false,
          })
        }
        activity={activity ?? "all"}
        hash={hash}
        onActivityChange={(value) =>
          void navigate({
            search: (prev) => ({ ...prev, activity: value === "all" ? undefined : value }),
            // The filter stays where it is on the page; a link's #comment is left behind.
            resetScroll: false,
          })
        }
      />
    );
  },
});
