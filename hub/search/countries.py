"""Countries in queries: names in three languages and codes, found through the `country` field.

Documents do not repeat the names of their countries in their text (that was a tenth of all
postings); instead a country's name or code in a query is read as "this word, or a document
tagged with this country": "ghana health" is searched as "(ghana OR country:GHA) health".
The expansion only ever adds results, so a country name that is also a word ("Chad", "Turkey")
still finds the word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy as sa

from hub.extensions import db
from hub.models import Country
from hub.search.documents import country_words
from hub.search.schema import LANGUAGES, STOP_ANY, fold

_WORD = re.compile(r"\w+", re.UNICODE)
_APOSTROPHES = str.maketrans({"'": " ", "’": " ", "-": " "})
# Quoted phrases, field filters, parentheses and operators are left as they are.
_SYNTAX = re.compile(r'"[^"]*"?|\w+:(?:"[^"]*"?|\S+)|[()]|\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\b')
MAX_NAME_WORDS = 6  # "Saint Vincent and the Grenadines"


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


_cache: dict[str, CountryTables] = {}


def tables() -> CountryTables:
    """The country tables of this database, loaded once."""
    key = str(db.engine.url)
    if key not in _cache:
        lookup, phrases, codes, names, words = {}, {}, {}, {}, {}
        for c in db.session.scalars(sa.select(Country)):
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
        _cache.clear()  # one database per process, except in tests
        _cache[key] = CountryTables(lookup, phrases, codes, names, words)
    return _cache[key]


def country_lookup() -> dict[str, str]:
    """{folded name in en/fr/es, iso2 or iso3: ISO3}, loaded once per database."""
    return tables().lookup


def country_name(iso3: str, locale: str = "en") -> str:
    """A country's name in `locale` (for facet labels), or the code itself."""
    return tables().names.get(iso3, {}).get(locale, iso3)


def _country_at(words: list[re.Match], start: int, t: CountryTables) -> tuple[int, str] | None:
    """(how many words, ISO3) of the longest country name starting at words[start]."""
    for count in range(min(MAX_NAME_WORDS, len(words) - start), 0, -1):
        group = words[start:start + count]
        iso3 = t.phrases.get(tuple(fold(w.group()) for w in group))
        if iso3 is None and count == 1 and group[0].group().isupper():
            iso3 = t.codes.get(group[0].group())
        if iso3 and not (count == 1 and fold(group[0].group()) in STOP_ANY):
            return count, iso3
    return None


def _expand_run(run: str, t: CountryTables) -> str:
    words = list(_WORD.finditer(run))
    out, done, i = [], 0, 0
    while i < len(words):
        found = _country_at(words, i, t)
        if found is None:
            i += 1
            continue
        count, iso3 = found
        start, end = words[i].start(), words[i + count - 1].end()
        out += [run[done:start], f"(({run[start:end]}) OR country:{iso3})"]
        done, i = end, i + count
    out.append(run[done:])
    return "".join(out)


def expand_countries(text: str) -> str:
    """`text` with each country name or code outside phrases and filters read as 'or tagged with it'."""
    t = tables()
    out, done = [], 0
    for m in _SYNTAX.finditer(text):
        out += [_expand_run(text[done:m.start()], t), m.group()]
        done = m.end()
    out.append(_expand_run(text[done:], t))
    return "".join(out)
