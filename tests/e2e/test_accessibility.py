"""axe-core finds no serious or critical accessibility fault on the public pages."""

from axe_playwright_python.sync_playwright import Axe

from hub.extensions import db

SERIOUS = {"serious", "critical"}


def serious_violations(page):
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]


def nav_urls(page, live_server):
    page.goto(live_server + "/")
    return page.locator("nav.main-nav a").evaluate_all("links => links.map(a => a.getAttribute('href'))")


def check(page, live_server, paths):
    problems = {}
    for path in dict.fromkeys(paths):
        page.goto(live_server + path)
        found = serious_violations(page)
        if found:
            problems[path] = found
    return problems


def test_list_and_static_pages_have_no_serious_faults(page, live_server):
    paths = [*nav_urls(page, live_server), "/about", "/no-such-page", "/login", "/register", "/search/help"]
    assert check(page, live_server, paths) == {}


def test_pages_with_content_have_no_serious_faults(
    app, page, live_server, make_org, make_action, make_story, make_partnership, make_source, make_user,
    make_event, make_opportunity,
):
    with app.test_request_context():
        org = make_org(name="Kumasi Health Diaspora Network")
        action = make_action(org, title="Nurses for Kumasi", description="## Context\n\nTraining **nurses**.")
        story = make_story(org, title="A clinic that stayed open", body="It *worked*.")
        partnership = make_partnership(org, title="Ghana–Germany health partnership")
        source = make_source(title="Ghana migration survey", years_from=2000, years_to=2020)
        event = make_event(org, title="Hybrid health forum", format="hybrid", venue="Hall", city="Accra",
                           venue_country_iso3="GHA", status="cancelled", status_note="The hall is closed.")
        call = make_opportunity(org, title="Clinic grant", amount=500, currency="EUR")
        slugs = (org.slug, action.slug, story.slug, partnership.slug, source.slug, event.slug, call.slug)
        from hub.reminders.services import make_confirm_token

        owner = make_user(org=org)
        confirm = f"/confirm-profile/{make_confirm_token(org, owner)}"
        db.session.remove()
    paths = [
        f"/organizations/{slugs[0]}", f"/actions/{slugs[1]}", f"/stories/{slugs[2]}",
        f"/partnerships/{slugs[3]}", f"/sources/{slugs[4]}", "/countries/GHA", "/communities/GHA-DEU",
        "/search?q=ghana", "/actions?theme=health", "/?lang=fr", "/countries/SEN?lang=es", confirm,
        "/confirm-profile/not-a-token",
        f"/events/{slugs[5]}?tz=Europe/Paris", f"/opportunities/{slugs[6]}", "/events?tab=month",
        "/events?tab=past", "/opportunities?tab=closed",
    ]
    assert check(page, live_server, paths) == {}


def test_engagement_pages_have_no_serious_faults(app, browser, live_server, cast, make_action, make_story):
    """Follow, feed, contact and partner-offer pages (issue 13), signed in as an organization's owner."""
    from tests.e2e.test_actions_flow import signed_in
    from tests.test_html import engagement_pages

    with app.test_request_context():
        paths = engagement_pages(cast, make_action, make_story)
        owner = cast["owner"]
        db.session.remove()
    page = signed_in(browser, live_server, owner)
    assert check(page, live_server, paths) == {}
