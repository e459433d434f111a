import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useRouter } from "@tanstack/react-router";
import { Link2Off, LogIn, UserPlus } from "lucide-react";
import { useMemo, useState } from "react";
import { useForm } from "react-hook-form";
import { client } from "@/client";
import { PublicIcon, PublicPage } from "@/components/public-page";
import { ErrorAlert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { LoginForm } from "@/features/auth/components/login-form";
import { authKeys, isPersonal, type Me, useMe } from "@/features/auth/queries";
import { ROLES, roleLabel } from "@/features/members/roles";
import { unwrap } from "@/lib/api";
import { ApiError, describeError } from "@/lib/api-error";
import { applyProblem } from "@/lib/form-errors";
import { toast } from "@/lib/toast";
import { useDocumentTitle } from "@/lib/use-document-title";
import { type InvitationPreview, useAcceptInvitation, useInvitationPreview } from "../queries";
import { type NewAccountValues, newAccountSchema } from "../schemas";

const linkClassName =
  "font-medium text-accent-subtle-foreground underline-offset-4 hover:underline";

/**
 * Where someone lands after joining: the workspace of the invitation (by id when the API says it,
 * else by name among their memberships), or home.
 */
export function landingPath(preview: InvitationPreview, me: Me): string {
  const id = (preview as { workspace_id?: unknown }).workspace_id;
  if (typeof id === "string" && id) return `/w/${id}`;
  const byName = me.memberships.filter((m) => m.workspace_name === preview.workspace_name);
  const only = byName.length === 1 ? byName[0] : undefined;
  return only ? `/w/${only.workspace_id}` : "/";
}

/** `/invite/$token`: who invites whom to what, then a new account or a sign-in, then the workspace. */
export function InvitePage({ token }: { token: string }) {
  const preview = useInvitationPreview(token);
  const { data: me, isPending: mePending } = useMe();
  useDocumentTitle(preview.data ? `Join ${preview.data.workspace_name}` : "Invitation");

  if (preview.isPending || mePending) {
    return (
      <PublicPage title="Invitation">
        <div aria-busy="true" className="flex flex-col gap-3">
          <p role="status" className="sr-only">
            Loading the invitation…
          </p>
          <Skeleton className="h-4 w-full" />
          <Skeleton className="h-9 w-full" />
          <Skeleton className="h-9 w-full" />
        </div>
      </PublicPage>
    );
  }

  if (preview.isError) {
    if (preview.error instanceof ApiError && preview.error.status === 404) {
      return <InvalidInvitation />;
    }
    return (
      <PublicPage title="Invitation">
        <ErrorAlert title="Could not load the invitation">
          {describeError(preview.error).detail}
        </ErrorAlert>
        <Button
          variant="outline"
          onClick={() => void preview.refetch()}
          disabled={preview.isFetching}
        >
          {preview.isFetching && <Spinner />}
          Try again
        </Button>
      </PublicPage>
    );
  }

  return <Invitation token={token} preview={preview.data} me={me ?? null} />;
}

export function InvalidInvitation() {
  return (
    <PublicPage
      title="This invitation is no longer valid"
      icon={
        <PublicIcon tone="muted">
          <Link2Off />
        </PublicIcon>
      }
      footer={
        <p>
          Already joined?{" "}
          <Link to="/login" className={linkClassName}>
            Sign in
          </Link>
        </p>
      }
    >
      <p className="text-sm">
        The link has been used already, was withdrawn, or is more than 7 days old: each invitation
        works once, for a week.
      </p>
      <p className="text-sm text-muted-foreground">
        Ask the person who invited you to send a new invitation from the workspace's Members page.
      </p>
    </PublicPage>
  );
}

function Invitation({
  token,
  preview,
  me,
}: {
  token: string;
  preview: InvitationPreview;
  me: Me | null;
}) {
  const router = useRouter();
  const accept = useAcceptInvitation(token);
  const role = ROLES.find((r) => r.value === preview.role);
  const [acceptError, setAcceptError] = useState<string | null>(null);

  const onAccepted = (user: Me) => {
    toast(`Welcome to ${preview.workspace_name}`);
    void router.navigate({ href: landingPath(preview, user), replace: true });
  };

  /** The signed-in person with the invited address joins (no body). */
  const join = () => {
    setAcceptError(null);
    accept.mutate(undefined, {
      onSuccess: (data) => onAccepted(data.user),
      onError: (error) => setAcceptError(acceptErrorMessage(error, preview, me)),
    });
  };

  const sameAddress = me !== null && me.email.toLowerCase() === preview.email.toLowerCase();

  return (
    <PublicPage
      title={`Join ${preview.workspace_name}`}
      icon={
        <PublicIcon>
          <UserPlus />
        </PublicIcon>
      }
      lead={
        <p>
          <span className="font-medium text-foreground">{preview.invited_by}</span> invited{" "}
          <span className="font-medium break-words text-foreground">{preview.email}</span> to{" "}
          {preview.workspace_name} on Pilotboard as{" "}
          <span className="font-medium text-foreground">{roleLabel(preview.role)}</span>.
        </p>
      }
      footer={
        !preview.account_exists && (
          <p>
            Already have an account with another address? Ask {preview.invited_by} to invite that
            one instead.
          </p>
        )
      }
    >
      {role && (
        <p className="rounded-md bg-muted px-3 py-2 text-sm">
          <span className="font-medium">{role.label}: </span>
          {role.description}
        </p>
      )}
      {!preview.account_exists ? (
        <NewAccountForm token={token} preview={preview} me={me} onAccepted={onAccepted} />
      ) : me === null ? (
        <SignInToAccept
          preview={preview}
          onSignedIn={(user) => {
            if (user.email.toLowerCase() !== preview.email.toLowerCase()) {
              setAcceptError(wrongUserMessage(preview, user));
              return;
            }
            join();
          }}
          error={acceptError}
          pending={accept.isPending}
        />
      ) : sameAddress ? (
        <div className="flex flex-col gap-3">
          <p className="text-sm">
            You are signed in as <span className="font-medium">{me.name}</span> ({me.email}).
          </p>
          {acceptError && <ErrorAlert title="Could not join">{acceptError}</ErrorAlert>}
          <Button onClick={join} disabled={accept.isPending} className="w-full">
            {accept.isPending ? <Spinner /> : <LogIn aria-hidden="true" />}
            {accept.isPending ? "Joining…" : `Join ${preview.workspace_name}`}
          </Button>
        </div>
      ) : (
        <WrongUser preview={preview} me={me} />
      )}
    </PublicPage>
  );
}

function wrongUserMessage(preview: InvitationPreview, me: Pick<Me, "email">): string {
  return `This invitation is for ${preview.email}, but you are signed in as ${me.email}. Sign out, then sign in as ${preview.email} to accept it.`;
}

/** What to say when accepting failed: the wrong person (403), a dead link (404), or the detail. */
export function acceptErrorMessage(
  error: unknown,
  preview: InvitationPreview,
  me: Pick<Me, "email"> | null,
): string {
  if (error instanceof ApiError && error.status === 403) {
    return me
      ? wrongUserMessage(preview, me)
      : `This invitation is for ${preview.email}: sign in with that address to accept it.`;
  }
  if (error instanceof ApiError && error.status === 404) {
    return "This invitation is no longer valid: it was used, withdrawn, or is more than 7 days old.";
  }
  return describeError(error).detail;
}

/** Signed in as someone else: say so plainly, and offer to sign out here. */
function WrongUser({ preview, me }: { preview: InvitationPreview; me: Me }) {
  const queryClient = useQueryClient();
  const logout = useMutation({
    mutationFn: () => unwrap(client.POST("/api/v1/auth/logout")),
    onSettled: () => {
      queryClient.removeQueries({
        predicate: (q) => isPersonal(q.queryKey) && q.queryKey[0] !== "auth",
      });
      queryClient.setQueryData(authKeys.me(), null);
    },
  });
  return (
    <div className="flex flex-col gap-3">
      <div
        role="alert"
        className="rounded-lg border border-warning-border bg-warning px-3 py-2.5 text-sm text-warning-foreground"
      >
        <p className="font-medium">This invitation is for someone else</p>
        <p>
          It was sent to <span className="font-medium break-words">{preview.email}</span>, but you
          are signed in as <span className="font-medium break-words">{me.email}</span>. Sign out,
          then sign in as {preview.email} to accept it.
        </p>
      </div>
      <Button
        variant="outline"
        onClick={() => logout.mutate()}
        disabled={logout.isPending}
        className="w-full"
      >
        {logout.isPending && <Spinner />}
        Sign out of {me.email}
      </Button>
    </div>
  );
}

function SignInToAccept({
  preview,
  onSignedIn,
  error,
  pending,
}: {
  preview: InvitationPreview;
  onSignedIn: (me: Me) => void;
  error: string | null;
  pending: boolean;
}) {
  const queryClient = useQueryClient();
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm">
        There is already a Pilotboard account for {preview.email}. Sign in to accept the invitation.
      </p>
      {error && <ErrorAlert title="Could not join">{error}</ErrorAlert>}
      {pending ? (
        <p role="status" className="flex items-center gap-2 text-sm">
          <Spinner /> Joining {preview.workspace_name}…
        </p>
      ) : (
        <LoginForm
          defaultEmail={preview.email}
          submitLabel="Sign in and join"
          onSignedIn={() => {
            const user = queryClient.getQueryData<Me | null>(authKeys.me());
            if (user) onSignedIn(user);
          }}
        />
      )}
    </div>
  );
}

function NewAccountForm({
  token,
  preview,
  me,
  onAccepted,
}: {
  token: string;
  preview: InvitationPreview;
  me: Me | null;
  onAccepted: (user: Me) => void;
}) {
  const accept = useAcceptInvitation(token);
  const [formError, setFormError] = useState<string | null>(null);
  const [showPassword, setShowPassword] = useState(false);
  const schema = useMemo(() => newAccountSchema(preview.email), [preview.email]);
  const form = useForm<NewAccountValues>({
    resolver: zodResolver(schema),
    defaultValues: { name: "", password: "" },
  });
  const { errors } = form.formState;

  const onSubmit = form.handleSubmit((values) => {
    setFormError(null);
    accept.mutate(
      { name: values.name, password: values.password },
      {
        onSuccess: (data) => onAccepted(data.user),
        onError: (error) => {
          if (error instanceof ApiError && error.status === 404) {
            setFormError(acceptErrorMessage(error, preview, me));
            return;
          }
          setFormError(applyProblem(error, form.setError, ["name", "password"] as const));
        },
      },
    );
  });

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-4">
      <p className="text-sm">Create your account to join.</p>
      {me && (
        <p className="rounded-md bg-muted px-3 py-2 text-sm text-muted-foreground">
          You are signed in as {me.email}. Creating this account signs you in as the new person
          instead.
        </p>
      )}
      {formError && <ErrorAlert title="Could not create your account">{formError}</ErrorAlert>}
      <Field label="Your name" help="As your colleagues will see it." error={errors.name?.message}>
        {(props) => <Input {...props} autoComplete="name" {...form.register("name")} />}
      </Field>
      <Field label="Email" help="Set by the invitation.">
        {(props) => (
          <Input
            {...props}
            type="email"
            autoComplete="username"
            value={preview.email}
            readOnly
            className="bg-muted"
          />
        )}
      </Field>
      <Field
        label="Password"
        help="At least 12 characters, not your email address. A few words you will remember work well."
        error={errors.password?.message}
      >
        {(props) => (
          <Input
            {...props}
            type={showPassword ? "text" : "password"}
            autoComplete="new-password"
            {...form.register("password")}
          />
        )}
      </Field>
      <label className="-mt-2 flex cursor-pointer items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={showPassword}
          onChange={(event) => setShowPassword(event.target.checked)}
          className="size-4 accent-[var(--accent)]"
        />
        Show password
      </label>
      <Button type="submit" disabled={accept.isPending} className="w-full">
        {accept.isPending && <Spinner />}
        {accept.isPending ? "Creating your account…" : `Create account and join`}
      </Button>
    </form>
  );
}
