import { describe, expect, it } from "vitest";
import { emptyWebhook, isWebUrl, webhookBody, webhookSchema } from "./schemas";

function messages(result: ReturnType<typeof webhookSchema.safeParse>) {
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join("."), i.message]));
}

describe("isWebUrl", () => {
  it("takes full http(s) URLs only", () => {
    expect(isWebUrl("https://crm.example.com/hooks?x=1")).toBe(true);
    expect(isWebUrl(" http://93.184.215.14:8080/in ")).toBe(true);
    expect(isWebUrl("crm.example.com/hooks")).toBe(false);
    expect(isWebUrl("ftp://example.com/x")).toBe(false);
    expect(isWebUrl("file:///etc/passwd")).toBe(false);
  });
});

describe("webhookSchema", () => {
  it("names each field that is wrong", () => {
    expect(messages(webhookSchema.safeParse({ url: "", description: "", events: [] }))).toEqual({
      url: "Enter the URL that receives the events.",
      events: "Choose at least one event to send.",
    });
    expect(
      messages(
        webhookSchema.safeParse({
          url: "crm.example.com",
          description: "x".repeat(201),
          events: ["pilot.created"],
        }),
      ),
    ).toEqual({
      url: "Enter a full http:// or https:// URL, like https://crm.example.com/hooks.",
      description: "Keep the description to 200 characters or fewer.",
    });
  });

  it("starts new webhooks with the events executives care about", () => {
    expect(emptyWebhook.events).toEqual([
      "pilot.stage_changed",
      "pilot.health_changed",
      "decision.recorded",
    ]);
  });
});

describe("webhookBody", () => {
  it("trims, and sends the events in a stable order", () => {
    expect(
      webhookBody({
        url: "  https://crm.example.com/hooks ",
        description: " CRM ",
        events: ["decision.recorded", "pilot.created"],
      }),
    ).toEqual({
      url: "https://crm.example.com/hooks",
      description: "CRM",
      events: ["pilot.created", "decision.recorded"],
    });
  });
});
