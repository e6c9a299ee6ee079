"""Partnerships between organizations, each partner confirming, with progress reports."""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.actions.models import Action
from hub.extensions import db
from hub.modeling import TimestampMixin, association, check_in, utcnow
from hub.orgs.models import Organization
from hub.places.models import Country
from hub.review.models import ReviewableMixin
from hub.taxonomy.models import SDG, Theme
from hub.taxonomy.vocabulary import ACTIVITY_STATUSES, CONTENT_LANGUAGES, PARTNER_ROLES, codes

CONFIRMATION_STATES = ("pending", "confirmed", "declined")

partnership_country = association("partnership_country", "partnership", "country", "iso3")
partnership_theme = association("partnership_theme", "partnership", "theme")
partnership_sdg = association("partnership_sdg", "partnership", "sdg")
partnership_action = association("partnership_action", "partnership", "action")


class Partnership(ReviewableMixin, TimestampMixin, db.Model):
    """Several organizations working together towards shared goals."""

    __tablename__ = "partnership"
    __table_args__ = (
        *ReviewableMixin.review_constraints(),
        check_in("status", codes(ACTIVITY_STATUSES)),
        check_in("language", codes(CONTENT_LANGUAGES)),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="dates_ordered"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(100), unique=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    summary: Mapped[str] = mapped_column(sa.String(500), default="")
    description: Mapped[str] = mapped_column(sa.Text, default="")
    lead_organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(sa.String(20), default="ongoing", index=True)
    start_date: Mapped[date | None] = mapped_column(sa.Date)
    end_date: Mapped[date | None] = mapped_column(sa.Date)
    language: Mapped[str] = mapped_column(sa.String(5), default="en")
    # Date of the newest progress report, kept here so lists filter on freshness in SQL.
    last_report_on: Mapped[date | None] = mapped_column(sa.Date, index=True)

    lead_organization: Mapped[Organization] = relationship()
    partners: Mapped[list[PartnershipPartner]] = relationship(
        back_populates="partnership", cascade="all, delete-orphan"
    )
    reports: Mapped[list[ProgressReport]] = relationship(
        cascade="all, delete-orphan", order_by="ProgressReport.report_date.desc()"
    )
    countries: Mapped[list[Country]] = relationship(
        secondary=partnership_country, order_by=Country.name
    )
    themes: Mapped[list[Theme]] = relationship(
        secondary=partnership_theme, order_by=Theme.position
    )
    sdgs: Mapped[list[SDG]] = relationship(secondary=partnership_sdg, order_by=SDG.id)
    actions: Mapped[list[Action]] = relationship(secondary=partnership_action)

    @property
    def public_partners(self) -> list[PartnershipPartner]:
        """The partners anyone may see: confirmed, verified organizations other than the lead.

        The page, the API, the CSV download, the search document and the feed all list these.
        """
        return sorted((p for p in self.partners if p.confirmation == "confirmed"
                       and p.organization_id != self.lead_organization_id
                       and p.organization.verification == "verified"), key=lambda p: p.organization.name)

    def __repr__(self) -> str:
        return f"<Partnership {self.slug}>"


class PartnershipPartner(db.Model):
    """An organization named in a partnership, with its role; shown once it confirms."""

    __tablename__ = "partnership_partner"
    __table_args__ = (
        check_in("role", codes(PARTNER_ROLES)),
        check_in("confirmation", CONFIRMATION_STATES),
    )

    partnership_id: Mapped[int] = mapped_column(
        sa.ForeignKey("partnership.id", ondelete="CASCADE"), primary_key=True
    )
    organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[str] = mapped_column(sa.String(20), default="implementing")
    confirmation: Mapped[str] = mapped_column(sa.String(20), default="pending")
    responded_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    responded_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL")
    )

    partnership: Mapped[Partnership] = relationship(back_populates="partners")
    organization: Mapped[Organization] = relationship()


class ProgressReport(db.Model):
    """A partner's report of what the partnership achieved and what got in the way."""

    __tablename__ = "progress_report"

    id: Mapped[int] = mapped_column(primary_key=True)
    partnership_id: Mapped[int] = mapped_column(
        sa.ForeignKey("partnership.id", ondelete="CASCADE"), index=True
    )
    organization_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="SET NULL")
    )
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))
    report_date: Mapped[date] = mapped_column(sa.Date)
    achievements: Mapped[str] = mapped_column(sa.Text, default="")
    challenges: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    organization: Mapped[Organization | None] = relationship()
