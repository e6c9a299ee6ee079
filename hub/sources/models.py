"""The data-source catalogue: where the evidence about diasporas lives."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.extensions import db
from hub.modeling import TimestampMixin, association, check_in
from hub.orgs.models import Organization
from hub.places.models import Country
from hub.review.models import ReviewableMixin
from hub.taxonomy.models import Theme
from hub.taxonomy.vocabulary import SOURCE_ACCESS, SOURCE_KINDS, codes

source_country = association("data_source_country", "data_source", "country", "iso3")
source_theme = association("data_source_theme", "data_source", "theme")


class DataSource(ReviewableMixin, TimestampMixin, db.Model):
    """A dataset, survey, report or portal with evidence on diasporas."""

    __tablename__ = "data_source"
    __table_args__ = (
        *ReviewableMixin.review_constraints(),
        check_in("kind", codes(SOURCE_KINDS)),
        check_in("access", codes(SOURCE_ACCESS)),
        sa.CheckConstraint(
            "years_to IS NULL OR years_from IS NULL OR years_to >= years_from",
            name="years_ordered",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(100), unique=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    # Acronyms and well-known names, "|"-separated ("WDI|World Development Indicators"): searched
    # like the title. The catalogue's come from data/data_source_names.csv.
    other_names: Mapped[str] = mapped_column(sa.String(500), default="", server_default="")
    description: Mapped[str] = mapped_column(sa.Text, default="")
    publisher: Mapped[str] = mapped_column(sa.String(200), default="", index=True)
    kind: Mapped[str] = mapped_column(sa.String(30), index=True)
    url: Mapped[str] = mapped_column(sa.String(500))
    # Region words of the catalogue (WLD, EUR, AFR, ...) for coverage wider than listed countries.
    regions_covered: Mapped[str] = mapped_column(sa.String(100), default="")
    years_from: Mapped[int | None] = mapped_column(sa.SmallInteger)
    years_to: Mapped[int | None] = mapped_column(sa.SmallInteger)
    format: Mapped[str] = mapped_column(sa.String(100), default="")
    licence: Mapped[str] = mapped_column(sa.String(100), default="")
    languages: Mapped[str] = mapped_column(sa.String(100), default="")
    access: Mapped[str] = mapped_column(sa.String(20), default="open")
    update_frequency: Mapped[str] = mapped_column(sa.String(100), default="")
    # The source's own dates (ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD; blank when not recorded). They
    # are not the hub's: created_at/published_at say when the hub added and published the record.
    source_published: Mapped[str] = mapped_column(sa.String(10), default="")
    source_updated: Mapped[str] = mapped_column(sa.String(10), default="")
    strengths_limitations: Mapped[str] = mapped_column(sa.Text, default="")
    how_to_cite: Mapped[str] = mapped_column(sa.Text, default="")
    evidence_url: Mapped[str] = mapped_column(sa.String(500), default="")
    organization_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="SET NULL"), index=True
    )
    link_checked_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    link_status: Mapped[int | None] = mapped_column(sa.SmallInteger)
    link_ok: Mapped[bool | None] = mapped_column()
    link_error: Mapped[str] = mapped_column(sa.String(300), default="")

    organization: Mapped[Organization | None] = relationship()
    countries: Mapped[list[Country]] = relationship(secondary=source_country, order_by=Country.name)
    themes: Mapped[list[Theme]] = relationship(secondary=source_theme, order_by=Theme.position)

    @property
    def other_name_list(self) -> list[str]:
        """The other names, in the order given."""
        return [name for name in (self.other_names or "").split("|") if name]

    def __repr__(self) -> str:
        return f"<DataSource {self.slug}>"
