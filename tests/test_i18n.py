"""The interface in French and Spanish: language choice, and complete, well-formed catalogues."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

TRANSLATIONS = Path(__file__).resolve().parent.parent / "hub" / "translations"
LOCALES = ("fr", "es")
# Python-format placeholders (%(name)s, %s, %%) and str.format fields ({}, {name}).
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdifr]|%[sdifr%]|\{[^{}]*\}")


def _catalog(lang: str):
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as f:
        return read_po(f, locale=lang)


def _messages(lang: str):
    return [m for m in _catalog(lang) if m.id]


def _nav(html: str) -> str:
    """The main navigation of a page."""
    match = re.search(r'<nav class="main-nav".*?</nav>', html, re.S)
    assert match, "the page has no main navigation"
    return match.group(0)


def test_home_in_french_via_query(client):
    html = client.get("/?lang=fr").get_data(as_text=True)
    assert 'lang="fr"' in html
    nav = _nav(html)
    for label in ("Accueil", "Pays", "Organisations", "Partenariats", "Sources de données"):
        assert label in nav
    assert ">Home<" not in nav


def test_home_in_spanish_via_query(client):
    html = client.get("/?lang=es").get_data(as_text=True)
    assert 'lang="es"' in html
    nav = _nav(html)
    for label in ("Inicio", "Países", "Organizaciones", "Alianzas", "Fuentes de datos"):
        assert label in nav
    assert ">Home<" not in nav


def test_english_is_the_default(client):
    nav = _nav(client.get("/").get_data(as_text=True))
    assert "Home" in nav and "Accueil" not in nav


def test_language_cookie_persists_across_requests(client):
    response = client.get("/language/fr?next=/countries")
    assert response.status_code in (302, 303)
    assert "hub_lang=fr" in response.headers["Set-Cookie"]
    for path in ("/", "/countries", "/organizations"):
        html = client.get(path).get_data(as_text=True)
        assert "Accueil" in _nav(html), path
    # Choosing another language replaces the cookie.
    client.get("/language/es")
    assert "Inicio" in _nav(client.get("/").get_data(as_text=True))


def test_accept_language_header_selects_spanish(client):
    html = client.get("/", headers={"Accept-Language": "es-ES,es;q=0.9,en;q=0.5"}).get_data(as_text=True)
    assert "Inicio" in _nav(html)
    html = client.get("/", headers={"Accept-Language": "fr-CA,fr;q=0.8"}).get_data(as_text=True)
    assert "Accueil" in _nav(html)


def test_explicit_choice_beats_accept_language(client):
    html = client.get("/?lang=fr", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert "Accueil" in _nav(html)


@pytest.mark.parametrize("path", ["/countries", "/organizations", "/login", "/register", "/search?q=health"])
@pytest.mark.parametrize("lang", LOCALES)
def test_pages_render_in_each_language(client, path, lang):
    sep = "&" if "?" in path else "?"
    response = client.get(f"{path}{sep}lang={lang}")
    assert response.status_code == 200
    assert f'lang="{lang}"' in response.get_data(as_text=True)


@pytest.mark.parametrize("lang", LOCALES)
def test_catalogue_is_complete(lang):
    messages = _messages(lang)
    assert len(messages) > 500
    untranslated = [m.id for m in messages
                    if not (m.string if isinstance(m.string, str) else all(m.string))]
    fuzzy = [m.id for m in messages if m.fuzzy]
    assert not untranslated, f"{lang}: {len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert not fuzzy, f"{lang}: fuzzy entries {fuzzy[:5]}"


@pytest.mark.parametrize("lang", LOCALES)
def test_catalogue_has_two_plural_forms(lang):
    catalog = _catalog(lang)
    assert catalog.num_plurals == 2
    for m in catalog:
        if m.id and m.pluralizable:
            assert len(m.string) == 2 and all(m.string), m.id


@pytest.mark.parametrize("lang", LOCALES)
def test_placeholders_match_msgids(lang):
    problems = []
    for m in _messages(lang):
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        expected = set().union(*(PLACEHOLDER.findall(i) for i in ids))
        for i, s in enumerate(strings):
            found = set(PLACEHOLDER.findall(s))
            # A singular form may leave out the number ("un seul résultat"); others may not.
            ok = found <= expected if len(strings) > 1 and i < len(strings) - 1 else found == expected
            if s and not ok:
                problems.append((m.id, s))
    assert not problems, f"{lang}: placeholders differ: {problems[:5]}"


@pytest.mark.parametrize("lang", LOCALES)
def test_translations_keep_surrounding_whitespace(lang):
    for m in _messages(lang):
        source = m.id if isinstance(m.id, str) else m.id[0]
        for s in [m.string] if isinstance(m.string, str) else m.string:
            assert source[:1].isspace() == s[:1].isspace(), m.id
            assert source[-1:].isspace() == s[-1:].isspace(), m.id
