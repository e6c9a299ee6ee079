"""Moderators verify or reject organizations, flag them trusted, deactivate accounts; all audited."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from hub.auth.models import User
from hub.extensions import db
from hub.orgs.models import Organization
from hub.review.models import AuditEvent

pytestmark = pytest.mark.usefixtures("user_per_request")


def _events(verb):
    return list(db.session.scalars(sa.select(AuditEvent).where(AuditEvent.verb == verb)))


def test_queue_lists_pending_organizations_oldest_first(make_org, make_user, login_client):
    make_org(name="Second Pending", verified=False)
    make_org(name="Already Verified")
    first = make_org(name="First Pending", verified=False)
    first.created_at = first.created_at.replace(year=2020)
    db.session.commit()
    html = login_client(make_user(role="moderator")).get("/moderation").get_data(as_text=True)
    assert html.index("First Pending") < html.index("Second Pending")
    assert "Already Verified" not in html
    assert html.count("<h1") == 1 and "<script" not in html and "style=" not in html
    for heading in ("Organizations waiting for verification", "Actions submitted for review"):
        assert heading in html


def test_queue_lists_submitted_content(make_org, make_action, make_user, login_client):
    org = make_org()
    make_action(org, title="Waiting For Review", state="submitted")
    make_action(org, title="Already Out", state="published")
    html = login_client(make_user(role="moderator")).get("/moderation").get_data(as_text=True)
    assert "Waiting For Review" in html and "Already Out" not in html


def test_verify_records_audit_notifies_and_shows_badge(app, make_org, make_user, login_client, outbox, client):
    org = make_org(name="Verify Me Association", verified=False)
    owner = make_user(org=org, email="owner@example.org")
    moderator = make_user(role="moderator")
    assert client.get(f"/organizations/{org.slug}").status_code == 404
    response = login_client(moderator).post(f"/moderation/organizations/{org.id}/decision",
                                            data={f"org{org.id}-decision": "verify",
                                                  f"org{org.id}-note": "Checked the registry entry."})
    assert response.status_code == 302
    with app.app_context():
        saved = db.session.get(Organization, org.id)
        assert saved.verification == "verified" and saved.verified_by_id == moderator.id
        event = _events("verify_organization")[0]
        assert event.actor_id == moderator.id and event.entity_id == org.id
        assert event.note == "Checked the registry entry."
    assert outbox.last(to=owner.email)["Subject"].startswith("Verification of")
    page = client.get(f"/organizations/{org.slug}").get_data(as_text=True)
    assert "badge-verified" in page
    assert "Verify Me Association" in client.get("/organizations").get_data(as_text=True)
    audit = login_client(moderator).get("/moderation/audit").get_data(as_text=True)
    assert "verify_organization" in audit and "Checked the registry entry." in audit


def test_reject_needs_a_note_and_the_owner_sees_it(app, make_org, make_user, login_client):
    org = make_org(name="Dubious Org", verified=False)
    owner = make_user(org=org)
    moderator = login_client(make_user(role="moderator"))
    missing = moderator.post(f"/moderation/organizations/{org.id}/decision", data={f"org{org.id}-decision": "reject"})
    assert missing.status_code == 400
    assert "Explain to the organization why" in missing.get_data(as_text=True)
    response = moderator.post(f"/moderation/organizations/{org.id}/decision",
                              data={f"org{org.id}-decision": "reject",
                                    f"org{org.id}-note": "Please add a website or registration number."})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Organization, org.id).verification == "rejected"
        assert len(_events("reject_organization")) == 1
    dashboard = login_client(owner).get("/dashboard").get_data(as_text=True)
    assert "Please add a website or registration number." in dashboard
    assert ">Dubious Org</a>" not in moderator.get("/moderation").get_data(as_text=True)


def test_rejected_org_that_edits_goes_back_to_the_queue(app, make_org, make_user, login_client):
    org = make_org(name="Second Chance", verified=False)
    org.verification = "rejected"
    db.session.commit()
    owner = login_client(make_user(org=org))
    data = {"name": org.name, "org_type": org.org_type, "hq_country": "DEU", "heritage_countries": ["GHA"],
            "description": "Now with our registration number 123.", "language": "en", "version": str(org.version)}
    assert owner.post(f"/organizations/{org.slug}/edit", data=data).status_code == 302
    with app.app_context():
        assert db.session.get(Organization, org.id).verification == "pending"


def test_trust_flag(app, make_org, make_user, login_client):
    org = make_org()
    response = login_client(make_user(role="moderator")).post(f"/moderation/organizations/{org.id}/trust",
                                                              data={"trusted": "1"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Organization, org.id).trusted is True
        assert len(_events("trust_organization")) == 1


def test_deactivate_user_signs_them_out_and_is_audited(app, make_user, login_client):
    target = make_user(email="spammer@example.org")
    target_client = login_client(target)
    assert target_client.get("/dashboard").status_code == 200
    moderator = login_client(make_user(role="moderator"))
    assert "spammer@example.org" in moderator.get("/moderation/users?q=spammer").get_data(as_text=True)
    response = moderator.post(f"/moderation/users/{target.id}/status", data={"active": "0", "note": "Spam"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(User, target.id).active is False
        assert _events("deactivate_user")[0].note == "Spam"
    assert target_client.get("/dashboard").status_code == 302
    moderator.post(f"/moderation/users/{target.id}/status", data={"active": "1"})
    with app.app_context():
        assert db.session.get(User, target.id).active is True


def test_moderator_cannot_deactivate_an_admin_or_themselves(make_user, login_client):
    moderator = make_user(role="moderator")
    admin = make_user(role="admin")
    client = login_client(moderator)
    assert client.post(f"/moderation/users/{admin.id}/status", data={"active": "0"}).status_code == 403
    assert client.post(f"/moderation/users/{moderator.id}/status", data={"active": "0"}).status_code == 403
    assert login_client(admin).post(f"/moderation/users/{moderator.id}/status", data={"active": "0"}).status_code == 302


def test_unknown_records_give_404(make_user, login_client):
    client = login_client(make_user(role="moderator"))
    assert client.post("/moderation/organizations/999999/decision", data={}).status_code == 404
    assert client.post("/moderation/users/999999/status", data={}).status_code == 404


def test_queue_sections_can_be_registered(app, make_user, login_client, tmp_path):
    from hub.moderation import queue

    section = queue.QueueSection("custom", "Custom things to review", lambda: ["one"],
                                 "moderation/_organizations.html")
    try:
        queue.register_section(queue.QueueSection("custom", "Custom things to review", lambda: [],
                                                  section.template))
        html = login_client(make_user(role="moderator")).get("/moderation").get_data(as_text=True)
        assert "Custom things to review" in html
    finally:
        queue.SECTIONS.pop("custom", None)
