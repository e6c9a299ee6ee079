"""Messages from users to organizations, and each organization's choice to receive them."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.auth.models import User
from hub.extensions import db
from hub.modeling import check_in, utcnow
from hub.orgs.models import Organization

REPORT_STATES = ("", "open", "closed")


class ContactMessage(db.Model):
    """A message a signed-in user sent to an organization through the hub; kept for both sides."""

    __tablename__ = "contact_message"
    __table_args__ = (check_in("report_status", REPORT_STATES),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sender_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"), index=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organization.id", ondelete="CASCADE"), index=True)
    subject: Mapped[str] = mapped_column(sa.String(150))
    body: Mapped[str] = mapped_column(sa.Text)
    # The sender agreed that the organization sees their address (Reply-To).
    share_email: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)
    report_status: Mapped[str] = mapped_column(sa.String(10), default="", index=True)
    report_reason: Mapped[str] = mapped_column(sa.String(500), default="")
    reported_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    reported_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    sender: Mapped[User | None] = relationship(foreign_keys=[sender_id])
    organization: Mapped[Organization] = relationship()

    def __repr__(self) -> str:
        return f"<ContactMessage {self.id} to {self.organization_id}>"


class ContactSetting(db.Model):
    """An organization's choice to receive messages and partner offers (no row: both on)."""

    __tablename__ = "contact_setting"

    organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="CASCADE"), primary_key=True
    )
    accepts_messages: Mapped[bool] = mapped_column(default=True)
    accepts_offers: Mapped[bool] = mapped_column(default=True)
