"""What a user follows, how often they want to hear about it, and which digests went out."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.extensions import db
from hub.modeling import check_in, utcnow

FOLLOW_KINDS = ("organization", "country", "community", "theme", "search")
FREQUENCIES = ("immediately", "daily", "weekly", "never")
DEFAULT_FREQUENCY = "weekly"


class Follow(db.Model):
    """One thing a user follows: an organization (its id), a country (ISO3), a community
    ("GHA-DEU"), a theme (its slug) or a search (its canonical query string, named by the user)."""

    __tablename__ = "follow"
    __table_args__ = (
        check_in("kind", FOLLOW_KINDS),
        sa.UniqueConstraint("user_id", "kind", "target", name="one_follow_per_target"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    target: Mapped[str] = mapped_column(sa.String(500))
    label: Mapped[str] = mapped_column(sa.String(120), default="")
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    def __repr__(self) -> str:
        return f"<Follow {self.kind}:{self.target}>"


class AlertPreference(db.Model):
    """How often a user gets mail about what they follow; no row means the default (weekly)."""

    __tablename__ = "alert_preference"
    __table_args__ = (check_in("frequency", FREQUENCIES),)

    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    frequency: Mapped[str] = mapped_column(sa.String(20), default=DEFAULT_FREQUENCY)
    # Immediate alerts cover what was published up to here; moved forward by compare-and-set.
    alerted_until: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class DigestRun(db.Model):
    """A digest of one period for one user: the unique row makes it go out once across every host."""

    __tablename__ = "digest_run"
    __table_args__ = (
        check_in("frequency", ("daily", "weekly")),
        sa.UniqueConstraint("user_id", "frequency", "period", name="one_digest_per_period"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("user.id", ondelete="CASCADE"), index=True)
    frequency: Mapped[str] = mapped_column(sa.String(10))
    period: Mapped[str] = mapped_column(sa.String(10))  # "2026-12-08" or "2026-W50"
    items: Mapped[int] = mapped_column(sa.Integer, default=0)  # 0: nothing new, no mail sent
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)
