import { createFileRoute } from "@tanstack/react-router";
import { UnsubscribePage } from "@/features/mail/components/unsubscribe-page";

/** The unsubscribe link at the foot of every email: public, no session needed. */
export const Route = createFileRoute("/unsubscribe/$token")({
  staticData: { bare: true },
  component: function Unsubscribe() {
    const { token } = Route.useParams();
    return <UnsubscribePage token={token} />;
  },
});
