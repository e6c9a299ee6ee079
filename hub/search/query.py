"""Answering a search: parse, match once, count facets, mark the shown hits.

One pass over the matching documents gives the total, the facet counts and the top hits:
hub.search.whoosh.evaluate reads every match and its score a posting block at a time (terms, ANDs, ORs,
phrases); other queries go through Whoosh's matchers with a collector that keeps every match as
well as the best scores. Facet counts are ANDs of bitmaps cached per index version; filters are
unions of cached document sets; "newest first" sorts the matches by a cached date column. Only
the shown page is read, marked and explained.
"""

from __future__ import annotations

import functools
import heapq
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from markupsafe import Markup, escape
from whoosh import query as wq
from whoosh.collectors import FilterCollector, TopCollector
from whoosh.qparser import AndGroup, OrGroup, QueryParser

from hub.modeling import utcnow
from hub.search import highlight, ranking, spelling
from hub.search.countries import country_lookup, name_marks, tables
from hub.search.reader import View, bitmap, reader
from hub.search.schema import (
    ENDING_KINDS,
    FACETS,
    FIELD_NAMES,
    KINDS,
    MATCHED_IN,
    TEXT_FIELDS,
    fold,
    schema,
)
from hub.search.store import index_dir
from hub.search.understand import Understanding, understand
from hub.search.whoosh.evaluate import evaluate, matching

log = logging.getLogger(__name__)

MAX_QUERY_CHARS = 500
SUMMARY_CHARS = 240


@dataclass
class Hit:
    kind: str
    ref: str
    title: Markup
    snippet: Markup
    matched_in: list[str]
    org_name: str
    date: datetime | None
    lang: str


@dataclass
class FacetValue:
    value: str
    count: int
    selected: bool


@dataclass
class Results:
    text: str
    filters: dict[str, list[str]]
    sort: str
    page: int
    per_page: int
    hits: list[Hit] = field(default_factory=list)
    total: int = 0
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    fell_back_to_or: bool = False
    suggestion: str | None = None
    corrected_from: str | None = None  # the typed text, when these are the results of `suggestion`
    available: bool = True
    error: str = ""
    only: frozenset[str] | None = None  # when set, only these documents ("action:12") may match

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


# --------------------------------------------------------------------------- reading the query

_FILTER_SYNTAX = re.compile(r"\b\w+:(\"[^\"]*\"|\S+)")
_WORD = re.compile(r"\w+", re.UNICODE)
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
_FIELD_PREFIX = re.compile(r"(\w+):")
_KIND_ALIASES = {"org": "organization", "organisation": "organization", "organizations": "organization",
                 "actions": "action", "partnerships": "partnership", "stories": "story", "sources": "source",
                 "data": "source", "events": "event", "opportunities": "opportunity", "calls": "opportunity",
                 "call": "opportunity", "countries": "country", "communities": "community", "corridor": "community"}


def query_words(text: str) -> list[str]:
    """The free words of a query string (no field filters, no operators)."""
    return [w for w in _WORD.findall(_FILTER_SYNTAX.sub(" ", text)) if w not in _OPERATORS]


def normalize_filter(facet: str, value: str) -> str | None:
    """A filter value as stored in the index, or None if it cannot be one."""
    value = value.strip()
    if not value or len(value) > 80:
        return None
    if facet == "country":
        return country_lookup().get(fold(value))
    if facet == "kind":
        value = _KIND_ALIASES.get(value.lower(), value.lower())
        return value if value in KINDS else None
    return value.lower()


def _normalize_fields(node):
    if isinstance(node, wq.Or):
        # Whoosh preloads an Or's postings into arrays on segments of 5,000 documents or fewer,
        # scoring every posting of every word even when AND keeps few documents: 2-3x slower.
        node.matcher_type = wq.Or.DEFAULT_MATCHER
    if isinstance(node, wq.Term) and node.fieldname in FACETS:
        value = normalize_filter(node.fieldname, str(node.text))
        return wq.Term(node.fieldname, value) if value else wq.NullQuery
    return node


def _known_fields(text: str) -> str:
    """"title:x" is the words "title x": only FIELD_NAMES may be named in a query."""
    return _FIELD_PREFIX.sub(lambda m: m.group(0) if m.group(1) in FIELD_NAMES else m.group(1) + " ", text)


@functools.cache
def _parser(fieldname: str, group) -> QueryParser:
    return QueryParser(fieldname, schema(), group=group)


def parse(text: str, group=AndGroup, understood: Understanding | None = None):
    """The Whoosh query for `text`: its words in one language's field, in any of the three.

    Each document's words are in the field of its language, so "all words in one field, for some
    language" finds what "each word in some field" finds, but Whoosh can intersect plain posting
    lists instead of unions of three: multi-word queries are 2-3x faster (bench/search.py).
    """
    text = (understood or understand(_known_fields(text))).expanded
    per_language = [_parser(fieldname, group).parse(text) for fieldname in TEXT_FIELDS]
    return wq.Or(per_language).normalize().accept(_normalize_fields)


# --------------------------------------------------------------------------- matching


class _EveryMatch(TopCollector):
    """The best `limit` scores, and every matching document number (for totals and facets).

    Block-quality skipping and matcher replacement are off: they skip documents that cannot make
    the top, which would make the total and facet counts wrong.
    """

    def __init__(self, limit: int) -> None:
        super().__init__(limit=limit, usequality=False)
        self.replace = 0

    def _collect(self, global_docnum, score):
        self.docset.add(global_docnum)
        return super()._collect(global_docnum, score)


def _filter_docs(view: View, filters: dict[str, list[str]]) -> set[int] | None:
    """Documents passing every filter (values of one facet OR-ed), or None when unfiltered."""
    sets = view.facet_sets()
    allowed = None
    for facet in FACETS:
        values = filters.get(facet)
        if not values:
            continue
        chosen = set().union(*(sets[facet].get(v, ()) for v in values))
        allowed = chosen if allowed is None else allowed & chosen
    return allowed


def _match(view: View, q, allowed: set[int] | None, limit: int, newest: bool,
           understood: Understanding | None = None) -> tuple[set[int], list[int]]:
    """(every matching document, the best `limit` of them in order)."""
    searcher = view.searcher
    if q is None:  # filters only
        matched = allowed if allowed is not None else view.all_docs()
    elif (found := (matching if newest else evaluate)(searcher, q)) is not None:  # hub.search.whoosh.evaluate
        if newest:
            matched = found if allowed is None else found & allowed
            if ranking.needs_ranking(understood):
                matched = set(ranking.only_tagged_places(view, understood, dict.fromkeys(matched, 0.0)))
        else:
            scores = found if allowed is None else {d: s for d, s in found.items() if d in allowed}
            scores = ranking.demote_stale(view, scores)
            if ranking.needs_ranking(understood):
                scores = ranking.only_tagged_places(view, understood, scores)
                return set(scores), ranking.rank_all(view, understood, scores, limit)
            # Best score first, then the lower document number, as Whoosh ranks them.
            return set(scores), heapq.nlargest(limit, scores, key=lambda d: (scores[d], -d))
    elif newest:
        matched = set(searcher.docs_for_query(q))
        if allowed is not None:
            matched &= allowed
    else:
        top = _EveryMatch(limit)
        collector = FilterCollector(top, allow=allowed) if allowed is not None else top
        searcher.search_with_collector(q, collector)
        ranked = sorted(top.items, reverse=True)
        return top.docset, [-docnum for _score, docnum in ranked]
    dates = view.dates()
    return matched, heapq.nlargest(limit, matched, key=lambda d: (dates[d], -d))


def _match_some(view: View, text: str, understood: Understanding, allowed: set[int] | None, limit: int,
                newest: bool) -> tuple[set[int], list[int]]:
    """No record has every word: the records covering the most of the query (hub.search.ranking)."""
    some = ranking.match_some(view, understood, parse) if understood.plain and len(understood.concepts) > 1 else None
    if some is None:
        return _match(view, parse(text, OrGroup.factory(0.9)), allowed, limit, newest)
    scores, coverage = some
    if allowed is not None:
        scores = {d: s for d, s in scores.items() if d in allowed}
    if newest:
        dates = view.dates()
        return set(scores), heapq.nlargest(limit, scores, key=lambda d: (dates[d], -d))
    return set(scores), ranking.rank_some(view, understood, ranking.demote_stale(view, scores), coverage, limit)


def _count_facets(view: View, results: Results, matched: set[int]) -> None:
    bitmaps = view.facet_bitmaps()
    found = bitmap(matched, view.size)
    for facet in FACETS:
        chosen = set(results.filters.get(facet, []))
        values = []
        for value, bits in bitmaps[facet].items():
            count = (found & bits).bit_count()
            if value and (count or value in chosen):
                values.append(FacetValue(value, count, value in chosen))
        if facet == "year":
            values.sort(key=lambda fv: fv.value, reverse=True)
        else:
            values.sort(key=lambda fv: (-fv.count, fv.value))
        results.facets[facet] = values


# --------------------------------------------------------------------------- showing hits


def _matched_in(fields: dict, terms: highlight.Marks, lang: str, title_marked: bool, text_marked: bool) -> list[str]:
    """Where the query's words are in this hit, in the order the page lists them."""
    names = fields.get("names") or {}
    places = " ".join(tables().words.get(code, code) for code in (fields.get("country") or "").split(",") if code)
    found = {
        "title": title_marked,
        "text": text_marked,
        "organization": bool(highlight.spans(names.get("organization", ""), terms, lang)),
        "countries": bool(highlight.spans(places, terms, lang)),
        "themes": bool(highlight.spans(names.get("themes", ""), terms, lang)),
    }
    return [label for label in MATCHED_IN if found[label]]


def _to_hit(fields: dict, marks: dict[str, highlight.Marks], locale: str) -> Hit:
    lang = fields.get("lang", "en")
    terms = marks[lang]
    titles = fields.get("titles") or {}
    # A place's title is shown in the interface language, and indexed in that language's field.
    title_lang = locale if titles.get(locale) else lang
    title_text = titles.get(locale) or fields.get("title", "")
    title_marks = highlight.spans(title_text, marks[title_lang], title_lang)
    snippet_text = fields.get("snippet", "")
    snippet_marks = highlight.spans(snippet_text, terms, lang)
    snippet = highlight.fragments(snippet_text, snippet_marks)
    if snippet is None:
        fallback = fields.get("summary") or snippet_text
        snippet = escape(fallback[:SUMMARY_CHARS] + ("…" if len(fallback) > SUMMARY_CHARS else ""))
    date = datetime.fromtimestamp(fields["date"] / 1000).astimezone() if fields.get("date") else None
    return Hit(
        kind=fields["kind"], ref=fields["ref"], title=highlight.whole(title_text, title_marks), snippet=snippet,
        matched_in=_matched_in(fields, terms, lang, bool(title_marks), bool(snippet_marks)),
        org_name=fields.get("org_name", ""), date=date, lang=lang,
    )


# --------------------------------------------------------------------------- the search


def query(
    text: str = "", filters: dict[str, list[str]] | None = None, sort: str = "relevance",
    page: int = 1, per_page: int = 20, locale: str = "en", correct: bool = True, only: Iterable[str] | None = None,
) -> Results:
    """Search the index: hits for one page, facet counts, AND falling back to OR, a suggestion.

    When nothing has all the words and the suggested spelling finds records that do, those are
    the results (`corrected_from` holds what was typed), unless `correct` is False.
    """
    text = (text or "").strip()[:MAX_QUERY_CHARS]
    clean = {f: [n for v in (filters or {}).get(f, []) if (n := normalize_filter(f, v))] for f in FACETS}
    clean = {f: list(dict.fromkeys(v)) for f, v in clean.items() if v}
    sort = sort if sort in ("relevance", "newest") else "relevance"
    results = Results(text=text, filters=clean, sort=sort, page=max(page, 1), per_page=per_page,
                      only=frozenset(only) if only is not None else None)
    try:
        with reader.use(index_dir()) as view:
            try:
                _run(view, results, locale)
            except Exception:  # noqa: BLE001 - odd syntax: search the plain words instead
                log.info("Query %r failed; searching its words", text, exc_info=True)
                results.text = " ".join(query_words(text))
                results.hits, results.total, results.facets = [], 0, {}
                _run(view, results, locale)
                results.text = text
    except Exception as exc:  # noqa: BLE001 - a broken index must never break the page
        log.warning("Search unavailable: %s", exc)
        reader.discard()  # the next request opens the index afresh
        results.available, results.error = False, type(exc).__name__
        results.hits, results.total, results.facets = [], 0, {}
        return results
    if correct and results.suggestion and (results.total == 0 or results.fell_back_to_or):
        corrected = query(results.suggestion, filters, sort, page, per_page, locale, correct=False, only=only)
        if corrected.total and not corrected.fell_back_to_or:
            corrected.corrected_from, corrected.suggestion = text, None
            return corrected
    return results


def _ended(view: View, matched: set[int]) -> set[int]:
    """The events that are over and the calls that closed among `matched`, by the clock now.

    Their documents are dated by their end or deadline; the comparison is made at query time,
    so nothing has to touch the index when a deadline passes.
    """
    kinds = view.facet_sets()["kind"]
    dated = set().union(*(kinds.get(kind, ()) for kind in ENDING_KINDS))
    if not dated:
        return set()
    # The date column holds Whoosh's sortable form of the number, so compare with the same form.
    now, dates = schema()["date"].to_column_value(int(utcnow().timestamp() * 1000)), view.dates()
    return {d for d in dated & matched if dates[d] <= now}


def _run(view: View, results: Results, locale: str) -> None:
    words = query_words(results.text)
    allowed = _filter_docs(view, results.filters)
    if results.only is not None:  # a filter the index does not hold (e.g. looking for partners)
        docs = {view.searcher.document_number(uid=uid) for uid in results.only} - {None}
        allowed = docs if allowed is None else allowed & docs
    newest = results.sort == "newest" or not results.text
    limit = results.page * results.per_page
    understood = understand(_known_fields(results.text)) if results.text else None
    q = parse(results.text, understood=understood) if results.text else None
    matched, ranked = _match(view, q, allowed, limit, newest, understood)
    if not matched and q is not None and len(words) > 1:
        matched, ranked = _match_some(view, results.text, understood, allowed, limit, newest)
        results.fell_back_to_or = bool(matched)
    if ended := _ended(view, matched):
        # Rank again with room for every ended record, so the best current ones all come first.
        wider = limit + len(ended)
        if len(ranked) < min(wider, len(matched)):
            if results.fell_back_to_or:
                _, ranked = _match_some(view, results.text, understood, allowed, wider, newest)
            else:
                _, ranked = _match(view, q, allowed, wider, newest, understood)
        ranked = ([d for d in ranked if d not in ended] + [d for d in ranked if d in ended])[:limit]
    if q is not None:  # a suggestion must beat what all the typed words found (none, after a fallback)
        found_now = 0 if results.fell_back_to_or else len(matched)
        results.suggestion = spelling.suggest(view, words, allowed, found_now, locale, parse)
    results.total = len(matched)
    results.page = min(results.page, results.pages)
    # Past the end, `ranked` already holds every match (limit > total), so the last page is in it.
    shown = ranked[(results.page - 1) * results.per_page:results.page * results.per_page]
    stored = view.searcher.stored_fields
    marks = highlight.plan(q, view.searcher.reader(), name_marks)
    results.hits = [_to_hit(stored(docnum), marks, locale) for docnum in shown]
    _count_facets(view, results, matched)
