import type { UseMutationResult } from "@tanstack/react-query";
import { renderHook } from "@testing-library/react";
import type * as React from "react";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/api-error";
import { toasts } from "@/lib/toast";
import type { PartRemoval } from "../records/shared";
import { type Conflict, ConflictContext, useRemoval } from "./conflict-dialog";

type Part = { id: string; name: string };
const shown: Part = { id: "m1", name: "Orders on time" };

/** A removal mutation that settles the way `outcome` says. */
function fakeRemoval(outcome: "ok" | unknown) {
  const mutateAsync = vi.fn(async () => undefined);
  const mutate = vi.fn(
    (
      _variables: PartRemoval<Part>,
      handlers: { onSuccess: () => void; onError: (error: unknown) => void },
    ) => (outcome === "ok" ? handlers.onSuccess() : handlers.onError(outcome)),
  );
  const remove = { mutate, mutateAsync } as unknown as UseMutationResult<
    unknown,
    unknown,
    PartRemoval<Part>
  >;
  return { remove, mutate, mutateAsync };
}

function setUp(outcome: "ok" | unknown) {
  const reported: Conflict[] = [];
  const close = vi.fn();
  const setError = vi.fn();
  const fake = fakeRemoval(outcome);
  const wrapper = ({ children }: { children: React.ReactNode }) => (
    <ConflictContext.Provider value={(c) => reported.push(c)}>{children}</ConflictContext.Provider>
  );
  const { result } = renderHook(() => useRemoval(fake.remove, { close, setError }), { wrapper });
  result.current(shown, "Metric deleted");
  return { ...fake, reported, close, setError };
}

describe("useRemoval", () => {
  it("removes with the ETag read, says so and closes", () => {
    const { mutate, close, setError } = setUp("ok");
    expect(mutate.mock.calls[0]?.[0]).toEqual({ shown });
    expect(toasts.getSnapshot().map((t) => t.message)).toEqual(["Metric deleted"]);
    expect(close).toHaveBeenCalledOnce();
    expect(setError).toHaveBeenCalledExactlyOnceWith(null);
  });

  it("hands a 412 to the conflict dialog, whose overwrite removes without the ETag", async () => {
    const conflict = new ApiError({ status: 412, title: "Changed since you read it" });
    const { reported, close, setError, mutateAsync } = setUp(conflict);
    expect(reported).toHaveLength(1);
    expect(reported[0]?.error).toBe(conflict);
    expect(reported[0]?.mine).toBe(shown);
    expect(close).toHaveBeenCalledOnce();
    expect(setError).toHaveBeenCalledExactlyOnceWith(null);
    await reported[0]?.overwrite();
    expect(mutateAsync).toHaveBeenCalledWith({ shown, force: true });
  });

  it("shows any other error in the confirmation and stays open", () => {
    const { reported, close, setError } = setUp(
      new ApiError({ status: 409, title: "In use", detail: "The chosen customer stays." }),
    );
    expect(reported).toHaveLength(0);
    expect(close).not.toHaveBeenCalled();
    expect(setError).toHaveBeenLastCalledWith("The chosen customer stays.");
  });
});
