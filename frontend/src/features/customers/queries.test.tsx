import { QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type * as React from "react";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import { apiResult, createTestQueryClient } from "@/test/render";
import { customerKeys, useAllCustomers, useSaveCustomer } from "./queries";

const customer = (id: string, name: string) => ({
  id,
  name,
  segment: "",
  annual_revenue: null,
  is_premier_account: false,
  external_id: null,
  notes: "",
  created_at: "2026-11-01T10:00:00Z",
  updated_at: "2026-11-01T10:00:00Z",
});

describe("the customers' one cache key", () => {
  it("puts every list under it, so a saved customer reaches the pilot pages' picker", async () => {
    const pages = [
      [customer("cu1", "Northwind Depot")],
      [customer("cu1", "Northwind Depot"), customer("cu2", "Globex")],
    ];
    const page = async () =>
      apiResult({ status: 200, body: { items: pages.shift() ?? [], next_cursor: null } });
    const get = vi.spyOn(client, "GET").mockImplementation(page as never);
    vi.spyOn(client, "POST").mockResolvedValue(
      apiResult({ status: 201, body: customer("cu2", "Globex") }) as never,
    );
    const queryClient = createTestQueryClient();
    const wrapper = ({ children }: { children: React.ReactNode }) => (
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    );
    const { result } = renderHook(
      () => ({ all: useAllCustomers("ws"), save: useSaveCustomer("ws") }),
      { wrapper },
    );
    await waitFor(() =>
      expect(result.current.all.data?.map((c) => c.name)).toEqual(["Northwind Depot"]),
    );
    expect(customerKeys.allPages("ws").slice(0, 3)).toEqual(customerKeys.lists("ws"));

    await act(() =>
      result.current.save.mutateAsync({
        id: null,
        etag: null,
        body: { name: "Globex", segment: "", is_premier_account: false, notes: "" },
      }),
    );

    await waitFor(() =>
      expect(result.current.all.data?.map((c) => c.name)).toEqual(["Northwind Depot", "Globex"]),
    );
    expect(get).toHaveBeenCalledTimes(2);
    expect(get).toHaveBeenLastCalledWith("/api/v1/workspaces/{workspace_id}/customers", {
      params: { path: { workspace_id: "ws" }, query: { limit: 200, cursor: null } },
      signal: expect.any(AbortSignal),
    });
  });
});
