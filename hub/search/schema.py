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

from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StopFilter
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, Schema
from whoosh.lang import stemmer_for_language, stopwords_for_language
from whoosh.support.charset import accent_map

from hub.search.whoosh.indexing import WORD_CACHE_LIMIT, WordsField

LANGUAGES = ("en", "fr", "es")
KINDS = ("organization", "action", "partnership", "story", "source", "event", "opportunity", "country", "community")
# Kinds dated by when they end: once that moment has passed they rank below current records.
ENDING_KINDS = ("event", "opportunity")
FACETS = ("kind", "country", "theme", "type", "year")
TEXT_FIELDS = tuple(f"text_{lang}" for lang in LANGUAGES)
SEARCH_FIELDS = list(TEXT_FIELDS)
# Where a hit can have matched, in the order the results page lists them.
MATCHED_IN = ("title", "text", "organization", "countries", "themes")
# Only these may be named in a query ("country:GHA"); "title:x" searches the words "title x".
FIELD_NAMES = frozenset({"country", "theme", "kind", "type", "year", "sdg", "org", "lang"})

STOP_ANY = frozenset().union(*(stopwords_for_language(lang) for lang in LANGUAGES))
WORD_PATTERN = r"\w+(\.?\w+)*"  # RegexTokenizer's default: "U.S", "3.5" stay one token


class FoldStemFilter(Filter):
    """Lower-case, drop stop words, fold accents and stem, in one pass.

    Exactly what LowercaseFilter | StopFilter | CharsetFilter(accent_map) | StemFilter produce
    (tests/test_search_ranking.py compares them token by token), with one generator instead of
    four and each word's result cached: a search rebuild analyses every word of every document,
    and the four filters were a seventh of its time. Stop words are removed while their accents
    still match the list, then accents are folded before stemming: stemmers treat "Sénégal" and
    "Senegal" differently, and people type both. Indexes name this class in their schema, so it
    must stay importable under this name (or `hub search rebuild` makes a new index).
    """

    is_morph = True

    def __init__(self, lang: str, minsize: int = 2) -> None:
        self.lang = lang
        self.minsize = minsize
        self.__setstate__({"lang": lang, "minsize": minsize})

    def __getstate__(self) -> dict:
        return {"lang": self.lang, "minsize": self.minsize}

    def __setstate__(self, state: dict) -> None:
        self.lang, self.minsize = state["lang"], state["minsize"]
        self._stops = frozenset(stopwords_for_language(self.lang))
        self._stem = stemmer_for_language(self.lang)
        self._terms: dict[str, str] = {}  # lower-cased word -> folded stem, up to WORD_CACHE_LIMIT

    def __eq__(self, other) -> bool:
        return type(other) is type(self) and (other.lang, other.minsize) == (self.lang, self.minsize)

    __hash__ = None

    def __call__(self, tokens):
        stops, minsize, terms, stem = self._stops, self.minsize, self._terms, self._stem
        pos = None
        for t in tokens:
            text = t.text.lower()
            if len(text) >= minsize and text not in stops:
                if t.positions:  # as StopFilter(renumber=True): stop words leave no gaps
                    pos = t.pos if pos is None else pos + 1
                    t.pos = pos
                term = terms.get(text)
                if term is None:
                    if len(terms) >= WORD_CACHE_LIMIT:  # web processes see every word anyone types
                        terms.clear()
                    term = terms[text] = stem(text.translate(accent_map))
                t.text = term
                t.stopped = False
                yield t
            elif not t.removestops:
                t.text = text.translate(accent_map)
                t.stopped = True
                yield t


def _language_analyzer(lang: str):
    return RegexTokenizer(WORD_PATTERN) | FoldStemFilter(lang)


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
        "spell": WordsField(analyzer=FOLDING, phrase=False),
        "org": WordsField(analyzer=FOLDING, phrase=False),  # only for "org:IOM"; not searched by default
        "country": KEYWORD(commas=True, stored=True),
        "theme": KEYWORD(commas=True, stored=True),
        "sdg": KEYWORD(commas=True),
        "type": ID(stored=True, sortable=True),
        "year": ID(stored=True, sortable=True),
        # Only sorted on, never searched by range: one term per document instead of sixteen.
        "date": NUMERIC(int, bits=64, stored=True, sortable=True, default=0, shift_step=0),
        # The day (since 1970) a record was last kept up: an organization's last profile confirmation,
        # a partnership's last progress report; 0 when it does not apply. Read by ranking.demote_stale.
        "kept_up": NUMERIC(int, bits=32, signed=False, sortable=True, default=0, shift_step=0),
    }
    for lang in LANGUAGES:
        fields[f"text_{lang}"] = WordsField(analyzer=ANALYZERS[lang])
    return Schema(**fields)


@functools.cache
def schema() -> Schema:
    """The schema, built once (query parsing needs it on every request)."""
    return build_schema()
