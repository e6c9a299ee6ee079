"""What every template can use: navigation, number formatting, labels."""

from __future__ import annotations

from flask import Flask, current_app, request, url_for
from flask_babel import format_decimal, get_locale
from flask_babel import lazy_gettext as _l

from hub.taxonomy import vocabulary

# Main navigation; an entry shows once its feature's endpoint exists.
NAVIGATION = [
    ("core.home", _l("Home")),
    ("places.countries", _l("Countries")),
    ("places.communities", _l("Communities")),
    ("orgs.directory", _l("Organizations")),
    ("actions.index", _l("Actions")),
    ("partnerships.index", _l("Partnerships")),
    ("events.index", _l("Events")),
    ("opportunities.index", _l("Opportunities")),
    ("stories.index", _l("Stories")),
    ("sources.index", _l("Data sources")),
]

LANGUAGE_NAMES = {"en": "English", "fr": "Français", "es": "Español"}


def has_endpoint(endpoint: str) -> bool:
    return endpoint in current_app.view_functions


def url_if(endpoint: str, **values) -> str | None:
    """url_for when the endpoint exists, else None (for features not yet built)."""
    return url_for(endpoint, **values) if has_endpoint(endpoint) else None


def navigation():
    """The main navigation; an entry is current when the page lies under its address."""
    path = request.path.rstrip("/") or "/"
    items = []
    for endpoint, label in NAVIGATION:
        if has_endpoint(endpoint):
            url = url_for(endpoint)
            base = url.rstrip("/") or "/"
            active = path == base if base == "/" else path == base or path.startswith(base + "/")
            items.append({"url": url, "label": label, "active": active})
    return items


def number(value, digits: int = 0) -> str:
    """A number formatted for the current locale; an em dash for missing values."""
    if value is None:
        return "—"
    from hub.places.numbers import rounded

    return format_decimal(rounded(value, digits))


def country_names(countries) -> str:
    """Country names in the interface language, comma-separated."""
    locale = str(get_locale() or "en")
    return ", ".join(country.localized_name(locale) for country in countries)


def clock(moment, with_date: bool = True) -> str:
    """A wall-clock time in its own zone, for the interface language: "Tue 3 Mar 2026, 10:00"."""
    if moment is None:
        return "—"
    from babel.dates import format_date, format_time

    locale = str(get_locale() or "en")
    hours = format_time(moment, "HH:mm", tzinfo=moment.tzinfo, locale=locale)
    return f"{format_date(moment, 'EEE d MMM y', locale=locale)}, {hours}" if with_date else hours


def day(value) -> str:
    """A date for the interface language: "Tue 3 Mar 2026"."""
    from babel.dates import format_date

    return format_date(value, "EEE d MMM y", locale=str(get_locale() or "en")) if value else "—"


def month_name(value) -> str:
    """A month for the interface language: "March 2026"."""
    from babel.dates import format_date

    return format_date(value, "LLLL y", locale=str(get_locale() or "en"))


def init_app(app: Flask) -> None:
    from hub.timezones import offset_label

    app.jinja_env.filters["clock"] = clock
    app.jinja_env.filters["day"] = day
    app.jinja_env.filters["month_name"] = month_name
    app.jinja_env.filters["utc_offset"] = offset_label
    app.jinja_env.filters["number"] = number
    app.jinja_env.filters["country_names"] = country_names
    app.jinja_env.globals.update(
        has_endpoint=has_endpoint,
        url_if=url_if,
        vocabulary=vocabulary,
        label=vocabulary.label,
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.context_processor
    def layout_context():
        locale = str(get_locale() or "en")
        return {
            "navigation": navigation(),
            "current_locale": locale,
            "language_names": LANGUAGE_NAMES,
        }
