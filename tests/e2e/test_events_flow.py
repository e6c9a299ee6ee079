"""The issue's scenario in Chromium: an online event in New York time, co-organized, reviewed, read from
Paris, subscribed to as a calendar, then postponed; and a call that closes by itself."""

from datetime import UTC, datetime, timedelta

import icalendar

from tests.e2e.test_actions_flow import signed_in


def _feed(page, live_server, path="/events.ics?country=GHA"):
    response = page.request.get(live_server + path)
    assert response.ok and response.headers["content-type"].startswith("text/calendar")
    return list(icalendar.Calendar.from_ical(response.body()).walk("VEVENT"))


def test_online_event_from_proposal_to_postponement(browser, live_server, partners, make_opportunity):
    errors = []
    editor = signed_in(browser, live_server, partners["lead_editor"])
    partner = signed_in(browser, live_server, partners["partner_editor"])
    moderator = signed_in(browser, live_server, partners["moderator"])
    phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    for p in (editor, partner, moderator, phone):
        p.on("pageerror", lambda exc: errors.append(str(exc)))

    # The association proposes an online event in New York time, first at a time that does not exist.
    editor.goto(live_server + "/dashboard")
    editor.get_by_role("link", name="Propose an event").first.click()
    editor.get_by_label("Title", exact=True).fill("Ghana diaspora health investment webinar")
    editor.get_by_label("Short summary").fill("How diaspora investors fund clinics in Ghana.")
    editor.get_by_label("Format").select_option("online")
    editor.get_by_label("Time zone").select_option("America/New_York")
    editor.get_by_label("Start date", exact=True).fill("2030-03-10")
    editor.get_by_label("Start time", exact=True).fill("02:30")
    editor.get_by_label("End date", exact=True).fill("2030-03-10")
    editor.get_by_label("End time", exact=True).fill("04:00")
    editor.get_by_label("Join or registration link").fill("https://meet.example.org/health")
    editor.get_by_label("Countries concerned").select_option(["GHA", "USA"])
    editor.get_by_label("Co-organizers").select_option([str(partners["partner"].id)])
    editor.get_by_role("button", name="Save and preview").click()
    assert "does not exist in America/New_York" in editor.locator("#start_time-error").inner_text()
    assert editor.get_by_label("Title", exact=True).input_value() == "Ghana diaspora health investment webinar"
    editor.get_by_label("Start date", exact=True).fill("2030-03-12")
    editor.get_by_label("Start time", exact=True).fill("10:00")
    editor.get_by_label("End date", exact=True).fill("2030-03-12")
    editor.get_by_label("End time", exact=True).fill("12:00")
    editor.get_by_role("button", name="Save and preview").click()
    assert "/preview" in editor.url
    editor.get_by_role("button", name="Submit for review").click()
    slug = editor.url.rstrip("/").split("/")[-1].split("?")[0]

    # The co-organizer confirms from its dashboard; the moderator publishes from the queue.
    partner.goto(live_server + "/dashboard")
    invitation = partner.locator("li", has_text="Ghana diaspora health investment webinar")
    invitation.get_by_role("button", name="Confirm as co-organizer").click()
    assert "is confirmed as a co-organizer" in partner.locator(".flashes").inner_text()
    moderator.goto(live_server + "/moderation")
    moderator.locator(".queue-list > li", has_text="Ghana diaspora health investment webinar").get_by_role(
        "button", name="Approve and publish").click()

    # A reader in Paris, on a phone, sees the time in both zones.
    phone.goto(live_server + "/events")
    phone.get_by_role("link", name="Ghana diaspora health investment webinar").click()
    phone.get_by_label("Show the time also in").select_option("Europe/Paris")
    phone.get_by_role("button", name="Show", exact=True).click()
    when = phone.locator("#when-title + p").inner_text()
    assert "10:00" in when and "America/New York (UTC-04:00)" in when
    assert "15:00" in when and "Europe/Paris (UTC+01:00)" in when
    assert "Accra Diaspora Desk" in phone.locator("main").inner_text()

    # The calendar feed for Ghana carries it at the right UTC instant.
    (before,) = _feed(phone, live_server)
    assert before.decoded("DTSTART").astimezone(UTC) == datetime(2030, 3, 12, 14, 0, tzinfo=UTC)

    # The organizer postpones it by three weeks: only the start changes, the end follows.
    editor.goto(f"{live_server}/events/{slug}/edit")
    editor.get_by_label("Start date", exact=True).fill("2030-04-02")
    editor.get_by_label("Status", exact=True).select_option("postponed")
    editor.get_by_label("Note on the status").fill("Moved to April.")
    editor.get_by_role("button", name="Save", exact=True).click()
    assert "Your changes are saved." in editor.locator(".flashes").inner_text()
    (after,) = _feed(phone, live_server)
    assert str(after["UID"]) == str(before["UID"])
    assert after.decoded("SEQUENCE") > before.decoded("SEQUENCE")
    assert after.decoded("DTSTART").astimezone(UTC) == datetime(2030, 4, 2, 14, 0, tzinfo=UTC)
    assert after.decoded("DTEND").astimezone(UTC) == datetime(2030, 4, 2, 16, 0, tzinfo=UTC)
    assert str(after["STATUS"]) == "TENTATIVE"
    phone.reload()
    assert "This event is postponed." in phone.locator("main").inner_text()

    # A call whose deadline passed shows as closed, with no command run.
    make_opportunity(partners["lead"], title="Clinic grant", closes_in=timedelta(seconds=-5))
    phone.goto(live_server + "/opportunities")
    assert "Clinic grant" not in phone.locator("main").inner_text()
    phone.get_by_role("link", name="Closed", exact=True).click()
    assert "Clinic grant" in phone.locator("main").inner_text()
    assert errors == []
