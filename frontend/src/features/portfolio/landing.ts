import type { Role } from "@/features/auth/queries";

export type LandingPath = "/w/$workspaceId/portfolio" | "/w/$workspaceId/pilots";

/**
 * Where opening a workspace takes each role: executives and viewers read the portfolio first;
 * editors and admins, who run the pilots (admins usually lead the innovation team), land on the
 * pilots list. Both pages are one click apart in the navigation.
 */
export function landingPath(role: Role | null | undefined): LandingPath {
  return role === "executive" || role === "viewer"
    ? "/w/$workspaceId/portfolio"
    : "/w/$workspaceId/pilots";
}
