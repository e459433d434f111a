import { createFileRoute } from "@tanstack/react-router";
import { EmailLogPage } from "@/features/mail/components/email-log-page";
import { type MailState, parseMailState } from "@/features/mail/states";

type EmailLogSearch = { state?: MailState };

/** Settings → Email log (admins): the workspace's outbox and each message's delivery. */
export const Route = createFileRoute("/_app/w/$workspaceId/settings/email")({
  validateSearch: (search: Record<string, unknown>): EmailLogSearch => {
    const state = parseMailState(search.state);
    return state ? { state } : {};
  },
  component: function EmailLog() {
    const { workspaceId } = Route.useParams();
    const { state } = Route.useSearch();
    const navigate = Route.useNavigate();
    return (
      <EmailLogPage
        workspaceId={workspaceId}
        state={state}
        onStateChange={(next) => void navigate({ search: next ? { state: next } : {} })}
      />
    );
  },
});
