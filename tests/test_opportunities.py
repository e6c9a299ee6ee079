"""Opportunities: the call's checks, review, open and closed decided by the clock, filters, deadline hints."""

from __future__ import annotations

from datetime import timedelta

import pytest
import sqlalchemy as sa

from hub.extensions import db
from hub.models import Opportunity
from tests.fixtures.content import count_queries
from tests.fixtures.events import utc


def call_form(**overrides) -> dict:
    data = {
        "title": "Diaspora health innovation grant",
        "kind": "grant",
        "summary": "Grants for diaspora-led clinics in Ghana.",
        "description": "Up to **50,000 EUR** per project.",
        "language": "en",
        "eligibility": "Registered diaspora associations.",
        "eligible_org_types": ["diaspora-association", "ngo"],
        "residence_countries": ["DEU", "FRA"],
        "heritage_countries": ["GHA"],
        "countries": ["GHA"],
        "themes": ["health"],
        "amount": "50000",
        "currency": "eur",
        "support": "Mentoring",
        "timezone": "Europe/Berlin",
        "opens_date": "",
        "opens_time": "",
        "closes_date": "2031-01-15",
        "closes_time": "",
        "apply_url": "https://apply.example.org/grant",
        "apply_email": "",
        "languages": ["en", "fr"],
        "version": "1",
    }
    data.update(overrides)
    return data


def _latest() -> Opportunity:
    return db.session.scalar(sa.select(Opportunity).order_by(Opportunity.id.desc()))


def test_a_call_is_proposed_reviewed_and_shown_with_its_deadline(app, partners, login_client):
    editor = login_client(partners["lead_editor"])
    assert editor.post("/opportunities/new", data=call_form()).status_code == 302
    call = _latest()
    assert call.closes_at == utc(2031, 1, 15, 22, 59) and call.currency == "EUR"  # 23:59 in Berlin (CET)
    assert app.test_client().get(f"/opportunities/{call.slug}").status_code == 404
    editor.post(f"/opportunities/{call.slug}/workflow", data={"step": "submit"})
    login_client(partners["moderator"]).post(f"/opportunities/{call.slug}/workflow", data={"step": "approve"})
    page = app.test_client().get(f"/opportunities/{call.slug}").get_data(as_text=True)
    assert "Diaspora health innovation grant" in page and "closes in" in page and "apply online" in page
    assert "Germany" in page and "Europe/Berlin (UTC+01:00)" in page


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"closes_date": "2020-01-01"}, "closes_date", "deadline has already passed"),
    ({"opens_date": "2031-02-01"}, "closes_date", "cannot close before it opens"),
    ({"closes_date": "2031-03-30", "closes_time": "02:30"}, "closes_time", "does not exist in Europe/Berlin"),
    ({"apply_url": "javascript:alert(1)"}, "apply_url", "starting with https://"),
    ({"apply_url": ""}, "apply_url", "Say how to apply"),
    ({"currency": ""}, "currency", "currency of the amount"),
    ({"apply_email": "not-an-address"}, "apply_email", "valid e-mail"),
])
def test_bad_input_is_refused_on_its_field(app, partners, login_client, overrides, field, message):
    response = login_client(partners["lead_editor"]).post(
        "/opportunities/new", data=call_form(title="My unsaved call", **overrides))
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "My unsaved call" in html
    assert message in html.split(f'id="{field}-error"', 1)[1][:300]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Opportunity)) == 0


def test_a_call_closes_at_its_deadline_without_anything_run(app, client, partners, make_opportunity):
    lead = partners["lead"]
    make_opportunity(lead, title="Closes in five days", closes_in=timedelta(days=5, hours=1))
    make_opportunity(lead, title="Closes in an hour", closes_in=timedelta(hours=1))
    closed = make_opportunity(lead, title="Closed a second ago", closes_in=timedelta(seconds=-1))
    page = client.get("/opportunities").get_data(as_text=True)
    assert "closes in 5 days" in page and "closes today" in page
    assert page.index("Closes in an hour") < page.index("Closes in five days")
    assert "Closed a second ago" not in page
    closed_tab = client.get("/opportunities?tab=closed").get_data(as_text=True)
    assert "Closed a second ago" in closed_tab and "Closes in five days" not in closed_tab
    detail = client.get(f"/opportunities/{closed.slug}").get_data(as_text=True)
    assert "Closed:" in detail and "apply online" not in detail


def test_editing_an_old_call_is_allowed_after_its_deadline(app, partners, login_client, make_opportunity):
    call = make_opportunity(partners["lead"], title="Old call", closes_in=timedelta(days=-3))
    response = login_client(partners["lead_editor"]).post(f"/opportunities/{call.slug}/edit", data=call_form(
        title="Old call, corrected", closes_date=call.local_closes.date().isoformat(), version="1"))
    assert response.status_code == 302, response.get_data(as_text=True)
    assert "Old call, corrected" in login_client(partners["lead_editor"]).get(
        f"/opportunities/{call.slug}/history").get_data(as_text=True)


def test_filters_and_constant_queries(app, client, partners, make_opportunity):
    lead = partners["lead"]
    make_opportunity(lead, title="Berlin grant", residence=("DEU",), languages="en,fr")
    make_opportunity(lead, title="Anywhere fellowship", residence=(), kind="fellowship")
    make_opportunity(lead, title="Paris job", residence=("FRA",), kind="job", theme_slugs=("education",))
    based_in_germany = client.get("/opportunities?based_in=DEU").get_data(as_text=True)
    assert "Berlin grant" in based_in_germany and "Anywhere fellowship" in based_in_germany
    assert "Paris job" not in based_in_germany
    assert "Paris job" in client.get("/opportunities?kind=job").get_data(as_text=True)
    assert "Berlin grant" not in client.get("/opportunities?theme=education").get_data(as_text=True)
    assert "Paris job" not in client.get("/opportunities?language=fr").get_data(as_text=True)
    assert client.get("/opportunities?kind=nope&based_in=XXX").status_code == 200
    app.config["CACHE_PAGES"] = False  # the list's own queries (a cached list makes one)
    few = count_queries(client, "/opportunities")
    for n in range(4):
        make_opportunity(lead, title=f"More {n}", residence=("DEU", "FRA"))
    assert count_queries(client, "/opportunities") == few


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("other_editor", 403)])
def test_only_the_organization_edits(app, cast, login_client, make_opportunity, role, status):
    call = make_opportunity(cast["org"], title="Owned call")
    client = app.test_client() if role == "anonymous" else login_client(cast[role])
    assert client.post(f"/opportunities/{call.slug}/edit", data=call_form(version="1")).status_code == status
    assert client.get(f"/opportunities/{call.slug}/history").status_code in (302, 403)


def test_a_closing_call_leaves_the_cached_open_list_by_the_clock(app, client, partners, make_opportunity):
    import time

    from hub.modeling import utcnow

    call = make_opportunity(partners["lead"], title="Last day fellowship", closes_in=timedelta(seconds=3))
    first = client.get("/opportunities")
    assert "Last day fellowship" in first.get_data(as_text=True)
    assert count_queries(client, "/opportunities") == 1  # cached
    page = client.get(f"/opportunities/{call.slug}")
    assert client.get(f"/opportunities/{call.slug}", headers={"If-None-Match": page.headers["ETag"]}).status_code == 304
    time.sleep(max(0.0, (call.closes_at - utcnow()).total_seconds()) + 0.5)
    later = client.get("/opportunities", headers={"If-None-Match": first.headers["ETag"]})
    assert later.status_code == 200 and "Last day fellowship" not in later.get_data(as_text=True)
    assert "Last day fellowship" in client.get("/opportunities?tab=closed").get_data(as_text=True)
    assert client.get(f"/opportunities/{call.slug}", headers={"If-None-Match": page.headers["ETag"]}).status_code == 200
