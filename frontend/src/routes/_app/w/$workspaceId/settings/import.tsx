import { createFileRoute } from "@tanstack/react-router";
import { ImportPage } from "@/features/imports/components/import-page";
import { parseImportSearch } from "@/features/imports/search";

/** CSV imports of customers or departments (`?kind=departments`); linked from both lists. */
export const Route = createFileRoute("/_app/w/$workspaceId/settings/import")({
  validateSearch: parseImportSearch,
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
