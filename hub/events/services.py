"""Events: create and edit them, co-organizers confirming, the lists. Add and flush, never commit.

Whether an event is upcoming or past is never stored: every list compares its end with the
clock when it is asked (`utcnow()` as a bound parameter), so an event that has ended drops off
"upcoming" without anyone touching it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from hub import modeling
from hub.actions.models import Action
from hub.auth.models import User
from hub.events.models import Event, EventOrganizer, has_code
from hub.extensions import db
from hub.modeling import rows_by_key, utcnow
from hub.orgs.models import Organization
from hub.partnerships.models import Partnership
from hub.partnerships.services import may_respond
from hub.places.models import Country
from hub.review import changes, workflow
from hub.review.history import record_audit
from hub.review.visibility import public
from hub.stories.services import action_choices, partnership_choices
from hub.taxonomy.models import SDG, Theme

SCALAR_FIELDS = ("title", "summary", "description", "language", "format", "timezone", "all_day", "starts_at",
                 "ends_at", "venue", "city", "venue_country_iso3", "join_url", "languages", "status", "status_note",
                 "image", "image_alt")
LIST_FIELDS = ("countries", "themes", "sdgs", "actions", "partnerships")
HISTORY_FIELDS = (*SCALAR_FIELDS, *LIST_FIELDS, "organizer_ids")
FIELD_LABELS = {
    "title": _l("Title"), "summary": _l("Short summary"), "description": _l("Description"),
    "language": _l("Language"), "format": _l("Format"), "timezone": _l("Time zone"), "all_day": _l("All day"),
    "starts_at": _l("Starts (UTC)"), "ends_at": _l("Ends (UTC)"), "venue": _l("Venue"), "city": _l("City"),
    "venue_country_iso3": _l("Country of the venue"), "join_url": _l("Join or registration link"),
    "languages": _l("Languages spoken"), "status": _l("Status"), "status_note": _l("Note on the status"),
    "image": _l("Image"), "image_alt": _l("Image description"), "countries": _l("Countries concerned"),
    "themes": _l("Themes"), "sdgs": _l("Sustainable Development Goals"), "actions": _l("Linked actions"),
    "partnerships": _l("Linked partnerships"), "organizer_ids": _l("Co-organizers"),
}
LIST_OPTIONS = (selectinload(Event.organization), selectinload(Event.countries), selectinload(Event.themes),
                selectinload(Event.venue_country))
FEED_LIMIT = 1000


def choices_for(org_id: int) -> dict:
    """The actions and partnerships an event of `org_id` may be linked to (form choices)."""
    return {"action_choices": action_choices(org_id), "partnership_choices": partnership_choices(org_id)}


def _apply(event: Event, data: dict) -> None:
    for name in SCALAR_FIELDS:
        if name in data:
            setattr(event, name, data[name])
    event.countries = rows_by_key(Country, data.get("countries"), Country.iso3, [Country.name])
    event.themes = rows_by_key(Theme, data.get("themes"), Theme.slug, [Theme.position])
    event.sdgs = rows_by_key(SDG, data.get("sdgs"), SDG.id, [SDG.id])
    allowed = choices_for(event.organization_id)
    actions = {i for i, _t in allowed["action_choices"]} & set(data.get("actions") or [])
    partnerships = {i for i, _t in allowed["partnership_choices"]} & set(data.get("partnerships") or [])
    event.actions = rows_by_key(Action, actions, Action.id, [Action.title])
    event.partnerships = rows_by_key(Partnership, partnerships, Partnership.id, [Partnership.title])


def _set_organizers(event: Event, org_ids, user) -> None:
    """Name the co-organizers; a newly named one is asked to confirm."""
    wanted = {i for i in (org_ids or []) if i and i != event.organization_id}
    existing = {o.organization_id: o for o in event.organizers}
    for org_id, organizer in existing.items():
        if org_id not in wanted:
            event.organizers.remove(organizer)
    for org_id in sorted(wanted - set(existing)):
        event.organizers.append(EventOrganizer(organization_id=org_id))
        record_audit(user, "organizer_invited", event, organization_id=org_id)


def create_event(organization: Organization, user: User, data: dict) -> Event:
    """A new draft event of `organization` from form data (SCALAR_FIELDS, LIST_FIELDS, co_organizers)."""
    event = Event(slug=modeling.unique_slug(Event, data["title"]), organization_id=organization.id,
                  review_state="draft", created_by_id=user.id, version=1)
    db.session.add(event)
    _apply(event, data)
    _set_organizers(event, data.get("co_organizers"), user)
    db.session.flush()
    record_audit(user, "create", event, title=event.title)
    return event


def update_event(event: Event, user: User, data: dict, expected_version) -> Event:
    """Save an edit (edit conflicts refused); the previous values become a revision, SEQUENCE goes up.

    A published event stays published: postponing or cancelling it shows at once.
    """
    workflow.check_version(event, expected_version)
    before = workflow.snapshot(event, (*SCALAR_FIELDS, *LIST_FIELDS))
    before["organizer_ids"] = event.organizer_ids
    _apply(event, data)
    _set_organizers(event, data.get("co_organizers"), user)
    db.session.flush()
    if before["organizer_ids"] == event.organizer_ids:
        del before["organizer_ids"]
    workflow.record_edit(event, user, before)
    return event


def history(event: Event) -> list[changes.Save]:
    """Every save of the event, newest first."""
    return changes.history(event, HISTORY_FIELDS)


def get_by_slug(slug: str) -> Event | None:
    return db.session.scalar(sa.select(Event).where(Event.slug == slug))


# ---- co-organizers


def find_organizer(event: Event, org_id: int) -> EventOrganizer | None:
    return next((o for o in event.organizers if o.organization_id == org_id), None)


def respond(organizer: EventOrganizer, user, confirm: bool) -> EventOrganizer:
    """The co-organizer confirms (named in public from now on) or declines."""
    if not may_respond(user, organizer):
        raise workflow.ReviewPermissionDenied(_l("Only owners and editors of %(org)s can answer for it.",
                                                 org=organizer.organization.name))
    organizer.confirmation = "confirmed" if confirm else "declined"
    organizer.responded_at = utcnow()
    organizer.responded_by_id = user.id
    organizer.event.updated_at = utcnow()
    record_audit(user, "organizer_confirmed" if confirm else "organizer_declined", organizer.event,
                 organization_id=organizer.organization_id)
    db.session.flush()
    return organizer


def pending_invitations(org_id: int) -> list[EventOrganizer]:
    """Events naming this organization as a co-organizer that wait for its answer."""
    stmt = (sa.select(EventOrganizer).join(EventOrganizer.event)
            .where(EventOrganizer.organization_id == org_id, EventOrganizer.confirmation == "pending",
                   Event.review_state != "rejected")
            .options(selectinload(EventOrganizer.event).selectinload(Event.organization))
            .order_by(Event.starts_at))
    return list(db.session.scalars(stmt))


def may_view(user, event: Event) -> bool:
    """Named co-organizers see the event before it is public, to confirm."""
    from hub.auth.permissions import can, org_role

    return can(user, "view", event) or any(org_role(user, o.organization_id) for o in event.organizers)


# ---- lists


@dataclass
class Filters:
    theme: str | None = None
    country: str | None = None
    format: str | None = None
    month: date | None = None
    language: str | None = None
    org: str | None = None


def _month_range(month: date) -> tuple[datetime, datetime]:
    """The UTC instants bounding a calendar month in every zone (UTC-12 to UTC+14)."""
    start = datetime(month.year, month.month, 1, tzinfo=UTC)
    following = datetime(month.year + month.month // 12, month.month % 12 + 1, 1, tzinfo=UTC)
    return start - timedelta(hours=14), following + timedelta(hours=12)


def published_events(filters: Filters | None = None):
    """A select of the public events matching `filters` (no order, no time window)."""
    filters = filters or Filters()
    stmt = public(Event)
    if filters.theme:
        stmt = stmt.where(Event.themes.any(Theme.slug == filters.theme))
    if filters.country:
        stmt = stmt.where(sa.or_(Event.countries.any(Country.iso3 == filters.country),
                                 Event.venue_country_iso3 == filters.country))
    if filters.format:
        stmt = stmt.where(Event.format == filters.format)
    if filters.language:
        stmt = stmt.where(has_code(Event.languages, filters.language))
    if filters.org:
        confirmed = (sa.select(EventOrganizer.event_id)
                     .join(Organization, Organization.id == EventOrganizer.organization_id)
                     .where(Organization.slug == filters.org, EventOrganizer.confirmation == "confirmed"))
        stmt = stmt.where(sa.or_(Event.organization.has(Organization.slug == filters.org), Event.id.in_(confirmed)))
    if filters.month:
        start, end = _month_range(filters.month)
        stmt = stmt.where(Event.starts_at < end, Event.ends_at > start)
    return stmt.options(*LIST_OPTIONS)


def upcoming(stmt):
    """Events not yet over by the clock now, soonest first."""
    return stmt.where(Event.ends_at > utcnow()).order_by(Event.starts_at, Event.id)


def past(stmt):
    """Events that are over by the clock now, most recent first."""
    return stmt.where(Event.ends_at <= utcnow()).order_by(Event.starts_at.desc(), Event.id.desc())


def in_month(filters: Filters) -> dict[date, list[Event]]:
    """{day: events running that day in their own zone} for the month of `filters.month`."""
    month = filters.month
    days: dict[date, list[Event]] = {}
    rows = db.session.scalars(published_events(filters).order_by(Event.starts_at, Event.id)).all()
    for event in rows:
        day = max(event.first_day, month)
        while day <= event.last_day and day.month == month.month:
            days.setdefault(day, []).append(event)
            day += timedelta(days=1)
    return days


def upcoming_for(*, country: str | None = None, org_id: int | None = None, pair: tuple[str, str] | None = None,
                 limit: int = 5) -> list[Event]:
    """The next public events for a country, an organization, a community (both countries) or the home page."""
    stmt = public(Event)
    if country:
        stmt = stmt.where(sa.or_(Event.countries.any(Country.iso3 == country), Event.venue_country_iso3 == country))
    if org_id:
        confirmed = sa.select(EventOrganizer.event_id).where(EventOrganizer.organization_id == org_id,
                                                             EventOrganizer.confirmation == "confirmed")
        stmt = stmt.where(sa.or_(Event.organization_id == org_id, Event.id.in_(confirmed)))
    if pair:
        stmt = stmt.where(Event.countries.any(Country.iso3 == pair[0]), Event.countries.any(Country.iso3 == pair[1]))
    return list(db.session.scalars(upcoming(stmt.options(*LIST_OPTIONS)).limit(limit)))


def feed_events(filters: Filters) -> list[Event]:
    """The events of a calendar feed: every public one matching `filters`, newest start first, capped."""
    stmt = published_events(filters).order_by(Event.starts_at.desc(), Event.id.desc()).limit(FEED_LIMIT)
    return list(db.session.scalars(stmt))


def events_of(org_id: int) -> list[Event]:
    """Every event of an organization, for its dashboard, soonest first."""
    return list(db.session.scalars(sa.select(Event).where(Event.organization_id == org_id)
                                   .order_by(Event.starts_at.desc())))
