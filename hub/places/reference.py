"""Load the reference data in data/: countries, UN DESA migrant stock, remittances.

Every file is read and checked in full before anything is written, then written in bulk inside
the caller's transaction, so a malformed file leaves the database exactly as it was.
"""

from __future__ import annotations

import csv
import gettext
import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pycountry
import sqlalchemy as sa

from hub.extensions import db
from hub.modeling import slugify, utcnow
from hub.places.models import (
    BilateralRemittance,
    Country,
    CountryTotal,
    MigrantStock,
    ReferenceImport,
    RemittanceReceived,
    UnlistedRemittance,
)

# The source's own names for the codes it uses that are not UN DESA countries or areas
# (data/README.md: "Kosovo is XKX, the World Bank code"). Any other unknown code shows as itself.
SOURCE_LABELS = {"XKX": "Kosovo"}


class ReferenceDataError(ValueError):
    """A reference file that cannot be loaded; the message names the file and line."""


@dataclass(frozen=True)
class Dataset:
    key: str
    filename: str
    model: type
    edition: int | None = None
    # Rows whose country codes are not UN DESA countries are skipped (and counted), not errors.
    skip_unknown: bool = False


DATASETS = [
    Dataset("ims2024_bilateral", "undesa_ims2024_bilateral.csv", MigrantStock, 2024),
    Dataset("ims2020_bilateral", "undesa_ims2020_bilateral.csv", MigrantStock, 2020),
    Dataset("ims2024_totals", "undesa_ims2024_country_totals.csv", CountryTotal, 2024),
    Dataset("ims2020_totals", "undesa_ims2020_country_totals.csv", CountryTotal, 2020),
    Dataset(
        "knomad_remittances_2017", "wb_knomad_bilateral_remittances_2017.csv",
        BilateralRemittance, skip_unknown=True,
    ),
    Dataset(
        "wdi_remittances_received", "wdi_remittances_received.csv",
        RemittanceReceived, skip_unknown=True,
    ),
]
COUNTRIES_FILE = "countries.csv"

Progress = Callable[[str], None]


@dataclass
class ImportResult:
    dataset: str
    filename: str
    rows: int
    skipped: int
    seconds: float
    unchanged: bool = False
    # Codes outside the UN DESA list -> number of rows: kept with the source's label, or skipped.
    kept_unlisted: dict[str, int] = field(default_factory=dict)
    skipped_codes: dict[str, int] = field(default_factory=dict)


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_rows(path: Path, required: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row) from a CSV file, checking that it has the columns we need."""
    try:
        handle = path.open(newline="", encoding="utf-8")
    except OSError as exc:
        raise ReferenceDataError(f"{path}: cannot be read ({exc.strerror})") from exc
    with handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise ReferenceDataError(f"{path}, line 1: missing column(s) {', '.join(missing)}")
        try:
            for row in reader:
                if None in row or any(row.get(c) is None for c in required):
                    raise ReferenceDataError(
                        f"{path}, line {reader.line_num}: wrong number of fields"
                    )
                yield reader.line_num, row
        except (csv.Error, UnicodeDecodeError) as exc:
            raise ReferenceDataError(f"{path}, line {reader.line_num}: {exc}") from exc


def _int(path: Path, line: int, row: dict, column: str, *, optional: bool = False) -> int | None:
    value = row[column].strip()
    if value == "" and optional:
        return None
    try:
        number = int(value)
    except ValueError:
        raise ReferenceDataError(
            f"{path}, line {line}: {column} must be a whole number, not {value!r}"
        ) from None
    if number < 0:
        raise ReferenceDataError(f"{path}, line {line}: {column} must not be negative ({number})")
    return number


def _float(path: Path, line: int, row: dict, column: str) -> float:
    value = row[column].strip()
    try:
        return float(value)
    except ValueError:
        raise ReferenceDataError(
            f"{path}, line {line}: {column} must be a number, not {value!r}"
        ) from None


def _bool(value: str) -> bool:
    return value.strip().lower() == "true"


def _translations() -> dict[str, gettext.NullTranslations]:
    return {
        lang: gettext.translation(
            "iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True
        )
        for lang in ("fr", "es")
    }


def parse_countries(path: Path) -> list[dict]:
    """Countries with ISO alpha-2 and French and Spanish names from pycountry."""
    columns = ["iso3", "m49", "name", "region", "subregion", "sdg_region",
               "un_development_group", "least_developed", "lldc", "sids",
               "wb_region", "wb_income_group"]
    translations = _translations()
    countries, seen = [], set()
    for line, row in read_rows(path, columns):
        iso3 = row["iso3"].strip().upper()
        if len(iso3) != 3 or not iso3.isalpha():
            raise ReferenceDataError(f"{path}, line {line}: iso3 {iso3!r} is not a 3-letter code")
        if iso3 in seen:
            raise ReferenceDataError(f"{path}, line {line}: country {iso3} appears twice")
        seen.add(iso3)
        iso = pycountry.countries.get(alpha_3=iso3)
        name = row["name"].strip()
        countries.append({
            "iso3": iso3,
            "iso2": iso.alpha_2 if iso else None,
            "m49": _int(path, line, row, "m49"),
            "name": name,
            "name_fr": translations["fr"].gettext(iso.name) if iso else name,
            "name_es": translations["es"].gettext(iso.name) if iso else name,
            "slug": slugify(name),
            "region": row["region"].strip(),
            "subregion": row["subregion"].strip(),
            "sdg_region": row["sdg_region"].strip(),
            "development_group": row["un_development_group"].strip(),
            "least_developed": _bool(row["least_developed"]),
            "landlocked_developing": _bool(row["lldc"]),
            "small_island_developing": _bool(row["sids"]),
            "wb_region": row["wb_region"].strip(),
            "wb_income_group": row["wb_income_group"].strip(),
        })
    if not countries:
        raise ReferenceDataError(f"{path}: has no rows")
    return countries


def _unknown_codes(path, line, row, columns, known, skip_unknown) -> list[str]:
    """The row's codes that are not UN DESA countries (an error unless the dataset allows them)."""
    unknown = []
    for column in columns:
        code = row[column].strip()
        if code not in known:
            if not skip_unknown:
                raise ReferenceDataError(f"{path}, line {line}: {column} {code!r} is not a known country")
            unknown.append(code)
    return unknown


def label(code: str) -> str:
    """The source's own name of a code outside the UN DESA list, e.g. "Kosovo (XKX)"."""
    name = SOURCE_LABELS.get(code)
    return f"{name} ({code})" if name else code


@dataclass
class Parsed:
    """A dataset's rows ready for a bulk insert, and what happened to rows naming other places."""

    rows: list[dict]
    unlisted: list[dict] = field(default_factory=list)  # kept (KNOMAD), with the source's labels
    skipped_codes: Counter = field(default_factory=Counter)
    kept_codes: Counter = field(default_factory=Counter)

    @property
    def skipped(self) -> int:
        return sum(self.skipped_codes.values())


def parse_dataset(dataset: Dataset, path: Path, known: set[str]) -> Parsed:
    """Rows ready for a bulk insert; rows naming places outside the UN DESA list kept or counted."""
    rows, seen = [], set()
    parsed = Parsed(rows)
    if dataset.model is MigrantStock:
        columns = ["origin_iso3", "destination_iso3", "year", "migrants",
                   "migrants_male", "migrants_female"]
        key_columns = ("origin_iso3", "destination_iso3", "year")
    elif dataset.model is CountryTotal:
        columns = ["iso3", "year", "immigrants", "immigrants_male", "immigrants_female",
                   "emigrants", "emigrants_male", "emigrants_female"]
        key_columns = ("iso3", "year")
    elif dataset.model is BilateralRemittance:
        columns = ["origin_iso3", "destination_iso3", "year", "remittances_usd_million"]
        key_columns = ("origin_iso3", "destination_iso3", "year")
    else:
        columns = ["iso3", "year", "remittances_received_usd"]
        key_columns = ("iso3", "year")
    code_columns = [c for c in key_columns if c.endswith("iso3")]

    for line, row in read_rows(path, columns):
        unknown = _unknown_codes(path, line, row, code_columns, known, dataset.skip_unknown)
        key = tuple(row[c].strip() for c in key_columns)
        if key in seen:
            raise ReferenceDataError(f"{path}, line {line}: duplicate row for {', '.join(key)}")
        seen.add(key)
        if unknown and dataset.model is BilateralRemittance:
            origin, destination = row["origin_iso3"].strip(), row["destination_iso3"].strip()
            parsed.unlisted.append({
                "origin_code": origin, "destination_code": destination,
                "year": _int(path, line, row, "year"),
                "usd_million": _float(path, line, row, "remittances_usd_million"),
                "origin_label": "" if origin in known else SOURCE_LABELS.get(origin, origin),
                "destination_label": "" if destination in known else SOURCE_LABELS.get(destination, destination),
            })
            parsed.kept_codes.update(unknown)
            continue
        if unknown:
            parsed.skipped_codes.update(unknown)
            continue
        record = {c: row[c].strip() for c in code_columns}
        record["year"] = _int(path, line, row, "year")
        if dataset.model is MigrantStock:
            record["edition"] = dataset.edition
            record["migrants"] = _int(path, line, row, "migrants")
            record["migrants_male"] = _int(path, line, row, "migrants_male", optional=True)
            record["migrants_female"] = _int(path, line, row, "migrants_female", optional=True)
        elif dataset.model is CountryTotal:
            record["edition"] = dataset.edition
            for column in columns[2:]:
                record[column] = _int(path, line, row, column, optional=True)
        elif dataset.model is BilateralRemittance:
            record["usd_million"] = _float(path, line, row, "remittances_usd_million")
        else:
            record["usd"] = _int(path, line, row, "remittances_received_usd")
        rows.append(record)
    if not rows:
        raise ReferenceDataError(f"{path}: has no rows")
    return parsed


def _upsert_countries(countries: list[dict]) -> None:
    existing = {c.iso3: c for c in db.session.scalars(sa.select(Country))}
    for data in countries:
        country = existing.get(data["iso3"])
        if country is None:
            db.session.add(Country(**data))
        else:
            for key, value in data.items():
                setattr(country, key, value)
    db.session.flush()


def _replace_rows(dataset: Dataset, parsed: Parsed) -> None:
    table = dataset.model.__table__
    delete = sa.delete(table)
    if dataset.edition is not None:
        delete = delete.where(table.c.edition == dataset.edition)
    db.session.execute(delete)
    chunk = 10_000
    for start in range(0, len(parsed.rows), chunk):
        db.session.execute(sa.insert(table), parsed.rows[start:start + chunk])
    if dataset.model is BilateralRemittance:
        db.session.execute(sa.delete(UnlistedRemittance))
        if parsed.unlisted:
            db.session.execute(sa.insert(UnlistedRemittance.__table__), parsed.unlisted)


def _record(dataset_key: str, filename: str, digest: str, rows: int, skipped: int) -> None:
    record = db.session.get(ReferenceImport, dataset_key)
    if record is None:
        record = ReferenceImport(dataset=dataset_key)
        db.session.add(record)
    record.filename, record.sha256, record.rows, record.skipped = filename, digest, rows, skipped
    record.imported_at = utcnow()


def import_reference(
    data_dir: Path, *, force: bool = False, progress: Progress = lambda _msg: None
) -> list[ImportResult]:
    """Load every reference file that changed since it was last loaded (all, with force).

    Adds and flushes in the caller's session; the caller commits.
    """
    data_dir = Path(data_dir)
    done = {r.dataset: r for r in db.session.scalars(sa.select(ReferenceImport))}
    results: list[ImportResult] = []

    countries_path = data_dir / COUNTRIES_FILE
    started = time.perf_counter()
    digest = file_digest(countries_path) if countries_path.exists() else ""
    countries = parse_countries(countries_path)
    known = {c["iso3"] for c in countries}
    if force or done.get("countries") is None or done["countries"].sha256 != digest:
        _upsert_countries(countries)
        _record("countries", COUNTRIES_FILE, digest, len(countries), 0)
        results.append(ImportResult("countries", COUNTRIES_FILE, len(countries), 0,
                                    time.perf_counter() - started))
    else:
        results.append(ImportResult("countries", COUNTRIES_FILE, len(countries), 0, 0.0, True))
    progress(_describe(results[-1]))

    for dataset in DATASETS:
        path = data_dir / dataset.filename
        started = time.perf_counter()
        digest = file_digest(path) if path.exists() else ""
        previous = done.get(dataset.key)
        if not force and previous is not None and previous.sha256 == digest:
            results.append(ImportResult(dataset.key, dataset.filename, previous.rows,
                                        previous.skipped, 0.0, True))
        else:
            parsed = parse_dataset(dataset, path, known)
            rows = len(parsed.rows) + len(parsed.unlisted)
            _replace_rows(dataset, parsed)
            _record(dataset.key, dataset.filename, digest, rows, parsed.skipped)
            results.append(ImportResult(dataset.key, dataset.filename, rows, parsed.skipped,
                                        time.perf_counter() - started, kept_unlisted=dict(parsed.kept_codes),
                                        skipped_codes=dict(parsed.skipped_codes)))
        progress(_describe(results[-1]))
    db.session.flush()
    return results


def _places(codes: dict[str, int]) -> str:
    return ", ".join(f"{label(code)}: {n:,} row{'s' if n != 1 else ''}" for code, n in sorted(codes.items()))


def _describe(result: ImportResult) -> str:
    if result.unchanged:
        return f"  {result.filename}: unchanged since last import ({result.rows:,} rows), skipped"
    text = f"  {result.filename}: {result.rows:,} rows loaded in {result.seconds:.1f} s"
    if result.kept_unlisted:
        text += ("; kept with the source's name, as places the hub has no page for (not UN DESA "
                 f"countries or areas): {_places(result.kept_unlisted)}")
    if result.skipped:
        text += (f"; {result.skipped:,} rows skipped because the place is not a UN DESA country or "
                 f"area, so the hub has no page to show them on: {_places(result.skipped_codes)}")
    return text
