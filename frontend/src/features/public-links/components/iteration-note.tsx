import { formatDate } from "@/lib/format";

/** The pilot's latest iteration as a public page shows it: its number, start and summary. */
export function IterationNote({
  iteration,
  title,
  emptySummary,
}: {
  iteration: { number: number; started_on: string; summary: string };
  title: string;
  emptySummary: string;
}) {
  return (
    <section aria-labelledby="iteration-note-title" className="rounded-lg bg-muted px-4 py-3">
      <h2 id="iteration-note-title" className="text-sm font-semibold">
        {title}
      </h2>
      <p className="text-xs text-muted-foreground">
        Iteration {iteration.number}, since {formatDate(iteration.started_on)}
      </p>
      <p className="mt-2 text-sm break-words whitespace-pre-line">
        {iteration.summary || <span className="text-muted-foreground">{emptySummary}</span>}
      </p>
    </section>
  );
}
