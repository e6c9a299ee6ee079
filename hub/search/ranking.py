"""Ranking by how much of the query a record covers, places by their tags, corridors by direction.

BM25F sums its words' scores, so a short country page matching one word of five can outscore an
action matching four. Here every match first gets a *coverage*: how many of the query's concepts
(hub.search.understand) it satisfies. Records are ranked by coverage, then by whether they are the
corridor the query names (origin -> residence), then by BM25F. A place page (a country or a
corridor) satisfies a country concept only by being that place, not by carrying the word in its
name ("Turks" is not Turks and Caicos Islands).

When no record has every concept, each concept is matched on its own and a record must cover at
least half of them (minimum-should-match), so "health workers from Ghana in Germany" ranks the
records that have four of the five words above the hundreds of pages that name Ghana.

Records nobody has kept up for two years (an organization whose profile was not confirmed, a
partnership without a progress report: its "inactive" light) still match, with their score
multiplied by STALE_FACTOR (`demote_stale`), so an equally good match that is kept up comes first.
"""

from __future__ import annotations

import heapq
import math
from datetime import date

from whoosh import query as wq

from hub.orgs.models import CONFIRMATION_STALE_DAYS
from hub.search.reader import View
from hub.search.schema import fold
from hub.search.understand import Understanding
from hub.search.whoosh.evaluate import evaluate

PLACE_KINDS = ("country", "community")
STALE_DAYS = CONFIRMATION_STALE_DAYS  # two years, as the partnerships' red light (DUE_DAYS)
STALE_FACTOR = 0.5
EPOCH = date(1970, 1, 1)


def demote_stale(view: View, scores: dict[int, float], today: date | None = None) -> dict[int, float]:
    """`scores` with the records not kept up for STALE_DAYS scored STALE_FACTOR times lower."""
    if not scores:
        return scores
    stale = view.stale(((today or date.today()) - EPOCH).days - STALE_DAYS)
    hit = [d for d in stale if d in scores] if len(stale) < len(scores) else [d for d in scores if d in stale]
    if not hit:
        return scores
    scores = dict(scores)
    for d in hit:
        scores[d] *= STALE_FACTOR
    return scores


def _place_docs(view: View) -> frozenset:
    kinds = view.facet_sets()["kind"]
    return frozenset().union(*(kinds.get(k, ()) for k in PLACE_KINDS))


def _untagged_places(view: View, understood: Understanding, docs) -> dict[int, int]:
    """{docnum: how many of the query's countries this place page matched only by name}."""
    places = _place_docs(view) & docs.keys() if isinstance(docs, dict) else _place_docs(view) & docs
    if not places:
        return {}
    tags = view.facet_sets()["country"]
    misses: dict[int, int] = {}
    for iso3 in understood.countries():
        for d in places - tags.get(iso3, frozenset()):
            misses[d] = misses.get(d, 0) + 1
    return misses


DIASPORA_WORDS = frozenset({"diaspora", "diasporas", "diaspora's", "emigrants", "emigres", "expatriates",
                            "emigrantes", "expatries", "expatriados"})


def _favoured(view: View, understood: Understanding) -> frozenset:
    """The place page the query names: the corridor it describes, or the country it is only about."""
    searcher = view.searcher
    countries = understood.countries()
    found = None
    if understood.corridor is not None:
        found = searcher.document_number(uid=f"community:{'-'.join(understood.corridor)}")
    elif len(countries) == 1 and all(c.facet == "country" for c in understood.concepts):
        found = searcher.document_number(uid=f"country:{countries[0]}")
    return frozenset(() if found is None else (found,))


def _hosting(view: View, understood: Understanding, docs) -> frozenset:
    """With one country said as its people or its diaspora ("Senegalese", "Vietnam diaspora"),
    the communities living *in* that country, which the query does not ask for."""
    countries = understood.countries()
    if understood.corridor is not None or len(countries) != 1:
        return frozenset()
    words = {fold(c.text) for c in understood.concepts if c.facet is None}
    if not (words & DIASPORA_WORDS or any(c.demonym for c in understood.concepts)):
        return frozenset()
    iso3 = countries[0]
    tagged = view.facet_sets()["country"].get(iso3, frozenset())
    communities = view.facet_sets()["kind"].get("community", frozenset()) & tagged & docs.keys()
    origin = frozenset(view.searcher.docs_for_query(wq.Prefix("uid", f"community:{iso3}-")))
    return communities - origin


def needs_ranking(understood: Understanding | None) -> bool:
    """Does this query need more than BM25F's order (countries named, or a corridor)?"""
    return bool(understood and understood.plain and understood.countries())


def only_tagged_places(view: View, understood: Understanding, scores: dict[int, float]) -> dict[int, float]:
    """`scores` without the place pages that matched a country of the query only by a word of
    their name: "Turks" is Türkiye, not Turks and Caicos Islands."""
    misses = _untagged_places(view, understood, scores)
    return {d: s for d, s in scores.items() if d not in misses} if misses else scores


def rank_all(view: View, understood: Understanding, scores: dict[int, float], limit: int) -> list[int]:
    """The best `limit` of records that match every concept (after only_tagged_places)."""
    misses = dict.fromkeys(_hosting(view, understood, scores), 1)
    favoured = _favoured(view, understood)
    return heapq.nlargest(limit, scores, key=lambda d: (-misses.get(d, 0), d in favoured, scores[d], -d))


def match_some(view: View, understood: Understanding, parse) -> tuple[dict[int, float], dict[int, int]] | None:
    """({docnum: score}, {docnum: coverage}) of records covering at least half the concepts,
    or None when a concept needs Whoosh's own matchers."""
    searcher = view.searcher
    per_concept = []
    for concept in understood.concepts:
        found = evaluate(searcher, parse(concept.text))
        if found is None:
            return None
        per_concept.append(found)
    scores: dict[int, float] = {}
    coverage: dict[int, int] = {}
    for found in per_concept:
        for d, s in found.items():
            scores[d] = scores.get(d, 0.0) + s
            coverage[d] = coverage.get(d, 0) + 1
    for d, missed in _untagged_places(view, understood, scores).items():
        coverage[d] -= missed
    for d in _hosting(view, understood, scores):
        coverage[d] -= 1
    if not coverage:
        return {}, {}
    need = 1 if len(per_concept) <= 2 else math.ceil(len(per_concept) / 2)
    need = max(1, min(need, max(coverage.values())))
    kept = {d: s for d, s in scores.items() if coverage[d] >= need}
    return kept, {d: coverage[d] for d in kept}


def rank_some(view: View, understood: Understanding, scores: dict[int, float], coverage: dict[int, int],
              limit: int) -> list[int]:
    favoured = _favoured(view, understood)
    return heapq.nlargest(limit, scores, key=lambda d: (coverage[d], d in favoured, scores[d], -d))
