"""The search change log: rows written in the same transaction as a content change.

A rollback forgets them with the change. Each host's index applies the log from its own position
(hub.search.changelog) and the rows stay until every registered index has applied them or they are
older than the retention period, so several hosts with their own indexes all see every change.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.extensions import db
from hub.modeling import utcnow


class SearchOutbox(db.Model):
    """One record whose search document must be refreshed (or removed); ids only ever grow."""

    __tablename__ = "search_outbox"
    # SQLite would reuse the ids of pruned rows without AUTOINCREMENT; a position would then skip them.
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    record_id: Mapped[str] = mapped_column(sa.String(40))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)

    def __repr__(self) -> str:
        return f"<SearchOutbox {self.id} {self.kind}:{self.record_id}>"


class SearchIndexPosition(db.Model):
    """How far one host's index has applied the log; indexes silent for the retention period drop out."""

    __tablename__ = "search_index_position"

    index_id: Mapped[str] = mapped_column(sa.String(32), primary_key=True)
    host: Mapped[str] = mapped_column(sa.String(255))
    applied_id: Mapped[int] = mapped_column(sa.BigInteger)
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    def __repr__(self) -> str:
        return f"<SearchIndexPosition {self.index_id} on {self.host}: {self.applied_id}>"


class SearchLogState(db.Model):
    """One row: the highest log id ever pruned. An index whose position is below it missed changes."""

    __tablename__ = "search_log_state"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    pruned_through: Mapped[int] = mapped_column(sa.BigInteger, default=0)

    def __repr__(self) -> str:
        return f"<SearchLogState pruned through {self.pruned_through}>"
