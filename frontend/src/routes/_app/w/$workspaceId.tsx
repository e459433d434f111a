import { createFileRoute, notFound, Outlet } from "@tanstack/react-router";
import { useEffect, useMemo } from "react";
import { meQueryOptions } from "@/features/auth/queries";
import { rememberWorkspace } from "@/features/workspaces/last-workspace";
import { useWorkspace, workspaceQueryOptions } from "@/features/workspaces/queries";
import { decimalMarkFor, setDecimalMark } from "@/lib/decimal";

export const Route = createFileRoute("/_app/w/$workspaceId")({
  beforeLoad: async ({ context, params }) => {
    const isMember = (me: typeof context.me | null) =>
      me?.memberships.find((m) => m.workspace_id === params.workspaceId);
    // Memberships may have changed since they were cached (a workspace just created, a new invite).
    const membership =
      isMember(context.me) ?? isMember(await context.queryClient.fetchQuery(meQueryOptions()));
    if (!membership) throw notFound();
    return { membership };
  },
  loader: ({ context, params }) => {
    void context.queryClient.prefetchQuery(workspaceQueryOptions(params.workspaceId));
  },
  component: WorkspaceLayout,
});

function WorkspaceLayout() {
  const { workspaceId } = Route.useParams();
  useEffect(() => rememberWorkspace(workspaceId), [workspaceId]);
  // Numeric fields read "10,5" by the workspace's convention; set before any form renders.
  const currency = useWorkspace(workspaceId).data?.currency;
  // Worked out once per currency (the locale's mark takes an Intl.NumberFormat to find).
  const mark = useMemo(() => decimalMarkFor(currency, navigator.language), [currency]);
  setDecimalMark(mark);
  return <Outlet />;
}
