import {
  Bookmark,
  BookmarkPlus,
  Check,
  ChevronDown,
  Pencil,
  Settings2,
  Trash2,
} from "lucide-react";
import { type FormEvent, useId, useState } from "react";
import { DeleteDialog } from "@/components/delete-dialog";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { ApiError, describeError } from "@/lib/api-error";
import { toast } from "@/lib/toast";
import { type CurrentView, describeView, isCurrent, toCreateBody } from "./describe";
import {
  MAX_VIEWS,
  type SavedView,
  useCreateSavedView,
  useDeleteSavedView,
  useSavedViews,
  useUpdateSavedView,
} from "./queries";

/** The error a server answer puts on the name field, and any other as a general message. */
function nameErrors(error: unknown): { name?: string; other?: string } {
  if (error instanceof ApiError) {
    const onName = error.errors.find((e) => e.loc.at(-1) === "name");
    if (error.type.endsWith("/name-taken"))
      return { name: "You already have a view with this name." };
    if (onName) return { name: onName.msg };
  }
  return error ? { other: describeError(error).detail } : {};
}

/**
 * The person's saved views of the pilots list: apply one (it sets the URL), save what the page
 * shows now under a name, rename or delete one. Nobody else sees them.
 */
export function SavedViewsMenu({
  workspaceId,
  current,
  names,
  onApply,
}: {
  workspaceId: string;
  current: CurrentView;
  /** Owner and department names, to describe each view in words. */
  names?: Map<string, string>;
  onApply: (view: SavedView) => void;
}) {
  const views = useSavedViews(workspaceId);
  const [dialog, setDialog] = useState<"save" | "manage" | null>(null);
  const items = [...(views.data ?? [])].sort((a, b) => a.name.localeCompare(b.name));
  const active = items.find((v) => isCurrent(v, current));

  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button variant="outline" className="max-w-full">
            <Bookmark aria-hidden="true" />
            <span className="truncate">{active ? active.name : "Views"}</span>
            <span className="sr-only">{active ? " (saved view). Saved views" : ""}</span>
            <ChevronDown aria-hidden="true" />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="end" className="w-72">
          <DropdownMenuLabel>Your saved views</DropdownMenuLabel>
          {views.isPending ? (
            <DropdownMenuItem disabled>
              <Spinner /> Loading views…
            </DropdownMenuItem>
          ) : views.isError ? (
            <DropdownMenuItem onSelect={() => void views.refetch()}>
              Could not load your views. Try again
            </DropdownMenuItem>
          ) : items.length === 0 ? (
            <p className="px-2 py-1.5 text-sm text-muted-foreground">
              None yet. Save the filters, sort and layout you use often.
            </p>
          ) : (
            items.map((view) => (
              <DropdownMenuItem
                key={view.id}
                onSelect={() => onApply(view)}
                aria-current={view === active ? "true" : undefined}
                className="items-start"
              >
                {view === active ? (
                  <Check aria-hidden="true" className="mt-0.5" />
                ) : (
                  <span aria-hidden="true" className="size-4 shrink-0" />
                )}
                <span className="flex min-w-0 flex-col">
                  <span className="truncate font-medium">{view.name}</span>
                  <span className="text-xs text-muted-foreground">{describeView(view, names)}</span>
                </span>
              </DropdownMenuItem>
            ))
          )}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => setDialog("save")}>
            <BookmarkPlus aria-hidden="true" />
            Save current view…
          </DropdownMenuItem>
          {items.length > 0 && (
            <DropdownMenuItem onSelect={() => setDialog("manage")}>
              <Settings2 aria-hidden="true" />
              Rename or delete views…
            </DropdownMenuItem>
          )}
        </DropdownMenuContent>
      </DropdownMenu>
      <SaveDialog
        workspaceId={workspaceId}
        open={dialog === "save"}
        onOpenChange={(open) => setDialog(open ? "save" : null)}
        current={current}
        names={names}
        full={items.length >= MAX_VIEWS}
      />
      <ManageDialog
        workspaceId={workspaceId}
        open={dialog === "manage"}
        onOpenChange={(open) => setDialog(open ? "manage" : null)}
        views={items}
        names={names}
      />
    </>
  );
}

function SaveDialog({
  workspaceId,
  open,
  onOpenChange,
  current,
  names,
  full,
}: {
  workspaceId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  current: CurrentView;
  names: Map<string, string> | undefined;
  full: boolean;
}) {
  const create = useCreateSavedView(workspaceId);
  const [name, setName] = useState("");
  const [empty, setEmpty] = useState(false);
  const errors = nameErrors(create.error);
  const preview = describeView(
    { ...toCreateBody("", current), id: "", etag: "", created_at: "", updated_at: "" },
    names,
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setEmpty(true);
      return;
    }
    create.mutate(toCreateBody(name, current), {
      onSuccess: (view) => {
        toast(`View “${view.name}” saved`);
        onOpenChange(false);
      },
    });
  };
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (next) {
          setName("");
          setEmpty(false);
          create.reset();
        }
        onOpenChange(next);
      }}
    >
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Save this view</DialogTitle>
          <DialogDescription>
            {preview}. Only you see your saved views; apply one from the Views menu.
          </DialogDescription>
        </DialogHeader>
        <form onSubmit={submit} noValidate className="flex flex-col gap-4">
          {full && (
            <ErrorAlert title="You have 50 views">
              Delete one you no longer use before saving another.
            </ErrorAlert>
          )}
          {errors.other && <ErrorAlert title="Could not save the view">{errors.other}</ErrorAlert>}
          <Field
            label="Name"
            error={empty ? "Give the view a name." : errors.name}
            help="For example “My pilots at risk”."
          >
            {(props) => (
              <Input
                {...props}
                value={name}
                maxLength={80}
                autoComplete="off"
                onChange={(e) => {
                  setName(e.target.value);
                  setEmpty(false);
                }}
              />
            )}
          </Field>
          <DialogFooter>
            <DialogClose asChild>
              <Button type="button" variant="outline">
                Cancel
              </Button>
            </DialogClose>
            <Button type="submit" disabled={create.isPending || full}>
              {create.isPending && <Spinner />}
              Save view
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}

function ManageDialog({
  workspaceId,
  open,
  onOpenChange,
  views,
  names,
}: {
  workspaceId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  views: SavedView[];
  names: Map<string, string> | undefined;
}) {
  const [deleting, setDeleting] = useState<SavedView | null>(null);
  const remove = useDeleteSavedView(workspaceId);
  return (
    <>
      <Dialog open={open} onOpenChange={onOpenChange}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Your saved views</DialogTitle>
            <DialogDescription>Rename or delete the views only you see.</DialogDescription>
          </DialogHeader>
          {views.length === 0 ? (
            <p className="text-sm text-muted-foreground">No saved views left.</p>
          ) : (
            <ul className="flex flex-col divide-y" aria-label="Saved views">
              {views.map((view) => (
                <ViewRow
                  key={view.id}
                  workspaceId={workspaceId}
                  view={view}
                  names={names}
                  onDelete={() => {
                    remove.reset();
                    setDeleting(view);
                  }}
                />
              ))}
            </ul>
          )}
          <DialogFooter>
            <DialogClose asChild>
              <Button variant="outline">Done</Button>
            </DialogClose>
          </DialogFooter>
        </DialogContent>
      </Dialog>
      <DeleteDialog
        workspaceId={workspaceId}
        open={deleting !== null}
        onOpenChange={(next) => !next && setDeleting(null)}
        title={`Delete the view “${deleting?.name ?? ""}”?`}
        description="Only the saved view goes: its filters, sort and layout. No pilot changes."
        confirmLabel="Delete view"
        pending={remove.isPending}
        error={remove.error ? describeError(remove.error).detail : null}
        inUse={null}
        inUseMessage=""
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting, {
            onSuccess: () => {
              toast(`View “${deleting.name}” deleted`);
              setDeleting(null);
            },
          })
        }
      />
    </>
  );
}

function ViewRow({
  workspaceId,
  view,
  names,
  onDelete,
}: {
  workspaceId: string;
  view: SavedView;
  names: Map<string, string> | undefined;
  onDelete: () => void;
}) {
  const update = useUpdateSavedView(workspaceId);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(view.name);
  const inputId = useId();
  const errors = nameErrors(update.error);
  const save = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim() || name.trim() === view.name) {
      setEditing(false);
      return;
    }
    update.mutate(
      { view, changes: { name: name.trim() } },
      {
        onSuccess: (saved) => {
          toast(`View renamed to “${saved.name}”`);
          setEditing(false);
        },
      },
    );
  };
  if (editing) {
    return (
      <li className="py-3">
        <form onSubmit={save} noValidate className="flex flex-col gap-2">
          <Field label={`New name for “${view.name}”`} error={errors.name ?? errors.other}>
            {(props) => (
              <Input
                {...props}
                id={props.id ?? inputId}
                value={name}
                maxLength={80}
                autoComplete="off"
                autoFocus
                onChange={(e) => setName(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Escape") {
                    e.stopPropagation();
                    setEditing(false);
                  }
                }}
              />
            )}
          </Field>
          <div className="flex gap-2">
            <Button type="submit" size="sm" disabled={update.isPending}>
              {update.isPending && <Spinner />}
              Save name
            </Button>
            <Button type="button" size="sm" variant="outline" onClick={() => setEditing(false)}>
              Cancel
            </Button>
          </div>
        </form>
      </li>
    );
  }
  return (
    <li className="flex items-center gap-2 py-3">
      <span className="flex min-w-0 flex-1 flex-col">
        <span className="break-words font-medium">{view.name}</span>
        <span className="text-xs text-muted-foreground">{describeView(view, names)}</span>
      </span>
      <Button
        variant="ghost"
        size="icon"
        aria-label={`Rename “${view.name}”`}
        onClick={() => {
          setName(view.name);
          update.reset();
          setEditing(true);
        }}
      >
        <Pencil aria-hidden="true" />
      </Button>
      <Button
        variant="ghost"
        size="icon"
        className="text-danger-foreground"
        aria-label={`Delete “${view.name}”`}
        onClick={onDelete}
      >
        <Trash2 aria-hidden="true" />
      </Button>
    </li>
  );
}
