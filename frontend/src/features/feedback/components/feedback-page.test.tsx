import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import { apiResult, mockGet, renderWithQuery } from "@/test/render";
import type { FeedbackPage as Page } from "../queries";
import { FeedbackPage } from "./feedback-page";

const PAGE_PATH = "/api/v1/feedback/{token}";

const PAGE: Page = {
  workspace_name: "Acme Logistics",
  pilot_title: "Same-day dressings",
  customer_name: "St. Agnes Hospital",
  contact_name: "Anna Kowalczyk, ward nurse",
  iteration: {
    number: 3,
    started_on: "2026-11-27",
    summary: "We restock your wards every morning at 6:00.",
  },
};

const RECEIPT = { id: "r1", created_at: "2026-12-01T10:00:00Z", iteration_number: 3 };

function problem(status: number, body: Record<string, unknown>, headers: HeadersInit = {}) {
  const response = new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/problem+json", ...headers },
  });
  return { data: undefined, error: body, response };
}

async function answer(difference: string, effort: string) {
  await userEvent.click(
    within(
      screen.getByRole("radiogroup", { name: "How much difference does this make for you?" }),
    ).getByRole("radio", { name: difference }),
  );
  await userEvent.click(
    within(
      screen.getByRole("radiogroup", { name: "How easy is working with the team on it?" }),
    ).getByRole("radio", { name: effort }),
  );
}

describe("FeedbackPage", () => {
  it("shows the workspace, the pilot and the iteration's summary, and nothing else is asked of the API", async () => {
    const get = mockGet({ [PAGE_PATH]: { status: 200, body: PAGE } });
    renderWithQuery(<FeedbackPage token="tok" />);

    expect(
      await screen.findByRole("heading", { level: 1, name: "How is the pilot going for you?" }),
    ).toBeInTheDocument();
    expect(screen.getByText(/would like to know how/)).toHaveTextContent(
      "Acme Logistics would like to know how Same-day dressings is going for you at St. Agnes Hospital.",
    );
    expect(screen.getByText(/This link was made for Anna Kowalczyk, ward nurse/)).toBeVisible();
    const note = screen.getByRole("region", { name: "What changed lately" });
    expect(note).toHaveTextContent("Iteration 3, since");
    expect(note).toHaveTextContent("We restock your wards every morning at 6:00.");
    // Words at both ends of each scale, for screen readers on the end options.
    const difference = screen.getByRole("radiogroup", {
      name: "How much difference does this make for you?",
    });
    expect(within(difference).getAllByRole("radio")).toHaveLength(5);
    expect(within(difference).getByRole("radio", { name: "1, no difference" })).toBeInTheDocument();
    expect(within(difference).getByRole("radio", { name: "5, a great deal" })).toBeInTheDocument();
    expect(
      screen.getByLabelText("Anything you want to tell the team?"),
    ).toHaveAccessibleDescription(
      "Optional. What works, what does not, in your own words. 0 of 4,000 characters used.",
    );
    expect(get.mock.calls.map((call) => (call as unknown[])[0])).toEqual([PAGE_PATH]);
  });

  it("asks for both scores before sending, then sends once with an Idempotency-Key and thanks", async () => {
    mockGet({ [PAGE_PATH]: { status: 200, body: PAGE } });
    const post = vi
      .spyOn(client, "POST")
      .mockResolvedValue(apiResult({ status: 201, body: RECEIPT }) as never);
    renderWithQuery(<FeedbackPage token="tok" />);
    await screen.findByRole("heading", { level: 1, name: "How is the pilot going for you?" });

    await userEvent.click(screen.getByRole("button", { name: "Send my answers" }));
    expect(
      await screen.findByText("Choose how much difference it makes for you, from 1 to 5."),
    ).toBeInTheDocument();
    expect(
      screen.getByText("Choose how easy working with the team is, from 1 to 5."),
    ).toBeInTheDocument();
    expect(post).not.toHaveBeenCalled();

    await answer("4", "5, very easy");
    await userEvent.type(screen.getByLabelText("Anything you want to tell the team?"), "  Good.  ");
    await userEvent.click(screen.getByRole("button", { name: "Send my answers" }));

    expect(await screen.findByRole("heading", { level: 1, name: "Thank you" })).toBeVisible();
    expect(screen.getByRole("status")).toHaveTextContent(
      "Your answers reached the team running Same-day dressings at Acme Logistics.",
    );
    expect(post).toHaveBeenCalledTimes(1);
    const [path, options] = post.mock.calls[0] as unknown as [
      string,
      { params: { path: { token: string }; header: { "Idempotency-Key": string } }; body: unknown },
    ];
    expect(path).toBe(PAGE_PATH);
    expect(options.params.path).toEqual({ token: "tok" });
    expect(options.params.header["Idempotency-Key"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(options.body).toEqual({
      respondent_name: "",
      difference: 4,
      effort: 5,
      comment: "Good.",
      new_needs: "",
    });

    // Someone else answers next: an empty form, and a fresh key for their answers.
    await userEvent.click(screen.getByRole("button", { name: "Answer as someone else" }));
    expect(screen.getByLabelText("Anything you want to tell the team?")).toHaveValue("");
    await answer("4", "5, very easy");
    await userEvent.type(screen.getByLabelText("Anything you want to tell the team?"), "Good.");
    await userEvent.click(screen.getByRole("button", { name: "Send my answers" }));
    await screen.findByRole("heading", { level: 1, name: "Thank you" });
    const second = post.mock.calls[1] as unknown as [
      string,
      { params: { header: { "Idempotency-Key": string } } },
    ];
    expect(second[1].params.header["Idempotency-Key"]).not.toBe(
      options.params.header["Idempotency-Key"],
    );
  }, 10_000); // many clicks and keystrokes: slow on a busy machine

  it("puts the server's field error at its field and keeps the answers after too many today", async () => {
    mockGet({ [PAGE_PATH]: { status: 200, body: PAGE } });
    const post = vi
      .spyOn(client, "POST")
      .mockResolvedValueOnce(
        problem(422, {
          title: "Unprocessable Content",
          status: 422,
          errors: [{ loc: ["body", "comment"], msg: "Remove the control characters." }],
        }) as never,
      )
      .mockResolvedValueOnce(
        problem(
          429,
          { title: "Too Many Requests", status: 429, detail: "20 answers a day." },
          { "Retry-After": "18000" },
        ) as never,
      );
    renderWithQuery(<FeedbackPage token="tok" />);
    await screen.findByRole("heading", { level: 1, name: "How is the pilot going for you?" });
    await answer("3", "3");
    await userEvent.type(screen.getByLabelText("Anything you want to tell the team?"), "Hm");
    await userEvent.click(screen.getByRole("button", { name: "Send my answers" }));
    expect(
      screen.getByLabelText("Anything you want to tell the team?"),
    ).toHaveAccessibleDescription(expect.stringContaining("Remove the control characters."));

    await userEvent.click(screen.getByRole("button", { name: "Send my answers" }));
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Too many answers today");
    expect(alert).toHaveTextContent("please send them again in about 5 hours.");
    expect(screen.getByLabelText("Anything you want to tell the team?")).toHaveValue("Hm");
    expect(post).toHaveBeenCalledTimes(2);
  });

  it("says kindly when the link is not valid any more, before or after answering", async () => {
    mockGet({});
    renderWithQuery(<FeedbackPage token="gone" />);
    expect(
      await screen.findByRole("heading", { level: 1, name: "This link is not valid any more" }),
    ).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Send my answers" })).not.toBeInTheDocument();
  });

  it("says when there were too many requests from here", async () => {
    vi.spyOn(client, "GET").mockResolvedValue(
      problem(429, { title: "Too Many Requests", status: 429 }, { "Retry-After": "1200" }) as never,
    );
    renderWithQuery(<FeedbackPage token="tok" />);
    expect(
      await screen.findByRole("heading", { level: 1, name: "Too many requests" }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Please try again in 20 minutes\./)).toBeInTheDocument();
  });
});
