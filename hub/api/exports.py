"""CSV downloads of the list pages, with the page's own filters and sort: /actions.csv?theme=health ...

Each export runs the same select as the API collection (hub.api.queries), so its rows are the
page's rows, all of them rather than one page (up to MAX_ROWS).
"""

from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, url_for

from hub.api import dated, queries
from hub.api import dated_schemas as d
from hub.api import schemas as s
from hub.api.common import conditional, load_args
from hub.caching import cached_page
from hub.extensions import db
from hub.modeling import utcnow

bp = Blueprint("exports", __name__)

MAX_ROWS = 10_000
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value) -> str:
    """A cell spreadsheets will not run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _names(records, attr: str = "name") -> str:
    return "; ".join(getattr(r, attr) for r in records)


def _codes(countries) -> str:
    return "; ".join(c.iso3 for c in countries)


def _date(value) -> str:
    return value.date().isoformat() if value else ""


EXPORTS = {
    "actions": (queries.actions_list, s.ActionArgs, "actions.detail", [
        ("title", lambda r: r.title), ("organization", lambda r: r.organization.name), ("kind", lambda r: r.kind),
        ("status", lambda r: r.status), ("origin_countries", lambda r: _codes(r.origin_countries)),
        ("implementation_countries", lambda r: _codes(r.implementation_countries)),
        ("themes", lambda r: _names(r.themes, "slug")), ("start_date", lambda r: r.start_date or ""),
        ("end_date", lambda r: r.end_date or ""), ("budget", lambda r: r.budget if r.budget is not None else ""),
        ("currency", lambda r: r.currency), ("partners", lambda r: _names(r.public_partners)),
        ("summary", lambda r: r.summary), ("published", lambda r: _date(r.published_at)),
    ]),
    "partnerships": (queries.partnerships_list, s.PartnershipArgs, "partnerships.detail", [
        ("title", lambda r: r.title), ("lead_organization", lambda r: r.lead_organization.name),
        ("status", lambda r: r.status), ("countries", lambda r: _codes(r.countries)),
        ("partners", lambda r: "; ".join(p.organization.name for p in r.public_partners)),
        ("themes", lambda r: _names(r.themes, "slug")), ("last_report_on", lambda r: r.last_report_on or ""),
        ("summary", lambda r: r.summary), ("published", lambda r: _date(r.published_at)),
    ]),
    "stories": (queries.stories_list, s.StoryArgs, "stories.detail", [
        ("title", lambda r: r.title), ("organization", lambda r: r.organization.name),
        ("language", lambda r: r.language), ("countries", lambda r: _codes(r.countries)),
        ("themes", lambda r: _names(r.themes, "slug")), ("summary", lambda r: r.summary),
        ("published", lambda r: _date(r.published_at)),
    ]),
    "sources": (queries.sources_list, s.SourceArgs, "sources.detail", [
        ("title", lambda r: r.title), ("publisher", lambda r: r.publisher), ("kind", lambda r: r.kind),
        ("url", lambda r: r.url), ("countries", lambda r: _codes(r.countries)),
        ("regions", lambda r: r.regions_covered), ("years_from", lambda r: r.years_from or ""),
        ("years_to", lambda r: r.years_to or ""), ("source_published", lambda r: r.source_published),
        ("source_updated", lambda r: r.source_updated), ("added_to_hub", lambda r: _date(r.created_at)),
        ("access", lambda r: r.access), ("licence", lambda r: r.licence),
        ("themes", lambda r: _names(r.themes, "slug")), ("how_to_cite", lambda r: r.how_to_cite),
    ]),
    "events": (dated.events_list, d.EventArgs, "events.detail", [
        ("title", lambda r: r.title), ("organization", lambda r: r.organization.name),
        ("co_organizers", lambda r: _names(r.public_organizers)), ("format", lambda r: r.format),
        ("status", lambda r: r.status), ("starts_at", lambda r: r.starts_at.isoformat()),
        ("ends_at", lambda r: r.ends_at.isoformat()), ("timezone", lambda r: r.timezone),
        ("local_start", lambda r: r.local_start.replace(tzinfo=None).isoformat()), ("all_day", lambda r: r.all_day),
        ("venue", lambda r: r.venue), ("city", lambda r: r.city), ("venue_country", lambda r: r.venue_country_iso3),
        ("join_url", lambda r: r.join_url), ("languages", lambda r: "; ".join(r.language_codes)),
        ("countries", lambda r: _codes(r.countries)), ("themes", lambda r: _names(r.themes, "slug")),
        ("summary", lambda r: r.summary),
    ]),
    "opportunities": (dated.opportunities_list, d.OpportunityArgs, "opportunities.detail", [
        ("title", lambda r: r.title), ("organization", lambda r: r.organization.name), ("kind", lambda r: r.kind),
        ("closes_at", lambda r: r.closes_at.isoformat()), ("timezone", lambda r: r.timezone),
        ("is_open", lambda r: "yes" if r.closes_at > utcnow() else "no"),
        ("opens_at", lambda r: r.opens_at.isoformat() if r.opens_at else ""),
        ("residence_countries", lambda r: _codes(r.residence_countries)),
        ("countries", lambda r: _codes(r.countries)), ("themes", lambda r: _names(r.themes, "slug")),
        ("amount", lambda r: r.amount if r.amount is not None else ""), ("currency", lambda r: r.currency),
        ("apply_url", lambda r: r.apply_url), ("apply_email", lambda r: r.apply_email),
        ("summary", lambda r: r.summary),
    ]),
    "organizations": (queries.organizations, s.OrganizationArgs, "orgs.detail", [
        ("name", lambda r: r.name), ("acronym", lambda r: r.acronym), ("type", lambda r: r.org_type),
        ("headquarters", lambda r: r.hq_country_iso3 or ""),
        ("heritage_countries", lambda r: _codes(r.heritage_countries)),
        ("operation_countries", lambda r: _codes(r.operation_countries)),
        ("themes", lambda r: _names(r.themes, "slug")), ("website", lambda r: r.website),
        ("founded", lambda r: r.founded_year or ""),
    ]),
}


def export(name: str):
    select, args_schema, endpoint, columns = EXPORTS[name]
    args = load_args(args_schema())
    records = db.session.scalars(select(args).limit(MAX_ROWS)).unique()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["slug", *(label for label, _get in columns), "page"])
    for record in records:
        writer.writerow([record.slug, *(safe(get(record)) for _label, get in columns),
                         url_for(endpoint, slug=record.slug, _external=True)])
    response = Response(out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response.headers["Access-Control-Allow-Origin"] = "*"
    return conditional(response)


def _view(name: str):
    def view():
        return export(name)

    view.__name__ = f"{name}_csv"
    view.__doc__ = f"The {name} list as CSV, with the list page's filters."
    return view


for _name in EXPORTS:
    bp.add_url_rule(f"/{_name}.csv", view_func=cached_page()(_view(_name)))
