import { createFileRoute } from "@tanstack/react-router";
import { FeedbackPage } from "@/features/feedback/components/feedback-page";

/** The feedback link given to the testbed customer: public, no account, no app around it. */
export const Route = createFileRoute("/feedback/$token")({
  staticData: { bare: true },
  component: function Feedback() {
    const { token } = Route.useParams();
    return <FeedbackPage token={token} />;
  },
});
