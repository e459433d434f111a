import type { NavigateOptions } from "@tanstack/react-router";
import {
  Bell,
  Building2,
  ChartPie,
  FlaskConical,
  GraduationCap,
  KeyRound,
  type LucideIcon,
  Mail,
  Ruler,
  Settings2,
  SlidersHorizontal,
  Store,
  Upload,
  Users,
  Webhook,
} from "lucide-react";

export type PalettePage = {
  id: string;
  label: string;
  /** More words it is found by. */
  keywords: string[];
  icon: LucideIcon;
  target: NavigateOptions;
};

/** Every page the palette can go to, in the order it lists them. */
export function palettePages(ws: string): PalettePage[] {
  const params = { workspaceId: ws };
  return [
    {
      id: "portfolio",
      label: "Portfolio",
      keywords: ["dashboard", "overview", "executive", "charts"],
      icon: ChartPie,
      target: { to: "/w/$workspaceId/portfolio", params },
    },
    {
      id: "pilots",
      label: "Pilots",
      keywords: ["list", "board"],
      icon: FlaskConical,
      target: { to: "/w/$workspaceId/pilots", params },
    },
    {
      id: "customers",
      label: "Customers",
      keywords: ["accounts", "clients"],
      icon: Store,
      target: { to: "/w/$workspaceId/customers", params },
    },
    {
      id: "departments",
      label: "Departments",
      keywords: ["teams", "kpi"],
      icon: Building2,
      target: { to: "/w/$workspaceId/departments", params },
    },
    {
      id: "learning",
      label: "What your portfolio teaches",
      keywords: ["learning", "practices", "lessons", "evidence"],
      icon: GraduationCap,
      // Typed as a plain address: the page is built alongside this palette.
      target: { href: `/w/${encodeURIComponent(ws)}/learning` },
    },
    {
      id: "settings",
      label: "Settings",
      keywords: ["workspace", "overview", "hub"],
      icon: Settings2,
      target: { to: "/w/$workspaceId/settings", params },
    },
    {
      id: "settings-workspace",
      label: "Settings: Workspace",
      keywords: ["name", "currency", "locale"],
      icon: SlidersHorizontal,
      target: { to: "/w/$workspaceId/settings/workspace", params },
    },
    {
      id: "settings-members",
      label: "Settings: Members",
      keywords: ["people", "roles", "invite", "users"],
      icon: Users,
      target: { to: "/w/$workspaceId/settings/members", params },
    },
    {
      id: "settings-method",
      label: "Settings: Rubric & thresholds",
      keywords: ["method", "scoring", "health", "criteria"],
      icon: Ruler,
      target: { to: "/w/$workspaceId/settings/method", params },
    },
    {
      id: "settings-tokens",
      label: "Settings: API tokens",
      keywords: ["api", "keys", "integration"],
      icon: KeyRound,
      target: { to: "/w/$workspaceId/settings/tokens", params },
    },
    {
      id: "settings-webhooks",
      label: "Settings: Webhooks",
      keywords: ["events", "integration", "hooks"],
      icon: Webhook,
      target: { to: "/w/$workspaceId/settings/webhooks", params },
    },
    {
      id: "settings-import",
      label: "Settings: Import CSV",
      keywords: ["upload", "spreadsheet", "csv"],
      icon: Upload,
      target: { to: "/w/$workspaceId/settings/import", params },
    },
    {
      id: "settings-email",
      label: "Settings: Email log",
      keywords: ["mail", "sent"],
      icon: Mail,
      target: { to: "/w/$workspaceId/settings/email", params },
    },
    {
      id: "notifications",
      label: "Notifications",
      keywords: ["inbox", "mentions", "unread"],
      icon: Bell,
      target: { to: "/notifications" },
    },
    {
      id: "preferences",
      label: "Preferences",
      keywords: ["email", "digest", "account", "profile"],
      icon: SlidersHorizontal,
      target: { to: "/preferences" },
    },
  ];
}

/** Whether every word typed appears in the label or a keyword (case and accents aside). */
export function matches(query: string, label: string, keywords: readonly string[] = []): boolean {
  const fold = (text: string) =>
    text
      .normalize("NFD")
      .replace(/\p{Diacritic}/gu, "")
      .toLowerCase();
  const haystack = fold([label, ...keywords].join(" "));
  return fold(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
