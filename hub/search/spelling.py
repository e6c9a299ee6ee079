"""Did you mean: the nearest spelling of a query that finds more, in the query's language.

The dictionary is the `spell` field: the words of every public record's title and other names,
and the names of countries in three languages, folded (no accents) and not stemmed. A word the
dictionary knows, a code, a number or a stop word is never corrected.

A word the dictionary does not know is corrected to its nearest dictionary words (edit distance 1,
else 2; the first letter as typed), best first: words of the query's language first, then the
more frequent. The query's language is the one its function words belong to ("los", "des"),
else the interface's: "developement" is "développement" for a French reader and "development"
for an English one. The suggestion is shown with the accents the records use and in the typed
capitalization.

A misspelling can stem onto a real but rarer word ("remitances" -> "remit", which is in the
"Kobo Remit" records): it is still corrected when its better spelling's stem is in far more
records (FAR_MORE), whatever the count, and the better spelling must then find far more too.
"""

from __future__ import annotations

import itertools
import re

from whoosh.lang import stopwords_for_language

from hub.search.countries import tables
from hub.search.reader import View
from hub.search.schema import LANGUAGES, STOP_ANY, fold, term_of

SUGGESTIONS_PER_WORD = 3
SUGGESTIONS_TRIED = 9
ACCENTED_LOOKUPS = 20  # records read to find how a suggested word is written with its accents
_WORD = re.compile(r"\w+", re.UNICODE)
# Function words of one language only ("de" and "la" are French and Spanish both).
_OWN_STOPS = {lang: frozenset(stopwords_for_language(lang)) - frozenset().union(
    *(stopwords_for_language(other) for other in LANGUAGES if other != lang)) for lang in LANGUAGES}


def far_more(count: int) -> int:
    """How many a better spelling must find to beat `count` found by the typed one."""
    return max(count * 3, count + 5)


def query_language(words: list[str], locale: str) -> str:
    """The language of the query's function words ("los", "des", "the"), else the interface's."""
    votes = {lang: sum(1 for w in words if w.lower() in _OWN_STOPS[lang]) for lang in LANGUAGES}
    best = max(votes.values())
    leaders = [lang for lang, n in votes.items() if n == best]
    if best and len(leaders) == 1:
        return leaders[0]
    return locale if locale in LANGUAGES else "en"


def as_typed(word: str, suggestion: str) -> str:
    """The suggestion in the typed word's capitalization: "Remitances" -> "Remittances"."""
    if word.isupper() and len(word) > 1:
        return suggestion.upper()
    return suggestion[:1].upper() + suggestion[1:] if word[:1].isupper() else suggestion


def _stem_count(reader, word: str, lang: str | None = None) -> int:
    """In how many records the word's stem is: in `lang`'s, or at most over the three languages."""
    langs = (lang,) if lang else LANGUAGES
    return max((reader.doc_frequency(f"text_{x}", t) for x in langs if (t := term_of(word, x))), default=0)


def _nearest(reader, folded: str, lang: str) -> list[str]:
    """The dictionary words nearest to `folded`: one at distance 1, else up to three at 2."""
    def in_language(word: str) -> bool:
        stem = term_of(word, lang)
        return bool(stem and reader.doc_frequency(f"text_{lang}", stem))

    for distance, limit in ((1, 1), (2, SUGGESTIONS_PER_WORD)):
        found = [w for w in reader.terms_within("spell", folded, distance, prefix=1) if w != folded]
        if found:
            found.sort(key=lambda w: (not in_language(w), -reader.frequency("spell", w), w))
            return found[:limit]
    return []


# How much a suggestion must find: more than the typed words, far more (a misspelling that stems
# onto a rarer real word), or anything at all (a word of another language, misspelt in the query's).
MORE, FAR_MORE, ANY = "more", "far more", "any"


def _candidates(view: View, words: list[str], lang: str) -> tuple[list[list[str]], str]:
    """For each word, itself if the dictionary knows it, else its nearest words, best first; and
    how much a suggestion must find (MORE, FAR_MORE or ANY)."""
    reader = view.searcher.reader()
    codes = tables().lookup
    out, need = [], MORE
    for word in words:
        folded = fold(word)
        if (len(folded) < 3 or folded.isdigit() or folded in STOP_ANY or word.isupper()
                or reader.doc_frequency("spell", folded) or folded in codes):
            out.append([word])
            continue
        # Never a bare country code ("gha"): a code is not a spelling of a word.
        found = [f for f in _nearest(reader, folded, lang) if not (len(f) <= 3 and f in codes)]
        stem_count = _stem_count(reader, word)
        if stem_count and found:
            # A real stem ("remitances" -> "remit"): a spelling whose stem is in far more records
            # beats it; so does one the query's language knows when the typed word is not its
            # ("developement" stems onto English "develop", "développement" is the French word).
            foreign = not _stem_count(reader, word, lang)
            in_language = [f for f in found if foreign and _stem_count(reader, f, lang)]
            found = in_language or [f for f in found if _stem_count(reader, f) >= far_more(stem_count)]
            if found:
                need = ANY if in_language else (FAR_MORE if need == MORE else need)
                found = [word, *found]
        out.append(found or [word])
    return out, need


def _accented(view: View, folded: str, lang: str) -> str:
    """`folded` as the titles of records in `lang` write it ("developpement" -> "développement"),
    else as any record's title does."""
    searcher = view.searcher
    fallback = folded
    for docnum in itertools.islice(searcher.reader().postings("spell", folded).all_ids(), ACCENTED_LOOKUPS):
        fields = searcher.stored_fields(docnum)
        titles = fields.get("titles") or {fields.get("lang", "en"): fields.get("title", "")}
        for title_lang, title in titles.items():
            forms = [token.lower() for token in _WORD.findall(title) if fold(token) == folded]
            if forms and title_lang == lang:
                return forms[0]
            if fallback == folded and forms:
                fallback = forms[0]
    return fallback


def suggest(view: View, words: list[str], allowed: set[int] | None, found_now: int, locale: str,
            parse) -> str | None:
    """The nearest spelling of the query that finds more than it does now (`found_now`).

    "clinc" is nearer to "china" than to "clinics", so a few combinations are tried; each stops
    at the first result that beats `found_now`. `parse` is hub.search.query.parse.
    """
    lang = query_language(words, locale)
    candidates, need = _candidates(view, words, lang)
    if all(len(c) == 1 and c[0] == w for c, w in zip(candidates, words, strict=True)):
        return None
    if need == FAR_MORE:  # a handful of poor results: the better spelling must find far more
        found_now = far_more(found_now)
    elif need == ANY:
        found_now = 0
    for combination in itertools.islice(itertools.product(*candidates), SUGGESTIONS_TRIED):
        if list(combination) == words:
            continue
        # Whoosh's own lazy matching: it stops at the first documents found, where
        # hub.search.whoosh.evaluate would read whole posting lists.
        found = view.searcher.docs_for_query(parse(" ".join(combination)))
        if allowed is not None:
            found = (d for d in found if d in allowed)
        if sum(1 for _ in itertools.islice(found, found_now + 1)) > found_now:
            return " ".join(word if word == typed else as_typed(typed, _accented(view, word, lang))
                            for word, typed in zip(combination, words, strict=True))
    return None
