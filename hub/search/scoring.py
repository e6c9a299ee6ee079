"""BM25F, with each segment's field lengths read once instead of once per matching document.

BM25F needs the length of the matched field of every document it scores. Whoosh reads it from
the segment's length column with a seek and a read each time (the index is opened without mmap,
see store.open_index): 40% of a broad query's time. Here each segment's lengths of a field are
read in one go, the first time a query scores that field, and kept with the segment's reader,
which lives as long as the cached searcher (reader.py). Scores are identical
(tests/test_search_query.py compares them with Whoosh's own BM25F).
"""

from __future__ import annotations

from whoosh import scoring
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.util.numeric import byte_to_length

_DECODE = [byte_to_length(b) for b in range(256)]


def _read_lengths(reader, fieldname: str) -> list[int] | None:
    try:  # the W3 codec's length column; Whoosh has no public call for all of it at once
        column = reader._perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
        if column is None:
            return None
        raw = column._dbfile.get(column._basepos, column._count)
    except AttributeError:  # another codec or reader: Whoosh's own per-document reads
        return None
    return [_DECODE[b] or 1 for b in raw] + [1] * (reader.doc_count_all() - len(raw))


def field_lengths(reader, fieldname: str) -> list[int] | None:
    """Every document's length of `fieldname` in one segment's `reader` (None: not available)."""
    cache = reader.__dict__.setdefault("_hub_field_lengths", {})
    if fieldname not in cache:
        cache[fieldname] = _read_lengths(reader, fieldname)
    return cache[fieldname]


class BM25F(scoring.BM25F):
    """Whoosh's BM25F with the length lookups served from `field_lengths`."""

    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        if isinstance(scorer, scoring.WeightLengthScorer):
            lengths = field_lengths(searcher.reader(), fieldname)
            if lengths is not None:
                scorer.dfl = lengths.__getitem__
        return scorer
