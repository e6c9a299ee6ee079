"""The search outbox: rows written in the same transaction as a content change.

A rollback forgets them with the change; after commit hub.search drains them into the index,
and any process can catch up on what is left.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.extensions import db
from hub.modeling import utcnow


class SearchOutbox(db.Model):
    """One record whose search document must be refreshed (or removed)."""

    __tablename__ = "search_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    record_id: Mapped[str] = mapped_column(sa.String(40))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    def __repr__(self) -> str:
        return f"<SearchOutbox {self.kind}:{self.record_id}>"
