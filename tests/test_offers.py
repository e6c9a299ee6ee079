"""Looking for partners: calls, the list and its filters, offers, answers, limits and who may do what."""

from __future__ import annotations

import pytest

from hub.contact.services import save_settings
from hub.extensions import db
from hub.models import PartnerOffer
from hub.offers import services


@pytest.fixture
def calls(cast, make_action, make_partnership):
    """An action of "org" looking for funding and knowledge, a partnership of "org" looking for implementers."""
    action = make_action(cast["org"], title="Solar water pumps in Thiès")
    partnership = make_partnership(cast["org"], title="Engineers for Dakar schools")
    services.save_call(action, ["funding", "knowledge"], "A donor for the pumps.", True)
    services.save_call(partnership, ["implementing"], "Builders on the ground.", True)
    db.session.commit()
    return {"action": action, "partnership": partnership}


def _offer(client, call, org, role="funding", message="We fund water projects in Senegal."):
    return client.post(f"/looking-for-partners/{call.id}/offer",
                       data={"organization_id": str(org.id), "role": role, "message": message})


def test_editors_set_a_call_and_it_shows_on_the_page_and_list(cast, login_client, make_action):
    action = make_action(cast["org"], title="Clinic in Kaolack")
    client = login_client(cast["editor"])
    response = client.post(f"/looking-for-partners/action/{action.slug}",
                           data={"is_open": "y", "roles": ["implementing"], "note": "Nurses wanted."})
    assert response.status_code == 302
    page = client.get(f"/actions/{action.slug}").get_data(as_text=True)
    assert "Looking for partners" in page and "Nurses wanted." in page
    listing = client.get("/looking-for-partners").get_data(as_text=True)
    assert "Clinic in Kaolack" in listing
    bad = client.post(f"/looking-for-partners/action/{action.slug}", data={"is_open": "y", "note": "No role"})
    assert bad.status_code == 400 and "No role" in bad.get_data(as_text=True)
    other = login_client(cast["other_editor"])
    assert other.post(f"/looking-for-partners/action/{action.slug}", data={"is_open": "y"}).status_code == 403


def test_lists_filter_on_looking_for_partners(calls, client, cast, make_action, make_partnership):
    make_action(cast["org"], title="Action without a call")
    make_partnership(cast["org"], title="Partnership without a call")
    actions = client.get("/actions?partners=any").get_data(as_text=True)
    assert "Solar water pumps" in actions and "Action without a call" not in actions
    assert "Solar water pumps" not in client.get("/actions?partners=implementing").get_data(as_text=True)
    assert "Solar water pumps" in client.get("/actions?partners=knowledge").get_data(as_text=True)
    partnerships = client.get("/partnerships?partners=implementing").get_data(as_text=True)
    assert "Engineers for Dakar" in partnerships and "Partnership without a call" not in partnerships
    only_funding = client.get("/looking-for-partners?role=funding").get_data(as_text=True)
    assert "Solar water pumps" in only_funding and "Engineers for Dakar" not in only_funding
    only_partnerships = client.get("/looking-for-partners?kind=partnership").get_data(as_text=True)
    assert "Engineers for Dakar" in only_partnerships and "Solar water pumps" not in only_partnerships


def test_offer_reaches_the_lead_and_acceptance_adds_a_confirmed_partner(calls, cast, login_client, outbox):
    other = login_client(cast["other_editor"])
    call = services.call_for(calls["partnership"])
    assert _offer(other, call, cast["other"], role="implementing").status_code == 302
    for lead_member in ("owner", "editor"):  # both may answer, both are told
        mail = outbox.last(cast[lead_member].email)
        assert "Mexican Hometown Clubs offers to partner" in mail["Subject"]
    owner = login_client(cast["owner"])
    inbox = owner.get("/partner-offers").get_data(as_text=True)
    assert "Mexican Hometown Clubs offers to partner" in inbox
    offer = db.session.query(PartnerOffer).one()
    answered = owner.post(f"/partner-offers/{offer.id}/answer", data={"answer": "accept", "note": "Welcome"})
    assert answered.status_code == 302
    db.session.expire_all()
    partner = next(p for p in calls["partnership"].partners if p.organization_id == cast["other"].id)
    assert (partner.confirmation, partner.role) == ("confirmed", "implementing")
    page = owner.get(f"/partnerships/{calls['partnership'].slug}").get_data(as_text=True)
    assert "Mexican Hometown Clubs" in page
    assert "Offer accepted" in outbox.last(cast["other_editor"].email)["Subject"]
    assert "Offer accepted" in outbox.last(cast["owner"].email)["Subject"]


def test_declining_with_a_note_tells_both_sides(calls, cast, login_client, outbox):
    call = services.call_for(calls["action"])
    _offer(login_client(cast["other_editor"]), call, cast["other"])
    offer = db.session.query(PartnerOffer).one()
    login_client(cast["editor"]).post(f"/partner-offers/{offer.id}/answer",
                                      data={"answer": "decline", "note": "Funded already"})
    db.session.expire_all()
    assert db.session.get(PartnerOffer, offer.id).status == "declined"
    assert cast["other"] not in calls["action"].partners
    mail = outbox.last(cast["other_editor"].email)
    assert "declined" in mail["Subject"] and "Funded already" in mail.get_payload(decode=True).decode()
    assert "Funded already" in login_client(cast["other_editor"]).get("/partner-offers").get_data(as_text=True)


def test_accepting_on_an_action_adds_the_partner(calls, cast, login_client):
    call = services.call_for(calls["action"])
    _offer(login_client(cast["other_editor"]), call, cast["other"], role="knowledge")
    offer = db.session.query(PartnerOffer).one()
    login_client(cast["owner"]).post(f"/partner-offers/{offer.id}/answer", data={"answer": "accept"})
    db.session.expire_all()
    assert cast["other"].id in {p.id for p in calls["action"].partners}


def test_nobody_answers_an_offer_for_another_organization(calls, cast, login_client, make_user):
    call = services.call_for(calls["action"])
    _offer(login_client(cast["other_editor"]), call, cast["other"])
    offer = db.session.query(PartnerOffer).one()
    for name in ("other_editor", "member"):
        response = login_client(cast[name]).post(f"/partner-offers/{offer.id}/answer", data={"answer": "accept"})
        assert response.status_code == 404
        assert cast["org"].name not in login_client(cast[name]).get("/partner-offers").get_data(as_text=True) \
            or name == "other_editor"
    db.session.expire_all()
    assert db.session.get(PartnerOffer, offer.id).status == "pending"
    # Offering for an organization you do not belong to is refused too.
    assert _offer(login_client(cast["member"]), call, cast["other"]).status_code == 403
    assert _offer(login_client(cast["editor"]), call, cast["other"]).status_code == 400


@pytest.mark.parametrize("case", ["duplicate", "closed", "role", "own", "off", "unverified"])
def test_offers_that_cannot_be_made_are_refused(calls, cast, login_client, make_org, make_user, case):
    call = services.call_for(calls["action"])
    client, org = login_client(cast["other_editor"]), cast["other"]
    role = "funding"
    if case == "duplicate":
        assert _offer(client, call, org).status_code == 302
    elif case == "closed":
        services.save_call(calls["action"], ["funding"], "", False)
        db.session.commit()
    elif case == "role":
        role = "implementing"
    elif case == "own":
        client, org = login_client(cast["editor"]), cast["org"]
    elif case == "off":
        save_settings(cast["org"], True, False)
        db.session.commit()
    elif case == "unverified":
        org = make_org(name="Not yet verified", verified=False)
        client = login_client(make_user(org=org, org_role="owner"))
    response = _offer(client, call, org, role=role)
    assert response.status_code in (400, 403, 404)
    expected = 1 if case == "duplicate" else 0
    assert db.session.query(PartnerOffer).count() == expected


def test_offers_are_limited_per_organization_per_day(cast, login_client, make_action):
    client = login_client(cast["other_editor"])
    for n in range(11):
        action = make_action(cast["org"], title=f"Call number {n}")
        call = services.save_call(action, ["funding"], "", True)
        db.session.commit()
        response = _offer(client, call, cast["other"])
        assert response.status_code == (302 if n < 10 else 400)
    assert "many offers today" in response.get_data(as_text=True)


@pytest.mark.search_sync
def test_search_filters_on_looking_for_partners(calls, client, cast, make_action):
    other = make_action(cast["org"], title="Solar lamps without a call")
    pumps, dakar = calls["action"].slug, calls["partnership"].slug
    everything = client.get("/search?q=solar").get_data(as_text=True)
    assert pumps in everything and other.slug in everything
    wanted = client.get("/search?q=solar&partners=any").get_data(as_text=True)
    assert pumps in wanted and other.slug not in wanted
    assert pumps not in client.get("/search?q=solar&partners=implementing").get_data(as_text=True)
    only_calls = client.get("/search?partners=implementing").get_data(as_text=True)
    assert dakar in only_calls and pumps not in only_calls
