"""schema.org JSON-LD for public pages (Organization, Dataset, Article, Place, Event, Grant, JobPosting).

Templates write it as a data block: <script type="application/ld+json">{{ schema_org(obj)|tojson }}</script>;
browsers never run it, and |tojson escapes <, > and & so no content can close the block.
"""

from __future__ import annotations

from flask import url_for

from hub.actions.models import Action  # noqa: F401  (the mapper of every linked model is configured)
from hub.events.models import Event
from hub.opportunities.models import Opportunity
from hub.orgs.models import Organization
from hub.places.models import Country
from hub.sources.models import DataSource
from hub.stories.models import Story


def _iso(moment) -> str | None:
    return moment.date().isoformat() if moment else None


def _public(record) -> bool:
    if isinstance(record, Organization):
        return record.verification == "verified"
    owner = getattr(record, "organization", None)
    return record.review_state == "published" and (owner is None or owner.verification == "verified")


def _organization(org: Organization) -> dict:
    node = {"@type": "Organization", "name": org.name,
            "url": url_for("orgs.detail", slug=org.slug, _external=True)}
    if org.acronym:
        node["alternateName"] = org.acronym
    if org.website:
        node["sameAs"] = org.website
    return node


def _place(country: Country) -> dict:
    return {"@type": "Country", "name": country.name, "identifier": country.iso3,
            "url": url_for("places.country", code=country.iso3, _external=True)}


def schema_org(record) -> dict | None:
    """The record as schema.org JSON-LD, or None when it is not public (previews, drafts)."""
    if record is None:
        return None
    if isinstance(record, Country):
        return {"@context": "https://schema.org", **_place(record),
                "containedInPlace": {"@type": "Place", "name": record.subregion or record.region}}
    if not _public(record):
        return None
    if isinstance(record, Organization):
        node = {"@context": "https://schema.org", **_organization(record),
                "description": (record.description or "")[:500]}
        if record.founded_year:
            node["foundingDate"] = str(record.founded_year)
        if record.hq_country_iso3:
            node["location"] = {"@type": "Country", "identifier": record.hq_country_iso3}
        return node
    if isinstance(record, DataSource):
        node = {"@context": "https://schema.org", "@type": "Dataset", "name": record.title,
                "description": (record.description or record.title)[:5000],
                "url": url_for("sources.detail", slug=record.slug, _external=True), "sameAs": record.url,
                "creator": {"@type": "Organization", "name": record.publisher or "Unknown"},
                "keywords": [t.name for t in record.themes],
                "spatialCoverage": [_place(c) for c in record.countries],
                "isAccessibleForFree": record.access == "open"}
        if record.licence:
            node["license"] = record.licence
        if record.years_from or record.years_to:
            node["temporalCoverage"] = f"{record.years_from or '..'}/{record.years_to or '..'}"
        return node
    if isinstance(record, Event):
        return _event(record)
    if isinstance(record, Opportunity):
        return _opportunity(record)
    if isinstance(record, Story):
        return {"@context": "https://schema.org", "@type": "Article", "headline": record.title[:110],
                "description": record.summary, "inLanguage": record.language,
                "url": url_for("stories.detail", slug=record.slug, _external=True),
                "datePublished": _iso(record.published_at), "dateModified": _iso(record.updated_at),
                "author": _organization(record.organization), "publisher": _organization(record.organization),
                "about": [_place(c) for c in record.countries]}
    return None


EVENT_STATUS = {"scheduled": "EventScheduled", "postponed": "EventPostponed", "cancelled": "EventCancelled"}
ATTENDANCE = {"in-person": "OfflineEventAttendanceMode", "online": "OnlineEventAttendanceMode",
              "hybrid": "MixedEventAttendanceMode"}


def _event(event: Event) -> dict:
    """schema.org Event: times with their offset in the event's zone, Place and/or VirtualLocation."""
    page = url_for("events.detail", slug=event.slug, _external=True)
    locations = []
    if event.in_person:
        address = {"@type": "PostalAddress", "addressLocality": event.city}
        if event.venue_country:
            address["addressCountry"] = event.venue_country.iso2 or event.venue_country.iso3
        locations.append({"@type": "Place", "name": event.venue or event.city, "address": address})
    if event.online:
        locations.append({"@type": "VirtualLocation", "url": event.join_url or page})
    start, end = event.local_start, event.local_end
    node = {
        "@context": "https://schema.org", "@type": "Event", "name": event.title, "description": event.summary,
        "url": page, "inLanguage": event.language_codes or [event.language],
        "startDate": event.first_day.isoformat() if event.all_day else start.isoformat(),
        "endDate": event.last_day.isoformat() if event.all_day else end.isoformat(),
        "eventStatus": f"https://schema.org/{EVENT_STATUS[event.status]}",
        "eventAttendanceMode": f"https://schema.org/{ATTENDANCE[event.format]}",
        "location": locations[0] if len(locations) == 1 else locations,
        "organizer": [_organization(event.organization), *(_organization(o) for o in event.public_organizers)],
        "about": [_place(c) for c in event.countries],
    }
    if event.image:
        node["image"] = url_for("images.media", name=event.image, _external=True)
    return node


def _opportunity(call: Opportunity) -> dict:
    """A job as schema.org JobPosting; every other call as a MonetaryGrant (or Grant without an amount)."""
    page = url_for("opportunities.detail", slug=call.slug, _external=True)
    funder = _organization(call.organization)
    if call.kind == "job":
        node = {"@context": "https://schema.org", "@type": "JobPosting", "title": call.title,
                "description": call.description or call.summary, "url": page,
                "datePosted": _iso(call.published_at), "validThrough": call.local_closes.isoformat(),
                "hiringOrganization": funder,
                "applicantLocationRequirements": [_place(c) for c in call.residence_countries]}
        if call.amount is not None:
            node["baseSalary"] = {"@type": "MonetaryAmount", "currency": call.currency, "value": float(call.amount)}
        return node
    node = {"@context": "https://schema.org", "@type": "MonetaryGrant" if call.amount is not None else "Grant",
            "name": call.title, "description": call.summary, "url": page, "funder": funder,
            "sponsor": funder, "validThrough": call.local_closes.isoformat(),
            "areaServed": [_place(c) for c in call.countries]}
    if call.amount is not None:
        node["amount"] = {"@type": "MonetaryAmount", "currency": call.currency, "value": float(call.amount)}
    return node
