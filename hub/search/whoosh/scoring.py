"""BM25F, with each segment's field lengths read once instead of once per matching document.

BM25F needs the length of the matched field of every document it scores. Whoosh reads it from
the segment's length column with a seek and a read each time (the index is opened without mmap,
see store.open_index): 40% of a broad query's time. Here each segment's lengths of a field are
read in one go, the first time a query scores that field, and kept with the segment's reader,
which lives as long as the cached searcher (reader.py). Scores are identical
(tests/test_search_ranking.py compares them with Whoosh's own BM25F).
"""

from __future__ import annotations

from whoosh import scoring

from hub.search.whoosh.columns import field_lengths


class BM25F(scoring.BM25F):
    """Whoosh's BM25F with the length lookups served from `field_lengths`."""

    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        if isinstance(scorer, scoring.WeightLengthScorer):
            lengths = field_lengths(searcher.reader(), fieldname)
            if lengths is not None:
                scorer.dfl = lengths.__getitem__
        return scorer
