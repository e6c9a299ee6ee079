"""Search: the only package that talks to Whoosh (STYLE.md).

- schema: fields and analysers (stemming per language, accent folding)
- documents: one search document per public record, built from the database
- store: where the index lives, opening it safely, writing under the lock
- sync: the outbox that keeps the index in step with the database after each commit
- maintenance: rebuild (atomic swap), check and repair, catch up, stats
- reader: one cached searcher per thread, reopened only when the index changed
- query / highlight: answering a search request

Web requests only read; every content change writes an outbox row in its own transaction, drained
into the index after commit by one writer that waits for the lock.
"""

from hub.search.countries import country_lookup, country_name, expand_countries
from hub.search.documents import Corridor, document_for, iter_documents, make_document
from hub.search.highlight import query_terms
from hub.search.maintenance import CheckReport, RebuildReport, catch_up, check, rebuild, stats
from hub.search.query import (
    FacetValue,
    Hit,
    Results,
    normalize_filter,
    parse,
    query,
    query_words,
)
from hub.search.reader import reader
from hub.search.schema import FACETS, KINDS, LANGUAGES, SEARCH_FIELDS, build_schema, fold
from hub.search.store import (
    IndexUnavailable,
    build_index,
    ensure_index,
    health,
    index_dir,
    index_exists,
    locked_writer,
    open_index,
)
from hub.search.sync import drain, install_listeners, pending, start_background_drain

install_listeners()

__all__ = [
    "FACETS", "KINDS", "LANGUAGES", "SEARCH_FIELDS", "CheckReport", "Corridor", "FacetValue", "Hit",
    "IndexUnavailable", "RebuildReport", "Results", "build_index", "build_schema", "catch_up", "check",
    "country_lookup", "country_name", "document_for", "drain", "ensure_index", "expand_countries", "fold",
    "health", "index_dir",
    "index_exists", "iter_documents", "locked_writer", "make_document", "normalize_filter", "open_index",
    "parse", "pending", "query", "query_terms", "query_words", "reader", "rebuild", "start_background_drain",
    "stats",
]
