"""Actions: the projects, initiatives and investments organizations submit."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.extensions import db
from hub.modeling import TimestampMixin, association, check_in
from hub.orgs.models import Organization
from hub.places.models import Country
from hub.review.models import ReviewableMixin
from hub.taxonomy.models import SDG, Theme
from hub.taxonomy.vocabulary import ACTION_KINDS, ACTIVITY_STATUSES, CONTENT_LANGUAGES, codes

action_origin = association("action_origin_country", "action", "country", "iso3")
action_implementation = association("action_implementation_country", "action", "country", "iso3")
action_theme = association("action_theme", "action", "theme")
action_sdg = association("action_sdg", "action", "sdg")
action_partner = association("action_partner", "action", "organization")


class Action(ReviewableMixin, TimestampMixin, db.Model):
    """Something an organization does, shown publicly once reviewed."""

    __tablename__ = "action"
    __table_args__ = (
        *ReviewableMixin.review_constraints(),
        check_in("status", codes(ACTIVITY_STATUSES)),
        check_in("kind", codes(ACTION_KINDS)),
        check_in("language", codes(CONTENT_LANGUAGES)),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="dates_ordered"
        ),
        sa.CheckConstraint("budget IS NULL OR budget >= 0", name="budget_not_negative"),
    )
    # Every UPDATE checks the version it read: two saves racing past check_version cannot both
    # win (the loser gets StaleDataError). The review workflow bumps the number itself.
    __mapper_args__ = {"version_id_col": ReviewableMixin.version, "version_id_generator": False}

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(100), unique=True)
    organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[str] = mapped_column(sa.String(20), default="project")
    summary: Mapped[str] = mapped_column(sa.String(500), default="")
    description: Mapped[str] = mapped_column(sa.Text, default="")
    status: Mapped[str] = mapped_column(sa.String(20), default="ongoing", index=True)
    start_date: Mapped[date | None] = mapped_column(sa.Date)
    end_date: Mapped[date | None] = mapped_column(sa.Date)
    budget: Mapped[Decimal | None] = mapped_column(sa.Numeric(14, 2))
    currency: Mapped[str] = mapped_column(sa.String(3), default="")
    beneficiaries: Mapped[str] = mapped_column(sa.String(300), default="")
    image: Mapped[str] = mapped_column(sa.String(100), default="")
    image_alt: Mapped[str] = mapped_column(sa.String(300), default="")
    language: Mapped[str] = mapped_column(sa.String(5), default="en")

    organization: Mapped[Organization] = relationship()
    origin_countries: Mapped[list[Country]] = relationship(
        secondary=action_origin, order_by=Country.name
    )
    implementation_countries: Mapped[list[Country]] = relationship(
        secondary=action_implementation, order_by=Country.name
    )
    themes: Mapped[list[Theme]] = relationship(secondary=action_theme, order_by=Theme.position)
    sdgs: Mapped[list[SDG]] = relationship(secondary=action_sdg, order_by=SDG.id)
    partners: Mapped[list[Organization]] = relationship(
        secondary=action_partner, order_by=Organization.name
    )
    results: Mapped[list[ActionResult]] = relationship(
        cascade="all, delete-orphan", order_by="ActionResult.position"
    )
    links: Mapped[list[ActionLink]] = relationship(
        cascade="all, delete-orphan", order_by="ActionLink.position"
    )

    @property
    def public_partners(self) -> list[Organization]:
        """The partners anyone may see: verified organizations only (as in the directory).

        The page, the API, the CSV downloads, the search document and the feed all list these, so
        an organization that is not (or no longer) verified is named nowhere in public.
        """
        return [p for p in self.partners if p.verification == "verified"]

    @property
    def result_rows(self) -> list[dict]:
        """The results as plain dicts (what a revision keeps and a diff compares)."""
        return [{"indicator": r.indicator, "baseline": r.baseline, "target": r.target, "achieved": r.achieved}
                for r in self.results]

    @property
    def link_rows(self) -> list[dict]:
        """The links as plain dicts (what a revision keeps and a diff compares)."""
        return [{"label": link.label, "url": link.url} for link in self.links]

    def __repr__(self) -> str:
        return f"<Action {self.slug}>"


class ActionResult(db.Model):
    """One measured result of an action: indicator, baseline, target and achieved."""

    __tablename__ = "action_result"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(
        sa.ForeignKey("action.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(sa.SmallInteger, default=0)
    indicator: Mapped[str] = mapped_column(sa.String(200))
    baseline: Mapped[str] = mapped_column(sa.String(80), default="")
    target: Mapped[str] = mapped_column(sa.String(80), default="")
    achieved: Mapped[str] = mapped_column(sa.String(80), default="")


class ActionLink(db.Model):
    """A link to more about an action."""

    __tablename__ = "action_link"

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(
        sa.ForeignKey("action.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(sa.SmallInteger, default=0)
    label: Mapped[str] = mapped_column(sa.String(200))
    url: Mapped[str] = mapped_column(sa.String(500))
