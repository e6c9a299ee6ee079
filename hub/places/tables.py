"""The figure tables of the country and community pages, built once and used three ways.

The page renders a Table, the CSV download writes the same Table, the evidence pack zips the
same Tables: so the downloaded numbers are exactly the numbers shown, with the same source line.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from flask_babel import format_decimal, get_locale
from flask_babel import gettext as _

from hub.places import charts, numbers, services
from hub.places.models import Country

CITATIONS = {
    2024: "United Nations Department of Economic and Social Affairs, Population Division (2024). "
          "International Migrant Stock 2024 (POP/DB/MIG/Stock/Rev.2024). CC BY 3.0 IGO.",
    2020: "United Nations Department of Economic and Social Affairs, Population Division (2020). "
          "International Migrant Stock 2020 (POP/DB/MIG/Stock/Rev.2020). CC BY 3.0 IGO.",
    "wdi": "World Bank, World Development Indicators, BX.TRF.PWKR.CD.DT \"Personal remittances, "
           "received (current US$)\", last updated 2025-07-01. CC BY 4.0.",
    "knomad": "World Bank/KNOMAD, Bilateral Remittance Estimates for 2017 using Migrant Stocks, Host "
              "Country Incomes, and Origin Country Incomes (millions of US$), April 2018 version. "
              "Model estimates, not reported transactions. CC BY 4.0.",
}
CITATIONS["both"] = CITATIONS[2024] + " " + CITATIONS[2020]
DATASET_NAMES = {
    2024: "UN DESA, International Migrant Stock 2024",
    2020: "UN DESA, International Migrant Stock 2020",
    "wdi": "World Bank, World Development Indicators",
    "knomad": "World Bank/KNOMAD, Bilateral Remittance Estimates 2017",
}

# What the API says about each remittance dataset (the pages cite CITATIONS).
REMITTANCE_DATASETS = {
    "wdi": {"dataset": DATASET_NAMES["wdi"], "edition": "last updated 2025-07-01",
            "indicator": "BX.TRF.PWKR.CD.DT", "unit": "current US$"},
    "knomad": {"dataset": DATASET_NAMES["knomad"], "edition": "April 2018 version",
               "indicator": None, "unit": "current US$"},
}

# How a column's values are written: on the page (locale-aware) and in CSV (plain, exact).
KINDS = ("text", "country", "year", "int", "percent", "usd", "musd")


@dataclass
class Column:
    label: str
    kind: str = "text"

    @property
    def numeric(self) -> bool:
        return self.kind in ("int", "percent", "usd", "musd")


@dataclass
class Table:
    """A captioned table of figures with the citation of the dataset it comes from."""

    key: str
    title: str
    columns: list[Column]
    rows: list[list]
    source: str
    note: str = ""
    filename: str = ""
    extra: dict = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.rows)


def locale_name(country: Country | None) -> str:
    if country is None:
        return ""
    return country.localized_name(str(get_locale() or "en"))


MISSING = "—"


def _label(value) -> str:
    """A place cell: a country (its name in the interface language), a place the hub has no page
    for (the source's name), or a text such as a total row's label."""
    if isinstance(value, Country):
        return locale_name(value)
    return str(getattr(value, "label", value))


def display(value, kind: str) -> str:
    """A cell as the page shows it (numbers rounded by hub.places.numbers, as in the CSV)."""
    if value is None:
        return MISSING
    if kind == "country":
        return _label(value)
    if kind in numbers.PLACES:
        places = numbers.PLACES[kind]
        pattern = "#,##0" + ("." + "0" * places if places else "")
        return format_decimal(numbers.figure(value, kind), format=pattern)
    return str(value)


def plain(value, kind: str) -> str:
    """A cell as the CSV writes it: the same rounded figure, without grouping separators."""
    if value is None:
        return ""
    if kind == "country":
        return _label(value)
    if kind in numbers.PLACES:
        return str(numbers.figure(value, kind))
    return str(value)


def code(value) -> str:
    """The ISO3 (or the source's own code) of a place cell, for the CSV's code column."""
    if value is None:
        return ""
    return value.iso3 if isinstance(value, Country) else getattr(value, "code", "")


def to_csv(table: Table) -> str:
    """The table as CSV: a header row, the rows, a blank line, then the source line."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    header = []
    for column in table.columns:
        header.append(column.label)
        if column.kind == "country":
            header.append(f"{column.label} (ISO3)")
    writer.writerow(header)
    for row in table.rows:
        cells = []
        for column, value in zip(table.columns, row, strict=True):
            cells.append(plain(value, column.kind))
            if column.kind == "country":
                cells.append(code(value))
        writer.writerow(cells)
    writer.writerow([])
    writer.writerow([_("Source: %(source)s", source=table.source)])
    if table.note:
        writer.writerow([table.note])
    return out.getvalue()


def _mark_gaps(tables: dict[str, Table]) -> dict[str, Table]:
    """Say, under each table with a figure the source does not give, how that reads apart from 0."""
    for table in tables.values():
        if any(value is None for row in table.rows for column, value in zip(table.columns, row, strict=True)
               if column.numeric):
            gap = _("A dash (—) on the page and an empty cell in the CSV mean the source gives no figure; "
                    "0 is a figure the source publishes as zero.")
            table.note = f"{table.note} {gap}".strip()
    return tables


# --- Country tables --------------------------------------------------------------------------

TOP = 20


def _edition_note(figures: list[services.PairFigure]) -> str:
    if any(f.edition != services.LATEST_EDITION for f in figures):
        return _("Each row comes from the 2024 edition where it lists the pair; rows marked 2020 are "
                 "pairs the 2024 edition does not list, shown from the 2020 edition.")
    return ""


def _pair_rows(figures, countries, side: str) -> list[list]:
    return [
        [countries.get(getattr(f, side)), f.migrants, f.year, f.edition] for f in figures
    ]


def country_tables(country: Country, countries: dict[str, Country]) -> dict[str, Table]:
    """Every figure table of a country page, by key."""
    name = locale_name(country)
    tables: dict[str, Table] = {}

    totals = services.country_totals(country.iso3)
    if totals.rows:
        tables["trend"] = Table(
            "trend",
            _("Migrants born in %(country)s living abroad, and immigrants living in %(country)s, "
              "%(first)s–%(last)s", country=name, first=totals.rows[0].year, last=totals.rows[-1].year),
            [Column(_("Year"), "year"), Column(_("Emigrants (diaspora abroad)"), "int"),
             Column(_("Immigrants"), "int")],
            [[r.year, r.emigrants, r.immigrants] for r in totals.rows],
            CITATIONS[totals.edition],
            note=_("Emigrants are the sum of the stocks UN DESA itemises by destination; some "
                   "destinations group smaller origins into \"Other\", so it slightly understates "
                   "the diaspora."),
            extra={"edition": totals.edition},
        )

    residence_all = services.diaspora_destinations(country.iso3)
    origins_all = services.immigrant_origins(country.iso3)
    for key, figures, side, title, label in (
        ("residence", residence_all, "destination_iso3",
         _("Where people born in %(country)s live: largest countries of residence", country=name),
         _("Country of residence")),
        ("origins", origins_all, "origin_iso3",
         _("Where immigrants in %(country)s were born: largest countries of origin", country=name),
         _("Country of origin")),
    ):
        columns = [Column(label, "country"), Column(_("Migrants"), "int"), Column(_("Year"), "year"),
                   Column(_("Edition"), "year")]
        top = figures[:TOP]
        tables[key] = Table(key, title, columns, _pair_rows(top, countries, side), CITATIONS["both"],
                            note=_edition_note(top), extra={"figures": top, "count": len(figures)})
        tables[f"{key}-all"] = Table(
            f"{key}-all", title + " " + _("(all %(n)s)", n=len(figures)),
            columns, _pair_rows(figures, countries, side), CITATIONS["both"],
            note=_edition_note(figures), extra={"figures": figures},
        )

    received = services.remittances_received(country.iso3)
    if received:
        tables["remittances"] = Table(
            "remittances",
            _("Personal remittances received by %(country)s (current US$), %(first)s–%(last)s",
              country=name, first=received[0].year, last=received[-1].year),
            [Column(_("Year"), "year"), Column(_("Remittances received (US$)"), "usd")],
            [[r.year, r.usd] for r in received],
            CITATIONS["wdi"],
            note=_("The whole series the World Bank publishes for %(country)s: years it gives no "
                   "figure for are not listed.", country=name),
        )
    for key, flows, title, label in (
        ("remittance-senders", services.remittance_senders(country.iso3, countries=countries),
         _("Estimated remittances to %(country)s by country of residence of the senders, 2017 "
           "(US$ million)", country=name), _("Sent from")),
        ("remittance-recipients", services.remittance_recipients(country.iso3, countries=countries),
         _("Estimated remittances sent from %(country)s by migrants to their countries of origin, "
           "2017 (US$ million)", country=name), _("Sent to")),
    ):
        if flows:
            tables.update(_flow_tables(key, title, label, flows))
    return _mark_gaps(tables)


REMITTANCE_TOP = 15


def _flow_tables(key: str, title: str, label: str, flows: list[services.Flow]) -> dict[str, Table]:
    """The largest KNOMAD rows with the rest and the total; and every row, for the CSV and pack."""
    columns = [Column(label, "country"), Column(_("US$ million, 2017"), "musd")]
    total = [_("Total (%(n)s countries and places)", n=len(flows)), services.flow_total(flows)]
    unlisted = sorted({f.place.label for f in flows if isinstance(f.place, services.UnlistedPlace)})
    notes = [_("KNOMAD publishes these estimates with three decimals; they are shown as published. "
               "The last row is the sum of all rows.")]
    if unlisted:
        notes.append(_("%(places)s: not a UN DESA country or area, so the hub has no page for it; the "
                       "name and figure are the source's.", places=", ".join(unlisted)))
    top, rest = flows[:REMITTANCE_TOP], flows[REMITTANCE_TOP:]
    rows = [[f.place, f.usd_million] for f in top]
    if rest:
        rows.append([_("All other %(n)s countries and places", n=len(rest)), services.flow_total(rest)])
    return {
        key: Table(key, title, columns, [*rows, total], CITATIONS["knomad"], note=" ".join(notes),
                   extra={"flows": flows, "count": len(flows)}),
        f"{key}-all": Table(f"{key}-all", title + " " + _("(all %(n)s)", n=len(flows)), columns,
                            [*([f.place, f.usd_million] for f in flows), total], CITATIONS["knomad"],
                            note=" ".join(notes), extra={"flows": flows}),
    }


# --- Corridor tables -------------------------------------------------------------------------


def corridor_tables(origin: Country, destination: Country, data: services.Corridor,
                    remittance) -> dict[str, Table]:
    """The figure tables of a community page, by key."""
    names = {"origin": locale_name(origin), "destination": locale_name(destination)}
    tables: dict[str, Table] = {}
    if data.points:
        tables["trend"] = Table(
            "trend",
            _("People born in %(origin)s living in %(destination)s, %(first)s–%(last)s",
              first=data.points[0].year, last=data.points[-1].year, **names),
            [Column(_("Year"), "year"), Column(_("Migrants"), "int"), Column(_("Men"), "int"),
             Column(_("Women"), "int"), Column(_("Share of the diaspora of %(origin)s (%%)", **names), "percent"),
             Column(_("Share of immigrants in %(destination)s (%%)", **names), "percent")],
            [[p.year, p.migrants, p.male, p.female, p.share_of_origin, p.share_of_destination]
             for p in data.points],
            CITATIONS[data.edition],
            extra={"edition": data.edition},
        )
    if remittance is not None:
        tables["remittances"] = Table(
            "remittances",
            _("Estimated remittances sent from %(destination)s to %(origin)s (US$ million)", **names),
            [Column(_("Year"), "year"), Column(_("US$ million"), "musd")],
            [[remittance.year, remittance.usd_million]],
            CITATIONS["knomad"],
            note=_("KNOMAD publishes these estimates with three decimals; they are shown as published."),
        )
    return _mark_gaps(tables)


def largest_corridors_table(corridors, countries: dict[str, Country]) -> Table:
    return Table(
        "largest",
        _("The largest diaspora communities: origin and country of residence"),
        [Column(_("Country of origin"), "country"), Column(_("Country of residence"), "country"),
         Column(_("Migrants"), "int"), Column(_("Year"), "year"), Column(_("Edition"), "year")],
        [[countries.get(c.origin_iso3), countries.get(c.destination_iso3), c.migrants, c.year, c.edition]
         for c in corridors],
        CITATIONS["both"],
        note=_edition_note(corridors),
        extra={"figures": corridors},
    )


def countries_table(countries: dict[str, Country], totals: dict) -> Table:
    rows = []
    for country in sorted(countries.values(), key=lambda c: (c.region, locale_name(c))):
        row = totals.get(country.iso3)
        rows.append([country, country.region, country.subregion,
                     row.emigrants if row else None, row.immigrants if row else None])
    return Table(
        "countries",
        _("Countries and areas with their diaspora abroad and immigrants, 2024"),
        [Column(_("Country or area"), "country"), Column(_("Region")), Column(_("Subregion")),
         Column(_("Emigrants (diaspora abroad), 2024"), "int"), Column(_("Immigrants, 2024"), "int")],
        rows,
        CITATIONS[2024],
    )


# --- Text summaries and charts (the same figures, for people who would rather look) ----------


def _top_phrase(rows, limit: int = 3) -> str:
    parts = [f"{locale_name(row[0])} ({display(row[1], 'int')})" for row in rows[:limit] if row[0]]
    return ", ".join(parts)


def _trend_clause(rows: list[list], column: int, name: str, what: str) -> str:
    """One sentence on the latest and first figure of a trend column; never a dash for a number."""
    first, last = rows[0], rows[-1]
    values = {"country": name, "year": last[0], "first_year": first[0],
              "n": display(last[column], "int"), "first": display(first[column], "int")}
    if last[column] is None:
        if what == "emigrants":
            return _("UN DESA publishes no total of people born in %(country)s living abroad for %(year)s.",
                     **values)
        return _("UN DESA publishes no total of immigrants living in %(country)s for %(year)s.", **values)
    if first[column] is None or first is last:
        if what == "emigrants":
            return _("In %(year)s, %(n)s people born in %(country)s lived abroad.", **values)
        return _("In %(year)s, %(n)s immigrants lived in %(country)s.", **values)
    if what == "emigrants":
        return _("In %(year)s, %(n)s people born in %(country)s lived abroad (%(first)s in %(first_year)s).",
                 **values)
    return _("In %(year)s, %(n)s immigrants lived in %(country)s (%(first)s in %(first_year)s).", **values)


def country_summaries(country: Country, t: dict[str, Table]) -> dict[str, str]:
    """One sentence per chart of a country page, stating what the chart shows."""
    name = locale_name(country)
    out: dict[str, str] = {}
    trend = t.get("trend")
    if trend:
        out["trend"] = " ".join([
            _trend_clause(trend.rows, 1, name, "emigrants"), _trend_clause(trend.rows, 2, name, "immigrants"),
            _("Source: %(dataset)s.", dataset=DATASET_NAMES[trend.extra["edition"]]),
        ])
    for key, sentence in (
        ("residence", _("The largest communities of people born in %(country)s live in %(top)s.")),
        ("origins", _("Most immigrants in %(country)s were born in %(top)s.")),
    ):
        table = t.get(key)
        if table:
            out[key] = sentence % {"country": name, "top": _top_phrase(table.rows)}
    residence_all = t.get("residence-all")
    if residence_all:
        out["map"] = _(
            "World map of the %(n)s countries where UN DESA counts people born in %(country)s, "
            "coloured by the size of the community. The table lists the largest.",
            n=len(residence_all.rows), country=name,
        )
    received = t.get("remittances")
    if received:
        last = received.rows[-1]
        out["remittances"] = _(
            "%(country)s received US$%(amount)s in personal remittances in %(year)s. Source: %(dataset)s.",
            country=name, amount=display(last[1], "usd"), year=last[0], dataset=DATASET_NAMES["wdi"],
        )
    return out


def country_chart(name: str, country: Country, t: dict[str, Table], summaries: dict[str, str]) -> str | None:
    """The SVG of chart `name` of a country page, or None if it has no data."""
    if name == "trend" and t.get("trend"):
        table = t["trend"]
        return charts.line_chart(
            table.title, summaries["trend"], [r[0] for r in table.rows],
            [(table.columns[1].label, [r[1] for r in table.rows]),
             (table.columns[2].label, [r[2] for r in table.rows])],
            chart_id="trend",
        )
    if name in ("residence", "origins") and t.get(name):
        table = t[name]
        rows = table.rows[:10]
        return charts.bar_chart(
            table.title, summaries[name], [locale_name(r[0]) for r in rows], [r[1] for r in rows],
            table.columns[1].label, chart_id=name,
        )
    if name == "map" and t.get("residence-all"):
        values = {r[0].iso2: r[1] for r in t["residence-all"].rows if r[0] is not None and r[0].iso2}
        return charts.world_map(
            _("Where people born in %(country)s live", country=locale_name(country)),
            summaries["map"], values, chart_id="map",
        )
    if name == "remittances" and t.get("remittances"):
        table = t["remittances"]
        return charts.line_chart(
            table.title, summaries["remittances"], [r[0] for r in table.rows],
            [(table.columns[1].label, [r[1] for r in table.rows])], chart_id="remittances",
        )
    return None


def corridor_summary(origin: Country, destination: Country, data: services.Corridor) -> str:
    latest = data.latest
    if latest is None:
        return ""
    first = data.points[0]
    values = {"year": latest.year, "migrants": display(latest.migrants, "int"), "origin": locale_name(origin),
              "destination": locale_name(destination), "women": display(latest.female, "int"),
              "men": display(latest.male, "int"), "first": display(first.migrants, "int"),
              "first_year": first.year, "dataset": DATASET_NAMES[data.edition]}
    if latest.female is None or latest.male is None:
        return _(
            "In %(year)s, %(migrants)s people born in %(origin)s lived in %(destination)s, compared with "
            "%(first)s in %(first_year)s; UN DESA gives no split by sex for %(year)s. Source: %(dataset)s.",
            **values,
        )
    return _(
        "In %(year)s, %(migrants)s people born in %(origin)s lived in %(destination)s "
        "(%(women)s women, %(men)s men), compared with %(first)s in %(first_year)s. Source: %(dataset)s.",
        **values,
    )


def corridor_chart(origin: Country, destination: Country, data: services.Corridor) -> str:
    names = {"origin": locale_name(origin), "destination": locale_name(destination)}
    return charts.line_chart(
        _("People born in %(origin)s living in %(destination)s", **names),
        corridor_summary(origin, destination, data),
        [p.year for p in data.points],
        [(_("All"), [p.migrants for p in data.points]),
         (_("Women"), [p.female for p in data.points]),
         (_("Men"), [p.male for p in data.points])],
        chart_id="community-trend",
    )


def largest_summary(table: Table) -> str:
    if not table:
        return ""
    first = table.rows[0]
    return _(
        "The largest community is people born in %(origin)s living in %(destination)s: %(migrants)s "
        "in %(year)s.", origin=locale_name(first[0]), destination=locale_name(first[1]),
        migrants=display(first[2], "int"), year=first[3],
    )


def largest_chart(table: Table) -> str:
    rows = table.rows[:12]
    return charts.bar_chart(
        table.title, largest_summary(table),
        [f"{locale_name(r[0])} → {locale_name(r[1])}" for r in rows], [r[2] for r in rows],
        _("Migrants"), chart_id="largest",
    )
