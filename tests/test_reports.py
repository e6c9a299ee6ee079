"""Report this: anyone flags a public record; moderators resolve or dismiss; rate limited."""

import pytest
import sqlalchemy as sa

from hub import create_app
from hub.extensions import db
from hub.review.models import AbuseReport, AuditEvent


@pytest.fixture
def records(make_org, make_action, make_story, make_partnership, make_source):
    org = make_org(name="Reported Org")
    return {
        "action": make_action(org, title="Reported action"),
        "story": make_story(org, title="Reported story"),
        "partnership": make_partnership(org, title="Reported partnership"),
        "source": make_source(title="Reported source"),
        "organization": org,
    }


@pytest.mark.parametrize("kind", ["action", "story", "partnership", "source", "organization"])
def test_anyone_can_report_a_public_record(records, client, kind):
    record = records[kind]
    form = client.get(f"/report/{kind}/{record.slug}")
    assert form.status_code == 200 and "What is wrong?" in form.get_data(as_text=True)
    response = client.post(f"/report/{kind}/{record.slug}", data={
        "reason": "misleading", "details": "These figures are invented.", "email": "reader@example.org"})
    assert response.status_code == 302
    report = db.session.scalar(sa.select(AbuseReport))
    assert (report.entity_type, report.entity_id, report.reason, report.status) == (
        record.__tablename__, record.id, "misleading", "open")
    assert report.reporter_email == "reader@example.org" and report.reporter_id is None


def test_the_action_page_links_to_the_report_form(records, client):
    page = client.get(f"/actions/{records['action'].slug}").get_data(as_text=True)
    assert f'href="/report/action/{records["action"].slug}"' in page


def test_records_that_are_not_public_cannot_be_reported(make_org, make_action, client):
    draft = make_action(make_org(), state="draft")
    unverified = make_org(verified=False)
    assert client.get(f"/report/action/{draft.slug}").status_code == 404
    assert client.post(f"/report/organization/{unverified.slug}", data={"reason": "spam"}).status_code == 404
    assert client.get("/report/user/someone").status_code == 404
    assert client.get("/report/action/no-such-thing").status_code == 404
    assert db.session.scalar(sa.select(sa.func.count(AbuseReport.id))) == 0


@pytest.mark.parametrize(("data", "message"), [
    ({"reason": ""}, "Choose a reason."),
    ({"reason": "because"}, "Not a valid choice"),
    ({"reason": "other", "details": "  "}, "Say what is wrong."),
    ({"reason": "spam", "email": "not-an-address"}, "Invalid email address."),
    ({"reason": "spam", "details": "x" * 2001}, "Field cannot be longer than 2000 characters."),
])
def test_bad_reports_are_explained(records, client, data, message):
    response = client.post(f"/report/action/{records['action'].slug}", data=data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(AbuseReport.id))) == 0


@pytest.mark.parametrize("decision", ["resolved", "dismissed"])
def test_moderators_handle_open_reports_with_an_audit_event(records, client, cast, as_role, decision):
    client.post(f"/report/story/{records['story'].slug}", data={"reason": "abusive", "details": "Insults."})
    report = db.session.scalar(sa.select(AbuseReport))
    moderator = as_role("moderator")
    queue = moderator.get("/moderation").get_data(as_text=True)
    assert "Reports of abuse" in queue and "Reported story" in queue and "Insults." in queue
    response = moderator.post(f"/report/manage/{report.id}", data={"decision": decision, "note": "Checked."})
    assert response.status_code == 302
    db.session.expire_all()
    report = db.session.get(AbuseReport, report.id)
    assert report.status == decision and report.handled_by_id == cast["moderator"].id
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.entity_type == "abuse_report"))
    assert event.verb == ("resolve_report" if decision == "resolved" else "dismiss_report")
    assert event.note == "Checked." and event.data["reported"] == f"story:{records['story'].id}"
    assert "Insults." not in moderator.get("/moderation").get_data(as_text=True)
    # Handling it twice changes nothing.
    moderator.post(f"/report/manage/{report.id}", data={"decision": "resolved"})
    assert db.session.scalar(sa.select(sa.func.count(AuditEvent.id)).where(
        AuditEvent.entity_type == "abuse_report")) == 1


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("editor", 403), ("other_editor", 403)])
def test_only_moderators_handle_reports(records, client, as_role, role, status):
    client.post(f"/report/action/{records['action'].slug}", data={"reason": "spam"})
    report = db.session.scalar(sa.select(AbuseReport))
    response = as_role(role).post(f"/report/manage/{report.id}", data={"decision": "dismissed"})
    assert response.status_code == status
    db.session.expire_all()
    assert db.session.get(AbuseReport, report.id).status == "open"


@pytest.fixture
def limited_app(app):
    """The same database with rate limiting on (Flask-Limiter reads the setting at init_app)."""
    limited = create_app({**app.config, "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://"})
    yield limited
    create_app({**app.config, "RATELIMIT_ENABLED": False})  # leave the shared limiter off


def test_reporting_is_rate_limited(limited_app, records):
    client = limited_app.test_client()
    slug = records["action"].slug
    codes = [client.post(f"/report/action/{slug}", data={"reason": "spam"}).status_code for _ in range(6)]
    assert codes == [302] * 5 + [429]
    assert client.get(f"/report/action/{slug}").status_code == 200  # reading the form is not limited
