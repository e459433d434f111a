import { Link, useNavigate } from "@tanstack/react-router";
import { Building2, Pencil, Plus, SearchX, Trash2, Upload } from "lucide-react";
import { useState } from "react";
import { EmptyState, ListError, ListSkeleton, PageHeader } from "@/components/list-states";
import { SearchBox } from "@/components/search-box";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { useMembership } from "@/features/workspaces/queries";
import { useDocumentTitle } from "@/lib/use-document-title";
import { listRowClassName, useListKeyboard } from "@/lib/use-list-keyboard";
import { useReturnFocus, visibleRow } from "@/lib/use-return-focus";
import { type Department, useDepartments } from "../queries";
import { DeleteDepartmentDialog } from "./delete-department-dialog";
import { DepartmentDialog } from "./department-dialog";

export function DepartmentsPage({
  workspaceId,
  q,
  onSearch,
}: {
  workspaceId: string;
  q: string;
  onSearch: (q: string) => void;
}) {
  useDocumentTitle("Departments");
  const membership = useMembership(workspaceId);
  const canEdit = membership?.role === "admin" || membership?.role === "editor";
  const departments = useDepartments(workspaceId, q);
  const [dialog, setDialog] = useState<{ id: string | null } | null>(null);
  const [deleting, setDeleting] = useState<Department | null>(null);

  const items = departments.data?.pages.flatMap((page) => page.items) ?? [];
  const navigate = useNavigate();
  // j/k move through the rows; Enter opens the focused department: to edit it (editors), or its
  // pilots (everyone else).
  const rows = useListKeyboard<HTMLDivElement>({
    count: items.length,
    onOpen: (index) => {
      const department = items[index];
      if (!department) return;
      if (canEdit) setDialog({ id: department.id });
      else
        void navigate({
          to: "/w/$workspaceId/pilots",
          params: { workspaceId },
          search: { department: department.id },
        });
    },
    enabled: departments.isSuccess && dialog === null && deleting === null,
  });
  // Closing an edit or delete dialog gives focus back to the row (or the button) it was opened
  // from, so j/k go on from there; after a delete, to the row that took the deleted one's place.
  useReturnFocus(dialog !== null || deleting !== null, () =>
    visibleRow(rows.containerRef.current, Math.min(rows.activeIndex, items.length - 1)),
  );
  const nothingAtAll = departments.isSuccess && items.length === 0 && !q;

  const createButton = (
    <Button onClick={() => setDialog({ id: null })}>
      <Plus aria-hidden="true" />
      New department
    </Button>
  );
  const importLink = (
    <Button variant="outline" asChild>
      <Link
        to="/w/$workspaceId/settings/import"
        params={{ workspaceId }}
        search={{ kind: "departments" }}
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
        title="Departments"
        description={
          canEdit
            ? "The departments pilots need on board, who leads them and the KPI each is held to."
            : "The departments pilots need on board, who leads them and the KPI each is held to. Editors and admins can change them."
        }
        action={canEdit && !nothingAtAll ? actions : undefined}
      />

      {!nothingAtAll && (
        <SearchBox
          label="Search departments"
          placeholder="Search by name, lead or KPI"
          value={q}
          onSearch={onSearch}
          className="w-full sm:max-w-sm"
        />
      )}

      {departments.isPending ? (
        <ListSkeleton label="Loading departments…" />
      ) : departments.isError ? (
        <ListError
          what="departments"
          error={departments.error}
          onRetry={() => void departments.refetch()}
          retrying={departments.isFetching}
        />
      ) : nothingAtAll ? (
        <EmptyState
          icon={Building2}
          title="No departments yet"
          action={canEdit ? actions : undefined}
        >
          {canEdit
            ? "Add the departments your pilots depend on. Each one optimises the KPI it is held to, so note it: it tells you what the department needs to see before it backs a change."
            : "Editors and admins add the departments your pilots depend on."}
        </EmptyState>
      ) : items.length === 0 ? (
        <EmptyState
          icon={SearchX}
          title={`No departments match “${q}”`}
          action={
            <Button variant="outline" onClick={() => onSearch("")}>
              Clear search
            </Button>
          }
        >
          Try another name, lead or KPI.
        </EmptyState>
      ) : (
        <div ref={rows.containerRef} className="flex flex-col gap-6">
          <DepartmentList
            rowProps={rows.rowProps}
            departments={items}
            canEdit={canEdit}
            onEdit={(d) => setDialog({ id: d.id })}
            onDelete={setDeleting}
          />
          {departments.hasNextPage && (
            <div className="flex justify-center">
              <Button
                variant="outline"
                onClick={() => void departments.fetchNextPage()}
                disabled={departments.isFetchingNextPage}
              >
                {departments.isFetchingNextPage && <Spinner />}
                {departments.isFetchingNextPage ? "Loading…" : "Load more"}
              </Button>
            </div>
          )}
        </div>
      )}

      {canEdit && (
        <>
          <DepartmentDialog
            workspaceId={workspaceId}
            departmentId={dialog?.id ?? null}
            open={dialog !== null}
            onOpenChange={(open) => !open && setDialog(null)}
          />
          <DeleteDepartmentDialog
            workspaceId={workspaceId}
            department={deleting}
            onOpenChange={(open) => !open && setDeleting(null)}
          />
        </>
      )}
    </div>
  );
}

type ListProps = {
  departments: Department[];
  rowProps: ReturnType<typeof useListKeyboard>["rowProps"];
  canEdit: boolean;
  onEdit: (department: Department) => void;
  onDelete: (department: Department) => void;
};

const NOT_SET = <span className="text-muted-foreground">Not set</span>;

/** A table on wide screens, cards on phones. Only one of the two is ever displayed. */
function DepartmentList({ departments, rowProps, canEdit, onEdit, onDelete }: ListProps) {
  return (
    <>
      <Card className="hidden overflow-hidden md:block">
        <table className="w-full text-sm">
          <caption className="sr-only">Departments</caption>
          <thead className="border-b bg-muted/50 text-left text-xs text-muted-foreground">
            <tr>
              <th scope="col" className="px-5 py-2.5 font-medium">
                Name
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Lead
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                KPI
              </th>
              {canEdit && (
                <th scope="col" className="px-5 py-2.5 text-right font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y">
            {departments.map((department, index) => (
              <tr
                key={department.id}
                {...rowProps(index)}
                className={`align-top ${listRowClassName}`}
              >
                <th scope="row" className="px-5 py-3 text-left font-medium">
                  <span className="flex min-h-9 items-center break-words">{department.name}</span>
                </th>
                <td className="px-3 py-3">
                  <span className="flex min-h-9 items-center">
                    {department.lead_name || NOT_SET}
                  </span>
                </td>
                <td className="px-3 py-3">
                  <span className="flex min-h-9 items-center">{department.kpi || NOT_SET}</span>
                </td>
                {canEdit && (
                  <td className="px-5 py-3">
                    <RowActions department={department} onEdit={onEdit} onDelete={onDelete} />
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </Card>

      <ul className="flex flex-col gap-3 md:hidden" aria-label="Departments">
        {departments.map((department, index) => (
          <li key={department.id} {...rowProps(index)} className={`rounded-xl ${listRowClassName}`}>
            <Card className="flex flex-col gap-3 p-4">
              <h2 className="break-words font-medium">{department.name}</h2>
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                <dt className="text-muted-foreground">Lead</dt>
                <dd className="min-w-0 break-words">{department.lead_name || NOT_SET}</dd>
                <dt className="text-muted-foreground">KPI</dt>
                <dd className="min-w-0 break-words">{department.kpi || NOT_SET}</dd>
              </dl>
              {canEdit && (
                <RowActions department={department} onEdit={onEdit} onDelete={onDelete} />
              )}
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}

function RowActions({
  department,
  onEdit,
  onDelete,
}: {
  department: Department;
  onEdit: (department: Department) => void;
  onDelete: (department: Department) => void;
}) {
  return (
    <div className="flex items-center gap-1 md:justify-end">
      <Button
        variant="ghost"
        onClick={() => onEdit(department)}
        aria-label={`Edit ${department.name}`}
      >
        <Pencil aria-hidden="true" />
        Edit
      </Button>
      <Button
        variant="ghost"
        onClick={() => onDelete(department)}
        aria-label={`Delete ${department.name}`}
        className="text-danger-foreground hover:bg-danger"
      >
        <Trash2 aria-hidden="true" />
        Delete
      </Button>
    </div>
  );
}
