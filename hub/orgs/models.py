"""Organizations: who is active in the hub."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.extensions import db
from hub.modeling import TimestampMixin, association, check_in, utcnow
from hub.places.models import Country
from hub.taxonomy.models import Theme
from hub.taxonomy.vocabulary import ORGANIZATION_TYPES, codes

if TYPE_CHECKING:
    from hub.auth.models import Membership

VERIFICATION_STATES = ("pending", "verified", "rejected")
# A verified organization whose profile nobody confirmed for this long shows "Not confirmed since"
# and ranks lower in search (hub.search.documents).
CONFIRMATION_STALE_DAYS = 730

organization_heritage = association("organization_heritage", "organization", "country", "iso3")
organization_operation = association("organization_operation", "organization", "country", "iso3")
organization_theme = association("organization_theme", "organization", "theme")


class Organization(TimestampMixin, db.Model):
    """A registered organization; public once a moderator has verified it."""

    __tablename__ = "organization"
    __table_args__ = (
        check_in("org_type", codes(ORGANIZATION_TYPES)),
        check_in("verification", VERIFICATION_STATES),
        sa.CheckConstraint(
            "founded_year IS NULL OR founded_year BETWEEN 1800 AND 2100", name="founded_year_range"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(100), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200), index=True)
    acronym: Mapped[str] = mapped_column(sa.String(30), default="")
    org_type: Mapped[str] = mapped_column(sa.String(30), index=True)
    description: Mapped[str] = mapped_column(sa.Text, default="")
    website: Mapped[str] = mapped_column(sa.String(500), default="")
    contact_email: Mapped[str] = mapped_column(sa.String(254), default="")
    hq_country_iso3: Mapped[str | None] = mapped_column(
        sa.ForeignKey("country.iso3"), index=True
    )
    founded_year: Mapped[int | None] = mapped_column(sa.SmallInteger)
    logo: Mapped[str] = mapped_column(sa.String(100), default="")
    language: Mapped[str] = mapped_column(sa.String(5), default="en")
    verification: Mapped[str] = mapped_column(sa.String(20), default="pending", index=True)
    verification_note: Mapped[str] = mapped_column(sa.Text, default="")
    verified_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    verified_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL")
    )
    # Trusted organizations publish without review.
    trusted: Mapped[bool] = mapped_column(default=False)
    last_confirmed_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    is_demo: Mapped[bool] = mapped_column(default=False)
    version: Mapped[int] = mapped_column(sa.Integer, default=1, nullable=False)

    hq_country: Mapped[Country | None] = relationship()
    heritage_countries: Mapped[list[Country]] = relationship(
        secondary=organization_heritage, order_by=Country.name
    )
    operation_countries: Mapped[list[Country]] = relationship(
        secondary=organization_operation, order_by=Country.name
    )
    themes: Mapped[list[Theme]] = relationship(
        secondary=organization_theme, order_by=Theme.position
    )
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="organization", cascade="all, delete-orphan"
    )


    @property
    def is_verified(self) -> bool:
        return self.verification == "verified"

    @property
    def not_confirmed_since(self) -> date | None:
        """The date of the last confirmation when it is over two years old (None while fresh)."""
        basis = confirmed_basis(self)
        if self.is_verified and basis is not None and basis < utcnow() - timedelta(days=CONFIRMATION_STALE_DAYS):
            return basis.date()
        return None

    def __repr__(self) -> str:
        return f"<Organization {self.slug}>"


def confirmed_basis(org: Organization) -> datetime | None:
    """When the profile was last known to be right: confirmed, else verified, else created (in UTC)."""
    when = org.last_confirmed_at or org.verified_at or org.created_at
    if when is not None and when.tzinfo is None:  # SQLite gives naive UTC datetimes back
        when = when.replace(tzinfo=UTC)
    return when
