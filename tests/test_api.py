"""The read API: paging, filters, bad parameters, only public content, CORS, conditional GET."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from hub.extensions import db

COLLECTIONS = ["organizations", "actions", "partnerships", "stories", "sources", "countries", "communities", "themes"]


def titles(response) -> set[str]:
    assert response.status_code == 200, response.get_data(as_text=True)
    return {item.get("title") or item.get("name") for item in response.get_json()["items"]}


@pytest.mark.parametrize("name", COLLECTIONS)
def test_every_collection_pages_with_links(client, api_content, name):
    body = client.get(f"/api/v1/{name}?per_page=1").get_json()
    assert set(body) >= {"items", "page", "per_page", "total", "pages", "links"}
    assert body["page"] == 1 and body["per_page"] == 1 and len(body["items"]) == 1
    assert body["links"]["prev"] is None
    assert body["total"] >= 2 and "page=2" in body["links"]["next"]
    second = client.get(body["links"]["next"]).get_json()
    assert second["page"] == 2 and second["links"]["prev"]
    assert second["items"] != body["items"]


@pytest.mark.parametrize("query", ["page=0", "page=-1", "page=abc", "page=1.5", "per_page=0", "per_page=101",
                                   "per_page=x", "page=99999999999999999999", "theme=nope", "country=GH",
                                   "status=unknown", "sort=random", "org_type=martians"])
def test_bad_parameters_are_json_400(client, api_content, query):
    response = client.get(f"/api/v1/actions?{query}")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["code"] == 400 and error["message"] and error["fields"]


def test_page_past_the_end_is_a_404_naming_the_last_page(client, api_content):
    response = client.get("/api/v1/actions?page=500&per_page=100")
    assert response.status_code == 404 and response.mimetype == "application/json"
    error = response.get_json()["error"]
    assert error["code"] == 404 and "past the last page (1)" in error["message"]
    last = client.get("/api/v1/actions?page=1&per_page=100").get_json()
    assert last["total"] == 2 and last["links"]["next"] is None and last["links"]["prev"] is None


def test_per_page_bounds(client, api_content):
    assert client.get("/api/v1/countries?per_page=100").get_json()["per_page"] == 100
    assert len(client.get("/api/v1/countries?per_page=100").get_json()["items"]) == 100
    assert client.get("/api/v1/countries").get_json()["per_page"] == 20


def test_unknown_parameters_are_ignored(client, api_content):
    assert client.get("/api/v1/actions?utm_source=x&lang=fr").status_code == 200


def test_only_published_content_of_verified_organizations(client, api_content):
    hidden = {"Secret draft action", "Action of a pending organization", "Draft partnership", "Draft story",
              "Draft source", "Gamma Pending"}
    for name in ("organizations", "actions", "partnerships", "stories", "sources"):
        assert not titles(client.get(f"/api/v1/{name}?per_page=100")) & hidden
    for name, record in [("actions", "draft_action"), ("actions", "pending_action"),
                         ("partnerships", "draft_partnership"), ("stories", "draft_story"),
                         ("sources", "draft_source"), ("organizations", "pending")]:
        response = client.get(f"/api/v1/{name}/{api_content[record].slug}")
        assert response.status_code == 404
        assert response.get_json()["error"]["code"] == 404


def test_linked_records_are_shown_only_when_public(client, api_content, make_story):
    story = make_story(api_content["ngo"], title="Linked", action_id=api_content["draft_action"].id)
    body = client.get(f"/api/v1/stories/{story.slug}").get_json()
    assert body["action"] is None
    story.action_id = api_content["action"].id
    db.session.commit()
    assert client.get(f"/api/v1/stories/{story.slug}").get_json()["action"]["slug"] == api_content["action"].slug


def test_items_by_key(client, api_content):
    action = client.get(f"/api/v1/actions/{api_content['action'].slug}").get_json()
    assert action["title"] == "Clinic in Kumasi"
    assert action["organization"]["slug"] == api_content["ngo"].slug
    assert action["origin_countries"] == [{"iso3": "GHA", "name": "Ghana"}]
    assert action["html_url"].endswith(f"/actions/{api_content['action'].slug}")
    assert client.get(f"/api/v1/organizations/{api_content['ngo'].slug}").get_json()["type"] == "ngo"
    assert client.get(f"/api/v1/sources/{api_content['source'].slug}").get_json()["kind"] == "census"
    assert client.get(f"/api/v1/partnerships/{api_content['partnership'].slug}").get_json()["freshness"] == "none"
    theme = client.get("/api/v1/themes/health").get_json()
    assert theme["counts"]["actions"] == 1 and theme["counts"]["partnerships"] == 0


def test_country_and_community_with_figures_and_edition(client, api_content):
    country = client.get("/api/v1/countries/GHA").get_json()
    assert country["name"] == "Ghana" and country["totals"]["edition"] in (2024, 2020)
    assert country["totals"]["source"].startswith("UN DESA")
    assert country["diaspora"] and country["diaspora"][0]["migrants"] > 0
    assert client.get("/api/v1/countries/gha").status_code == 301
    assert client.get("/api/v1/countries/XXX").status_code == 404
    community = client.get("/api/v1/communities/GHA-DEU").get_json()
    assert community["pair"] == "GHA-DEU" and community["series"] and community["edition"] in (2024, 2020)
    assert "International Migrant Stock" in community["source"]
    assert client.get("/api/v1/communities/GHA-GHA").status_code == 404
    assert client.get("/api/v1/communities/nonsense").status_code == 404
    listed = client.get("/api/v1/communities?origin=GHA&per_page=100").get_json()
    assert listed["items"] and all(item["origin"]["iso3"] == "GHA" for item in listed["items"])
    pair = client.get("/api/v1/communities?origin=GHA&residence=DEU").get_json()
    assert [item["pair"] for item in pair["items"]] == ["GHA-DEU"]


@pytest.mark.parametrize(("name", "query", "expected"), [
    ("actions", "theme=health", {"Clinic in Kumasi"}),
    ("actions", "origin=SEN", {"Dakar coding school"}),
    ("actions", "country=gha", {"Clinic in Kumasi"}),
    ("actions", "status=completed", {"Dakar coding school"}),
    ("actions", "org_type=ngo", {"Clinic in Kumasi"}),
    ("actions", "year=1950", set()),
    ("organizations", "q=alpha", {"Alpha Health Network"}),
    ("organizations", "org_type=diaspora-association", {"Beta Senegal Association"}),
    ("organizations", "country=SEN", {"Beta Senegal Association"}),
    ("partnerships", "q=health", {"Health partnership"}),
    ("partnerships", "country=SEN", {"Dakar school partnership"}),
    ("partnerships", "partner_type=ngo", {"Health partnership"}),
    ("partnerships", "status=completed", {"Dakar school partnership"}),
    ("partnerships", "freshness=none", {"Health partnership", "Dakar school partnership"}),
    ("partnerships", "role=funding", set()),
    ("stories", "language=fr", {"Une école à Dakar"}),
    ("stories", "country=GHA", {"A nurse returns"}),
    ("stories", "org_type=ngo", {"A nurse returns"}),
    ("stories", "q=nurse", {"A nurse returns"}),
    ("sources", "kind=census", {"Ghana census 2021"}),
    ("sources", "country=SEN&scope=listed", {"Senegal survey"}),
    ("sources", "year_from=2015&year_to=2020", {"Ghana census 2021"}),
    ("sources", "access=registration", {"Senegal survey"}),
    ("sources", "publisher=ANSD", {"Senegal survey"}),
    ("sources", "q=census", {"Ghana census 2021"}),
])
def test_filters(client, api_content, name, query, expected):
    assert titles(client.get(f"/api/v1/{name}?{query}&per_page=100")) == expected


def test_sorts(client, api_content):
    items = client.get("/api/v1/actions?sort=title").get_json()["items"]
    assert [i["title"] for i in items] == ["Clinic in Kumasi", "Dakar coding school"]
    countries = client.get("/api/v1/countries?sort=iso3&per_page=3").get_json()["items"]
    assert [c["iso3"] for c in countries] == sorted(c["iso3"] for c in countries)
    ghana = client.get("/api/v1/countries?q=ghana").get_json()["items"]
    assert [c["iso3"] for c in ghana] == ["GHA"]


def test_search(client, api_content):
    from hub import search

    search.drain()
    body = client.get("/api/v1/search?q=clinic").get_json()
    assert body["total"] >= 1 and body["items"][0]["kind"] == "action"
    assert body["items"][0]["api_url"].endswith(f"/api/v1/actions/{api_content['action'].slug}")
    assert "kind" in body["facets"]
    assert client.get("/api/v1/search").status_code == 400
    assert client.get("/api/v1/search?kind=spaceship").status_code == 400
    assert client.get("/api/v1/search?q=secret+draft").get_json()["total"] == 0


def test_constant_query_count(client, api_content, make_action):
    from sqlalchemy import event

    def count(url):
        seen = []
        listener = lambda *args: seen.append(1)  # noqa: E731
        event.listen(db.engine, "before_cursor_execute", listener)
        try:
            assert client.get(url).status_code == 200
        finally:
            event.remove(db.engine, "before_cursor_execute", listener)
        return len(seen)

    before = {name: count(f"/api/v1/{name}?per_page=100") for name in ("actions", "stories", "sources",
                                                                          "partnerships", "organizations")}
    for n in range(5):
        make_action(api_content["assoc"], title=f"More {n}")
    assert count("/api/v1/actions?per_page=100") == before["actions"]
    assert before["actions"] <= 12


def test_cors_and_conditional_get(client, api_content):
    url = f"/api/v1/actions/{api_content['action'].slug}"
    response = client.get(url, headers={"Origin": "https://example.net"})
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response.headers
    etag = response.headers["ETag"]
    assert response.headers["Last-Modified"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    since = client.get(url, headers={"If-Modified-Since": response.headers["Last-Modified"]})
    assert since.status_code == 304
    listing = client.get("/api/v1/actions")
    assert client.get("/api/v1/actions", headers={"If-None-Match": listing.headers["ETag"]}).status_code == 304
    preflight = client.options("/api/v1/actions", headers={"Origin": "https://example.net",
                                                           "Access-Control-Request-Method": "GET"})
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"


def test_unknown_api_address_is_json_404(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404 and response.get_json()["error"]["code"] == 404


def test_no_unpublished_rows_leak_through_counts(client, api_content):
    from hub.actions.models import Action

    assert db.session.scalar(sa.select(sa.func.count()).select_from(Action)) == 4
    assert client.get("/api/v1/actions").get_json()["total"] == 2


@pytest.mark.parametrize("url", ["/api/v1/actions?theme=health%00", "/api/v1/stories?q=a%00b",
                                 "/api/v1/sources?publisher=%01", "/api/v1/countries?region=%00",
                                 "/api/v1/search?q=x%00"])
def test_control_characters_are_a_400_not_a_database_error(client, api_content, url):
    assert client.get(url).status_code == 400
