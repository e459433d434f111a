import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { MarkdownPreview, safeHref, tableCells } from "./markdown";

/** Markup compared without the line breaks and spaces between tags, `<br/>` written `<br>`. */
function normalise(html: string): string {
  return html
    .replace(/<(br|hr)\s*\/?>/g, "<$1>")
    .replace(/>\s+</g, "><")
    .replace(/<br>\s+/g, "<br>")
    .replace(/\s+/g, " ")
    .trim();
}

const preview = (source: string) =>
  normalise(renderToStaticMarkup(<MarkdownPreview source={source} />));

/**
 * Each source and what the server's renderer (backend pilotboard/pilots/comments/markdown.py:
 * markdown-it "commonmark" with tables, strikethrough and bare links, then nh3) makes of it: the
 * preview must show what the posted comment will look like.
 */
const SERVER: [string, string][] = [
  ["Hello **world** and _you_", "<p>Hello <strong>world</strong> and <em>you</em></p>"],
  ["Line one\nline two", "<p>Line one\nline two</p>"],
  ["Hard  \nbreak", "<p>Hard<br>\nbreak</p>"],
  [
    "- one\n- two\n  - nested\n- three",
    "<ul>\n<li>one</li>\n<li>two\n<ul>\n<li>nested</li>\n</ul>\n</li>\n<li>three</li>\n</ul>",
  ],
  ["1. first\n2. second", "<ol>\n<li>first</li>\n<li>second</li>\n</ol>"],
  ["3. third\n4. fourth", '<ol start="3">\n<li>third</li>\n<li>fourth</li>\n</ol>'],
  ["> quoted *text*\n> more", "<blockquote>\n<p>quoted <em>text</em>\nmore</p>\n</blockquote>"],
  ["```\ncode <b>\n```", "<pre><code>code &lt;b&gt;\n</code></pre>"],
  ["Inline `a < b` code", "<p>Inline <code>a &lt; b</code> code</p>"],
  [
    "[site](https://example.com) and [bad](javascript:alert(1)) and [rel](/w/1)",
    '<p><a href="https://example.com" rel="noopener nofollow">site</a> and [bad](javascript:alert(1)) and <a rel="noopener nofollow">rel</a></p>',
  ],
  [
    "Visit https://example.com/a, then (see https://example.com/b).",
    '<p>Visit <a href="https://example.com/a" rel="noopener nofollow">https://example.com/a</a>, then (see <a href="https://example.com/b" rel="noopener nofollow">https://example.com/b</a>).</p>',
  ],
  ["<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"],
  ["# Title\n\n## Sub", "<h1>Title</h1>\n<h2>Sub</h2>"],
  ["~~gone~~ and ~one~", "<p><s>gone</s> and ~one~</p>"],
  ["***both***", "<p><em><strong>both</strong></em></p>"],
  ["snake_case_name and 2 * 3 * 4", "<p>snake_case_name and 2 * 3 * 4</p>"],
  [
    "| a | b |\n|---|:-:|\n| 1 | 2 |",
    "<table>\n<thead>\n<tr>\n<th>a</th>\n<th>b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n</tr>\n</tbody>\n</table>",
  ],
  [
    "![alt](https://example.com/x.png)",
    '<p>!<a href="https://example.com/x.png" rel="noopener nofollow">alt</a></p>',
  ],
  ["para\n- item", "<p>para</p>\n<ul>\n<li>item</li>\n</ul>"],
  ["- a\n\n- b", "<ul>\n<li>\n<p>a</p>\n</li>\n<li>\n<p>b</p>\n</li>\n</ul>"],
  ["---", "<hr>"],
  ["Escaped \\*stars\\*", "<p>Escaped *stars*</p>"],
  ["@Evelyn Executive please look", "<p>@Evelyn Executive please look</p>"],
  [
    "<https://example.com>",
    '<p><a href="https://example.com" rel="noopener nofollow">https://example.com</a></p>',
  ],
  ["a\n***\nb", "<p>a</p>\n<hr>\n<p>b</p>"],
  ["**bold *and em* inside**", "<p><strong>bold <em>and em</em> inside</strong></p>"],
  [
    "[a (b)](https://example.com/x_(y))",
    '<p><a href="https://example.com/x_(y)" rel="noopener nofollow">a (b)</a></p>',
  ],
  ["## Heading ##", "<h2>Heading</h2>"],
  ["``code with ` tick``", "<p><code>code with ` tick</code></p>"],
  ["> quote\nlazy line", "<blockquote>\n<p>quote\nlazy line</p>\n</blockquote>"],
  ["* star\n* list", "<ul>\n<li>star</li>\n<li>list</li>\n</ul>"],
  ["1) one\n2) two", "<ol>\n<li>one</li>\n<li>two</li>\n</ol>"],
  ["word_with_under and _em_.", "<p>word_with_under and <em>em</em>.</p>"],
  ["**bold**text", "<p><strong>bold</strong>text</p>"],
  ["mail ada@example.com now", "<p>mail ada@example.com now</p>"],
  [
    "see http://x.com?q=(a) ok",
    '<p>see <a href="http://x.com?q=(a)" rel="noopener nofollow">http://x.com?q=(a)</a> ok</p>',
  ],
  ["- a\n- b\n\nAfter", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<p>After</p>"],
  ["para\n2. not a list", "<p>para\n2. not a list</p>"],
  ["Title\n=====", "<h1>Title</h1>"],
  ["    indented code", "<pre><code>indented code\n</code></pre>"],
  ["AT&T &amp; &copy;", "<p>AT&amp;T &amp; ©</p>"],
  ["Trailing spaces   ", "<p>Trailing spaces</p>"],
  ["* * *", "<hr>"],
  ["- [ ] task", "<ul>\n<li>[ ] task</li>\n</ul>"],
  ["_a_b", "<p>_a_b</p>"],
  ["**a**b**c**", "<p><strong>a</strong>b<strong>c</strong></p>"],
];

describe("the preview renders Markdown as the server does", () => {
  it.each(SERVER)("%j", (source, html) => {
    expect(preview(source)).toBe(normalise(html));
  });
});

describe("safety", () => {
  it("never turns typed HTML into elements", () => {
    const html = renderToStaticMarkup(
      <MarkdownPreview source={'<img src=x onerror="alert(1)"> <a href="javascript:x">y</a>'} />,
    );
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<a");
    expect(html).toContain("&lt;img src=x onerror=");
  });

  it("keeps only web and mail links", () => {
    expect(safeHref("https://example.com")).toBe("https://example.com");
    expect(safeHref("mailto:ada@example.com")).toBe("mailto:ada@example.com");
    expect(safeHref("javascript:alert(1)")).toBeNull();
    expect(safeHref("/w/1/pilots")).toBeNull();
    expect(safeHref("data:text/html,x")).toBeNull();
  });
});

describe("tableCells", () => {
  it("splits a row on unescaped pipes, with or without the outer ones", () => {
    expect(tableCells("| a | b \\| c |")).toEqual(["a", "b | c"]);
    expect(tableCells("a|b")).toEqual(["a", "b"]);
  });
});
