"""IANA time zones: the list people choose from, local time to UTC and back, DST gaps.

Events and calls keep their instants in UTC plus the zone they were given in, so a time is
shown as the organizer meant it ("10:00 in New York") and converted for any reader.
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from flask_babel import lazy_gettext as _l

DEFAULT_ZONE = "UTC"
# Zones kept for old data or as aliases only: not offered in the list.
_SKIP_PREFIXES = ("Etc/", "SystemV/", "US/", "Canada/", "Mexico/", "Brazil/", "Chile/", "posix", "right")

GAP_MESSAGE = _l("This time does not exist in %(zone)s: the clocks jump forward then. Choose another time.")


@functools.cache
def zone_names() -> tuple[str, ...]:
    """Every canonical IANA zone name ("Africa/Accra", ...), sorted, plus UTC."""
    names = {n for n in available_timezones() if "/" in n and not n.startswith(_SKIP_PREFIXES)}
    return (DEFAULT_ZONE, *sorted(names))


def is_zone(name: str | None) -> bool:
    """Is `name` a zone we offer?"""
    return bool(name) and name in zone_names()


def zone(name: str | None) -> ZoneInfo:
    """The ZoneInfo for `name`, UTC when it is unknown."""
    try:
        return ZoneInfo(name) if is_zone(name) else ZoneInfo(DEFAULT_ZONE)
    except ZoneInfoNotFoundError:  # pragma: no cover - tzdata is pinned
        return ZoneInfo(DEFAULT_ZONE)


def in_gap(day: date, clock: time, zone_name: str) -> bool:
    """Does `day` at `clock` not exist in the zone (skipped when the clocks go forward)?"""
    local = datetime.combine(day, clock, tzinfo=zone(zone_name))
    back = local.astimezone(UTC).astimezone(zone(zone_name))
    return back.replace(tzinfo=None) != local.replace(tzinfo=None)


def to_utc(day: date, clock: time | None, zone_name: str) -> datetime:
    """The UTC instant of a local date and time (midnight when no time); the first of a repeated hour."""
    local = datetime.combine(day, clock or time(0), tzinfo=zone(zone_name))
    return local.astimezone(UTC)


def local(instant: datetime | None, zone_name: str | None) -> datetime | None:
    """The instant as a wall-clock time in the zone."""
    return instant.astimezone(zone(zone_name)) if instant is not None else None


def day_after(day: date) -> date:
    return day + timedelta(days=1)


def offset_label(moment: datetime) -> str:
    """"UTC+01:00" style offset of an aware datetime (UTC for zero)."""
    offset = moment.utcoffset() or timedelta(0)
    if not offset:
        return "UTC"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    minutes = abs(minutes)
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"
