import { QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type * as React from "react";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import { CandidatesSection } from "@/features/pilots/components/candidates-section";
import { type Pilot, pilotKeys } from "@/features/pilots/queries";
import { portfolioKeys } from "@/features/portfolio/queries";
import { apiResult, createTestQueryClient, meReply, mockGet, renderWithQuery } from "@/test/render";
import { MethodSettingsPage } from "./components/method-settings-page";
import { settingsKeys, useMinEngaged, useRubric, useUpdateMethodSettings } from "./queries";

const THRESHOLDS = {
  no_iteration_days: 45,
  scale_decision_days: 30,
  selection_days: 60,
  ready_to_scale_days: 30,
  invited_not_engaged_days: 21,
  min_engaged_departments: 2,
  measurement_gap_iterations: 2,
};

const SETTINGS = {
  rubric: [{ key: "low_stakes", label: "Low stakes in the relationship", weight: 1 }],
  thresholds: THRESHOLDS,
  updated_at: null,
};

const SAVED = {
  rubric: [{ key: "low_stakes", label: "Little at stake", weight: 2 }],
  thresholds: { ...THRESHOLDS, min_engaged_departments: 3 },
  updated_at: "2026-11-22T10:00:00Z",
};

const PILOT = { id: "p1", customer_id: null, stage: "selecting" } as unknown as Pilot;

const CANDIDATE = {
  id: "c1",
  customer_id: "cu1",
  customer_name: "Northwind Depot",
  scores: { low_stakes: 4 },
  notes: "",
  total: 75,
  is_premier_account: false,
  is_chosen: false,
  created_at: "2026-11-01T10:00:00Z",
  updated_at: "2026-11-01T10:00:00Z",
};

/** GET answers for an admin of "ws" whose pilot "p1" has one candidate. */
function mockReads() {
  return mockGet({
    "/api/v1/auth/me": meReply([{ workspace_id: "ws", workspace_name: "Acme", role: "admin" }]),
    "/api/v1/workspaces/{workspace_id}/settings": { status: 200, body: SETTINGS },
    "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/candidates": {
      status: 200,
      body: { items: [CANDIDATE], next_cursor: null },
    },
  });
}

/** How many times the settings were read from the API. */
const settingsReads = (get: ReturnType<typeof mockGet>) =>
  get.mock.calls.filter(
    (call) => (call as unknown[])[0] === "/api/v1/workspaces/{workspace_id}/settings",
  ).length;

describe("saving the method settings", () => {
  it("refreshes the very entry the pilot page reads its rubric and thresholds from", async () => {
    mockReads();
    const patch = vi
      .spyOn(client, "PATCH")
      .mockResolvedValue(
        apiResult({ status: 200, body: SAVED }) as unknown as Awaited<
          ReturnType<typeof client.PATCH>
        >,
      );
    const queryClient = createTestQueryClient();
    // Something the pilot pages and the portfolio show, derived from the thresholds.
    queryClient.setQueryData(pilotKeys.detail("ws", "p1"), { pilot: PILOT, etag: '"p"' });
    queryClient.setQueryData(portfolioKeys.all("ws"), {});
    const wrapper = ({ children }: { children: React.ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    );
    const { result } = renderHook(
      () => ({
        rubric: useRubric("ws"),
        minEngaged: useMinEngaged("ws"),
        save: useUpdateMethodSettings("ws"),
      }),
      { wrapper },
    );
    await waitFor(() => expect(result.current.rubric.data).toEqual(SETTINGS.rubric));
    expect(result.current.minEngaged.data).toBe(2);

    await act(() =>
      result.current.save.mutateAsync({ etag: null, body: { rubric: SAVED.rubric } }),
    );

    expect(patch).toHaveBeenCalledOnce();
    // One cache entry for the settings, shared by the settings page and the pilot pages ...
    const entries = queryClient.getQueryCache().findAll({ queryKey: settingsKeys.all("ws") });
    expect(entries.map((q) => q.queryKey)).toEqual([settingsKeys.method("ws")]);
    // ... which the save replaced with the server's answer: the pilot page now shows it.
    expect(queryClient.getQueryData(settingsKeys.method("ws"))).toEqual({
      data: SAVED,
      etag: null,
    });
    await waitFor(() => expect(result.current.rubric.data).toEqual(SAVED.rubric));
    expect(result.current.minEngaged.data).toBe(3);
    // Health follows the thresholds: the pilots and the portfolio are marked stale.
    expect(queryClient.getQueryState(pilotKeys.detail("ws", "p1"))?.isInvalidated).toBe(true);
    expect(queryClient.getQueryState(portfolioKeys.all("ws"))?.isInvalidated).toBe(true);
  });

  it("shows the saved rubric on the pilot's candidates without reloading", async () => {
    const get = mockReads();
    vi.spyOn(client, "PATCH").mockResolvedValue(
      apiResult({ status: 200, body: SAVED }) as unknown as Awaited<
        ReturnType<typeof client.PATCH>
      >,
    );
    renderWithQuery(
      <>
        <MethodSettingsPage workspaceId="ws" />
        <CandidatesSection workspaceId="ws" pilot={PILOT} editable={false} />
      </>,
    );
    const candidates = () => screen.getByRole("list", { name: "Candidates, best first" });
    await waitFor(() =>
      expect(within(candidates()).getByText("Low stakes in the relationship")).toBeVisible(),
    );

    const label = await screen.findByRole("textbox", { name: "Label" });
    await userEvent.clear(label);
    await userEvent.type(label, "Little at stake");
    await userEvent.click(screen.getByRole("button", { name: "Save rubric" }));

    await waitFor(() => expect(within(candidates()).getByText("Little at stake")).toBeVisible());
    expect(within(candidates()).queryByText("Low stakes in the relationship")).toBeNull();
    // Both pages read the settings from one entry: one read, none repeated after the save.
    expect(settingsReads(get)).toBe(1);
  });
});
