import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, type Schemas } from "@/client";
import { ifMatch, unwrapVersioned } from "@/lib/etag";
import { pilotKeys, refreshPilot } from "../queries";
import { pathOf } from "./shared";

export type ScalePlan = Schemas["ScalePlanPublic"];
export type ScalePlanPut = Schemas["ScalePlanPut"];
export type ScalePlanWithTag = { plan: ScalePlan; etag: string | null };

export const useScalePlan = (ws: string, id: string) =>
  useQuery({
    queryKey: pilotKeys.records(ws, id, "scale-plan"),
    queryFn: async ({ signal }): Promise<ScalePlanWithTag> => {
      const { data, etag } = await unwrapVersioned(
        client.GET("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/scale-plan", {
          params: { path: pathOf(ws, id) },
          signal,
        }),
      );
      return { plan: data, etag };
    },
  });

export function useSaveScalePlan(ws: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ plan, force = false }: { plan: ScalePlanPut; force?: boolean }) => {
      const etag = queryClient.getQueryData<ScalePlanWithTag>(
        pilotKeys.records(ws, id, "scale-plan"),
      )?.etag;
      return unwrapVersioned(
        client.PUT("/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/scale-plan", {
          params: { path: pathOf(ws, id), header: force ? {} : ifMatch(etag) },
          body: plan,
        }),
      );
    },
    onSuccess: ({ data, etag }) => {
      queryClient.setQueryData(pilotKeys.records(ws, id, "scale-plan"), { plan: data, etag });
      return refreshPilot(queryClient, ws, id);
    },
  });
}
