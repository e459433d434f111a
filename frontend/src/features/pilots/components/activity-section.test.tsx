import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { client } from "@/client";
import type { Comment } from "@/features/comments/queries";
import { apiResult, meReply, mockGet, renderWithQuery } from "@/test/render";
import type { Activity } from "../records/activity";
import { ActivitySection } from "./activity-section";

const WS = "ws";
const COMMENTS = "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/comments";
const COMMENT = "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/comments/{comment_id}";
const ACTIVITY = "/api/v1/workspaces/{workspace_id}/pilots/{pilot_id}/activity";

const MEMBERS = [
  {
    user_id: "u-erin",
    name: "Erin Editor",
    email: "editor@x.test",
    role: "editor",
    is_active: true,
  },
  {
    user_id: "u-eve",
    name: "Evelyn Executive",
    email: "exec@x.test",
    role: "executive",
    is_active: true,
  },
  {
    user_id: "u-gone",
    name: "Gone Person",
    email: "gone@x.test",
    role: "editor",
    is_active: false,
  },
];

const comment = (over: Partial<Comment> & { id: string }): Comment => ({
  etag: `"${over.id}"`,
  body: "Numbers are in.",
  body_html: "<p>Numbers are <strong>in</strong>.</p>",
  author_id: "u-erin",
  author_name: "Erin Editor",
  mentions: [],
  created_at: "2026-11-10T12:00:00Z",
  updated_at: "2026-11-10T12:00:00Z",
  edited_at: null,
  ...over,
});

const change = (id: string, summary: string, at: string, action = "pilot.updated"): Activity => ({
  id,
  action,
  actor_name: "Ada Admin",
  actor_user_id: "u-ada",
  after: null,
  before: null,
  object_id: null,
  object_type: "pilot",
  occurred_at: at,
  pilot_id: "p1",
  summary,
});

const MINE = comment({
  id: "c-mine",
  body: "Stock-outs **down 40%** since iteration 2. <script>alert(1)</script>",
  body_html:
    "<p>Stock-outs <strong>down 40%</strong> since iteration 2. &lt;script&gt;alert(1)&lt;/script&gt;</p>",
  created_at: "2026-11-10T12:00:00Z",
  edited_at: "2026-11-10T14:30:00Z",
});
const THEIRS = comment({
  id: "c-theirs",
  author_id: "u-eve",
  author_name: "Evelyn Executive",
  body: "Can we decide on Monday?",
  body_html: "<p>Can we decide on Monday?</p>",
  created_at: "2026-11-08T09:00:00Z",
});
const CHANGES = [
  change("a-mine", "Comment: Stock-outs…", "2026-11-10T12:00:00Z", "comment.created"),
  change("a-stage", "moved the pilot to Running", "2026-11-09T08:00:00Z"),
  change("a-theirs", "Comment: Can we…", "2026-11-08T09:00:00Z", "comment.created"),
  change("a-created", "created the pilot", "2026-11-01T08:00:00Z"),
];

function setup({
  role = "editor",
  me = "u-erin",
  comments = [MINE, THEIRS],
  hash = "",
  filter = "all" as const,
  activityHeld,
}: {
  role?: string;
  me?: string;
  comments?: Comment[];
  hash?: string;
  filter?: "all" | "comments" | "changes";
  /** The activity's reply waits for this. */
  activityHeld?: Promise<void>;
} = {}) {
  const replies = {
    "/api/v1/auth/me": meReply([{ workspace_id: WS, workspace_name: "Demo", role }], { id: me }),
    "/api/v1/workspaces/{workspace_id}/members": {
      status: 200,
      body: { items: MEMBERS, next_cursor: null },
    },
    [COMMENTS]: { status: 200, body: { items: comments, next_cursor: null } },
    [ACTIVITY]: { status: 200, body: { items: CHANGES, next_cursor: null } },
  };
  const get = mockGet(replies);
  if (activityHeld) {
    get.mockImplementation((async (path: string) => {
      if (path === ACTIVITY) await activityHeld;
      return apiResult(replies[path as keyof typeof replies]);
    }) as never);
  }
  const onFilterChange = vi.fn();
  renderWithQuery(
    <ActivitySection
      workspaceId={WS}
      pilotId="p1"
      hash={hash}
      filter={filter}
      onFilterChange={onFilterChange}
    />,
  );
  const section = screen.getByRole("region", { name: "Discussion and activity" });
  return { get, replies, section, onFilterChange, user: userEvent.setup() };
}

const timeline = (section: HTMLElement) =>
  within(section).findByRole("list", { name: "Discussion and activity, newest first" });

describe("the discussion woven into the activity", () => {
  it("shows comments and changes newest first, each comment once, as the server rendered it", async () => {
    const { section } = setup();
    const list = await timeline(section);
    const items = within(list).getAllByRole("listitem");
    // A comment is an article (its anchor id); a change is a line of text.
    expect(
      items.map((li) => li.querySelector("article")?.id ?? li.querySelector("p")?.textContent),
    ).toEqual([
      "comment-c-mine",
      "Ada Admin moved the pilot to Running",
      "comment-c-theirs",
      "Ada Admin created the pilot",
    ]);
    const mine = within(list).getByRole("article", { name: "Erin Editor commented" });
    expect(mine).toHaveAttribute("id", "comment-c-mine");
    expect(within(mine).getByText("down 40%").tagName).toBe("STRONG");
    // The script the author typed is text, not an element.
    expect(mine).toHaveTextContent("<script>alert(1)</script>");
    expect(mine.querySelector("script")).toBeNull();
  });

  it("marks an edited comment, with the time of the edit", async () => {
    const { section } = setup();
    const list = await timeline(section);
    const mine = within(list).getByRole("article", { name: "Erin Editor commented" });
    const edited = within(mine).getByRole("button", { name: "edited" });
    expect(edited.getAttribute("title")).toMatch(/^Edited /);
    const theirs = within(list).getByRole("article", { name: "Evelyn Executive commented" });
    expect(within(theirs).queryByRole("button", { name: "edited" })).toBeNull();
  });

  it("offers Edit and Delete on one's own comment only", async () => {
    const { section } = setup();
    const list = await timeline(section);
    const mine = within(list).getByRole("article", { name: "Erin Editor commented" });
    const theirs = within(list).getByRole("article", { name: "Evelyn Executive commented" });
    await waitFor(() =>
      expect(within(mine).getByRole("button", { name: "Edit your comment" })).toBeVisible(),
    );
    expect(within(mine).getByRole("button", { name: "Delete your comment" })).toBeVisible();
    expect(within(theirs).queryByRole("button", { name: /Edit|Delete/ })).toBeNull();
  });

  it("lets an admin delete anyone's comment, but edit only their own", async () => {
    const { section } = setup({ role: "admin", me: "u-ada" });
    const list = await timeline(section);
    const theirs = within(list).getByRole("article", { name: "Evelyn Executive commented" });
    await waitFor(() =>
      expect(
        within(theirs).getByRole("button", { name: "Delete Evelyn Executive's comment" }),
      ).toBeVisible(),
    );
    expect(within(theirs).queryByRole("button", { name: /Edit/ })).toBeNull();
  });

  it("narrows to comments or changes through the filter", async () => {
    const { section, user, onFilterChange } = setup({ filter: "comments" });
    const list = await within(section).findByRole("list", { name: "Comments, newest first" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(2);
    const filter = within(section).getByRole("group", { name: "Show" });
    expect(within(filter).getByRole("button", { name: "Comments 2" })).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    await user.click(within(filter).getByRole("button", { name: "Changes" }));
    expect(onFilterChange).toHaveBeenCalledWith("changes");
  });
});

describe("writing", () => {
  it("posts a comment with its mentions and shows it", async () => {
    const { section, user, replies } = setup({ comments: [THEIRS] });
    const posted = comment({
      id: "c-new",
      body: "@Evelyn Executive yes, Monday.",
      body_html: "<p>@Evelyn Executive yes, Monday.</p>",
      mentions: ["u-eve"],
      created_at: "2026-11-11T09:00:00Z",
    });
    const post = vi.spyOn(client, "POST").mockImplementation((async () => {
      replies[COMMENTS] = { status: 200, body: { items: [posted, THEIRS], next_cursor: null } };
      return apiResult({ status: 201, body: posted });
    }) as never);

    const field = await within(section).findByRole("textbox", { name: "New comment" });
    await user.type(field, "@eve");
    // Only active members are offered.
    expect(
      within(section)
        .getAllByRole("option")
        .map((o) => o.textContent),
    ).toEqual(["EEEvelyn ExecutiveExecutive"]);
    await user.keyboard("{Enter}");
    await user.type(field, "yes, Monday.");
    await user.keyboard("{Control>}{Enter}{/Control}");

    await waitFor(() =>
      expect(post).toHaveBeenCalledWith(
        COMMENTS,
        expect.objectContaining({
          params: expect.objectContaining({ path: { workspace_id: WS, pilot_id: "p1" } }),
          body: { body: "@Evelyn Executive yes, Monday.", mentions: ["u-eve"] },
        }),
      ),
    );
    const list = await timeline(section);
    const shown = await within(list).findByRole("article", { name: "Erin Editor commented" });
    expect(shown).toHaveTextContent("@Evelyn Executive yes, Monday.");
    // The member mentioned is marked in the text.
    expect(shown.querySelector("[data-mention]")).toHaveTextContent("@Evelyn Executive");
    expect(field).toHaveValue("");
  });

  it("edits one's own comment in place and puts focus back on it", async () => {
    const { section, user, replies } = setup();
    const edited = { ...MINE, body: "Down 45%.", body_html: "<p>Down 45%.</p>" };
    const patch = vi.spyOn(client, "PATCH").mockImplementation((async () => {
      replies[COMMENTS] = { status: 200, body: { items: [edited, THEIRS], next_cursor: null } };
      return apiResult({ status: 200, body: edited });
    }) as never);
    const list = await timeline(section);
    const mine = within(list).getByRole("article", { name: "Erin Editor commented" });
    await user.click(await within(mine).findByRole("button", { name: "Edit your comment" }));
    const field = within(mine).getByRole("textbox", { name: "Edit comment" });
    await waitFor(() => expect(field).toHaveFocus());
    expect(field).toHaveValue(MINE.body);
    await user.clear(field);
    await user.type(field, "Down 45%.");
    await user.click(within(mine).getByRole("button", { name: "Save" }));
    await waitFor(() => expect(within(mine).getByText("Down 45%.")).toBeVisible());
    expect(patch).toHaveBeenCalledWith(
      COMMENT,
      expect.objectContaining({
        params: {
          path: { workspace_id: WS, pilot_id: "p1", comment_id: "c-mine" },
          // The list item's own version: the first edit needs no 412 and retry.
          header: { "If-Match": '"c-mine"' },
        },
        body: { body: "Down 45%.", mentions: [] },
      }),
    );
    await waitFor(() => expect(mine).toHaveFocus());
  });

  it("asks before deleting, then removes the comment", async () => {
    const { section, user, replies } = setup();
    const remove = vi.spyOn(client, "DELETE").mockImplementation((async () => {
      replies[COMMENTS] = { status: 200, body: { items: [THEIRS], next_cursor: null } };
      return apiResult({ status: 204 });
    }) as never);
    const list = await timeline(section);
    const mine = within(list).getByRole("article", { name: "Erin Editor commented" });
    await user.click(await within(mine).findByRole("button", { name: "Delete your comment" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Delete your comment?" });
    expect(dialog).toHaveTextContent("Notifications already sent are not recalled");
    expect(within(dialog).getByRole("button", { name: "Cancel" })).toHaveFocus();
    await user.click(within(dialog).getByRole("button", { name: "Delete comment" }));
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(remove).toHaveBeenCalledWith(
      COMMENT,
      expect.objectContaining({
        params: expect.objectContaining({
          path: { workspace_id: WS, pilot_id: "p1", comment_id: "c-mine" },
        }),
      }),
    );
    await waitFor(() =>
      expect(within(list).queryByRole("article", { name: "Erin Editor commented" })).toBeNull(),
    );
  });
});

describe("who takes part", () => {
  it("shows viewers the thread without the composer, and says why", async () => {
    const { section } = setup({ role: "viewer", me: "u-vic" });
    await timeline(section);
    await waitFor(() =>
      expect(section).toHaveTextContent(
        "As a viewer you can read the discussion; editors, executives and admins take part in it.",
      ),
    );
    expect(within(section).queryByRole("textbox")).toBeNull();
  });

  it("invites the first comment when there is none", async () => {
    const { section, user } = setup({ comments: [] });
    const start = await within(section).findByRole("button", { name: "Write the first comment" });
    expect(section).toHaveTextContent("No comments yet.");
    await user.click(start);
    expect(within(section).getByRole("textbox", { name: "New comment" })).toHaveFocus();
  });
});

describe("a link to a comment", () => {
  it("focuses and marks the comment it points to", async () => {
    const { section } = setup({ hash: "comment-c-theirs" });
    const list = await timeline(section);
    const theirs = within(list).getByRole("article", { name: "Evelyn Executive commented" });
    await waitFor(() => expect(theirs).toHaveFocus());
    expect(theirs).toHaveAttribute("data-highlighted", "true");
    expect(
      within(list).getByRole("article", { name: "Erin Editor commented" }),
    ).not.toHaveAttribute("data-highlighted");
  });

  it("focuses it when the activity arrives after the comments", async () => {
    let release: () => void = () => {};
    const activityHeld = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { section } = setup({ hash: "comment-c-theirs", activityHeld });
    // The comments are in; the timeline waits for the activity.
    await waitFor(() =>
      expect(within(section).getByRole("group", { name: "Show" })).toHaveTextContent("2"),
    );
    expect(within(section).queryByRole("article")).toBeNull();
    release();
    const list = await timeline(section);
    const theirs = within(list).getByRole("article", { name: "Evelyn Executive commented" });
    await waitFor(() => expect(theirs).toHaveFocus());
  });

  it("shows the comment even when the Changes view is chosen", async () => {
    const { section } = setup({ hash: "comment-c-theirs", filter: "changes" });
    const list = await timeline(section);
    expect(within(list).getByRole("article", { name: "Evelyn Executive commented" })).toBeVisible();
  });

  it("says so when the comment is gone", async () => {
    const { section } = setup({ hash: "comment-c-deleted" });
    expect(
      await within(section).findByText("The comment this link points to has been deleted."),
    ).toBeVisible();
  });
});

describe("older activity", () => {
  const OLD = comment({
    id: "c-old",
    author_id: "u-eve",
    author_name: "Evelyn Executive",
    body: "Why this customer?",
    body_html: "<p>Why this customer?</p>",
    created_at: "2026-10-01T09:00:00Z",
  });

  /** The activity in two pages; the old comment belongs between the first page and the second. */
  function pagedSetup(hash = "") {
    const get = vi.spyOn(client, "GET").mockImplementation((async (
      path: string,
      init?: { params?: { query?: { cursor?: string | null } } },
    ) => {
      const cursor = init?.params?.query?.cursor ?? null;
      if (path === "/api/v1/auth/me")
        return apiResult(
          meReply([{ workspace_id: WS, workspace_name: "Demo", role: "editor" }], { id: "u-erin" }),
        );
      if (path === "/api/v1/workspaces/{workspace_id}/members")
        return apiResult({ status: 200, body: { items: MEMBERS, next_cursor: null } });
      if (path === COMMENTS)
        return apiResult({ status: 200, body: { items: [MINE, OLD], next_cursor: null } });
      if (path === ACTIVITY)
        return apiResult({
          status: 200,
          body:
            cursor === null
              ? { items: CHANGES.slice(0, 2), next_cursor: "page-2" }
              : { items: CHANGES.slice(2), next_cursor: null },
        });
      return apiResult({ status: 404, body: { title: "Not found", status: 404 } });
    }) as never);
    renderWithQuery(
      <ActivitySection workspaceId={WS} pilotId="p1" hash={hash} onFilterChange={() => {}} />,
    );
    return {
      get,
      section: screen.getByRole("region", { name: "Discussion and activity" }),
      user: userEvent.setup(),
    };
  }

  it("keeps an older comment for when the activity around it is read", async () => {
    const { section, user } = pagedSetup();
    const list = await timeline(section);
    expect(within(list).queryByRole("article", { name: "Evelyn Executive commented" })).toBeNull();
    await user.click(within(section).getByRole("button", { name: "Load older (1 more comment)" }));
    expect(
      await within(list).findByRole("article", { name: "Evelyn Executive commented" }),
    ).toBeVisible();
    // In order, newest first: the old comment (1 Oct) comes after the pilot's creation (1 Nov).
    const ids = within(list)
      .getAllByRole("listitem")
      .map((li) => li.querySelector("article")?.id ?? li.querySelector("p")?.textContent);
    expect(ids).toEqual([
      "comment-c-mine",
      "Ada Admin moved the pilot to Running",
      "Ada Admin created the pilot",
      "comment-c-old",
    ]);
    expect(within(section).queryByRole("button", { name: /Load older/ })).toBeNull();
  });

  it("reads on by itself when a link points to an older comment", async () => {
    const { section } = pagedSetup("comment-c-old");
    const old = await within(section).findByRole("article", { name: "Evelyn Executive commented" });
    await waitFor(() => expect(old).toHaveFocus());
  });
});
