"""Load the reference data in data/: countries, UN DESA migrant stock, remittances.

Every file is read and checked in full before anything is written, then written in bulk inside
the caller's transaction, so a malformed file leaves the database exactly as it was.
"""

from __future__ import annotations

import csv
import gettext
import hashlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
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
)


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


def _codes(path, line, row, columns, known, skip_unknown) -> bool:
    """Check the row's country codes; False when the row is to be skipped."""
    for column in columns:
        code = row[column].strip()
        if code not in known:
            if skip_unknown:
                return False
            raise ReferenceDataError(f"{path}, line {line}: {column} {code!r} is not a known country")
    return True


def parse_dataset(dataset: Dataset, path: Path, known: set[str]) -> tuple[list[dict], int]:
    """Rows ready for a bulk insert, and how many rows were skipped."""
    rows, skipped, seen = [], 0, set()
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
        if not _codes(path, line, row, code_columns, known, dataset.skip_unknown):
            skipped += 1
            continue
        key = tuple(row[c].strip() for c in key_columns)
        if key in seen:
            raise ReferenceDataError(f"{path}, line {line}: duplicate row for {', '.join(key)}")
        seen.add(key)
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
    return rows, skipped


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


def _replace_rows(dataset: Dataset, rows: list[dict]) -> None:
    table = dataset.model.__table__
    delete = sa.delete(table)
    if dataset.edition is not None:
        delete = delete.where(table.c.edition == dataset.edition)
    db.session.execute(delete)
    chunk = 10_000
    for start in range(0, len(rows), chunk):
        db.session.execute(sa.insert(table), rows[start:start + chunk])


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
            rows, skipped = parse_dataset(dataset, path, known)
            _replace_rows(dataset, rows)
            _record(dataset.key, dataset.filename, digest, len(rows), skipped)
            results.append(ImportResult(dataset.key, dataset.filename, len(rows), skipped,
                                        time.perf_counter() - started))
        progress(_describe(results[-1]))
    db.session.flush()
    return results


def _describe(result: ImportResult) -> str:
    if result.unchanged:
        return f"  {result.filename}: unchanged since last import ({result.rows:,} rows), skipped"
    skipped = f", {result.skipped:,} rows skipped (country not in the UN DESA list)" if result.skipped else ""
    return f"  {result.filename}: {result.rows:,} rows loaded in {result.seconds:.1f} s{skipped}"
