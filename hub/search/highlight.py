"""Marking the query's words in titles and snippets, and saying where a hit matched.

Whoosh's own highlighter runs the whole analysis chain over every token of every snippet (about
10 ms for a page of 20 hits at 1,500 characters each, measured with bench/search.py's documents).
This one tokenizes with the same pattern and looks each word up in `term_of`'s cache of the same
analyzers, so it marks exactly what the index matched, at about a twentieth of the cost.
Every character outside <mark> is escaped: content can never inject markup.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from hub.search.schema import WORD_PATTERN, term_of

_TOKEN = re.compile(WORD_PATTERN, re.UNICODE)
FRAGMENT_CHARS = 220
SURROUND = 70
BETWEEN = " … "


def query_terms(words: list[str], lang: str) -> frozenset[str]:
    """The indexed forms of the query's words in `lang`."""
    return frozenset(t for w in words if (t := term_of(w, lang)))


def spans(text: str, terms: frozenset[str], lang: str) -> list[tuple[int, int]]:
    """(start, end) of every word of `text` that the index would match with `terms`."""
    if not text or not terms:
        return []
    return [m.span() for m in _TOKEN.finditer(text) if term_of(m.group(), lang) in terms]


def _render(text: str, marks: list[tuple[int, int]], start: int, end: int) -> str:
    out, at = [], start
    for s, e in marks:
        out += [str(escape(text[at:s])), "<mark>", str(escape(text[s:e])), "</mark>"]
        at = e
    out.append(str(escape(text[at:end])))
    return "".join(out)


def whole(text: str, marks: list[tuple[int, int]]) -> Markup:
    """All of `text` with its matches marked (titles)."""
    return Markup(_render(text, marks, 0, len(text)))  # noqa: S704 - _render escapes everything


def fragments(text: str, marks: list[tuple[int, int]], top: int = 2) -> Markup | None:
    """Up to `top` short passages of `text` around the densest groups of matches."""
    if not marks:
        return None
    groups, i = [], 0
    while i < len(marks):
        j = i
        while j + 1 < len(marks) and marks[j + 1][1] - marks[i][0] <= FRAGMENT_CHARS:
            j += 1
        groups.append((j - i + 1, i, j))
        i = j + 1
    chosen = sorted(sorted(groups, key=lambda g: (-g[0], g[1]))[:top], key=lambda g: g[1])
    parts = []
    for _count, i, j in chosen:
        first, last = marks[i][0], marks[j][1]
        start, end = max(0, first - SURROUND), min(len(text), last + SURROUND)
        if start > 0:  # start and end on word boundaries
            space = text.find(" ", start, first)
            start = space + 1 if space != -1 else first
        if end < len(text):
            space = text.rfind(" ", last, end)
            end = space if space != -1 else last
        html = _render(text, marks[i:j + 1], start, end)
        parts.append(("…" if start > 0 else "") + html + ("…" if end < len(text) else ""))
    return Markup(BETWEEN.join(parts))  # noqa: S704 - _render escapes everything
