import type { Role } from "@/features/auth/queries";

/** Editors, executives and admins take part in the discussion; viewers read it. */
export function canComment(role: Role | null | undefined): boolean {
  return role === "admin" || role === "editor" || role === "executive";
}

/** Only its author edits a comment. */
export function canEditComment(
  comment: { author_id: string | null },
  me: string | null | undefined,
): boolean {
  return Boolean(me) && comment.author_id === me;
}

/** Its author, or an admin, deletes a comment. */
export function canDeleteComment(
  comment: { author_id: string | null },
  me: string | null | undefined,
  role: Role | null | undefined,
): boolean {
  return role === "admin" || canEditComment(comment, me);
}
