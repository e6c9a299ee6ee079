"""Calls for partners on actions and partnerships, and organizations' offers to answer them."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.extensions import db
from hub.modeling import check_in, utcnow
from hub.orgs.models import Organization

CALL_KINDS = ("action", "partnership")
CALL_ROLES = ("funding", "implementing", "knowledge")
OFFER_STATES = ("pending", "accepted", "declined")
ROLE_CHOICES = [("funding", _l("Funding")), ("implementing", _l("Implementing")), ("knowledge", _l("Knowledge"))]
# The "Looking for partners" filter of the action and partnership lists.
SEEKING_CHOICES = [("", _l("Any")), ("any", _l("Looking for any partner")),
                   ("funding", _l("Looking for funding")), ("implementing", _l("Looking for implementing partners")),
                   ("knowledge", _l("Looking for knowledge partners"))]


class PartnerCall(db.Model):
    """An action or partnership saying it is looking for partners, in which roles, and why."""

    __tablename__ = "partner_call"
    __table_args__ = (
        check_in("record_kind", CALL_KINDS),
        sa.UniqueConstraint("record_kind", "record_id", name="one_call_per_record"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    record_kind: Mapped[str] = mapped_column(sa.String(20))
    record_id: Mapped[int] = mapped_column(sa.Integer)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organization.id", ondelete="CASCADE"), index=True)
    roles: Mapped[str] = mapped_column(sa.String(60))  # comma-separated CALL_ROLES
    note: Mapped[str] = mapped_column(sa.String(500), default="")
    is_open: Mapped[bool] = mapped_column(default=True, index=True)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    organization: Mapped[Organization] = relationship()

    @property
    def role_list(self) -> list[str]:
        return [r for r in self.roles.split(",") if r]

    def __repr__(self) -> str:
        return f"<PartnerCall {self.record_kind}:{self.record_id}>"


class PartnerOffer(db.Model):
    """A verified organization's offer to partner on a call, and the lead's answer."""

    __tablename__ = "partner_offer"
    __table_args__ = (
        check_in("role", CALL_ROLES),
        check_in("status", OFFER_STATES),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(sa.ForeignKey("partner_call.id", ondelete="CASCADE"), index=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organization.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(sa.String(20))
    message: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(sa.String(10), default="pending", index=True)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)
    answered_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    answered_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    answer_note: Mapped[str] = mapped_column(sa.String(500), default="")

    call: Mapped[PartnerCall] = relationship()
    organization: Mapped[Organization] = relationship()


def looking_for_partners(model, kind: str, role: str = ""):
    """SQL condition: the `model` record (an action or partnership) has an open call for partners,
    for `role` when given ("any" or "" for any role)."""
    calls = sa.select(PartnerCall.record_id).where(PartnerCall.record_kind == kind, PartnerCall.is_open.is_(True))
    if role and role != "any":
        calls = calls.where(sa.or_(PartnerCall.roles == role, PartnerCall.roles.like(f"{role},%"),
                                   PartnerCall.roles.like(f"%,{role}"), PartnerCall.roles.like(f"%,{role},%")))
    return model.id.in_(calls)
