"""Every list page links, visibly, to its data with the current filters."""

import re

import pytest


@pytest.mark.parametrize("path", ["/actions?theme=health", "/partnerships", "/stories", "/sources", "/organizations"])
def test_list_pages_link_to_csv_with_their_filters(client, make_org, make_action, path):
    make_action(make_org(), title="Nurses for Kumasi")
    html = client.get(path).get_data(as_text=True)
    match = re.search(r'<p class="downloads">.*?<a href="([^"]+)" type="text/csv">CSV</a>', html, re.S)
    assert match, path
    csv_url = match.group(1).replace("&amp;", "&")
    if "?" in path:
        assert path.split("?", 1)[1] in csv_url
    response = client.get(csv_url)
    assert response.status_code == 200 and response.mimetype == "text/csv"


def test_search_page_offers_its_feed(client):
    html = client.get("/search?q=ghana").get_data(as_text=True)
    feed = re.search(r'<a href="([^"]+)" type="application/atom\+xml">', html).group(1).replace("&amp;", "&")
    response = client.get(feed)
    assert response.status_code == 200 and "atom" in response.mimetype
