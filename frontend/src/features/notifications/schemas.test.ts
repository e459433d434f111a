import { describe, expect, it } from "vitest";
import { preferencesBody, preferencesValues } from "./schemas";

describe("preferences form", () => {
  it("sends the ticked kinds in the app's order, each once", () => {
    expect(
      preferencesBody({
        email_immediate: ["invited", "mentioned", "decision_needed", "mentioned"],
        weekly_digest: true,
      }),
    ).toEqual({
      email_immediate: ["decision_needed", "mentioned", "invited"],
      weekly_digest: true,
    });
  });

  it("reads a lone ticked box and none ticked", () => {
    expect(preferencesBody({ email_immediate: "commented", weekly_digest: false })).toEqual({
      email_immediate: ["commented"],
      weekly_digest: false,
    });
    expect(preferencesBody({ email_immediate: false, weekly_digest: false })).toEqual({
      email_immediate: [],
      weekly_digest: false,
    });
  });

  it("starts from the saved preferences", () => {
    expect(
      preferencesValues({ email_immediate: ["mentioned", "health_changed"], weekly_digest: false }),
    ).toEqual({ email_immediate: ["mentioned", "health_changed"], weekly_digest: false });
  });
});
