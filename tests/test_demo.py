"""Demo content: `hub demo` loads it once, `hub demo --remove` takes exactly it away."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from hub.auth.passwords import verify_password
from hub.demo import DEMO_ACCOUNTS, demo_loaded, load_demo, remove_demo
from hub.extensions import db
from hub.modeling import utcnow
from hub.models import (
    Action,
    ActionResult,
    AuditEvent,
    CommunityProfile,
    Country,
    DataSource,
    Event,
    Membership,
    Opportunity,
    Organization,
    Partnership,
    PartnershipPartner,
    ProgressReport,
    Revision,
    Story,
    User,
)
from hub.review.history import record_audit, record_revision
from hub.taxonomy.vocabulary import CONTENT_LANGUAGES, ORGANIZATION_TYPES, codes

EXPECTED = {
    "organizations": 42, "users": 5, "actions": 82, "partnerships": 25, "stories": 30,
    "data sources": 4, "community profiles": 6, "events": 20, "opportunities": 12,
}
DEMO_MODELS = {
    "organizations": Organization, "users": User, "actions": Action,
    "partnerships": Partnership, "stories": Story, "data sources": DataSource,
    "community profiles": CommunityProfile, "events": Event, "opportunities": Opportunity,
}
DOCS = Path(__file__).resolve().parent.parent / "docs" / "demo.md"


def count(model, *where) -> int:
    return db.session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


def demo(model):
    return list(db.session.scalars(sa.select(model).where(model.is_demo)))


@pytest.fixture
def loaded(app_ctx):
    counts = load_demo()
    db.session.commit()
    return counts


def test_load_creates_the_expected_records(loaded):
    assert loaded == EXPECTED
    for label, model in DEMO_MODELS.items():
        assert count(model, model.is_demo) == EXPECTED[label], label
    assert demo_loaded()


def test_load_covers_every_organization_type_language_and_review_state(loaded):
    orgs = demo(Organization)
    assert {o.org_type for o in orgs} == set(codes(ORGANIZATION_TYPES))
    assert len({o.hq_country_iso3 for o in orgs}) >= 15
    assert 3 <= sum(o.verification == "pending" for o in orgs) <= 8
    assert 1 <= sum(o.trusted for o in orgs) <= 2
    assert sum(o.last_confirmed_at is not None for o in orgs) >= 20
    for model in (Action, Partnership, Story):
        assert {r.language for r in demo(model)} == set(codes(CONTENT_LANGUAGES)), model

    actions = demo(Action)
    states = {a.review_state for a in actions}
    assert {"published", "submitted", "changes_requested", "draft"} <= states
    assert sum(a.is_published for a in actions) > len(actions) * 2 / 3
    assert all(a.review_note for a in actions if a.review_state == "changes_requested")
    featured = [a for a in actions if a.featured]
    assert 3 <= len(featured) <= 4 and all(a.is_published for a in featured)
    published_at = [a.published_at for a in actions if a.is_published]
    assert max(published_at) - min(published_at) > timedelta(days=365)
    assert all(a.results and a.links and a.themes and a.sdgs for a in actions)
    assert all(a.origin_countries and a.implementation_countries for a in actions)
    assert all(bool(a.budget) == bool(a.currency) for a in actions)
    # Planned work has no achievements yet; completed work has them all.
    planned = db.session.scalars(sa.select(ActionResult).join(Action).where(
        Action.is_demo, Action.status == "planned"))
    assert all(r.achieved == "" for r in planned)
    completed = db.session.scalars(sa.select(ActionResult).join(Action).where(
        Action.is_demo, Action.status == "completed"))
    assert all(r.achieved for r in completed)

    stories = demo(Story)
    assert all(s.consent_confirmed and not s.image_credit for s in stories)
    assert all((s.action_id is None) != (s.partnership_id is None) for s in stories)
    assert sum(s.is_published for s in stories) > len(stories) * 2 / 3
    # A published story never links to work the public cannot see.
    assert all(s.action.is_published for s in stories if s.is_published and s.action)
    assert all("lorem" not in (s.body + s.title).lower() for s in stories)
    assert all("{" not in a.description + a.title for a in actions)


def test_partnerships_have_roles_confirmations_and_fresh_and_stale_reports(loaded):
    partnerships = demo(Partnership)
    roles = {p.role for x in partnerships for p in x.partners}
    assert roles == {"lead", "implementing", "funding", "knowledge"}
    confirmations = [p.confirmation for x in partnerships for p in x.partners]
    assert confirmations.count("confirmed") > len(confirmations) / 2
    assert "pending" in confirmations
    for partnership in partnerships:
        lead = [p for p in partnership.partners if p.role == "lead"]
        assert [p.organization_id for p in lead] == [partnership.lead_organization_id]
        dates = [r.report_date for r in partnership.reports]
        assert partnership.last_report_on == (max(dates) if dates else None)
    today = utcnow().date()
    ages = [(today - p.last_report_on).days for p in partnerships if p.last_report_on]
    assert min(ages) < 60 and any(90 < a < 180 for a in ages) and max(ages) > 180
    assert count(ProgressReport) >= 25


def test_demo_users_sign_in_with_their_documented_passwords(loaded):
    by_email = {u.email: u for u in demo(User)}
    assert set(by_email) == {a.email for a in DEMO_ACCOUNTS}
    assert {a.role for a in DEMO_ACCOUNTS} == {"admin", "moderator", "member"}
    for account in DEMO_ACCOUNTS:
        user = by_email[account.email]
        assert verify_password(user.password_hash, account.password)
        assert not verify_password(user.password_hash, account.password + "x")
        assert len(account.password) >= 12 and account.password.lower() not in {
            "password1234", "123456789012", "qwertyuiop12"}
        assert user.role == account.role and user.email_verified_at and user.auth_stamp
        if account.organization:
            membership = db.session.get(Membership, (user.id, user.current_organization_id))
            assert membership.role == account.org_role
    owner = by_email["owner@demo.diasporahub.org"]
    pending = by_email["pending@demo.diasporahub.org"]
    assert db.session.get(Organization, owner.current_organization_id).is_verified
    assert db.session.get(Organization, pending.current_organization_id).verification == "pending"
    editor = by_email["editor@demo.diasporahub.org"]
    assert editor.memberships[0].role == "editor"


def test_demo_accounts_are_documented():
    text = DOCS.read_text(encoding="utf-8")
    for account in DEMO_ACCOUNTS:
        assert account.email in text and account.password in text


def test_demo_content_uses_existing_country_codes(loaded):
    known = set(db.session.scalars(sa.select(Country.iso3)))
    used = {o.hq_country_iso3 for o in demo(Organization)}
    for table in db.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == "country" and table.name not in ("migrant_stock",):
                used |= set(db.session.scalars(sa.select(fk.parent).where(fk.parent.is_not(None))))
    assert len(used) >= 25
    assert used <= known, used - known


def test_cli_loads_once(runner, app):
    first = runner.invoke(args=["demo"])
    assert first.exit_code == 0, first.output
    assert "Loaded demo content: 42 organizations" in first.output
    assert "moderator@demo.diasporahub.org" in first.output
    second = runner.invoke(args=["demo"])
    assert second.exit_code == 0
    assert "already loaded" in second.output
    with app.app_context():
        assert count(Organization, Organization.is_demo) == 42
        assert count(Action, Action.is_demo) == 82


def test_load_is_deterministic(app_ctx):
    def snapshot():
        return sorted(
            (a.slug, a.status, a.review_state, str(a.budget), tuple(r.achieved for r in a.results))
            for a in demo(Action)
        )

    load_demo()
    db.session.commit()
    first = snapshot()
    remove_demo()
    db.session.commit()
    assert not demo_loaded()
    load_demo()
    db.session.commit()
    assert snapshot() == first


def test_remove_takes_demo_records_away_and_leaves_the_rest(
    runner, app, make_org, make_action, make_story, make_source, make_user
):
    real_org = make_org(name="Real Association", hq="FRA", heritage=("SEN",))
    real_action = make_action(real_org, title="Real action")
    real_source = make_source(title="Real source")
    real_user = make_user(org=real_org)
    countries = count(Country)
    assert runner.invoke(args=["demo"]).exit_code == 0

    # Real records that point at demo records: a moderation by the demo moderator, a story
    # linked to a demo action, a demo partner on a real action, a real member of a demo org.
    moderator = db.session.scalar(sa.select(User).where(User.role == "moderator", User.is_demo))
    demo_action = db.session.scalar(sa.select(Action).where(Action.is_demo).limit(1))
    demo_org = demo_action.organization
    real_org.verified_by_id = moderator.id
    real_story = make_story(real_org, title="Real story", action_id=demo_action.id)
    real_action.partners = [demo_org]
    db.session.add(Membership(user=real_user, organization=demo_org, role="editor"))
    record_revision(demo_action, moderator, {"title": "Old title"})
    record_audit(moderator, "approve", demo_action)
    record_revision(real_action, moderator, {"title": "Older real title"})
    db.session.commit()

    result = runner.invoke(args=["demo", "--remove"])
    assert result.exit_code == 0, result.output
    assert "Removed demo content: 20 events, 12 opportunities, 30 stories, 25 partnerships, 82 actions" in result.output

    db.session.expire_all()
    for label, model in DEMO_MODELS.items():
        assert count(model, model.is_demo) == 0, label
    assert not demo_loaded()
    assert db.session.get(Organization, real_org.id).verified_by_id is None
    assert db.session.get(Action, real_action.id).partners == []
    assert db.session.get(Story, real_story.id).action_id is None
    assert db.session.get(DataSource, real_source.id) is not None
    assert [m.organization_id for m in db.session.get(User, real_user.id).memberships] == [
        real_org.id]
    assert count(Country) == countries
    # Children and history of demo records went with them; the real record's stayed.
    assert count(PartnershipPartner) == count(ProgressReport) == 0
    assert count(ActionResult, ActionResult.action_id != real_action.id) == 0
    assert count(Revision) == 1 and count(AuditEvent, AuditEvent.entity_id.is_not(None)) == 0
    orphans = sa.text("SELECT count(*) FROM action_theme WHERE action_id NOT IN "
                      "(SELECT id FROM action)")
    assert db.session.scalar(orphans) == 0

    again = runner.invoke(args=["demo"])
    assert "Loaded demo content" in again.output


def test_remove_keeps_a_demo_organization_that_owns_real_records(app_ctx, make_action):
    load_demo()
    db.session.commit()
    demo_org = db.session.scalar(sa.select(Organization).where(Organization.is_demo).limit(1))
    real_action = make_action(demo_org, title="Added by a real user")
    messages = []

    counts = remove_demo(messages.append)
    db.session.commit()
    assert counts["organizations"] == EXPECTED["organizations"] - 1
    assert db.session.get(Action, real_action.id) is not None
    assert db.session.get(Organization, demo_org.id) is not None
    assert any("Kept 1 demo organization" in m for m in messages)


def test_demo_events_and_calls_span_past_present_and_future(loaded):
    now = utcnow()
    events, calls = demo(Event), demo(Opportunity)
    assert len({e.timezone for e in events}) >= 8 and {e.format for e in events} == {"in-person", "online", "hybrid"}
    assert sum(e.status == "cancelled" for e in events) == 1
    assert sum(e.ends_at <= now for e in events) == 3 and any(e.all_day for e in events)
    assert any(e.organizers for e in events)
    assert sum(c.closes_at <= now for c in calls) == 3
    assert any(timedelta(0) < c.closes_at - now < timedelta(days=7) for c in calls)
