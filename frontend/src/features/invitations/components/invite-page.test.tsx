import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import { apiResult, meReply, mockGet, renderInRouter, SIGNED_OUT } from "@/test/render";
import type { InvitationPreview } from "../queries";
import { InvitePage } from "./invite-page";

const NEW_PERSON: InvitationPreview = {
  workspace_name: "Field services",
  role: "executive",
  invited_by: "Ada Admin",
  email: "noor@example.com",
  account_exists: false,
};
const EXISTING: InvitationPreview = {
  ...NEW_PERSON,
  email: "viewer@e2e.local",
  account_exists: true,
};

const JOINED = (email: string, name: string) => ({
  status: 200,
  body: {
    csrf_token: "csrf",
    user: {
      id: "u-new",
      name,
      email,
      is_admin: false,
      memberships: [
        { workspace_id: "ws-other", workspace_name: "Retail", role: "viewer" },
        { workspace_id: "ws-1", workspace_name: "Field services", role: "executive" },
      ],
    },
  },
});

function setup(preview: InvitationPreview | null, me = SIGNED_OUT) {
  mockGet({
    "/api/v1/auth/me": me,
    ...(preview ? { "/api/v1/invitations/{token}": { status: 200, body: preview } } : {}),
  });
  return renderInRouter(<InvitePage token="tok-1" />, "/invite/tok-1");
}

describe("InvitePage", () => {
  it("says an invitation that was used, withdrawn or expired is no longer valid", async () => {
    setup(null);
    expect(
      await screen.findByRole("heading", { level: 1, name: "This invitation is no longer valid" }),
    ).toBeInTheDocument();
    expect(screen.getByText(/works once, for a week/)).toBeInTheDocument();
  });

  it("lets a new person set a name and password, shows the server's field errors, then lands in the workspace", async () => {
    const post = vi
      .spyOn(client, "POST")
      .mockResolvedValueOnce(
        apiResult({
          status: 422,
          body: {
            status: 422,
            title: "Invalid input",
            errors: [{ loc: ["body", "password"], msg: "The password is too common." }],
          },
        }) as never,
      )
      .mockResolvedValueOnce(apiResult(JOINED("noor@example.com", "Noor Ünal")) as never);
    const { router } = setup(NEW_PERSON);

    expect(
      await screen.findByRole("heading", { level: 1, name: "Join Field services" }),
    ).toBeInTheDocument();
    expect(screen.getByText(/invited/)).toHaveTextContent(
      "Ada Admin invited noor@example.com to Field services on Pilotboard as Executive.",
    );
    expect(screen.getByLabelText("Email")).toHaveValue("noor@example.com");

    await userEvent.type(screen.getByLabelText("Your name"), "Noor Ünal");
    await userEvent.type(screen.getByLabelText("Password"), "short");
    await userEvent.click(screen.getByRole("button", { name: "Create account and join" }));
    expect(await screen.findByText("The password must have at least 12 characters.")).toBeVisible();
    expect(post).not.toHaveBeenCalled();

    await userEvent.clear(screen.getByLabelText("Password"));
    await userEvent.type(screen.getByLabelText("Password"), "correct horse battery");
    await userEvent.click(screen.getByRole("button", { name: "Create account and join" }));
    expect(await screen.findByText("The password is too common.")).toBeVisible();
    expect(screen.getByLabelText("Password")).toHaveAttribute("aria-invalid", "true");
    expect(post).toHaveBeenLastCalledWith("/api/v1/invitations/{token}/accept", {
      params: { path: { token: "tok-1" } },
      body: { name: "Noor Ünal", password: "correct horse battery" },
    });

    await userEvent.click(screen.getByRole("button", { name: "Create account and join" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/w/ws-1"));
  });

  it("asks someone with an account to sign in, then joins", async () => {
    const post = vi
      .spyOn(client, "POST")
      .mockResolvedValueOnce(apiResult(JOINED("viewer@e2e.local", "Vic Viewer")) as never)
      .mockResolvedValueOnce(apiResult(JOINED("viewer@e2e.local", "Vic Viewer")) as never);
    const { router } = setup(EXISTING);

    expect(await screen.findByText(/There is already a Pilotboard account/)).toBeInTheDocument();
    expect(screen.getByLabelText("Email")).toHaveValue("viewer@e2e.local");
    await userEvent.type(screen.getByLabelText("Password"), "e2e-password-123");
    await userEvent.click(screen.getByRole("button", { name: "Sign in and join" }));

    await waitFor(() => expect(router.state.location.pathname).toBe("/w/ws-1"));
    expect(post).toHaveBeenNthCalledWith(1, "/api/v1/auth/login", {
      body: { email: "viewer@e2e.local", password: "e2e-password-123" },
    });
    expect(post).toHaveBeenNthCalledWith(2, "/api/v1/invitations/{token}/accept", {
      params: { path: { token: "tok-1" } },
      body: {},
    });
  });

  it("tells someone signed in as another person that the invitation is not theirs", async () => {
    setup(EXISTING, meReply([], { email: "admin@e2e.local", name: "Ada Admin" }));
    expect(await screen.findByText("This invitation is for someone else")).toBeInTheDocument();
    expect(screen.getByRole("alert")).toHaveTextContent(
      "It was sent to viewer@e2e.local, but you are signed in as admin@e2e.local.",
    );
    expect(screen.getByRole("button", { name: "Sign out of admin@e2e.local" })).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Join/ })).not.toBeInTheDocument();
  });

  it("lets the invited person who is signed in join with one button", async () => {
    const post = vi
      .spyOn(client, "POST")
      .mockResolvedValue(apiResult(JOINED("viewer@e2e.local", "Vic Viewer")) as never);
    const { router } = setup(
      EXISTING,
      meReply([], { email: "viewer@e2e.local", name: "Vic Viewer" }),
    );
    await userEvent.click(await screen.findByRole("button", { name: "Join Field services" }));
    await waitFor(() => expect(router.state.location.pathname).toBe("/w/ws-1"));
    expect(post).toHaveBeenCalledWith("/api/v1/invitations/{token}/accept", {
      params: { path: { token: "tok-1" } },
      body: {},
    });
  });
});
