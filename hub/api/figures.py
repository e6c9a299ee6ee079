"""Remittance figures of the API: the same rows as the country and community pages and their CSVs.

Values go through hub.places.numbers, the rounding the pages and CSVs use. WDI values are whole
US$; KNOMAD publishes US$ million with three decimals, given both as published (`usd_million`)
and in US$ (`value`, exact: the published figure times a million), so every series has one unit.
"""

from __future__ import annotations

from hub.places import services
from hub.places.models import Country
from hub.places.numbers import as_json, figure
from hub.places.tables import CITATIONS, REMITTANCE_DATASETS


def _series(key: str, rows: list[dict]) -> dict:
    return {**REMITTANCE_DATASETS[key], "source": CITATIONS[key], "rows": rows}


def _usd(usd_million) -> int | None:
    number = figure(usd_million, "musd")
    return None if number is None else int(number * 1_000_000)


def place(value: Country | services.UnlistedPlace) -> dict:
    """The other side of a flow: a country with its page, or a place the hub has no page for."""
    if isinstance(value, Country):
        return {"code": value.iso3, "iso3": value.iso3, "name": value.name, "has_page": True}
    return {"code": value.code, "iso3": None, "name": value.label, "has_page": False}


def received(iso3: str) -> dict:
    """WDI personal remittances received, the whole published series."""
    return _series("wdi", [{"year": r.year, "value": as_json(r.usd, "usd")}
                           for r in services.remittances_received(iso3)])


def flows(rows: list[services.Flow]) -> dict:
    """KNOMAD rows of one country and one direction, every row, with their exact total."""
    total = services.flow_total(rows)
    body = _series("knomad", [{"year": f.year, "value": _usd(f.usd_million),
                               "usd_million": as_json(f.usd_million, "musd"), "place": place(f.place)}
                              for f in rows])
    body["total"] = {"value": _usd(total), "usd_million": as_json(total, "musd"), "rows": len(rows)}
    return body


def corridor(origin: str, destination: str) -> dict:
    """The KNOMAD estimate of what migrants from `origin` in `destination` send home (0 or 1 row)."""
    row = services.bilateral_remittance(origin, destination)
    return _series("knomad", [] if row is None else [
        {"year": row.year, "value": _usd(row.usd_million), "usd_million": as_json(row.usd_million, "musd")}
    ])
