import type { LinkProps } from "@tanstack/react-router";
import {
  Building2,
  ChartPie,
  FlaskConical,
  KeyRound,
  type LucideIcon,
  Settings2,
  Store,
  Users,
} from "lucide-react";

export type NavItem = {
  to: Extract<LinkProps["to"], `/w/$workspaceId${string}`>;
  label: string;
  icon: LucideIcon;
  exact?: boolean;
  /**
   * A settings page with a shortcut of its own in the navigation on wide screens; below them it
   * folds away (the Settings hub links it), so the main pages keep their room.
   */
  secondary?: boolean;
};

/**
 * Navigation inside a workspace, in display order. Only pages that exist are listed. Opening the
 * workspace itself lands on Portfolio or Pilots by role; Settings is the workspace's settings hub.
 */
export const workspaceNavItems: readonly NavItem[] = [
  { to: "/w/$workspaceId/portfolio", label: "Portfolio", icon: ChartPie },
  { to: "/w/$workspaceId/pilots", label: "Pilots", icon: FlaskConical },
  { to: "/w/$workspaceId/customers", label: "Customers", icon: Store },
  { to: "/w/$workspaceId/departments", label: "Departments", icon: Building2 },
  { to: "/w/$workspaceId/settings/members", label: "Members", icon: Users, secondary: true },
  { to: "/w/$workspaceId/settings/tokens", label: "API tokens", icon: KeyRound, secondary: true },
  { to: "/w/$workspaceId/settings", label: "Settings", icon: Settings2, exact: true },
];
