import { createFileRoute, Link, redirect, useRouter } from "@tanstack/react-router";
import { LogoMark } from "@/components/logo-mark";
import { ThemeToggle } from "@/components/theme-toggle";
import { Card, CardContent } from "@/components/ui/card";
import { LoginForm } from "@/features/auth/components/login-form";
import { meQueryOptions } from "@/features/auth/queries";
import { safeRedirect } from "@/features/auth/redirect";
import { useDocumentTitle } from "@/lib/use-document-title";

type LoginSearch = { redirect?: string };

export const Route = createFileRoute("/login")({
  validateSearch: (search: Record<string, unknown>): LoginSearch =>
    typeof search.redirect === "string" ? { redirect: search.redirect } : {},
  beforeLoad: async ({ context, search }) => {
    const me = await context.queryClient.ensureQueryData(meQueryOptions());
    if (me) throw redirect({ href: safeRedirect(search.redirect) ?? "/" });
  },
  staticData: { bare: true },
  component: LoginPage,
});

function LoginPage() {
  useDocumentTitle("Sign in");
  const search = Route.useSearch();
  const router = useRouter();

  return (
    <div className="flex min-h-dvh flex-col">
      <div className="flex justify-end p-3">
        <ThemeToggle />
      </div>
      <main
        id="main"
        className="flex flex-1 flex-col items-center px-4 pt-4 pb-16 sm:justify-center sm:pt-0"
      >
        <div className="flex w-full max-w-sm flex-col gap-6">
          <div className="flex flex-col items-center gap-3 text-center">
            <LogoMark className="size-9" />
            <h1 className="text-2xl font-semibold tracking-tight">Sign in to Pilotboard</h1>
            <p className="text-sm text-muted-foreground">
              Run, track and scale your pilots with your team.
            </p>
          </div>
          <Card>
            <CardContent className="sm:p-6">
              <LoginForm
                onSignedIn={() =>
                  void router.navigate({
                    href: safeRedirect(search.redirect) ?? "/",
                    replace: true,
                  })
                }
              />
            </CardContent>
          </Card>
          <p className="text-center text-sm text-muted-foreground">
            No account yet? Ask a workspace admin to create one for you.
            <br />
            <Link
              to="/status"
              className="font-medium text-accent-subtle-foreground underline-offset-4 hover:underline"
            >
              System status
            </Link>
          </p>
        </div>
      </main>
    </div>
  );
}
