"""The Whoosh backend's speed code: the only modules that read Whoosh's private members.

- evaluate: every match and its score, a posting block at a time (the search request's fast path)
- indexing: the rebuild's own writer (`WordsField`, `TermPool`, `BulkCodec`, `write_index`)
- columns / scoring: field lengths read straight from the column files, and BM25F over them
- version: the one Whoosh release these are written for; with any other the hub uses Whoosh's own code

Nothing outside hub/search imports this folder (tests/test_search_seam.py checks); the rest of the
hub reaches search through hub.search.backend. Indexes name `WordsField` and `BulkCodec` in their
schema and segments; hub/search/indexing.py keeps the paths of indexes built before this folder existed.
"""
