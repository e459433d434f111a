import type { Role } from "@/features/auth/queries";

/** Editors and admins change pilots; executives and viewers read them. */
export function canEdit(role: Role | null | undefined): boolean {
  return role === "admin" || role === "editor";
}

/** Gate decisions are recorded by executives and admins. */
export function canDecide(role: Role | null | undefined): boolean {
  return role === "admin" || role === "executive";
}
