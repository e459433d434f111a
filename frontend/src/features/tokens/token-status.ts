import type { Schemas } from "@/client";

export type Token = Schemas["TokenPublic"];
export type TokenStatus = "active" | "revoked" | "expired";

/** Revoked wins over expired: it was a deliberate act. */
export function tokenStatus(
  token: Pick<Token, "revoked_at" | "expires_at">,
  now: Date = new Date(),
): TokenStatus {
  if (token.revoked_at) return "revoked";
  if (token.expires_at && new Date(token.expires_at).getTime() <= now.getTime()) return "expired";
  return "active";
}

/** Active tokens first (newest first), then the rest (newest first). */
export function sortTokens<T extends Token>(tokens: readonly T[], now: Date = new Date()): T[] {
  return [...tokens].sort((a, b) => {
    const aActive = tokenStatus(a, now) === "active" ? 0 : 1;
    const bActive = tokenStatus(b, now) === "active" ? 0 : 1;
    if (aActive !== bActive) return aActive - bActive;
    return b.created_at.localeCompare(a.created_at);
  });
}

export function scopesLabel(scopes: readonly string[]): string {
  return scopes.includes("write") ? "Read & write" : "Read only";
}
