import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { mockGet } from "@/test/render";
import { gateQueryOptions, pilotKeys } from "./queries";

const GATE = "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/gate";

describe("the gate checklist's request", () => {
  it("is not aborted when a stage move cancels it: no failed request, no error", async () => {
    const get = mockGet({
      [GATE]: {
        status: 200,
        body: { to_stage: "running", allowed: true, met: true, criteria: [], ready_on: null },
      },
    });
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const loading = queryClient.fetchQuery(gateQueryOptions("ws", "p1", "running"));
    // What a transition does to the page's queries while the checklist is loading.
    await queryClient.cancelQueries({ queryKey: pilotKeys.detail("ws", "p1") });
    await loading.catch(() => undefined);

    expect(get).toHaveBeenCalledTimes(1);
    const [, init] = get.mock.calls[0] as unknown as [string, { signal?: AbortSignal }];
    expect(init.signal).toBeUndefined();
  });
});
