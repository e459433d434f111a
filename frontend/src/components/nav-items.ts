import type { LinkProps } from "@tanstack/react-router";
import { Activity, type LucideIcon } from "lucide-react";

export type NavItem = { to: LinkProps["to"]; label: string; icon: LucideIcon };

/**
 * Main navigation, in display order. Only routes that exist are listed; Portfolio, Pilots,
 * Customers, Departments and Settings join here as their pages land.
 */
export const navItems: readonly NavItem[] = [{ to: "/", label: "System status", icon: Activity }];
