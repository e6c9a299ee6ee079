"""Partnerships: proposing, partner confirmation and its permissions, progress reports, review, lists."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from hub.extensions import db
from hub.partnerships import services
from hub.partnerships.models import Partnership, PartnershipPartner, ProgressReport
from hub.review.models import AuditEvent, Revision
from tests.fixtures.content import count_queries, partnership_form, with_partners


def _propose(login_client, partners, **overrides):
    client = login_client(partners["lead_owner"])
    data = with_partners(partnership_form(**overrides), (partners["partner"].id, "implementing"),
                         (partners["third"].id, "funding"))
    response = client.post("/partnerships/new", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    partnership = db.session.scalar(sa.select(Partnership).order_by(Partnership.id.desc()))
    return client, partnership


def _partner(partnership, org):
    return db.session.get(PartnershipPartner, (partnership.id, org.id))


def test_propose_names_partners_as_pending(app, partners, login_client):
    _client, partnership = _propose(login_client, partners)
    assert partnership.lead_organization_id == partners["lead"].id
    assert partnership.review_state == "draft"
    assert {p.organization_id: (p.role, p.confirmation) for p in partnership.partners} == {
        partners["partner"].id: ("implementing", "pending"), partners["third"].id: ("funding", "pending")}
    assert [c.iso3 for c in partnership.countries] == ["DEU", "GHA"]
    assert sorted(g.id for g in partnership.sdgs) == [3, 17]


def test_new_form_shows_errors_and_keeps_input(app, partners, login_client):
    client = login_client(partners["lead_owner"])
    assert client.get("/partnerships/new").status_code == 200
    data = with_partners(partnership_form(title="", end_date="2020-01-01", summary="Kept summary"),
                         (partners["partner"].id, "funding"), (partners["partner"].id, "knowledge"))
    response = client.post("/partnerships/new", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Kept summary" in page
    assert "The end date cannot be before the start date." in page
    assert "Each partner organization can be named once." in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Partnership)) == 0


def test_unknown_partner_is_an_error_not_a_500(app, partners, login_client):
    client = login_client(partners["lead_owner"])
    data = with_partners(partnership_form(), (999999, "funding"))
    data["partners-1-organization"] = "not-a-number"
    response = client.post("/partnerships/new", data=data)
    assert response.status_code == 400
    assert "Choose an organization from the list." in response.get_data(as_text=True)


def test_member_without_organization_cannot_propose(app, partners, login_client):
    response = login_client(partners["member"]).get("/partnerships/new")
    assert response.status_code == 302 and "/dashboard" in response.headers["Location"]


@pytest.mark.parametrize("who, expected", [
    ("partner_owner", 302), ("partner_editor", 302),
    ("lead_owner", 403), ("third_editor", 403), ("member", 403), ("moderator", 403),
])
def test_only_the_partner_organization_answers(app, partners, login_client, make_partnership, who, expected):
    partnership = make_partnership(partners["lead"], state="published")
    partnership.partners.append(PartnershipPartner(organization_id=partners["partner"].id, role="funding"))
    db.session.commit()
    client = login_client(partners[who])
    response = client.post(f"/partnerships/{partnership.slug}/partners/{partners['partner'].id}/answer",
                           data={"answer": "confirm"})
    assert response.status_code == expected
    db.session.expire_all()
    state = _partner(partnership, partners["partner"]).confirmation
    assert state == ("confirmed" if expected == 302 else "pending")


def test_answering_for_a_draft_hides_it_from_strangers(app, partners, login_client, client):
    _lead, partnership = _propose(login_client, partners)
    url = f"/partnerships/{partnership.slug}/partners/{partners['partner'].id}/answer"
    # A draft: the named partner sees it; anybody else gets a 404, an anonymous visitor too.
    assert login_client(partners["partner_editor"]).get(f"/partnerships/{partnership.slug}").status_code == 200
    assert login_client(partners["member"]).get(f"/partnerships/{partnership.slug}").status_code == 404
    assert login_client(partners["member"]).post(url, data={"answer": "confirm"}).status_code == 404
    assert client.get(f"/partnerships/{partnership.slug}").status_code == 404
    # An organization that is not named at all: 404.
    other = f"/partnerships/{partnership.slug}/partners/{partners['lead'].id + 1000}/answer"
    assert login_client(partners["partner_owner"]).post(other, data={"answer": "confirm"}).status_code == 404


def test_dashboard_lists_invitations_and_confirms(app, partners, login_client):
    _lead, partnership = _propose(login_client, partners)
    client = login_client(partners["partner_editor"])
    page = client.get("/dashboard").get_data(as_text=True)
    assert "Partnerships waiting for your confirmation" in page and partnership.title in page
    assert f'action="/partnerships/{partnership.slug}/partners/{partners["partner"].id}/answer"' in page
    assert f"names {partners['partner'].name} as a partner" in page
    response = client.post(f"/partnerships/{partnership.slug}/partners/{partners['partner'].id}/answer",
                           data={"answer": "confirm", "next": "/dashboard"})
    assert response.headers["Location"].endswith("/dashboard")
    assert partnership.title not in client.get("/dashboard").get_data(as_text=True)
    third = login_client(partners["third_editor"])
    third.post(f"/partnerships/{partnership.slug}/partners/{partners['third'].id}/answer", data={"answer": "decline"})
    db.session.expire_all()
    assert _partner(partnership, partners["partner"]).confirmation == "confirmed"
    assert _partner(partnership, partners["third"]).confirmation == "declined"
    verbs = set(db.session.scalars(sa.select(AuditEvent.verb).where(AuditEvent.entity_id == partnership.id)))
    assert {"partner_confirmed", "partner_declined"} <= verbs


def test_only_confirmed_partners_are_shown_publicly(app, partners, client, login_client, make_partnership):
    partnership = make_partnership(partners["lead"], title="Kumasi clinicians", state="published")
    partnership.partners = [
        PartnershipPartner(organization_id=partners["partner"].id, role="implementing", confirmation="confirmed"),
        PartnershipPartner(organization_id=partners["third"].id, role="funding", confirmation="pending"),
    ]
    db.session.commit()
    page = client.get(f"/partnerships/{partnership.slug}").get_data(as_text=True)
    assert "Accra Diaspora Desk" in page and "Third Party Foundation" not in page
    listing = client.get("/partnerships").get_data(as_text=True)
    assert "Accra Diaspora Desk" in listing and "Third Party Foundation" not in listing
    # The lead sees who has not answered yet.
    insider = login_client(partners["lead_editor"]).get(f"/partnerships/{partnership.slug}").get_data(as_text=True)
    assert "Third Party Foundation" in insider and "waiting for confirmation" in insider
    # The partner-type filter only counts confirmed partners.
    assert "Kumasi clinicians" in client.get("/partnerships?partner_type=government").get_data(as_text=True)
    assert "Kumasi clinicians" not in client.get("/partnerships?partner_type=foundation").get_data(as_text=True)


def test_role_change_asks_for_confirmation_again(app, partners, login_client):
    lead, partnership = _propose(login_client, partners)
    _partner(partnership, partners["partner"]).confirmation = "confirmed"
    db.session.commit()
    edit = lead.get(f"/partnerships/{partnership.slug}/edit")
    assert edit.status_code == 200
    data = with_partners(partnership_form(version=str(partnership.version)), (partners["partner"].id, "knowledge"))
    assert lead.post(f"/partnerships/{partnership.slug}/edit", data=data).status_code == 302
    db.session.expire_all()
    partner = _partner(partnership, partners["partner"])
    assert (partner.role, partner.confirmation) == ("knowledge", "pending")
    assert _partner(partnership, partners["third"]) is None  # removed from the form: no longer named
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Revision).where(
        Revision.entity_type == "partnership", Revision.entity_id == partnership.id)) == 1


def test_edit_conflict_keeps_the_users_text(app, partners, login_client):
    lead, partnership = _propose(login_client, partners)
    stale = str(partnership.version)
    first = with_partners(partnership_form(title="First save", version=stale), (partners["partner"].id, "funding"))
    assert lead.post(f"/partnerships/{partnership.slug}/edit", data=first).status_code == 302
    second = with_partners(partnership_form(title="My competing title", version=stale),
                           (partners["partner"].id, "funding"))
    response = lead.post(f"/partnerships/{partnership.slug}/edit", data=second)
    assert response.status_code == 409
    assert "My competing title" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(Partnership, partnership.id).title == "First save"


@pytest.mark.parametrize("who, expected", [("lead_editor", 403), ("partner_editor", 403), ("member", 404)])
def test_only_the_lead_edits(app, partners, login_client, who, expected):
    _lead, partnership = _propose(login_client, partners)
    assert login_client(partners[who]).get(f"/partnerships/{partnership.slug}/edit").status_code in (
        (200,) if who == "lead_editor" else (expected,))


def test_progress_reports_by_lead_and_confirmed_partners(app, partners, login_client, make_partnership):
    partnership = make_partnership(partners["lead"], state="published")
    partnership.partners = [
        PartnershipPartner(organization_id=partners["partner"].id, role="implementing", confirmation="confirmed"),
        PartnershipPartner(organization_id=partners["third"].id, role="funding", confirmation="pending"),
    ]
    db.session.commit()
    url = f"/partnerships/{partnership.slug}/reports/new"
    assert login_client(partners["third_editor"]).get(url).status_code == 403  # not confirmed yet
    assert login_client(partners["member"]).get(url).status_code == 403
    partner = login_client(partners["partner_editor"])
    assert partner.get(url).status_code == 200
    bad = partner.post(url, data={"report_date": (date.today() + timedelta(days=3)).isoformat(),
                                  "achievements": "Kept text"})
    assert bad.status_code == 400 and "Kept text" in bad.get_data(as_text=True)
    earlier = (date.today() - timedelta(days=400)).isoformat()
    assert partner.post(url, data={"report_date": earlier, "achievements": "Eleven placements.",
                                   "challenges": "Late licences."}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Partnership, partnership.id).last_report_on == date.today() - timedelta(days=400)
    lead = login_client(partners["lead_owner"])
    assert lead.post(url, data={"report_date": date.today().isoformat(), "achievements": "Second region."}
                     ).status_code == 302
    # An older report does not move the date back.
    partner.post(url, data={"report_date": "2020-05-01", "achievements": "Backfilled."})
    db.session.expire_all()
    refreshed = db.session.get(Partnership, partnership.id)
    assert refreshed.last_report_on == date.today()
    reports = db.session.scalars(sa.select(ProgressReport).where(ProgressReport.partnership_id == partnership.id))
    assert {r.organization_id for r in reports} == {partners["partner"].id, partners["lead"].id}
    page = login_client(partners["member"]).get(f"/partnerships/{partnership.slug}").get_data(as_text=True)
    assert "Eleven placements." in page and "Late licences." in page and "Active" in page


@pytest.mark.parametrize("age, light", [
    (0, "green"), (365, "green"), (366, "amber"), (730, "amber"), (731, "red"), (5000, "red"), (None, "none"),
])
def test_freshness_light_boundaries(app_ctx, age, light):
    today = date(2026, 3, 1)
    reported = None if age is None else today - timedelta(days=age)
    assert services.freshness(reported, today).code == light


@pytest.mark.parametrize("age, light", [(365, "green"), (366, "amber"), (730, "amber"), (731, "red"), (None, "none")])
def test_freshness_filter_in_sql_agrees(app, partners, client, make_partnership, age, light):
    record = make_partnership(partners["lead"], title=f"Reported {age}", state="published")
    record.last_report_on = None if age is None else date.today() - timedelta(days=age)
    db.session.commit()
    for code in ("green", "amber", "red", "none"):
        page = client.get(f"/partnerships?freshness={code}").get_data(as_text=True)
        assert (f"Reported {age}" in page) == (code == light), code
    detail = client.get(f"/partnerships/{record.slug}").get_data(as_text=True)
    assert f'light-{light}"' in detail


def test_review_through_the_views(app, partners, login_client, client):
    lead, partnership = _propose(login_client, partners)
    slug = partnership.slug
    assert "Submit for review" in lead.get(f"/partnerships/{slug}/preview").get_data(as_text=True)
    assert lead.post(f"/partnerships/{slug}/workflow", data={"step": "submit"}).status_code == 302
    assert lead.post(f"/partnerships/{slug}/workflow", data={"step": "approve"}).status_code == 403
    moderator = login_client(partners["moderator"])
    queue = moderator.get("/moderation").get_data(as_text=True)
    assert partnership.title in queue and f"/partnerships/{slug}/workflow" in queue
    # A note is required to send it back: the error is shown, nothing changes.
    moderator.post(f"/partnerships/{slug}/workflow", data={"step": "request_changes", "next": "/moderation"})
    db.session.expire_all()
    assert db.session.get(Partnership, partnership.id).review_state == "submitted"
    moderator.post(f"/partnerships/{slug}/workflow", data={"step": "request_changes", "note": "Add dates."})
    lead.post(f"/partnerships/{slug}/workflow", data={"step": "submit"})
    response = moderator.post(f"/partnerships/{slug}/workflow", data={"step": "approve", "next": "/moderation"})
    assert response.headers["Location"].endswith("/moderation")
    db.session.expire_all()
    assert db.session.get(Partnership, partnership.id).review_state == "published"
    assert client.get(f"/partnerships/{slug}").status_code == 200
    assert client.post(f"/partnerships/{slug}/workflow", data={"step": "unpublish"}).status_code == 302  # sign in
    assert db.session.get(Partnership, partnership.id).review_state == "published"


def test_list_filters(app, partners, client, make_partnership):
    from tests.fixtures.factories import themes

    health = make_partnership(partners["lead"], title="Health corridor", country_codes=("GHA",), status="ongoing")
    health.themes = themes("health")
    done = make_partnership(partners["lead"], title="Finished remittance study", country_codes=("SEN",),
                            status="completed")
    done.themes = themes("remittances")
    make_partnership(partners["lead"], title="Unpublished idea", state="draft")
    db.session.commit()

    def titles(query):
        page = client.get(f"/partnerships?{query}").get_data(as_text=True)
        return {t for t in ("Health corridor", "Finished remittance study", "Unpublished idea") if t in page}

    assert titles("") == {"Health corridor", "Finished remittance study"}
    assert titles("theme=health") == {"Health corridor"}
    assert titles("country=SEN") == {"Finished remittance study"}
    assert titles("status=completed") == {"Finished remittance study"}
    assert titles("q=corridor") == {"Health corridor"}
    assert titles("theme=nonsense&country=XXX&freshness=purple&sort=zzz&page=abc") == {
        "Health corridor", "Finished remittance study"}


def test_list_makes_a_constant_number_of_queries(app, partners, client, make_partnership):
    from tests.fixtures.factories import themes

    def add(n, tag):
        for i in range(n):
            record = make_partnership(partners["lead"], title=f"Counted {tag} {i}", country_codes=("GHA", "SEN"))
            record.themes = themes("health", "skills")
            record.partners = [
                PartnershipPartner(organization_id=partners["partner"].id, confirmation="confirmed"),
                PartnershipPartner(organization_id=partners["third"].id, confirmation="pending"),
            ]
        db.session.commit()

    add(3, "a")
    few = count_queries(client, "/partnerships")
    add(9, "b")
    many = count_queries(client, "/partnerships")
    assert few == many, (few, many)
    # Filters add no queries (one fewer at most: the clock of events and calls is cached by now).
    assert count_queries(client, "/partnerships?theme=health&freshness=none&partner_type=government") <= many
