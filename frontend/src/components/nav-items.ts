import type { LinkProps } from "@tanstack/react-router";
import {
  Building2,
  FlaskConical,
  KeyRound,
  LayoutDashboard,
  type LucideIcon,
  Store,
  Users,
} from "lucide-react";

export type NavItem = {
  to: Extract<LinkProps["to"], `/w/$workspaceId${string}`>;
  label: string;
  icon: LucideIcon;
  exact?: boolean;
};

/**
 * Navigation inside a workspace, in display order. Only pages that exist are listed; Portfolio,
 * Pilots, Customers and Departments join here as their pages land.
 */
export const workspaceNavItems: readonly NavItem[] = [
  { to: "/w/$workspaceId", label: "Overview", icon: LayoutDashboard, exact: true },
  { to: "/w/$workspaceId/pilots", label: "Pilots", icon: FlaskConical },
  { to: "/w/$workspaceId/customers", label: "Customers", icon: Store },
  { to: "/w/$workspaceId/departments", label: "Departments", icon: Building2 },
  { to: "/w/$workspaceId/settings/members", label: "Members", icon: Users },
  { to: "/w/$workspaceId/settings/tokens", label: "API tokens", icon: KeyRound },
];
