"""Countries in queries: names in three languages and codes, found through the `country` field.

Documents do not repeat the names of their countries in their text (that was a tenth of all
postings); instead a country's name or code in a query is read as "this word, or a document
tagged with this country": "ghana health" is searched as "(ghana OR country:GHA) health".
The expansion only ever adds results, so a country name that is also a word ("Chad", "Turkey")
still finds the word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sqlalchemy as sa

from hub.extensions import db
from hub.models import Country
from hub.search.documents import country_words
from hub.search.names import country_table, demonyms, standard_names, vocabulary_names
from hub.search.schema import LANGUAGES, STOP_ANY, fold, term_of

_WORD = re.compile(r"\w+", re.UNICODE)
_APOSTROPHES = str.maketrans({"'": " ", "’": " ", "-": " "})


def name_words(text: str) -> tuple[str, ...]:
    """A name as folded words: "Côte d’Ivoire" and "cote d'ivoire" -> ("cote", "d", "ivoire")."""
    return tuple(_WORD.findall(fold(text.translate(_APOSTROPHES))))


@dataclass(frozen=True)
class CountryTables:
    lookup: dict[str, str]  # folded name, ISO2 or ISO3 -> ISO3 (filters)
    phrases: dict[tuple[str, ...], str]  # name words in en/fr/es -> ISO3 (free text)
    codes: dict[str, str]  # ISO2 and ISO3 as written -> ISO3 (free text, capitals only)
    names: dict[str, dict[str, str]]  # ISO3 -> {locale: name}
    words: dict[str, str]  # ISO3 -> names and codes (for "matched in")
    demonyms: frozenset[tuple[str, ...]]  # the phrases that are demonyms ("the people of")
    vocabulary: dict[tuple[str, ...], tuple[str, str]]  # theme / SDG / kind-of-action words -> (facet, value)
    every_name: dict[str, tuple[str, ...]]  # ISO3 -> every name and demonym (for highlighting)
    marks: dict = field(default_factory=dict, compare=False)  # name_marks' cache


_cache: dict[str, CountryTables] = {}


def _add(phrases: dict, ambiguous: set, name: str, iso3: str) -> None:
    words = name_words(name)
    if not words or words in ambiguous:
        return
    if phrases.get(words, iso3) != iso3:  # "Korea", "Guinea"...: two countries, so neither
        ambiguous.add(words)
        del phrases[words]
        return
    phrases[words] = iso3


def _vocabulary() -> dict[tuple[str, ...], tuple[str, str]]:
    found: dict[tuple[str, ...], tuple[str, str]] = {}
    for facet, value, name in vocabulary_names():
        words = name_words(name)
        if not words or (len(words) == 1 and words[0] in STOP_ANY):
            continue
        found.setdefault(words, (facet, value))
        if facet == "sdg" and len(words) > 2 and words[1] not in STOP_ANY:
            found.setdefault(words[:2], (facet, value))  # "clean water", "good health", "decent work"
    return found


def tables() -> CountryTables:
    """The country tables of this database, loaded once."""
    key = str(db.engine.url)
    if key not in _cache:
        lookup, phrases, codes, names, words = {}, {}, {}, {}, {}
        countries = list(db.session.scalars(sa.select(Country)))
        for c in countries:
            for name in (c.name, c.name_fr, c.name_es, c.iso2, c.iso3):
                if name:
                    lookup[fold(name)] = c.iso3
            for name in (c.name, c.name_fr, c.name_es):
                if name and name_words(name):
                    phrases[name_words(name)] = c.iso3
            for code in (c.iso2, c.iso3):
                if code and code.lower() not in STOP_ANY:  # "IN", "IT", "IS" are words first
                    codes[code] = c.iso3
            names[c.iso3] = {lang: c.localized_name(lang) for lang in LANGUAGES}
            words[c.iso3] = country_words([c])
        known = set(names)
        # The database's own names come first; CLDR's and ISO's add the names software and people use.
        extra: dict[tuple[str, ...], str] = {}
        ambiguous: set[tuple[str, ...]] = set()
        for c in countries:
            for name in standard_names(c.iso3, c.iso2):
                _add(extra, ambiguous, name, c.iso3)
        for iso3, lang, kind, form in country_table():
            if iso3 not in known:
                continue
            if kind == "abbrev":
                codes[form] = iso3  # as typed: "UK", "EAU"
                if lang == "en" and len(form) > 2 and fold(form) not in STOP_ANY:
                    _add(extra, ambiguous, form, iso3)  # "usa", "uae" in lower case too; never "us"
                elif len(name_words(form)) > 1:
                    _add(extra, ambiguous, form, iso3)  # "EE. UU."
            elif kind == "alias":
                _add(extra, ambiguous, form, iso3)
        demonym_words = set()
        for iso3, _lang, form in demonyms():
            if iso3 in known:
                _add(extra, ambiguous, form, iso3)
                demonym_words.add(name_words(form))
        for words_, iso3 in extra.items():
            phrases.setdefault(words_, iso3)
        every = {iso3: [] for iso3 in names}
        for words_, iso3 in phrases.items():
            every[iso3].append(" ".join(words_))
        _cache.clear()  # one database per process, except in tests
        _cache[key] = CountryTables(
            lookup, phrases, codes, names, words, frozenset(w for w in demonym_words if w in phrases),
            _vocabulary(), {k: tuple(v) for k, v in every.items()},
        )
    return _cache[key]


def _as_terms(words: tuple[str, ...], lang: str) -> tuple[str, ...]:
    return tuple(t for w in words if (t := term_of(w, lang)))


def _inside_longer_names(lang: str) -> dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]]:
    """{terms: [(a longer country name containing them, its ISO3), ...]} for text of `lang`."""
    t = tables()
    if ("*", lang) not in t.marks:
        found: dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]] = {}
        for words, iso3 in t.phrases.items():
            name = _as_terms(words, lang)
            parts = {name[i:j] for i in range(len(name)) for j in range(i + 1, len(name) + 1)} - {name}
            for part in parts:
                found.setdefault(part, []).append((name, iso3))
        t.marks[("*", lang)] = found
    return t.marks[("*", lang)]


def name_marks(facet: str, value: str, lang: str) -> tuple[frozenset, frozenset]:
    """(phrases, blocks) to mark for a country, theme or goal in text of `lang` (hub.search.highlight):
    its names in the three languages as indexed terms, and the longer names of other countries
    that contain one of them ("Turks and Caicos Islands" for Türkiye's "Turks")."""
    t = tables()
    key = (facet, value, lang)
    if key not in t.marks:
        if facet == "country":
            names = [tuple(n.split()) for n in t.every_name.get(value, ())]
        else:
            names = [words for words, named in t.vocabulary.items() if named == (facet, value)]
        phrases = frozenset(p for words in names if (p := _as_terms(words, lang)))
        blocks = frozenset()
        if facet == "country":
            longer = _inside_longer_names(lang)
            blocks = frozenset(name for p in phrases for name, iso3 in longer.get(p, ()) if iso3 != value)
        t.marks[key] = (phrases, blocks)
    return t.marks[key]


def country_lookup() -> dict[str, str]:
    """{folded name in en/fr/es, iso2 or iso3: ISO3}, loaded once per database."""
    return tables().lookup


def country_name(iso3: str, locale: str = "en") -> str:
    """A country's name in `locale` (for facet labels), or the code itself."""
    return tables().names.get(iso3, {}).get(locale, iso3)


def expand_countries(text: str) -> str:
    """`text` with each country (and theme or goal) named outside phrases and filters read as
    "these words, or tagged with it" (hub.search.understand)."""
    from hub.search.understand import understand

    return understand(text).expanded
