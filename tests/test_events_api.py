"""Events and opportunities in the JSON API (read and write), the OpenAPI document, CSV and Atom."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
import sqlalchemy as sa

from hub.extensions import db
from hub.models import Event, Opportunity
from tests.fixtures.events import utc

EVENT = {"title": "Remittances webinar", "summary": "What sending money home costs in 2030.",
         "timezone": "America/New_York", "start": "2030-03-12T10:00", "end": "2030-03-12T11:30",
         "format": "online", "join_url": "https://meet.example.org/r", "countries": ["gha"], "themes": ["remittances"],
         "languages": ["en"]}
CALL = {"title": "Diaspora investment fellowship", "summary": "Twelve months in Accra for diaspora investors.",
        "kind": "fellowship", "timezone": "Africa/Accra", "closes": "2031-05-01T17:00",
        "apply_email": "apply@example.org", "residence_countries": ["DEU"], "amount": "1500", "currency": "USD"}


def post(client, secret, path, payload):
    return client.post(path, json=payload, headers={"Authorization": f"Bearer {secret}"})


def test_a_token_creates_an_event_and_a_call_into_review(client, partners, make_token):
    secret = make_token(partners["lead"], partners["lead_owner"])
    response = post(client, secret, "/api/v1/events", EVENT)
    assert response.status_code == 201, response.get_json()
    assert response.get_json()["review_state"] == "submitted"
    event = db.session.scalar(sa.select(Event))
    assert event.starts_at == utc(2030, 3, 12, 14, 0) and [c.iso3 for c in event.countries] == ["GHA"]
    assert client.get(f"/api/v1/events/{event.slug}").status_code == 404  # not public before review
    response = post(client, secret, "/api/v1/opportunities", CALL)
    assert response.status_code == 201, response.get_json()
    call = db.session.scalar(sa.select(Opportunity))
    assert call.closes_at == utc(2031, 5, 1, 17, 0) and call.review_state == "submitted"


@pytest.mark.parametrize(("path", "changes", "field"), [
    ("/api/v1/events", {"end": "2030-03-12T09:00"}, "end"),
    ("/api/v1/events", {"start": "2030-03-10T02:30", "end": "2030-03-10T04:00"}, "start"),
    ("/api/v1/events", {"join_url": "javascript:alert(1)"}, "join_url"),
    ("/api/v1/events", {"format": "in-person"}, "venue_country"),
    ("/api/v1/events", {"timezone": "Mars/Olympus"}, "timezone"),
    ("/api/v1/events", {"start": "next tuesday"}, "start"),
    ("/api/v1/events", {"countries": ["XXX"]}, "countries"),
    ("/api/v1/opportunities", {"closes": "2020-01-01T00:00"}, "closes"),
    ("/api/v1/opportunities", {"apply_email": None}, "apply_url"),
    ("/api/v1/opportunities", {"currency": ""}, "currency"),
    ("/api/v1/opportunities", {"amount": "-5"}, "amount"),
])
def test_bad_input_is_a_422_naming_the_field(client, partners, make_token, path, changes, field):
    secret = make_token(partners["lead"], partners["lead_owner"])
    payload = {key: value for key, value in {**(EVENT if path.endswith("events") else CALL), **changes}.items()
               if value is not None}
    response = post(client, secret, path, payload)
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["error"]["fields"]
    assert post(client, "dh_wrong", path, payload).status_code == 401


def test_read_api_upcoming_open_and_filters(client, partners, make_event, make_opportunity):
    lead = partners["lead"]
    make_event(lead, title="Soon", starts_in=timedelta(days=2), timezone="Europe/Paris")
    make_event(lead, title="Over", starts_in=timedelta(days=-2))
    make_opportunity(lead, title="Open call", closes_in=timedelta(days=3))
    make_opportunity(lead, title="Closed call", closes_in=timedelta(days=-1))
    body = client.get("/api/v1/events").get_json()
    assert [e["title"] for e in body["items"]] == ["Soon"] and body["total"] == 1
    item = body["items"][0]
    assert item["timezone"] == "Europe/Paris" and item["starts_at"].endswith("+00:00") and item["sequence"] == 0
    assert item["ics_url"].endswith(".ics")
    assert [e["title"] for e in client.get("/api/v1/events?when=past").get_json()["items"]] == ["Over"]
    assert client.get("/api/v1/events?month=2030-13").status_code == 400
    assert client.get("/api/v1/events?format=zoom").status_code == 400
    calls = client.get("/api/v1/opportunities").get_json()["items"]
    assert [c["title"] for c in calls] == ["Open call"] and calls[0]["is_open"] is True
    closed = client.get("/api/v1/opportunities?status=closed").get_json()["items"]
    assert closed[0]["is_open"] is False
    assert client.get("/api/v1/opportunities?based_in=deu").get_json()["total"] == 1
    assert client.get(f"/api/v1/events/{item['slug']}").get_json()["title"] == "Soon"


def test_openapi_csv_and_atom(client, partners, make_event, make_opportunity):
    lead = partners["lead"]
    make_event(lead, title="Forum, with a comma", starts_in=timedelta(days=2))
    make_opportunity(lead, title="Open call", closes_in=timedelta(days=3))
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert {"/events", "/events/{slug}", "/opportunities", "/opportunities/{slug}"} <= set(paths)
    assert paths["/events"]["post"]["operationId"] == "create_event"
    rows = list(csv.DictReader(io.StringIO(client.get("/events.csv").get_data(as_text=True))))
    assert rows[0]["title"] == "Forum, with a comma" and rows[0]["starts_at"].endswith("+00:00")
    rows = list(csv.DictReader(io.StringIO(client.get("/opportunities.csv?status=open").get_data(as_text=True))))
    assert rows[0]["title"] == "Open call" and rows[0]["is_open"] == "yes"
    ns = {"a": "http://www.w3.org/2005/Atom"}
    for path, title in (("/feeds/events.atom", "Forum, with a comma"), ("/feeds/opportunities.atom", "Open call")):
        feed = ET.fromstring(client.get(path).data)  # noqa: S314 (our own output)
        assert [e.findtext("a:title", namespaces=ns) for e in feed.findall("a:entry", ns)] == [title]


def test_theme_counts_upcoming_events_and_open_calls(client, partners, make_event, make_opportunity):
    lead = partners["lead"]
    make_event(lead, title="Health forum", theme_slugs=("health",))
    make_event(lead, title="Old health forum", theme_slugs=("health",), starts_in=timedelta(days=-5))
    make_opportunity(lead, title="Health grant", theme_slugs=("health",))
    counts = client.get("/api/v1/themes/health").get_json()["counts"]
    assert counts["upcoming_events"] == 1 and counts["open_opportunities"] == 1
