/**
 * @mentions in a comment's Markdown, as plain functions of the text and the caret: which `@…` the
 * caret is in, which members it matches, what choosing one writes, and whom the text mentions.
 * A mention is written `@Full Name`; the ids of the members so written go in `mentions`.
 */

/** Someone who can be mentioned: an active member of the workspace. */
export type Mentionable = { id: string; name: string; email: string; role?: string };

/** The `@…` being typed: where it starts (the `@`), where it ends (the caret) and what follows `@`. */
export type MentionQuery = { start: number; end: number; query: string };

/** How many options the list shows at most. */
export const MAX_OPTIONS = 8;

/** The longest `@…` still treated as a name being typed. */
const MAX_QUERY = 40;

/** Characters a name being typed may contain after the `@` (letters of any script, digits…). */
const NAME_CHAR = /[\p{L}\p{M}\p{N}.'’ -]/u;

/** A character that may come right before an `@` that starts a mention (not a word character). */
const BEFORE_AT = /[\s([{"'“‘>*_~-]/u;

/** Lower case, without accents: "Zoë" and "zoe" match. */
export function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase("en");
}

/**
 * The mention being typed at `caret`, or null. It starts at an `@` at the start of the text or
 * after a space or an opening bracket or quote (so `ada@example.com` is no mention), and runs to
 * the caret over name characters: up to two spaces, never a line break, never a leading space.
 */
export function mentionAt(text: string, caret: number): MentionQuery | null {
  const limit = Math.max(0, caret - MAX_QUERY - 1);
  for (let i = caret - 1; i >= limit; i--) {
    const ch = text[i] ?? "";
    if (ch === "@") {
      const before = i > 0 ? (text[i - 1] ?? "") : "";
      if (before && !BEFORE_AT.test(before)) return null;
      const query = text.slice(i + 1, caret);
      if (query.startsWith(" ") || (query.match(/ /g)?.length ?? 0) > 2) return null;
      return { start: i, end: caret, query };
    }
    if (!NAME_CHAR.test(ch)) return null;
  }
  return null;
}

/**
 * The members whose name matches `query`, best first: the whole name starting with it, then a
 * later word of the name starting with it, then the email starting with it; alphabetical within
 * each. Everyone (up to `limit`) for an empty query.
 */
export function matchMembers<T extends Mentionable>(
  members: readonly T[],
  query: string,
  limit = MAX_OPTIONS,
): T[] {
  const q = fold(query).replace(/\s+/g, " ").trim();
  const rank = (m: T): number => {
    const name = fold(m.name);
    if (name.startsWith(q)) return 0;
    if (` ${name}`.includes(` ${q}`)) return 1;
    if (!q.includes(" ") && fold(m.email).startsWith(q)) return 2;
    return -1;
  };
  return members
    .map((member) => ({ member, rank: rank(member) }))
    .filter((m) => m.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.member.name.localeCompare(b.member.name))
    .slice(0, limit)
    .map((m) => m.member);
}

/**
 * Writes the chosen member in place of the `@…` being typed: `@Full Name` and a space (unless one
 * follows already). Returns the new text and where the caret goes (after the space).
 */
export function insertMention(
  text: string,
  at: MentionQuery,
  member: Pick<Mentionable, "name">,
): { text: string; caret: number } {
  const rest = text.slice(at.end);
  const written = `@${member.name}${/^\s/.test(rest) ? "" : " "}`;
  const next = text.slice(0, at.start) + written + rest;
  const caret = at.start + written.length + (/^\s/.test(rest) ? 1 : 0);
  return { text: next, caret };
}

/**
 * The ids of the members the text mentions: each `@Full Name` that stands as a whole (not part of
 * a longer word or name, not inside an email address), in the order they first appear. When two
 * names start alike ("Sam Lee", "Sam Leeds") the longer written one wins.
 */
export function mentionedIds(text: string, members: readonly Mentionable[]): string[] {
  const folded = fold(text);
  const byLength = [...members].sort((a, b) => b.name.length - a.name.length);
  const found: { id: string; index: number }[] = [];
  const taken: [number, number][] = [];
  for (const member of byLength) {
    const needle = `@${fold(member.name)}`;
    if (needle.length < 2) continue;
    let from = 0;
    for (;;) {
      const index = folded.indexOf(needle, from);
      if (index === -1) break;
      from = index + 1;
      const end = index + needle.length;
      const before = index > 0 ? (folded[index - 1] ?? "") : "";
      const after = folded[end] ?? "";
      if (before && !BEFORE_AT.test(before)) continue;
      if (after && /[\p{L}\p{M}\p{N}]/u.test(after)) continue;
      if (taken.some(([s, e]) => index < e && end > s)) continue;
      taken.push([index, end]);
      if (!found.some((f) => f.id === member.id)) found.push({ id: member.id, index });
      else {
        const seen = found.find((f) => f.id === member.id);
        if (seen && index < seen.index) seen.index = index;
      }
    }
  }
  return found.sort((a, b) => a.index - b.index).map((f) => f.id);
}
