"""Atom feeds and the DCAT catalogue: valid to real parsers, public content only, conditional GET."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import pytest
import rdflib

ATOM = "{http://www.w3.org/2005/Atom}"
DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
DCT = rdflib.Namespace("http://purl.org/dc/terms/")


def parse_feed(response):
    assert response.status_code == 200
    assert response.mimetype == "application/atom+xml"
    feed = ET.fromstring(response.data)  # noqa: S314 (our own output)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.find(f"{ATOM}{required}").text
    return {e.find(f"{ATOM}title").text: e for e in entries}


@pytest.mark.parametrize(("path", "shown", "hidden"), [
    ("/feeds/actions.atom", {"Clinic in Kumasi", "Dakar coding school"}, {"Secret draft action",
                                                                          "Action of a pending organization"}),
    ("/feeds/stories.atom", {"A nurse returns", "Une école à Dakar"}, {"Draft story"}),
    ("/feeds/partnerships.atom", {"Health partnership"}, {"Draft partnership"}),
])
def test_content_feeds(client, api_content, path, shown, hidden):
    entries = parse_feed(client.get(path))
    assert shown <= set(entries) and not hidden & set(entries)


def test_feed_escapes_what_users_typed(client, api_content, make_action):
    make_action(api_content["ngo"], title="Tom & Jerry <script>alert(1)</script>", summary="a < b & c")
    entries = parse_feed(client.get("/feeds/actions.atom"))
    assert "Tom & Jerry <script>alert(1)</script>" in entries
    assert b"<script>" not in client.get("/feeds/actions.atom").data


def test_search_feed(client, api_content):
    from hub import search

    search.drain()
    entries = parse_feed(client.get("/search.atom?q=clinic"))
    assert "Clinic in Kumasi" in entries
    link = entries["Clinic in Kumasi"].find(f"{ATOM}link").get("href")
    assert link.endswith(f"/actions/{api_content['action'].slug}")
    assert parse_feed(client.get("/search.atom")) == {}
    assert parse_feed(client.get("/search.atom?q=secret+draft")) == {}


def test_feeds_answer_conditional_gets(client, api_content):
    first = client.get("/feeds/actions.atom")
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    assert client.get("/feeds/actions.atom", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    modified = client.get("/feeds/actions.atom", headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert modified.status_code == 304


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # inside rdflib's parser
def test_dcat_catalogue_parses_offline_with_one_dataset_per_public_source(client, api_content):
    response = client.get("/catalog.jsonld")
    assert response.status_code == 200 and response.mimetype == "application/ld+json"
    body = json.loads(response.data)
    assert isinstance(body["@context"], dict)  # inline: nothing to fetch
    graph = rdflib.Graph().parse(data=response.data, format="json-ld")
    datasets = set(graph.subjects(rdflib.RDF.type, DCAT.Dataset))
    titles = {str(graph.value(d, DCT.title)) for d in datasets}
    assert titles == {"Ghana census 2021", "Senegal survey"}
    catalog = next(graph.subjects(rdflib.RDF.type, DCAT.Catalog))
    assert set(graph.objects(catalog, DCAT.dataset)) == datasets
    census = next(d for d in datasets if str(graph.value(d, DCT.title)) == "Ghana census 2021")
    distribution = graph.value(census, DCAT.distribution)
    assert str(graph.value(distribution, DCAT.accessURL)) == "https://example.org/data"
    temporal = graph.value(census, DCT.temporal)
    assert str(graph.value(temporal, DCAT.startDate)) == "2010"
    etag = response.headers["ETag"]
    assert client.get("/catalog.jsonld", headers={"If-None-Match": etag}).status_code == 304


def _json_ld(html: str):
    start = html.find('<script type="application/ld+json">')
    if start == -1:
        return None
    body = html[start:].split(">", 1)[1].split("</script>", 1)[0]
    return json.loads(body)


def test_schema_org_on_public_pages(client, api_content, make_org):
    tricky = make_org(name="Evil </script><script>alert(1)</script> Org")
    cases = [
        (f"/organizations/{api_content['ngo'].slug}", "Organization"),
        (f"/organizations/{tricky.slug}", "Organization"),
        (f"/sources/{api_content['source'].slug}", "Dataset"),
        (f"/stories/{api_content['story'].slug}", "Article"),
        ("/countries/GHA", "Country"),
    ]
    for url, kind in cases:
        response = client.get(url)
        assert response.status_code == 200, url
        data = _json_ld(response.get_data(as_text=True))
        assert data["@context"] == "https://schema.org" and data["@type"] == kind, url
    assert _json_ld(client.get(f"/organizations/{tricky.slug}").get_data(as_text=True))["name"] == tricky.name


def test_list_pages_link_their_feed_and_csv(client, api_content):
    html = client.get("/actions?theme=health").get_data(as_text=True)
    assert 'type="application/atom+xml"' in html and 'href="/actions.csv?theme=health"' in html
    assert 'href="/search.atom?q=clinic"' in client.get("/search?q=clinic").get_data(as_text=True)
