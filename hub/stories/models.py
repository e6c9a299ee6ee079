"""Success stories: what came of an action or partnership, told by the organization."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.actions.models import Action
from hub.extensions import db
from hub.modeling import TimestampMixin, association, check_in
from hub.orgs.models import Organization
from hub.partnerships.models import Partnership
from hub.places.models import Country
from hub.review.models import ReviewableMixin
from hub.taxonomy.models import Theme
from hub.taxonomy.vocabulary import CONTENT_LANGUAGES, codes

story_country = association("story_country", "story", "country", "iso3")
story_theme = association("story_theme", "story", "theme")


class Story(ReviewableMixin, TimestampMixin, db.Model):
    """A success story, published through the review workflow."""

    __tablename__ = "story"
    __table_args__ = (
        *ReviewableMixin.review_constraints(),
        check_in("language", codes(CONTENT_LANGUAGES)),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(100), unique=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    summary: Mapped[str] = mapped_column(sa.String(500), default="")
    body: Mapped[str] = mapped_column(sa.Text, default="")
    organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="CASCADE"), index=True
    )
    action_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("action.id", ondelete="SET NULL"), index=True
    )
    partnership_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("partnership.id", ondelete="SET NULL"), index=True
    )
    image: Mapped[str] = mapped_column(sa.String(100), default="")
    image_alt: Mapped[str] = mapped_column(sa.String(300), default="")
    image_credit: Mapped[str] = mapped_column(sa.String(200), default="")
    consent_confirmed: Mapped[bool] = mapped_column(default=False)
    source_url: Mapped[str] = mapped_column(sa.String(500), default="")
    language: Mapped[str] = mapped_column(sa.String(5), default="en")

    organization: Mapped[Organization] = relationship()
    action: Mapped[Action | None] = relationship()
    partnership: Mapped[Partnership | None] = relationship()
    countries: Mapped[list[Country]] = relationship(secondary=story_country, order_by=Country.name)
    themes: Mapped[list[Theme]] = relationship(secondary=story_theme, order_by=Theme.position)

    def __repr__(self) -> str:
        return f"<Story {self.slug}>"
