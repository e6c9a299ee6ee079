"""Load the real data-source catalogue in data/data_sources.csv as published sources."""

from __future__ import annotations

import re
from pathlib import Path

import sqlalchemy as sa

from hub.extensions import db
from hub.modeling import utcnow
from hub.places.models import Country
from hub.places.reference import ReferenceDataError, read_rows
from hub.sources.models import DataSource
from hub.taxonomy.services import themes_by_slug
from hub.taxonomy.vocabulary import SOURCE_ACCESS, SOURCE_KINDS, codes

REGION_WORDS = {"WLD", "EUR", "AFR", "LAC", "ASI", "OCE", "NAM"}
COLUMNS = ["slug", "title", "publisher", "kind", "url", "countries_covered", "years_from",
           "years_to", "themes", "format", "licence", "access", "update_frequency",
           "description", "strengths_limitations", "evidence_url", "source_published", "source_updated"]
SOURCE_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def _year(path, line, value: str) -> int | None:
    value = value.strip()
    if not value:
        return None
    if not value.isdigit():
        raise ReferenceDataError(f"{path}, line {line}: {value!r} is not a year")
    return int(value)


def how_to_cite(row: dict) -> str:
    years = ""
    if row["years_from"] and row["years_to"]:
        years = f" ({row['years_from']}–{row['years_to']})"
    return f"{row['publisher']}. {row['title']}{years}. {row['url']}"


NAMES_FILE = "data_source_names.csv"


def other_names(path) -> dict[str, str]:
    """{slug: "WDI|World Development Indicators"} from data_source_names.csv next to `path`.

    A file of its own, keyed by slug, so that the catalogue's columns can change without it.
    """
    names_path = Path(path).parent / NAMES_FILE
    if not names_path.exists():
        return {}
    return {row["slug"]: "|".join(n.strip() for n in row["names"].split("|") if n.strip())
            for _line, row in read_rows(names_path, ["slug", "names"])}


def seed_sources(path) -> tuple[int, int]:
    """Insert or update the catalogue by slug; returns (created, updated)."""
    names = other_names(path)
    countries = {c.iso3: c for c in db.session.scalars(sa.select(Country))}
    themes = themes_by_slug()
    existing = {s.slug: s for s in db.session.scalars(sa.select(DataSource))}
    created = updated = 0
    parsed = []
    for line, row in read_rows(path, COLUMNS):
        if row["kind"] not in codes(SOURCE_KINDS):
            raise ReferenceDataError(f"{path}, line {line}: unknown kind {row['kind']!r}")
        if row["access"] not in codes(SOURCE_ACCESS):
            raise ReferenceDataError(f"{path}, line {line}: unknown access {row['access']!r}")
        words = row["countries_covered"].split()
        unknown = [w for w in words if w not in countries and w not in REGION_WORDS]
        if unknown:
            raise ReferenceDataError(f"{path}, line {line}: unknown country {unknown[0]!r}")
        for column in ("source_published", "source_updated"):
            if row[column].strip() and not SOURCE_DATE.match(row[column].strip()):
                raise ReferenceDataError(
                    f"{path}, line {line}: {column} {row[column]!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        missing_themes = [t for t in row["themes"].split() if t not in themes]
        if missing_themes:
            raise ReferenceDataError(f"{path}, line {line}: unknown theme {missing_themes[0]!r}")
        parsed.append((line, row, words))

    for line, row, words in parsed:
        source = existing.get(row["slug"])
        if source is None:
            source = DataSource(slug=row["slug"], review_state="published", published_at=utcnow())
            db.session.add(source)
            created += 1
        else:
            updated += 1
        source.title = row["title"]
        source.other_names = names.get(row["slug"], "")[:500]
        source.publisher = row["publisher"]
        source.kind = row["kind"]
        source.url = row["url"]
        source.years_from = _year(path, line, row["years_from"])
        source.years_to = _year(path, line, row["years_to"])
        source.format = row["format"]
        source.licence = row["licence"]
        source.access = row["access"]
        source.update_frequency = row["update_frequency"]
        source.source_published = row["source_published"].strip()
        source.source_updated = row["source_updated"].strip()
        source.description = row["description"]
        source.strengths_limitations = row["strengths_limitations"]
        source.evidence_url = row["evidence_url"]
        source.how_to_cite = how_to_cite(row)
        source.regions_covered = " ".join(w for w in words if w in REGION_WORDS)
        source.countries = [countries[w] for w in words if w in countries]
        source.themes = [themes[t] for t in row["themes"].split()]
    db.session.flush()
    return created, updated
