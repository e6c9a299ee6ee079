"""One row per reminder sent: the unique key makes each reminder go out once, whatever runs it."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.extensions import db
from hub.modeling import check_in, utcnow

REMINDER_KINDS = ("progress-due", "progress-overdue", "profile-confirm")


class ReminderSent(db.Model):
    """A reminder about one record for one due date (a new report or confirmation makes a new date)."""

    __tablename__ = "reminder_sent"
    __table_args__ = (
        sa.UniqueConstraint("kind", "record_id", "due_key"),
        check_in("kind", REMINDER_KINDS),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    record_id: Mapped[int] = mapped_column(sa.Integer)
    due_key: Mapped[str] = mapped_column(sa.String(20))
    recipients: Mapped[int] = mapped_column(sa.Integer, default=0)
    sent_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    def __repr__(self) -> str:
        return f"<ReminderSent {self.kind} {self.record_id} {self.due_key}>"
