import { Link } from "@tanstack/react-router";
import { Crown, Pencil, Plus, SearchX, Store, Trash2, Upload } from "lucide-react";
import { useId, useState } from "react";
import { EmptyState, ListError, ListSkeleton, PageHeader } from "@/components/list-states";
import { SearchBox } from "@/components/search-box";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Label, Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useMembership, useWorkspace } from "@/features/workspaces/queries";
import { useDocumentTitle } from "@/lib/use-document-title";
import { listRowClassName, useListKeyboard } from "@/lib/use-list-keyboard";
import { useReturnFocus, visibleRow } from "@/lib/use-return-focus";
import { formatMoney } from "../format";
import { type Customer, useCustomerSegments, useCustomers } from "../queries";
import type { CustomersSearch } from "../schemas";
import { CustomerDialog } from "./customer-dialog";
import { DeleteCustomerDialog } from "./delete-customer-dialog";

export function CustomersPage({
  workspaceId,
  search,
  onSearchChange,
}: {
  workspaceId: string;
  search: CustomersSearch;
  onSearchChange: (patch: Partial<CustomersSearch>) => void;
}) {
  useDocumentTitle("Customers");
  const membership = useMembership(workspaceId);
  const canEdit = membership?.role === "admin" || membership?.role === "editor";
  const workspace = useWorkspace(workspaceId);
  const currency = workspace.data?.currency ?? "EUR";
  const customers = useCustomers(workspaceId, search);
  const segments = useCustomerSegments(workspaceId);
  const [dialog, setDialog] = useState<{ id: string | null } | null>(null);
  const [deleting, setDeleting] = useState<Customer | null>(null);
  const segmentId = useId();
  const premierId = useId();

  const items = customers.data?.pages.flatMap((page) => page.items) ?? [];
  // j/k move through the rows; Enter opens the focused customer (to edit, for editors).
  const rows = useListKeyboard<HTMLDivElement>({
    count: items.length,
    onOpen: canEdit
      ? (index) => {
          const customer = items[index];
          if (customer) setDialog({ id: customer.id });
        }
      : undefined,
    enabled: customers.isSuccess && dialog === null && deleting === null,
  });
  // Closing an edit or delete dialog gives focus back to the row (or the button) it was opened
  // from, so j/k go on from there; after a delete, to the row that took the deleted one's place.
  useReturnFocus(dialog !== null || deleting !== null, () =>
    visibleRow(rows.containerRef.current, Math.min(rows.activeIndex, items.length - 1)),
  );
  const filtered = Boolean(search.q || search.segment || search.premier);
  const nothingAtAll = customers.isSuccess && items.length === 0 && !filtered;
  const segmentOptions = [...(segments.data ?? [])];
  if (search.segment && !segmentOptions.includes(search.segment)) {
    segmentOptions.unshift(search.segment);
  }

  const createButton = (
    <Button onClick={() => setDialog({ id: null })}>
      <Plus aria-hidden="true" />
      New customer
    </Button>
  );
  const importLink = (
    <Button variant="outline" asChild>
      <Link
        to="/w/$workspaceId/settings/import"
        params={{ workspaceId }}
        search={{ kind: "customers" }}
      >
        <Upload aria-hidden="true" />
        Import CSV
      </Link>
    </Button>
  );
  const actions = (
    <div className="flex flex-wrap gap-2">
      {importLink}
      {createButton}
    </div>
  );

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Customers"
        description={
          canEdit
            ? "Where pilots run. Note their size and whether they are a premier account before you pick one."
            : "Where pilots run. Editors and admins can change this list."
        }
        action={canEdit && !nothingAtAll ? actions : undefined}
      />

      {!nothingAtAll && (
        <search className="flex flex-col gap-3 sm:flex-row sm:flex-wrap sm:items-center">
          <SearchBox
            label="Search customers"
            placeholder="Search by name, segment, id or notes"
            value={search.q ?? ""}
            onSearch={(q) => onSearchChange({ q: q || undefined })}
            className="w-full sm:max-w-xs"
          />
          <div className="flex items-center gap-2">
            <Label htmlFor={segmentId} className="shrink-0 text-muted-foreground">
              Segment
            </Label>
            <Select
              id={segmentId}
              value={search.segment ?? ""}
              onChange={(event) => onSearchChange({ segment: event.target.value || undefined })}
              className="w-full sm:w-48"
            >
              <option value="">All segments</option>
              {segmentOptions.map((segment) => (
                <option key={segment} value={segment}>
                  {segment}
                </option>
              ))}
            </Select>
          </div>
          <div className="flex min-h-9 items-center gap-2">
            <input
              id={premierId}
              type="checkbox"
              checked={search.premier === true}
              onChange={(event) =>
                onSearchChange({ premier: event.target.checked ? true : undefined })
              }
              className="size-4 cursor-pointer accent-accent"
            />
            <Label htmlFor={premierId} className="cursor-pointer">
              Premier accounts only
            </Label>
          </div>
        </search>
      )}

      {customers.isPending ? (
        <ListSkeleton label="Loading customers…" />
      ) : customers.isError ? (
        <ListError
          what="customers"
          error={customers.error}
          onRetry={() => void customers.refetch()}
          retrying={customers.isFetching}
        />
      ) : nothingAtAll ? (
        <EmptyState icon={Store} title="No customers yet" action={canEdit ? actions : undefined}>
          {canEdit
            ? "Add the customers you could run pilots with. Smaller customers with ideal conditions for change make the best first pilots."
            : "Editors and admins add the customers pilots can run with."}
        </EmptyState>
      ) : items.length === 0 ? (
        <EmptyState
          icon={SearchX}
          title="No customers match these filters"
          action={
            <Button
              variant="outline"
              onClick={() =>
                onSearchChange({ q: undefined, segment: undefined, premier: undefined })
              }
            >
              Clear filters
            </Button>
          }
        >
          Try another search or segment.
        </EmptyState>
      ) : (
        <div ref={rows.containerRef} className="flex flex-col gap-6">
          <CustomerList
            rowProps={rows.rowProps}
            customers={items}
            currency={currency}
            canEdit={canEdit}
            onEdit={(c) => setDialog({ id: c.id })}
            onDelete={setDeleting}
          />
          {customers.hasNextPage && (
            <div className="flex justify-center">
              <Button
                variant="outline"
                onClick={() => void customers.fetchNextPage()}
                disabled={customers.isFetchingNextPage}
              >
                {customers.isFetchingNextPage && <Spinner />}
                {customers.isFetchingNextPage ? "Loading…" : "Load more"}
              </Button>
            </div>
          )}
        </div>
      )}

      {canEdit && (
        <>
          <CustomerDialog
            workspaceId={workspaceId}
            currency={currency}
            customerId={dialog?.id ?? null}
            open={dialog !== null}
            onOpenChange={(open) => !open && setDialog(null)}
          />
          <DeleteCustomerDialog
            workspaceId={workspaceId}
            customer={deleting}
            onOpenChange={(open) => !open && setDeleting(null)}
          />
        </>
      )}
    </div>
  );
}

type ListProps = {
  customers: Customer[];
  rowProps: ReturnType<typeof useListKeyboard>["rowProps"];
  currency: string;
  canEdit: boolean;
  onEdit: (customer: Customer) => void;
  onDelete: (customer: Customer) => void;
};

const NOT_SET = <span className="text-muted-foreground">Not set</span>;

function Revenue({ customer, currency }: { customer: Customer; currency: string }) {
  return customer.annual_revenue === null
    ? NOT_SET
    : formatMoney(customer.annual_revenue, currency);
}

function PremierBadge() {
  return (
    <Badge tone="warning">
      <Crown aria-hidden="true" />
      Premier
    </Badge>
  );
}

/** A table on wide screens, cards on phones. Only one of the two is ever displayed. */
function CustomerList({ customers, rowProps, currency, canEdit, onEdit, onDelete }: ListProps) {
  return (
    <>
      <Card className="hidden overflow-hidden md:block">
        <table className="w-full text-sm">
          <caption className="sr-only">Customers</caption>
          <thead className="border-b bg-muted/50 text-left text-xs text-muted-foreground">
            <tr>
              <th scope="col" className="px-5 py-2.5 font-medium">
                Name
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Segment
              </th>
              <th scope="col" className="px-3 py-2.5 text-right font-medium">
                Annual revenue
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                External id
              </th>
              {canEdit && (
                <th scope="col" className="px-5 py-2.5 text-right font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y">
            {customers.map((customer, index) => (
              <tr
                key={customer.id}
                {...rowProps(index)}
                className={`align-top ${listRowClassName}`}
              >
                <th scope="row" className="px-5 py-3 text-left font-medium">
                  <span className="flex min-h-9 flex-wrap items-center gap-2 break-words">
                    {customer.name}
                    {customer.is_premier_account && <PremierBadge />}
                  </span>
                </th>
                <td className="px-3 py-3">
                  <span className="flex min-h-9 items-center">{customer.segment || NOT_SET}</span>
                </td>
                <td className="px-3 py-3 text-right tabular-nums">
                  <span className="flex min-h-9 items-center justify-end">
                    <Revenue customer={customer} currency={currency} />
                  </span>
                </td>
                <td className="px-3 py-3 text-muted-foreground">
                  <span className="flex min-h-9 items-center break-all">
                    {customer.external_id ?? "—"}
                  </span>
                </td>
                {canEdit && (
                  <td className="px-5 py-3">
                    <RowActions customer={customer} onEdit={onEdit} onDelete={onDelete} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </Card>

      <ul className="flex flex-col gap-3 md:hidden" aria-label="Customers">
        {customers.map((customer, index) => (
          <li key={customer.id} {...rowProps(index)} className={`rounded-xl ${listRowClassName}`}>
            <Card className="flex flex-col gap-3 p-4">
              <div className="flex flex-wrap items-center gap-2">
                <h2 className="break-words font-medium">{customer.name}</h2>
                {customer.is_premier_account && <PremierBadge />}
              </div>
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                <dt className="text-muted-foreground">Segment</dt>
                <dd className="min-w-0 break-words">{customer.segment || NOT_SET}</dd>
                <dt className="text-muted-foreground">Annual revenue</dt>
                <dd className="tabular-nums">
                  <Revenue customer={customer} currency={currency} />
                </dd>
                {customer.external_id && (
                  <>
                    <dt className="text-muted-foreground">External id</dt>
                    <dd className="min-w-0 break-all">{customer.external_id}</dd>
                  </>
                )}
              </dl>
              {canEdit && <RowActions customer={customer} onEdit={onEdit} onDelete={onDelete} />}
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}

function RowActions({
  customer,
  onEdit,
  onDelete,
}: {
  customer: Customer;
  onEdit: (customer: Customer) => void;
  onDelete: (customer: Customer) => void;
}) {
  return (
    <div className="flex items-center gap-1 md:justify-end">
      <Button variant="ghost" onClick={() => onEdit(customer)} aria-label={`Edit ${customer.name}`}>
        <Pencil aria-hidden="true" />
        Edit
      </Button>
      <Button
        variant="ghost"
        onClick={() => onDelete(customer)}
        aria-label={`Delete ${customer.name}`}
        className="text-danger-foreground hover:bg-danger"
      >
        <Trash2 aria-hidden="true" />
        Delete
      </Button>
    </div>
  );
}
