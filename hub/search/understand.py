"""Reading a query as a person means it: countries, themes, goals, and which way a corridor runs.

A query's words are read left to right; at each word the longest country name, demonym or alias
("Côte d'Ivoire", "Ghanaians", "UK"), theme or SDG name ("gender equality", "santé") or goal
number ("SDG 3", "ODD 6", "ODS 11") starting there becomes a *concept*: "these words, or a record
tagged with it". Every other word that is not a stop word of English, French or Spanish is a
concept of its own. Quoted phrases, field filters, parentheses and operators are left as typed,
and a query that uses them is searched exactly as written (`plain` is False).

Two countries, one of them said as its people ("Moroccans in Spain") or joined by a word of
direction ("Turkey to Germany", "de Venezuela a Colombia"), name a corridor: the community of
the first living in the second ranks first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from hub.search.countries import CountryTables, tables
from hub.search.schema import STOP_ANY, fold

_WORD = re.compile(r"\w+", re.UNICODE)
_SYNTAX = re.compile(r'"[^"]*"?|\w+:(?:"[^"]*"?|\S+)|[()]|\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\b|\S*[*?]\S*')
_GOAL = re.compile(r"\b(?:sdgs?|odds?|ods|goal|objectif|objetivo)\s*#?\s*(\d{1,2})\b", re.IGNORECASE)
MAX_NAME_WORDS = 6  # "Saint Vincent and the Grenadines"
TOWARDS = frozenset({"to", "into", "towards", "toward", "in", "living", "vers", "a", "au", "aux", "en", "dans",
                     "hacia", "para", "→", "->"})
FROM = frozenset({"from", "desde"})


@dataclass
class Concept:
    """One thing the query asks for: a word, or words that name a country, theme or goal."""

    text: str  # as a query string: "health", "((Ghanaians) OR country:GHA)"
    facet: str | None = None  # "country", "theme", "sdg"; None for a plain word
    value: str | None = None
    demonym: bool = False
    start: int = 0
    end: int = 0


@dataclass
class Understanding:
    expanded: str  # the whole query with each concept's words read as "or tagged with it"
    concepts: list[Concept] = field(default_factory=list)
    plain: bool = True  # no phrases, filters, operators or wildcards
    corridor: tuple[str, str] | None = None  # (origin ISO3, residence ISO3)

    def countries(self) -> list[str]:
        return list(dict.fromkeys(c.value for c in self.concepts if c.facet == "country"))


def _folded(words: list[re.Match]) -> tuple[str, ...]:
    return tuple(fold(w.group()) for w in words)


def _match_at(text: str, words: list[re.Match], i: int, t: CountryTables):
    """(how many words, facet, value, demonym) of the longest name starting at words[i]."""
    goal = _GOAL.match(text, words[i].start())
    if goal and 1 <= int(goal.group(1)) <= 17:
        count = len(_WORD.findall(goal.group()))
        return count, "sdg", str(int(goal.group(1))), False
    for count in range(min(MAX_NAME_WORDS, len(words) - i), 0, -1):
        group = words[i:i + count]
        key = _folded(group)
        if count == 1 and key[0] in STOP_ANY:
            # A stop word is a country only when typed as a code ("US"), never "de", "la", "et".
            code = t.codes.get(group[0].group()) if group[0].group().isupper() else None
            if code:
                return 1, "country", code, False
            continue
        iso3 = t.phrases.get(key)
        if iso3 is None and count == 1 and group[0].group().isupper():
            iso3 = t.codes.get(group[0].group())
        if iso3:
            return count, "country", iso3, key in t.demonyms
        vocab = t.vocabulary.get(key)
        if vocab:
            return count, vocab[0], vocab[1], False
    return None


def _read_run(run: str, offset: int, t: CountryTables, out: list[str], concepts: list[Concept]) -> None:
    words = list(_WORD.finditer(run))
    done, i = 0, 0
    while i < len(words):
        found = _match_at(run, words, i, t)
        if found is None:
            word = words[i].group()
            if fold(word) not in STOP_ANY:
                concepts.append(Concept(word, start=offset + words[i].start(), end=offset + words[i].end()))
            i += 1
            continue
        count, facet, value, demonym = found
        start, end = words[i].start(), words[i + count - 1].end()
        piece = f"(({run[start:end]}) OR {facet}:{value})"
        out += [run[done:start], piece]
        concepts.append(Concept(piece, facet, value, demonym, offset + start, offset + end))
        done, i = end, i + count
    out.append(run[done:])


def _corridor(text: str, concepts: list[Concept]) -> tuple[str, str] | None:
    places = []
    for c in concepts:
        if c.facet == "country" and c.value not in (p.value for p in places):
            places.append(c)
    if len(places) != 2:
        return None
    a, b = places
    if a.demonym != b.demonym:  # "Moroccans in Spain", "UK Nigerians": the people are the origin
        return (a.value, b.value) if a.demonym else (b.value, a.value)
    between = {fold(w) for w in re.findall(r"\w+|→|->", text[a.end:b.start])}
    before_b = {fold(w) for w in _WORD.findall(text[a.end:b.start])[-2:]}
    if before_b & FROM and not between & TOWARDS:  # "in Germany from Turkey"
        return b.value, a.value
    return a.value, b.value  # "Turkey to Germany", and the usual order when nothing says otherwise


def understand(text: str) -> Understanding:
    """What `text` asks for; see the module docstring."""
    t = tables()
    out: list[str] = []
    concepts: list[Concept] = []
    plain, done = True, 0
    for m in _SYNTAX.finditer(text):
        _read_run(text[done:m.start()], done, t, out, concepts)
        out.append(m.group())
        plain = False
        done = m.end()
    _read_run(text[done:], done, t, out, concepts)
    return Understanding("".join(out), concepts, plain, _corridor(text, concepts))
