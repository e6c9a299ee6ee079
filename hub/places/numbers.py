"""The one rounding of every published figure: page, CSV, evidence pack and API use it alike.

Figures are rounded once, half away from zero, from the decimal the value reads as (so 0.05 is
0.1 and 1,310.45 is 1,310.5, never the binary float just below them). How many decimals each
kind of figure keeps is fixed here too: KNOMAD publishes US$ million with three decimals, so
those keep the source's own precision everywhere.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

# Decimal places per kind of figure (hub.places.tables.Column.kind).
PLACES = {"int": 0, "usd": 0, "percent": 1, "musd": 3, "usd_million": 1}


def rounded(value, places: int) -> Decimal | None:
    """`value` rounded half away from zero to `places` decimals; None stays None."""
    if value is None:
        return None
    number = value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(value, float) else value)
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def figure(value, kind: str) -> Decimal | None:
    """`value` rounded as a figure of `kind` is published."""
    return rounded(value, PLACES.get(kind, 0))


def as_json(value, kind: str) -> int | float | None:
    """The published figure as a JSON number: an integer for whole kinds, else a float."""
    number = figure(value, kind)
    if number is None:
        return None
    return int(number) if PLACES.get(kind, 0) == 0 else float(number)
