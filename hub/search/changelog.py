"""Each host's place in the change log, and pruning what every index has applied.

The outbox (hub.outbox.SearchOutbox) is a log: its ids only grow, in commit order (on PostgreSQL
the rows of one transaction are written under a transaction-scoped advisory lock, so a larger id
never becomes visible before a smaller one; SQLite has one writer at a time anyway). Each index
keeps the last id it applied in `log_position.json` in its own folder, written right after the
index commit. A crash between the two only makes the next drain apply those rows again, which
is harmless: applying a row rebuilds the record's document from the database as it is now.

Every index also reports its position to `search_index_position`, so rows that every live index
has applied, and rows older than the retention period, can be pruned. An index whose position
is below the highest pruned id has missed changes and must be rebuilt (`FellBehind`).
"""

from __future__ import annotations

import json
import logging
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from hub.outbox import SearchIndexPosition, SearchLogState, SearchOutbox

log = logging.getLogger(__name__)

POSITION_FILE = "log_position.json"
POSITION_LOCK = "POSITION_WRITELOCK"  # ends in WRITELOCK: the reader's fingerprint ignores it
RETENTION_DAYS = 7
# Any constant the hub owns; taken for the rest of a transaction that writes log rows.
LOG_LOCK_KEY = 0x6875626C6F67


class FellBehind(Exception):
    """The index's position is older than what the log still holds: rebuild it."""


@dataclass(frozen=True)
class Position:
    index_id: str
    applied: int


def read_position(path: Path) -> Position:
    """The index's identity and last applied log id; a missing or unreadable file means 0."""
    try:
        data = json.loads((path / POSITION_FILE).read_text(encoding="utf-8"))
        return Position(str(data["index_id"]), int(data["applied"]))
    except (OSError, ValueError, KeyError, TypeError):
        return Position(uuid.uuid4().hex, 0)


def write_position(ix, path: Path, position: Position) -> None:
    """Record `position` in the index folder, never moving it backwards (two processes of one host)."""
    lock = ix.storage.lock(POSITION_LOCK)
    lock.acquire(blocking=True)
    try:
        current = read_position(path)
        if current.index_id == position.index_id and current.applied >= position.applied:
            return
        temporary = path / f".{POSITION_FILE}.{os.getpid()}"
        temporary.write_text(json.dumps({"index_id": position.index_id, "applied": position.applied}),
                             encoding="utf-8")
        os.replace(temporary, path / POSITION_FILE)
    finally:
        lock.release()


def write_new_position(path: Path, position: Position) -> None:
    """The position of a freshly built index, written before it is swapped in (nobody else sees it)."""
    (path / POSITION_FILE).write_text(json.dumps({"index_id": position.index_id, "applied": position.applied}),
                                      encoding="utf-8")


def hold_log_lock(connection) -> None:
    """Keep log ids in commit order: on PostgreSQL, one writing transaction at a time from here on."""
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": LOG_LOCK_KEY})


def last_id(session: Session) -> int:
    """The newest log id, pruned ones included (0 when nothing was ever logged)."""
    return max(session.scalar(sa.select(sa.func.max(SearchOutbox.id))) or 0, pruned_through(session))


def pruned_through(session: Session) -> int:
    state = session.get(SearchLogState, 1)
    return state.pruned_through if state else 0


def check_in_window(session: Session, position: Position) -> None:
    """Raise FellBehind when rows this index never applied have been pruned."""
    pruned = pruned_through(session)
    if position.applied < pruned:
        raise FellBehind(f"the search index applied the change log up to {position.applied}, "
                         f"but rows up to {pruned} have been pruned")


def has_news(session: Session, position: Position) -> bool:
    """Are there log rows this index has not applied?"""
    return session.execute(sa.select(SearchOutbox.id).where(SearchOutbox.id > position.applied).limit(1)).first() \
        is not None


def unapplied(session: Session, position: Position, limit: int) -> list:
    return session.execute(
        sa.select(SearchOutbox.id, SearchOutbox.kind, SearchOutbox.record_id)
        .where(SearchOutbox.id > position.applied).order_by(SearchOutbox.id).limit(limit)
    ).all()


def count_unapplied(session: Session, position: Position) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(SearchOutbox)
                          .where(SearchOutbox.id > position.applied)) or 0


def register(session: Session, position: Position) -> None:
    """Report the index's position, so the log knows what it may prune (never moving it backwards)."""
    table = SearchIndexPosition.__table__
    dialect = session.get_bind().dialect.name
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    greatest = sa.func.greatest if dialect == "postgresql" else sa.func.max  # SQLite's max() of two values
    statement = insert(table).values(index_id=position.index_id, host=socket.gethostname()[:255],
                                     applied_id=position.applied, updated_at=datetime.now(UTC))
    session.execute(statement.on_conflict_do_update(
        index_elements=[table.c.index_id],
        set_={"host": statement.excluded.host, "updated_at": statement.excluded.updated_at,
              "applied_id": greatest(table.c.applied_id, statement.excluded.applied_id)},
    ))


def retention() -> timedelta:
    return timedelta(days=float(current_app.config.get("SEARCH_LOG_RETENTION_DAYS", RETENTION_DAYS)))


def prune(session: Session, keep: timedelta | None = None) -> int:
    """Delete log rows every live index has applied, and rows older than the retention period.

    Indexes that have not reported for the retention period are forgotten first (a host that was
    removed must not hold the log forever). Returns how many rows were deleted.
    """
    cutoff = datetime.now(UTC) - (keep or retention())
    session.execute(sa.delete(SearchIndexPosition).where(SearchIndexPosition.updated_at < cutoff))
    applied_by_all = session.scalar(sa.select(sa.func.min(SearchIndexPosition.applied_id)))
    prunable = SearchOutbox.created_at < cutoff
    if applied_by_all is not None:
        prunable = sa.or_(prunable, SearchOutbox.id <= applied_by_all)
    highest = session.scalar(sa.select(sa.func.max(SearchOutbox.id)).where(prunable))
    if highest is None:
        return 0
    deleted = session.execute(sa.delete(SearchOutbox).where(prunable)).rowcount or 0
    state = session.get(SearchLogState, 1, with_for_update=True)
    if state is None:
        session.add(SearchLogState(id=1, pruned_through=highest))
    elif state.pruned_through < highest:
        state.pruned_through = highest
    if deleted:
        log.info("Search change log: pruned %d row(s), through id %d", deleted, highest)
    return deleted


def positions(session: Session) -> list[SearchIndexPosition]:
    """Every registered index, for `hub search stats`."""
    return session.scalars(sa.select(SearchIndexPosition).order_by(SearchIndexPosition.host)).all()
