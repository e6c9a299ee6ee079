"""Markdown rendering and sanitizing, in one place, used everywhere user text is shown."""

from __future__ import annotations

import html
import re

import nh3
from markdown_it import MarkdownIt
from markupsafe import Markup

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_markdown.enable(["table", "strikethrough"])

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a",
    "h2", "h3", "h4", "hr", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def render_markdown(text: str | None) -> Markup:
    """Markdown to safe HTML: raw HTML is escaped, then the output is sanitized by nh3."""
    html = _markdown.render(text or "")
    # Headings inside content start at h2: the page has its own h1.
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )
    return Markup(clean)  # noqa: S704 - sanitized by nh3 just above


_MARKDOWN_SYNTAX = re.compile(r"[*_\[\]()#>`<&!|~\\=+-]|^\s*\d+[.)]|\n {4}", re.MULTILINE)


def plain_text(text: str | None, limit: int | None = None) -> str:
    """Markdown reduced to plain text (for snippets, feeds and search documents)."""
    text = text or ""
    if _MARKDOWN_SYNTAX.search(text):
        # nh3 returns HTML (entities escaped); plain text means "&" rather than "&amp;".
        text = html.unescape(nh3.clean(_markdown.render(text), tags=set()))
    # Without any of Markdown's marks the rendering would only wrap paragraphs: skip it (a search
    # rebuild calls this 100,000 times).
    stripped = " ".join(text.split())
    if limit and len(stripped) > limit:
        return stripped[: limit - 1].rstrip() + "…"
    return stripped
