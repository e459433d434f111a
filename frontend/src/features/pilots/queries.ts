import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { client, type Schemas } from "@/client";
import { fetchAllPages } from "@/lib/api";
import { ApiError } from "@/lib/api-error";
import type { Stage } from "./labels";
import { type PilotSearch, toPilotQuery } from "./search";

export type Pilot = Schemas["PilotPublic"];
export type Candidate = Schemas["CandidatePublic"];
export type Involvement = Schemas["InvolvementPublic"];
export type Iteration = Schemas["IterationPublic"];
export type Metric = Schemas["MetricPublic"];
export type Measurement = Schemas["MeasurementPublic"];
export type Decision = Schemas["DecisionPublic"];
export type ScalePlan = Schemas["ScalePlanPublic"];
export type ScalePlanPut = Schemas["ScalePlanPut"];
export type Activity = Schemas["ActivityPublic"];
export type Gate = Schemas["GatePublic"];
export type GateItem = Schemas["GateItem"];
export type Customer = Schemas["CustomerPublic"];
export type Department = Schemas["DepartmentPublic"];
export type PilotUpdate = Schemas["PilotUpdate"];

/** A problem with the extras pilots use: the unmet gate criteria (409), the current object (412). */
export class PilotProblem extends ApiError {
  readonly unmet: GateItem[];
  readonly current: Record<string, unknown> | null;

  constructor(base: ApiError, body: unknown) {
    super({
      status: base.status,
      title: base.title,
      detail: base.detail,
      type: base.type,
      errors: base.errors,
      retryAfter: base.retryAfter,
    });
    const record =
      typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
    this.unmet = Array.isArray(record.unmet) ? (record.unmet as GateItem[]) : [];
    this.current =
      typeof record.current === "object" && record.current !== null
        ? (record.current as Record<string, unknown>)
        : null;
  }
}

export function isConflict(error: unknown): error is PilotProblem {
  return error instanceof PilotProblem && error.status === 412;
}

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

/** Like `unwrap`, keeping the ETag and the problem's extras. */
async function call<T>(
  request: Promise<FetchResult<T>>,
): Promise<{ data: T; etag: string | null }> {
  const { data, error, response } = await request;
  if (!response.ok) throw new PilotProblem(ApiError.fromResponse(response, error), error);
  return { data: data as T, etag: response.headers.get("ETag") };
}

async function body<T>(request: Promise<FetchResult<T>>): Promise<T> {
  return (await call(request)).data;
}

const ifMatch = (etag: string | null | undefined) =>
  etag ? { "If-Match": etag } : ({} as Record<string, never>);

export const pilotKeys = {
  all: (ws: string) => ["pilots", ws] as const,
  lists: (ws: string) => [...pilotKeys.all(ws), "list"] as const,
  list: (ws: string, search: PilotSearch) => [...pilotKeys.lists(ws), search] as const,
  detail: (ws: string, id: string) => [...pilotKeys.all(ws), "detail", id] as const,
  part: (ws: string, id: string, part: string, ...rest: string[]) =>
    [...pilotKeys.detail(ws, id), part, ...rest] as const,
};

// --- lookups -------------------------------------------------------------------------------

export const customersQueryOptions = (ws: string) =>
  queryOptions({
    queryKey: ["pilot-lookups", ws, "customers"],
    queryFn: ({ signal }) =>
      fetchAllPages((cursor) =>
        body(
          client.GET("/api/v1/workspaces/{workspace_id}/customers", {
            params: { path: { workspace_id: ws }, query: { limit: 200, cursor } },
            signal,
          }),
        ),
      ),
    staleTime: 60_000,
  });

export const departmentsQueryOptions = (ws: string) =>
  queryOptions({
    queryKey: ["pilot-lookups", ws, "departments"],
    queryFn: ({ signal }) =>
      fetchAllPages((cursor) =>
        body(
          client.GET("/api/v1/workspaces/{workspace_id}/departments", {
            params: { path: { workspace_id: ws }, query: { limit: 200, cursor } },
            signal,
          }),
        ),
      ),
    staleTime: 60_000,
  });

export const useCustomers = (ws: string) => useQuery(customersQueryOptions(ws));
export const useDepartments = (ws: string) => useQuery(departmentsQueryOptions(ws));

// --- pilots --------------------------------------------------------------------------------

export const PAGE_SIZE = 25;

export const pilotsQueryOptions = (ws: string, search: PilotSearch) =>
  infiniteQueryOptions({
    queryKey: pilotKeys.list(ws, search),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      body(
        client.GET("/api/v1/workspaces/{workspace_id}/pilots", {
          params: {
            path: { workspace_id: ws },
            query: { ...toPilotQuery(search), limit: PAGE_SIZE, cursor: pageParam },
          },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.next_cursor,
  });

export const usePilots = (ws: string, search: PilotSearch) =>
  useInfiniteQuery(pilotsQueryOptions(ws, search));

export type PilotWithTag = { pilot: Pilot; etag: string | null };

export const pilotQueryOptions = (ws: string, id: string) =>
  queryOptions({
    queryKey: pilotKeys.detail(ws, id),
    queryFn: async ({ signal }): Promise<PilotWithTag> => {
      const { data, etag } = await call(
        client.GET("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}", {
          params: { path: { workspace_id: ws, pilot_id: id } },
          signal,
        }),
      );
      return { pilot: data, etag };
    },
  });

export const usePilot = (ws: string, id: string) => useQuery(pilotQueryOptions(ws, id));

export function useCreatePilot(ws: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: Schemas["PilotCreate"]) =>
      call(
        client.POST("/api/v1/workspaces/{workspace_id}/pilots", {
          params: {
            path: { workspace_id: ws },
            header: { "Idempotency-Key": crypto.randomUUID() },
          },
          body: values,
        }),
      ),
    onSuccess: ({ data, etag }) => {
      queryClient.setQueryData(pilotKeys.detail(ws, data.id), { pilot: data, etag });
      return queryClient.invalidateQueries({ queryKey: pilotKeys.lists(ws) });
    },
  });
}

/** Refreshes everything derived from the pilot after one of its parts changed. */
/**
 * Refreshes the pilot and every part of it (their keys share the detail prefix) after a write.
 * Reads still in flight started before the write: they are cancelled first, otherwise a first
 * load would be reused as is and show the state from before the write.
 */
async function refreshPilot(
  queryClient: ReturnType<typeof useQueryClient>,
  ws: string,
  id: string,
) {
  await queryClient.cancelQueries({ queryKey: pilotKeys.detail(ws, id) });
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: pilotKeys.detail(ws, id) }),
    queryClient.invalidateQueries({ queryKey: pilotKeys.lists(ws) }),
  ]);
}

/**
 * PATCH the pilot with the ETag last read. `force` re-sends without it (overwrite anyway after
 * a conflict). A 412 throws a PilotProblem with `current`.
 */
export function useUpdatePilot(ws: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ changes, force = false }: { changes: PilotUpdate; force?: boolean }) => {
      const etag = queryClient.getQueryData<PilotWithTag>(pilotKeys.detail(ws, id))?.etag;
      return call(
        client.PATCH("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}", {
          params: {
            path: { workspace_id: ws, pilot_id: id },
            header: force ? {} : ifMatch(etag),
          },
          body: changes,
        }),
      );
    },
    onSuccess: ({ data, etag }) => {
      queryClient.setQueryData(pilotKeys.detail(ws, id), { pilot: data, etag });
      return refreshPilot(queryClient, ws, id);
    },
  });
}

export type TransitionBody = { to_stage: Stage; reason?: string; lessons_learned?: string };

export function useTransition(ws: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({
      transition,
      force = false,
    }: {
      transition: TransitionBody;
      force?: boolean;
    }) => {
      const etag = queryClient.getQueryData<PilotWithTag>(pilotKeys.detail(ws, id))?.etag;
      return call(
        client.POST("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/transitions", {
          params: {
            path: { workspace_id: ws, pilot_id: id },
            header: force ? {} : ifMatch(etag),
          },
          body: { reason: "", lessons_learned: "", ...transition },
        }),
      );
    },
    onSuccess: ({ data, etag }) => {
      queryClient.setQueryData(pilotKeys.detail(ws, id), { pilot: data, etag });
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: pilotKeys.detail(ws, id) }),
        queryClient.invalidateQueries({ queryKey: pilotKeys.lists(ws) }),
      ]);
    },
  });
}

export const gateQueryOptions = (ws: string, id: string, to: Stage) =>
  queryOptions({
    queryKey: pilotKeys.part(ws, id, "gate", to),
    queryFn: ({ signal }) =>
      body(
        client.GET("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/gate", {
          params: { path: { workspace_id: ws, pilot_id: id }, query: { to } },
          signal,
        }),
      ),
  });

export const useGate = (ws: string, id: string, to: Stage | null) =>
  useQuery({ ...gateQueryOptions(ws, id, to ?? "running"), enabled: to !== null });

// --- parts of a pilot ----------------------------------------------------------------------

type ListPath =
  | "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/candidates"
  | "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/involvements"
  | "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/iterations"
  | "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/metrics"
  | "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/decisions";

function listAll<T>(path: ListPath, ws: string, id: string, signal: AbortSignal): Promise<T[]> {
  return fetchAllPages((cursor) =>
    body(
      client.GET(path, {
        params: { path: { workspace_id: ws, pilot_id: id }, query: { limit: 200, cursor } },
        signal,
      }) as Promise<FetchResult<{ items: T[]; next_cursor: string | null }>>,
    ),
  );
}

export const useCandidates = (ws: string, id: string) =>
  useQuery({
    queryKey: pilotKeys.part(ws, id, "candidates"),
    queryFn: ({ signal }) =>
      listAll<Candidate>(
        "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/candidates",
        ws,
        id,
        signal,
      ),
  });

export const useInvolvements = (ws: string, id: string) =>
  useQuery({
    queryKey: pilotKeys.part(ws, id, "involvements"),
    queryFn: ({ signal }) =>
      listAll<Involvement>(
        "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/involvements",
        ws,
        id,
        signal,
      ),
  });

export const useIterations = (ws: string, id: string) =>
  useQuery({
    queryKey: pilotKeys.part(ws, id, "iterations"),
    queryFn: ({ signal }) =>
      listAll<Iteration>(
        "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/iterations",
        ws,
        id,
        signal,
      ),
  });

export const useMetrics = (ws: string, id: string) =>
  useQuery({
    queryKey: pilotKeys.part(ws, id, "metrics"),
    queryFn: ({ signal }) =>
      listAll<Metric>(
        "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/metrics",
        ws,
        id,
        signal,
      ),
  });

export const useDecisions = (ws: string, id: string) =>
  useQuery({
    queryKey: pilotKeys.part(ws, id, "decisions"),
    queryFn: ({ signal }) =>
      listAll<Decision>(
        "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/decisions",
        ws,
        id,
        signal,
      ),
  });

export const useMeasurements = (ws: string, id: string, metricId: string) =>
  useQuery({
    queryKey: pilotKeys.part(ws, id, "measurements", metricId),
    queryFn: ({ signal }) =>
      fetchAllPages((cursor) =>
        body(
          client.GET(
            "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/metrics/{metric_id}/measurements",
            {
              params: {
                path: { workspace_id: ws, pilot_id: id, metric_id: metricId },
                query: { limit: 200, cursor },
              },
              signal,
            },
          ),
        ),
      ),
  });

export type ScalePlanWithTag = { plan: ScalePlan; etag: string | null };

export const useScalePlan = (ws: string, id: string) =>
  useQuery({
    queryKey: pilotKeys.part(ws, id, "scale-plan"),
    queryFn: async ({ signal }): Promise<ScalePlanWithTag> => {
      const { data, etag } = await call(
        client.GET("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/scale-plan", {
          params: { path: { workspace_id: ws, pilot_id: id } },
          signal,
        }),
      );
      return { plan: data, etag };
    },
  });

export const activityQueryOptions = (ws: string, id: string) =>
  infiniteQueryOptions({
    queryKey: pilotKeys.part(ws, id, "activity"),
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      body(
        client.GET("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/activity", {
          params: {
            path: { workspace_id: ws, pilot_id: id },
            query: { limit: 20, cursor: pageParam },
          },
          signal,
        }),
      ),
    getNextPageParam: (last) => last.next_cursor,
  });

export const useActivity = (ws: string, id: string) =>
  useInfiniteQuery(activityQueryOptions(ws, id));

/** The newest activity entry: who changed the pilot last, and when. */
export async function fetchLatestActivity(ws: string, id: string): Promise<Activity | null> {
  const page = await body(
    client.GET("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/activity", {
      params: { path: { workspace_id: ws, pilot_id: id }, query: { limit: 1 } },
    }),
  );
  return page.items[0] ?? null;
}

// --- writes to parts -----------------------------------------------------------------------

/**
 * Optimistic concurrency for a pilot's parts (candidates, involvements, iterations, metrics).
 * Lists carry no ETag, so the tag a write answered with is kept together with the record it
 * describes and sent only while the page still shows exactly that record. Otherwise the write
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

/** The If-Match to send for a write to `shown` (the record as the page displays it). */
export function partTag(shown: { id: string }): string {
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

type Part = { id: string };
type Sent<T> = Promise<{ data: T; etag: string | null }>;

export async function guardedWrite<T>(
  shown: Part,
  force: boolean,
  send: (header: { "If-Match"?: string }) => Sent<T>,
): Sent<T> {
  if (force) return send({});
  try {
    return await send({ "If-Match": partTag(shown) });
  } catch (error) {
    if (isConflict(error) && error.current && stableJson(error.current) === stableJson(shown))
      return send({});
    throw error;
  }
}

function usePartMutation<V, T>(
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
    // Every part, the gates and the activity live under the pilot's key.
    onSuccess: () => refreshPilot(queryClient, ws, id),
  });
}

const pathOf = (ws: string, id: string) => ({ workspace_id: ws, pilot_id: id });

/** A change to a part shown on the page; `force` re-sends it over someone else's change. */
export type PartChange<P, C> = { shown: P; changes: C; force?: boolean };
export type PartRemoval<P> = { shown: P; force?: boolean };

export const useAddCandidate = (ws: string, id: string) =>
  usePartMutation(ws, id, (values: Schemas["CandidateCreate"], header) =>
    call(
      client.POST("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/candidates", {
        params: { path: pathOf(ws, id), header },
        body: values,
      }),
    ),
  );

export const useUpdateCandidate = (ws: string, id: string) =>
  usePartMutation(
    ws,
    id,
    ({ shown, changes, force = false }: PartChange<Candidate, Schemas["CandidateUpdate"]>) =>
      guardedWrite(shown, force, (header) =>
        call(
          client.PATCH(
            "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/candidates/{candidate_id}",
            {
              params: { path: { ...pathOf(ws, id), candidate_id: shown.id }, header },
              body: changes,
            },
          ),
        ),
      ),
  );

export const useRemoveCandidate = (ws: string, id: string) =>
  usePartMutation(ws, id, ({ shown, force = false }: PartRemoval<Candidate>) =>
    guardedWrite(shown, force, (header) =>
      call(
        client.DELETE(
          "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/candidates/{candidate_id}",
          { params: { path: { ...pathOf(ws, id), candidate_id: shown.id }, header } },
        ),
      ),
    ),
  );

export const useAddInvolvement = (ws: string, id: string) =>
  usePartMutation(ws, id, (values: Schemas["InvolvementCreate"], header) =>
    call(
      client.POST("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/involvements", {
        params: { path: pathOf(ws, id), header },
        body: values,
      }),
    ),
  );

export const useUpdateInvolvement = (ws: string, id: string) =>
  usePartMutation(
    ws,
    id,
    ({ shown, changes, force = false }: PartChange<Involvement, Schemas["InvolvementUpdate"]>) =>
      guardedWrite(shown, force, (header) =>
        call(
          client.PATCH(
            "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/involvements/{involvement_id}",
            {
              params: { path: { ...pathOf(ws, id), involvement_id: shown.id }, header },
              body: changes,
            },
          ),
        ),
      ),
  );

export const useRemoveInvolvement = (ws: string, id: string) =>
  usePartMutation(ws, id, ({ shown, force = false }: PartRemoval<Involvement>) =>
    guardedWrite(shown, force, (header) =>
      call(
        client.DELETE(
          "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/involvements/{involvement_id}",
          { params: { path: { ...pathOf(ws, id), involvement_id: shown.id }, header } },
        ),
      ),
    ),
  );

export const useAddMetric = (ws: string, id: string) =>
  usePartMutation(ws, id, (values: Schemas["MetricCreate"], header) =>
    call(
      client.POST("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/metrics", {
        params: { path: pathOf(ws, id), header },
        body: values,
      }),
    ),
  );

export const useUpdateMetric = (ws: string, id: string) =>
  usePartMutation(
    ws,
    id,
    ({ shown, changes, force = false }: PartChange<Metric, Schemas["MetricUpdate"]>) =>
      guardedWrite(shown, force, (header) =>
        call(
          client.PATCH("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/metrics/{metric_id}", {
            params: { path: { ...pathOf(ws, id), metric_id: shown.id }, header },
            body: changes,
          }),
        ),
      ),
  );

export const useRemoveMetric = (ws: string, id: string) =>
  usePartMutation(ws, id, ({ shown, force = false }: PartRemoval<Metric>) =>
    guardedWrite(shown, force, (header) =>
      call(
        client.DELETE("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/metrics/{metric_id}", {
          params: { path: { ...pathOf(ws, id), metric_id: shown.id }, header },
        }),
      ),
    ),
  );

export const useAddDecision = (ws: string, id: string) =>
  usePartMutation(ws, id, (values: Schemas["DecisionCreate"], header) =>
    call(
      client.POST("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/decisions", {
        params: { path: pathOf(ws, id), header },
        body: values,
      }),
    ),
  );

export type IterationValues = Schemas["IterationCreate"] & {
  measurements: { metricId: string; value: number }[];
};

/**
 * Creates or updates an iteration (`shown` is the one on the page, null for a new one), then
 * records the measurements taken in it, dated on its end (or start) date.
 */
export const useSaveIteration = (ws: string, id: string) =>
  usePartMutation(
    ws,
    id,
    async (
      {
        shown,
        values,
        force = false,
      }: { shown: Iteration | null; values: IterationValues; force?: boolean },
      header,
    ) => {
      const { measurements, ...fields } = values;
      const edits = shown ? changedFields(shown, fields) : fields;
      const saved =
        shown && Object.keys(edits).length === 0
          ? { data: shown, etag: null }
          : shown
            ? await guardedWrite(shown, force, (ifMatchHeader) =>
                call(
                  client.PATCH(
                    "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/iterations/{iteration_id}",
                    {
                      params: {
                        path: { ...pathOf(ws, id), iteration_id: shown.id },
                        header: ifMatchHeader,
                      },
                      body: edits,
                    },
                  ),
                ),
              )
            : await call(
                client.POST("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/iterations", {
                  params: { path: pathOf(ws, id), header },
                  body: fields,
                }),
              );
      for (const m of measurements) {
        await call(
          client.POST(
            "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/metrics/{metric_id}/measurements",
            {
              params: {
                path: { ...pathOf(ws, id), metric_id: m.metricId },
                header: { "Idempotency-Key": crypto.randomUUID() },
              },
              body: {
                value: m.value,
                measured_on: fields.ended_on ?? fields.started_on,
                iteration_id: saved.data.id,
                note: "",
              },
            },
          ),
        );
      }
      // The measurements changed the iteration's count: the tag the write answered is stale.
      return measurements.length > 0 ? { data: saved.data, etag: null } : saved;
    },
  );

export const useRemoveIteration = (ws: string, id: string) =>
  usePartMutation(ws, id, ({ shown, force = false }: PartRemoval<Iteration>) =>
    guardedWrite(shown, force, (header) =>
      call(
        client.DELETE(
          "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/iterations/{iteration_id}",
          { params: { path: { ...pathOf(ws, id), iteration_id: shown.id }, header } },
        ),
      ),
    ),
  );

/** Creates a customer from the wizard, so it can be added as a candidate straight away. */
export function useCreateCustomer(ws: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: Schemas["CustomerCreate"]) =>
      body(
        client.POST("/api/v1/workspaces/{workspace_id}/customers", {
          params: {
            path: { workspace_id: ws },
            header: { "Idempotency-Key": crypto.randomUUID() },
          },
          body: values,
        }),
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ["pilot-lookups", ws, "customers"] }),
        queryClient.invalidateQueries({ queryKey: ["customers", ws] }),
      ]),
  });
}

export function useSaveScalePlan(ws: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ plan, force = false }: { plan: ScalePlanPut; force?: boolean }) => {
      const etag = queryClient.getQueryData<ScalePlanWithTag>(
        pilotKeys.part(ws, id, "scale-plan"),
      )?.etag;
      return call(
        client.PUT("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/scale-plan", {
          params: { path: pathOf(ws, id), header: force ? {} : ifMatch(etag) },
          body: plan,
        }),
      );
    },
    onSuccess: ({ data, etag }) => {
      queryClient.setQueryData(pilotKeys.part(ws, id, "scale-plan"), { plan: data, etag });
      return refreshPilot(queryClient, ws, id);
    },
  });
}

const settingsQueryOptions = (ws: string) =>
  queryOptions({
    queryKey: ["pilot-lookups", ws, "settings"],
    queryFn: ({ signal }) =>
      body(
        client.GET("/api/v1/workspaces/{workspace_id}/settings", {
          params: { path: { workspace_id: ws } },
          signal,
        }),
      ),
    staleTime: 60_000,
  });

export const useRubric = (ws: string) =>
  useQuery({ ...settingsQueryOptions(ws), select: (settings) => settings.rubric });

/** How many engaged departments the gate into running asks for (a workspace threshold). */
export const useMinEngaged = (ws: string) =>
  useQuery({
    ...settingsQueryOptions(ws),
    select: (settings) => settings.thresholds.min_engaged_departments,
  });
