"""Atom feeds (new actions, stories, partnerships, any search) and the DCAT catalogue of data sources.

Feeds are written with xml.etree, which escapes every text and attribute; both carry an ETag and
Last-Modified and answer conditional GETs with 304.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from flask import Blueprint, Response, current_app, request, url_for
from flask_babel import get_locale
from sqlalchemy.orm import joinedload, selectinload

from hub import search
from hub.actions.models import Action
from hub.events.models import Event, EventOrganizer
from hub.extensions import db
from hub.opportunities.models import Opportunity
from hub.partnerships.models import Partnership, PartnershipPartner
from hub.review.visibility import public
from hub.sources.models import DataSource
from hub.stories.models import Story

bp = Blueprint("feeds", __name__)

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)


def _iso(moment: datetime | None) -> str:
    moment = moment or EPOCH
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _sub(parent, tag: str, text: str | None = None, **attrs) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: str(v) for k, v in attrs.items()})
    if text is not None:
        element.text = text
    return element


def _conditional(response: Response, last_modified: datetime | None) -> Response:
    response.headers["Cache-Control"] = "public, max-age=300"
    if last_modified is not None:
        response.last_modified = last_modified
    response.add_etag()
    return response.make_conditional(request)


def atom(title: str, self_url: str, alternate_url: str, entries: list[dict]) -> Response:
    """An Atom 1.0 feed of `entries` (dicts: id, title, url, updated, published, summary, author, categories)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    updated = max((e["updated"] or EPOCH for e in entries), default=None)
    _sub(feed, "id", self_url)
    _sub(feed, "title", title)
    _sub(feed, "updated", _iso(updated))
    _sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    _sub(feed, "link", rel="alternate", type="text/html", href=alternate_url)
    _sub(_sub(feed, "author"), "name", "Diaspora Hub")
    _sub(feed, "generator", "Diaspora Hub")
    for item in entries:
        entry = _sub(feed, "entry")
        _sub(entry, "id", item["url"])
        _sub(entry, "title", item["title"])
        _sub(entry, "link", rel="alternate", type="text/html", href=item["url"])
        _sub(entry, "updated", _iso(item["updated"] or item["published"]))
        if item.get("published"):
            _sub(entry, "published", _iso(item["published"]))
        if item.get("author"):
            _sub(_sub(entry, "author"), "name", item["author"])
        for name in item.get("contributors", ()):  # an action's partners, as on its page
            _sub(_sub(entry, "contributor"), "name", name)
        for term, label in item.get("categories", ()):
            _sub(entry, "category", term=term, label=label)
        if item.get("summary"):
            _sub(entry, "summary", item["summary"], type="text")
    body = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    response = Response(body, mimetype="application/atom+xml")
    return _conditional(response, updated.replace(microsecond=0) if updated else None)


def _content_entries(stmt, endpoint: str, owner: str) -> list[dict]:
    records = db.session.scalars(stmt.limit(FEED_SIZE)).unique()
    return [{
        "url": url_for(endpoint, slug=r.slug, _external=True),
        "title": r.title,
        "summary": r.summary,
        "published": r.published_at,
        "updated": r.published_at,  # the feed is of publications: an edit does not re-announce it
        "author": getattr(r, owner).name,
        "categories": [(t.slug, t.name) for t in r.themes],
        "contributors": [getattr(p, "organization", p).name
                         for p in getattr(r, "public_partners", None) or getattr(r, "public_organizers", ())],
    } for r in records]


def _newest(model, owner_attr):
    return (public(model).order_by(model.published_at.desc().nulls_last(), model.id.desc())
            .options(joinedload(owner_attr), selectinload(model.themes)))


@bp.get("/feeds/actions.atom")
def actions():
    """Newly published actions."""
    entries = _content_entries(_newest(Action, Action.organization).options(selectinload(Action.partners)),
                               "actions.detail", "organization")
    return atom("Diaspora Hub: new actions", request.url, url_for("actions.index", _external=True), entries)


@bp.get("/feeds/stories.atom")
def stories():
    """Newly published success stories."""
    entries = _content_entries(_newest(Story, Story.organization), "stories.detail", "organization")
    return atom("Diaspora Hub: new stories", request.url, url_for("stories.index", _external=True), entries)


@bp.get("/feeds/partnerships.atom")
def partnerships():
    """Newly published partnerships."""
    entries = _content_entries(_newest(Partnership, Partnership.lead_organization).options(
        selectinload(Partnership.partners).joinedload(PartnershipPartner.organization)), "partnerships.detail",
                               "lead_organization")
    return atom("Diaspora Hub: new partnerships", request.url, url_for("partnerships.index", _external=True),
                entries)


@bp.get("/feeds/events.atom")
def events():
    """Newly published events."""
    entries = _content_entries(_newest(Event, Event.organization).options(
        selectinload(Event.organizers).joinedload(EventOrganizer.organization)), "events.detail", "organization")
    return atom("Diaspora Hub: new events", request.url, url_for("events.index", _external=True), entries)


@bp.get("/feeds/opportunities.atom")
def opportunities():
    """Newly published opportunities (calls, grants, fellowships, missions, jobs)."""
    entries = _content_entries(_newest(Opportunity, Opportunity.organization), "opportunities.detail", "organization")
    return atom("Diaspora Hub: new opportunities", request.url, url_for("opportunities.index", _external=True),
                entries)


@bp.get("/search.atom")
def search_feed():
    """Any search as a feed, newest first: subscribe to a query without an account."""
    from hub.search_views import hit_url

    text = request.args.get("q", "").strip()[:500]
    filters = {facet: request.args.getlist(facet) for facet in search.FACETS}
    entries = []
    if text or any(filters.values()):
        results = search.engine().search(text, filters, sort="newest", page=1, per_page=FEED_SIZE,
                                         locale=str(get_locale() or "en"))
        for hit in results.hits:
            path = hit_url(hit)
            if path is None:
                continue
            entries.append({"url": request.host_url.rstrip("/") + path, "title": hit.title.striptags(),
                            "summary": hit.snippet.striptags(), "published": hit.date, "updated": hit.date,
                            "author": hit.org_name})
    args = {key: request.args.getlist(key) for key in request.args}
    title = f"Diaspora Hub: search “{text}”" if text else "Diaspora Hub: search"
    return atom(title, request.url, url_for("search.search", **args, _external=True), entries)


# --- DCAT --------------------------------------------------------------------------------------

DCAT_CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
}
COUNTRY_AUTHORITY = "http://publications.europa.eu/resource/authority/country/"
ACCESS_RIGHTS = {"open": "PUBLIC", "registration": "RESTRICTED", "restricted": "NON_PUBLIC"}


def _literal(value, datatype: str) -> dict:
    return {"@value": value, "@type": datatype}


def _source_literal(value: str) -> dict:
    """YYYY, YYYY-MM or YYYY-MM-DD as the matching XSD type."""
    return _literal(value, {4: "xsd:gYear", 7: "xsd:gYearMonth"}.get(len(value), "xsd:date"))


def catalog_record(source: DataSource) -> dict:
    """The hub's own record of a source (dcat:CatalogRecord): when the hub added and last edited it."""
    page = url_for("sources.detail", slug=source.slug, _external=True)
    record = {"@id": page + "#record", "@type": "dcat:CatalogRecord", "foaf:primaryTopic": {"@id": page}}
    if source.published_at:
        record["dct:issued"] = _literal(_iso(source.published_at), "xsd:dateTime")
    if source.updated_at:
        record["dct:modified"] = _literal(_iso(source.updated_at), "xsd:dateTime")
    return record


def dataset(source: DataSource) -> dict:
    """One data source as a dcat:Dataset."""
    page = url_for("sources.detail", slug=source.slug, _external=True)
    node = {
        "@id": page,
        "@type": "dcat:Dataset",
        "dct:identifier": source.slug,
        "dct:title": source.title,
        "dct:description": source.description or source.title,
        "dcat:landingPage": {"@id": page},
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": source.publisher or "Unknown"},
        "dcat:keyword": [t.name for t in source.themes],
        "dct:spatial": [{"@id": COUNTRY_AUTHORITY + c.iso3} for c in source.countries],
        "dct:accessRights": {"@id": "http://publications.europa.eu/resource/authority/access-right/"
                                    + ACCESS_RIGHTS.get(source.access, "PUBLIC")},
        "dcat:distribution": [{
            "@type": "dcat:Distribution",
            "dcat:accessURL": {"@id": source.url},
            **({"dct:format": source.format} if source.format else {}),
            **({"dct:license": source.licence} if source.licence else {}),
        }],
    }
    if source.years_from or source.years_to:
        period = {"@type": "dct:PeriodOfTime"}
        if source.years_from:
            period["dcat:startDate"] = _literal(str(source.years_from), "xsd:gYear")
        if source.years_to:
            period["dcat:endDate"] = _literal(str(source.years_to), "xsd:gYear")
        node["dct:temporal"] = period
    # The source's own dates, never the hub's load time (the hub's dates are on the catalogue record).
    if source.source_published:
        node["dct:issued"] = _source_literal(source.source_published)
    if source.source_updated:
        node["dct:modified"] = _source_literal(source.source_updated)
    if source.update_frequency:
        node["dct:accrualPeriodicity"] = {"@type": "dct:Frequency", "dct:description": source.update_frequency}
    if source.how_to_cite:
        node["dct:bibliographicCitation"] = source.how_to_cite
    if source.languages:
        node["dct:language"] = source.languages
    return node


@bp.get("/catalog.jsonld")
def catalog():
    """The data-source catalogue as DCAT in JSON-LD, its @context inline so it parses offline."""
    sources = list(db.session.scalars(
        public(DataSource).order_by(DataSource.title, DataSource.id)
        .options(selectinload(DataSource.countries), selectinload(DataSource.themes))
    ))
    body = {
        "@context": DCAT_CONTEXT,
        "@id": url_for("api.feeds.catalog", _external=True),
        "@type": "dcat:Catalog",
        "dct:title": "Diaspora Hub: catalogue of data sources on diasporas",
        "dct:description": "Datasets, surveys, censuses, reports and portals with evidence on diaspora "
                           "communities, curated by the hub's moderators.",
        "foaf:homepage": {"@id": url_for("sources.index", _external=True)},
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": current_app.config.get("SITE_NAME", "Diaspora Hub")},
        "dcat:dataset": [dataset(source) for source in sources],
        "dcat:record": [catalog_record(source) for source in sources],
    }
    latest = max((s.updated_at for s in sources if s.updated_at), default=None)
    response = Response(json.dumps(body, ensure_ascii=False, indent=1), mimetype="application/ld+json")
    response.headers["Access-Control-Allow-Origin"] = "*"
    return _conditional(response, latest.replace(microsecond=0) if latest else None)

