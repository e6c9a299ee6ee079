"""Small building blocks shared by every feature's models."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.extensions import db


def utcnow() -> datetime:
    """The current time, timezone-aware in UTC."""
    return datetime.now(UTC)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True), default=utcnow, nullable=False
    )
    updated_at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow, nullable=False, index=True
    )


def association(name: str, left: str, right: str, right_key: str = "id") -> sa.Table:
    """A many-to-many table `name` between `left`.id and `right`.`right_key`."""
    left_col, right_col = f"{left}_id", f"{right}_{right_key}"
    return sa.Table(
        name,
        db.metadata,
        sa.Column(left_col, sa.ForeignKey(f"{left}.id", ondelete="CASCADE"), primary_key=True),
        sa.Column(
            right_col,
            sa.ForeignKey(f"{right}.{right_key}", ondelete="CASCADE"),
            primary_key=True,
            index=True,
        ),
    )


def slugify(text: str, max_length: int = 80) -> str:
    """Lower-case ASCII words joined by hyphens: 'Côte d'Ivoire' -> 'cote-d-ivoire'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_length].rstrip("-") or "item"


def check_in(column: str, values) -> sa.CheckConstraint:
    """A CHECK constraint that `column` is one of `values`."""
    quoted = ", ".join(f"'{v}'" for v in values)
    return sa.CheckConstraint(f"{column} IN ({quoted})", name=f"{column}_allowed")


class UTCDateTime(sa.types.TypeDecorator):
    """An instant stored in UTC that always reads back timezone-aware (SQLite included).

    SQLite keeps no offset, so values are written as naive UTC there; PostgreSQL keeps
    `timestamptz`. Either way the application only ever sees aware UTC datetimes.
    """

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("UTCDateTime needs a timezone-aware datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def unique_slug(model, title: str, reserved: tuple[str, ...] = ("new",)) -> str:
    """A slug for a new row of `model` from its title, numbered if it is taken."""
    base = slugify(title, max_length=90)
    if base in reserved:  # /<kind>/new is the submission form
        base = f"{base}-{model.__tablename__}"
    taken = set(db.session.scalars(sa.select(model.slug).where(model.slug.like(f"{base}%"))))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def rows_by_key(model, keys, key, order) -> list:
    """The rows of `model` whose `key` is in `keys` (duplicates dropped), ordered by `order`."""
    keys = list(dict.fromkeys(keys or []))
    if not keys:
        return []
    return list(db.session.scalars(sa.select(model).where(key.in_(keys)).order_by(*order)))
