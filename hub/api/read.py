"""The read API, /api/v1/: every public collection paged and filtered, each record by its key."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import sqlalchemy as sa
from flask import Blueprint, abort, jsonify, request, url_for
from markupsafe import Markup

from hub import search
from hub.actions.models import Action
from hub.api import figures, queries
from hub.api import schemas as s
from hub.api.common import conditional, error_response, load_args, page_body, paged, paged_list
from hub.caching import cached_page
from hub.extensions import db
from hub.orgs.models import Organization
from hub.partnerships.models import Partnership
from hub.places import services as places
from hub.places.models import Country
from hub.places.tables import DATASET_NAMES
from hub.review.visibility import public
from hub.sources.models import DataSource
from hub.stories.models import Story
from hub.taxonomy.models import Theme

bp = Blueprint("v1", __name__, url_prefix="/api/v1")

TOP_FIGURES = 20


@bp.after_request
def _open_and_cacheable(response):
    """CORS for anyone's GET (no credentials), validators for conditional GET."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        response.headers["Access-Control-Allow-Origin"] = "*"
        response.headers["Access-Control-Expose-Headers"] = "ETag, Last-Modified"
        if request.method == "OPTIONS":
            response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
            response.headers["Access-Control-Allow-Headers"] = "If-None-Match, If-Modified-Since"
            response.headers["Access-Control-Max-Age"] = "86400"
        response.headers.setdefault("Cache-Control", "public, max-age=60")
    return conditional(response)


def _one(stmt):
    record = db.session.scalar(stmt)
    if record is None:
        abort(404)
    return record


def _item(schema, record):
    response = jsonify(schema.dump(record))
    response.last_modified = getattr(record, "updated_at", None)
    return response


# --- Organizations, actions, partnerships, stories, sources ---------------------------------------


@bp.get("/organizations")
@cached_page()
def organizations():
    """Verified organizations, filtered as the directory filters them."""
    args = load_args(s.OrganizationArgs())
    return jsonify(paged(queries.organizations(args), args, s.Organization()))


@bp.get("/organizations/<slug>")
@cached_page()
def organization(slug: str):
    """One verified organization."""
    stmt = queries.public_organizations().where(Organization.slug == slug).options(*queries.ORGANIZATION_OPTIONS)
    return _item(s.Organization(), _one(stmt))


@bp.get("/actions")
@cached_page()
def actions():
    """Published actions, filtered as the action list filters them."""
    args = load_args(s.ActionArgs())
    return jsonify(paged(queries.actions_list(args), args, s.Action()))


@bp.get("/actions/<slug>")
@cached_page()
def action(slug: str):
    """One published action."""
    return _item(s.Action(), _one(public(Action).where(Action.slug == slug).options(*queries.ACTION_OPTIONS)))


@bp.get("/partnerships")
@cached_page()
def partnerships():
    """Published partnerships, filtered as the partnership list filters them."""
    args = load_args(s.PartnershipArgs())
    return jsonify(paged(queries.partnerships_list(args), args, s.Partnership()))


@bp.get("/partnerships/<slug>")
@cached_page()
def partnership(slug: str):
    """One published partnership with its confirmed partners."""
    stmt = public(Partnership).where(Partnership.slug == slug).options(*queries.PARTNERSHIP_OPTIONS)
    return _item(s.Partnership(), _one(stmt))


@bp.get("/stories")
@cached_page()
def stories():
    """Published success stories, filtered as the story list filters them."""
    args = load_args(s.StoryArgs())
    return jsonify(paged(queries.stories_list(args), args, s.Story()))


@bp.get("/stories/<slug>")
@cached_page()
def story(slug: str):
    """One published story."""
    return _item(s.Story(), _one(public(Story).where(Story.slug == slug).options(*queries.STORY_OPTIONS)))


@bp.get("/sources")
@cached_page()
def sources():
    """Published data sources, filtered as the catalogue filters them."""
    args = load_args(s.SourceArgs())
    return jsonify(paged(queries.sources_list(args), args, s.Source()))


@bp.get("/sources/<slug>")
@cached_page()
def source(slug: str):
    """One published data source."""
    stmt = public(DataSource).where(DataSource.slug == slug).options(*queries.SOURCE_OPTIONS)
    return _item(s.Source(), _one(stmt))


# --- Countries and communities ----------------------------------------------------------------


@bp.get("/countries")
@cached_page(depends_on="reference")
def countries():
    """Countries and areas, by name or code and UN region."""
    args = load_args(s.CountryArgs())
    return jsonify(paged(queries.countries_list(args), args, s.Country()))


def _figures(rows, key: str, names: dict[str, Country]) -> list[dict]:
    return [{"year": r.year, "migrants": r.migrants, "edition": r.edition,
             "country": {"iso3": getattr(r, key), "name": names[getattr(r, key)].name}}
            for r in rows if getattr(r, key) in names]


@bp.get("/countries/<iso3>")
@cached_page(depends_on="both")
def country(iso3: str):
    """One country: totals over time, its diaspora by residence and its immigrants by origin."""
    record = db.session.get(Country, iso3.upper()) if re.fullmatch(r"[A-Za-z]{3}", iso3) else None
    if record is None:
        abort(404)
    if iso3 != record.iso3:
        return _redirect("api.v1.country", iso3=record.iso3)
    names = places.all_countries()
    totals = places.country_totals(record.iso3)
    body = s.Country().dump(record)
    body["totals"] = {"edition": totals.edition, "source": DATASET_NAMES.get(totals.edition, ""),
                      "rows": [{"year": r.year, "immigrants": r.immigrants, "emigrants": r.emigrants}
                               for r in totals.rows]}
    body["diaspora"] = _figures(places.diaspora_destinations(record.iso3, TOP_FIGURES), "destination_iso3", names)
    body["immigrants_by_origin"] = _figures(places.immigrant_origins(record.iso3, TOP_FIGURES), "origin_iso3", names)
    body["remittances_received"] = figures.received(record.iso3)
    body["remittances_by_sender"] = figures.flows(places.remittance_senders(record.iso3, countries=names))
    body["remittances_by_recipient"] = figures.flows(places.remittance_recipients(record.iso3, countries=names))
    return jsonify(body)


def _redirect(endpoint: str, **values):
    response = jsonify(location=url_for(endpoint, **values, _external=True))
    response.status_code = 301
    response.headers["Location"] = url_for(endpoint, **values, _external=True)
    return response


def _pair_urls(origin: str, residence: str) -> dict:
    pair = f"{origin}-{residence}"
    return {"pair": pair,
            "html_url": url_for("places.community", pair=pair, _external=True),
            "api_url": url_for("api.v1.community", pair=pair, _external=True)}


def _ref(code: str, names: dict[str, Country]) -> dict:
    return {"iso3": code, "name": names[code].name}


@bp.get("/communities")
@cached_page(depends_on="both")
def communities():
    """Diaspora communities (origin -> residence) at their latest figure, largest first."""
    args = load_args(s.CommunityArgs())
    names = places.all_countries()
    origin, residence = args.get("origin"), args.get("residence")
    if origin and residence:
        rows = [r for r in places.diaspora_destinations(origin) if r.destination_iso3 == residence]
    elif origin:
        rows = places.diaspora_destinations(origin)
    elif residence:
        rows = places.immigrant_origins(residence)
    else:
        rows = None

    def dump(r):
        return {**_pair_urls(r.origin_iso3, r.destination_iso3),
                "origin": _ref(r.origin_iso3, names), "residence": _ref(r.destination_iso3, names),
                "year": r.year, "migrants": r.migrants, "edition": r.edition,
                "source": DATASET_NAMES.get(r.edition, "")}

    if rows is None:  # every community, paged in the database: the true total, every page reachable
        offset = (args["page"] - 1) * args["per_page"]
        items = places.largest_corridors(args["per_page"], offset)
        return jsonify(page_body([dump(r) for r in items], places.corridor_count(), args))
    return jsonify(paged_list(rows, args, dump))


@bp.get("/communities/<pair>")
@cached_page(depends_on="both")
def community(pair: str):
    """One community: its figures over time from one UN DESA edition, named."""
    match = re.fullmatch(r"([A-Za-z]{3})-([A-Za-z]{3})", pair)
    origin = match and db.session.get(Country, match[1].upper())
    residence = match and db.session.get(Country, match[2].upper())
    if not origin or not residence or origin.iso3 == residence.iso3:
        abort(404)
    if pair != f"{origin.iso3}-{residence.iso3}":
        return _redirect("api.v1.community", pair=f"{origin.iso3}-{residence.iso3}")
    data = places.corridor(origin.iso3, residence.iso3)
    return jsonify({
        **_pair_urls(origin.iso3, residence.iso3),
        "origin": {"iso3": origin.iso3, "name": origin.name},
        "residence": {"iso3": residence.iso3, "name": residence.name},
        "edition": data.edition, "editions_listing": list(data.editions_listing),
        "source": DATASET_NAMES.get(data.edition, ""),
        "series": [{"year": p.year, "migrants": p.migrants, "male": p.male, "female": p.female,
                    "share_of_origin": p.share_of_origin, "share_of_destination": p.share_of_destination}
                   for p in data.points],
        "remittances": figures.corridor(origin.iso3, residence.iso3),
    })


# --- Themes and search --------------------------------------------------------------------------


@bp.get("/themes")
@cached_page()
def themes():
    """The shared vocabulary of themes."""
    args = load_args(s.PageArgs())
    return jsonify(paged(queries.themes_list(), args, s.Theme()))


@bp.get("/themes/<slug>")
@cached_page()
def theme(slug: str):
    """One theme with the number of public records tagged with it."""
    record = _one(sa.select(Theme).where(Theme.slug == slug))
    counts = queries.theme_counts(record)
    row = db.session.execute(sa.select(*(c.label(name) for name, c in counts.items()))).one()
    return jsonify({**s.Theme().dump(record), "counts": dict(row._mapping)})


HIT_ENDPOINTS = {
    "organization": ("api.v1.organization", "slug"), "action": ("api.v1.action", "slug"),
    "partnership": ("api.v1.partnership", "slug"), "story": ("api.v1.story", "slug"),
    "source": ("api.v1.source", "slug"), "event": ("api.v1.event", "slug"),
    "opportunity": ("api.v1.opportunity", "slug"), "country": ("api.v1.country", "iso3"),
    "community": ("api.v1.community", "pair"),
}


def _plain(value) -> str:
    return value.striptags() if isinstance(value, Markup) else str(value or "")


def _hit(hit) -> dict:
    from hub.search_views import hit_url

    endpoint, key = HIT_ENDPOINTS[hit.kind]
    html = hit_url(hit)
    return {
        "kind": hit.kind, "ref": hit.ref, "title": _plain(hit.title), "snippet": _plain(hit.snippet),
        "matched_in": list(hit.matched_in), "organization": hit.org_name or "",
        "date": s.UtcDateTime()._serialize(hit.date, "date", hit), "language": hit.lang or "",
        "html_url": urljoin(request.host_url, html) if html else None,
        "api_url": url_for(endpoint, **{key: hit.ref}, _external=True),
    }


@bp.get("/search")
@cached_page(extra=lambda: search.engine().position())
def search_all():
    """Search everything, as /search does: words, facets (kind, country, theme, type, year), sort."""
    args = load_args(s.SearchArgs())
    filters = {facet: args.get(facet, []) for facet in search.FACETS}
    if not args["q"].strip() and not any(filters.values()):
        return error_response(400, "Give search words (q) or at least one facet filter.")
    results = search.engine().search(args["q"], filters, sort=args["sort"], page=args["page"],
                                     per_page=args["per_page"], correct=not args.get("exact"))
    if not results.available:
        return error_response(503, "Search is temporarily unavailable.")
    body = page_body([_hit(h) for h in results.hits], results.total, args)
    body["facets"] = {name: [{"value": str(v.value), "count": v.count, "selected": v.selected} for v in values]
                      for name, values in results.facets.items()}
    body["suggestion"] = results.suggestion
    body["corrected_from"] = results.corrected_from  # these are the results of `q` spelt better
    body["searched_for"] = results.text
    return jsonify(body)
