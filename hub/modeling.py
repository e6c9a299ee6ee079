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
