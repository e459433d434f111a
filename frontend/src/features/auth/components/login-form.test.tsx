import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import { apiResult, renderWithQuery } from "@/test/render";
import { LoginForm } from "./login-form";

async function fillAndSubmit(email: string, password: string) {
  await userEvent.type(screen.getByLabelText("Email"), email);
  await userEvent.type(screen.getByLabelText("Password"), password);
  await userEvent.keyboard("{Enter}");
}

describe("LoginForm", () => {
  it("shows field errors and focuses the first invalid field", async () => {
    const post = vi.spyOn(client, "POST");
    renderWithQuery(<LoginForm onSignedIn={() => {}} />);

    await userEvent.click(screen.getByRole("button", { name: "Sign in" }));

    expect(await screen.findByText("Enter your email address.")).toBeInTheDocument();
    expect(screen.getByText("Enter your password.")).toBeInTheDocument();
    expect(screen.getByLabelText("Email")).toHaveFocus();
    expect(screen.getByLabelText("Email")).toHaveAttribute("aria-invalid", "true");
    expect(post).not.toHaveBeenCalled();
  });

  it("shows the server's message for wrong credentials and moves focus to it", async () => {
    vi.spyOn(client, "POST").mockResolvedValue(
      apiResult({
        status: 401,
        body: { status: 401, title: "Unauthorized", detail: "The email or password is not right." },
      }) as never,
    );
    const onSignedIn = vi.fn();
    renderWithQuery(<LoginForm onSignedIn={onSignedIn} />);

    await fillAndSubmit("admin@e2e.local", "wrong-password");

    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Could not sign in");
    expect(alert).toHaveTextContent("The email or password is not right.");
    expect(alert).toHaveFocus();
    expect(screen.getByLabelText("Password")).toHaveValue("");
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it("says how long to wait when sign-in is throttled", async () => {
    vi.spyOn(client, "POST").mockResolvedValue(
      apiResult({
        status: 429,
        body: {
          status: 429,
          title: "Too many requests",
          detail: "Too many failed sign-ins. Try again in 30 seconds.",
        },
      }) as never,
    );
    renderWithQuery(<LoginForm onSignedIn={() => {}} />);

    await fillAndSubmit("admin@e2e.local", "x");

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Too many failed sign-ins. Try again in 30 seconds.",
    );
  });

  it("signs in and hands over", async () => {
    const user = {
      id: "u",
      email: "admin@e2e.local",
      name: "Ada",
      is_admin: false,
      memberships: [],
    };
    const post = vi
      .spyOn(client, "POST")
      .mockResolvedValue(apiResult({ status: 200, body: { user, csrf_token: "t" } }) as never);
    const onSignedIn = vi.fn();
    renderWithQuery(<LoginForm onSignedIn={onSignedIn} />);

    await fillAndSubmit(" admin@e2e.local ", "e2e-password-123");

    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledTimes(1));
    expect(post).toHaveBeenCalledWith("/api/v1/auth/login", {
      body: { email: "admin@e2e.local", password: "e2e-password-123" },
    });
  });
});
