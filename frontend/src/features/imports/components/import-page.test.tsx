import { QueryClientProvider } from "@tanstack/react-query";
import {
  createMemoryHistory,
  createRootRoute,
  createRouter,
  RouterProvider,
} from "@tanstack/react-router";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import { apiResult, createTestQueryClient, meReply, mockGet } from "@/test/render";
import { ImportPage } from "./import-page";

const REPORT = { rows: 3, valid: 3, errors: [], created: 2, updated: 1, unchanged: 0 };

function setup(role: "editor" | "viewer") {
  mockGet({
    "/api/v1/auth/me": meReply([{ workspace_id: "ws", workspace_name: "Acme", role }]),
  });
  const router = createRouter({
    routeTree: createRootRoute({
      component: () => <ImportPage workspaceId="ws" kind="customers" onKindChange={() => {}} />,
    }),
    history: createMemoryHistory({ initialEntries: ["/"] }),
  });
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

type PostOptions = {
  params?: { query?: unknown };
  bodySerializer?: (body: unknown) => unknown;
};
/** The options openapi-fetch's POST was called with. */
const optionsOf = (call: unknown): PostOptions => (call as [string, PostOptions])[1];

const csv = (text: string) => new File([text], "customers.csv", { type: "text/csv" });

describe("ImportPage", () => {
  it("tells viewers who can import", async () => {
    setup("viewer");
    expect(
      await screen.findByRole("heading", { name: "Only editors and admins can import" }),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText("CSV file")).toBeNull();
  });

  it("previews a file with errors as a table and does not offer to import it", async () => {
    setup("editor");
    const post = vi.spyOn(client, "POST").mockResolvedValue(
      apiResult({
        status: 200,
        body: {
          ...REPORT,
          dry_run: true,
          valid: 1,
          errors: [
            { row: 2, field: "annual_revenue", message: "Not a number: “lots”." },
            {
              row: 4,
              field: null,
              message: "This line has 3 values but the header names 2 columns.",
            },
          ],
        },
      }) as never,
    );

    await userEvent.upload(await screen.findByLabelText("CSV file"), csv("name\nA\nB\nC\n"));

    const table = await screen.findByRole("table", { name: "2 problems" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(
      rows.map((row) =>
        within(row)
          .getAllByRole("cell")
          .map((c) => c.textContent),
      ),
    ).toEqual([
      ["Line 2", "Column annual_revenue", "Not a number: “lots”."],
      ["Line 4", "Column Whole line", "This line has 3 values but the header names 2 columns."],
    ]);
    expect(
      screen.getByRole("heading", { name: "Fix the file before importing" }),
    ).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /^Import / })).toBeNull();
    expect(post).toHaveBeenCalledTimes(1);
    expect(optionsOf(post.mock.calls[0]).params?.query).toEqual({ dry_run: true });
  });

  it("imports a valid file after the preview and shows what changed", async () => {
    setup("editor");
    const post = vi
      .spyOn(client, "POST")
      .mockResolvedValueOnce(
        apiResult({ status: 200, body: { ...REPORT, dry_run: true } }) as never,
      )
      .mockResolvedValueOnce(
        apiResult({ status: 200, body: { ...REPORT, dry_run: false } }) as never,
      );

    await userEvent.upload(await screen.findByLabelText("CSV file"), csv("name\nA\nB\nC\n"));
    expect(
      await screen.findByText("Importing gives 2 new customers, 1 updated, 0 unchanged."),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Import 3 customers" }));

    expect(await screen.findByRole("heading", { name: "Import complete" })).toBeInTheDocument();
    expect(screen.getByRole("link", { name: "View customers" })).toHaveAttribute(
      "href",
      "/w/ws/customers",
    );
    expect(post.mock.calls.map((call) => optionsOf(call).params?.query)).toEqual([
      { dry_run: true },
      { dry_run: false },
    ]);
    const form = optionsOf(post.mock.calls[1]).bodySerializer?.({}) as FormData;
    expect((form.get("file") as File).name).toBe("customers.csv");
  });

  it("shows the rows of a real import refused for invalid records", async () => {
    setup("editor");
    vi.spyOn(client, "POST")
      .mockResolvedValueOnce(
        apiResult({ status: 200, body: { ...REPORT, dry_run: true } }) as never,
      )
      .mockResolvedValueOnce(
        apiResult({
          status: 422,
          body: {
            type: "https://pilotboard.dev/problems/validation",
            title: "Invalid request",
            status: 422,
            detail: "1 record is invalid; nothing was imported.",
            errors: [{ row: 3, field: "name", message: "A customer needs a name." }],
          },
        }) as never,
      );

    await userEvent.upload(await screen.findByLabelText("CSV file"), csv("name\nA\nB\nC\n"));
    await userEvent.click(await screen.findByRole("button", { name: "Import 3 customers" }));

    const table = await screen.findByRole("table", { name: "1 problem" });
    expect(
      within(table)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    ).toEqual(["Line 3", "Column name", "A customer needs a name."]);
    expect(screen.getByRole("alert")).toHaveTextContent(
      "Nothing was imported1 record is invalid; nothing was imported.",
    );
  });

  it("refuses a workbook before uploading it", async () => {
    setup("editor");
    const post = vi.spyOn(client, "POST");
    const workbook = new File(["PK"], "crm.xlsx");

    await userEvent.upload(await screen.findByLabelText("CSV file"), workbook, {
      applyAccept: false,
    });

    expect(await screen.findByRole("alert")).toHaveTextContent(
      "This is a spreadsheet workbook. Save it as “CSV UTF-8” and choose that file.",
    );
    expect(post).not.toHaveBeenCalled();
  });
});
