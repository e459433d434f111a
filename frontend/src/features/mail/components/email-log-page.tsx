import { Info, Lock, Mail } from "lucide-react";
import { useId } from "react";
import { EmptyState, ListError, ListSkeleton, PageHeader } from "@/components/list-states";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Label, Select } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { useMembership, useWorkspace } from "@/features/workspaces/queries";
import { useDocumentTitle } from "@/lib/use-document-title";
import { type MailMessage, useMailLog } from "../queries";
import {
  MAIL_STATE_INFO,
  MAIL_STATES,
  type MailState,
  mailKindLabel,
  parseMailState,
} from "../states";

/** Settings → Email log: every message of the workspace's outbox and how its delivery went. */
export function EmailLogPage({
  workspaceId,
  state,
  onStateChange,
}: {
  workspaceId: string;
  state: MailState | undefined;
  onStateChange: (state: MailState | undefined) => void;
}) {
  useDocumentTitle("Email log");
  const workspace = useWorkspace(workspaceId);
  const membership = useMembership(workspaceId);
  const isAdmin = membership?.role === "admin";
  const log = useMailLog(workspaceId, state, isAdmin);
  const workspaceName = workspace.data?.name ?? "this workspace";
  const filterId = useId();

  const items = log.data?.pages.flatMap((page) => page.items) ?? [];
  const smtpConfigured = smtpStatus(log.data?.pages[0]);
  const stuck = stuckInOutbox(items);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title="Email log"
        description={`Every email Pilotboard sends for ${workspaceName} — invitations, notifications and weekly digests — and whether it went out.`}
      />

      {!membership ? (
        <ListSkeleton label="Loading the email log…" />
      ) : !isAdmin ? (
        <EmptyState icon={Lock} title="Only admins see the email log">
          The log shows who was emailed and about what, so only the admins of {workspaceName} can
          read it. Your own email settings are under Email preferences in your account menu.
        </EmptyState>
      ) : (
        <>
          <OutboxNote smtpConfigured={smtpConfigured} stuck={stuck} />
          <div className="flex flex-col gap-1.5 sm:flex-row sm:items-center sm:gap-3">
            <Label htmlFor={filterId}>Show</Label>
            <Select
              id={filterId}
              value={state ?? ""}
              onChange={(event) => onStateChange(parseMailState(event.target.value))}
              className="sm:w-56"
            >
              <option value="">All messages</option>
              {MAIL_STATES.map((s) => (
                <option key={s} value={s}>
                  {MAIL_STATE_INFO[s].label} only
                </option>
              ))}
            </Select>
          </div>
          {log.isPending ? (
            <ListSkeleton label="Loading the email log…" />
          ) : log.isError ? (
            <ListError
              what="the email log"
              error={log.error}
              onRetry={() => void log.refetch()}
              retrying={log.isFetching}
            />
          ) : items.length === 0 ? (
            state ? (
              <EmptyState
                icon={Mail}
                title={`No ${MAIL_STATE_INFO[state].label.toLowerCase()} messages`}
                action={
                  <Button variant="outline" onClick={() => onStateChange(undefined)}>
                    Show all messages
                  </Button>
                }
              >
                {MAIL_STATE_INFO[state].help} None of this workspace's messages is in this state
                now.
              </EmptyState>
            ) : (
              <EmptyState icon={Mail} title="No email sent yet">
                Invitations, the notifications people chose to get by email and the weekly digest
                appear here as they are queued, with their delivery state, attempts and the last
                error if sending failed.
              </EmptyState>
            )
          ) : (
            <div className="flex flex-col gap-3">
              <MailTable items={items} />
              <MailCards items={items} />
              {log.hasNextPage && (
                <Button
                  variant="outline"
                  className="self-center"
                  onClick={() => void log.fetchNextPage()}
                  disabled={log.isFetchingNextPage}
                >
                  {log.isFetchingNextPage && <Spinner />}
                  Show older messages
                </Button>
              )}
            </div>
          )}
        </>
      )}
    </div>
  );
}

/** Whether the server says SMTP is set up, when its answer tells (null: it does not say). */
export function smtpStatus(page: unknown): boolean | null {
  if (typeof page !== "object" || page === null) return null;
  const value = (page as Record<string, unknown>).smtp_configured;
  return typeof value === "boolean" ? value : null;
}

/**
 * Whether messages look stuck in the outbox: queued for more than a few minutes with no attempt
 * made, which is what happens when the server has no SMTP server to send through.
 */
export function stuckInOutbox(items: MailMessage[], now = new Date()): boolean {
  return items.some(
    (m) =>
      m.state === "queued" &&
      m.attempts === 0 &&
      now.getTime() - new Date(m.created_at).getTime() > STUCK_AFTER_MS,
  );
}

const STUCK_AFTER_MS = 3 * 60_000;

function OutboxNote({ smtpConfigured, stuck }: { smtpConfigured: boolean | null; stuck: boolean }) {
  if (smtpConfigured === true && !stuck) return null;
  const smtp = <code className="font-mono text-[0.8125rem]">PILOTBOARD_SMTP_URL</code>;
  if (smtpConfigured === false || stuck) {
    return (
      <div
        role="note"
        aria-label="Messages are waiting in the outbox"
        className="flex gap-3 rounded-lg border border-warning-border bg-warning px-4 py-3 text-sm text-warning-foreground"
      >
        <Info aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
        <div className="flex flex-col gap-1">
          <p className="font-medium">
            {smtpConfigured === false
              ? "Email is not set up on this server"
              : "Messages are waiting in the outbox"}
          </p>
          <p>
            Without a mail server to send through, messages stay <strong>Queued</strong> here and
            nothing leaves. Once the server's operator sets {smtp} (and{" "}
            <code className="font-mono text-[0.8125rem]">PILOTBOARD_MAIL_FROM</code>), the waiting
            messages go out within seconds, each once.
          </p>
        </div>
      </div>
    );
  }
  return (
    <div
      role="note"
      aria-label="About the outbox"
      className="flex gap-3 rounded-lg border bg-muted/60 px-4 py-3 text-sm text-muted-foreground"
    >
      <Info aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <p>
        Each message is queued with the change that caused it and sent within seconds; a failure is
        retried with growing pauses, and its error shows here. Without a mail server set up ({smtp}
        ), messages wait here as <strong className="text-foreground">Queued</strong> and go out,
        each once, as soon as one is.
      </p>
    </div>
  );
}

function StateBadge({ state }: { state: MailState }) {
  const { label, tone, icon: Icon } = MAIL_STATE_INFO[state];
  return (
    <Badge tone={tone} title={MAIL_STATE_INFO[state].help}>
      <Icon aria-hidden="true" />
      {label}
    </Badge>
  );
}

function attemptsText(attempts: number): string {
  return attempts === 1 ? "1 attempt" : `${attempts} attempts`;
}

function MailTable({ items }: { items: MailMessage[] }) {
  return (
    <Card className="hidden overflow-hidden md:block">
      <table className="w-full table-fixed text-sm">
        <caption className="sr-only">Email log</caption>
        <thead className="border-b bg-muted/50 text-left text-xs text-muted-foreground">
          <tr>
            <th scope="col" className="w-28 px-5 py-2.5 font-medium">
              State
            </th>
            <th scope="col" className="w-[24%] px-3 py-2.5 font-medium">
              To
            </th>
            <th scope="col" className="px-3 py-2.5 font-medium">
              Subject
            </th>
            <th scope="col" className="w-24 px-3 py-2.5 text-right font-medium">
              Attempts
            </th>
            <th scope="col" className="w-32 px-3 py-2.5 font-medium">
              Queued
            </th>
            <th scope="col" className="w-32 px-5 py-2.5 font-medium">
              Sent
            </th>
          </tr>
        </thead>
        <tbody className="divide-y">
          {items.map((message) => (
            <tr key={message.id} className="align-top">
              <td className="px-5 py-3">
                <StateBadge state={message.state} />
              </td>
              <td className="px-3 py-3 break-all">{message.to}</td>
              <td className="px-3 py-3">
                <p className="font-medium break-words">{message.subject}</p>
                <p className="text-xs text-muted-foreground">{mailKindLabel(message.kind)}</p>
                {message.last_error && <LastError message={message} />}
              </td>
              <td className="px-3 py-3 text-right tabular-nums">{message.attempts}</td>
              <td className="px-3 py-3 text-muted-foreground">
                <RelativeTime value={message.created_at} />
              </td>
              <td className="px-5 py-3 text-muted-foreground">
                {message.sent_at ? <RelativeTime value={message.sent_at} /> : "—"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}

function LastError({ message }: { message: MailMessage }) {
  return (
    <p className="mt-1 text-sm break-words text-danger-foreground">
      <span className="font-medium">
        {message.state === "queued" ? "Last error (will retry): " : "Last error: "}
      </span>
      {message.last_error}
    </p>
  );
}

function MailCards({ items }: { items: MailMessage[] }) {
  return (
    <ul className="flex flex-col gap-3 md:hidden" aria-label="Email log">
      {items.map((message) => (
        <li key={message.id}>
          <Card className="flex flex-col gap-2 p-4 text-sm">
            <div className="flex items-start justify-between gap-3">
              <p className="min-w-0 font-medium break-words">{message.subject}</p>
              <StateBadge state={message.state} />
            </div>
            <p className="break-all text-muted-foreground">
              <span className="sr-only">To: </span>
              {message.to}
            </p>
            <p className="flex flex-wrap gap-x-3 gap-y-1 text-xs text-muted-foreground">
              <span>{mailKindLabel(message.kind)}</span>
              <span>{attemptsText(message.attempts)}</span>
              <span>
                Queued <RelativeTime value={message.created_at} />
              </span>
              {message.sent_at && (
                <span>
                  Sent <RelativeTime value={message.sent_at} />
                </span>
              )}
            </p>
            {message.last_error && <LastError message={message} />}
          </Card>
        </li>
      ))}
    </ul>
  );
}
