import { createFileRoute, redirect } from "@tanstack/react-router";
import { landingPath } from "@/features/portfolio/landing";

/**
 * Opening a workspace lands on the page for the person's role: the portfolio for executives and
 * viewers, the pilots for editors and admins. The workspace's settings hub is under /settings.
 */
export const Route = createFileRoute("/_app/w/$workspaceId/")({
  beforeLoad: ({ context, params }) => {
    throw redirect({
      to: landingPath(context.membership.role),
      params: { workspaceId: params.workspaceId },
      replace: true,
    });
  },
});
