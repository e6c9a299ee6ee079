"""Search: the only package that talks to a search engine (STYLE.md).

- schema: fields and analysers (stemming per language, accent folding)
- documents: one search document per public record, built from the database
- store: where the index lives, opening it safely, writing under the lock
- sync: the change log (outbox) that keeps each host's index in step with the database after each commit
- changelog: each index's position in the log, registration and pruning (several hosts)
- maintenance: rebuild (atomic swap), check and repair, catch up, stats
- reader: one cached searcher per thread, reopened only when the index changed
- query / highlight: answering a search request
- backend: what a search backend is, and `engine()`, the one the app was started with; the views, API,
  feeds, follows and CLI search only through it
- whoosh/: the Whoosh speed code that reads Whoosh's private members (nothing outside hub/search imports it)

Web requests only read; every content change writes an outbox row in its own transaction, drained
into the index after commit by one writer that waits for the lock.
"""

from hub.search.backend import SearchBackend, engine
from hub.search.countries import country_name, expand_countries
from hub.search.documents import make_document
from hub.search.maintenance import catch_up, check, rebuild, stats
from hub.search.query import Hit, Results, parse, query
from hub.search.reader import reader
from hub.search.schema import FACETS, KINDS, SEARCH_FIELDS
from hub.search.store import ensure_index, health, index_dir, locked_writer, open_index, schema_outdated
from hub.search.sync import (
    applied_position,
    drain,
    install_listeners,
    pending,
    prune_log,
    start_background_drain,
)

install_listeners()

__all__ = [
    "FACETS", "KINDS", "SEARCH_FIELDS", "Hit", "Results", "SearchBackend", "applied_position", "catch_up", "check",
    "country_name",
    "drain", "engine",
    "ensure_index", "expand_countries", "health", "index_dir", "locked_writer", "make_document", "open_index",
    "parse", "pending", "prune_log", "query", "reader", "rebuild", "schema_outdated", "start_background_drain",
    "stats",
]
