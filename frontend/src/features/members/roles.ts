import type { Role } from "@/features/auth/queries";

export const ROLES: readonly { value: Role; label: string; description: string }[] = [
  {
    value: "admin",
    label: "Admin",
    description: "Everything an editor can do, plus members, settings and integrations.",
  },
  {
    value: "editor",
    label: "Editor",
    description: "Creates and runs pilots, customers and departments.",
  },
  {
    value: "executive",
    label: "Executive",
    description: "Reads everything and records go / no-go decisions.",
  },
  { value: "viewer", label: "Viewer", description: "Reads everything, changes nothing." },
];

export function roleLabel(role: Role): string {
  return ROLES.find((r) => r.value === role)?.label ?? role;
}
