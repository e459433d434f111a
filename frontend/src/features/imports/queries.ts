import { useMutation, useQueryClient } from "@tanstack/react-query";
import { client } from "@/client";
import { customerKeys } from "@/features/customers/queries";
import { departmentKeys } from "@/features/departments/queries";
import { ApiError } from "@/lib/api-error";
import { type ImportKind, type ImportReport, type RowError, rowErrorsOf } from "./csv";

/**
 * A real import refused because of invalid records (a 422 whose `errors` are row errors): what
 * to say and the rows at fault. Null for any other error. Nothing was written.
 */
export function refusedImport(error: unknown): { detail: string; errors: RowError[] } | null {
  if (!(error instanceof ApiError) || error.status !== 422) return null;
  const errors = rowErrorsOf(error.body);
  if (!errors) return null;
  return { detail: error.detail ?? "The file has errors; nothing was imported.", errors };
}

async function upload(
  workspaceId: string,
  kind: ImportKind,
  file: File,
  dryRun: boolean,
): Promise<ImportReport> {
  const options = {
    params: {
      path: { workspace_id: workspaceId },
      query: { dry_run: dryRun },
      // A retried real import (e.g. after a dropped connection) is answered once.
      header: dryRun ? {} : { "Idempotency-Key": crypto.randomUUID() },
    },
    // The typed body only names the field; the file itself goes in the multipart form.
    body: { file: file.name },
    bodySerializer: () => {
      const form = new FormData();
      form.append("file", file, file.name);
      return form;
    },
  };
  const { data, error, response } =
    kind === "customers"
      ? await client.POST("/api/v1/workspaces/{workspace_id}/imports/customers", options)
      : await client.POST("/api/v1/workspaces/{workspace_id}/imports/departments", options);
  if (response.ok && data) return data;
  throw ApiError.fromResponse(response, error);
}

/** Checks a file without writing anything (`?dry_run=true`): the preview and its error report. */
export function useCheckImport(workspaceId: string) {
  return useMutation({
    mutationFn: ({ kind, file }: { kind: ImportKind; file: File }) =>
      upload(workspaceId, kind, file, true),
  });
}

/** Imports a file (all or nothing); the imported lists are refreshed. */
export function useRunImport(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, file }: { kind: ImportKind; file: File }) =>
      upload(workspaceId, kind, file, false),
    onSuccess: (_, { kind }) =>
      queryClient.invalidateQueries({
        queryKey:
          kind === "customers" ? customerKeys.all(workspaceId) : departmentKeys.all(workspaceId),
      }),
  });
}
