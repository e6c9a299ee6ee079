"""What people call a country, a theme or a goal, in English, French and Spanish.

Country names come from three real sources: the database's own names (UN DESA's English names
and the French and Spanish names imported with them), CLDR's names through Babel (the names
software shows in each language: "South Korea", "Corée du Sud", "Vietnam") and pycountry's ISO
3166 official and common names ("Czechia", "Republic of Türkiye"). Demonyms ("Senegalese",
"sénégalaises", "marroquíes") and everyday aliases ("UK", "Holland", "Ivory Coast") come from the
reviewed table data/country_names.csv (its provenance is in data/README.md); the regular feminine
and plural forms are derived here, irregular ones are listed in the table.

Themes, SDGs and kinds of action are the hub's own vocabulary (hub.taxonomy.vocabulary), read in
each interface language from the translation catalogues.
"""

from __future__ import annotations

import csv
import functools
import re
from pathlib import Path

import pycountry
from babel import Locale
from flask import current_app, has_app_context
from flask_babel import force_locale

from hub.config import PROJECT_ROOT

LANGUAGES = ("en", "fr", "es")
NAMES_FILE = "country_names.csv"
_PAREN = re.compile(r"\(([^)]*)\)")


def _data_dir() -> Path:
    if has_app_context():
        return Path(current_app.config.get("DATA_DIR") or PROJECT_ROOT / "data")
    return PROJECT_ROOT / "data"


def inflections(form: str, lang: str) -> set[str]:
    """A demonym and its regular feminine and plural forms ("ivoirien" -> "ivoiriennes", ...)."""
    out = {form}
    low = form.lower()
    if lang == "en":
        if not low.endswith(("ese", "ss", "sh", "ch", "s", "i")) or low.endswith(("pakistani", "bangladeshi",
                                                                                   "iraqi", "yemeni", "saudi",
                                                                                   "somali", "nepali", "emirati",
                                                                                   "thai")):
            out.add(form + "s")
    elif lang == "fr":
        if low.endswith(("ien", "éen")):
            feminine = form + "ne"
        elif low.endswith("e"):
            feminine = form
        else:
            feminine = form + "e"
        out |= {feminine, feminine + "s", form if low.endswith(("s", "x")) else form + "s"}
    elif lang == "es":
        if low.endswith("o"):
            out |= {form[:-1] + "a", form + "s", form[:-1] + "as"}
        elif low.endswith("és"):
            out |= {form[:-2] + "esa", form[:-2] + "eses", form[:-2] + "esas"}
        elif low.endswith(("í", "ú")):
            out |= {form + "es", form + "s"}
        elif low.endswith("e") or low.endswith("a"):
            out.add(form + "s")
        elif low.endswith("án"):
            out |= {form[:-2] + "ana", form[:-2] + "anes", form[:-2] + "anas"}
        else:
            out |= {form + "a", form + "es", form + "as"}
    return out


@functools.cache
def _table(path: Path) -> tuple[tuple[str, str, str, str], ...]:
    with path.open(encoding="utf-8") as f:
        return tuple((r["iso3"], r["lang"], r["kind"], form.strip())
                     for r in csv.DictReader(f) for form in r["forms"].split("|") if form.strip())


def country_table() -> tuple[tuple[str, str, str, str], ...]:
    """(iso3, lang, kind, form) rows of data/country_names.csv; kind is demonym, alias or abbrev."""
    path = _data_dir() / NAMES_FILE
    if not path.exists():
        path = PROJECT_ROOT / "data" / NAMES_FILE
    return _table(path)


def demonyms() -> list[tuple[str, str, str]]:
    """(iso3, lang, form) of every demonym form, inflections included."""
    return [(iso3, lang, f) for iso3, lang, kind, form in country_table() if kind == "demonym"
            for f in inflections(form, lang)]


def _split(name: str) -> list[str]:
    """"Myanmar (Burma)" -> ["Myanmar", "Burma"]; "Congo - Kinshasa" stays whole."""
    inner = _PAREN.findall(name)
    outer = _PAREN.sub(" ", name).strip()
    return [n for n in (outer, *inner) if n.strip()]


@functools.cache
def standard_names(iso3: str, iso2: str | None) -> tuple[str, ...]:
    """CLDR names in en/fr/es and pycountry's ISO names of one country."""
    names: list[str] = []
    if iso2:
        for lang in LANGUAGES:
            name = Locale(lang).territories.get(iso2.upper())
            if name:
                names += _split(name)
    record = pycountry.countries.get(alpha_3=iso3)
    if record is not None:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(record, attr, None)
            if value and "," not in value:  # "Korea, Republic of" reads as plain "Korea"
                names += _split(value)
    return tuple(dict.fromkeys(names))


def vocabulary_names() -> list[tuple[str, str, str]]:
    """(facet, value, name) for every theme, SDG and kind of action, in the three languages.

    An SDG or theme is also known by its first two words ("clean water", "good health") and a
    theme by its first word when that is a word of its own ("Retour", "Climate").
    """
    from hub.taxonomy import vocabulary

    to_theme = {"skills-transfer": "skills", "humanitarian": "humanitarian", "investment": "investment"}
    out = []
    for lang in LANGUAGES:
        with force_locale(lang):
            for slug, label in vocabulary.THEMES:
                out.append(("theme", slug, str(label)))
                out.append(("theme", slug, slug.replace("-", " ")))
            for number, label in vocabulary.SDGS:
                out.append(("sdg", str(number), str(label)))
            for kind, label in vocabulary.ACTION_KINDS:
                if kind in to_theme:
                    out.append(("theme", to_theme[kind], str(label)))
    return out
