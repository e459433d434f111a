import { describe, expect, it } from "vitest";
import { describeView, isCurrent, toCreateBody } from "./describe";
import { readDisplay, rememberDisplay } from "./preferences";
import type { SavedView } from "./queries";

const OWNER = "0b6c3a52-58a4-4a0e-9a57-7c3f2f0b1a11";

const view = (over: Partial<SavedView> = {}): SavedView => ({
  id: "v1",
  name: "Mine at risk",
  layout: "board",
  density: "comfortable",
  search: { health: "at_risk", owner: OWNER, sort: "title" },
  etag: '"1"',
  created_at: "2026-11-22T10:00:00Z",
  updated_at: "2026-11-22T10:00:00Z",
  ...over,
});

describe("saved views", () => {
  it("says what a view shows in words", () => {
    expect(describeView(view(), new Map([[OWNER, "Erin Editor"]]))).toBe(
      "Board · At risk, owned by Erin Editor · Title A–Z",
    );
    expect(describeView(view({ layout: "list", density: "compact", search: {} }))).toBe(
      "Compact list · every pilot",
    );
  });

  it("knows when the page shows a view, the default sort being no sort", () => {
    const current = {
      search: { health: "at_risk" as const, owner: OWNER, sort: "title" as const },
      view: "board" as const,
      density: "comfortable" as const,
    };
    expect(isCurrent(view(), current)).toBe(true);
    expect(isCurrent(view(), { ...current, view: "list" })).toBe(false);
    expect(isCurrent(view(), { ...current, search: { ...current.search, q: "x" } })).toBe(false);
    expect(
      isCurrent(view({ search: { sort: "-created_at" } }), {
        ...current,
        search: {},
      }),
    ).toBe(true);
  });

  it("saves the current filters without empty values", () => {
    expect(
      toCreateBody("  Stalled  ", {
        search: { health: "stalled", q: "", sort: "-created_at" },
        view: "list",
        density: "compact",
      }),
    ).toEqual({
      name: "Stalled",
      layout: "list",
      density: "compact",
      search: { health: "stalled" },
    });
  });

  it("remembers the last layout and density, ignoring junk", () => {
    const store = new Map<string, string>();
    const storage = {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
    };
    expect(readDisplay(storage)).toEqual({ view: "list", density: "comfortable" });
    rememberDisplay({ view: "board" }, storage);
    rememberDisplay({ density: "compact" }, storage);
    expect(readDisplay(storage)).toEqual({ view: "board", density: "compact" });
    store.set("pilotboard.pilots.display", "{not json");
    expect(readDisplay(storage)).toEqual({ view: "list", density: "comfortable" });
  });
});
