import { describe, expect, it } from "vitest";
import { fold, insertMention, matchMembers, mentionAt, mentionedIds } from "./mentions";

const EVELYN = {
  id: "u-eve",
  name: "Evelyn Executive",
  email: "exec@demo.local",
  role: "executive",
};
const ERIN = { id: "u-erin", name: "Erin Editor", email: "editor@demo.local", role: "editor" };
const ZOE = { id: "u-zoe", name: "Zoë Lindqvist", email: "zl@demo.local", role: "viewer" };
const SAM = { id: "u-sam", name: "Sam Lee", email: "sam@demo.local", role: "editor" };
const SAMUEL = { id: "u-samuel", name: "Sam Leeds", email: "leeds@demo.local", role: "editor" };
const MEMBERS = [EVELYN, ERIN, ZOE, SAM, SAMUEL];

/** The mention at the end of `text` (the caret after its last character). */
const atEnd = (text: string) => mentionAt(text, text.length);

describe("mentionAt: the @ being typed", () => {
  it("starts at an @ at the start, after a space, a line break or an opening bracket", () => {
    expect(atEnd("@")).toEqual({ start: 0, end: 1, query: "" });
    expect(atEnd("Thanks @Ev")).toEqual({ start: 7, end: 10, query: "Ev" });
    expect(atEnd("Line one\n@er")).toEqual({ start: 9, end: 12, query: "er" });
    expect(atEnd("(cc @Zo")).toEqual({ start: 4, end: 7, query: "Zo" });
  });

  it("is no mention inside a word or an email address", () => {
    expect(atEnd("mail ada@example")).toBeNull();
    expect(atEnd("x@")).toBeNull();
  });

  it("runs over a name with spaces, but not a leading space, three spaces or a line break", () => {
    expect(atEnd("@Evelyn Ex")?.query).toBe("Evelyn Ex");
    expect(atEnd("@ Evelyn")).toBeNull();
    expect(atEnd("@Evelyn and the rest of")).toBeNull();
    expect(atEnd("@Evelyn\nnext")).toBeNull();
  });

  it("ends where the caret is, not at the end of the text", () => {
    const text = "Ask @Er about it";
    expect(mentionAt(text, 7)).toEqual({ start: 4, end: 7, query: "Er" });
    expect(mentionAt(text, 2)).toBeNull();
  });

  it("takes accented names and stops at punctuation that ends a name", () => {
    expect(atEnd("@Zoë L")?.query).toBe("Zoë L");
    expect(atEnd("@Erin, please")).toBeNull();
  });

  it("gives up on a query longer than any name", () => {
    expect(atEnd(`@${"a".repeat(41)}`)).toBeNull();
    expect(atEnd(`@${"a".repeat(40)}`)?.query).toHaveLength(40);
  });
});

describe("matchMembers: who the query matches", () => {
  it("lists everyone, alphabetically, for a bare @", () => {
    expect(matchMembers(MEMBERS, "").map((m) => m.name)).toEqual([
      "Erin Editor",
      "Evelyn Executive",
      "Sam Lee",
      "Sam Leeds",
      "Zoë Lindqvist",
    ]);
  });

  it("ranks the start of the name before a later word, and that before the email", () => {
    const members = [
      { id: "1", name: "Lee Park", email: "lp@x.test" },
      { id: "2", name: "Ada Lee", email: "ada@x.test" },
      { id: "3", name: "Bo Chan", email: "lee.b@x.test" },
      { id: "4", name: "Cy Moss", email: "cy@x.test" },
    ];
    expect(matchMembers(members, "lee").map((m) => m.id)).toEqual(["1", "2", "3"]);
  });

  it("ignores case and accents, and matches across a space", () => {
    expect(matchMembers(MEMBERS, "zoe").map((m) => m.id)).toEqual(["u-zoe"]);
    expect(matchMembers(MEMBERS, "EVELYN E").map((m) => m.id)).toEqual(["u-eve"]);
    expect(matchMembers(MEMBERS, "evelyn  ex").map((m) => m.id)).toEqual(["u-eve"]);
    expect(matchMembers(MEMBERS, "Evelyn ").map((m) => m.id)).toEqual(["u-eve"]);
  });

  it("finds nobody for a name nobody has, and shows at most `limit`", () => {
    expect(matchMembers(MEMBERS, "quentin")).toEqual([]);
    expect(matchMembers(MEMBERS, "", 2)).toHaveLength(2);
  });
});

describe("insertMention: writing the chosen name", () => {
  it("replaces the @query with @Full Name and a space, caret after it", () => {
    const text = "Ask @ev";
    const at = atEnd(text);
    expect(at).not.toBeNull();
    if (!at) return;
    expect(insertMention(text, at, EVELYN)).toEqual({
      text: "Ask @Evelyn Executive ",
      caret: 22,
    });
  });

  it("keeps the text after the caret and does not double a space", () => {
    const text = "Ask @ev about it";
    const at = mentionAt(text, 7);
    if (!at) throw new Error("no mention");
    const result = insertMention(text, at, EVELYN);
    expect(result.text).toBe("Ask @Evelyn Executive about it");
    expect(result.text.slice(0, result.caret)).toBe("Ask @Evelyn Executive ");
  });
});

describe("mentionedIds: whom the text mentions", () => {
  it("finds each @Full Name once, in the order written", () => {
    expect(
      mentionedIds("@Zoë Lindqvist and @Evelyn Executive, then @Zoë Lindqvist again", MEMBERS),
    ).toEqual(["u-zoe", "u-eve"]);
  });

  it("matches regardless of case and accents", () => {
    expect(mentionedIds("cc @zoe lindqvist", MEMBERS)).toEqual(["u-zoe"]);
  });

  it("tells apart names that start alike: the longer one written wins", () => {
    expect(mentionedIds("@Sam Leeds knows", MEMBERS)).toEqual(["u-samuel"]);
    expect(mentionedIds("@Sam Lee knows", MEMBERS)).toEqual(["u-sam"]);
    expect(mentionedIds("@Sam Lee and @Sam Leeds", MEMBERS)).toEqual(["u-sam", "u-samuel"]);
  });

  it("does not count a name inside a word, an email address, or a name left half-written", () => {
    expect(mentionedIds("write to x@Erin Editor.com", MEMBERS)).toEqual([]);
    expect(mentionedIds("@Erin Editorial team", MEMBERS)).toEqual([]);
    expect(mentionedIds("@Erin", MEMBERS)).toEqual([]);
  });

  it("drops a mention whose name was deleted from the text", () => {
    expect(mentionedIds("Thanks all", MEMBERS)).toEqual([]);
  });

  it("accepts a mention followed by punctuation or at the end of a line", () => {
    expect(mentionedIds("(@Erin Editor)", MEMBERS)).toEqual(["u-erin"]);
    expect(mentionedIds("Ask **@Erin Editor**.\n@Evelyn Executive", MEMBERS)).toEqual([
      "u-erin",
      "u-eve",
    ]);
  });
});

describe("fold", () => {
  it("lowers case and drops accents", () => {
    expect(fold("Zoë ÅNGSTRÖM")).toBe("zoe angstrom");
  });
});
