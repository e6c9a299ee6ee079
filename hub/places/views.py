"""Country and community pages, their charts, CSV downloads and the country evidence pack."""

from __future__ import annotations

import gzip
import io
import zipfile

from flask import Blueprint, abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from hub.caching import cached_page, remember
from hub.extensions import db
from hub.places import exports, services, tables
from hub.places.forms import ProfileForm
from hub.places.models import Country

bp = Blueprint("places", __name__)

# The SVG charts carry pygal's own <style>; allow that and nothing else (no script, no fetch).
SVG_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"
CACHE_SECONDS = 3600


# --- Helpers ---------------------------------------------------------------------------------


def get_country_or_404(code: str, endpoint: str, **values) -> Country:
    """The country for `code`; 404 if unknown; a redirect to the canonical ISO3 address otherwise."""
    country = services.find_country(code)
    if country is None:
        abort(404)
    if code != country.iso3:
        abort(redirect(url_for(endpoint, code=country.iso3, **values), code=301))
    return country


def get_pair_or_404(pair: str, endpoint: str, **values) -> tuple[Country, Country]:
    """The (origin, residence) of 'GHA-DEU' (or 'GH-DE', 'ghana-germany'); canonical or redirect."""
    origin = destination = None
    if "-" in pair and len(pair) <= 250:
        head, _sep, tail = pair.partition("-")
        origin, destination = services.find_country(head), services.find_country(tail)
        if origin is None or destination is None:  # names with hyphens: try every split
            parts = pair.split("-")
            for i in range(1, len(parts)):
                origin = services.find_country("-".join(parts[:i]))
                destination = origin and services.find_country("-".join(parts[i:]))
                if origin and destination:
                    break
    if origin is None or destination is None or origin.iso3 == destination.iso3:
        abort(404)
    canonical = f"{origin.iso3}-{destination.iso3}"
    if pair != canonical:
        abort(redirect(url_for(endpoint, pair=canonical, **values), code=301))
    return origin, destination


def _cached(response, seconds: int = CACHE_SECONDS):
    response.headers["Cache-Control"] = f"public, max-age={seconds}"
    response.add_etag()
    return response.make_conditional(request)


def csv_response(table: tables.Table, filename: str):
    response = make_response(tables.to_csv(table))
    response.mimetype = "text/csv"
    response.charset = "utf-8"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return _cached(response)


def svg_response(svg: str):
    """An SVG chart: its own tight CSP, cacheable, gzipped when the client accepts it."""
    body = svg.encode("utf-8")
    response = make_response(body)
    response.mimetype = "image/svg+xml"
    response.headers["Content-Security-Policy"] = SVG_CSP
    response.headers["Vary"] = "Accept-Encoding"
    if "gzip" in request.headers.get("Accept-Encoding", "") and len(body) > 2048:
        response.set_data(gzip.compress(body, compresslevel=6, mtime=0))
        response.headers["Content-Encoding"] = "gzip"
    return _cached(response)


# --- Countries -------------------------------------------------------------------------------


@bp.get("/countries")
@cached_page(depends_on="reference")
def countries():
    """Every country and area, grouped by region, with a name and region filter."""
    all_countries = services.all_countries()
    query = request.args.get("q", "").strip()[:100]
    region = request.args.get("region", "")
    regions = sorted({c.region for c in all_countries.values()})
    table = tables.countries_table(all_countries, services.region_totals())
    rows = table.rows
    if region in regions:
        rows = [r for r in rows if r[1] == region]
    if query:
        needle = query.casefold()
        rows = [r for r in rows if needle in " ".join(
            (r[0].name, r[0].name_fr, r[0].name_es, r[0].iso3, r[0].iso2 or "")).casefold()]
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(row[1], []).append(row)
    return render_template("places/countries.html", table=table, groups=groups, regions=regions,
                           query=query, region=region if region in regions else "", shown=len(rows))


@bp.get("/countries.csv")
@cached_page(depends_on="reference", max_age=300)
def countries_csv():
    """All countries with their region and 2024 totals, as CSV."""
    table = tables.countries_table(services.all_countries(), services.region_totals())
    return csv_response(table, "countries.csv")


@bp.get("/countries/<code>")
@cached_page(depends_on="both")
def country(code: str):
    """A country: its diaspora abroad, its immigrants, remittances and everything tagged with it."""
    country = get_country_or_404(code, "places.country")
    return render_template(
        "places/country.html",
        country=country,
        figures_html=remember(f"country-figures:{country.iso3}", lambda: _country_figures(country),
                              depends_on="reference", localized=True),
        content=services.content_for_country(country.iso3),
    )


def _country_figures(country: Country) -> Markup:
    """The figures, tables and charts of a country page: they change only on a reference import."""
    figures = tables.country_tables(country, services.all_countries())
    return Markup(render_template(  # noqa: S704 - our own template's output, escaped by Jinja
        "places/_country_figures.html", country=country, t=figures,
        summaries=tables.country_summaries(country, figures)))


@bp.get("/countries/<code>/<key>.csv")
@cached_page(depends_on="reference", max_age=300)
def country_csv(code: str, key: str):
    """One table of a country page as CSV, with its source line."""
    country = get_country_or_404(code, "places.country_csv", key=key)
    table = tables.country_tables(country, services.all_countries()).get(key)
    if table is None:
        abort(404)
    return csv_response(table, f"{country.iso3}-{key}.csv")


@bp.get("/countries/<code>/charts/<name>.svg")
@cached_page(depends_on="reference", max_age=300)
def country_chart(code: str, name: str):
    """A chart of a country page as a standalone SVG image."""
    country = get_country_or_404(code, "places.country_chart", name=name)
    figures = tables.country_tables(country, services.all_countries())
    summaries = tables.country_summaries(country, figures)
    svg = tables.country_chart(name, country, figures, summaries)
    if svg is None:
        abort(404)
    return svg_response(svg)


@bp.get("/countries/<code>/evidence-pack.zip")
@cached_page(depends_on="both")
def evidence_pack(code: str):
    """A zip of CSVs: the country's figures plus its organizations, actions and data sources."""
    country = get_country_or_404(code, "places.evidence_pack")
    figures = tables.country_tables(country, services.all_countries())
    content = services.content_for_country(country.iso3, limit=None, detailed=True)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as pack:
        for name, text in exports.evidence_pack_files(country, figures, content).items():
            pack.writestr(f"{country.iso3}-evidence-pack/{name}", text)
    response = make_response(buffer.getvalue())
    response.mimetype = "application/zip"
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{country.iso3}-evidence-pack.zip"'
    )
    response.headers["Cache-Control"] = "public, max-age=300"
    return response


# --- Communities -----------------------------------------------------------------------------


@bp.get("/communities")
@cached_page(depends_on="reference")
def communities():
    """Pick an origin and a country of residence; the largest communities."""
    origin = request.args.get("origin", "")
    residence = request.args.get("residence", "")
    all_countries = services.all_countries()
    error = None
    if origin or residence:
        if origin in all_countries and residence in all_countries and origin != residence:
            return redirect(url_for("places.community", pair=f"{origin}-{residence}"))
        error = _("Choose two different countries: a country of origin and a country of residence.")
    table = tables.largest_corridors_table(services.largest_corridors(), all_countries)
    return render_template("places/communities.html", countries=all_countries, table=table,
                           origin=origin, residence=residence, error=error,
                           summary=tables.largest_summary(table)), (400 if error else 200)


@bp.get("/communities/largest.csv")
@cached_page(depends_on="reference", max_age=300)
def largest_csv():
    """The largest communities as CSV."""
    table = tables.largest_corridors_table(services.largest_corridors(), services.all_countries())
    return csv_response(table, "largest-communities.csv")


@bp.get("/communities/charts/largest.svg")
@cached_page(depends_on="reference", max_age=300)
def largest_chart():
    """Bar chart of the largest communities."""
    table = tables.largest_corridors_table(services.largest_corridors(), services.all_countries())
    return svg_response(tables.largest_chart(table))


def _community_data(origin: Country, destination: Country):
    data = services.corridor(origin.iso3, destination.iso3)
    remittance = services.bilateral_remittance(origin.iso3, destination.iso3)
    return data, tables.corridor_tables(origin, destination, data, remittance)


@bp.get("/communities/<pair>")
@cached_page(depends_on="both")
def community(pair: str):
    """A diaspora community (origin -> residence): figures over time, profile, registered content."""
    origin, destination = get_pair_or_404(pair, "places.community")
    pair = f"{origin.iso3}-{destination.iso3}"
    return render_template(
        "places/community.html",
        origin=origin,
        destination=destination,
        figures_html=remember(f"community-figures:{pair}", lambda: _community_figures(origin, destination),
                              depends_on="reference", localized=True),
        profile=services.get_profile(origin.iso3, destination.iso3),
        content=services.content_for_corridor(origin.iso3, destination.iso3),
        pair=f"{origin.iso3}-{destination.iso3}",
    )


def _community_figures(origin: Country, destination: Country) -> Markup:
    """The figures, tables and chart of a community page: they change only on a reference import."""
    data, figures = _community_data(origin, destination)
    return Markup(render_template(  # noqa: S704 - our own template's output, escaped by Jinja
        "places/_community_figures.html", origin=origin, destination=destination, data=data, t=figures,
        summary=tables.corridor_summary(origin, destination, data), pair=f"{origin.iso3}-{destination.iso3}"))


@bp.get("/communities/<pair>/<key>.csv")
@cached_page(depends_on="reference", max_age=300)
def community_csv(pair: str, key: str):
    """One table of a community page as CSV."""
    origin, destination = get_pair_or_404(pair, "places.community_csv", key=key)
    table = _community_data(origin, destination)[1].get(key)
    if table is None:
        abort(404)
    return csv_response(table, f"{origin.iso3}-{destination.iso3}-{key}.csv")


@bp.get("/communities/<pair>/charts/trend.svg")
@cached_page(depends_on="reference", max_age=300)
def community_chart(pair: str):
    """The community's migrant stock over time, by sex, as an SVG line chart."""
    origin, destination = get_pair_or_404(pair, "places.community_chart")
    data, _figures = _community_data(origin, destination)
    if not data.points:
        abort(404)
    return svg_response(tables.corridor_chart(origin, destination, data))


@bp.route("/communities/<pair>/profile", methods=["GET", "POST"])
@login_required
def edit_profile(pair: str):
    """Moderators write or revise a community's editorial profile."""
    if not current_user.is_moderator:
        abort(403)
    origin, destination = get_pair_or_404(pair, "places.edit_profile")
    profile = services.get_profile(origin.iso3, destination.iso3)
    form = ProfileForm(obj=profile if request.method == "GET" else None)
    if request.method == "GET":
        form.version.data = str(profile.version if profile else 0)
    conflicted, conflict = False, None
    if form.validate_on_submit():
        try:
            services.save_profile(origin.iso3, destination.iso3, current_user, form.data,
                                  form.expected_version)
        except services.EditConflict:
            db.session.rollback()
            conflicted = True
            # Keep the editor's text; show what is saved now; a second save is a deliberate one.
            conflict = services.get_profile(origin.iso3, destination.iso3)
            profile = conflict
            form.version.data = str(conflict.version if conflict else 0)
        else:
            db.session.commit()
            flash(_("The community profile has been saved."), "success")
            return redirect(url_for("places.community", pair=f"{origin.iso3}-{destination.iso3}"))
    status = 409 if conflicted else (400 if form.errors else 200)
    return render_template("places/profile_form.html", form=form, origin=origin,
                           destination=destination, profile=profile, conflicted=conflicted, conflict=conflict,
                           pair=f"{origin.iso3}-{destination.iso3}"), status


@bp.context_processor
def places_helpers():
    from hub.content import render_markdown

    return {"display": tables.display, "render_markdown": render_markdown}
