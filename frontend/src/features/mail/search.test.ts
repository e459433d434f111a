import { describe, expect, it } from "vitest";
import { parseEmailLogSearch } from "./search";
import { MAIL_STATES } from "./states";

describe("parseEmailLogSearch", () => {
  it.each(MAIL_STATES)("keeps the state %j", (state) => {
    expect(parseEmailLogSearch({ state })).toStrictEqual({ state });
  });

  it("drops an unknown state and other keys", () => {
    expect(parseEmailLogSearch({ state: "bounced", page: 2 })).toStrictEqual({});
    expect(parseEmailLogSearch({ state: 1 })).toStrictEqual({});
  });
});
