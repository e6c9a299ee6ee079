"""What a search backend is: the one seam between the hub and the engine that answers searches.

The views, the API, the feeds, follows and the CLI call search only through `engine()`, the
backend this app was started with (`HUB_SEARCH_BACKEND`, default `whoosh`). A backend keeps one
search document per public record (hub.search.documents builds them, whatever the engine) and
answers `search` with a `Results` (hub.search.query): one page of hits, facet counts, the AND
query falling back to OR, and

- suggest: `Results.suggestion` (and `corrected_from` when the hits are those of the suggestion),
  worked out in the same search because it depends on how many records the typed words found;
- highlight: each hit's `title` and `snippet` as Markup with the matched words in <mark>, and
  `matched_in`, for the shown hits only.

Only Whoosh is built. The PostgreSQL full-text backend of issue 18 is to implement this same
protocol; until it exists any other value of `HUB_SEARCH_BACKEND` stops the app at start.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol, runtime_checkable

from flask import current_app

from hub.search.maintenance import CheckReport, RebuildReport
from hub.search.query import Results

Progress = Callable[[str], None]
DEFAULT = "whoosh"


@runtime_checkable
class SearchBackend(Protocol):
    """A search engine behind hub.search; see the module docstring for what `search` returns."""

    name: str

    def search(self, text: str = "", filters: dict[str, list[str]] | None = None, *, sort: str = "relevance",
               page: int = 1, per_page: int = 20, locale: str = "en", correct: bool = True,
               only: Iterable[str] | None = None) -> Results:
        """One page of hits for `text` (operators, `field:value`) within `filters`, sorted by `sort`
        ("relevance", "newest", "title"), with facet counts, a suggestion when `correct`, highlights;
        `only`: the document uids ("action:12") that may match, or None for all."""

    def index_documents(self, documents: Iterable[dict]) -> int:
        """Add or replace these documents (by their `uid`) at once; how many were written."""

    def delete(self, uids: Iterable[str]) -> None:
        """Remove the documents with these uids; unknown uids are ignored."""

    def position(self) -> str:
        """How far this host's documents are in step with the database: part of cached pages' keys."""

    def start(self, app) -> None:
        """Called before each request: start whatever keeps the documents in step (idempotent)."""

    def prepare(self, progress: Progress) -> bool:
        """`hub init`: make the store ready and current on this host; True when it was created."""

    def rebuild(self, progress: Progress | None = None, procs: int | None = None) -> RebuildReport:
        """Every document afresh from the database, swapped in without a moment of empty results."""

    def check(self, repair: bool = True, progress: Progress | None = None) -> CheckReport:
        """Compare every document with the database (missing, stale, extra) and repair when asked."""

    def health(self) -> tuple[bool, str]:
        """(readable, detail): whether searches can be answered now."""

    def stats(self) -> dict:
        """Documents per kind and what the engine has to say about its store, for `hub search stats`."""


class WhooshBackend:
    """One Whoosh index per host, fed by the change log (hub.search.sync); the speed code it relies on
    is in hub/search/whoosh/."""

    name = "whoosh"

    def search(self, text: str = "", filters: dict[str, list[str]] | None = None, *, sort: str = "relevance",
               page: int = 1, per_page: int = 20, locale: str = "en", correct: bool = True,
               only: Iterable[str] | None = None) -> Results:
        from hub.search.query import query

        return query(text, filters, sort=sort, page=page, per_page=per_page, locale=locale, correct=correct,
                     only=only)

    def index_documents(self, documents: Iterable[dict]) -> int:
        from hub.search.store import index_dir, locked_writer, open_index, replace_documents

        docs = {doc["uid"]: doc for doc in documents}
        with locked_writer(open_index(index_dir())) as writer:
            replace_documents(writer, set(), docs)
            writer.commit()
        return len(docs)

    def delete(self, uids: Iterable[str]) -> None:
        from hub.search.store import index_dir, locked_writer, open_index, replace_documents

        with locked_writer(open_index(index_dir())) as writer:
            replace_documents(writer, set(uids), {})
            writer.commit()

    def position(self) -> str:
        from hub.search.sync import applied_position

        return applied_position()

    def start(self, app) -> None:
        from hub.search.sync import start_background_drain

        start_background_drain(app)

    def prepare(self, progress: Progress) -> bool:
        from hub.search.maintenance import catch_up, rebuild
        from hub.search.store import ensure_index, schema_outdated

        created = ensure_index()
        if schema_outdated():  # an index from an older release: build one with today's fields
            progress("Search index: its fields changed in this release; rebuilding it…")
            report = rebuild(progress=progress)
            progress(f"Search index rebuilt: {report.documents} documents in {report.seconds:.1f} s.")
        catch_up(progress=progress)
        return created

    def rebuild(self, progress: Progress | None = None, procs: int | None = None) -> RebuildReport:
        from hub.search.maintenance import rebuild

        return rebuild(progress=progress, procs=procs)

    def check(self, repair: bool = True, progress: Progress | None = None) -> CheckReport:
        from hub.search.maintenance import check

        return check(repair=repair, progress=progress)

    def health(self) -> tuple[bool, str]:
        from hub.search.store import health

        return health()

    def stats(self) -> dict:
        from hub.search.maintenance import stats

        return stats()


BACKENDS: dict[str, type] = {"whoosh": WhooshBackend}


def select_backend(name: str | None) -> SearchBackend:
    """The backend named by HUB_SEARCH_BACKEND; a clear error at start for any other name."""
    chosen = (name or DEFAULT).strip().lower()
    if chosen not in BACKENDS:
        raise RuntimeError(
            f"HUB_SEARCH_BACKEND={name!r} is not available: only 'whoosh' is built. The PostgreSQL "
            "search backend ('postgresql', issue 18) is not built yet; unset HUB_SEARCH_BACKEND or set it to 'whoosh'."
        )
    return BACKENDS[chosen]()


def init_app(app) -> None:
    """Choose the app's backend once, at start."""
    app.extensions["search"] = select_backend(app.config.get("SEARCH_BACKEND"))


def engine() -> SearchBackend:
    """The search backend of the current app."""
    return current_app.extensions["search"]
