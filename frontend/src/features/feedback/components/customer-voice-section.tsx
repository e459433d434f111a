import { Link2, Plus } from "lucide-react";
import { useState } from "react";
import { RelativeTime } from "@/components/relative-time";
import { ErrorAlert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogTitle,
} from "@/components/ui/dialog";
import { Spinner } from "@/components/ui/spinner";
import { Section, SectionState } from "@/features/pilots/components/section";
import type { Pilot } from "@/features/pilots/queries";
import { describeError } from "@/lib/api-error";
import { formatDate } from "@/lib/format";
import { toast } from "@/lib/toast";
import { LINK_STATES } from "../format";
import {
  type FeedbackLink,
  useFeedbackLinks,
  useFeedbackResponses,
  useRevokeFeedbackLink,
} from "../queries";
import { FeedbackLinkDialog } from "./feedback-link-dialog";
import { ResponseItem } from "./response-item";

/** Responses shown before "Show all". */
const SHOWN = 5;

/**
 * The pilot's "Customer voice": links for people at the testbed customer (editors and admins
 * make and revoke them) and every response, newest first (every member reads them).
 */
export function CustomerVoiceSection({
  workspaceId,
  pilot,
  customer,
  editable,
  canSeeLinks,
}: {
  workspaceId: string;
  pilot: Pilot;
  /** The chosen testbed customer's name, or null while none is chosen. */
  customer: string | null;
  editable: boolean;
  /** Links (and their tokens' fate) are the editors' and admins' business. */
  canSeeLinks: boolean;
}) {
  const responses = useFeedbackResponses(workspaceId, pilot.id);
  const [creating, setCreating] = useState(false);
  const [showAll, setShowAll] = useState(false);
  const noCustomer = pilot.customer_id === null;
  const create = editable && !noCustomer && (
    <Button variant="outline" onClick={() => setCreating(true)}>
      <Plus aria-hidden="true" />
      Create feedback link
    </Button>
  );
  const list = responses.data ?? [];
  return (
    <Section
      id="customer-voice"
      title="Customer voice"
      description="What the testbed customer experiences, in their own words. Give people at the customer a link: they answer two questions on their phone, with no account."
      action={create}
    >
      {editable && noCustomer && (
        <p className="rounded-lg border bg-muted px-3 py-2.5 text-sm text-muted-foreground">
          Choose the testbed customer first: feedback links are for people there.
        </p>
      )}
      {canSeeLinks && (
        <LinkList
          workspaceId={workspaceId}
          pilotId={pilot.id}
          editable={editable}
          onCreate={editable && !noCustomer ? () => setCreating(true) : null}
        />
      )}
      <div className="flex flex-col gap-2">
        <h3 className="text-sm font-semibold">Responses</h3>
        <SectionState
          pending={responses.isPending}
          error={responses.error}
          onRetry={() => void responses.refetch()}
        >
          {list.length === 0 ? (
            <p className="text-sm text-muted-foreground">
              No responses yet. They appear here, and under their iteration, as soon as someone
              answers.
            </p>
          ) : (
            <>
              <ul className="flex flex-col divide-y" aria-label="Customer responses, newest first">
                {(showAll ? list : list.slice(0, SHOWN)).map((r) => (
                  <li key={r.id} className="py-3 first:pt-0 last:pb-0">
                    <ResponseItem response={r} customer={customer} showIteration />
                  </li>
                ))}
              </ul>
              {list.length > SHOWN && (
                <Button
                  variant="link"
                  size="sm"
                  className="self-start px-0"
                  aria-expanded={showAll}
                  onClick={() => setShowAll((all) => !all)}
                >
                  {showAll ? "Show the latest only" : `Show all ${list.length} responses`}
                </Button>
              )}
            </>
          )}
        </SectionState>
      </div>
      {editable && (
        <FeedbackLinkDialog
          workspaceId={workspaceId}
          pilotId={pilot.id}
          customer={customer}
          open={creating}
          onOpenChange={setCreating}
        />
      )}
    </Section>
  );
}

function LinkList({
  workspaceId,
  pilotId,
  editable,
  onCreate,
}: {
  workspaceId: string;
  pilotId: string;
  editable: boolean;
  onCreate: (() => void) | null;
}) {
  const links = useFeedbackLinks(workspaceId, pilotId);
  const [revoking, setRevoking] = useState<FeedbackLink | null>(null);
  const list = links.data ?? [];
  return (
    <div className="flex flex-col gap-2">
      <h3 className="text-sm font-semibold">Feedback links</h3>
      <SectionState
        pending={links.isPending}
        error={links.error}
        onRetry={() => void links.refetch()}
      >
        {list.length === 0 ? (
          <div className="flex flex-col items-start gap-3 rounded-lg border border-dashed p-4 text-sm">
            <p className="flex gap-2 text-muted-foreground">
              <Link2 aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              No links yet. Make one per person whose view counts: a nurse, a pharmacist, the
              customer's sponsor.
            </p>
            {onCreate && (
              <Button size="sm" onClick={onCreate}>
                <Plus aria-hidden="true" />
                Create feedback link
              </Button>
            )}
          </div>
        ) : (
          <ul className="flex flex-col divide-y rounded-lg border" aria-label="Feedback links">
            {list.map((link) => (
              <LinkRow
                key={link.id}
                link={link}
                editable={editable}
                onRevoke={() => setRevoking(link)}
              />
            ))}
          </ul>
        )}
      </SectionState>
      {editable && (
        <RevokeLinkDialog
          workspaceId={workspaceId}
          pilotId={pilotId}
          link={revoking}
          onClose={() => setRevoking(null)}
        />
      )}
    </div>
  );
}

function LinkRow({
  link,
  editable,
  onRevoke,
}: {
  link: FeedbackLink;
  editable: boolean;
  onRevoke: () => void;
}) {
  const state = LINK_STATES[link.state];
  return (
    <li className="flex flex-col gap-2 px-3 py-2.5 sm:flex-row sm:items-center sm:justify-between">
      <div className="flex min-w-0 flex-col gap-0.5">
        <p className="flex flex-wrap items-center gap-2">
          <span className="font-medium break-words">{link.contact_name}</span>
          <Badge tone={state.tone}>{state.label}</Badge>
        </p>
        <p className="text-xs text-muted-foreground">
          <span className="tabular-nums">
            {link.responses} response{link.responses === 1 ? "" : "s"}
          </span>
          {link.last_response_at && (
            <>
              {" "}
              · latest <RelativeTime value={link.last_response_at} />
            </>
          )}
          {link.contact_email && <> · emailed to {link.contact_email}</>}
          {link.state === "revoked" && link.revoked_at
            ? ` · revoked ${formatDate(link.revoked_at)}`
            : link.expires_on
              ? ` · ${link.state === "expired" ? "expired after" : "works until"} ${formatDate(link.expires_on)}`
              : " · no expiry"}
        </p>
      </div>
      {editable && link.state === "active" && (
        <Button
          size="sm"
          variant="ghost"
          className="self-start sm:self-center"
          onClick={onRevoke}
          aria-label={`Revoke the link for ${link.contact_name}`}
        >
          Revoke
        </Button>
      )}
    </li>
  );
}

function RevokeLinkDialog({
  workspaceId,
  pilotId,
  link,
  onClose,
}: {
  workspaceId: string;
  pilotId: string;
  link: FeedbackLink | null;
  onClose: () => void;
}) {
  const revoke = useRevokeFeedbackLink(workspaceId, pilotId);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  const confirm = () => {
    if (!link) return;
    setError(null);
    revoke.mutate(link, {
      onSuccess: () => {
        toast(`The link for ${link.contact_name} no longer works`);
        close();
      },
      onError: (e) => setError(describeError(e).detail),
    });
  };
  return (
    <AlertDialog open={link !== null} onOpenChange={(open) => !open && close()}>
      <AlertDialogContent>
        <div className="flex flex-col gap-1.5">
          <AlertDialogTitle>Revoke the link for {link?.contact_name}?</AlertDialogTitle>
          <AlertDialogDescription>
            It stops working at once: whoever opens it sees that it is not valid any more. The{" "}
            {link?.responses ?? 0} response{link?.responses === 1 ? "" : "s"} given through it stay.
            This cannot be undone; make a new link if they should answer again.
          </AlertDialogDescription>
        </div>
        {error && <ErrorAlert title="Could not revoke">{error}</ErrorAlert>}
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <AlertDialogCancel asChild>
            <Button variant="outline">Cancel</Button>
          </AlertDialogCancel>
          <Button variant="destructive" onClick={confirm} disabled={revoke.isPending}>
            {revoke.isPending && <Spinner />}
            Revoke link
          </Button>
        </div>
      </AlertDialogContent>
    </AlertDialog>
  );
}
