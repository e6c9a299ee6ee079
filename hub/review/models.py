"""The review state every submitted record carries, revisions, the audit log and abuse reports."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, declared_attr, mapped_column

from hub.extensions import db
from hub.modeling import check_in, utcnow
from hub.taxonomy.vocabulary import REVIEW_STATES, codes


class ReviewableMixin:
    """Columns of the one review workflow: draft -> submitted -> published (or back)."""

    review_state: Mapped[str] = mapped_column(sa.String(20), default="draft", index=True)
    review_note: Mapped[str] = mapped_column(sa.Text, default="")
    submitted_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    reviewed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    published_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True), index=True)
    featured: Mapped[bool] = mapped_column(default=False)
    is_demo: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(sa.Integer, default=1, nullable=False)

    @declared_attr
    def reviewed_by_id(cls) -> Mapped[int | None]:  # noqa: N805
        return mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))

    @declared_attr
    def created_by_id(cls) -> Mapped[int | None]:  # noqa: N805
        return mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))

    @classmethod
    def review_constraints(cls) -> tuple:
        return (check_in("review_state", codes(REVIEW_STATES)),)

    @property
    def is_published(self) -> bool:
        return self.review_state == "published"


class Revision(db.Model):
    """A snapshot of a record's previous values, taken on every save."""

    __tablename__ = "revision"
    __table_args__ = (sa.Index("ix_revision_entity", "entity_type", "entity_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_type: Mapped[str] = mapped_column(sa.String(40))
    entity_id: Mapped[int] = mapped_column(sa.Integer)
    version: Mapped[int] = mapped_column(sa.Integer)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    summary: Mapped[str] = mapped_column(sa.String(300), default="")
    data: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    def __repr__(self) -> str:
        return f"<Revision {self.entity_type}:{self.entity_id} v{self.version}>"


class AuditEvent(db.Model):
    """Who did what to which record, and why: every moderation decision lands here."""

    __tablename__ = "audit_event"
    __table_args__ = (sa.Index("ix_audit_event_entity", "entity_type", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True), default=utcnow, index=True
    )
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    verb: Mapped[str] = mapped_column(sa.String(40))
    entity_type: Mapped[str] = mapped_column(sa.String(40))
    entity_id: Mapped[int | None] = mapped_column(sa.Integer)
    note: Mapped[str] = mapped_column(sa.Text, default="")
    data: Mapped[dict] = mapped_column(sa.JSON, default=dict)

    def __repr__(self) -> str:
        return f"<AuditEvent {self.verb} {self.entity_type}:{self.entity_id}>"


class AbuseReport(db.Model):
    """Anyone's report that a public record is abusive, wrong or spam."""

    __tablename__ = "abuse_report"
    __table_args__ = (check_in("status", ["open", "resolved", "dismissed"]),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_type: Mapped[str] = mapped_column(sa.String(40))
    entity_id: Mapped[int] = mapped_column(sa.Integer)
    reason: Mapped[str] = mapped_column(sa.String(40))
    details: Mapped[str] = mapped_column(sa.Text, default="")
    reporter_email: Mapped[str] = mapped_column(sa.String(254), default="")
    reporter_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    status: Mapped[str] = mapped_column(sa.String(20), default="open", index=True)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    handled_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL")
    )
    handled_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
