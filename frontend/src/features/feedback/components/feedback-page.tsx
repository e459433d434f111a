import { zodResolver } from "@hookform/resolvers/zod";
import { Heart, MessageSquareText } from "lucide-react";
import { useState } from "react";
import { type Resolver, useForm } from "react-hook-form";
import { PublicIcon, PublicPage } from "@/components/public-page";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ChoiceGroup, scaleChoices } from "@/components/ui/choice-group";
import { CountedTextarea } from "@/components/ui/counted-textarea";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
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
import { type FeedbackPage as Page, useFeedbackPage, useSubmitFeedback } from "../queries";
import {
  EMPTY_FEEDBACK,
  FEEDBACK_LIMITS,
  type FeedbackValues,
  feedbackBody,
  feedbackSchema,
} from "../schemas";

export const DIFFERENCE_ENDS = ["No difference", "A great deal"] as const;
export const EFFORT_ENDS = ["Very hard", "Very easy"] as const;

const ASK_FOR_A_NEW_ONE =
  "If you still want to give your view, ask the person who sent you the link for a new one.";

/**
 * `/feedback/$token`: the testbed customer's page. No account and no app around it: the
 * workspace's name, the pilot, the latest iteration's summary for the customer, two 1–5
 * questions and two optional ones. Several people may answer through one link, one after another.
 */
export function FeedbackPage({ token }: { token: string }) {
  const page = useFeedbackPage(token);
  const [sent, setSent] = useState(false);
  const [gone, setGone] = useState(false);
  useDocumentTitle(page.data ? `Your view on ${page.data.pilot_title}` : "Your view");

  if (page.isPending) return <LinkLoading title="Your view" />;
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
        title="Your view"
        error={page.error}
        onRetry={() => void page.refetch()}
        retrying={page.isFetching}
      />
    );
  }
  if (gone) return <LinkNotValid askWho={ASK_FOR_A_NEW_ONE} />;
  if (sent) return <ThankYou page={page.data} onAnother={() => setSent(false)} />;
  return (
    <FeedbackForm
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

function FeedbackForm({
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
  const submit = useSubmitFeedback(token);
  const answerKey = useAnswerKey();
  const [formError, setFormError] = useState<{ title: string; detail: string } | null>(null);
  const form = useForm<FeedbackValues>({
    resolver: zodResolver(feedbackSchema) as unknown as Resolver<FeedbackValues>,
    defaultValues: EMPTY_FEEDBACK,
  });
  const { errors } = form.formState;
  const comment = form.watch("comment");
  const newNeeds = form.watch("new_needs");

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    const body = feedbackBody(values);
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
          const detail = applyProblem(error, form.setError, [
            "respondent_name",
            "difference",
            "effort",
            "comment",
            "new_needs",
          ] as const);
          if (detail) setFormError({ title: "Your answers were not sent", detail });
        },
      },
    );
  });

  return (
    <PublicPage
      wide
      title="How is the pilot going for you?"
      icon={
        <PublicIcon>
          <MessageSquareText />
        </PublicIcon>
      }
      lead={<Lead page={page} />}
      footer={
        <p>
          Your answers go only to the team running this pilot at {page.workspace_name}. No account
          needed.
        </p>
      }
    >
      {page.iteration && (
        <IterationNote
          iteration={page.iteration}
          title="What changed lately"
          emptySummary="The team has not written a summary of this round yet."
        />
      )}
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-6">
        <ChoiceGroup
          legend="How much difference does this make for you?"
          choices={scaleChoices(...DIFFERENCE_ENDS)}
          ends={DIFFERENCE_ENDS}
          required
          error={errors.difference?.message}
          inputProps={form.register("difference")}
        />
        <ChoiceGroup
          legend="How easy is working with the team on it?"
          choices={scaleChoices(...EFFORT_ENDS)}
          ends={EFFORT_ENDS}
          required
          error={errors.effort?.message}
          inputProps={form.register("effort")}
        />
        <CountedTextarea
          label="Anything you want to tell the team?"
          help="Optional. What works, what does not, in your own words."
          max={FEEDBACK_LIMITS.comment}
          length={comment.length}
          error={errors.comment?.message}
          textareaProps={form.register("comment")}
        />
        <CountedTextarea
          label="Anything you need that it does not do yet?"
          help="Optional. A need you discovered along the way."
          max={FEEDBACK_LIMITS.newNeeds}
          length={newNeeds.length}
          error={errors.new_needs?.message}
          textareaProps={form.register("new_needs")}
        />
        <Field
          label="Your name"
          help="Optional. Leave it empty to answer without a name."
          error={errors.respondent_name?.message}
        >
          {(props) => (
            <Input
              {...props}
              autoComplete="name"
              maxLength={FEEDBACK_LIMITS.name}
              className="h-11 sm:h-9"
              {...form.register("respondent_name")}
            />
          )}
        </Field>
        {formError && <ErrorAlert title={formError.title}>{formError.detail}</ErrorAlert>}
        <Button type="submit" disabled={submit.isPending} className="h-11 w-full">
          {submit.isPending && <Spinner />}
          {submit.isPending ? "Sending…" : "Send my answers"}
        </Button>
      </form>
    </PublicPage>
  );
}

function Lead({ page }: { page: Page }) {
  return (
    <div className="flex flex-col gap-2">
      <p>
        <span className="font-medium text-foreground">{page.workspace_name}</span> would like to
        know how <span className="font-medium text-foreground">{page.pilot_title}</span> is going
        for you at {page.customer_name}. Two quick questions, two optional ones.
      </p>
      {page.contact_name && (
        <p className="text-xs">
          This link was made for {page.contact_name}; colleagues may answer through it too.
        </p>
      )}
    </div>
  );
}

function ThankYou({ page, onAnother }: { page: Page; onAnother: () => void }) {
  return (
    <PublicPage
      title="Thank you"
      icon={
        <PublicIcon tone="success">
          <Heart />
        </PublicIcon>
      }
    >
      <p role="status" className="text-sm">
        Your answers reached the team running {page.pilot_title} at {page.workspace_name}.
      </p>
      <p className="text-sm text-muted-foreground">
        Someone else at {page.customer_name} wants to answer too? They can use this same page.
      </p>
      <Button variant="outline" onClick={onAnother} className="h-11 w-full">
        Answer as someone else
      </Button>
    </PublicPage>
  );
}
