"""axe-core finds no serious or critical accessibility fault on the public pages."""

from axe_playwright_python.sync_playwright import Axe

SERIOUS = {"serious", "critical"}


def serious_violations(page):
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
        if v["impact"] in SERIOUS
    ]


def public_urls(page, live_server):
    page.goto(live_server + "/")
    hrefs = page.locator("nav.main-nav a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return list(dict.fromkeys([*hrefs, "/about", "/no-such-page"]))


def test_public_pages_have_no_serious_accessibility_faults(page, live_server):
    problems = {}
    for path in public_urls(page, live_server):
        page.goto(live_server + path)
        found = serious_violations(page)
        if found:
            problems[path] = found
    assert problems == {}
