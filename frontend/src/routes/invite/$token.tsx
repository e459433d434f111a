import { createFileRoute } from "@tanstack/react-router";
import { InvitePage } from "@/features/invitations/components/invite-page";

/** The link in an invitation email: public, outside the signed-in app (like sign-in). */
export const Route = createFileRoute("/invite/$token")({
  staticData: { bare: true },
  component: function Invite() {
    const { token } = Route.useParams();
    return <InvitePage token={token} />;
  },
});
