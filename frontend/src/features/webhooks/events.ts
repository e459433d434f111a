import type { Schemas } from "@/client";

export type Webhook = Schemas["WebhookPublic"];
export type WebhookEvent = Schemas["EventType"];
export type Delivery = Schemas["DeliveryPublic"];
export type Attempt = Schemas["AttemptPublic"];

/** Every event an endpoint can receive, in the order the form lists them, with what it means. */
export const EVENT_OPTIONS: readonly { value: WebhookEvent; label: string; description: string }[] =
  [
    {
      value: "pilot.created",
      label: "Pilot proposed",
      description: "A new pilot is proposed.",
    },
    {
      value: "pilot.updated",
      label: "Pilot edited",
      description: "Its title, hypothesis, owner, sponsor, customer, risk or budget changes.",
    },
    {
      value: "pilot.stage_changed",
      label: "Stage changed",
      description: "The pilot moves through its lifecycle, is paused or stopped.",
    },
    {
      value: "pilot.health_changed",
      label: "Health changed",
      description:
        "The pilot becomes at risk or stalled, or back on track — by an edit or because time passed.",
    },
    {
      value: "iteration.created",
      label: "Iteration logged",
      description: "The team records what it changed in the pilot and what the customer said.",
    },
    {
      value: "measurement.created",
      label: "Measurement recorded",
      description: "A new value for one of the pilot's metrics.",
    },
    {
      value: "decision.recorded",
      label: "Decision recorded",
      description: "An executive decides to start, continue, pivot, scale or stop the pilot.",
    },
    {
      value: "decision.withdrawn",
      label: "Decision withdrawn",
      description: "A decision is taken back with a reason; it stays on record, struck through.",
    },
    {
      value: "comment.created",
      label: "Comment posted",
      description: "Someone comments on a pilot; mentions name the people it asks.",
    },
    {
      value: "feedback.received",
      label: "Customer feedback received",
      description:
        "Someone at the testbed customer answers a feedback link: the two scores and their words.",
    },
    {
      value: "check_in.received",
      label: "Department check-in received",
      description:
        "A department says how the pilot is going for it, by email link or recorded in the app.",
    },
  ];

export function eventLabel(event: WebhookEvent): string {
  return EVENT_OPTIONS.find((option) => option.value === event)?.label ?? event;
}

/** Events in the form's order, so a webhook's list reads the same everywhere. */
export function sortEvents(events: readonly WebhookEvent[]): WebhookEvent[] {
  const order = EVENT_OPTIONS.map((option) => option.value);
  return [...events].sort((a, b) => order.indexOf(a) - order.indexOf(b));
}

export type WebhookState = "active" | "failing" | "turned_off" | "off";

/**
 * Where an endpoint stands: receiving events, receiving but failing, turned off by Pilotboard
 * after 24 hours of failures (with a reason), or switched off by an admin.
 */
export function webhookState(webhook: Webhook): WebhookState {
  if (!webhook.enabled) return webhook.disabled_reason ? "turned_off" : "off";
  return webhook.failing_since ? "failing" : "active";
}

export const STATE_LABELS: Record<
  WebhookState,
  { label: string; tone: "success" | "warning" | "danger" | "neutral" }
> = {
  active: { label: "Enabled", tone: "success" },
  failing: { label: "Failing", tone: "warning" },
  turned_off: { label: "Turned off", tone: "danger" },
  off: { label: "Disabled", tone: "neutral" },
};

export const DELIVERY_LABELS: Record<
  Delivery["status"],
  { label: string; tone: "success" | "warning" | "danger" }
> = {
  succeeded: { label: "Delivered", tone: "success" },
  pending: { label: "Retrying", tone: "warning" },
  failed: { label: "Failed", tone: "danger" },
};

/** A pending delivery nobody tried yet is queued, not retrying. */
export function deliveryLabel(delivery: Delivery): {
  label: string;
  tone: "success" | "warning" | "danger";
} {
  if (delivery.status === "pending" && delivery.attempt_count === 0) {
    return { label: "Queued", tone: "warning" };
  }
  return DELIVERY_LABELS[delivery.status];
}

/** One attempt in a few words: "204 in 120 ms", "500 in 80 ms", "No answer". */
export function attemptSummary(attempt: Attempt): string {
  if (attempt.status_code === null) return attempt.error ?? "No response";
  return `${attempt.status_code} in ${attempt.latency_ms.toLocaleString("en")} ms`;
}
