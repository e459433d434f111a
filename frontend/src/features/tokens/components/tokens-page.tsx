import { Ban, CircleCheck, Clock, KeyRound, Plus } from "lucide-react";
import { useState } from "react";
import type { Schemas } from "@/client";
import { EmptyState, ListError, ListSkeleton, PageHeader } from "@/components/list-states";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { useWorkspace } from "@/features/workspaces/queries";
import { formatDate, formatDateTime } from "@/lib/format";
import { toast } from "@/lib/toast";
import { useDocumentTitle } from "@/lib/use-document-title";
import { useTokens } from "../queries";
import {
  scopesLabel,
  sortTokens,
  type Token,
  type TokenStatus,
  tokenStatus,
} from "../token-status";
import { CreateTokenDialog } from "./create-token-dialog";
import { RevokeTokenDialog } from "./revoke-token-dialog";
import { TokenSecretDialog } from "./token-secret-dialog";

export function TokensPage({ workspaceId }: { workspaceId: string }) {
  useDocumentTitle("API tokens");
  const workspace = useWorkspace(workspaceId);
  const tokens = useTokens();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<Schemas["TokenCreated"] | null>(null);
  const [revoking, setRevoking] = useState<Token | null>(null);
  const workspaceName = workspace.data?.name ?? "this workspace";

  const mine = tokens.data
    ? sortTokens(tokens.data.filter((t) => t.workspace_id === workspaceId))
    : [];

  const createButton = (
    <Button onClick={() => setCreating(true)}>
      <Plus aria-hidden="true" />
      Create token
    </Button>
  );

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="API tokens"
        description={`Your personal tokens for ${workspaceName}. Each one acts as you, limited to its access.`}
        action={tokens.isSuccess && mine.length > 0 ? createButton : undefined}
      />

      {tokens.isPending ? (
        <ListSkeleton label="Loading API tokens…" />
      ) : tokens.isError ? (
        <ListError
          what="API tokens"
          error={tokens.error}
          onRetry={() => void tokens.refetch()}
          retrying={tokens.isFetching}
        />
      ) : mine.length === 0 ? (
        <EmptyState icon={KeyRound} title="No API tokens yet" action={createButton}>
          A token lets a script or an integration (a CRM sync, a BI export, a webhook receiver) read
          or update {workspaceName} through the API, without your password. You can revoke it at any
          time.
        </EmptyState>
      ) : (
        <TokenList tokens={mine} onRevoke={setRevoking} />
      )}

      <CreateTokenDialog
        workspaceId={workspaceId}
        workspaceName={workspaceName}
        open={creating}
        onOpenChange={setCreating}
        onCreated={(token) => {
          setCreating(false);
          setCreated(token);
          toast(`Token “${token.name}” created`);
        }}
      />
      <TokenSecretDialog created={created} onClose={() => setCreated(null)} />
      <RevokeTokenDialog token={revoking} onOpenChange={(open) => !open && setRevoking(null)} />
    </div>
  );
}

const STATUS: Record<
  TokenStatus,
  { label: string; tone: "success" | "warning" | "neutral"; icon: typeof Ban }
> = {
  active: { label: "Active", tone: "success", icon: CircleCheck },
  expired: { label: "Expired", tone: "warning", icon: Clock },
  revoked: { label: "Revoked", tone: "neutral", icon: Ban },
};

function StatusBadge({ token }: { token: Token }) {
  const { label, tone, icon: Icon } = STATUS[tokenStatus(token)];
  return (
    <Badge tone={tone}>
      <Icon aria-hidden="true" />
      {label}
    </Badge>
  );
}

function Prefix({ token }: { token: Token }) {
  return (
    <code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs whitespace-nowrap">
      {token.prefix}…
    </code>
  );
}

function Expiry({ token }: { token: Token }) {
  if (!token.expires_at) return <span className="text-muted-foreground">Never</span>;
  return (
    <time dateTime={token.expires_at} title={formatDateTime(token.expires_at)}>
      {formatDate(token.expires_at)}
    </time>
  );
}

function LastUsed({ token }: { token: Token }) {
  return token.last_used_at ? (
    <RelativeTime value={token.last_used_at} />
  ) : (
    <span className="text-muted-foreground">Never</span>
  );
}

function RevokeButton({ token, onRevoke }: { token: Token; onRevoke: (t: Token) => void }) {
  if (tokenStatus(token) !== "active") return null;
  return (
    <Button
      variant="ghost"
      size="sm"
      onClick={() => onRevoke(token)}
      aria-label={`Revoke ${token.name}`}
      className="text-danger-foreground hover:bg-danger"
    >
      Revoke
    </Button>
  );
}

function TokenList({ tokens, onRevoke }: { tokens: Token[]; onRevoke: (t: Token) => void }) {
  return (
    <>
      <Card className="hidden overflow-hidden lg:block">
        <table className="w-full text-sm">
          <caption className="sr-only">API tokens</caption>
          <thead className="border-b bg-muted/50 text-left text-xs text-muted-foreground">
            <tr>
              <th scope="col" className="px-5 py-2.5 font-medium">
                Name
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Access
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Token
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Created
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Last used
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Expires
              </th>
              <th scope="col" className="px-3 py-2.5 font-medium">
                Status
              </th>
              <th scope="col" className="px-5 py-2.5 text-right font-medium">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y">
            {tokens.map((token) => (
              <tr key={token.id} className="h-14">
                <td className="px-5 py-2 font-medium break-words">{token.name}</td>
                <td className="px-3 py-2 whitespace-nowrap">{scopesLabel(token.scopes)}</td>
                <td className="px-3 py-2">
                  <Prefix token={token} />
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  <RelativeTime value={token.created_at} />
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  <LastUsed token={token} />
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  <Expiry token={token} />
                </td>
                <td className="px-3 py-2">
                  <StatusBadge token={token} />
                </td>
                <td className="px-5 py-2 text-right">
                  <RevokeButton token={token} onRevoke={onRevoke} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>

      <ul className="flex flex-col gap-3 lg:hidden" aria-label="API tokens">
        {tokens.map((token) => (
          <li key={token.id}>
            <Card className="flex flex-col gap-3 p-4">
              <div className="flex items-start justify-between gap-3">
                <div className="flex min-w-0 flex-col gap-1">
                  <p className="font-medium break-words">{token.name}</p>
                  <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
                    <Prefix token={token} />
                    {scopesLabel(token.scopes)}
                  </p>
                </div>
                <StatusBadge token={token} />
              </div>
              <dl className="grid grid-cols-3 gap-2 text-sm">
                <div className="flex flex-col">
                  <dt className="text-xs text-muted-foreground">Created</dt>
                  <dd>
                    <RelativeTime value={token.created_at} />
                  </dd>
                </div>
                <div className="flex flex-col">
                  <dt className="text-xs text-muted-foreground">Last used</dt>
                  <dd>
                    <LastUsed token={token} />
                  </dd>
                </div>
                <div className="flex flex-col">
                  <dt className="text-xs text-muted-foreground">Expires</dt>
                  <dd>
                    <Expiry token={token} />
                  </dd>
                </div>
              </dl>
              {tokenStatus(token) === "active" && (
                <div className="-mb-1 flex justify-end border-t pt-2">
                  <RevokeButton token={token} onRevoke={onRevoke} />
                </div>
              )}
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}
