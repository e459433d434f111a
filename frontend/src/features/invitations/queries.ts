import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { client, type Schemas } from "@/client";
import { authKeys, isPersonal, type Role } from "@/features/auth/queries";
import { memberKeys } from "@/features/members/queries";
import { fetchAllPages, unwrap } from "@/lib/api";

export type Invitation = Schemas["InvitationPublic"];
export type InvitationPreview = Schemas["InvitationPreview"];
export type AcceptBody = Schemas["InvitationAccept"];

export const invitationKeys = {
  all: ["invitations"] as const,
  list: (workspaceId: string) => [...invitationKeys.all, workspaceId] as const,
  /** What an invitation link shows: public, kept across signing in. */
  preview: (token: string) => ["public", "invitation", token] as const,
};

/** The workspace's pending invitations (admins only). */
export const invitationsQueryOptions = (workspaceId: string) =>
  queryOptions({
    queryKey: invitationKeys.list(workspaceId),
    queryFn: ({ signal }) =>
      fetchAllPages((cursor) =>
        unwrap(
          client.GET("/api/v1/workspaces/{workspace_id}/invitations", {
            params: { path: { workspace_id: workspaceId }, query: { limit: 200, cursor } },
            signal,
          }),
        ),
      ),
  });

export function useInvitations(workspaceId: string, enabled = true) {
  return useQuery({ ...invitationsQueryOptions(workspaceId), enabled });
}

export function useInvite(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { email: string; role: Role }) =>
      unwrap(
        client.POST("/api/v1/workspaces/{workspace_id}/invitations", {
          params: { path: { workspace_id: workspaceId } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationKeys.list(workspaceId) }),
  });
}

/** A new link and a new expiry; the earlier link stops working. */
export function useResendInvitation(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      unwrap(
        client.POST("/api/v1/workspaces/{workspace_id}/invitations/{invitation_id}/resend", {
          params: { path: { workspace_id: workspaceId, invitation_id: invitationId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationKeys.list(workspaceId) }),
  });
}

export function useRevokeInvitation(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) =>
      unwrap(
        client.DELETE("/api/v1/workspaces/{workspace_id}/invitations/{invitation_id}", {
          params: { path: { workspace_id: workspaceId, invitation_id: invitationId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invitationKeys.list(workspaceId) }),
  });
}

/** What the invitation link shows before anyone signs in; a used or expired link is a 404. */
export const invitationPreviewQueryOptions = (token: string) =>
  queryOptions({
    queryKey: invitationKeys.preview(token),
    queryFn: ({ signal }) =>
      unwrap(client.GET("/api/v1/invitations/{token}", { params: { path: { token } }, signal })),
    retry: false,
    staleTime: Infinity,
  });

export function useInvitationPreview(token: string) {
  return useQuery(invitationPreviewQueryOptions(token));
}

/**
 * Accepts the invitation: with a name and password a new account is made; with no body the
 * signed-in person joins. Either way the answer is like signing in: a session, and the person.
 */
export function useAcceptInvitation(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AcceptBody | undefined) =>
      unwrap(
        client.POST("/api/v1/invitations/{token}/accept", {
          params: { path: { token } },
          body: body ?? {},
        }),
      ),
    onSuccess: (data) => {
      // Someone else may have been signed in before: drop what was cached for them.
      queryClient.removeQueries({ predicate: (q) => isPersonal(q.queryKey) });
      queryClient.setQueryData(authKeys.me(), data.user);
      return queryClient.invalidateQueries({ queryKey: memberKeys.all });
    },
  });
}
