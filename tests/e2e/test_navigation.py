"""A visitor opens the home page and follows the main navigation, by mouse and keyboard."""

import re


def test_home_page_and_every_navigation_link(page, live_server):
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(live_server + "/")
    assert page.locator("h1").inner_text() == "Diaspora Hub"
    assert "304,021,813" in page.locator(".headline-figure").inner_text()

    links = page.locator("nav.main-nav a")
    labels = links.all_inner_texts()
    assert labels[0] == "Home" and len(labels) >= 1
    for label in labels:
        page.goto(live_server + "/")
        page.locator("nav.main-nav").get_by_role("link", name=label, exact=True).click()
        page.wait_for_load_state()
        assert page.locator("h1").count() == 1, f"{label}: one h1 per page"
        if label != "Home":
            current = page.locator('nav.main-nav a[aria-current="page"]')
            assert current.inner_text() == label
    assert errors == []


def test_skip_link_is_first_and_moves_focus_to_main(page, live_server):
    page.goto(live_server + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_phone_width_has_no_horizontal_scroll(browser, live_server):
    context = browser.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    page = context.new_page()
    page.goto(live_server + "/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert re.search(r"Diaspora Hub", page.title())
    context.close()
