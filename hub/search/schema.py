"""What the index holds and how its words are analysed.

Every document has its words in one field per language, analysed with that language's stemmer:
title, summary, body, organization names, country names (English, French, Spanish and codes) and
themes all go into the field of the document's language. A query word is then looked up in three
fields instead of nine, which is what makes a search request fast (measured in bench/search.py:
two to three times faster than one field per part). The title is written twice so that a word in
the title weighs more; "matched in" is worked out afterwards for the shown hits only.
"""

from __future__ import annotations

import functools
import unicodedata

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map

LANGUAGES = ("en", "fr", "es")
KINDS = ("organization", "action", "partnership", "story", "source", "country", "community")
FACETS = ("kind", "country", "theme", "type", "year")
TEXT_FIELDS = tuple(f"text_{lang}" for lang in LANGUAGES)
SEARCH_FIELDS = list(TEXT_FIELDS)
# Where a hit can have matched, in the order the results page lists them.
MATCHED_IN = ("title", "text", "organization", "countries", "themes")
# Only these may be named in a query ("country:GHA"); "title:x" searches the words "title x".
FIELD_NAMES = frozenset({"country", "theme", "kind", "type", "year", "sdg", "org", "lang"})

STOP_ANY = frozenset().union(*(stopwords_for_language(lang) for lang in LANGUAGES))
WORD_PATTERN = r"\w+(\.?\w+)*"  # RegexTokenizer's default: "U.S", "3.5" stay one token


def _language_analyzer(lang: str):
    # Stop words are removed while their accents still match the list, then accents are folded
    # before stemming: stemmers treat "Sénégal" and "Senegal" differently, and people type both.
    return (
        RegexTokenizer(WORD_PATTERN)
        | LowercaseFilter()
        | StopFilter(stoplist=stopwords_for_language(lang), minsize=2)
        | CharsetFilter(accent_map)
        | StemFilter(lang=lang, cachesize=-1)  # a plain dict: the vocabulary is bounded, LFU costs 3x
    )


def _folding_analyzer():
    """The spelling field: no stemming (suggestions must be words), accents folded."""
    return (
        RegexTokenizer(WORD_PATTERN) | LowercaseFilter() | CharsetFilter(accent_map)
        | StopFilter(stoplist=STOP_ANY, minsize=2)
    )


ANALYZERS = {lang: _language_analyzer(lang) for lang in LANGUAGES}
FOLDING = _folding_analyzer()


def fold(text: str) -> str:
    """Lower-case ASCII-ish text: 'Côte d’Ivoire' -> 'cote d’ivoire'."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()


@functools.lru_cache(maxsize=200_000)
def term_of(word: str, lang: str) -> str | None:
    """The indexed form of one word in `lang` ("Remittances" -> "remitt"), None for a stop word."""
    for token in ANALYZERS.get(lang, FOLDING)(word):
        return token.text
    return None


def build_schema() -> Schema:
    fields = {
        "uid": ID(stored=True, unique=True),
        "kind": ID(stored=True, sortable=True),
        "owner": ID,
        "lang": ID(stored=True),
        # Shown on the results page, never searched as such.
        "ref": STORED,
        "stamp": STORED,
        "title": STORED,
        "titles": STORED,  # {locale: title} for countries and communities
        "summary": STORED,
        "snippet": STORED,
        "org_name": STORED,
        "names": STORED,  # {"organization": ..., "themes": ...}: for "matched in"
        # Unstemmed words for "did you mean": an unstemmed field suggests words, not stems.
        "spell": TEXT(analyzer=FOLDING, phrase=False),
        "org": TEXT(analyzer=FOLDING, phrase=False),  # only for "org:IOM"; not searched by default
        "country": KEYWORD(commas=True, stored=True),
        "theme": KEYWORD(commas=True, stored=True),
        "sdg": KEYWORD(commas=True),
        "type": ID(stored=True, sortable=True),
        "year": ID(stored=True, sortable=True),
        # Only sorted on, never searched by range: one term per document instead of sixteen.
        "date": NUMERIC(int, bits=64, stored=True, sortable=True, default=0, shift_step=0),
    }
    for lang in LANGUAGES:
        fields[f"text_{lang}"] = TEXT(analyzer=ANALYZERS[lang])
    return Schema(**fields)


@functools.cache
def schema() -> Schema:
    """The schema, built once (query parsing needs it on every request)."""
    return build_schema()
