"""A comment's Markdown as safe HTML: rendered by markdown-it-py with raw HTML off (tags written
in a comment come out as text), then sanitised by nh3 with an allowlist, so nothing a member
writes can run in another member's browser.

- Tags: paragraphs, emphasis, code, quotes, lists, headings, rules, tables, strikethrough and
  links. No images (they would load from anywhere, e.g. a tracking pixel): `![alt](url)` shows
  as text with a link.
- Links: `http`, `https` and `mailto` only (relative and every other scheme, `javascript:`
  included, lose their `href`), each with `rel="noopener nofollow"`. Bare `http(s)://…` URLs in
  the text become links too.
- No attributes besides `href` and `title` on links and `start` on ordered lists: no `on*`
  handlers, `style` or `class`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import nh3
from markdown_it import MarkdownIt

TAGS = frozenset(
    {
        "p", "br", "strong", "em", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li",
        "h1", "h2", "h3", "h4", "h5", "h6", "hr", "a",
        "table", "thead", "tbody", "tr", "th", "td",
    }
)  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
LINK_REL = "noopener nofollow"

# A bare URL in the text: up to white space or a character that cannot end one unescaped.
_URL = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
_TRAILING = ".,;:!?*_~'\""


@dataclass(frozen=True)
class _Link:
    """What markdown-it's linkify rules read of a match (the shape of linkify-it's)."""

    index: int
    last_index: int
    url: str
    text: str
    schema: str


def _trim(url: str) -> str:
    """Drop the punctuation that ends a sentence rather than the URL, and a closing
    parenthesis the URL did not open ("(see https://example.com/a)")."""
    while url:
        closes_nothing = url[-1] == ")" and url.count(")") > url.count("(")
        if url[-1] in _TRAILING or closes_nothing:
            url = url[:-1]
        else:
            break
    return url


class BareUrls:
    """The linkify-it interface markdown-it-py calls (``pretest``, ``test``, ``match``,
    ``match_at_start``), for `http://` and `https://` URLs only (linkify-it-py is not a
    dependency of the app)."""

    def _links(self, text: str) -> list[_Link]:
        links = []
        for found in _URL.finditer(text):
            url = _trim(found.group())
            if "://" in url and not url.endswith("://"):
                start = found.start()
                schema = url.split("//", 1)[0].lower()
                links.append(_Link(start, start + len(url), url, url, schema))
        return links

    def pretest(self, text: str) -> bool:
        return "://" in text

    def test(self, text: str) -> bool:
        return bool(self._links(text))

    def match(self, text: str) -> list[_Link] | None:
        return self._links(text) or None

    def match_at_start(self, text: str) -> _Link | None:
        links = self._links(text)
        return links[0] if links and links[0].index == 0 else None


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": True, "typographer": False})
    md.enable(["table", "strikethrough", "linkify"])
    md.disable("image")
    md.linkify = BareUrls()
    return md


def render_markdown(source: str) -> str:
    """``source`` (a comment's Markdown) as sanitised HTML."""
    return nh3.clean(
        _parser().render(source),
        tags=set(TAGS),
        attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        url_relative="deny",
        strip_comments=True,
    )


def plain_excerpt(source: str, limit: int = 200) -> str:
    """A one-line excerpt of a comment for a notification or an activity summary: white space
    collapsed, cut at ``limit`` characters with an ellipsis."""
    text = " ".join(source.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
