import { createFileRoute } from "@tanstack/react-router";
import { CheckInPage } from "@/features/check-ins/components/check-in-page";

/** The link in a department's check-in request: public, no account, no app around it. */
export const Route = createFileRoute("/check-in/$token")({
  staticData: { bare: true },
  component: function CheckIn() {
    const { token } = Route.useParams();
    return <CheckInPage token={token} />;
  },
});
