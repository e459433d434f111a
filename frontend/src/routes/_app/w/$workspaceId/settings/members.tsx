import { createFileRoute } from "@tanstack/react-router";
import { MembersPage } from "@/features/members/components/members-page";
import { membersQueryOptions } from "@/features/members/queries";

export const Route = createFileRoute("/_app/w/$workspaceId/settings/members")({
  loader: ({ context, params }) => {
    void context.queryClient.prefetchQuery(membersQueryOptions(params.workspaceId));
  },
  component: function Members() {
    const { workspaceId } = Route.useParams();
    return <MembersPage workspaceId={workspaceId} />;
  },
});
