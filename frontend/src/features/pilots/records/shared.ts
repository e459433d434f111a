import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client } from "@/client";
import { type FetchResult, fetchAllPages, unwrap } from "@/lib/api";
import { isStale } from "@/lib/api-error";
import type { Versioned } from "@/lib/etag";
import { refreshPilot } from "../queries";

/** What every record of a pilot is addressed by, besides its own id. */
export const pathOf = (ws: string, id: string) => ({ workspace_id: ws, pilot_id: id });

type ListPath =
  | "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/candidates"
  | "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/involvements"
  | "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/iterations"
  | "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/metrics"
  | "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/decisions";

/** Every record of one kind (all pages) for the pilot. */
export function listAll<T>(
  path: ListPath,
  ws: string,
  id: string,
  signal: AbortSignal,
): Promise<T[]> {
  return fetchAllPages((cursor) =>
    unwrap(
      client.GET(path, {
        params: { path: pathOf(ws, id), query: { limit: 200, cursor } },
        signal,
      }) as Promise<FetchResult<{ items: T[]; next_cursor: string | null }>>,
    ),
  );
}

// --- writes ----------------------------------------------------------------------------------

/**
 * Optimistic concurrency for a pilot's records (candidates, involvements, iterations, metrics).
 * Each list item carries its `etag`, sent as `If-Match` on the first edit. For a record without
 * one, the tag a write answered with is kept together with the record it describes and sent only
 * while the page still shows exactly that record. Otherwise the write
 * goes with a tag that cannot match: the 412 returns the server's copy, and when that copy is
 * what the page shows, nobody else changed it and the write is repeated without the tag.
 * Either way, someone else's change is never silently overwritten.
 */
const knownTags = new Map<string, { etag: string; record: string }>();
const UNVERIFIED = '"unverified"';

/** JSON with sorted keys, so two copies of one record compare equal. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

export function rememberPartTag(data: unknown, etag: string | null) {
  const record = data as { id?: unknown } | undefined;
  if (etag && record && typeof record.id === "string")
    knownTags.set(record.id, { etag, record: stableJson(record) });
}

/**
 * The If-Match to send for a write to `shown` (the record as the page displays it): the `etag`
 * its list item carries (the exact tag of its single read), else a tag remembered from a write.
 */
export function partTag(shown: { id: string; etag?: string | undefined }): string {
  if (shown.etag) return shown.etag;
  const known = knownTags.get(shown.id);
  return known && known.record === stableJson(shown) ? known.etag : UNVERIFIED;
}

/**
 * The fields of `values` that differ from the record shown: what a person actually changed, so
 * that a write (and a deliberate overwrite) never puts back someone else's other edits.
 */
export function changedFields<T extends Record<string, unknown>>(
  shown: object,
  values: T,
): Partial<T> {
  const record = shown as Record<string, unknown>;
  return Object.fromEntries(
    Object.entries(values).filter(([key, value]) => stableJson(record[key]) !== stableJson(value)),
  ) as Partial<T>;
}

type Part = { id: string; etag?: string | undefined };

/**
 * Fields the server moves without anyone editing the record: counts from other records (an
 * iteration's customer feedback, a department's last check-in) and the clock (silence), with the
 * `updated_at` such a count bumps (and so the `etag`).
 */
const DERIVED = ["feedback", "last_check_in_on", "silent_days", "updated_at", "etag"];

/** True when two copies of a record differ only in what nobody edits (see DERIVED). */
export function sameEdits(a: object, b: object): boolean {
  const strip = (value: object) =>
    Object.fromEntries(Object.entries(value).filter(([key]) => !DERIVED.includes(key)));
  return stableJson(strip(a)) === stableJson(strip(b));
}
type Sent<T> = Promise<Versioned<T>>;

export async function guardedWrite<T>(
  shown: Part,
  force: boolean,
  send: (header: { "If-Match"?: string }) => Sent<T>,
): Sent<T> {
  if (force) return send({});
  try {
    return await send({ "If-Match": partTag(shown) });
  } catch (error) {
    if (isStale(error) && error.current && sameEdits(error.current, shown)) return send({});
    throw error;
  }
}

/** A write to one of the pilot's records; the pilot and everything under its key is refreshed. */
export function usePartMutation<V, T>(
  ws: string,
  id: string,
  run: (values: V, key: { "Idempotency-Key": string }) => Sent<T>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (values: V) => {
      const result = await run(values, { "Idempotency-Key": crypto.randomUUID() });
      rememberPartTag(result.data, result.etag);
      return result.data;
    },
    // Every record, the gates and the activity live under the pilot's key.
    onSuccess: () => refreshPilot(queryClient, ws, id),
  });
}

/** A change to a record shown on the page; `force` re-sends it over someone else's change. */
export type PartChange<P, C> = { shown: P; changes: C; force?: boolean };
export type PartRemoval<P> = { shown: P; force?: boolean };
