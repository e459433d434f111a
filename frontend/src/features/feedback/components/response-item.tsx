import { RelativeTime } from "@/components/relative-time";
import { cn } from "@/lib/utils";
import { respondentLabel } from "../format";
import type { FeedbackResponse } from "../queries";

/** One answer from the customer: who, the two scores, their words, and when. */
export function ResponseItem({
  response,
  customer,
  showIteration = false,
  className,
}: {
  response: FeedbackResponse;
  customer: string | null;
  showIteration?: boolean;
  className?: string;
}) {
  return (
    <article
      aria-label={`Feedback from ${respondentLabel(response, customer)}`}
      className={cn("flex flex-col gap-1.5 text-sm", className)}
    >
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <span className="font-medium break-words">{respondentLabel(response, customer)}</span>
        <Score label="Difference" value={response.difference} />
        <Score label="Ease" value={response.effort} />
        <span className="text-xs text-muted-foreground">
          {showIteration && response.iteration_number !== null && (
            <>Iteration {response.iteration_number} · </>
          )}
          <RelativeTime value={response.created_at} />
        </span>
      </div>
      {response.comment && (
        <p className="break-words whitespace-pre-line">
          <span className="sr-only">Comment: </span>“{response.comment}”
        </p>
      )}
      {response.new_needs && (
        <p className="break-words whitespace-pre-line">
          <span className="text-muted-foreground">New needs: </span>
          {response.new_needs}
        </p>
      )}
    </article>
  );
}

/** "Difference 4/5" as a small pill: the number leads, the word says what it scores. */
function Score({ label, value }: { label: string; value: number }) {
  return (
    <span className="inline-flex items-center gap-1 rounded-full border bg-muted px-2 py-0.5 text-xs">
      <span className="text-muted-foreground">{label}</span>
      <span className="font-semibold tabular-nums">{value}/5</span>
    </span>
  );
}
