"""Countries, UN DESA migrant stock, remittances and community profiles."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.extensions import db
from hub.modeling import utcnow

EDITIONS = (2024, 2020)


class Country(db.Model):
    """A UN DESA country or area (ISO 3166 alpha-3; CHI for the Channel Islands)."""

    __tablename__ = "country"

    iso3: Mapped[str] = mapped_column(sa.String(3), primary_key=True)
    iso2: Mapped[str | None] = mapped_column(sa.String(2), unique=True)
    m49: Mapped[int] = mapped_column(sa.Integer, unique=True)
    name: Mapped[str] = mapped_column(sa.String(120), index=True)
    name_fr: Mapped[str] = mapped_column(sa.String(120), default="")
    name_es: Mapped[str] = mapped_column(sa.String(120), default="")
    slug: Mapped[str] = mapped_column(sa.String(120), unique=True)
    region: Mapped[str] = mapped_column(sa.String(60), index=True)
    subregion: Mapped[str] = mapped_column(sa.String(60))
    sdg_region: Mapped[str] = mapped_column(sa.String(80))
    development_group: Mapped[str] = mapped_column(sa.String(30))
    least_developed: Mapped[bool] = mapped_column(default=False)
    landlocked_developing: Mapped[bool] = mapped_column(default=False)
    small_island_developing: Mapped[bool] = mapped_column(default=False)
    wb_region: Mapped[str] = mapped_column(sa.String(80), default="")
    wb_income_group: Mapped[str] = mapped_column(sa.String(40), default="")

    def localized_name(self, locale: str) -> str:
        """The name in `locale` (en, fr or es), falling back to English."""
        return {"fr": self.name_fr, "es": self.name_es}.get(locale) or self.name

    def __repr__(self) -> str:
        return f"<Country {self.iso3}>"


class MigrantStock(db.Model):
    """Migrants born in `origin` living in `destination` at mid-year, per UN DESA edition."""

    __tablename__ = "migrant_stock"
    __table_args__ = (
        sa.CheckConstraint("edition IN (2020, 2024)", name="edition_known"),
        sa.CheckConstraint("migrants >= 0", name="migrants_not_negative"),
        sa.Index("ix_migrant_stock_destination", "destination_iso3", "edition", "year"),
    )

    edition: Mapped[int] = mapped_column(sa.SmallInteger, primary_key=True)
    origin_iso3: Mapped[str] = mapped_column(sa.ForeignKey("country.iso3"), primary_key=True)
    destination_iso3: Mapped[str] = mapped_column(sa.ForeignKey("country.iso3"), primary_key=True)
    year: Mapped[int] = mapped_column(sa.SmallInteger, primary_key=True)
    migrants: Mapped[int] = mapped_column(sa.BigInteger)
    migrants_male: Mapped[int | None] = mapped_column(sa.BigInteger)
    migrants_female: Mapped[int | None] = mapped_column(sa.BigInteger)

    def __repr__(self) -> str:
        return f"<MigrantStock {self.edition} {self.origin_iso3}->{self.destination_iso3} {self.year}>"


class CountryTotal(db.Model):
    """A country's immigrant and (itemised) emigrant totals for one year of one edition."""

    __tablename__ = "country_total"
    __table_args__ = (sa.CheckConstraint("edition IN (2020, 2024)", name="edition_known"),)

    edition: Mapped[int] = mapped_column(sa.SmallInteger, primary_key=True)
    iso3: Mapped[str] = mapped_column(sa.ForeignKey("country.iso3"), primary_key=True)
    year: Mapped[int] = mapped_column(sa.SmallInteger, primary_key=True)
    immigrants: Mapped[int | None] = mapped_column(sa.BigInteger)
    immigrants_male: Mapped[int | None] = mapped_column(sa.BigInteger)
    immigrants_female: Mapped[int | None] = mapped_column(sa.BigInteger)
    emigrants: Mapped[int | None] = mapped_column(sa.BigInteger)
    emigrants_male: Mapped[int | None] = mapped_column(sa.BigInteger)
    emigrants_female: Mapped[int | None] = mapped_column(sa.BigInteger)


class BilateralRemittance(db.Model):
    """World Bank/KNOMAD 2017 estimate of money sent from `destination` home to `origin`."""

    __tablename__ = "bilateral_remittance"
    __table_args__ = (sa.Index("ix_bilateral_remittance_destination", "destination_iso3"),)

    origin_iso3: Mapped[str] = mapped_column(sa.ForeignKey("country.iso3"), primary_key=True)
    destination_iso3: Mapped[str] = mapped_column(sa.ForeignKey("country.iso3"), primary_key=True)
    year: Mapped[int] = mapped_column(sa.SmallInteger, primary_key=True)
    usd_million: Mapped[float] = mapped_column(sa.Float)


class UnlistedRemittance(db.Model):
    """A KNOMAD 2017 row whose sending or receiving side is not a UN DESA country or area.

    Kept with the source's own code and name (Kosovo, XKX, for instance) so that no source row
    disappears from a country's remittance tables; the hub has no page for that place.
    """

    __tablename__ = "unlisted_remittance"

    origin_code: Mapped[str] = mapped_column(sa.String(3), primary_key=True)
    destination_code: Mapped[str] = mapped_column(sa.String(3), primary_key=True)
    year: Mapped[int] = mapped_column(sa.SmallInteger, primary_key=True)
    usd_million: Mapped[float] = mapped_column(sa.Float)
    origin_label: Mapped[str] = mapped_column(sa.String(120), default="")
    destination_label: Mapped[str] = mapped_column(sa.String(120), default="")


class RemittanceReceived(db.Model):
    """WDI BX.TRF.PWKR.CD.DT: personal remittances received, current US$."""

    __tablename__ = "remittance_received"

    iso3: Mapped[str] = mapped_column(sa.ForeignKey("country.iso3"), primary_key=True)
    year: Mapped[int] = mapped_column(sa.SmallInteger, primary_key=True)
    usd: Mapped[int] = mapped_column(sa.BigInteger)


class ReferenceImport(db.Model):
    """Which reference file was loaded, from which bytes, and how many rows it gave."""

    __tablename__ = "reference_import"

    dataset: Mapped[str] = mapped_column(sa.String(80), primary_key=True)
    filename: Mapped[str] = mapped_column(sa.String(200))
    sha256: Mapped[str] = mapped_column(sa.String(64))
    rows: Mapped[int] = mapped_column(sa.Integer)
    skipped: Mapped[int] = mapped_column(sa.Integer, default=0)
    imported_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)


class CommunityProfile(db.Model):
    """A moderator-written profile of one diaspora corridor (origin -> residence)."""

    __tablename__ = "community_profile"
    __table_args__ = (
        sa.UniqueConstraint("origin_iso3", "destination_iso3"),
        sa.CheckConstraint("origin_iso3 <> destination_iso3", name="distinct_countries"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    origin_iso3: Mapped[str] = mapped_column(sa.ForeignKey("country.iso3"))
    destination_iso3: Mapped[str] = mapped_column(sa.ForeignKey("country.iso3"), index=True)
    summary: Mapped[str] = mapped_column(sa.Text, default="")
    languages: Mapped[str] = mapped_column(sa.String(300), default="")
    notes: Mapped[str] = mapped_column(sa.Text, default="")
    sources: Mapped[str] = mapped_column(sa.Text, default="")
    version: Mapped[int] = mapped_column(sa.Integer, default=1, nullable=False)
    is_demo: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
    updated_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("user.id", ondelete="SET NULL")
    )

    origin: Mapped[Country] = relationship(foreign_keys=[origin_iso3])
    destination: Mapped[Country] = relationship(foreign_keys=[destination_iso3])


    def __repr__(self) -> str:
        return f"<CommunityProfile {self.origin_iso3}-{self.destination_iso3}>"
