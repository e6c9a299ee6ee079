"""Class paths stored in search indexes built before the speed code moved to hub/search/whoosh/.

Whoosh pickles the class of every field type into an index's schema and the codec into each segment:
an index written by an earlier release names `hub.search.indexing.WordsField` and
`hub.search.indexing.BulkCodec` (or `hub.search.store.BulkCodec`, older still) and cannot be opened
unless those names resolve. Indexes written now name `hub.search.whoosh.indexing.*`. Keep this module
(tests/test_search_seam.py opens an index built by the earlier layout); nothing should import it.
"""

from hub.search.whoosh.indexing import BulkCodec, WordsField

__all__ = ["BulkCodec", "WordsField"]
