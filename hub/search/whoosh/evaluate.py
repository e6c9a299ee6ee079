"""Every match of a query and its score, read a posting block at a time.

Whoosh finds matches through a tree of matcher objects, a few Python calls per document and per
node: for "diaspora" at 100k documents (35,000 matches in three language fields) that is most of a
120 ms search. The queries the search box makes are terms, ANDs, ORs and phrases; for those this
module reads each term's postings 128 at a time (Whoosh's own blocks and decoding), scores them
with the same BM25F formula, field lengths and statistics, and combines the {docnum: score} dicts
as Whoosh combines matchers: an AND or an OR adds its parts' scores, a phrase its words' scores
where the words stand next to each other. Anything else (OR with a coordination bonus, NOT,
wildcards, ranges, compound boosts) returns None, and query.py asks Whoosh as before.
tests/test_search_evaluate.py compares documents and scores with Whoosh's own on an index
with two segments and deleted documents.
"""

from __future__ import annotations

from whoosh import query as wq
from whoosh import scoring as wscoring
from whoosh.matching.wrappers import FilterMatcher

from hub.search.whoosh import scoring, version
from hub.search.whoosh.columns import field_lengths

# The weightings whose formula term_scores repeats; any other is left to Whoosh's matchers.
KNOWN_WEIGHTINGS = (wscoring.BM25F, scoring.BM25F)

Scores = dict[int, float]


class Unsupported(Exception):
    """A query node this module leaves to Whoosh."""


def _blocks(leaf, fieldname: str, text: bytes, values: bool):
    """(docnums, weights, values or None) of each posting block of a term in one segment."""
    matcher = leaf.postings(fieldname, text)
    if isinstance(matcher, FilterMatcher):  # deleted documents: excluded by the caller
        matcher = matcher.child
    while matcher.is_active():
        matcher._read_ids()
        matcher._read_weights()
        if values:
            matcher._read_values()
        yield matcher._ids, matcher._weights, matcher._values if values else None
        matcher._next_block()


class _Context:
    """One query's evaluation: each term's postings read once, ANDs intersected before scoring."""

    def __init__(self, searcher) -> None:
        self.searcher = searcher
        self.leaves = searcher.reader().leaf_readers()
        self.weighting = searcher.weighting
        self.schema = searcher.schema
        self._postings: dict[tuple, tuple[dict, dict | None]] = {}  # (field, text) -> postings
        self._docs: dict[int, set] = {}
        self._phrases: dict[int, Scores] = {}

    def _field(self, fieldname: str):
        return self.schema[fieldname] if fieldname in self.schema else None  # noqa: SIM401 - no Schema.get

    def postings(self, fieldname: str, text, values: bool = False) -> tuple[dict, dict | None]:
        """({docnum: weight}, {docnum: encoded value} if asked) of one term in every segment.

        Read once per query: a phrase's words, read with their positions, are then scored from the
        same dicts.
        """
        key = (fieldname, text)
        cached = self._postings.get(key)
        if cached is None or (values and cached[1] is None):
            weights: dict[int, float] = {}
            found = {} if values else None
            field = self._field(fieldname)
            btext = field.to_bytes(text) if field is not None else b""
            for leaf, offset in self.leaves if field is not None else ():
                if (fieldname, btext) not in leaf:
                    continue
                deleted = leaf.deleted_docs_set
                for ids, block_weights, block_values in _blocks(leaf, fieldname, btext, values):
                    docnums = list(map(offset.__add__, ids)) if offset else ids
                    weights.update(zip(docnums, block_weights, strict=True))
                    if values:
                        found.update(zip(docnums, block_values, strict=True))
                for d in deleted:
                    weights.pop(offset + d, None)
                    if found is not None:
                        found.pop(offset + d, None)
            self._postings[key] = (weights, found)
        return self._postings[key]

    def _lengths(self, fieldname: str) -> list[int]:
        """Every document's length of `fieldname`, by global docnum (cached with the searcher)."""
        cache = self.searcher.__dict__.setdefault("_hub_lengths", {})
        if fieldname not in cache:
            lengths: list[int] = []
            for leaf, _offset in self.leaves:
                leaf_lengths = field_lengths(leaf, fieldname)
                if leaf_lengths is None:
                    raise Unsupported(fieldname)
                lengths += leaf_lengths
            cache[fieldname] = lengths
        return cache[fieldname]

    def term_scores(self, fieldname: str, text, boost: float, within: set | None) -> Scores:
        weights = self.postings(fieldname, text)[0]
        if not weights:  # and Whoosh computes no statistics for a term it does not have
            return {}
        pairs = weights.items() if within is None else ((d, weights[d]) for d in weights.keys() & within)
        field = self._field(fieldname)
        if field is None or not field.scorable:
            scores = dict(pairs)
        else:  # whoosh.scoring.bm25, operation for operation
            weighting = self.weighting
            B = weighting._field_B.get(fieldname, weighting.B)
            K1 = weighting.K1
            idf = self.searcher.idf(fieldname, text)
            avgfl = self.searcher.avg_field_length(fieldname) or 1
            lengths = self._lengths(fieldname)
            scores = {d: idf * ((w * (K1 + 1)) / (w + K1 * ((1 - B) + B * lengths[d] / avgfl))) for d, w in pairs}
        if boost != 1.0:
            scores = {d: s * boost for d, s in scores.items()}
        return scores

    def phrase_scores(self, q: wq.Phrase) -> Scores:
        """Documents where the words stand next to each other, in order (Whoosh's slop=1)."""
        if id(q) in self._phrases:
            return self._phrases[id(q)]
        field = self._field(q.fieldname)
        if q.slop != 1 or field is None or not field.format.supports("positions"):
            raise Unsupported(q)
        decode = field.format.decode_positions
        where = [self.postings(q.fieldname, word, values=True)[1] for word in q.words]
        decoded: dict[bytes, frozenset] = {}  # most values are one of a few single positions

        def positions(value: bytes) -> frozenset:
            got = decoded.get(value)
            if got is None:
                got = decoded[value] = frozenset(decode(value))
            return got

        first, rest = where[0], list(enumerate(where[1:], 1))
        matched = set()
        for docnum in set(first).intersection(*where[1:]):
            starts = positions(first[docnum])
            for i, values in rest:
                value = values.get(docnum)
                if value is None:
                    break
                following = positions(value)
                starts = [p for p in starts if p + i in following]
                if not starts:
                    break
            else:
                matched.add(docnum)
        parts = [self.term_scores(q.fieldname, word, 1.0, matched) for word in q.words]
        out = {}
        for docnum in matched:
            score = parts[0][docnum]
            for part in parts[1:]:
                score += part[docnum]
            out[docnum] = score * q.boost
        self._phrases[id(q)] = out
        return out

    def docs(self, q) -> set[int]:
        """The documents matching `q`, without scoring them."""
        if id(q) not in self._docs:
            if isinstance(q, wq.Term):
                found = set(self.postings(q.fieldname, q.text)[0])
            elif isinstance(q, wq.Phrase):
                found = set(self.phrase_scores(q))
            elif q is wq.NullQuery:
                found = set()
            elif self._plain(q):
                parts = sorted((self.docs(sub) for sub in q.subqueries), key=len)
                if not parts:
                    found = set()
                elif type(q) is wq.And:
                    found = parts[0].intersection(*parts[1:])
                else:
                    found = parts[0].union(*parts[1:])
            else:
                raise Unsupported(q)
            self._docs[id(q)] = found
        return self._docs[id(q)]

    @staticmethod
    def _plain(q) -> bool:
        """An AND or OR that only adds up its parts' scores."""
        return type(q) in (wq.And, wq.Or) and q.boost == 1.0 and not getattr(q, "scale", None) \
            and not getattr(q, "minmatch", 0)

    def scores(self, q, within: set | None = None) -> Scores:
        """{docnum: score} of the documents matching `q` (only those in `within`, if given)."""
        if isinstance(q, wq.Term):
            return self.term_scores(q.fieldname, q.text, q.boost, within)
        if isinstance(q, wq.Phrase):
            found = self.phrase_scores(q)
            return found if within is None else {d: s for d, s in found.items() if d in within}
        if q is wq.NullQuery:
            return {}
        if not self._plain(q):
            raise Unsupported(q)
        if type(q) is wq.And:
            keep = self.docs(q) if within is None else self.docs(q) & within
            parts = [self.scores(sub, keep) for sub in q.subqueries]
            return {d: sum(part[d] for part in parts) for d in keep}
        parts = sorted((self.scores(sub, within) for sub in q.subqueries), key=len, reverse=True)
        if not parts:
            return {}
        out = parts[0]
        for part in parts[1:]:
            for docnum, score in part.items():
                out[docnum] = out[docnum] + score if docnum in out else score
        return out


def evaluate(searcher, q) -> Scores | None:
    """{docnum: score} of every document matching `q`, or None to let Whoosh answer."""
    if not version.FAST_PATH or type(searcher.weighting) not in KNOWN_WEIGHTINGS:
        return None
    try:
        return _Context(searcher).scores(q)
    except Unsupported:
        return None


def matching(searcher, q) -> set[int] | None:
    """Every document matching `q`, unscored, or None to let Whoosh answer."""
    if not version.FAST_PATH:
        return None
    try:
        return _Context(searcher).docs(q)
    except Unsupported:
        return None
