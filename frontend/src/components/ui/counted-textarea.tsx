import type * as React from "react";
import { Textarea } from "@/features/pilots/components/textarea";
import { cn } from "@/lib/utils";
import { Field } from "./field";

/**
 * A labelled textarea with its limit in view: "120 / 4,000" under it, turning to the warning
 * colour near the end. The browser stops typing at the limit (`maxLength`), so the count is a
 * guide, never a surprise after sending.
 */
export function CountedTextarea({
  label,
  help,
  error,
  max,
  length,
  textareaProps,
  rows = 3,
}: {
  label: React.ReactNode;
  help?: React.ReactNode;
  error?: string | undefined;
  max: number;
  /** How many characters the field holds now (e.g. `form.watch(name).length`). */
  length: number;
  textareaProps: Omit<React.ComponentProps<"textarea">, "id">;
  rows?: number;
}) {
  const near = length >= max * 0.9;
  return (
    <Field
      label={label}
      error={error}
      help={
        <span className="flex items-start justify-between gap-3">
          <span>
            {help}{" "}
            <span className="sr-only">
              {`${length.toLocaleString("en")} of ${max.toLocaleString("en")} characters used.`}
            </span>
          </span>
          <span
            aria-hidden="true"
            className={cn("shrink-0 tabular-nums", near && "font-medium text-warning-foreground")}
          >
            {counterText(length, max)}
          </span>
        </span>
      }
    >
      {(props) => <Textarea {...props} rows={rows} maxLength={max} {...textareaProps} />}
    </Field>
  );
}

/** "0 / 4,000": what the counter under a textarea says. */
export function counterText(length: number, max: number): string {
  return `${length.toLocaleString("en")} / ${max.toLocaleString("en")}`;
}
