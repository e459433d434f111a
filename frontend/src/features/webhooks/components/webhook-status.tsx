import { Ban, CircleCheck, CirclePause, TriangleAlert } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { STATE_LABELS, type Webhook, type WebhookState, webhookState } from "../events";

const ICONS: Record<WebhookState, typeof Ban> = {
  active: CircleCheck,
  failing: TriangleAlert,
  turned_off: Ban,
  off: CirclePause,
};

/** Enabled / Failing / Turned off / Disabled: an icon and a word, never colour alone. */
export function WebhookStatusBadge({ webhook }: { webhook: Webhook }) {
  const state = webhookState(webhook);
  const { label, tone } = STATE_LABELS[state];
  const Icon = ICONS[state];
  return (
    <Badge tone={tone}>
      <Icon aria-hidden="true" />
      {label}
    </Badge>
  );
}
