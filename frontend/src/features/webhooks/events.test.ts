import { describe, expect, it } from "vitest";
import {
  type Attempt,
  attemptSummary,
  type Delivery,
  deliveryLabel,
  eventLabel,
  sortEvents,
  type Webhook,
  webhookState,
} from "./events";

const WEBHOOK: Webhook = {
  id: "w1",
  url: "https://crm.example.com/hooks",
  description: "",
  events: ["pilot.created"],
  enabled: true,
  disabled_reason: null,
  disabled_at: null,
  failing_since: null,
  last_success_at: null,
  last_failure_at: null,
  created_at: "2026-11-01T10:00:00Z",
  updated_at: "2026-11-01T10:00:00Z",
  etag: '"w1-v1"',
};

describe("webhookState", () => {
  it("tells enabled, failing, turned off by Pilotboard and disabled by an admin apart", () => {
    expect(webhookState(WEBHOOK)).toBe("active");
    expect(webhookState({ ...WEBHOOK, failing_since: "2026-11-02T10:00:00Z" })).toBe("failing");
    expect(
      webhookState({ ...WEBHOOK, enabled: false, disabled_reason: "Turned off after 24 hours" }),
    ).toBe("turned_off");
    expect(webhookState({ ...WEBHOOK, enabled: false })).toBe("off");
  });
});

describe("events", () => {
  it("reads in the form's order with plain labels", () => {
    expect(sortEvents(["decision.recorded", "pilot.created", "pilot.health_changed"])).toEqual([
      "pilot.created",
      "pilot.health_changed",
      "decision.recorded",
    ]);
    expect(eventLabel("pilot.stage_changed")).toBe("Stage changed");
  });
});

const DELIVERY: Delivery = {
  id: "d1",
  message_id: "msg_1",
  event_type: "pilot.created",
  status: "pending",
  attempt_count: 0,
  next_attempt_at: "2026-11-01T10:00:00Z",
  completed_at: null,
  payload: {},
  attempts: [],
  created_at: "2026-11-01T10:00:00Z",
  updated_at: "2026-11-01T10:00:00Z",
};

describe("deliveryLabel", () => {
  it("says queued before the first attempt and retrying after a failed one", () => {
    expect(deliveryLabel(DELIVERY)).toEqual({ label: "Queued", tone: "warning" });
    expect(deliveryLabel({ ...DELIVERY, attempt_count: 2 })).toEqual({
      label: "Retrying",
      tone: "warning",
    });
    expect(deliveryLabel({ ...DELIVERY, status: "succeeded", attempt_count: 1 })).toEqual({
      label: "Delivered",
      tone: "success",
    });
    expect(deliveryLabel({ ...DELIVERY, status: "failed", attempt_count: 17 })).toEqual({
      label: "Failed",
      tone: "danger",
    });
  });
});

describe("attemptSummary", () => {
  const attempt: Attempt = {
    number: 1,
    attempted_at: "2026-11-01T10:00:00Z",
    succeeded: false,
    status_code: 503,
    latency_ms: 1250,
    response_excerpt: "",
    error: "The receiver answered 503.",
  };
  it("gives the status and the time, or what went wrong without a response", () => {
    expect(attemptSummary(attempt)).toBe("503 in 1,250 ms");
    expect(attemptSummary({ ...attempt, status_code: null, error: "No answer within 10 s." })).toBe(
      "No answer within 10 s.",
    );
  });
});
