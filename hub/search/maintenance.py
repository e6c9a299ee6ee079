"""Operator work on the whole index: rebuild, check and repair, catch up, stats."""

from __future__ import annotations

import ctypes
import os
import shutil
import time
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from hub.extensions import db
from hub.search import changelog
from hub.search.documents import iter_documents
from hub.search.schema import KINDS
from hub.search.store import (
    WRITE_TIMEOUT,
    Progress,
    build_index,
    health,
    index_dir,
    index_exists,
    locked_writer,
    open_index,
    replace_documents,
)
from hub.search.sync import drain, pending

_RENAME_EXCHANGE = 2


def _exchange(a, b) -> bool:
    """Swap two directories in one step (Linux renameat2); False where that is not available."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    return renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0


@dataclass
class RebuildReport:
    documents: int
    seconds: float
    drained: int


def _hold_lock(live):
    """The live index's write lock, if it can be had within WRITE_TIMEOUT, else None."""
    try:
        if not index_exists(live):
            return None
        held = open_index(live).lock("WRITELOCK")
        deadline = time.monotonic() + WRITE_TIMEOUT
        while not held.acquire(blocking=False):
            if time.monotonic() > deadline:
                return None
            time.sleep(0.1)
        return held
    except Exception:  # noqa: BLE001 - a corrupt live index has no lock worth holding
        return None


def rebuild(progress: Progress | None = None, procs: int | None = None) -> RebuildReport:
    """Build a fresh index from the database in a new directory and swap it in atomically."""
    started = time.perf_counter()
    live = index_dir()
    procs = procs or min(2, os.cpu_count() or 1)
    fresh = live.with_name(f"{live.name}.new-{os.getpid()}")
    shutil.rmtree(fresh, ignore_errors=True)
    # Hold the live index's lock while reading the database: drains elsewhere wait or leave their
    # outbox rows, which the drain after the swap brings into the new index.
    held = _hold_lock(live)
    try:
        with Session(db.engine) as session:
            # Everything logged up to here is in the documents read next; later rows are applied after.
            position = changelog.Position(changelog.read_position(live).index_id, changelog.last_id(session))
            changelog.register(session, position)  # so pruning waits for this index from now on
            session.commit()
            count = build_index(fresh, iter_documents(session, progress=progress), procs=procs, progress=progress)
        changelog.write_new_position(fresh, position)
        live.parent.mkdir(parents=True, exist_ok=True)
        if live.exists():
            if _exchange(fresh, live):
                if held is not None:
                    held.release()
                    held = None
                shutil.rmtree(fresh, ignore_errors=True)
            else:
                old = live.with_name(f"{live.name}.old-{os.getpid()}")
                os.rename(live, old)
                os.rename(fresh, live)
                shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(fresh, live)
    finally:
        if held is not None:
            with suppress(Exception):  # its directory may be gone already
                held.release()
        shutil.rmtree(fresh, ignore_errors=True)
    drained = drain()
    return RebuildReport(count, time.perf_counter() - started, drained)


@dataclass
class CheckReport:
    expected: int
    indexed: int
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    repaired: bool = False

    @property
    def ok(self) -> bool:
        return not (self.missing or self.stale or self.extra)


def check(repair: bool = True, progress: Progress | None = None) -> CheckReport:
    """Compare the index with the database document by document; repair differences if asked."""
    try:
        drain()
        behind = False
    except changelog.FellBehind:
        behind = True  # the comparison below repairs everything the pruned rows would have
    with Session(db.engine) as session:
        mark = changelog.last_id(session)  # the documents read next include every change up to here
        expected = {doc["uid"]: doc for doc in iter_documents(session, progress=progress)}
    ix = open_index(index_dir())
    seen: dict[str, str] = {}
    duplicates = set()
    with ix.searcher() as searcher:
        for fields in searcher.all_stored_fields():
            uid = fields["uid"]
            if uid in seen:
                duplicates.add(uid)
            seen[uid] = fields.get("stamp", "")
    report = CheckReport(expected=len(expected), indexed=len(seen))
    report.missing = sorted(set(expected) - set(seen))
    report.extra = sorted(set(seen) - set(expected))
    report.stale = sorted(
        uid for uid in set(expected) & set(seen) if uid in duplicates or expected[uid]["stamp"] != seen[uid]
    )
    if repair and not report.ok:
        with locked_writer(ix) as writer:
            redo = {uid: expected[uid] for uid in report.missing + report.stale}
            replace_documents(writer, set(report.extra), redo)
            writer.commit()
        report.repaired = True
    if behind and (repair or report.ok):
        position = changelog.Position(changelog.read_position(index_dir()).index_id, mark)
        changelog.write_position(ix, index_dir(), position)
        with Session(db.engine) as session:
            changelog.register(session, position)
            session.commit()
    return report


def catch_up(progress: Progress | None = None) -> None:
    """Bring the index in step with the database: rebuild if unreadable, else drain and repair."""
    say = progress or (lambda message: None)
    ok, detail = health()
    if not ok:
        say(f"Search index {detail}; rebuilding…")
        report = rebuild(progress=say)
        say(f"Search index rebuilt: {report.documents:,} documents in {report.seconds:.1f} s.")
        return
    try:
        drained = drain()
    except changelog.FellBehind as exc:
        say(f"Search index out of date ({exc}); rebuilding…")
        report = rebuild(progress=say)
        say(f"Search index rebuilt: {report.documents:,} documents in {report.seconds:.1f} s.")
        return
    result = check(repair=True)
    say(
        f"Search index caught up: {drained} queued change(s) applied, "
        f"{len(result.missing)} missing, {len(result.stale)} stale, {len(result.extra)} extra repaired."
    )


def stats() -> dict:
    """Documents per kind, segments, size on disk and the outbox backlog."""
    path = index_dir()
    ix = open_index(path)
    with ix.searcher() as searcher:
        kinds = {kind: searcher.doc_frequency("kind", kind) for kind in KINDS}
        documents = searcher.doc_count()
        deleted = searcher.doc_count_all() - documents
    size = sum(f.stat().st_size for f in path.iterdir() if f.is_file())
    return {
        "path": str(path), "documents": documents, "deleted": deleted, "kinds": kinds,
        "segments": len(ix._segments()), "bytes": size, "pending": pending(),
        "index_id": changelog.read_position(path).index_id, "positions": changelog.positions(db.session),
        "modified": datetime.fromtimestamp(ix.last_modified()).astimezone(),
    }
