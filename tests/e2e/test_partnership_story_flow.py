"""Two organizations form a partnership, one tells its story, a moderator approves both, and a
policymaker finds a data source by country and years — all through the real pages."""

from __future__ import annotations

import re

import pytest

from tests.fixtures.factories import PASSWORD


@pytest.fixture
def people(make_org, make_user, make_action, make_source):
    lead = make_org(name="Ghana Health Professionals Germany", hq="DEU", heritage=("GHA",))
    partner = make_org(name="Accra Diaspora Desk", hq="GHA", heritage=("GHA",), org_type="government")
    make_action(lead, title="Emergency triage training in Kumasi")
    make_source("Ghana Living Standards Survey", country_codes=("GHA",), years_from=2012, years_to=2017,
                kind="survey", publisher="Ghana Statistical Service")
    make_source("Mexican Migration Project", country_codes=("MEX",), years_from=1982, years_to=2019,
                publisher="Princeton University")
    make_source("Ghana census 2000", country_codes=("GHA",), years_from=2000, years_to=2000, kind="census",
                publisher="Ghana Statistical Service")
    return {
        "lead_owner": make_user(org=lead, email="lena@lead.example.org"),
        "partner_editor": make_user(org=partner, org_role="editor", email="pia@partner.example.org"),
        "moderator": make_user(role="moderator", email="mo@hub.example.org"),
        "lead": lead, "partner": partner,
    }


def signed_in(browser, live_server, email):
    """A fresh browser context signed in through the real form."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server + "/login")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/dashboard"))
    return context, page


def test_partnership_story_and_sources(browser, live_server, people):
    errors = []

    # 1. The lead organization proposes a partnership naming the partner, and submits it.
    context, page = signed_in(browser, live_server, "lena@lead.example.org")
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.get_by_role("link", name="Propose a partnership").first.click()
    page.get_by_label("Title", exact=True).fill("Diaspora clinicians for Kumasi")
    page.get_by_label("Summary", exact=True).fill("Ghanaian clinicians in Germany train colleagues in Kumasi.")
    page.get_by_label("Description").fill("Volunteer placements coordinated with the hospitals.")
    page.locator("#partners-0-organization").select_option(label="Accra Diaspora Desk")
    page.locator("#partners-0-role").select_option("implementing")
    page.get_by_label("Countries").select_option(["GHA", "DEU"])
    page.get_by_label("Themes").select_option(["health"])
    page.get_by_label("Linked actions").select_option(label="Emergency triage training in Kumasi")
    page.get_by_role("button", name="Save and preview").click()
    assert "Preview" in page.locator(".notice").inner_text()
    assert "waiting for confirmation" in page.content()
    page.get_by_role("button", name="Submit for review").click()
    assert "Submitted for review" in page.locator(".workflow").inner_text()
    context.close()

    # 2. The partner confirms from its dashboard, then reports progress.
    context, page = signed_in(browser, live_server, "pia@partner.example.org")
    invitations = page.locator("section[aria-labelledby=invitations-title]")
    assert "Diaspora clinicians for Kumasi" in invitations.inner_text()
    invitations.get_by_role("button", name="Confirm").click()
    assert "is confirmed as a partner" in page.locator(".flashes").inner_text()
    page.goto(live_server + "/partnerships/diaspora-clinicians-for-kumasi")
    page.get_by_role("link", name="Add a progress report").click()
    page.get_by_label("Achievements").fill("Eleven volunteers completed placements in four hospitals.")
    page.get_by_label("Challenges").fill("Temporary licences arrived late.")
    page.get_by_role("button", name="Publish the report").click()
    assert "Eleven volunteers" in page.locator("#progress-section").inner_text()
    assert "Active" in page.locator("#progress-section .light").inner_text()
    context.close()

    # 3. The lead writes a story about the partnership and submits it.
    context, page = signed_in(browser, live_server, "lena@lead.example.org")
    page.get_by_role("link", name="Write a success story").click()
    body = page.get_by_label("The story", exact=True)
    assert "## Lessons learnt" in body.input_value()
    page.get_by_label("Title", exact=True).fill("Eleven placements, one list of needs")
    page.get_by_label("Summary", exact=True).fill("How diaspora clinicians and Kumasi hospitals plan together.")
    body.fill("## Context\n\nLong waits.\n\n## Results\n\nTriage taught on every ward.")
    page.get_by_label("Linked partnership").select_option(label="Diaspora clinicians for Kumasi")
    page.get_by_label("Countries").select_option(["GHA"])
    page.get_by_role("button", name="Save and preview").click()
    assert page.locator(".field.has-error").count() == 1  # consent is required; the text is kept
    assert "Triage taught on every ward." in page.get_by_label("The story", exact=True).input_value()
    page.get_by_label("The people shown or named in this story agreed to appear in it.").check()
    page.get_by_role("button", name="Save and preview").click()
    page.get_by_role("button", name="Submit for review").click()
    context.close()

    # 4. A moderator approves both from the queue.
    context, page = signed_in(browser, live_server, "mo@hub.example.org")
    page.goto(live_server + "/moderation")
    for title in ("Diaspora clinicians for Kumasi", "Eleven placements, one list of needs"):
        item = page.locator(".queue-list li", has_text=title)
        item.get_by_role("button", name="Approve and publish").click()
        assert "Published" in page.locator(".flashes").inner_text()
    context.close()

    # 5. Anyone follows the links between the partnership, the story, the organizations and the country.
    page = browser.new_page()
    page.goto(live_server + "/partnerships")
    page.get_by_role("link", name="Diaspora clinicians for Kumasi").click()
    partners = page.locator("section[aria-labelledby=partners-title]").inner_text()
    assert "Accra Diaspora Desk" in partners and "waiting" not in partners
    assert page.locator("h1").count() == 1
    page.get_by_role("link", name="Eleven placements, one list of needs").click()
    assert page.locator("h1").inner_text() == "Eleven placements, one list of needs"
    page.get_by_role("link", name="Diaspora clinicians for Kumasi").click()
    page.get_by_role("link", name="Accra Diaspora Desk").first.click()
    assert "Diaspora clinicians for Kumasi" in page.locator("section[aria-labelledby=partnerships-title]").inner_text()
    page.go_back()
    page.locator(".facts").get_by_role("link", name="Ghana", exact=True).click()
    assert "Ghana" in page.locator("h1").inner_text()
    assert "Diaspora clinicians for Kumasi" in page.content()

    # 6. A policymaker filters the data sources by country and years and opens one.
    page.goto(live_server + "/sources")
    page.get_by_label("Country covered").select_option("GHA")
    page.get_by_label("Years from").fill("2015")
    page.get_by_label("Years to").fill("2016")
    page.get_by_role("button", name="Filter").click()
    results = page.locator(".item-list").inner_text()
    assert "Ghana Living Standards Survey" in results
    assert "Mexican Migration Project" not in results and "Ghana census 2000" not in results
    page.get_by_role("link", name="Ghana Living Standards Survey").click()
    assert page.locator("h1").inner_text() == "Ghana Living Standards Survey"
    assert "2012–2017" in page.locator(".facts").inner_text()
    page.close()
    assert errors == []
