"""The cache versions: one row per kind of data a cached value can depend on."""

from __future__ import annotations

import secrets
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.extensions import db
from hub.modeling import utcnow

# `content`: everything published (counts, lists, pages); `reference`: imported figures only.
NAMES = ("content", "reference")


def new_token() -> str:
    return secrets.token_hex(8)


class CacheVersion(db.Model):
    """A version: its token changes in the transaction of every change to the data it covers."""

    __tablename__ = "cache_version"

    name: Mapped[str] = mapped_column(sa.String(20), primary_key=True)
    token: Mapped[str] = mapped_column(sa.String(32), default=new_token)
    changed_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    def __repr__(self) -> str:
        return f"<CacheVersion {self.name} {self.token}>"


@sa.event.listens_for(CacheVersion.__table__, "after_create")
def _seed(table, connection, **_kw) -> None:
    """create_all (tests, a fresh SQLite file) starts with both rows, as the migration does."""
    connection.execute(table.insert(), [{"name": n, "token": new_token(), "changed_at": utcnow()} for n in NAMES])
