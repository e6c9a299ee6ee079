"""Keeping the index in step with the database through the change log (the outbox).

A flush records a log row for every changed searchable record in the same transaction, so a
rollback forgets it; after commit this host's index applies the log from its own position
(hub.search.changelog) with one writer that waits for the lock. Every process polls the log every
few seconds, so a change committed on another host reaches this host's index too; whatever a dead
process left behind is picked up by the next drain, `hub search check` or `hub init`.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from datetime import datetime

import sqlalchemy as sa
from flask import current_app, has_app_context
from sqlalchemy.orm import Session

from hub.caching import versions as caching_versions
from hub.extensions import db
from hub.models import (
    CommunityProfile,
    Country,
    EventOrganizer,
    Organization,
    PartnershipPartner,
    SearchOutbox,
)
from hub.search import changelog
from hub.search.documents import MODELS, documents_for_keys
from hub.search.store import cancel, index_dir, index_exists, locked_writer, open_index, replace_documents

log = logging.getLogger(__name__)

SEARCHABLE = (*MODELS.values(), PartnershipPartner, EventOrganizer, CommunityProfile, Country)


def _keys_for(obj) -> set[tuple[str, str]]:
    if isinstance(obj, Organization):
        return {("organization", str(obj.id))}
    for kind, model in MODELS.items():
        if isinstance(obj, model):
            return {(kind, str(obj.id))}
    if isinstance(obj, PartnershipPartner):
        return {("partnership", str(obj.partnership_id))} if obj.partnership_id else set()
    if isinstance(obj, EventOrganizer):
        return {("event", str(obj.event_id))} if obj.event_id else set()
    if isinstance(obj, CommunityProfile):
        return {("community", f"{obj.origin_iso3}-{obj.destination_iso3}")}
    if isinstance(obj, Country):
        return {("country", obj.iso3)}
    return set()


def _before_flush(session: Session, flush_context, instances) -> None:
    pending_objects = session.info.setdefault("search_objects", [])
    keys = session.info.setdefault("search_keys", set())
    for obj in session.deleted:
        if isinstance(obj, SEARCHABLE):
            keys |= _keys_for(obj)  # the id is gone after the flush
    for obj in session.dirty:
        if isinstance(obj, SEARCHABLE) and session.is_modified(obj):
            pending_objects.append(obj)
    pending_objects.extend(obj for obj in session.new if isinstance(obj, SEARCHABLE))


def _after_flush(session: Session, flush_context) -> None:
    keys = session.info.pop("search_keys", set())
    for obj in session.info.pop("search_objects", []):
        keys |= _keys_for(obj)  # new objects have their ids now
    if not keys:
        return
    now = datetime.now().astimezone()
    caching_versions.bump(session, {"content"})  # nothing reaches the log without a new content version
    changelog.hold_log_lock(session.connection())
    session.connection().execute(
        sa.insert(SearchOutbox.__table__),
        [{"kind": kind, "record_id": record_id[:40], "created_at": now} for kind, record_id in sorted(keys)],
    )
    session.info["search_outbox_written"] = True


def _after_commit(session: Session) -> None:
    if not session.info.pop("search_outbox_written", False) or not has_app_context():
        return
    app = current_app._get_current_object()
    mode = drain_mode(app)
    if mode == "deferred":  # the outbox keeps the work until drain(), catch_up() or `hub search check`
        return
    if mode == "sync":
        for attempt in (1, 2):  # a busy database or a long-held index lock can be waited out once
            try:
                drain()
                return
            except Exception:  # noqa: BLE001 - the outbox keeps what did not reach the index
                log.exception("Search outbox drain failed (attempt %d of 2); the outbox keeps it", attempt)
                if attempt == 1:
                    time.sleep(0.5)
    else:
        _drainer.wake(app)


def _after_rollback(session: Session) -> None:
    for key in ("search_objects", "search_keys", "search_outbox_written"):
        session.info.pop(key, None)


def install_listeners() -> None:
    if sa.event.contains(Session, "after_flush", _after_flush):
        return
    sa.event.listen(Session, "before_flush", _before_flush)
    sa.event.listen(Session, "after_flush", _after_flush)
    sa.event.listen(Session, "after_commit", _after_commit)
    sa.event.listen(Session, "after_rollback", _after_rollback)


def drain_mode(app) -> str:
    """How the outbox reaches the index after a commit: "background" (a thread per process, the
    default), "sync" (in the committing request; tests) or "deferred" (only on drain/catch_up)."""
    return app.config.get("SEARCH_DRAIN") or ("sync" if app.testing else "background")


class _Drainer:
    """One background thread per process: drains after local commits, polls the log for changes made
    on other hosts every few seconds, prunes the log now and then, and rebuilds an index that fell
    out of the log's retention window."""

    prune_every = 600.0

    def __init__(self) -> None:
        self._event = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def ensure_running(self, app) -> None:
        """Start this process's thread if it is not running (it drains at once when it starts)."""
        with self._lock:
            if self._thread is None or not self._thread.is_alive() or self._thread.pid != os.getpid():
                self._thread = threading.Thread(target=self._run, args=(app,), name="search-drain", daemon=True)
                self._thread.pid = os.getpid()
                self._thread.start()

    def wake(self, app) -> None:
        """Drain now: a commit in this process wrote log rows."""
        self.ensure_running(app)
        self._event.set()

    def _run(self, app) -> None:
        interval = float(app.config.get("SEARCH_POLL_SECONDS", 2.0))
        last_prune = 0.0
        while True:
            self._event.clear()
            try:
                with app.app_context():
                    try:
                        drain()
                    except changelog.FellBehind as exc:
                        from hub.search.maintenance import rebuild  # maintenance builds on this module

                        log.warning("Search index rebuilding by itself: %s", exc)
                        report = rebuild()
                        log.warning("Search index rebuilt: %d documents in %.1f s", report.documents, report.seconds)
                    if time.monotonic() - last_prune > self.prune_every:
                        prune_log()
                        last_prune = time.monotonic()
            except Exception:  # noqa: BLE001 - logged; the log keeps the work for next time
                log.exception("Background search drain failed")
            self._event.wait(interval)


_drainer = _Drainer()


def start_background_drain(app) -> None:
    """Catch up on start (and every few seconds) in this process, unless drains are synchronous.

    Called before every request: it only starts the thread, so a page view never costs a drain.
    """
    if drain_mode(app) == "background":
        _drainer.ensure_running(app)


def _owned_keys(searcher, keys: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Keys of indexed documents owned by the organizations among `keys`."""
    owned = set()
    for kind, record_id in keys:
        if kind == "organization":
            for docnum in searcher.document_numbers(owner=record_id):
                owned.add(tuple(searcher.stored_fields(docnum)["uid"].split(":", 1)))
    return owned


def drain(batch: int = 500, timeout: float | None = None) -> int:
    """Apply the change log to this host's index from its position; returns how many rows were applied.

    Raises changelog.FellBehind when rows the index never applied have been pruned (rebuild it).
    """
    path = index_dir()
    if not index_exists(path):
        return 0
    handled = 0
    while True:
        position = changelog.read_position(path)
        with Session(db.engine) as session:  # nothing new: no writer, no lock, no files touched
            changelog.check_in_window(session, position)
            if not changelog.has_news(session, position):
                return handled
        ix = open_index(path)
        with locked_writer(ix, timeout) as writer, Session(db.engine) as session:
            # The position and the database are read after the lock is held, so a slower drain
            # never writes older state.
            position = changelog.read_position(path)
            rows = changelog.unapplied(session, position, batch)
            if not rows:
                cancel(writer)
                return handled
            keys = {(r.kind, r.record_id) for r in rows}
            with writer.searcher() as searcher:
                keys |= _owned_keys(searcher, keys)
            uids, docs = documents_for_keys(session, keys)
            replace_documents(writer, uids, docs)
            writer.commit()
        applied = changelog.Position(position.index_id, rows[-1].id)
        changelog.write_position(ix, path, applied)
        with Session(db.engine) as session:
            changelog.register(session, applied)
            session.commit()
        handled += len(rows)
        if len(rows) < batch:
            return handled


def applied_position() -> str:
    """How far this host's index has applied the log: part of the key of cached search pages, so
    a page cached before the index caught up is not served after it has."""
    return str(changelog.read_position(index_dir()).applied)


def pending() -> int:
    """How many log rows wait to reach this host's index."""
    path = index_dir()
    return changelog.count_unapplied(db.session, changelog.read_position(path))


def prune_log() -> int:
    """Delete log rows every index has applied or that passed the retention period."""
    with Session(db.engine) as session:
        deleted = changelog.prune(session)
        session.commit()
    return deleted
