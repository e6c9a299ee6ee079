"""Marking what a search matched in titles and snippets, and saying where a hit matched.

What to mark comes from the Whoosh query the search ran (`plan`), so it is what the index matched:
a wildcard (`remit*`) marks every word it expanded to, a phrase marks the phrase and not its lone
words elsewhere, a negated word (`NOT Mexico`) is never marked, and a country, theme or goal the
query named in any way ("Allemagne", "Senegalese", "santé", "SDG 5") marks that thing's names in
the three languages as whole names ("Côte d'Ivoire", "Germany"), never inside a longer name of
something else ("Turks" is not marked in "Turks and Caicos Islands").

Whoosh's own highlighter runs the whole analysis chain over every token of every snippet (about
10 ms for a page of 20 hits at 1,500 characters each, measured with bench/search.py's documents).
This one tokenizes with the same pattern and looks each word up in `term_of`'s cache of the same
analyzers, so it marks exactly what the index matched, at about a twentieth of the cost.
Every character outside <mark> is escaped: content can never inject markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property

from markupsafe import Markup, escape
from whoosh import query as wq

from hub.search.schema import LANGUAGES, WORD_PATTERN, term_of

_TOKEN = re.compile(WORD_PATTERN, re.UNICODE)
FRAGMENT_CHARS = 220
SURROUND = 70
BETWEEN = " … "
FIELD_LANGUAGE = {f"text_{lang}": lang for lang in LANGUAGES}
NAMED_FACETS = ("country", "theme", "sdg")  # a query term of these marks the thing's names


@dataclass(frozen=True)
class Marks:
    """What to mark in text of one language: single indexed terms, and phrases marked only whole.

    `blocks` are longer names of other things that contain one of the phrases ("Turks and Caicos
    Islands" for Türkiye's "Turks"): where one starts, nothing inside it is marked.
    """

    terms: frozenset[str] = frozenset()
    phrases: frozenset[tuple[str, ...]] = frozenset()
    blocks: frozenset[tuple[str, ...]] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.terms or self.phrases)

    @cached_property
    def starts(self) -> dict[str, list[tuple[tuple[str, ...], bool]]]:
        """{first term: [(phrase, marked?), ...] longest first}."""
        found: dict[str, list[tuple[tuple[str, ...], bool]]] = {}
        for phrase, marked in [*((p, True) for p in self.phrases), *((b, False) for b in self.blocks)]:
            if phrase:
                found.setdefault(phrase[0], []).append((phrase, marked))
        for options in found.values():
            options.sort(key=lambda o: (-len(o[0]), not o[1]))
        return found


def query_terms(words: list[str], lang: str) -> Marks:
    """Marks for the indexed forms of `words` in `lang` (each word on its own)."""
    return Marks(frozenset(t for w in words if (t := term_of(w, lang))))


def spans(text: str, marks: Marks, lang: str) -> list[tuple[int, int]]:
    """(start, end) of every word or phrase of `text` that the index would match with `marks`.

    Stop words are skipped when phrases are matched, as the index's positions skip them.
    """
    if not text or not marks:
        return []
    words = [(t, m.start(), m.end()) for m in _TOKEN.finditer(text) if (t := term_of(m.group(), lang))]
    terms, starts = marks.terms, marks.starts
    out, i = [], 0
    while i < len(words):
        term = words[i][0]
        for phrase, marked in starts.get(term, ()):
            n = len(phrase)
            if n > 1 and tuple(w[0] for w in words[i:i + n]) == phrase or n == 1:
                if marked:
                    out.append((words[i][1], words[i + n - 1][2]))
                i += n
                break
        else:
            if term in terms:
                out.append(words[i][1:])
            i += 1
    return out


@dataclass
class _Plan:
    terms: dict[str, set] = field(default_factory=lambda: {lang: set() for lang in LANGUAGES})
    phrases: dict[str, set] = field(default_factory=lambda: {lang: set() for lang in LANGUAGES})
    named: set = field(default_factory=set)  # (facet, value)


def _walk(node, reader, plan: _Plan) -> None:
    if isinstance(node, wq.Not):
        return  # "NOT Mexico": not what the hit matched
    if isinstance(node, wq.AndNot):
        _walk(node.a, reader, plan)
        return
    if isinstance(node, wq.Term):
        if lang := FIELD_LANGUAGE.get(node.fieldname):
            plan.terms[lang].add(node.text)
        elif node.fieldname in NAMED_FACETS:
            plan.named.add((node.fieldname, node.text))
        return
    if isinstance(node, wq.Phrase):
        if lang := FIELD_LANGUAGE.get(node.fieldname):
            plan.phrases[lang].add(tuple(node.words))
        return
    if isinstance(node, wq.MultiTerm):  # wildcards, prefixes, fuzzy terms: the words they expanded to
        for fieldname, text in node.existing_terms(reader, expand=True):
            if lang := FIELD_LANGUAGE.get(fieldname):
                plan.terms[lang].add(text.decode("utf-8") if isinstance(text, bytes) else text)
        return
    if node.is_leaf():
        return
    children = list(node.children())
    if isinstance(node, wq.Or) and any(isinstance(c, wq.Term) and c.fieldname in NAMED_FACETS for c in children):
        # "((gender equality) OR sdg:5)": the words of a named thing are marked as a whole name.
        for child in children:
            fields = {getattr(c, "fieldname", None) for c in child.children()} if isinstance(child, wq.And) else set()
            if len(fields) == 1 and (lang := FIELD_LANGUAGE.get(fields.pop())) and \
                    all(isinstance(c, wq.Term) for c in child.children()):
                plan.phrases[lang].add(tuple(c.text for c in child.children()))
            else:
                _walk(child, reader, plan)
        return
    for child in children:
        _walk(child, reader, plan)


class _ByLanguage(dict):
    """{language: Marks}, each worked out when a hit of that language is first shown."""

    def __init__(self, found: _Plan, names) -> None:
        super().__init__()
        self.found, self.names = found, names

    def __missing__(self, lang: str) -> Marks:
        phrases, blocks = set(self.found.phrases.get(lang, ())), set()
        if lang in LANGUAGES:
            for facet, value in self.found.named:
                named, blocked = self.names(facet, value, lang)
                phrases |= named
                blocks |= blocked
        marks = self[lang] = Marks(frozenset(self.found.terms.get(lang, ())), frozenset(phrases),
                                   frozenset(blocks - phrases))
        return marks


def plan(q, reader, names) -> dict[str, Marks]:
    """{language: Marks} for the hits of the Whoosh query `q` (None: nothing to mark).

    `names(facet, value, lang)` gives (phrases, blocks) of a named country, theme or goal
    (hub.search.countries.name_marks).
    """
    found = _Plan()
    if q is not None:
        _walk(q, reader, found)
    return _ByLanguage(found, names)


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
