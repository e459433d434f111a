import { zodResolver } from "@hookform/resolvers/zod";
import { CircleCheck, ClipboardCheck } from "lucide-react";
import { useState } from "react";
import { type Resolver, useForm } from "react-hook-form";
import { PublicIcon, PublicPage } from "@/components/public-page";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";
import { IterationNote } from "@/features/public-links/components/iteration-note";
import {
  LinkBusy,
  LinkLoadError,
  LinkLoading,
  LinkNotValid,
} from "@/features/public-links/components/link-states";
import { useAnswerKey } from "@/features/public-links/idempotency";
import { linkProblem, waitWords } from "@/features/public-links/states";
import { ApiError } from "@/lib/api-error";
import { applyProblem } from "@/lib/form-errors";
import { useDocumentTitle } from "@/lib/use-document-title";
import { type CheckInPage as Page, useCheckInPage, useSubmitCheckIn } from "../queries";
import { type CheckInValues, checkInBody, checkInSchema, EMPTY_CHECK_IN } from "../schemas";
import { CHECK_IN_FIELDS, CheckInFields } from "./check-in-fields";

const ASK_FOR_A_NEW_ONE =
  "A new request comes by email with the pilot's next iteration. If you want to say something now, write to the pilot's owner.";

/**
 * `/check-in/$token`: a department's contact says how the pilot is going for them. No account
 * and no app around it; the request's link is all it takes.
 */
export function CheckInPage({ token }: { token: string }) {
  const page = useCheckInPage(token);
  const [sent, setSent] = useState(false);
  const [gone, setGone] = useState(false);
  useDocumentTitle(page.data ? `Check-in: ${page.data.pilot_title}` : "Check-in");

  if (page.isPending) return <LinkLoading title="Check-in" />;
  if (page.isError) {
    const problem = linkProblem(page.error);
    if (problem === "gone") return <LinkNotValid askWho={ASK_FOR_A_NEW_ONE} />;
    if (problem === "busy")
      return (
        <LinkBusy
          answers={false}
          retryAfter={page.error instanceof ApiError ? page.error.retryAfter : null}
        />
      );
    return (
      <LinkLoadError
        title="Check-in"
        error={page.error}
        onRetry={() => void page.refetch()}
        retrying={page.isFetching}
      />
    );
  }
  if (gone) return <LinkNotValid askWho={ASK_FOR_A_NEW_ONE} />;
  if (sent) return <ThankYou page={page.data} onAnother={() => setSent(false)} />;
  return (
    <CheckInForm
      token={token}
      page={page.data}
      onSent={() => {
        setSent(true);
        window.scrollTo({ top: 0 });
      }}
      onGone={() => setGone(true)}
    />
  );
}

function CheckInForm({
  token,
  page,
  onSent,
  onGone,
}: {
  token: string;
  page: Page;
  onSent: () => void;
  onGone: () => void;
}) {
  const submit = useSubmitCheckIn(token);
  const answerKey = useAnswerKey();
  const [formError, setFormError] = useState<{ title: string; detail: string } | null>(null);
  const form = useForm<CheckInValues>({
    resolver: zodResolver(checkInSchema) as unknown as Resolver<CheckInValues>,
    defaultValues: EMPTY_CHECK_IN,
  });

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    const body = checkInBody(values);
    submit.mutate(
      { body, key: answerKey.keyFor(body) },
      {
        onSuccess: () => {
          answerKey.reset();
          onSent();
        },
        onError: (error) => {
          const problem = linkProblem(error);
          if (problem === "gone") {
            onGone();
            return;
          }
          if (problem === "busy") {
            setFormError({
              title: "Too many answers today",
              detail: `This link has taken as many answers as it can in one day. Your answers are still here: please send them again ${waitWords(error instanceof ApiError ? error.retryAfter : null)}.`,
            });
            return;
          }
          const detail = applyProblem(error, form.setError, CHECK_IN_FIELDS);
          if (detail) setFormError({ title: "Your check-in was not sent", detail });
        },
      },
    );
  });

  return (
    <PublicPage
      wide
      title={`How is the pilot going for ${page.department_name}?`}
      icon={
        <PublicIcon>
          <ClipboardCheck />
        </PublicIcon>
      }
      lead={
        <div className="flex flex-col gap-2">
          <p>
            <span className="font-medium text-foreground">{page.workspace_name}</span> asks how{" "}
            <span className="font-medium text-foreground">{page.pilot_title}</span> is going for{" "}
            {page.department_name}. It takes a minute.
          </p>
          {page.contact_name && (
            <p className="text-xs">
              Asked of {page.contact_name}; a colleague may answer for the department too.
            </p>
          )}
        </div>
      }
      footer={<p>Your answers go only to the team running this pilot at {page.workspace_name}.</p>}
    >
      {page.stake && (
        <section aria-labelledby="stake-title" className="rounded-lg border px-4 py-3">
          <h2 id="stake-title" className="text-sm font-semibold">
            What {page.department_name} gets out of it
          </h2>
          <p className="mt-1 text-sm break-words whitespace-pre-line">{page.stake}</p>
        </section>
      )}
      {page.iteration && (
        <IterationNote
          iteration={page.iteration}
          title="What changed lately"
          emptySummary="The team has not described this iteration yet."
        />
      )}
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-6">
        <CheckInFields form={form} who={page.department_name} />
        {formError && <ErrorAlert title={formError.title}>{formError.detail}</ErrorAlert>}
        <Button type="submit" disabled={submit.isPending} className="h-11 w-full">
          {submit.isPending && <Spinner />}
          {submit.isPending ? "Sending…" : "Send check-in"}
        </Button>
      </form>
    </PublicPage>
  );
}

function ThankYou({ page, onAnother }: { page: Page; onAnother: () => void }) {
  return (
    <PublicPage
      title="Thank you"
      icon={
        <PublicIcon tone="success">
          <CircleCheck />
        </PublicIcon>
      }
    >
      <p role="status" className="text-sm">
        Your check-in for {page.department_name} reached the team running {page.pilot_title} at{" "}
        {page.workspace_name}.
      </p>
      <p className="text-sm text-muted-foreground">
        Someone else in {page.department_name} wants to answer too? They can use this same page.
      </p>
      <Button variant="outline" onClick={onAnother} className="h-11 w-full">
        Answer as someone else
      </Button>
    </PublicPage>
  );
}
