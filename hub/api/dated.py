"""The read API of events and opportunities: /api/v1/events and /api/v1/opportunities (on the v1 blueprint)."""

from __future__ import annotations

from datetime import date

from flask import jsonify
from sqlalchemy.orm import selectinload

from hub.api import dated_schemas as d
from hub.api.common import load_args, paged
from hub.api.read import _item, _one, bp
from hub.events import services as events
from hub.events.models import Event, EventOrganizer
from hub.opportunities import services as opportunities
from hub.opportunities.models import Opportunity

EVENT_OPTIONS = (selectinload(Event.sdgs), selectinload(Event.organizers).selectinload(EventOrganizer.organization))
OPPORTUNITY_OPTIONS = (selectinload(Opportunity.heritage_countries),)


def event_filters(args: dict) -> events.Filters:
    month = args.get("month")
    return events.Filters(theme=args.get("theme"), country=args.get("country"), format=args.get("format"),
                          month=date(int(month[:4]), int(month[5:]), 1) if month else None,
                          language=args.get("language"), org=args.get("org"))


def events_list(args: dict):
    """The public events of the API's (and the CSV's) query: upcoming, past or all."""
    stmt = events.published_events(event_filters(args)).options(*EVENT_OPTIONS)
    when = args.get("when", "upcoming")
    if when == "upcoming":
        return events.upcoming(stmt)
    if when == "past":
        return events.past(stmt)
    return stmt.order_by(Event.starts_at.desc(), Event.id.desc())


def opportunities_list(args: dict):
    """The public calls of the API's (and the CSV's) query: open, closed or all."""
    stmt = opportunities.published_opportunities(opportunities.Filters(
        **{name: args.get(name) for name in ("kind", "theme", "country", "based_in", "language", "org")}))
    stmt = stmt.options(*OPPORTUNITY_OPTIONS)
    status = args.get("status", "open")
    if status == "open":
        return opportunities.open_now(stmt)
    if status == "closed":
        return opportunities.closed_now(stmt)
    return stmt.order_by(Opportunity.closes_at.desc(), Opportunity.id.desc())


@bp.get("/events", endpoint="events")
def events_index():
    """Published events: upcoming by default (decided by the clock now), filtered as the list filters them."""
    args = load_args(d.EventArgs())
    return jsonify(paged(events_list(args), args, d.Event()))


@bp.get("/events/<slug>")
def event(slug: str):
    """One published event, with its UTC instants, its zone and its local times."""
    record = _one(events.published_events().where(Event.slug == slug).options(*EVENT_OPTIONS))
    return _item(d.Event(), record)


@bp.get("/opportunities", endpoint="opportunities")
def opportunities_index():
    """Published opportunities: open ones by default (deadline ahead by the clock now), soonest deadline first."""
    args = load_args(d.OpportunityArgs())
    return jsonify(paged(opportunities_list(args), args, d.Opportunity()))


@bp.get("/opportunities/<slug>")
def opportunity(slug: str):
    """One published opportunity; `is_open` says whether its deadline is still ahead."""
    stmt = opportunities.published_opportunities().where(Opportunity.slug == slug).options(*OPPORTUNITY_OPTIONS)
    return _item(d.Opportunity(), _one(stmt))
