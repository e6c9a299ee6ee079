"""The country evidence pack: every figure table plus the registered content, as CSV files."""

from __future__ import annotations

import csv
import io

from flask import url_for
from flask_babel import gettext as _

from hub.places import tables
from hub.places.models import Country
from hub.taxonomy import vocabulary
from hub.templating import url_if

# Cells a spreadsheet would run as a formula; user-written text is defused with a quote.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _csv(header: list[str], rows: list[list]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[safe_cell(v) for v in row] for row in rows])
    return out.getvalue()


def _codes(countries) -> str:
    return " ".join(c.iso3 for c in countries)


def _page(endpoint: str, slug: str) -> str:
    return url_if(endpoint, slug=slug, _external=True) or ""


def organizations_csv(organizations) -> str:
    return _csv(
        [_("Name"), _("Acronym"), _("Type"), _("Headquarters (ISO3)"), _("Heritage countries (ISO3)"),
         _("Countries of operation (ISO3)"), _("Themes"), _("Website"), _("Page")],
        [[o.name, o.acronym, vocabulary.label(vocabulary.ORGANIZATION_TYPES, o.org_type), o.hq_country_iso3 or "",
          _codes(o.heritage_countries), _codes(o.operation_countries), " ".join(t.slug for t in o.themes),
          o.website, _page("orgs.detail", o.slug)] for o in organizations],
    )


def actions_csv(actions) -> str:
    return _csv(
        [_("Title"), _("Organization"), _("Status"), _("Origin countries (ISO3)"),
         _("Countries of implementation (ISO3)"), _("Themes"), _("Start"), _("End"), _("Partners"), _("Summary"),
         _("Page")],
        [[a.title, a.organization.name, a.status, _codes(a.origin_countries), _codes(a.implementation_countries),
          " ".join(t.slug for t in a.themes), a.start_date or "", a.end_date or "",
          "; ".join(p.name for p in a.public_partners), a.summary,
          _page("actions.detail", a.slug)] for a in actions],
    )


def sources_csv(sources) -> str:
    return _csv(
        [_("Title"), _("Publisher"), _("Kind"), _("Address"), _("Years from"), _("Years to"),
         _("Published by the source"), _("Last updated by the source"), _("Licence"),
         _("Access"), _("Countries covered (ISO3)"), _("How to cite"), _("Page")],
        [[s.title, s.publisher, s.kind, s.url, s.years_from or "", s.years_to or "", s.source_published,
          s.source_updated, s.licence, s.access,
          _codes(s.countries), s.how_to_cite, _page("sources.detail", s.slug)] for s in sources],
    )


def evidence_pack_files(country: Country, figures: dict[str, tables.Table], content: dict) -> dict[str, str]:
    """File name -> CSV text for a country's evidence pack, with a README naming every source."""
    files: dict[str, str] = {}
    for key in ("trend", "residence-all", "origins-all", "remittances", "remittance-senders",
                "remittance-senders-all", "remittance-recipients", "remittance-recipients-all"):
        table = figures.get(key)
        if table:
            files[f"{key}.csv"] = tables.to_csv(table)
    files["organizations.csv"] = organizations_csv(content["organizations"].items)
    files["actions.csv"] = actions_csv(content["actions"].items)
    files["data-sources.csv"] = sources_csv(content["sources"].items)
    lines = [
        _("Evidence pack: %(country)s (%(iso3)s)", country=tables.locale_name(country), iso3=country.iso3),
        _("From the Diaspora Hub: %(url)s", url=url_for("places.country", code=country.iso3, _external=True)),
        "",
        _("Files:"),
    ]
    for name in files:
        lines.append(f"- {name}")
    lines += ["", _("Sources of the figures (each CSV ends with its own source line):")]
    for key in (2024, 2020, "wdi", "knomad"):
        lines.append(f"- {tables.CITATIONS[key]}")
    lines += ["", _("Organizations, actions and data sources are those published on the hub and "
                    "tagged with this country, as registered by their organizations.")]
    files["README.txt"] = "\r\n".join(lines) + "\r\n"
    return files
