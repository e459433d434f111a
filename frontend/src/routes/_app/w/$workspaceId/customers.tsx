import { createFileRoute } from "@tanstack/react-router";
import { CustomersPage } from "@/features/customers/components/customers-page";
import { customersQueryOptions } from "@/features/customers/queries";
import { parseCustomersSearch } from "@/features/customers/schemas";

export const Route = createFileRoute("/_app/w/$workspaceId/customers")({
  validateSearch: parseCustomersSearch,
  loaderDeps: ({ search }) => search,
  loader: ({ context, params, deps }) => {
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
