"""Where the index lives, opening it safely, and writing to it under the lock."""

from __future__ import annotations

import gc
import random
import time
import warnings
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from pathlib import Path

from flask import current_app
from whoosh import index
from whoosh.filedb.filestore import FileStorage
from whoosh.index import LockError

from hub.search.schema import build_schema
from hub.search.whoosh.indexing import BulkCodec, delete_new_segment, write_index  # noqa: F401 - old indexes name it

WRITE_TIMEOUT = 10.0
Progress = Callable[[str], None]


class IndexUnavailable(Exception):
    """The index is missing or cannot be read; search says it is being rebuilt."""


def index_dir() -> Path:
    return Path(current_app.config["SEARCH_INDEX_DIR"])


def guard(open_fn):
    """Run `open_fn`; on failure raise IndexUnavailable, without leaking Whoosh's open files."""
    try:
        return open_fn()
    except Exception as exc:  # noqa: BLE001 - whatever a damaged index raises
        message = f"{type(exc).__name__}: {exc}"
        # Whoosh leaves the file it was reading open when it raises; free it here, quietly.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ResourceWarning)
            exc.__traceback__ = None
            del exc
            gc.collect()
        raise IndexUnavailable(message) from None


def index_exists(path: Path) -> bool:
    """Is there an index (readable or not) at `path`?"""
    return path.is_dir() and any(path.glob("_MAIN_*.toc"))


def open_index(path: Path):
    """Open the index at `path` without memory-mapping its files.

    A mapped file that is truncated or rewritten underneath (a bad copy, a full disk) kills the
    process with SIGBUS; read() calls raise an exception the page can handle instead.
    """
    if not index_exists(path):
        raise IndexUnavailable("missing")
    return guard(FileStorage(str(path), supports_mmap=False).open_index)


def ensure_index() -> bool:
    """Create an empty index if there is none; True when one was created."""
    path = index_dir()
    if index_exists(path):
        return False
    path.mkdir(parents=True, exist_ok=True)
    index.create_in(str(path), build_schema())
    return True


def schema_outdated() -> bool:
    """Does the index on disk lack fields this code writes (made by an older release)?"""
    path = index_dir()
    if not index_exists(path):
        return False
    return set(open_index(path).schema.names()) != set(build_schema().names())


def health() -> tuple[bool, str]:
    """Whether the index opens and can be read, with a short reason."""
    path = index_dir()
    try:
        if not index_exists(path):
            return False, "missing"
        ix = open_index(path)  # afresh: the cached searcher may hold files that have since changed
        searcher = guard(ix.searcher)
        with searcher:
            count = searcher.doc_count()
            if count:
                searcher.stored_fields(0)
            return True, f"{count} documents"
    except IndexUnavailable as exc:
        return False, str(exc).split(":")[0]
    except Exception as exc:  # noqa: BLE001 - any failure to read means unhealthy
        return False, type(exc).__name__


@contextmanager
def locked_writer(ix, timeout: float | None = None, **kwargs):
    """A writer, waiting for the lock with exponential backoff instead of failing at once.

    A plain ix.writer() raises LockError while another process writes; with 2-4 writers that lost
    25-75% of updates (measured for the search issue).
    """
    budget = WRITE_TIMEOUT if timeout is None else timeout
    deadline = time.monotonic() + budget
    delay = 0.02
    while True:
        try:
            writer = ix.writer(**kwargs)
            break
        except LockError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(min(delay, max(deadline - time.monotonic(), 0)) * (0.5 + random.random()))  # noqa: S311
            delay = min(delay * 2, 0.5)
    try:
        yield writer
    except BaseException:
        cancel(writer)
        raise


def cancel(writer) -> None:
    """Give up `writer`'s changes and its lock, leaving no files behind."""
    writer.cancel()
    delete_new_segment(writer)


def replace_documents(writer, uids: set[str], docs: dict) -> None:
    """Delete `uids` and the documents about to be written, then write `docs`."""
    for uid in sorted(uids | set(docs)):
        writer.delete_by_term("uid", uid)
    for doc in docs.values():
        writer.add_document(**doc)


def build_index(path: Path, documents: Iterable[dict], procs: int = 1, progress: Progress | None = None) -> int:
    """Write `documents` into a new index at `path` with `procs` processes; the document count."""
    path.mkdir(parents=True, exist_ok=True)
    return write_index(index.create_in(str(path), build_schema()), documents, procs=procs, progress=progress)
