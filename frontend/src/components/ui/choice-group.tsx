import { CircleAlert } from "lucide-react";
import * as React from "react";
import { cn } from "@/lib/utils";

export type Choice = {
  value: string;
  /** What the option shows (a digit on a scale, a word otherwise). */
  label: React.ReactNode;
  /** Said after the label to screen readers, e.g. "no difference" for the 1 of a scale. */
  srLabel?: string;
};

/** What react-hook-form's `register(name)` returns, or anything alike for a native radio. */
type RadioProps = Omit<React.ComponentProps<"input">, "type" | "value" | "id">;

/**
 * A labelled radio group drawn as a row of large buttons (easy to hit on a phone): native radios
 * in a fieldset, so arrows move between options and screen readers announce "n of m". `ends`
 * puts words under the first and last option of a scale ("No difference" … "A great deal").
 */
export function ChoiceGroup({
  legend,
  help,
  error,
  choices,
  ends,
  required = false,
  inputProps,
  className,
}: {
  legend: React.ReactNode;
  help?: React.ReactNode;
  error?: string | undefined;
  choices: readonly Choice[];
  ends?: readonly [string, string];
  required?: boolean;
  inputProps: RadioProps;
  className?: string;
}) {
  const id = React.useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy =
    [help ? helpId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset
      // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: ARIA allows radiogroup on a fieldset; it takes aria-required, a plain group does not
      role="radiogroup"
      aria-required={required || undefined}
      aria-invalid={error ? true : undefined}
      aria-describedby={describedBy}
      className={cn("flex min-w-0 flex-col gap-2", className)}
    >
      <legend className="mb-2 text-sm font-medium">{legend}</legend>
      {help && (
        <p id={helpId} className="-mt-1 text-xs text-muted-foreground">
          {help}
        </p>
      )}
      <div
        className="grid gap-2"
        style={{ gridTemplateColumns: `repeat(${choices.length}, minmax(0, 1fr))` }}
      >
        {choices.map((choice) => {
          const inputId = `${id}-${choice.value}`;
          return (
            <label
              key={choice.value}
              htmlFor={inputId}
              className={cn(
                "relative flex min-h-11 cursor-pointer items-center justify-center rounded-md border border-input bg-card px-2 py-2 text-center text-sm font-medium shadow-xs transition-colors select-none hover:bg-muted",
                "has-[:checked]:border-accent has-[:checked]:bg-accent has-[:checked]:text-accent-foreground",
                "has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ring",
                error && "border-danger-foreground",
              )}
            >
              <input
                {...inputProps}
                id={inputId}
                type="radio"
                value={choice.value}
                aria-label={
                  choice.srLabel
                    ? `${typeof choice.label === "string" ? choice.label : choice.value}, ${choice.srLabel}`
                    : undefined
                }
                // Covers the whole button, invisibly: a tap anywhere on it is a tap on the radio.
                className="absolute inset-0 size-full cursor-pointer appearance-none rounded-md opacity-0"
              />
              <span className="pointer-events-none tabular-nums">{choice.label}</span>
            </label>
          );
        })}
      </div>
      {ends && (
        <p className="flex justify-between gap-4 text-xs text-muted-foreground" aria-hidden="true">
          <span>{ends[0]}</span>
          <span className="text-right">{ends[1]}</span>
        </p>
      )}
      {error && (
        <p id={errorId} className="flex items-start gap-1.5 text-sm text-danger-foreground">
          <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <span>{error}</span>
        </p>
      )}
    </fieldset>
  );
}

/** A 1–5 scale whose first and last options carry the end words for screen readers. */
export function scaleChoices(low: string, high: string): Choice[] {
  return [1, 2, 3, 4, 5].map((n) => ({
    value: String(n),
    label: String(n),
    srLabel: n === 1 ? low.toLowerCase() : n === 5 ? high.toLowerCase() : undefined,
  }));
}
