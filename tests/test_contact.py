"""Contact an organization through the hub: delivery, consent, limits, switching off, reports, who sees what."""

from __future__ import annotations

import pytest

from hub.contact import services
from hub.extensions import db
from hub.modeling import utcnow
from hub.models import ContactMessage

MESSAGE = {"subject": "Nurses for Kumasi", "body": "We would like to send two nurses next spring."}


def _write(client, org, **extra):
    return client.post(f"/organizations/{org.slug}/contact", data={**MESSAGE, **extra})


def _owner_org(cast):
    org = cast["org"]
    org.contact_email = "office@senegalese-engineers.example.org"
    db.session.commit()
    return org


def test_message_reaches_contact_address_and_owners_without_showing_the_address(cast, login_client, outbox):
    org = _owner_org(cast)
    client = login_client(cast["member"])
    page = client.get(f"/organizations/{org.slug}").get_data(as_text=True)
    assert "Write to this organization" in page
    assert org.contact_email not in page
    form = client.get(f"/organizations/{org.slug}/contact").get_data(as_text=True)
    assert org.contact_email not in form
    assert _write(client, org).status_code == 302
    to = sorted(m["To"] for m in outbox.messages())
    assert to == sorted([org.contact_email, cast["owner"].email])
    message = outbox.last(cast["owner"].email)
    assert "Nurses for Kumasi" in message["Subject"]
    assert message["Reply-To"] is None  # no consent, no address
    assert "two nurses" in message.get_payload(decode=True).decode()
    sent = client.get("/messages/sent").get_data(as_text=True)
    assert "two nurses" in sent


def test_reply_to_is_the_sender_only_with_consent(cast, login_client, outbox):
    org = _owner_org(cast)
    _write(login_client(cast["member"]), org, share_email="y")
    assert outbox.last(cast["owner"].email)["Reply-To"] == cast["member"].email


def test_members_see_the_address_and_received_messages(cast, login_client):
    org = _owner_org(cast)
    services.send_message(cast["member"], org, "Hello", "A message for the engineers.", False)
    db.session.commit()
    editor = login_client(cast["editor"])
    assert org.contact_email in editor.get(f"/organizations/{org.slug}").get_data(as_text=True)
    inbox = editor.get(f"/organizations/{org.slug}/messages").get_data(as_text=True)
    assert "A message for the engineers." in inbox
    assert cast["member"].email not in inbox  # not shared


def test_sign_in_and_a_verified_address_are_needed(cast, client, make_user, login_client):
    org = _owner_org(cast)
    assert _write(client, org).status_code in (302, 401)
    unverified = make_user(verified=False)
    response = _write(login_client(unverified), org)
    assert response.status_code == 403
    assert db.session.query(ContactMessage).count() == 0


def test_an_organization_can_switch_messages_off(cast, login_client, outbox):
    org = _owner_org(cast)
    owner = login_client(cast["owner"])
    owner.post(f"/organizations/{org.slug}/messages", data={"accepts_offers": "y"})
    assert services.settings_for(org).accepts_messages is False
    member = login_client(cast["member"])
    assert "Write to this organization" not in member.get(f"/organizations/{org.slug}").get_data(as_text=True)
    assert _write(member, org).status_code == 403
    assert len(outbox) == 0


def test_only_editors_switch_it_off(cast, login_client):
    org = _owner_org(cast)
    response = login_client(cast["other_editor"]).post(f"/organizations/{org.slug}/messages", data={})
    assert response.status_code in (403, 404)
    assert services.settings_for(org).accepts_messages is True


def test_messages_are_rate_limited_per_sender_and_per_organization(cast, login_client, make_org, make_user, outbox):
    org = _owner_org(cast)
    client = login_client(cast["member"])
    for n in range(5):
        assert _write(client, org, subject=f"Message {n}").status_code == 302
    refused = _write(client, org, subject="One too many")
    assert refused.status_code == 429
    page = refused.get_data(as_text=True)
    assert "many messages recently" in page and "One too many" in page  # input kept
    assert db.session.query(ContactMessage).count() == 5
    # Per organization: 30 a day, whoever sends them.
    target = make_org(name="Popular organization")
    for _n in range(30):
        db.session.add(ContactMessage(sender_id=cast["owner"].id, organization_id=target.id, subject="s", body="b",
                                      created_at=utcnow()))
    db.session.commit()
    other = login_client(make_user())
    assert _write(other, target).status_code == 429


def test_nobody_reads_another_organizations_messages_or_anothers_sent_ones(cast, login_client):
    org = _owner_org(cast)
    message = services.send_message(cast["member"], org, "Private", "Only for the engineers, please.", True)
    db.session.commit()
    outsider = login_client(cast["other_editor"])
    assert outsider.get(f"/organizations/{org.slug}/messages").status_code in (403, 404)
    assert "Only for the engineers" not in outsider.get("/messages/sent").get_data(as_text=True)
    assert outsider.post(f"/messages/{message.id}/report", data={"reason": "x"}).status_code == 404
    assert login_client(cast["member"]).post(f"/messages/{message.id}/report").status_code == 404


def test_a_reported_message_reaches_the_moderators(cast, login_client):
    org = _owner_org(cast)
    message = services.send_message(cast["member"], org, "Buy now", "Cheap offers for everyone, click here.", False)
    db.session.commit()
    owner = login_client(cast["owner"])
    assert owner.post(f"/messages/{message.id}/report", data={"reason": "Spam"}).status_code == 302
    moderator = login_client(cast["moderator"])
    queue = moderator.get("/moderation").get_data(as_text=True)
    assert "Reported messages" in queue and "Cheap offers for everyone" in queue
    assert owner.post(f"/moderation/messages/{message.id}/close").status_code == 403
    assert moderator.post(f"/moderation/messages/{message.id}/close").status_code == 302
    db.session.expire_all()
    assert db.session.get(ContactMessage, message.id).report_status == "closed"


@pytest.mark.parametrize("data", [{"subject": "", "body": "long enough body"}, {"subject": "Hi", "body": "short"}])
def test_bad_input_keeps_the_text_and_says_why(cast, login_client, data):
    org = _owner_org(cast)
    response = login_client(cast["member"]).post(f"/organizations/{org.slug}/contact", data=data)
    assert response.status_code == 400
    assert data["body"] in response.get_data(as_text=True)


def test_api_no_longer_publishes_the_contact_address(cast, client):
    org = _owner_org(cast)
    body = client.get(f"/api/v1/organizations/{org.slug}").get_data(as_text=True)
    assert org.contact_email not in body
