import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import { apiResult, mockGet, renderInRouter } from "@/test/render";
import { UnsubscribePage } from "./unsubscribe-page";

const INFO = { workspace_name: "Demo Telecom", kind: "digest", address: "e***@demo.local" };

describe("UnsubscribePage", () => {
  it("says what will stop, stops it with one button and confirms", async () => {
    mockGet({ "/api/v1/mail/unsubscribe/{token}": { status: 200, body: INFO } });
    const post = vi
      .spyOn(client, "POST")
      .mockResolvedValue(apiResult({ status: 200, body: INFO }) as never);
    renderInRouter(<UnsubscribePage token="tok-1" />);

    expect(
      await screen.findByText(
        /Pilotboard will stop sending the weekly digest from Demo Telecom to/,
      ),
    ).toHaveTextContent("e***@demo.local");
    expect(screen.getByRole("heading", { level: 1, name: "Unsubscribe" })).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Unsubscribe" }));

    expect(post).toHaveBeenCalledWith("/api/v1/mail/unsubscribe/{token}", {
      params: { path: { token: "tok-1" } },
    });
    expect(
      await screen.findByRole("heading", { level: 1, name: "You are unsubscribed" }),
    ).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent(
      "Pilotboard no longer sends the weekly digest from Demo Telecom to e***@demo.local.",
    );
  });

  it("says plainly when the link is no longer valid", async () => {
    mockGet({});
    renderInRouter(<UnsubscribePage token="nope" />);
    expect(
      await screen.findByRole("heading", { level: 1, name: "This link is no longer valid" }),
    ).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Unsubscribe" })).not.toBeInTheDocument();
  });
});
