import { createFileRoute } from "@tanstack/react-router";
import { DepartmentsPage } from "@/features/departments/components/departments-page";
import { departmentsQueryOptions } from "@/features/departments/queries";
import { parseDepartmentsSearch } from "@/features/departments/search";

export const Route = createFileRoute("/_app/w/$workspaceId/departments")({
  validateSearch: parseDepartmentsSearch,
  loaderDeps: ({ search }) => ({ q: search.q ?? "" }),
  loader: ({ context, params, deps }) => {
    void context.queryClient.prefetchInfiniteQuery(
      departmentsQueryOptions(params.workspaceId, deps.q),
    );
  },
  component: function Departments() {
    const { workspaceId } = Route.useParams();
    const { q } = Route.useSearch();
    const navigate = Route.useNavigate();
    return (
      <DepartmentsPage
        workspaceId={workspaceId}
        q={q ?? ""}
        onSearch={(next) =>
          void navigate({ search: (prev) => ({ ...prev, q: next || undefined }), replace: true })
        }
      />
    );
  },
});
