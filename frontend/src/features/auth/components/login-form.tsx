import { zodResolver } from "@hookform/resolvers/zod";
import { LogIn } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Spinner } from "@/components/ui/spinner";
import { ApiError, describeError } from "@/lib/api-error";
import { useLogin } from "../queries";
import { type LoginValues, loginSchema } from "../schemas";

/** What to say when signing in fails, in plain words. */
export function loginErrorMessage(error: unknown): string {
  if (error instanceof ApiError && error.status === 429) {
    if (error.detail) return error.detail;
    return error.retryAfter !== null
      ? `Too many failed sign-ins. Try again in ${error.retryAfter} seconds.`
      : "Too many failed sign-ins. Wait a little and try again.";
  }
  if (error instanceof ApiError && error.status === 401) {
    return error.detail ?? "The email or password is not right.";
  }
  return describeError(error).detail;
}

export function LoginForm({
  onSignedIn,
  defaultEmail = "",
  submitLabel = "Sign in",
}: {
  onSignedIn: () => void;
  /** Fills the email in, e.g. the address an invitation was sent to. */
  defaultEmail?: string;
  submitLabel?: string;
}) {
  const login = useLogin();
  const [formError, setFormError] = useState<string | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);
  const form = useForm<LoginValues>({
    resolver: zodResolver(loginSchema),
    defaultValues: { email: defaultEmail, password: "" },
  });
  const { errors } = form.formState;

  useEffect(() => {
    if (formError) alertRef.current?.focus();
  }, [formError]);

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    login.mutate(values, {
      onSuccess: onSignedIn,
      onError: (error) => {
        setFormError(loginErrorMessage(error));
        form.resetField("password", { keepError: false });
      },
    });
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      {formError && (
        <ErrorAlert ref={alertRef} tabIndex={-1} title="Could not sign in">
          {formError}
        </ErrorAlert>
      )}
      <Field label="Email" error={errors.email?.message}>
        {(props) => (
          <Input
            {...props}
            type="email"
            autoComplete="username"
            inputMode="email"
            spellCheck={false}
            {...form.register("email")}
          />
        )}
      </Field>
      <Field label="Password" error={errors.password?.message}>
        {(props) => (
          <Input
            {...props}
            type="password"
            autoComplete="current-password"
            {...form.register("password")}
          />
        )}
      </Field>
      <Button type="submit" disabled={login.isPending} className="mt-1 w-full">
        {login.isPending ? <Spinner /> : <LogIn aria-hidden="true" />}
        {login.isPending ? "Signing in…" : submitLabel}
      </Button>
    </form>
  );
}
