import { createFileRoute } from "@tanstack/react-router";
import { CustomersPage } from "@/features/customers/components/customers-page";
import { parseCustomersSearch } from "@/features/customers/search";

export const Route = createFileRoute("/_app/w/$workspaceId/customers")({
  validateSearch: parseCustomersSearch,
  loaderDeps: ({ search }) => search,
  // The query options come with the page's own chunk, fetched alongside: not in the first script.
  loader: async ({ context, params, deps }) => {
    const { customersQueryOptions } = await import("@/features/customers/queries");
    void context.queryClient.prefetchInfiniteQuery(customersQueryOptions(params.workspaceId, deps));
  },
  component: function Customers() {
    const { workspaceId } = Route.useParams();
    const search = Route.useSearch();
    const navigate = Route.useNavigate();
    return (
      <CustomersPage
        workspaceId={workspaceId}
        search={search}
        onSearchChange={(patch) =>
          void navigate({ search: (prev) => ({ ...prev, ...patch }), replace: true })
        }
      />
    );
  },
});
