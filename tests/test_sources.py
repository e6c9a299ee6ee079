"""The data-source catalogue: filters (the year range above all), submission and curation, lists."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from hub.extensions import db
from hub.sources.models import DataSource
from tests.fixtures.content import count_queries


def source_form(**overrides) -> dict:
    data = {
        "title": "Ghanaian diaspora skills survey",
        "publisher": "Accra Diaspora Desk",
        "kind": "survey",
        "url": "https://example.org/skills-survey",
        "description": "A survey of 2,000 Ghanaian professionals abroad.",
        "countries": ["GHA", "DEU"],
        "years_from": "2019",
        "years_to": "2021",
        "themes": ["skills"],
        "access": "open",
        "format": "CSV",
        "licence": "CC BY 4.0",
    }
    data.update(overrides)
    return data


def _titles(client, query, candidates):
    page = client.get(f"/sources?{query}").get_data(as_text=True)
    return {t for t in candidates if t in page}


@pytest.fixture
def spans(make_source):
    """Sources covering 1990–2000, 2005–2010, 2015–(open), (open)–1995, and no years at all."""
    return {
        "Nineties": make_source("Nineties", years_from=1990, years_to=2000),
        "Late noughties": make_source("Late noughties", years_from=2005, years_to=2010),
        "Since 2015": make_source("Since 2015", years_from=2015, years_to=None),
        "Until 1995": make_source("Until 1995", years_from=None, years_to=1995),
        "Undated": make_source("Undated", years_from=None, years_to=None),
    }


@pytest.mark.parametrize("query, expected", [
    ("", {"Nineties", "Late noughties", "Since 2015", "Until 1995", "Undated"}),
    ("year_from=2000&year_to=2005", {"Nineties", "Late noughties"}),  # touching ends overlap
    ("year_from=2001&year_to=2004", set()),
    ("year_from=2011&year_to=2014", set()),
    ("year_from=2020", {"Since 2015"}),
    ("year_to=1990", {"Nineties", "Until 1995"}),
    ("year_from=1996&year_to=1999", {"Nineties"}),
    ("year_from=2010&year_to=2005", {"Late noughties"}),  # a reversed range is read the right way round
    ("year_from=abc&year_to=", {"Nineties", "Late noughties", "Since 2015", "Until 1995", "Undated"}),
])
def test_year_range_filter_finds_overlapping_coverage(app, client, spans, query, expected):
    assert _titles(client, query, spans) == expected


def test_country_filter_includes_regional_and_worldwide_unless_asked(app, client, make_source):
    make_source("Ghana census", country_codes=("GHA",))
    make_source("Senegal survey", country_codes=("SEN",))
    make_source("Global database", country_codes=(), regions_covered="WLD")
    make_source("Africa-wide study", country_codes=(), regions_covered="AFR")
    make_source("Europe-wide study", country_codes=(), regions_covered="EUR")
    names = {"Ghana census", "Senegal survey", "Global database", "Africa-wide study", "Europe-wide study"}
    assert _titles(client, "country=GHA", names) == {"Ghana census", "Global database", "Africa-wide study"}
    assert _titles(client, "country=GHA&scope=listed", names) == {"Ghana census"}
    assert _titles(client, "country=DEU", names) == {"Global database", "Europe-wide study"}
    page = client.get("/sources?country=GHA").get_data(as_text=True)
    assert page.index("Ghana census") < page.index("Global database")  # named countries first


def test_other_filters(app, client, make_source):
    from tests.fixtures.factories import themes

    census = make_source("National census", kind="census", access="restricted", publisher="Statistics Office")
    census.themes = themes("migrant-stock")
    make_source("Remittance prices", kind="dataset", access="open", publisher="World Bank")
    make_source("Draft source", state="submitted")
    db.session.commit()
    names = {"National census", "Remittance prices", "Draft source"}
    assert _titles(client, "", names) == {"National census", "Remittance prices"}
    assert _titles(client, "kind=census", names) == {"National census"}
    assert _titles(client, "access=open", names) == {"Remittance prices"}
    assert _titles(client, "publisher=World+Bank", names) == {"Remittance prices"}
    assert _titles(client, "theme=migrant-stock", names) == {"National census"}
    assert _titles(client, "q=remittance", names) == {"Remittance prices"}
    assert _titles(client, "kind=spaceship&publisher=Nobody", names) == {"National census", "Remittance prices"}


def test_detail_shows_fields_link_check_and_links(app, client, make_source):
    from datetime import UTC, datetime

    source = make_source("UN DESA International Migrant Stock", years_from=1990, years_to=2024,
                         publisher="UN DESA", licence="CC BY 3.0 IGO", how_to_cite="UN DESA (2024).",
                         link_checked_at=datetime(2026, 1, 5, tzinfo=UTC), link_ok=False, link_status=404,
                         link_error="HTTP 404 Not Found")
    page = client.get(f"/sources/{source.slug}").get_data(as_text=True)
    for text in ("1990–2024", "CC BY 3.0 IGO", "UN DESA (2024).", "2026-01-05", "HTTP 404", "/countries/GHA",
                 "On the hub: record added", "updated"):
        assert text in page, text


def test_organization_submits_a_source_for_review(app, partners, login_client, client):
    editor = login_client(partners["partner_editor"])
    assert editor.get("/sources/new").status_code == 200
    bad = editor.post("/sources/new", data=source_form(years_from="2021", years_to="2019", url="ftp://x"))
    page = bad.get_data(as_text=True)
    assert bad.status_code == 400
    assert "The last year cannot be before the first year." in page and "https://" in page
    assert "Ghanaian diaspora skills survey" in page
    assert editor.post("/sources/new", data=source_form()).status_code == 302
    source = db.session.scalar(sa.select(DataSource).order_by(DataSource.id.desc()))
    assert (source.review_state, source.organization_id) == ("draft", partners["partner"].id)
    assert client.get(f"/sources/{source.slug}").status_code == 404
    editor.post(f"/sources/{source.slug}/workflow", data={"step": "submit"})
    moderator = login_client(partners["moderator"])
    assert source.title in moderator.get("/moderation").get_data(as_text=True)
    moderator.post(f"/sources/{source.slug}/workflow", data={"step": "approve"})
    assert client.get(f"/sources/{source.slug}").status_code == 200
    assert "Ghanaian diaspora skills survey" in client.get("/sources?country=GHA&year_from=2020").get_data(
        as_text=True)


def test_moderators_curate_every_source(app, partners, login_client, make_source):
    catalogue = make_source("Catalogue entry", years_from=2000, years_to=2010)  # no organization: seeded
    moderator = login_client(partners["moderator"])
    assert moderator.get(f"/sources/{catalogue.slug}/edit").status_code == 200
    response = moderator.post(f"/sources/{catalogue.slug}/edit",
                              data=source_form(title="Catalogue entry, corrected", version=str(catalogue.version)))
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(DataSource, catalogue.id).title == "Catalogue entry, corrected"
    # Moderators add sources straight to the catalogue.
    assert moderator.post("/sources/new", data=source_form(title="Curated addition")).status_code == 302
    added = db.session.scalar(sa.select(DataSource).where(DataSource.title == "Curated addition"))
    assert added.review_state == "published" and added.organization_id is None
    # Nobody else edits a catalogue entry.
    assert login_client(partners["lead_owner"]).get(f"/sources/{catalogue.slug}/edit").status_code == 403


def test_list_sorts_by_updated(app, client, make_source):
    from datetime import UTC, datetime

    old = make_source("Old entry")
    new = make_source("New entry")
    old.updated_at, new.updated_at = datetime(2020, 1, 1, tzinfo=UTC), datetime(2025, 1, 1, tzinfo=UTC)
    db.session.commit()
    page = client.get("/sources?sort=updated").get_data(as_text=True)
    assert page.index("New entry") < page.index("Old entry")


@pytest.mark.parametrize("path", ["/sources", "/sources?country=GHA&year_from=2000&year_to=2020&sort=updated"])
def test_list_makes_a_constant_number_of_queries(app, client, make_source, path):
    from tests.fixtures.factories import themes

    def add(n, tag):
        for i in range(n):
            source = make_source(f"Counted {tag} {i}", country_codes=("GHA", "SEN"), years_from=2000,
                                 years_to=2020, publisher=f"Publisher {tag}{i}")
            source.themes = themes("health", "remittances")
        db.session.commit()

    add(3, "a")
    few = count_queries(client, path)
    add(9, "b")
    assert count_queries(client, path) == few
