import { zodResolver } from "@hookform/resolvers/zod";
import { CircleAlert } from "lucide-react";
import { Tabs } from "radix-ui";
import * as React from "react";
import { Controller, useForm } from "react-hook-form";
import { z } from "zod";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { ApiError, describeError, isStale } from "@/lib/api-error";
import { cn } from "@/lib/utils";
import { MarkdownPreview } from "../markdown";
import { type Mentionable, mentionedIds } from "../mentions";
import { PROSE } from "../prose";
import { MentionTextarea } from "./mention-textarea";

/** The API's limit on a comment, in characters. */
export const MAX_COMMENT = 10_000;
/** From here on the field shows how many characters are used. */
export const COUNT_FROM = 9_000;

const format = new Intl.NumberFormat("en");

/** Characters as the server counts them (code points: an emoji is one). */
export const lengthOf = (text: string) => Array.from(text).length;

const schema = z.object({
  body: z.string().superRefine((value, ctx) => {
    if (!value.trim()) ctx.addIssue({ code: "custom", message: "Write something first." });
    const over = lengthOf(value) - MAX_COMMENT;
    if (over > 0)
      ctx.addIssue({
        code: "custom",
        message: `A comment can have at most ${format.format(MAX_COMMENT)} characters: shorten it by ${format.format(over)}.`,
      });
  }),
});
type Values = z.infer<typeof schema>;

export type CommentValues = { body: string; mentions: string[] };

/** "Ctrl+Enter", or "⌘ Enter" on a Mac. */
function submitKeys(): string {
  const platform =
    (navigator as Navigator & { userAgentData?: { platform?: string } }).userAgentData?.platform ??
    navigator.platform ??
    "";
  return /mac|iphone|ipad/i.test(platform) ? "⌘ Enter" : "Ctrl+Enter";
}

/**
 * Where a refused comment's problem goes: field errors on the text (a mention of someone who is
 * not a member is named), everything else as one message above the buttons.
 */
export function commentProblem(
  error: unknown,
  sent: CommentValues,
  members: readonly Mentionable[],
): { field: string | null; form: string | null } {
  if (isStale(error))
    return {
      field: null,
      form: "This comment changed since the page was loaded: the thread now shows it as it is.",
    };
  if (!(error instanceof ApiError) || error.errors.length === 0)
    return { field: null, form: describeError(error).detail };
  const field: string[] = [];
  const other: string[] = [];
  for (const item of error.errors) {
    const loc = item.loc[0] === "body" ? item.loc.slice(1) : item.loc;
    if (loc[0] === "mentions") {
      const id = typeof loc[1] === "number" ? sent.mentions[loc[1]] : undefined;
      const who = members.find((m) => m.id === id)?.name;
      field.push(who ? `${who}: ${item.msg}` : item.msg);
    } else if (loc[0] === "body") field.push(item.msg);
    else other.push(item.msg);
  }
  return { field: field.join(" ") || null, form: other.join(" ") || null };
}

/**
 * Writes or edits a comment: Markdown with a Write/Preview toggle, @mentions suggested as they
 * are typed, Ctrl/⌘+Enter to send, the count shown near the 10,000-character limit and the
 * server's objections on the field. A new comment's draft is kept (per pilot) until it is posted.
 */
export function CommentForm({
  label,
  submitLabel,
  members,
  initialBody = "",
  draftKey,
  onSubmit,
  onCancel,
  textareaRef,
  autoFocus = false,
  placeholder,
}: {
  label: string;
  submitLabel: string;
  members: readonly Mentionable[];
  initialBody?: string;
  /** Where the unsent text is kept (localStorage) so a reload or a detour does not lose it. */
  draftKey?: string;
  /** Sends the comment; rejects with the API's error. */
  onSubmit: (values: CommentValues) => Promise<unknown>;
  onCancel?: () => void;
  textareaRef?: React.Ref<HTMLTextAreaElement>;
  autoFocus?: boolean;
  placeholder?: string;
}) {
  const id = React.useId();
  const fieldId = `${id}-body`;
  const helpId = `${id}-help`;
  const countId = `${id}-count`;
  const errorId = `${id}-error`;
  const formRef = React.useRef<HTMLFormElement>(null);
  const innerRef = React.useRef<HTMLTextAreaElement | null>(null);
  const [tab, setTab] = React.useState<"write" | "preview">("write");
  const [formError, setFormError] = React.useState<string | null>(null);
  const [pending, setPending] = React.useState(false);

  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { body: (draftKey && readDraft(draftKey)) || initialBody },
  });
  const body = form.watch("body");
  const error = form.formState.errors.body?.message;
  const count = lengthOf(body);
  const over = count > MAX_COMMENT;
  const showCount = count >= COUNT_FROM;

  React.useEffect(() => {
    if (draftKey) writeDraft(draftKey, body);
  }, [draftKey, body]);

  React.useEffect(() => {
    if (autoFocus) {
      const element = innerRef.current;
      element?.focus();
      element?.setSelectionRange(element.value.length, element.value.length);
    }
  }, [autoFocus]);

  const submit = form.handleSubmit(
    async (values) => {
      setFormError(null);
      const sent = { body: values.body, mentions: mentionedIds(values.body, members) };
      setPending(true);
      try {
        await onSubmit(sent);
        if (draftKey) writeDraft(draftKey, "");
        form.reset({ body: "" });
        setTab("write");
      } catch (e) {
        const problem = commentProblem(e, sent, members);
        if (problem.field) form.setError("body", { type: "server", message: problem.field });
        setFormError(problem.form);
        setTab("write");
        if (problem.field) innerRef.current?.focus();
      } finally {
        setPending(false);
      }
    },
    () => {
      setTab("write");
      innerRef.current?.focus();
    },
  );

  const describedBy = [helpId, showCount ? countId : null, error ? errorId : null]
    .filter(Boolean)
    .join(" ");

  return (
    <form
      ref={formRef}
      onSubmit={submit}
      noValidate
      aria-label={label}
      className="flex flex-col gap-2"
    >
      <Tabs.Root
        value={tab}
        onValueChange={(value) => setTab(value as "write" | "preview")}
        className="flex flex-col gap-2"
      >
        <div className="flex flex-wrap items-end justify-between gap-2">
          <Label htmlFor={fieldId}>{label}</Label>
          <Tabs.List
            aria-label={`${label}: write or preview`}
            className="inline-flex rounded-md border border-input bg-muted/60 p-0.5"
          >
            {(["write", "preview"] as const).map((value) => (
              <Tabs.Trigger
                key={value}
                value={value}
                className="inline-flex h-7 cursor-pointer items-center rounded-[5px] px-2.5 text-xs font-medium text-muted-foreground transition-colors hover:text-foreground data-[state=active]:bg-card data-[state=active]:text-foreground data-[state=active]:shadow-xs"
              >
                {value === "write" ? "Write" : "Preview"}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
        </div>
        {/* Kept mounted while previewing: the textarea keeps its undo history and caret. */}
        <Tabs.Content value="write" forceMount hidden={tab !== "write"} tabIndex={-1}>
          <Controller
            control={form.control}
            name="body"
            render={({ field }) => (
              <MentionTextarea
                id={fieldId}
                rows={3}
                value={field.value}
                onChange={(value) => {
                  field.onChange(value);
                  if (form.formState.errors.body?.type === "server") form.clearErrors("body");
                }}
                onBlur={field.onBlur}
                members={members}
                placeholder={placeholder}
                textareaRef={(element) => {
                  field.ref(element);
                  innerRef.current = element;
                  if (typeof textareaRef === "function") textareaRef(element);
                  else if (textareaRef) textareaRef.current = element;
                }}
                onSubmitShortcut={() => formRef.current?.requestSubmit()}
                aria-invalid={error ? true : undefined}
                aria-describedby={describedBy}
                // Grows with the text (where supported), up to about twenty lines.
                className="field-sizing-content min-h-24 max-h-[32rem]"
              />
            )}
          />
        </Tabs.Content>
        <Tabs.Content
          value="preview"
          className="min-h-24 rounded-md border border-input bg-card px-3 py-2 focus-visible:outline-2"
        >
          {body.trim() ? (
            <div className={PROSE}>
              <MarkdownPreview source={body} />
            </div>
          ) : (
            <p className="text-sm text-muted-foreground">Nothing to preview yet.</p>
          )}
        </Tabs.Content>
      </Tabs.Root>
      <div className="flex flex-col gap-1 sm:flex-row sm:items-start sm:justify-between sm:gap-4">
        <p id={helpId} className="text-xs text-muted-foreground">
          Markdown works: **bold**, _italic_, `code`, lists, &gt; quotes, links. Type @ to mention a
          member.
          {/* No keyboard shortcut to speak of on a phone. */}
          <span className="hidden sm:inline">
            {" "}
            <kbd className="font-sans font-medium">{submitKeys()}</kbd> posts.
          </span>
        </p>
        {showCount && (
          <p
            id={countId}
            className={cn(
              "shrink-0 text-xs tabular-nums",
              over ? "font-medium text-danger-foreground" : "text-warning-foreground",
            )}
          >
            {format.format(count)} / {format.format(MAX_COMMENT)}
            {over && <span> · {format.format(count - MAX_COMMENT)} over</span>}
          </p>
        )}
      </div>
      <CountAnnouncer count={count} />
      {error && (
        <p id={errorId} className="flex items-start gap-1.5 text-sm text-danger-foreground">
          <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <span>{error}</span>
        </p>
      )}
      {formError && <ErrorAlert>{formError}</ErrorAlert>}
      <div className="flex flex-wrap justify-end gap-2">
        {onCancel && (
          <Button type="button" variant="outline" size="sm" onClick={onCancel}>
            Cancel
          </Button>
        )}
        <Button type="submit" size="sm" disabled={pending}>
          {pending && <Spinner />}
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

/**
 * Tells screen-reader users when the text nears or passes the limit, once per step, rather than
 * on every key.
 */
function CountAnnouncer({ count }: { count: number }) {
  const left = MAX_COMMENT - count;
  const message =
    left < 0
      ? `Over the ${format.format(MAX_COMMENT)}-character limit.`
      : left <= 100
        ? "100 characters left or fewer."
        : left <= 1000
          ? "1,000 characters left or fewer."
          : "";
  return (
    <p role="status" className="sr-only">
      {message}
    </p>
  );
}

function readDraft(key: string): string {
  try {
    return window.localStorage.getItem(key) ?? "";
  } catch {
    return "";
  }
}

function writeDraft(key: string, value: string) {
  try {
    if (value.trim()) window.localStorage.setItem(key, value);
    else window.localStorage.removeItem(key);
  } catch {
    // Private mode or a full storage: the draft is simply not kept.
  }
}
