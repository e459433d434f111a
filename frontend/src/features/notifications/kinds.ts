import {
  AtSign,
  Bell,
  ClipboardCheck,
  Gavel,
  HeartPulse,
  type LucideIcon,
  MessageSquare,
  MessageSquareHeart,
  UserPlus,
} from "lucide-react";

/** The kinds of notification the API sends, in the order the preferences page lists them. */
export const NOTIFICATION_KINDS = [
  "decision_needed",
  "health_changed",
  "mentioned",
  "commented",
  "check_in_received",
  "feedback_received",
  "invited",
] as const;

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What each kind is, in plain words: a short label and what makes one arrive. */
export const KIND_INFO: Record<
  NotificationKind,
  { label: string; description: string; icon: LucideIcon }
> = {
  decision_needed: {
    label: "Decision needed",
    description:
      "A pilot waits for a go / no-go decision from you: one you sponsor, or, for executives, one without a sponsor.",
    icon: Gavel,
  },
  health_changed: {
    label: "Health changed",
    description: "A pilot you own turns at risk or stalled, or gets back on track.",
    icon: HeartPulse,
  },
  mentioned: {
    label: "Mentioned",
    description: "Someone mentions you in a comment on a pilot.",
    icon: AtSign,
  },
  commented: {
    label: "New comment",
    description: "Someone comments on a pilot you own or have commented on.",
    icon: MessageSquare,
  },
  check_in_received: {
    label: "Check-in received",
    description: "A department involved in a pilot you own answers its check-in.",
    icon: ClipboardCheck,
  },
  feedback_received: {
    label: "Customer feedback",
    description: "The customer of a pilot you own answers its feedback link.",
    icon: MessageSquareHeart,
  },
  invited: {
    label: "Invited",
    description: "Someone invites you to another workspace.",
    icon: UserPlus,
  },
};

export function isNotificationKind(value: string): value is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(value);
}

/** The label and icon for a kind, with a plain fallback for kinds this app does not know yet. */
export function kindInfo(kind: string): { label: string; icon: LucideIcon } {
  return isNotificationKind(kind) ? KIND_INFO[kind] : { label: "Notification", icon: Bell };
}

/** The defaults of the API, for the preferences page's explanation. */
export const DEFAULT_EMAIL_KINDS: readonly NotificationKind[] = [
  "decision_needed",
  "mentioned",
  "invited",
];
