import { MessageSquareQuote } from "lucide-react";
import { useState } from "react";
import type { Schemas } from "@/client";
import { Button } from "@/components/ui/button";
import { voiceSummary } from "../format";
import type { FeedbackResponse } from "../queries";
import { ResponseItem } from "./response-item";

/** Responses shown under an iteration before "Show all". */
const SHOWN = 3;

/** Under an iteration on the timeline: what the customer said about it, means first. */
export function IterationVoice({
  feedback,
  responses,
  customer,
}: {
  feedback: Schemas["IterationFeedback"];
  responses: readonly FeedbackResponse[];
  customer: string | null;
}) {
  const [showAll, setShowAll] = useState(false);
  if (feedback.responses === 0 && responses.length === 0) return null;
  return (
    <div className="mt-1 flex flex-col gap-2 rounded-lg border bg-muted/40 px-3 py-2.5">
      <p className="flex items-center gap-2 text-sm font-medium">
        <MessageSquareQuote aria-hidden="true" className="size-4 text-accent-subtle-foreground" />
        Customer voice: <span className="font-normal">{voiceSummary(feedback)}</span>
      </p>
      {responses.length > 0 && (
        <ul className="flex flex-col divide-y" aria-label="Customer responses">
          {(showAll ? responses : responses.slice(0, SHOWN)).map((r) => (
            <li key={r.id} className="py-2 first:pt-0 last:pb-0">
              <ResponseItem response={r} customer={customer} />
            </li>
          ))}
        </ul>
      )}
      {responses.length > SHOWN && (
        <Button
          variant="link"
          size="sm"
          className="h-auto self-start px-0"
          aria-expanded={showAll}
          onClick={() => setShowAll((all) => !all)}
        >
          {showAll ? "Show fewer" : `Show all ${responses.length} responses`}
        </Button>
      )}
    </div>
  );
}
