"""A data source's other names (acronyms, well-known names): shown, edited, checked, searched."""

from __future__ import annotations

import pytest

from hub import search
from hub.extensions import db
from hub.sources.models import DataSource
from tests.test_sources import source_form

pytestmark = pytest.mark.search_sync


@pytest.fixture
def catalogue(make_source):
    return make_source("Migration indicators of the world", publisher="World Bank", years_from=2000, years_to=2010)


def _edit(client, source, **overrides):
    return client.post(f"/sources/{source.slug}/edit",
                       data=source_form(version=str(source.version), **overrides))


def test_other_names_are_edited_one_per_line_shown_and_searched(app, partners, login_client, client, catalogue):
    moderator = login_client(partners["moderator"])
    names = "WMI\r\n  World Migration Indicators \r\n\r\nWMI\r\nIndicadores; de migración"
    assert _edit(moderator, catalogue, title=catalogue.title, other_names=names).status_code == 302
    db.session.expire_all()
    source = db.session.get(DataSource, catalogue.id)
    assert source.other_names == "WMI|World Migration Indicators|Indicadores; de migración"  # trimmed, once each

    page = client.get(f"/sources/{source.slug}").get_data(as_text=True)
    assert "Also known as" in page and "WMI; World Migration Indicators; Indicadores; de migración" in page
    form = moderator.get(f"/sources/{source.slug}/edit").get_data(as_text=True)
    assert "WMI\nWorld Migration Indicators\nIndicadores; de migración</textarea>" in form
    assert '<label for="other_names">Other names</label>' in form

    assert search.query("WMI").hits[0].ref == source.slug  # the search box
    assert source.title in client.get("/sources?q=WMI").get_data(as_text=True)  # the catalogue's filter
    item = client.get(f"/api/v1/sources/{source.slug}").get_json()
    assert item["other_names"] == ["WMI", "World Migration Indicators", "Indicadores; de migración"]
    assert client.get("/api/v1/sources?q=Indicadores").get_json()["total"] == 1


@pytest.mark.parametrize("names, error", [
    ("WDI|World Development Indicators", "A name cannot contain “|”"),
    ("\n".join(f"Name {i}" for i in range(13)), "List at most 12 names."),
    ("x" * 121, "Each name can be at most 120 characters long."),
    ("\n".join(f"{i:02d}" + "y" * 98 for i in range(6)), "The names can be at most 500 characters long together."),
])
def test_bad_other_names_come_back_on_the_field_as_typed(app, partners, login_client, catalogue, names, error):
    moderator = login_client(partners["moderator"])
    response = _edit(moderator, catalogue, other_names=names)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and error in page
    assert names.split("\n")[0] in page  # what was typed is kept
    db.session.expire_all()
    assert db.session.get(DataSource, catalogue.id).other_names == ""


def test_other_names_are_in_french(app, partners, login_client, catalogue):
    page = login_client(partners["moderator"]).get(f"/sources/{catalogue.slug}/edit?lang=fr").get_data(as_text=True)
    assert "Autres noms" in page and "un par ligne" in page


def test_other_names_and_their_errors_are_in_spanish(app, partners, login_client, catalogue):
    # One request per test: the test's app context keeps the first request's locale.
    response = login_client(partners["moderator"]).post(
        f"/sources/{catalogue.slug}/edit?lang=es",
        data=source_form(version=str(catalogue.version), other_names="x" * 121))
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and "Otros nombres" in page and "como máximo 120 caracteres" in page


def test_an_edit_of_the_other_names_keeps_the_previous_ones(app, partners, login_client, catalogue):
    from hub.review.models import Revision

    catalogue.other_names = "OLD"
    db.session.commit()
    moderator = login_client(partners["moderator"])
    assert _edit(moderator, catalogue, title=catalogue.title, other_names="NEW").status_code == 302
    revisions = db.session.query(Revision).filter_by(entity_id=catalogue.id).all()
    assert [r.data.get("other_names") for r in revisions if "other_names" in r.data] == ["OLD"]
