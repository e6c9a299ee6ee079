"""Events: consultations, forums, webinars and fairs that organizations hold, with their time zone."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hub.actions.models import Action
from hub.extensions import db
from hub.modeling import TimestampMixin, UTCDateTime, association, check_in
from hub.orgs.models import Organization
from hub.partnerships.models import CONFIRMATION_STATES, Partnership
from hub.places.models import Country
from hub.review.models import ReviewableMixin
from hub.taxonomy.models import SDG, Theme
from hub.taxonomy.vocabulary import CONTENT_LANGUAGES, EVENT_FORMATS, EVENT_STATUSES, codes
from hub.timezones import local

event_country = association("event_country", "event", "country", "iso3")
event_theme = association("event_theme", "event", "theme")
event_sdg = association("event_sdg", "event", "sdg")
event_action = association("event_action", "event", "action")
event_partnership = association("event_partnership", "event", "partnership")


def split_codes(value: str | None) -> list[str]:
    """"en,fr" -> ["en", "fr"] (how language lists are stored)."""
    return [code for code in (value or "").split(",") if code]


def has_code(column, code: str):
    """SQL: the comma-separated `column` holds `code`."""
    return (sa.literal(",") + column + sa.literal(",")).like(f"%,{code},%")


class Event(ReviewableMixin, TimestampMixin, db.Model):
    """A gathering an organization holds, public once reviewed.

    `starts_at` and `ends_at` are UTC instants; `timezone` is the IANA zone they were given in.
    An all-day event starts at midnight of its first day and ends at midnight after its last
    day, both in its zone (the end is exclusive, as iCalendar's DTEND).
    """

    __tablename__ = "event"
    __table_args__ = (
        *ReviewableMixin.review_constraints(),
        check_in("format", codes(EVENT_FORMATS)),
        check_in("status", codes(EVENT_STATUSES)),
        check_in("language", codes(CONTENT_LANGUAGES)),
        sa.CheckConstraint("ends_at >= starts_at", name="times_ordered"),
    )
    __mapper_args__ = {"version_id_col": ReviewableMixin.version, "version_id_generator": False}

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(100), unique=True)
    organization_id: Mapped[int] = mapped_column(sa.ForeignKey("organization.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(sa.String(200))
    summary: Mapped[str] = mapped_column(sa.String(500), default="")
    description: Mapped[str] = mapped_column(sa.Text, default="")
    format: Mapped[str] = mapped_column(sa.String(20), default="in-person")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    timezone: Mapped[str] = mapped_column(sa.String(64), default="UTC")
    all_day: Mapped[bool] = mapped_column(default=False)
    venue: Mapped[str] = mapped_column(sa.String(200), default="")
    city: Mapped[str] = mapped_column(sa.String(120), default="")
    venue_country_iso3: Mapped[str | None] = mapped_column(sa.ForeignKey("country.iso3", ondelete="SET NULL"))
    join_url: Mapped[str] = mapped_column(sa.String(500), default="")
    languages: Mapped[str] = mapped_column(sa.String(100), default="")
    status: Mapped[str] = mapped_column(sa.String(20), default="scheduled", index=True)
    status_note: Mapped[str] = mapped_column(sa.String(500), default="")
    image: Mapped[str] = mapped_column(sa.String(100), default="")
    image_alt: Mapped[str] = mapped_column(sa.String(300), default="")
    language: Mapped[str] = mapped_column(sa.String(5), default="en")

    organization: Mapped[Organization] = relationship()
    venue_country: Mapped[Country | None] = relationship()
    countries: Mapped[list[Country]] = relationship(secondary=event_country, order_by=Country.name)
    themes: Mapped[list[Theme]] = relationship(secondary=event_theme, order_by=Theme.position)
    sdgs: Mapped[list[SDG]] = relationship(secondary=event_sdg, order_by=SDG.id)
    actions: Mapped[list[Action]] = relationship(secondary=event_action, order_by=Action.title)
    partnerships: Mapped[list[Partnership]] = relationship(secondary=event_partnership, order_by=Partnership.title)
    organizers: Mapped[list[EventOrganizer]] = relationship(back_populates="event", cascade="all, delete-orphan")

    @property
    def language_codes(self) -> list[str]:
        return split_codes(self.languages)

    @property
    def local_start(self) -> datetime:
        return local(self.starts_at, self.timezone)

    @property
    def local_end(self) -> datetime:
        return local(self.ends_at, self.timezone)

    @property
    def first_day(self) -> date:
        return self.local_start.date()

    @property
    def last_day(self) -> date:
        """The last day the event runs, in its zone (the day before an all-day event's exclusive end)."""
        end = self.local_end
        return (end - timedelta(days=1)).date() if self.all_day else end.date()

    @property
    def is_cancelled(self) -> bool:
        return self.status == "cancelled"

    @property
    def public_organizers(self) -> list[Organization]:
        """Co-organizers anyone may see: confirmed, verified, other than the organizer."""
        return sorted((o.organization for o in self.organizers if o.confirmation == "confirmed"
                       and o.organization_id != self.organization_id
                       and o.organization.verification == "verified"), key=lambda org: org.name)

    @property
    def organizer_ids(self) -> list[int]:
        """Ids of every named co-organizer (what a revision keeps and the history compares)."""
        return sorted(o.organization_id for o in self.organizers)

    @property
    def in_person(self) -> bool:
        return self.format in ("in-person", "hybrid")

    @property
    def online(self) -> bool:
        return self.format in ("online", "hybrid")

    def __repr__(self) -> str:
        return f"<Event {self.slug}>"


class EventOrganizer(db.Model):
    """A co-organizing organization; shown once its owners or editors confirm."""

    __tablename__ = "event_organizer"
    __table_args__ = (check_in("confirmation", CONFIRMATION_STATES),)

    event_id: Mapped[int] = mapped_column(sa.ForeignKey("event.id", ondelete="CASCADE"), primary_key=True)
    organization_id: Mapped[int] = mapped_column(
        sa.ForeignKey("organization.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    confirmation: Mapped[str] = mapped_column(sa.String(20), default="pending")
    responded_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    responded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("user.id", ondelete="SET NULL"))

    event: Mapped[Event] = relationship(back_populates="organizers")
    organization: Mapped[Organization] = relationship()
