import { z } from "zod";
import type { Schemas } from "@/client";
import { EVENT_OPTIONS, type Webhook, type WebhookEvent } from "./events";

const EVENT_VALUES = EVENT_OPTIONS.map((option) => option.value) as [
  WebhookEvent,
  ...WebhookEvent[],
];

/** http(s) with a host; the server also refuses private, loopback and metadata addresses. */
export function isWebUrl(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
  } catch {
    return false;
  }
}

export const webhookSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, { message: "Enter the URL that receives the events.", abort: true })
    .max(2000, "Keep the URL to 2,000 characters or fewer.")
    .refine(isWebUrl, "Enter a full http:// or https:// URL, like https://crm.example.com/hooks."),
  description: z.string().trim().max(200, "Keep the description to 200 characters or fewer."),
  events: z.array(z.enum(EVENT_VALUES)).min(1, "Choose at least one event to send."),
});

export type WebhookValues = z.input<typeof webhookSchema>;

export const emptyWebhook: WebhookValues = {
  url: "",
  description: "",
  events: ["pilot.stage_changed", "pilot.health_changed", "decision.recorded"],
};

export function webhookValues(webhook: Webhook): WebhookValues {
  return { url: webhook.url, description: webhook.description, events: [...webhook.events] };
}

/** What the form edits: a new webhook starts enabled. */
export type WebhookBody = Omit<Schemas["WebhookCreate"], "enabled">;

/** The API body, events in the form's order, each once. */
export function webhookBody(values: WebhookValues): WebhookBody {
  const parsed = webhookSchema.parse(values);
  return {
    url: parsed.url,
    description: parsed.description,
    events: EVENT_VALUES.filter((event) => parsed.events.includes(event)),
  };
}
