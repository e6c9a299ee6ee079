"""What people type finds what they mean; the page explains, filters, sorts and stays safe."""

from __future__ import annotations

import re

import sqlalchemy as sa
from markupsafe import Markup

from hub import search
from hub.actions.models import Action, action_implementation, action_origin
from hub.extensions import db


def text_of(page: str) -> str:
    """The page's visible text, tags removed and entities decoded."""
    return Markup(page.split("<main", 1)[1]).striptags()  # noqa: S704 - only read, never rendered


def test_accents_and_case_do_not_matter(make_org, make_action, index_probe):
    action = make_action(make_org(), title="Santé communautaire à Thiès", origin=("SEN",), implementation=("SEN",))
    for text in ("Sénégal", "senegal", "SENEGAL", "sante thies", "Santé"):
        assert action.slug in index_probe.find(text), text


def test_stemming_finds_other_word_forms(make_org, make_action, index_probe):
    action = make_action(make_org(), title="Lowering the cost of remittances", summary="Cheaper transfers home.")
    assert action.slug in index_probe.find("remittance")
    assert action.slug in index_probe.find("lowered costs")


def test_country_by_name_in_three_languages_or_code(make_org, make_action, index_probe):
    action = make_action(make_org(), title="Apprenticeships", origin=("GHA",),
                         implementation=("DEU",))
    for text in ("Germany", "Allemagne", "Alemania", "DEU", "country:DEU", "country:de", "country:Allemagne"):
        assert action.slug in index_probe.find(text), text


def test_cote_divoire_without_accents(reference_index, index_probe):
    assert "CIV" in index_probe.find("Cote d'Ivoire")
    assert "CIV" in index_probe.find("côte d’ivoire")


def test_country_documents_by_name_and_code(reference_index, index_probe):
    assert "SEN" in index_probe.find("Sénégal")
    assert "SEN" in index_probe.find("SN")
    assert "MAR" in index_probe.find("Marruecos")  # Spanish
    assert "DEU" in index_probe.find("Allemagne", filters={"kind": ["country"]})
    corridors = index_probe.find("Ghana Germany", filters={"kind": ["community"]})
    assert "GHA-DEU" in corridors


def test_french_and_spanish_content_analysed_in_their_language(make_org, make_action, index_probe):
    fr = make_action(make_org(), title="Nous investissons dans les coopératives nationales", language="fr")
    es = make_action(make_org(), title="Inversiones de la diáspora", language="es")
    assert fr.slug in index_probe.find("investir national")  # French stems: invest, national
    assert es.slug in index_probe.find("inversión")  # Spanish stem: inversion


def test_and_first_then_or_with_a_notice(client, make_org, make_action):
    make_action(make_org(), title="Nurses for Accra")
    make_action(make_org(), title="Teachers for Kumasi")
    with client.application.app_context():
        both = search.query("nurses teachers")
    assert both.fell_back_to_or and both.total == 2
    page = client.get("/search?q=nurses+teachers").get_data(as_text=True)
    assert "No result contains all of your words" in page
    exact = text_of(client.get("/search?q=nurses+accra").get_data(as_text=True))
    assert "No result contains all of your words" not in exact and "Nurses for Accra" in exact


def test_did_you_mean(client, make_org, make_action):
    action = make_action(make_org(), title="Maternal health clinics")
    page = client.get("/search?q=helth").get_data(as_text=True)  # nothing as typed: the better spelling's results
    assert "Showing results for <strong>health</strong>" in page and f"/actions/{action.slug}" in page
    assert 'href="/search?q=helth&amp;exact=1">helth</a>' in page
    exact = client.get("/search?q=helth&exact=1").get_data(as_text=True)  # "search instead for"
    assert "Did you mean" in exact and ">health</a>" in exact and f"/actions/{action.slug}" not in exact
    body = client.get("/api/v1/search?q=helth").get_json()
    assert body["corrected_from"] == "helth" and body["searched_for"] == "health" and body["total"] == 1
    body = client.get("/api/v1/search?q=helth&exact=true").get_json()
    assert body["corrected_from"] is None and body["total"] == 0 and body["suggestion"] == "health"


def test_phrase_queries(make_org, make_action, index_probe):
    a = make_action(make_org(), title="Skills transfer for engineers")
    b = make_action(make_org(), title="Transfer of skills and money")
    found = index_probe.find('"skills transfer"')
    assert a.slug in found and b.slug not in found


def test_facet_counts_equal_database_counts(make_org, make_action, make_story, index_probe):
    ngo = make_org(org_type="ngo")
    assoc = make_org()
    for i in range(3):
        make_action(ngo, title=f"Water {i}", origin=("GHA",), implementation=("NGA",), theme_slugs=("health",))
    make_action(assoc, title="Water schools", origin=("SEN",), implementation=("SEN",),
                theme_slugs=("education", "health"))
    make_action(assoc, title="Water draft", state="draft", origin=("GHA",))
    make_story(assoc, title="Water story", country_codes=("GHA",))

    results = search.query("", {"kind": ["action"]}, per_page=50)
    facets = {f: {v.value: v.count for v in values} for f, values in results.facets.items()}
    public_actions = sa.select(Action.id).where(Action.review_state == "published")
    assert facets["kind"] == {"action": db.session.scalar(sa.select(sa.func.count()).select_from(
        public_actions.subquery()))}
    for code in ("GHA", "NGA", "SEN"):
        tagged = sa.union(
            sa.select(action_origin.c.action_id).where(action_origin.c.country_iso3 == code),
            sa.select(action_implementation.c.action_id).where(action_implementation.c.country_iso3 == code),
        ).subquery()
        expected = db.session.scalar(
            sa.select(sa.func.count()).select_from(tagged).where(tagged.c.action_id.in_(public_actions))
        )
        assert facets["country"].get(code, 0) == expected, code
    assert facets["theme"] == {"health": 4, "education": 1}
    assert facets["type"] == {"ngo": 3, "diaspora-association": 1}


def test_snippets_cannot_inject_html(client, make_org, make_action):
    make_action(
        make_org(name="<b>Evil</b> org"),
        title='<script>alert("x")</script> clinic',
        summary='clinic <img src=x onerror="alert(1)"> and <a href="javascript:alert(2)">link</a>',
    )
    page = client.get("/search?q=clinic").get_data(as_text=True)
    body = page.split('<main', 1)[1]
    assert "<script>alert" not in body and "<img src=x" not in body and '<a href="javascript' not in body
    assert "&lt;script&gt;" in body and "<mark>clinic</mark>" in body
    assert re.search(r"<mark>[^<]*</mark>", body)


def test_page_shows_badges_matched_in_facets_and_links(client, make_org, make_action):
    org = make_org(name="Ghana Health Diaspora", heritage=("GHA",))
    make_action(org, title="Midwives exchange", origin=("GHA",), implementation=("GHA",), theme_slugs=("health",))
    response = client.get("/search?q=Ghana+health")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert page.count("<h1") == 1
    assert "badge-action" in page and "badge-organization" in page
    assert "Matched in:" in page
    assert "kind=action" in page and "country=GHA" in page and "theme=health" in page
    assert "<script" not in page.split("<main", 1)[1] and "style=" not in page


def test_facet_links_filter_and_chips_remove(client, make_org, make_action):
    org = make_org()
    make_action(org, title="Solar kits Ghana", origin=("GHA",), implementation=("GHA",))
    make_action(org, title="Solar kits Mexico", origin=("MEX",), implementation=("MEX",))
    page = client.get("/search?q=solar&country=MEX").get_data(as_text=True)
    assert "Solar kits Mexico" in text_of(page) and "Solar kits Ghana" not in text_of(page)
    assert 'class="chip" href="/search?q=solar"' in page  # removing the only filter


def test_sort_newest_and_paging(app, client, make_org, make_action):
    org = make_org()
    for i in range(11):
        make_action(org, title=f"Scholarship round {i:02d}")
    app.config["PAGE_SIZE"] = 5
    first = text_of(client.get("/search?q=scholarship&sort=newest").get_data(as_text=True))
    assert "Scholarship round 10" in first and "Page 1 of 3" in first
    third = text_of(client.get("/search?q=scholarship&sort=newest&page=3").get_data(as_text=True))
    assert "Scholarship round 00" in third
    beyond = client.get("/search?q=scholarship&page=99")
    assert beyond.status_code == 200


def test_empty_states(client):
    start = client.get("/search").get_data(as_text=True)
    assert "Try for example" in start
    nothing = client.get("/search?q=zzzzqqq").get_data(as_text=True)
    assert "Nothing found" in nothing and "/search/help" in nothing


def test_help_page(client):
    page = client.get("/search/help").get_data(as_text=True)
    assert "country:GHA" in page and "theme:health" in page and "kind:action" in page
    assert page.count("<h1") == 1


def test_bad_input_never_errors(client):
    for q in ['"unclosed', "country:", "AND OR NOT", "((", "title:*", "x" * 2000, "year:abc", "*"]:
        assert client.get("/search", query_string={"q": q, "page": "x", "sort": "evil"}).status_code == 200, q
