import { QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type * as React from "react";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import { apiResult, createTestQueryClient } from "@/test/render";
import type { Gate, Pilot } from "../queries";
import { useBoardMove } from "./use-board-move";

const PILOT = { id: "p1", title: "Kitting", stage: "running", paused_from: null } as Pilot;

const gate = (met: boolean): Gate =>
  ({
    to_stage: "scale_review",
    allowed: true,
    met,
    ready_on: null,
    criteria: [
      { code: "iterations", met, message: "At least 3 iterations." },
      { code: "time_running", met: true, message: "Running for 60 days." },
    ],
  }) as Gate;

function setup() {
  const announce = vi.fn();
  const queryClient = createTestQueryClient();
  const wrapper = ({ children }: { children: React.ReactNode }) => (
    <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
  );
  const hook = renderHook(() => useBoardMove("ws", announce), { wrapper });
  return { announce, hook };
}

describe("moving a card", () => {
  it("shows the unmet criteria and moves nothing when the gate is not met", async () => {
    vi.spyOn(client, "GET").mockResolvedValue(
      apiResult({ status: 200, body: gate(false) }) as never,
    );
    const post = vi.spyOn(client, "POST");
    const { announce, hook } = setup();

    await act(() => hook.result.current.request(PILOT, "scale_review"));

    expect(hook.result.current.state).toMatchObject({ step: "unmet", to: "scale_review" });
    expect(post).not.toHaveBeenCalled();
    expect(announce).toHaveBeenLastCalledWith(
      "“Kitting” was not moved: 1 condition for Scale review is not met yet.",
    );
  });

  it("moves at once when the gate is met, and asks a reason before pausing", async () => {
    vi.spyOn(client, "GET").mockResolvedValue(
      apiResult({ status: 200, body: gate(true) }) as never,
    );
    const post = vi
      .spyOn(client, "POST")
      .mockResolvedValue(
        apiResult({ status: 200, body: { ...PILOT, stage: "scale_review" } }) as never,
      );
    const { announce, hook } = setup();

    await act(() => hook.result.current.request(PILOT, "scale_review"));
    await waitFor(() => expect(hook.result.current.state.step).toBe("idle"));
    expect(post).toHaveBeenCalledTimes(1);
    expect(announce).toHaveBeenLastCalledWith("“Kitting” is now Scale review.");

    await act(() => hook.result.current.request(PILOT, "paused"));
    expect(hook.result.current.state).toMatchObject({ step: "reason", to: "paused" });
    expect(post).toHaveBeenCalledTimes(1);
  });

  it("cancels a gate read quietly when a newer move starts", async () => {
    const signals: AbortSignal[] = [];
    vi.spyOn(client, "GET").mockImplementation((async (
      _path: string,
      { signal }: { signal: AbortSignal },
    ) => {
      signals.push(signal);
      if (signals.length === 1)
        return new Promise((_resolve, reject) =>
          signal.addEventListener("abort", () =>
            reject(new DOMException("The operation was aborted.", "AbortError")),
          ),
        );
      return apiResult({ status: 200, body: gate(false) });
    }) as never);
    const { announce, hook } = setup();

    let first: Promise<void> | undefined;
    act(() => {
      first = hook.result.current.request(PILOT, "scale_review");
    });
    await act(() => hook.result.current.request(PILOT, "scale_review"));
    await act(() => first);

    expect(signals[0]?.aborted).toBe(true);
    expect(hook.result.current.state.step).toBe("unmet");
    expect(announce.mock.calls.flat().some((m) => String(m).startsWith("Could not"))).toBe(false);
  });
});
