import { type UseMutationResult, useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { type ApiError, describeError, isStale } from "@/lib/api-error";
import { formatDateTime, formatRelative } from "@/lib/format";
import { toast } from "@/lib/toast";
import { diffObjects } from "../conflict";
import { pilotKeys } from "../queries";
import { useLatestActivity } from "../records/activity";
import type { PartRemoval } from "../records/shared";

export type Conflict = {
  error: ApiError;
  /** What this page had read before the write. */
  mine: Record<string, unknown>;
  /** Re-sends the same write without If-Match. */
  overwrite: () => Promise<unknown>;
};

export const ConflictContext = createContext<(conflict: Conflict) => void>(() => {});

/** Any part of the pilot page reports a 412 here; one dialog explains it and offers a way out. */
export function useReportConflict() {
  return useContext(ConflictContext);
}

/**
 * For a write's onError: a 412 opens the conflict dialog (true); anything else is left to the
 * caller (false). `mine` is the object as the page showed it; `overwrite` re-sends without it.
 */
export function useConflictHandler() {
  const report = useContext(ConflictContext);
  return useCallback(
    (error: unknown, mine: object, overwrite: () => Promise<unknown>): boolean => {
      if (!isStale(error)) return false;
      report({ error, mine: mine as Record<string, unknown>, overwrite });
      return true;
    },
    [report],
  );
}

/**
 * The confirm step of removing a part shown on the pilot page (a candidate, department,
 * iteration or metric): on success say `done` and close; on a 412 hand the conflict to the
 * page's conflict dialog (whose overwrite removes it anyway) and close; otherwise show the
 * error in the confirmation.
 */
export function useRemoval<P extends object, D, E>(
  remove: UseMutationResult<D, E, PartRemoval<P>>,
  { close, setError }: { close: () => void; setError: (message: string | null) => void },
) {
  const onConflict = useConflictHandler();
  return (shown: P, done: string) => {
    setError(null);
    remove.mutate(
      { shown },
      {
        onSuccess: () => {
          toast(done);
          close();
        },
        onError: (error) => {
          if (onConflict(error, shown, () => remove.mutateAsync({ shown, force: true }))) {
            close();
            return;
          }
          setError(describeError(error).detail);
        },
      },
    );
  };
}

export function ConflictProvider({
  workspaceId,
  pilotId,
  names,
  children,
}: {
  workspaceId: string;
  pilotId: string;
  names: Record<string, string>;
  children: ReactNode;
}) {
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const report = useCallback((c: Conflict) => setConflict(c), []);
  return (
    <ConflictContext.Provider value={report}>
      {children}
      <ConflictDialog
        workspaceId={workspaceId}
        pilotId={pilotId}
        names={names}
        conflict={conflict}
        onClose={() => setConflict(null)}
      />
    </ConflictContext.Provider>
  );
}

function ConflictDialog({
  workspaceId,
  pilotId,
  names,
  conflict,
  onClose,
}: {
  workspaceId: string;
  pilotId: string;
  names: Record<string, string>;
  conflict: Conflict | null;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<"reload" | "overwrite" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useLatestActivity(workspaceId, pilotId, conflict !== null);
  const differences = useMemo(
    () =>
      conflict?.error.current ? diffObjects(conflict.mine, conflict.error.current, names) : [],
    [conflict, names],
  );

  const close = () => {
    setError(null);
    setBusy(null);
    onClose();
  };

  // Everything about the pilot is refetched: the conflict may be on one of its parts.
  const reload = async () => {
    setBusy("reload");
    await queryClient.invalidateQueries({ queryKey: pilotKeys.detail(workspaceId, pilotId) });
    toast("Reloaded: you now see their version");
    close();
  };

  const overwrite = async () => {
    if (!conflict) return;
    setBusy("overwrite");
    setError(null);
    try {
      await conflict.overwrite();
      toast("Your change was saved over theirs");
      close();
    } catch (e) {
      setError(describeError(e).detail);
      setBusy(null);
    }
  };

  const who = latest.data;
  return (
    <Dialog open={conflict !== null} onOpenChange={(open) => !open && close()}>
      <DialogContent className="max-w-lg">
        <DialogHeader>
          <DialogTitle>Someone changed this pilot</DialogTitle>
          <DialogDescription>
            {latest.isPending
              ? "Finding out who…"
              : who
                ? `${who.actor_name ?? "An integration"} ${who.summary ? `(${who.summary})` : ""} ${formatRelative(who.occurred_at)}, at ${formatDateTime(who.occurred_at)}. Your change was not saved.`
                : "It changed since you opened it. Your change was not saved."}
          </DialogDescription>
        </DialogHeader>
        {error && <ErrorAlert>{error}</ErrorAlert>}
        {differences.length > 0 ? (
          <div className="flex flex-col gap-2">
            <p className="text-sm font-medium">What is different now</p>
            <ul className="flex flex-col gap-2 text-sm">
              {differences.map((d) => (
                <li key={d.field} className="rounded-lg border p-3">
                  <p className="font-medium">{d.label}</p>
                  <p className="break-words text-muted-foreground">
                    You saw: <span className="text-foreground">{d.mine}</span>
                  </p>
                  <p className="break-words text-muted-foreground">
                    Now: <span className="text-foreground">{d.theirs}</span>
                  </p>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p className="text-sm text-muted-foreground">
            None of the fields you see differ; something else on the pilot changed.
          </p>
        )}
        <p className="text-sm text-muted-foreground">
          Reload to see their version (your edit is dropped), or overwrite to apply your change on
          top of theirs.
        </p>
        <DialogFooter>
          <Button variant="outline" onClick={() => void reload()} disabled={busy !== null}>
            {busy === "reload" && <Spinner />}
            Reload
          </Button>
          <Button variant="destructive" onClick={() => void overwrite()} disabled={busy !== null}>
            {busy === "overwrite" && <Spinner />}
            Overwrite anyway
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
