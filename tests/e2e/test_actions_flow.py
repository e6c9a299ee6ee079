"""An organization's editor and a moderator take an action from draft to the home page, in Chromium."""

import re

from tests.fixtures.actions import png_bytes
from tests.fixtures.factories import PASSWORD


def signed_in(browser, live_server, user):
    """A page of a fresh browser context, signed in through the real form."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(live_server + "/login")
    page.fill("#email", user.email)
    page.fill("#password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert "/login" not in page.url, page.content()
    return page


def test_draft_preview_review_publish_feature_and_edit(browser, live_server, page, cast, tmp_path):
    errors = []
    image = tmp_path / "nurses.png"
    image.write_bytes(png_bytes((64, 48)))
    editor = signed_in(browser, live_server, cast["editor"])
    moderator = signed_in(browser, live_server, cast["moderator"])
    for p in (editor, moderator, page):
        p.on("pageerror", lambda exc: errors.append(str(exc)))

    # The editor drafts the action from the dashboard, with an image.
    editor.goto(live_server + "/dashboard")
    editor.get_by_role("link", name="Submit a new action").click()
    assert editor.locator("h1").inner_text() == "Submit an action"
    editor.get_by_label("Title", exact=True).fill("Nurses for Kumasi")
    editor.get_by_label("Short summary").fill("Ghanaian nurses in Germany train colleagues in Kumasi.")
    editor.get_by_label("Description", exact=True).fill("## What we do\n\nTwo-week *training* visits.")
    editor.get_by_label("Countries of origin").select_option(["GHA"])
    editor.get_by_label("Countries of implementation").select_option(["GHA"])
    editor.get_by_label("Health", exact=True).check()
    editor.get_by_label("3. Good health and well-being").check()
    editor.get_by_label("Start date").fill("2024-03-01")
    editor.fill("#results-0-indicator", "Nurses trained")
    editor.fill("#results-0-target", "120")
    editor.fill("#links-0-label", "Project page")
    editor.fill("#links-0-url", "https://example.org/nurses")
    editor.set_input_files("#image", str(image))
    editor.get_by_label("Image description").fill("Nurses in a classroom")
    editor.get_by_role("button", name="Save and preview").click()

    # The preview looks like the public page; the editor submits from there.
    assert "/preview" in editor.url
    assert editor.locator("h1").inner_text() == "Nurses for Kumasi"
    assert "This is how the page will look once it is published." in editor.locator(".preview-notice").inner_text()
    assert editor.locator(".action-image img").evaluate("img => img.naturalWidth") == 64
    assert editor.locator("table.results-table").inner_text().count("Nurses trained") == 1
    editor.get_by_role("button", name="Submit for review").click()
    assert "Submitted: a moderator will review it." in editor.locator(".flashes").inner_text()

    # The moderator asks for changes from the queue.
    moderator.goto(live_server + "/moderation")
    item = moderator.locator(".queue-list > li", has_text="Nurses for Kumasi")
    item.get_by_label("Note to the organization").fill("Please add how many nurses were trained so far.")
    item.get_by_role("button", name="Request changes").click()
    assert "Sent back to the organization" in moderator.locator(".flashes").inner_text()

    # The editor sees the note on the dashboard, fixes and resubmits.
    editor.goto(live_server + "/dashboard")
    assert "Please add how many nurses were trained so far." in editor.locator("main").inner_text()
    editor.get_by_role("link", name="Nurses for Kumasi").click()
    assert "/edit" in editor.url
    editor.fill("#results-0-achieved", "85")
    editor.get_by_role("button", name="Save and preview").click()
    editor.get_by_role("button", name="Submit for review").click()

    # The moderator publishes and features it.
    moderator.goto(live_server + "/moderation")
    moderator.locator(".queue-list > li", has_text="Nurses for Kumasi").get_by_role(
        "button", name="Approve and publish").click()
    assert "Approved and published." in moderator.locator(".flashes").inner_text()
    moderator.goto(live_server + "/actions")
    moderator.get_by_role("link", name="Nurses for Kumasi").click()
    moderator.get_by_role("button", name="Feature on the home page").click()
    assert "Featured on the home page." in moderator.locator(".flashes").inner_text()

    # A visitor finds it on the home page and in the filtered list.
    page.goto(live_server + "/")
    assert "Nurses for Kumasi" in page.locator("section", has_text="Featured actions").first.inner_text()
    page.goto(live_server + "/actions")
    page.get_by_label("Theme").select_option("health")
    page.get_by_label("Country of origin").select_option("GHA")
    page.get_by_label("Status").select_option("ongoing")
    page.get_by_role("button", name="Filter").click()
    assert re.search(r"theme=health", page.url)
    page.get_by_role("link", name="Nurses for Kumasi").click()
    assert page.locator("h1").inner_text() == "Nurses for Kumasi"
    assert page.get_by_role("link", name="Ghana").first.get_attribute("href").endswith("/countries/GHA")
    page.goto(live_server + "/actions?theme=education")
    assert page.get_by_role("link", name="Nurses for Kumasi").count() == 0

    # The editor edits the published action; the history shows both versions.
    editor.goto(live_server + "/dashboard")
    editor.get_by_role("link", name="Nurses for Kumasi").click()
    editor.get_by_label("Title", exact=True).fill("Nurses for Kumasi and Tamale")
    editor.get_by_role("button", name="Save", exact=True).click()
    assert editor.locator("h1").inner_text() == "Nurses for Kumasi and Tamale"
    editor.get_by_role("link", name="History").click()
    history = editor.locator("main").inner_text()
    assert "Version 3" in history and "Version 2" in history and "Version 1" in history
    assert editor.locator("del.plain", has_text="Nurses for Kumasi").count() >= 1
    assert editor.locator("ins.plain", has_text="Nurses for Kumasi and Tamale").count() == 1
    assert errors == []
    for p in (editor, moderator):
        p.context.close()
