import { createFileRoute } from "@tanstack/react-router";
import { EmailLogPage } from "@/features/mail/components/email-log-page";
import { parseEmailLogSearch } from "@/features/mail/search";

/** Settings → Email log (admins): the workspace's outbox and each message's delivery. */
export const Route = createFileRoute("/_app/w/$workspaceId/settings/email")({
  validateSearch: parseEmailLogSearch,
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
