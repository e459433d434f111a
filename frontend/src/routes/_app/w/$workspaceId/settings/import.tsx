import { createFileRoute } from "@tanstack/react-router";
import { ImportPage } from "@/features/imports/components/import-page";
import { parseImportKind } from "@/features/imports/csv";

/** CSV imports of customers or departments (`?kind=departments`); linked from both lists. */
export const Route = createFileRoute("/_app/w/$workspaceId/settings/import")({
  validateSearch: (search: Record<string, unknown>) => ({ kind: parseImportKind(search.kind) }),
  component: function Import() {
    const { workspaceId } = Route.useParams();
    const { kind } = Route.useSearch();
    const navigate = Route.useNavigate();
    return (
      <ImportPage
        workspaceId={workspaceId}
        kind={kind}
        onKindChange={(next) => void navigate({ search: { kind: next }, replace: true })}
      />
    );
  },
});
