"""Opportunities: calls, grants, fellowships, missions and jobs organizations publish, with a deadline."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.events.models import split_codes
from hub.extensions import db
from hub.modeling import TimestampMixin, UTCDateTime, association, check_in
from hub.orgs.models import Organization
from hub.places.models import Country
from hub.review.models import ReviewableMixin
from hub.taxonomy.models import Theme
from hub.taxonomy.vocabulary import CONTENT_LANGUAGES, OPPORTUNITY_KINDS, codes
from hub.timezones import local

opportunity_country = association("opportunity_country", "opportunity", "country", "iso3")
opportunity_residence = association("opportunity_residence_country", "opportunity", "country", "iso3")
opportunity_heritage = association("opportunity_heritage_country", "opportunity", "country", "iso3")
opportunity_theme = association("opportunity_theme", "opportunity", "theme")


class Opportunity(ReviewableMixin, TimestampMixin, db.Model):
    """A call organizations or people can apply to until `closes_at` (a UTC instant).

    Open or closed is never stored: it is `closes_at` against the clock when asked.
    """

    __tablename__ = "opportunity"
    __table_args__ = (
        *ReviewableMixin.review_constraints(),
        check_in("kind", codes(OPPORTUNITY_KINDS)),
        check_in("language", codes(CONTENT_LANGUAGES)),
        sa.CheckConstraint("opens_at IS NULL OR closes_at >= opens_at", name="times_ordered"),
        sa.CheckConstraint("amount IS NULL OR amount >= 0", name="amount_not_negative"),
    )
    __mapper_args__ = {"version_id_col": ReviewableMixin.version, "version_id_generator": False}

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(100), unique=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organization.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[str] = mapped_column(sa.String(30), default="call-for-proposals", index=True)
    summary: Mapped[str] = mapped_column(sa.String(500), default="")
    description: Mapped[str] = mapped_column(sa.Text, default="")
    eligibility: Mapped[str] = mapped_column(sa.Text, default="")
    eligible_org_types: Mapped[str] = mapped_column(sa.String(300), default="")
    amount: Mapped[Decimal | None] = mapped_column(sa.Numeric(14, 2))
    currency: Mapped[str] = mapped_column(sa.String(3), default="")
    support: Mapped[str] = mapped_column(sa.String(300), default="")
    opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    timezone: Mapped[str] = mapped_column(sa.String(64), default="UTC")
    apply_url: Mapped[str] = mapped_column(sa.String(500), default="")
    apply_email: Mapped[str] = mapped_column(sa.String(254), default="")
    languages: Mapped[str] = mapped_column(sa.String(100), default="")
    language: Mapped[str] = mapped_column(sa.String(5), default="en")

    organization: Mapped[Organization] = relationship()
    countries: Mapped[list[Country]] = relationship(secondary=opportunity_country, order_by=Country.name)
    residence_countries: Mapped[list[Country]] = relationship(
        secondary=opportunity_residence, order_by=Country.name
    )
    heritage_countries: Mapped[list[Country]] = relationship(secondary=opportunity_heritage, order_by=Country.name)
    themes: Mapped[list[Theme]] = relationship(secondary=opportunity_theme, order_by=Theme.position)

    @property
    def language_codes(self) -> list[str]:
        return split_codes(self.languages)

    @property
    def org_type_codes(self) -> list[str]:
        return split_codes(self.eligible_org_types)

    @property
    def local_closes(self) -> datetime:
        return local(self.closes_at, self.timezone)

    @property
    def local_opens(self) -> datetime | None:
        return local(self.opens_at, self.timezone)

    def __repr__(self) -> str:
        return f"<Opportunity {self.slug}>"
