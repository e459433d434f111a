import { isNotificationKind, NOTIFICATION_KINDS, type NotificationKind } from "./kinds";
import type { Preferences, PreferencesUpdate } from "./queries";

/** The preferences form: the kinds ticked for immediate email, and the digest switch. */
export type PreferencesValues = { email_immediate: string[]; weekly_digest: boolean };

export function preferencesValues(preferences: Preferences): PreferencesValues {
  return {
    email_immediate: preferences.email_immediate.filter(isNotificationKind),
    weekly_digest: preferences.weekly_digest,
  };
}

/**
 * What to send: the ticked kinds in the app's order (a checkbox group may give a single value
 * or `false` when none is ticked), and the digest switch.
 */
export function preferencesBody(values: {
  email_immediate: string[] | string | boolean | null | undefined;
  weekly_digest: boolean;
}): PreferencesUpdate {
  const raw = values.email_immediate;
  const ticked = Array.isArray(raw) ? raw : typeof raw === "string" ? [raw] : [];
  const kinds: NotificationKind[] = NOTIFICATION_KINDS.filter((kind) => ticked.includes(kind));
  return { email_immediate: kinds, weekly_digest: Boolean(values.weekly_digest) };
}
