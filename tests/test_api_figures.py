"""Issue 16: the API carries the pages' remittances, pages through everything, keeps its own schema,
and says the same as the page about every record (partners)."""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from xml.etree import ElementTree as ET

import pytest
import sqlalchemy as sa
from openapi_schema_validator import OAS30Validator

from hub.extensions import db
from hub.models import Action, MigrantStock
from hub.review.visibility import public
from hub.search.documents import document_for
from tests.test_places import csv_rows

# --- remittances in the API (point 1) ----------------------------------------------------------


def test_country_api_carries_the_remittance_rows_of_the_csv(client):
    body = client.get("/api/v1/countries/DEU").get_json()
    received = body["remittances_received"]
    assert (received["indicator"], received["unit"]) == ("BX.TRF.PWKR.CD.DT", "current US$")
    assert received["dataset"] == "World Bank, World Development Indicators" and "2025-07-01" in received["edition"]
    table, _source = csv_rows(client.get("/countries/DEU/remittances.csv").data)
    assert [[str(r["year"]), str(r["value"])] for r in received["rows"]] == table[1:]

    for key, direction in (("remittances_by_recipient", "recipients"), ("remittances_by_sender", "senders")):
        series = body[key]
        assert series["unit"] == "current US$" and series["edition"] == "April 2018 version"
        assert "KNOMAD" in series["dataset"] and series["indicator"] is None
        table, _source = csv_rows(client.get(f"/countries/DEU/remittance-{direction}-all.csv").data)
        *rows, total = table[1:]
        assert [[r["place"]["name"], r["place"]["code"], f"{Decimal(str(r['usd_million'])):.3f}"]
                for r in series["rows"]] == rows
        assert f"{Decimal(str(series['total']['usd_million'])):.3f}" == total[2]
        assert all(r["value"] == int(Decimal(str(r["usd_million"])) * 1_000_000) for r in series["rows"])
    kosovo = next(r for r in body["remittances_by_recipient"]["rows"] if r["place"]["code"] == "XKX")
    assert kosovo["place"] == {"code": "XKX", "iso3": None, "name": "Kosovo", "has_page": False}
    assert kosovo["usd_million"] == 388.607 and kosovo["value"] == 388_607_000


def test_community_api_carries_the_knomad_estimate(client):
    body = client.get("/api/v1/communities/MEX-USA").get_json()
    (row,) = body["remittances"]["rows"]
    table, _source = csv_rows(client.get("/communities/MEX-USA/remittances.csv").data)
    assert table[1] == [str(row["year"]), f"{Decimal(str(row['usd_million'])):.3f}"]
    assert row["value"] == int(Decimal(str(row["usd_million"])) * 1_000_000)
    assert client.get("/api/v1/communities/SEN-MAR").get_json()["remittances"]["rows"] == []


# --- paging and totals (point 6) ---------------------------------------------------------------


def test_communities_report_the_true_total_and_page_through_all(client, app_ctx):
    pairs = set(db.session.execute(sa.select(MigrantStock.origin_iso3, MigrantStock.destination_iso3)).all())
    first = client.get("/api/v1/communities?per_page=100").get_json()
    assert first["total"] == len(pairs) > 500
    assert first["pages"] == -(-len(pairs) // 100)
    seen = []
    for page in range(1, first["pages"] + 1):
        seen += [i["pair"] for i in client.get(f"/api/v1/communities?per_page=100&page={page}").get_json()["items"]]
    assert len(seen) == len(set(seen)) == len(pairs)
    past = client.get(f"/api/v1/communities?per_page=100&page={first['pages'] + 1}")
    assert past.status_code == 404 and past.get_json()["error"]["code"] == 404


@pytest.mark.parametrize("url", ["/api/v1/countries?page=99", "/api/v1/themes?page=99&per_page=100",
                                 "/api/v1/communities?origin=GHA&page=99"])
def test_every_collection_answers_404_past_its_last_page(client, url):
    response = client.get(url)
    assert response.status_code == 404 and response.mimetype == "application/json"
    assert "past the last page" in response.get_json()["error"]["message"]


def test_the_document_declares_the_404_of_a_page_past_the_end(client):
    document = client.get("/api/v1/openapi.json").get_json()
    for path in ("/actions", "/communities", "/countries", "/search"):
        assert "404" in document["paths"][path]["get"]["responses"], path


# --- the API keeps its own contract (point 8) --------------------------------------------------


def _schema_of(document: dict, path: str) -> OAS30Validator:
    schema = document["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    return OAS30Validator({**schema, "components": document["components"]})


def test_budget_is_a_json_number_as_the_document_says(client, full_api_content):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["components"]["schemas"]["Action"]["properties"]["budget"]["type"] == "number"
    body = client.get(f"/api/v1/actions/{full_api_content['action2'].slug}").get_json()
    assert body["budget"] == 1234567.89 and isinstance(body["budget"], float)


def test_records_filling_every_optional_field_keep_to_the_document(client, full_api_content):
    document = client.get("/api/v1/openapi.json").get_json()
    r = full_api_content
    urls = {
        "/actions/{slug}": f"/api/v1/actions/{r['action'].slug}",
        "/partnerships/{slug}": f"/api/v1/partnerships/{r['partnership'].slug}",
        "/stories/{slug}": f"/api/v1/stories/{r['story'].slug}",
        "/sources/{slug}": f"/api/v1/sources/{r['source'].slug}",
        "/organizations/{slug}": f"/api/v1/organizations/{r['ngo'].slug}",
        "/countries/{iso3}": "/api/v1/countries/DEU",
        "/communities/{pair}": "/api/v1/communities/MEX-USA",
        "/actions": "/api/v1/actions", "/partnerships": "/api/v1/partnerships", "/stories": "/api/v1/stories",
        "/sources": "/api/v1/sources", "/organizations": "/api/v1/organizations",
        "/communities": "/api/v1/communities", "/countries": "/api/v1/countries",
    }
    for path, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, url
        errors = [e.message for e in _schema_of(document, path).iter_errors(response.get_json())]
        assert not errors, (url, errors[:3])
    action = client.get(urls["/actions/{slug}"]).get_json()
    assert action["image"]["url"].endswith("/media/0123456789abcdef0123456789abcdef.jpg")
    assert action["results"] and action["links"] and action["end_date"] == "2026-06-30"
    story = client.get(urls["/stories/{slug}"]).get_json()
    assert story["image"]["credit"] == "Photo: AHN" and story["action"]["slug"] == r["action"].slug


# --- the page, API, CSV, search document and feed name the same partners (point 7) --------------


def _page_partners(html: str) -> list[str]:
    match = re.search(r"<dt>Partners</dt><dd>(.*?)</dd>", html, re.S)
    return [] if match is None else [re.sub(r"<[^>]+>", "", p).strip() for p in match[1].split("; ")]


def test_every_published_action_names_the_same_partners_everywhere(client, full_api_content):
    actions = list(db.session.scalars(public(Action)))
    assert len(actions) == 2
    exported = {row["slug"]: row["partners"] for row in csv.DictReader(io.StringIO(
        client.get("/actions.csv").get_data(as_text=True)))}
    feed = ET.fromstring(client.get("/feeds/actions.atom").data)  # noqa: S314 - our own output
    atom = "{http://www.w3.org/2005/Atom}"
    in_feed = {entry.find(f"{atom}link").get("href").rsplit("/", 1)[1]:
               [c.find(f"{atom}name").text for c in entry.findall(f"{atom}contributor")]
               for entry in feed.findall(f"{atom}entry")}
    pending = full_api_content["pending"].name
    for action in actions:
        expected = sorted(p.name for p in action.partners if p.verification == "verified")
        assert expected, action.slug  # each names one verified partner and one pending organization
        page = _page_partners(client.get(f"/actions/{action.slug}").get_data(as_text=True))
        api = [p["name"] for p in client.get(f"/api/v1/actions/{action.slug}").get_json()["partners"]]
        assert sorted(page) == sorted(api) == expected, action.slug
        assert sorted(exported[action.slug].split("; ")) == expected
        assert sorted(in_feed[action.slug]) == expected
        document = document_for(action)
        assert all(name in document["org"] for name in expected) and pending not in document["org"]
    hits = client.get("/api/v1/search", query_string={"q": '"Gamma Pending"', "kind": "action"}).get_json()
    assert hits["total"] == 0


def test_a_partner_verified_later_appears_in_search_at_once(client, full_api_content):
    pending = full_api_content["pending"]
    pending.verification = "verified"
    db.session.commit()
    hits = client.get("/api/v1/search", query_string={"q": '"Gamma Pending"', "kind": "action"}).get_json()
    refs = {hit["ref"] for hit in hits["items"]}
    assert {full_api_content["action"].slug, full_api_content["action2"].slug} <= refs


def test_every_published_partnership_names_the_same_partners_everywhere(client, full_api_content):
    from hub.models import Partnership

    partnerships = list(db.session.scalars(public(Partnership)))
    assert len(partnerships) == 2
    exported = {row["slug"]: row["partners"] for row in csv.DictReader(io.StringIO(
        client.get("/partnerships.csv").get_data(as_text=True)))}
    feed = ET.fromstring(client.get("/feeds/partnerships.atom").data)  # noqa: S314 - our own output
    atom = "{http://www.w3.org/2005/Atom}"
    in_feed = {entry.find(f"{atom}link").get("href").rsplit("/", 1)[1]:
               [c.find(f"{atom}name").text for c in entry.findall(f"{atom}contributor")]
               for entry in feed.findall(f"{atom}entry")}
    pending = full_api_content["pending"].name
    listing = client.get("/partnerships").get_data(as_text=True)
    for partnership in partnerships:
        expected = sorted(p.organization.name for p in partnership.partners
                          if p.confirmation == "confirmed" and p.organization.verification == "verified")
        assert expected, partnership.slug
        page = client.get(f"/partnerships/{partnership.slug}").get_data(as_text=True)
        section = page.split('id="partners-title"', 1)[1].split("</section>", 1)[0]
        assert all(name in section for name in expected) and pending not in section
        api = [p["organization"]["name"] for p in
               client.get(f"/api/v1/partnerships/{partnership.slug}").get_json()["partners"]]
        assert sorted(api) == expected
        assert sorted(exported[partnership.slug].split("; ")) == expected
        assert sorted(in_feed[partnership.slug]) == expected
        document = document_for(partnership)
        assert all(name in document["org"] for name in expected) and pending not in document["org"]
    assert pending not in listing
