import { cleanup, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type * as React from "react";
import { describe, expect, it, vi } from "vitest";
import { ApiError } from "@/lib/api-error";
import { CommentForm, commentProblem, MAX_COMMENT } from "./comment-form";

const EVELYN = {
  id: "u-eve",
  name: "Evelyn Executive",
  email: "exec@demo.local",
  role: "executive",
};
const ERIN = { id: "u-erin", name: "Erin Editor", email: "editor@demo.local", role: "editor" };
const EMIL = { id: "u-emil", name: "Emil Evans", email: "emil@demo.local", role: "viewer" };
const MEMBERS = [EVELYN, ERIN, EMIL];

function setup(props: Partial<React.ComponentProps<typeof CommentForm>> = {}) {
  const onSubmit = vi.fn(async (_values: { body: string; mentions: string[] }) => undefined);
  render(
    <CommentForm
      label="New comment"
      submitLabel="Comment"
      members={MEMBERS}
      onSubmit={onSubmit}
      {...props}
    />,
  );
  const field = screen.getByRole("textbox", { name: props.label ?? "New comment" });
  return { onSubmit, field, user: userEvent.setup() };
}

const problem = (errors: { loc: (string | number)[]; msg: string }[], status = 422) =>
  new ApiError({ status, title: "Invalid request", detail: "Invalid request", errors });

describe("@mentions in the composer", () => {
  it("suggests members as @ is typed, and ↓ + Enter writes the chosen one", async () => {
    const { field, user, onSubmit } = setup();
    expect(field).toHaveAttribute("aria-autocomplete", "list");
    expect(field).not.toHaveAttribute("aria-controls");

    await user.type(field, "Over to @e");
    const list = screen.getByRole("listbox", { name: "Members to mention" });
    expect(field).toHaveAttribute("aria-controls", list.id);
    const options = within(list).getAllByRole("option");
    // Whole names starting with "e" first, alphabetically.
    expect(options.map((o) => o.textContent)).toEqual([
      "EEEmil EvansViewer",
      "EEErin EditorEditor",
      "EEEvelyn ExecutiveExecutive",
    ]);
    expect(options[0]).toHaveAttribute("aria-selected", "true");
    expect(field).toHaveAttribute("aria-activedescendant", options[0]?.id);
    expect(
      screen.getByText("3 members match. Up and down arrows to choose, Enter to mention."),
    ).toHaveAttribute("role", "status");

    await user.type(field, "v");
    expect(
      within(list)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["EEEvelyn ExecutiveExecutive", "EEEmil EvansViewer"]);
    await user.keyboard("{ArrowDown}{ArrowDown}");
    // Wraps around to the first again.
    expect(field).toHaveAttribute(
      "aria-activedescendant",
      within(list).getByRole("option", { name: /Evelyn/ }).id,
    );
    await user.keyboard("{Enter}");

    expect(field).toHaveValue("Over to @Evelyn Executive ");
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(field).not.toHaveAttribute("aria-activedescendant");
    expect(field).toHaveFocus();
    expect((field as HTMLTextAreaElement).selectionStart).toBe("Over to @Evelyn Executive ".length);

    await user.type(field, "please decide.");
    await user.click(screen.getByRole("button", { name: "Comment" }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        body: "Over to @Evelyn Executive please decide.",
        mentions: ["u-eve"],
      }),
    );
    // Posted: the composer is empty again.
    await waitFor(() => expect(field).toHaveValue(""));
  });

  it("chooses with Tab too, and with a click", async () => {
    const { field, user } = setup();
    await user.type(field, "@eri");
    await user.keyboard("{Tab}");
    expect(field).toHaveValue("@Erin Editor ");
    expect(field).toHaveFocus();

    await user.type(field, "and @emi");
    await user.click(screen.getByRole("option", { name: /Emil Evans/ }));
    expect(field).toHaveValue("@Erin Editor and @Emil Evans ");
  });

  it("closes the list with Escape and keeps what was typed; Enter then makes a new line", async () => {
    const { field, user } = setup();
    await user.type(field, "@ev");
    expect(screen.getByRole("listbox")).toBeVisible();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("listbox")).toBeNull();
    expect(field).toHaveValue("@ev");
    // Typing on in the same @ keeps it closed.
    await user.type(field, "e");
    expect(screen.queryByRole("listbox")).toBeNull();
    await user.keyboard("{Enter}");
    expect(field).toHaveValue("@eve\n");
    // A new @ opens it again.
    await user.type(field, "@er");
    expect(screen.getByRole("option", { name: /Erin Editor/ })).toBeVisible();
  });

  it("reopens for a name chosen by mistake once it is erased back to the @", async () => {
    const { field, user } = setup();
    await user.type(field, "@er");
    await user.keyboard("{Enter}");
    expect(field).toHaveValue("@Erin Editor ");
    expect(screen.queryByRole("listbox")).toBeNull();
    await user.keyboard("{Backspace>12/}");
    expect(field).toHaveValue("@");
    expect(screen.getByRole("listbox")).toBeVisible();
    await user.type(field, "ev");
    await user.keyboard("{Enter}");
    expect(field).toHaveValue("@Evelyn Executive ");
  });

  it("starts again at the best match when the query changes", async () => {
    const { field, user } = setup();
    await user.type(field, "@e");
    await user.keyboard("{ArrowDown}{ArrowDown}");
    expect(screen.getByRole("option", { name: /Evelyn/ })).toHaveAttribute("aria-selected", "true");
    await user.type(field, "r");
    expect(screen.getByRole("option", { name: /Erin/ })).toHaveAttribute("aria-selected", "true");
  });

  it("offers nothing inside an email address or for a name nobody has", async () => {
    const { field, user } = setup();
    await user.type(field, "write to ada@e");
    expect(screen.queryByRole("listbox")).toBeNull();
    await user.type(field, " or @zz");
    expect(screen.queryByRole("listbox")).toBeNull();
  });

  it("sends only the mentions still written in the text", async () => {
    const { field, user, onSubmit } = setup();
    await user.type(field, "@eri");
    await user.keyboard("{Enter}");
    await user.clear(field);
    await user.type(field, "Never mind, and hi @Evelyn Executive (typed by hand)");
    await user.keyboard("{Control>}{Enter}{/Control}");
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({
        body: "Never mind, and hi @Evelyn Executive (typed by hand)",
        mentions: ["u-eve"],
      }),
    );
  });
});

describe("writing and posting", () => {
  it("posts with Ctrl+Enter, and says what is missing when empty", async () => {
    const { field, user, onSubmit } = setup();
    await user.click(field);
    await user.keyboard("{Control>}{Enter}{/Control}");
    expect(await screen.findByText("Write something first.")).toBeVisible();
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(field).toHaveAccessibleDescription(expect.stringContaining("Write something first."));
    expect(onSubmit).not.toHaveBeenCalled();

    await user.type(field, "Looks good");
    await user.keyboard("{Meta>}{Enter}{/Meta}");
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({ body: "Looks good", mentions: [] }),
    );
  });

  it("previews the Markdown and goes back to writing", async () => {
    const { field, user } = setup();
    await user.type(field, "**Stock-outs** down, see <script>x</script>");
    await user.click(screen.getByRole("tab", { name: "Preview" }));
    const panel = screen.getByRole("tabpanel", { name: "Preview" });
    expect(within(panel).getByText("Stock-outs").tagName).toBe("STRONG");
    expect(panel).toHaveTextContent("down, see <script>x</script>");
    expect(panel.querySelector("script")).toBeNull();
    expect(field).not.toBeVisible();

    await user.click(screen.getByRole("tab", { name: "Write" }));
    expect(field).toBeVisible();
    expect(field).toHaveValue("**Stock-outs** down, see <script>x</script>");
  });

  it("counts characters near the limit and refuses a comment over it", async () => {
    const { field, user, onSubmit } = setup({ initialBody: "a".repeat(8_999) });
    expect(screen.queryByText(/ \/ 10,000/)).toBeNull();
    await user.type(field, "b");
    expect(screen.getByText("9,000 / 10,000")).toBeVisible();
    expect(field).toHaveAccessibleDescription(expect.stringContaining("9,000 / 10,000"));
    expect(screen.getByText("1,000 characters left or fewer.")).toBeInTheDocument();

    await user.click(field);
    await user.paste("c".repeat(MAX_COMMENT - 9_000 + 12));
    expect(screen.getByText(/10,012 \/ 10,000/)).toHaveTextContent("10,012 / 10,000 · 12 over");
    await user.click(screen.getByRole("button", { name: "Comment" }));
    expect(
      await screen.findByText("A comment can have at most 10,000 characters: shorten it by 12."),
    ).toBeVisible();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it("puts the server's objection on the field, naming who cannot be mentioned", async () => {
    const { field, user, onSubmit } = setup();
    onSubmit.mockRejectedValueOnce(
      problem([{ loc: ["body", "mentions", 0], msg: "Not an active member of this workspace." }]),
    );
    await user.type(field, "@emi");
    await user.keyboard("{Enter}");
    await user.type(field, "FYI");
    await user.click(screen.getByRole("button", { name: "Comment" }));
    expect(
      await screen.findByText("Emil Evans: Not an active member of this workspace."),
    ).toBeVisible();
    expect(field).toHaveAttribute("aria-invalid", "true");
    // Nothing was lost.
    expect(field).toHaveValue("@Emil Evans FYI");
    // Editing the text clears the server's objection.
    await user.type(field, "!");
    expect(screen.queryByText(/Not an active member/)).toBeNull();
  });

  it("keeps a draft per key until it is posted", async () => {
    const key = "pilotboard:comment-draft:ws:p1";
    const first = setup({ draftKey: key });
    await first.user.type(first.field, "Half a thought");
    expect(window.localStorage.getItem(key)).toBe("Half a thought");
    cleanup();

    const again = setup({ draftKey: key });
    expect(again.field).toHaveValue("Half a thought");
    await again.user.click(screen.getByRole("button", { name: "Comment" }));
    await waitFor(() => expect(again.onSubmit).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(window.localStorage.getItem(key)).toBeNull());
  });

  it("edits with Save and Cancel", async () => {
    const onCancel = vi.fn();
    const { field, user, onSubmit } = setup({
      label: "Edit comment",
      submitLabel: "Save",
      initialBody: "Old text",
      onCancel,
    });
    expect(field).toHaveValue("Old text");
    await user.click(screen.getByRole("button", { name: "Cancel" }));
    expect(onCancel).toHaveBeenCalledTimes(1);
    await user.type(field, " and new");
    await user.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() =>
      expect(onSubmit).toHaveBeenCalledWith({ body: "Old text and new", mentions: [] }),
    );
  });
});

describe("commentProblem", () => {
  it("says plainly when the comment changed elsewhere", () => {
    expect(
      commentProblem(
        new ApiError({ status: 412, title: "Changed" }),
        { body: "", mentions: [] },
        [],
      ),
    ).toEqual({
      field: null,
      form: "This comment changed since the page was loaded: the thread now shows it as it is.",
    });
  });

  it("puts a refused body on the field and anything else above the buttons", () => {
    expect(
      commentProblem(
        problem([
          { loc: ["body", "body"], msg: "String should have at most 10000 characters" },
          { loc: ["query", "x"], msg: "Something else" },
        ]),
        { body: "x", mentions: [] },
        MEMBERS,
      ),
    ).toEqual({ field: "String should have at most 10000 characters", form: "Something else" });
  });
});
