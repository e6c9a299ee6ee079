"""One open searcher per thread, and what is derived from it, reused until the index changes.

Opening a searcher costs ~3 ms at 10k documents and ~90 ms at 100k, checking the index folder's
files 20-60 µs: so a searcher is kept and reopened only when the files changed (`fingerprint`).
Never `Searcher.refresh()`: after another writer merges segments it returns deleted documents again.
"""

from __future__ import annotations

import atexit
import gc
import os
import threading
from collections import OrderedDict
from contextlib import contextmanager, suppress
from pathlib import Path

from whoosh import query as wq

from hub.search.schema import FACETS
from hub.search.store import IndexUnavailable, guard, open_index
from hub.search.whoosh.columns import numeric_column
from hub.search.whoosh.scoring import BM25F


def bitmap(docnums, size: int) -> int:
    """A set of document numbers as the bits of one integer: counting overlaps is then an AND."""
    bits = bytearray((size >> 3) + 1)
    for d in docnums:
        bits[d >> 3] |= 1 << (d & 7)
    return int.from_bytes(bits, "little")


class Derived:
    """What one version of the index implies and every thread can share: facet document sets
    and bitmaps, and the date column. Built on first use (0.5 s at 100k documents), once per
    process and index version, not once per thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._facets: dict[str, dict[str, frozenset]] | None = None
        self._bitmaps: dict[str, dict[str, int]] | None = None
        self._dates: list[int] | None = None
        self._kept_up: list[int] | None = None
        self._stale: tuple[int, frozenset] | None = None

    def facet_sets(self, searcher) -> dict[str, dict[str, frozenset]]:
        """{facet: {value: docnums}}."""
        with self._lock:
            if self._facets is None:
                index_reader = searcher.reader()
                self._facets = {
                    name: {
                        value: frozenset(searcher.docs_for_query(wq.Term(name, value)))
                        for value in index_reader.field_terms(name)
                    }
                    for name in FACETS
                }
            return self._facets

    def facet_bitmaps(self, searcher) -> dict[str, dict[str, int]]:
        sets = self.facet_sets(searcher)
        with self._lock:
            if self._bitmaps is None:
                size = searcher.doc_count_all()
                self._bitmaps = {
                    name: {value: bitmap(docs, size) for value, docs in values.items()}
                    for name, values in sets.items()
                }
                # These live until the index changes: keep them (and what the process built
                # before) out of the cyclic collector's full passes, which otherwise add 50 ms
                # to a query now and then at 100k documents. Refcounting still frees them.
                gc.freeze()
            return self._bitmaps

    def dates(self, searcher) -> list[int]:
        """Every document number's date, as a sortable number."""
        with self._lock:
            if self._dates is None:
                dates: list[int] = []
                for leaf, _offset in searcher.reader().leaf_readers():
                    dates += numeric_column(leaf, "date")
                self._dates = dates
            return self._dates

    def kept_up(self, searcher) -> list[int]:
        """Every document number's `kept_up` day (0: not applicable)."""
        with self._lock:
            if self._kept_up is None:
                days: list[int] = []
                for leaf, _offset in searcher.reader().leaf_readers():
                    # A segment written before the field existed, or an empty index, has no column.
                    days += numeric_column(leaf, "kept_up") if leaf.has_column("kept_up") \
                        else [0] * leaf.doc_count_all()
                self._kept_up = days
            return self._kept_up

    def stale(self, searcher, cut: int) -> frozenset:
        """Documents last kept up before day `cut` (cached for the day)."""
        kept = self.kept_up(searcher)
        with self._lock:
            if self._stale is None or self._stale[0] != cut:
                self._stale = (cut, frozenset(d for d, day in enumerate(kept) if 0 < day < cut))
            return self._stale[1]


_derived: OrderedDict[tuple, Derived] = OrderedDict()
_derived_lock = threading.Lock()


def derived_for(searcher, folder: str) -> Derived:
    """The shared Derived of the index version `searcher` reads in `folder` (the last few are kept)."""
    key = (folder, searcher.reader().generation())
    with _derived_lock:
        if key not in _derived:
            _derived[key] = Derived()
            while len(_derived) > 4:
                _derived.popitem(last=False)
        _derived.move_to_end(key)
        return _derived[key]


def fingerprint(path: Path) -> tuple:
    """The index folder and its files (name, size, modification time), the write lock aside.

    It changes when a writer commits, when a rebuild swaps the folder in, and when something
    rewrites files underneath: then the searcher is reopened (a damaged index then fails to open
    and search says it is being rebuilt) instead of reading through stale file handles. About 20-60 µs
    a request; Whoosh's own `up_to_date()` only notices new commits.
    """
    with os.scandir(path) as entries:
        files = sorted(
            (entry.name, stat.st_size, stat.st_mtime_ns)
            for entry in entries
            if not entry.name.endswith("WRITELOCK")
            for stat in (entry.stat(),)
        )
    return (os.stat(path).st_ino, *files)


class View:
    """A thread's open searcher (file reads are not shared between threads) and its Derived."""

    def __init__(self, ix, files: tuple) -> None:
        self.ix = ix
        self.files = files
        self.searcher = ix.searcher(weighting=BM25F())
        self.size = self.searcher.doc_count_all()
        self.derived = derived_for(self.searcher, ix.storage.folder)

    def facet_sets(self) -> dict[str, dict[str, frozenset]]:
        return self.derived.facet_sets(self.searcher)

    def facet_bitmaps(self) -> dict[str, dict[str, int]]:
        return self.derived.facet_bitmaps(self.searcher)

    def dates(self) -> list[int]:
        return self.derived.dates(self.searcher)

    def stale(self, cut: int) -> frozenset:
        return self.derived.stale(self.searcher, cut)

    def all_docs(self) -> set[int]:
        return set(self.searcher.docs_for_query(wq.Every()))

    def close(self) -> None:
        self.searcher.close()


class _Reader:
    """A per-thread cache of the open index (one per process under sync workers)."""

    def __init__(self) -> None:
        self._local = threading.local()
        self._all: list[View] = []
        self._lock = threading.Lock()

    @contextmanager
    def use(self, path: Path):
        view: View | None = getattr(self._local, "view", None)
        try:
            files = fingerprint(path)
        except OSError as exc:
            raise IndexUnavailable(str(exc)) from exc
        try:
            if view is None or view.ix.storage.folder != str(path) or view.files != files:
                ix = open_index(path)
                self._replace(view, guard(lambda: View(ix, files)))
        except IndexUnavailable:
            self._replace(view, None)
            raise
        yield self._local.view

    def discard(self) -> None:
        """Forget this thread's searcher."""
        with suppress(Exception):
            self._replace(getattr(self._local, "view", None), None)

    def _replace(self, old: View | None, new: View | None) -> None:
        self._local.view = new
        with self._lock:
            if new is not None:
                self._all.append(new)
            if old is not None:
                self._all.remove(old)
        if old is not None:
            old.close()

    def close_all(self) -> None:
        with self._lock:
            views, self._all = self._all, []
        for view in views:
            with suppress(Exception):  # closing at exit
                view.close()


reader = _Reader()
atexit.register(reader.close_all)
