import type * as React from "react";
import { Fragment } from "react";

/**
 * A small Markdown renderer for the composer's Preview tab. It builds React elements, never
 * HTML, so nothing typed can run or inject markup; raw HTML shows as the text it is, as the
 * server shows it. It covers what comments use — paragraphs, headings, emphasis, strikethrough,
 * code, links, lists, quotes, rules — and follows CommonMark closely enough that the preview
 * matches the server's rendering (markdown-it) of everyday comments. The saved comment is always
 * shown as the server rendered it (`body_html`).
 */
export function MarkdownPreview({ source }: { source: string }): React.ReactNode {
  return renderBlocks(parseBlocks(source), "b");
}

// --- blocks ------------------------------------------------------------------------------------

type Block =
  | { type: "paragraph"; text: string }
  | { type: "heading"; level: 1 | 2 | 3 | 4 | 5 | 6; text: string }
  | { type: "code"; text: string }
  | { type: "rule" }
  | { type: "quote"; children: Block[] }
  | { type: "list"; ordered: boolean; start: number; loose: boolean; items: Block[][] }
  | { type: "table"; head: string[]; rows: string[][] };

const FENCE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const QUOTE = /^ {0,3}> ?(.*)$/;
const ITEM = /^( {0,3})([-*+]|\d{1,9}[.)])([ \t]+(.*))?$/;
const BLANK = /^[ \t]*$/;
const TABLE_DELIMITER = /^ {0,3}\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

/** The cells of a table row: `| a | b |` → ["a", "b"] (an escaped `\|` stays in its cell). */
export function tableCells(line: string): string[] {
  const trimmed = line
    .trim()
    .replace(/^\|/, "")
    .replace(/(?<!\\)\|$/, "");
  return trimmed.split(/(?<!\\)\|/).map((cell) => cell.trim().replace(/\\\|/g, "|"));
}

/** Does `line` start a block that interrupts a paragraph? */
function interrupts(line: string): boolean {
  if (FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line)) return true;
  const item = ITEM.exec(line);
  // An ordered list interrupts a paragraph only when it starts at 1, and never with an empty item.
  return Boolean(
    item?.[4]?.trim() && (/^[-*+]$/.test(item[2] ?? "") || /^1[.)]$/.test(item[2] ?? "")),
  );
}

export function parseBlocks(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, "\n").replace(/\t/g, "    ").split("\n");
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? "";
    if (BLANK.test(line)) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence && !(fence[1]?.startsWith("`") && fence[2]?.includes("`"))) {
      const marker = fence[1] ?? "```";
      const body: string[] = [];
      i++;
      while (i < lines.length) {
        const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(lines[i] ?? "");
        const closing = close?.[1] ?? "";
        if (closing[0] === marker[0] && closing.length >= marker.length) {
          i++;
          break;
        }
        body.push(lines[i] ?? "");
        i++;
      }
      blocks.push({ type: "code", text: body.join("\n") });
      continue;
    }
    if (/^ {4}/.test(line)) {
      const body: string[] = [];
      while (i < lines.length && (/^ {4}/.test(lines[i] ?? "") || BLANK.test(lines[i] ?? ""))) {
        body.push((lines[i] ?? "").slice(4));
        i++;
      }
      while (body.length > 0 && BLANK.test(body[body.length - 1] ?? "")) body.pop();
      blocks.push({ type: "code", text: body.join("\n") });
      continue;
    }
    const delimiter = lines[i + 1] ?? "";
    if (line.includes("|") && TABLE_DELIMITER.test(delimiter) && delimiter.includes("-")) {
      const head = tableCells(line);
      // A table needs as many columns in its delimiter row as in its header.
      if (tableCells(delimiter).length === head.length) {
        const rows: string[][] = [];
        i += 2;
        while (i < lines.length && !BLANK.test(lines[i] ?? "") && !interrupts(lines[i] ?? "")) {
          const cells = tableCells(lines[i] ?? "");
          rows.push(head.map((_, n) => cells[n] ?? ""));
          i++;
        }
        blocks.push({ type: "table", head, rows });
        continue;
      }
    }
    const heading = HEADING.exec(line);
    if (heading) {
      const level = (heading[1]?.length ?? 1) as 1 | 2 | 3 | 4 | 5 | 6;
      blocks.push({ type: "heading", level, text: heading[2] ?? "" });
      i++;
      continue;
    }
    if (RULE.test(line)) {
      blocks.push({ type: "rule" });
      i++;
      continue;
    }
    if (QUOTE.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && !BLANK.test(lines[i] ?? "")) {
        const quoted = QUOTE.exec(lines[i] ?? "");
        // A line without `>` continues the quote's paragraph ("lazy" continuation).
        if (!quoted && interrupts(lines[i] ?? "")) break;
        inner.push(quoted ? (quoted[1] ?? "") : (lines[i] ?? ""));
        i++;
      }
      blocks.push({ type: "quote", children: parseBlocks(inner.join("\n")) });
      continue;
    }
    const item = ITEM.exec(line);
    if (item) {
      const ordered = /\d/.test(item[2] ?? "");
      const marker = (item[2] ?? "").slice(-1);
      const items: Block[][] = [];
      let loose = false;
      while (i < lines.length) {
        const current = ITEM.exec(lines[i] ?? "");
        if (!current) break;
        const sameKind = ordered
          ? /\d/.test(current[2] ?? "") && (current[2] ?? "").endsWith(marker)
          : current[2] === item[2];
        if (!sameKind) break;
        // The item's content is indented as far as its first text.
        const indent = (current[1]?.length ?? 0) + (current[2]?.length ?? 0) + 1;
        const body = [current[4] ?? ""];
        i++;
        while (i < lines.length) {
          const next = lines[i] ?? "";
          if (BLANK.test(next)) {
            // A blank line ends the item unless indented content follows.
            const after = lines[i + 1] ?? "";
            if (i + 1 < lines.length && after.startsWith(" ".repeat(indent))) {
              body.push("");
              loose = true;
              i++;
              continue;
            }
            break;
          }
          if (next.startsWith(" ".repeat(indent))) {
            body.push(next.slice(indent));
            i++;
            continue;
          }
          if (ITEM.test(next) || interrupts(next)) break;
          body.push(next); // lazy continuation of the item's paragraph
          i++;
        }
        items.push(parseBlocks(body.join("\n")));
        // Items of one list may be separated by a blank line.
        if (BLANK.test(lines[i] ?? "") && ITEM.test(lines[i + 1] ?? "")) {
          loose = true;
          i++;
        }
      }
      const start = ordered ? Number.parseInt(item[2] ?? "1", 10) : 1;
      blocks.push({ type: "list", ordered, start, loose, items });
      continue;
    }
    const para: string[] = [line];
    i++;
    while (i < lines.length && !BLANK.test(lines[i] ?? "") && !interrupts(lines[i] ?? "")) {
      const next = lines[i] ?? "";
      // A line of `===` or `---` under a paragraph makes it a heading (setext).
      if (/^ {0,3}=+[ \t]*$/.test(next) || /^ {0,3}-+[ \t]*$/.test(next)) {
        blocks.push({
          type: "heading",
          level: next.includes("=") ? 1 : 2,
          text: para.join("\n"),
        });
        para.length = 0;
        i++;
        break;
      }
      para.push(next);
      i++;
    }
    if (para.length > 0) blocks.push({ type: "paragraph", text: para.join("\n") });
  }
  return blocks;
}

function renderBlocks(blocks: Block[], key: string, tight = false): React.ReactNode[] {
  return blocks.map((block, index) => {
    const k = `${key}.${index}`;
    switch (block.type) {
      case "paragraph":
        return tight ? (
          <Fragment key={k}>
            {renderInline(block.text, k)}
            {index < blocks.length - 1 && "\n"}
          </Fragment>
        ) : (
          <p key={k}>{renderInline(block.text, k)}</p>
        );
      case "heading": {
        const Tag = `h${block.level}` as const;
        return <Tag key={k}>{renderInline(block.text, k)}</Tag>;
      }
      case "code":
        return (
          <pre key={k}>
            <code>{`${block.text}\n`}</code>
          </pre>
        );
      case "rule":
        return <hr key={k} />;
      case "table":
        return (
          <table key={k}>
            <thead>
              <tr>{renderCells(block.head, `${k}.h`, "th")}</tr>
            </thead>
            {block.rows.length > 0 && (
              <tbody>{block.rows.map((row, r) => tableRow(row, `${k}.${r}`))}</tbody>
            )}
          </table>
        );
      case "quote":
        return <blockquote key={k}>{renderBlocks(block.children, k)}</blockquote>;
      case "list": {
        const items = block.items.map((item, n) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: items are positional
          <li key={`${k}.${n}`}>{renderBlocks(item, `${k}.${n}`, !block.loose)}</li>
        ));
        return block.ordered ? (
          <ol key={k} start={block.start === 1 ? undefined : block.start}>
            {items}
          </ol>
        ) : (
          <ul key={k}>{items}</ul>
        );
      }
      default:
        return null;
    }
  });
}

/**
 * A table's rows and cells are positional: keyed by where they are. Column alignment (`:-:`) is
 * not kept, as the server's sanitiser lets no `style` through.
 */
function tableRow(cells: string[], key: string): React.ReactNode {
  return <tr key={key}>{renderCells(cells, key, "td")}</tr>;
}

function renderCells(cells: string[], key: string, Tag: "th" | "td") {
  const out: React.ReactNode[] = [];
  for (let n = 0; n < cells.length; n++) {
    out.push(<Tag key={`${key}.${n}`}>{renderInline(cells[n] ?? "", `${key}.${n}`)}</Tag>);
  }
  return out;
}

// --- inline ------------------------------------------------------------------------------------

const PUNCTUATION = /[!-/:-@[-`{-~]/;
const SAFE_URL = /^(https?:|mailto:)/i;

/** The link target when the server keeps it (`http`, `https` and `mailto` only), else null. */
export function safeHref(url: string): string | null {
  const trimmed = url.trim();
  return SAFE_URL.test(trimmed) ? trimmed : null;
}

/** Index of the `]` closing the `[` at `open`, counting nested brackets; -1 when none. */
function closingBracket(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === "\\") {
      i++;
      continue;
    }
    if (ch === "`") {
      const run = /^`+/.exec(text.slice(i))?.[0] ?? "`";
      const close = text.indexOf(run, i + run.length);
      if (close !== -1) i = close + run.length - 1;
      continue;
    }
    if (ch === "[") depth++;
    if (ch === "]" && --depth === 0) return i;
  }
  return -1;
}

/** `(url "title")` right after a link's text: the url and where it ends, or null. */
function linkTarget(text: string, from: number): { url: string; end: number } | null {
  const match =
    /^\(\s*(<[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)(?:\s+("[^"]*"|'[^']*'))?\s*\)/.exec(
      text.slice(from),
    );
  if (!match) return null;
  const raw = match[1] ?? "";
  const url = raw.startsWith("<") ? raw.slice(1, -1) : raw;
  return { url, end: from + match[0].length };
}

/**
 * The character an HTML entity stands for (`&copy;` → ©), or null for an unknown one (which
 * stays as typed). Decoded by the browser's own parser into a textarea's value: text only.
 */
function decodeEntity(entity: string): string | null {
  if (typeof document === "undefined") return null;
  const element = document.createElement("textarea");
  element.innerHTML = entity;
  const value = element.value;
  return value === entity ? null : value;
}

/** A bare URL without the punctuation that ends the sentence, or a `)` it did not open. */
function trimUrl(url: string): string {
  let out = url;
  for (;;) {
    const last = out[out.length - 1] ?? "";
    const unopened =
      last === ")" && (out.match(/\)/g)?.length ?? 0) > (out.match(/\(/g)?.length ?? 0);
    if (!out || !(".,;:!?*_~'\"".includes(last) || unopened)) return out;
    out = out.slice(0, -1);
  }
}

function isSpace(ch: string | undefined): boolean {
  return ch === undefined || /\s/.test(ch);
}

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

/** Where the emphasis opened at `from` with `run` closes, or -1. */
function closingDelimiter(text: string, from: number, run: string): number {
  let i = from;
  while (i < text.length) {
    const ch = text[i];
    if (ch === "\\") {
      i += 2;
      continue;
    }
    if (ch === "`") {
      const ticks = /^`+/.exec(text.slice(i))?.[0] ?? "`";
      const close = text.indexOf(ticks, i + ticks.length);
      i = close === -1 ? i + ticks.length : close + ticks.length;
      continue;
    }
    if (text.startsWith(run, i)) {
      const before = text[i - 1];
      const after = text[i + run.length];
      const closes = !isSpace(before) && !(run[0] === "_" && isWordChar(after));
      // `**a*b**`: a single `*` inside a `**` run is not its end.
      const longer = text[i + run.length] === run[0] && run.length < 2;
      if (closes && !longer && i > from) return i;
      if (run.length === 1 && text[i + 1] === run[0]) {
        i += 2;
        continue;
      }
    }
    i++;
  }
  return -1;
}

export function renderInline(text: string, key: string): React.ReactNode[] {
  const out: React.ReactNode[] = [];
  let plain = "";
  let n = 0;
  const flush = () => {
    if (plain) out.push(plain);
    plain = "";
  };
  const push = (node: React.ReactNode) => {
    flush();
    out.push(node);
  };
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? "";
    const k = `${key}.${n++}`;
    // Backslash: an escaped punctuation character, or a hard line break before a newline.
    if (ch === "\\") {
      const next = text[i + 1];
      if (next === "\n") {
        push(<br key={k} />);
        i += 2;
        continue;
      }
      if (next && PUNCTUATION.test(next)) {
        plain += next;
        i += 2;
        continue;
      }
    }
    if (ch === "&") {
      const entity = /^&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});/.exec(
        text.slice(i),
      )?.[0];
      const decoded = entity ? decodeEntity(entity) : null;
      if (entity && decoded !== null) {
        plain += decoded;
        i += entity.length;
        continue;
      }
    }
    if (ch === "\n") {
      // Two spaces before a line break make a hard break; otherwise it is a soft one.
      if (plain.endsWith("  ")) {
        plain = plain.replace(/ +$/, "");
        push(<br key={k} />);
      } else {
        plain = `${plain.replace(/ +$/, "")}\n`;
      }
      i++;
      continue;
    }
    if (ch === "`") {
      const run = /^`+/.exec(text.slice(i))?.[0] ?? "`";
      const close = text.indexOf(run, i + run.length);
      if (close !== -1 && text[close + run.length] !== "`") {
        let code = text.slice(i + run.length, close).replace(/\n/g, " ");
        if (/^ .*[^ ].* $/.test(code)) code = code.slice(1, -1);
        push(<code key={k}>{code}</code>);
        i = close + run.length;
        continue;
      }
      plain += run;
      i += run.length;
      continue;
    }
    if (ch === "<") {
      const auto = /^<((?:https?:\/\/|mailto:)[^\s<>]*)>/i.exec(text.slice(i));
      if (auto?.[1]) {
        const href = auto[1];
        push(
          <a key={k} href={href} rel="noopener nofollow">
            {href.replace(/^mailto:/i, "")}
          </a>,
        );
        i += auto[0].length;
        continue;
      }
    }
    if ((ch === "h" || ch === "H") && !isWordChar(text[i - 1])) {
      const bare = /^https?:\/\/[^\s<>"'`]+/i.exec(text.slice(i));
      const url = bare ? trimUrl(bare[0]) : "";
      if (url.includes("://") && !url.endsWith("://")) {
        push(
          <a key={k} href={url} rel="noopener nofollow">
            {url}
          </a>,
        );
        i += url.length;
        continue;
      }
    }
    if (ch === "[") {
      const open = i;
      const close = closingBracket(text, open);
      const target = close !== -1 ? linkTarget(text, close + 1) : null;
      if (target) {
        // A script-like target is no link at all (markdown-it leaves the source as text); any
        // other target the server does not allow keeps the link's text without its `href`.
        if (!/^\s*(javascript|vbscript|file|data):/i.test(target.url)) {
          const label = text.slice(open + 1, close);
          const href = safeHref(target.url);
          const content = renderInline(label, k);
          push(
            <a key={k} href={href ?? undefined} rel="noopener nofollow">
              {content}
            </a>,
          );
          i = target.end;
          continue;
        }
      }
    }
    if (ch === "*" || ch === "_" || ch === "~") {
      const run = /^(\*+|_+|~+)/.exec(text.slice(i))?.[0] ?? ch;
      if (ch !== "~" && run.length === 3 && !isSpace(text[i + 3])) {
        const close = closingDelimiter(text, i + 3, run);
        if (close !== -1) {
          push(
            <em key={k}>
              <strong>{renderInline(text.slice(i + 3, close), k)}</strong>
            </em>,
          );
          i = close + 3;
          continue;
        }
      }
      const size = ch === "~" ? (run.length === 2 ? 2 : 0) : Math.min(run.length, 2);
      const before = text[i - 1];
      const after = text[i + run.length];
      const opens =
        size > 0 && !isSpace(after) && !(ch === "_" && isWordChar(before) && isWordChar(after));
      if (opens) {
        const delimiter = ch.repeat(size);
        const start = i + (run.length - size);
        const close = closingDelimiter(text, start + size, delimiter);
        if (close !== -1) {
          plain += text.slice(i, start);
          const inner = renderInline(text.slice(start + size, close), k);
          push(
            ch === "~" ? (
              <s key={k}>{inner}</s>
            ) : size === 2 ? (
              <strong key={k}>{inner}</strong>
            ) : (
              <em key={k}>{inner}</em>
            ),
          );
          i = close + size;
          continue;
        }
      }
      plain += run;
      i += run.length;
      continue;
    }
    plain += ch;
    i++;
  }
  flush();
  // A paragraph's trailing spaces are not kept.
  const last = out[out.length - 1];
  if (typeof last === "string") out[out.length - 1] = last.replace(/\s+$/, "");
  return out;
}
