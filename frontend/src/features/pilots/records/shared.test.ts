import { describe, expect, it, vi } from "vitest";
import { ApiError, isStale } from "@/lib/api-error";
import {
  changedFields,
  guardedWrite,
  partTag,
  rememberPartTag,
  sameEdits,
  stableJson,
} from "./shared";

const stale = (current: Record<string, unknown>) =>
  new ApiError({ status: 412, title: "Precondition Failed", current });

describe("stableJson", () => {
  it("ignores key order, so two copies of one record compare equal", () => {
    expect(stableJson({ b: 1, a: { d: 2, c: [3, { f: 4, e: 5 }] } })).toBe(
      stableJson({ a: { c: [3, { e: 5, f: 4 }], d: 2 }, b: 1 }),
    );
  });
});

describe("changedFields", () => {
  it("keeps only what the person changed, comparing objects by value", () => {
    const shown = { id: "c1", scores: { a: 4, b: 3 }, notes: "", total: 62.5 };
    expect(changedFields(shown, { scores: { b: 3, a: 4 }, notes: "Eager" })).toEqual({
      notes: "Eager",
    });
    expect(changedFields(shown, { scores: { a: 5, b: 3 }, notes: "" })).toEqual({
      scores: { a: 5, b: 3 },
    });
  });
});

describe("guardedWrite", () => {
  const shown = { id: "m1", name: "Downtime", baseline: 12 };

  it("sends the tag a write answered while the page shows that same record", async () => {
    rememberPartTag(shown, '"v1"');
    expect(partTag(shown)).toBe('"v1"');
    // Once the page shows something else, the tag no longer describes it.
    const edited = { ...shown, baseline: 10 };
    expect(partTag(edited)).toBe('"unverified"');
    const send = vi.fn().mockResolvedValue({ data: shown, etag: '"v2"' });
    await guardedWrite(shown, false, send);
    expect(send.mock.calls).toEqual([[{ "If-Match": '"v1"' }]]);
  });

  it("sends the list item's own etag on the first edit", async () => {
    const listed = { id: "m9", name: "Stock-outs", etag: '"listed"' };
    const send = vi.fn().mockResolvedValue({ data: listed, etag: '"v2"' });
    await guardedWrite(listed, false, send);
    expect(send.mock.calls).toEqual([[{ "If-Match": '"listed"' }]]);
  });

  it("repeats a write moved only by a derived count, whatever the new etag", async () => {
    const listed = { id: "m8", name: "Stock-outs", silent_days: 3, etag: '"old"' };
    const send = vi
      .fn()
      .mockRejectedValueOnce(stale({ ...listed, silent_days: 4, etag: '"new"' }))
      .mockResolvedValueOnce({ data: listed, etag: '"v3"' });
    await guardedWrite(listed, false, send);
    expect(send.mock.calls).toEqual([[{ "If-Match": '"old"' }], [{}]]);
  });

  it("repeats the write without a tag when the server's copy is the one shown", async () => {
    const record = { id: "m2", name: "Lead time" };
    const send = vi
      .fn()
      .mockRejectedValueOnce(stale({ name: "Lead time", id: "m2" }))
      .mockResolvedValueOnce({ data: record, etag: '"v3"' });
    await expect(guardedWrite(record, false, send)).resolves.toEqual({
      data: record,
      etag: '"v3"',
    });
    expect(send.mock.calls).toEqual([[{ "If-Match": '"unverified"' }], [{}]]);
  });

  it("reports the conflict when someone else changed the record", async () => {
    const record = { id: "m3", name: "Lead time" };
    const send = vi.fn().mockRejectedValue(stale({ id: "m3", name: "Order lead time" }));
    const error = await guardedWrite(record, false, send).catch((e: unknown) => e);
    expect(isStale(error)).toBe(true);
    expect((error as ApiError).current).toEqual({ id: "m3", name: "Order lead time" });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it("overwrites deliberately without any tag", async () => {
    const send = vi.fn().mockResolvedValue({ data: shown, etag: null });
    await guardedWrite(shown, true, send);
    expect(send.mock.calls).toEqual([[{}]]);
  });
});

describe("sameEdits", () => {
  it("sees a record moved only by a response or a check-in as unedited", () => {
    const shown = {
      id: "i1",
      stake: "Fewer rush orders",
      last_check_in_on: null,
      silent_days: 34,
      updated_at: "2026-11-01T10:00:00Z",
    };
    const checkedIn = {
      ...shown,
      last_check_in_on: "2026-12-01",
      silent_days: 0,
      updated_at: "2026-12-01T09:00:00Z",
    };
    expect(sameEdits(checkedIn, shown)).toBe(true);
    expect(sameEdits({ ...checkedIn, stake: "Faster picking" }, shown)).toBe(false);
  });
});
