"""The index follows the database: publish, unpublish, delete, verification, rollback."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from hub import search
from hub.extensions import db
from hub.models import CommunityProfile, PartnershipPartner, SearchOutbox

KINDS = {
    "action": lambda f, org, **kw: f["make_action"](org, **kw),
    "partnership": lambda f, org, **kw: f["make_partnership"](org, **kw),
    "story": lambda f, org, **kw: f["make_story"](org, **kw),
    "source": lambda f, org, **kw: f["make_source"](org=org, **kw),
}


@pytest.fixture
def makers(make_action, make_partnership, make_story, make_source):
    return {"make_action": make_action, "make_partnership": make_partnership,
            "make_story": make_story, "make_source": make_source}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_content_indexed_on_publish_removed_on_unpublish_and_delete(kind, makers, make_org, index_probe):
    org = make_org()
    record = KINDS[kind](makers, org, title="Diaspora clinic twinning", state="draft")
    assert not index_probe.has(record, kind)

    record.review_state = "published"
    db.session.commit()
    assert index_probe.has(record, kind)
    assert record.slug in index_probe.find("clinic twinning")

    record.review_state = "changes_requested"
    db.session.commit()
    assert not index_probe.has(record, kind)

    record.review_state = "published"
    db.session.commit()
    db.session.delete(record)
    db.session.commit()
    assert not index_probe.has(record, kind)
    assert search.pending() == 0  # this host's index applied the whole log


def test_edit_reaches_the_index(make_org, make_action, index_probe):
    action = make_action(make_org(), title="Old title")
    action.title = "Telemedicine for Kumasi"
    db.session.commit()
    assert index_probe.stored(f"action:{action.id}")["title"] == "Telemedicine for Kumasi"
    assert action.slug in index_probe.find("telemedicine")


def test_organization_indexed_only_when_verified(make_org, index_probe):
    pending = make_org(name="Pending Friends", verified=False)
    verified = make_org(name="Verified Friends")
    assert index_probe.has(verified, "organization")
    assert not index_probe.has(pending, "organization")


def test_organization_losing_verification_removes_its_content(make_org, make_action, make_story, make_source,
                                                              make_partnership, index_probe):
    org = make_org(name="Akwaaba Health Network")
    records = {"action": make_action(org), "story": make_story(org), "source": make_source(org=org),
               "partnership": make_partnership(org)}
    assert all(index_probe.has(r, kind) for kind, r in records.items())

    org.verification = "rejected"
    db.session.commit()
    assert not index_probe.has(org, "organization")
    assert not any(index_probe.has(r, kind) for kind, r in records.items())

    org.verification = "verified"
    db.session.commit()
    assert all(index_probe.has(r, kind) for kind, r in records.items())


def test_organization_rename_reaches_its_content(make_org, make_action, index_probe):
    org = make_org(name="Old Name Association")
    action = make_action(org)
    org.name = "Sankofa Builders"
    db.session.commit()
    assert index_probe.stored(f"action:{action.id}")["org_name"] == "Sankofa Builders"
    assert action.slug in index_probe.find("sankofa")


def test_deleting_an_organization_removes_everything_it_owned(make_org, make_action, index_probe):
    org = make_org()
    uids = {f"action:{make_action(org).id}", f"organization:{org.id}"}
    assert uids <= index_probe.uids()
    db.session.delete(org)
    db.session.commit()
    assert not uids & index_probe.uids()


def test_partner_confirmation_updates_the_partnership(make_org, make_partnership, index_probe):
    lead, partner = make_org(), make_org(name="Kente Knowledge Exchange")
    partnership = make_partnership(lead)
    link = PartnershipPartner(partnership=partnership, organization=partner, role="knowledge")
    db.session.add(link)
    db.session.commit()
    assert partnership.slug not in index_probe.find("kente")  # not confirmed yet
    link.confirmation = "confirmed"
    db.session.commit()
    assert partnership.slug in index_probe.find("kente")


def test_rollback_leaves_the_index_and_outbox_untouched(make_org, make_action, index_probe):
    action = make_action(make_org(), title="Stable title")
    before = index_probe.stored(f"action:{action.id}")
    logged = db.session.scalar(sa.select(sa.func.count()).select_from(SearchOutbox))
    action.title = "Rolled back title"
    db.session.flush()  # the log row exists inside the transaction...
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SearchOutbox)) == logged + 1
    db.session.rollback()  # ...and is forgotten with it
    assert db.session.scalar(sa.select(sa.func.count()).select_from(SearchOutbox)) == logged
    assert search.pending() == 0
    assert index_probe.stored(f"action:{action.id}") == before
    assert not index_probe.find("rolled")


def test_community_profile_creates_a_community_document(make_user, index_probe):
    profile = CommunityProfile(origin_iso3="SEN", destination_iso3="ARE", summary="Traders and students in Dubai.")
    db.session.add(profile)
    db.session.commit()
    assert "community:SEN-ARE" in index_probe.uids("community")
    assert "SEN-ARE" in index_probe.find("traders dubai")


def test_lock_held_elsewhere_keeps_changes_in_the_outbox(app, make_org, make_action, index_probe, monkeypatch):
    org = make_org()
    monkeypatch.setattr(search.store, "WRITE_TIMEOUT", 0.2)
    from whoosh import index

    lock = index.open_dir(app.config["SEARCH_INDEX_DIR"]).lock("WRITELOCK")
    assert lock.acquire(blocking=False)
    try:
        action = make_action(org, title="Queued while locked")  # the commit itself succeeds
        assert search.pending() > 0
        assert not index_probe.has(action, "action")
    finally:
        lock.release()
    search.drain()
    assert search.pending() == 0
    assert index_probe.has(action, "action")
