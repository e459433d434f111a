import { CircleAlert } from "lucide-react";
import * as React from "react";
import { Label } from "./input";

type ControlProps = {
  id: string;
  "aria-invalid"?: boolean;
  "aria-describedby"?: string;
};

/**
 * A form field: label above the control, optional help text, and the error right under it.
 * The control is rendered by `children(props)` so it gets the id and ARIA wiring.
 */
export function Field({
  label,
  help,
  error,
  children,
}: {
  label: React.ReactNode;
  help?: React.ReactNode;
  error?: string | undefined;
  children: (props: ControlProps) => React.ReactNode;
}) {
  const id = React.useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-error`;
  const describedBy = [help ? helpId : null, error ? errorId : null].filter(Boolean).join(" ");
  return (
    <div className="flex flex-col gap-1.5">
      <Label htmlFor={id}>{label}</Label>
      {children({
        id,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": describedBy || undefined,
      })}
      {help && (
        <p id={helpId} className="text-xs text-muted-foreground">
          {help}
        </p>
      )}
      {error && (
        <p id={errorId} className="flex items-start gap-1.5 text-sm text-danger-foreground">
          <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
          <span>{error}</span>
        </p>
      )}
    </div>
  );
}
