import { describe, expect, it } from "vitest";
import { mailKindLabel, parseMailState, unsubscribeWhat } from "./states";

describe("mail states and kinds", () => {
  it("reads the state filter from the URL only when it names a state", () => {
    expect(parseMailState("failed")).toBe("failed");
    expect(parseMailState("queued")).toBe("queued");
    expect(parseMailState("bounced")).toBeUndefined();
    expect(parseMailState(undefined)).toBeUndefined();
  });

  it("names each kind of message in words", () => {
    expect(mailKindLabel("decision_needed")).toBe("Decision needed");
    expect(mailKindLabel("digest")).toBe("Weekly digest");
    expect(mailKindLabel("invitation")).toBe("Invitation");
    expect(mailKindLabel("something_new")).toBe("Something new");
  });

  it("says what an unsubscribe stops", () => {
    expect(unsubscribeWhat("digest")).toBe("the weekly digest");
    expect(unsubscribeWhat("mentioned")).toBe(
      "emails telling you someone mentioned you in a comment",
    );
    expect(unsubscribeWhat("unknown")).toBe("these emails");
  });
});
