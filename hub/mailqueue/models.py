"""The outgoing mail queue: every e-mail the hub sends is a row here until it is sent or has failed."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from hub.extensions import db
from hub.modeling import check_in, utcnow

MAIL_STATES = ("pending", "sending", "sent", "failed")


class OutgoingMail(db.Model):
    """One rendered message: "pending" until a worker claims it ("sending"), then "sent" or, after
    the last try, "failed" (listed for admins, who can retry it)."""

    __tablename__ = "outgoing_mail"
    __table_args__ = (
        check_in("status", MAIL_STATES),
        sa.Index("ix_outgoing_mail_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    to_addr: Mapped[str] = mapped_column(sa.String(254))
    subject: Mapped[str] = mapped_column(sa.String(400))
    # The whole RFC 5322 message as rendered at send time, in the recipient's language.
    message: Mapped[bytes] = mapped_column(sa.LargeBinary)
    status: Mapped[str] = mapped_column(sa.String(10), default="pending")
    attempts: Mapped[int] = mapped_column(sa.Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    # A worker's claim: another worker may take the row over once this has passed (a killed worker).
    claimed_until: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    last_error: Mapped[str] = mapped_column(sa.String(500), default="")
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    def __repr__(self) -> str:
        return f"<OutgoingMail {self.id} {self.status} to {self.to_addr}>"
