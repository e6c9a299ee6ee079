"""iCalendar (RFC 5545) for events, with the `icalendar` package.

UID is the event's id (stable across edits and slug changes), SEQUENCE the number of saved
edits, DTSTART/DTEND carry the event's IANA zone with a VTIMEZONE for it (all-day events are
dates), STATUS is CONFIRMED, TENTATIVE (postponed) or CANCELLED.
"""

from __future__ import annotations

from flask import url_for
from icalendar import Calendar
from icalendar import Event as VEvent

from hub.content import plain_text
from hub.events.models import Event
from hub.modeling import utcnow

PRODID = "-//Diaspora Hub//Events//EN"
STATUS = {"scheduled": "CONFIRMED", "postponed": "TENTATIVE", "cancelled": "CANCELLED"}


def uid(event: Event) -> str:
    return f"event-{event.id}@diaspora-hub"


def sequence(event: Event) -> int:
    """How many times the event was saved after it was created."""
    return max((event.version or 1) - 1, 0)


def location(event: Event) -> str:
    parts = [event.venue, event.city, event.venue_country.name if event.venue_country else ""]
    place = ", ".join(p for p in parts if p)
    if event.online:
        return " · ".join(p for p in (place, event.join_url) if p)
    return place


def _component(event: Event) -> VEvent:
    page = url_for("events.detail", slug=event.slug, _external=True)
    vevent = VEvent()
    vevent.add("uid", uid(event))
    vevent.add("sequence", sequence(event))
    vevent.add("dtstamp", utcnow())
    vevent.add("last-modified", event.updated_at)
    vevent.add("summary", ("[CANCELLED] " if event.is_cancelled else "") + event.title)
    text = [event.summary, plain_text(event.description)]
    if event.status_note:
        text.insert(0, event.status_note)
    vevent.add("description", "\n\n".join(t for t in [*text, page] if t))
    if event.all_day:
        vevent.add("dtstart", event.first_day)
        vevent.add("dtend", event.local_end.date())
    else:
        vevent.add("dtstart", event.local_start)
        vevent.add("dtend", event.local_end)
    vevent.add("status", STATUS[event.status])
    vevent.add("url", event.join_url or page)
    if where := location(event):
        vevent.add("location", where)
    if event.organization.contact_email:
        vevent.add("organizer", f"mailto:{event.organization.contact_email}",
                   parameters={"cn": event.organization.name})
    if event.themes:
        vevent.add("categories", [t.name for t in event.themes])
    return vevent


def calendar(events: list[Event], name: str) -> bytes:
    """A VCALENDAR of `events` with the VTIMEZONE of every zone they use."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(_component(event))
    cal.add_missing_timezones()
    return cal.to_ical()
