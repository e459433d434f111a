import { Clock, type LucideIcon, MailCheck, MailX } from "lucide-react";
import { isNotificationKind, KIND_INFO } from "@/features/notifications/kinds";

export const MAIL_STATES = ["queued", "sent", "failed"] as const;
export type MailState = (typeof MAIL_STATES)[number];

/** Each delivery state as a badge: an icon and a word, never colour alone. */
export const MAIL_STATE_INFO: Record<
  MailState,
  { label: string; tone: "neutral" | "success" | "danger"; icon: LucideIcon; help: string }
> = {
  queued: {
    label: "Queued",
    tone: "neutral",
    icon: Clock,
    help: "Waiting in the outbox to be sent, or to be tried again.",
  },
  sent: {
    label: "Sent",
    tone: "success",
    icon: MailCheck,
    help: "The mail server accepted it.",
  },
  failed: {
    label: "Failed",
    tone: "danger",
    icon: MailX,
    help: "Every attempt failed, or the mail server refused it for good.",
  },
};

export function isMailState(value: unknown): value is MailState {
  return typeof value === "string" && (MAIL_STATES as readonly string[]).includes(value);
}

/** The `?state=` filter of the email log, when it names a state. */
export function parseMailState(value: unknown): MailState | undefined {
  return isMailState(value) ? value : undefined;
}

const OTHER_KINDS: Record<string, string> = {
  digest: "Weekly digest",
  invitation: "Invitation",
  feedback_link: "Feedback link",
  check_in: "Check-in request",
};

/** A message's kind in words: a notification kind, the digest, an invitation… */
export function mailKindLabel(kind: string): string {
  if (isNotificationKind(kind)) return KIND_INFO[kind].label;
  const known = OTHER_KINDS[kind];
  if (known) return known;
  const words = kind.replace(/[_.-]+/g, " ").trim();
  return words ? words[0]?.toUpperCase() + words.slice(1) : kind;
}

const STOP_WHAT: Record<string, string> = {
  digest: "the weekly digest",
  decision_needed: "emails telling you a decision waits on you",
  health_changed: "emails telling you a pilot you own changed health",
  mentioned: "emails telling you someone mentioned you in a comment",
  commented: "emails about new comments on pilots you follow",
  check_in_received: "emails about departments' check-ins on your pilots",
  feedback_received: "emails about customer feedback on your pilots",
  invited: "invitation emails",
  invitation: "invitation emails",
};

/** What a one-click unsubscribe stops, for the sentence "Pilotboard will stop sending …". */
export function unsubscribeWhat(kind: string): string {
  return STOP_WHAT[kind] ?? "these emails";
}
