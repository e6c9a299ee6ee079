"""The shared review workflow: every transition, who may take it, and what it records."""

import pytest
import sqlalchemy as sa

from hub.extensions import db
from hub.review import workflow
from hub.review.models import AuditEvent, Revision


@pytest.fixture
def setup(make_org, make_user, make_action):
    org = make_org()
    other = make_org()
    return {
        "org": org,
        "action": make_action(org, state="draft"),
        "editor": make_user(org=org, org_role="editor"),
        "outsider": make_user(org=other, org_role="owner"),
        "moderator": make_user(role="moderator"),
        "member": make_user(),
    }


def test_full_cycle_with_changes_requested(setup):
    action, editor, moderator = setup["action"], setup["editor"], setup["moderator"]
    workflow.transition(action, "submit", editor)
    assert action.review_state == "submitted" and action.submitted_at is not None
    workflow.transition(action, "request_changes", moderator, note="Add the results table.")
    assert action.review_state == "changes_requested" and action.review_note == "Add the results table."
    workflow.transition(action, "submit", editor)
    assert action.review_state == "submitted"
    workflow.transition(action, "approve", moderator)
    db.session.commit()
    assert action.review_state == "published" and action.published_at is not None
    assert action.reviewed_by_id == moderator.id
    verbs = db.session.scalars(sa.select(AuditEvent.verb).order_by(AuditEvent.id)).all()
    assert verbs == ["submit", "request_changes", "submit", "approve"]


@pytest.mark.parametrize(
    ("state", "verb"),
    [("draft", "approve"), ("draft", "reject"), ("published", "submit"), ("rejected", "approve"),
     ("changes_requested", "approve"), ("draft", "withdraw"), ("submitted", "unpublish")],
)
def test_forbidden_transitions(setup, state, verb):
    action = setup["action"]
    action.review_state = state
    user = setup["moderator"] if verb in ("approve", "reject", "unpublish") else setup["editor"]
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.transition(action, verb, user, note="n")
    assert action.review_state == state


@pytest.mark.parametrize(
    ("who", "verb", "allowed"),
    [("editor", "submit", True), ("outsider", "submit", False), ("member", "submit", False),
     ("moderator", "approve", True), ("editor", "approve", False), ("outsider", "reject", False)],
)
def test_who_may_take_each_step(setup, who, verb, allowed):
    action = setup["action"]
    if verb != "submit":
        action.review_state = "submitted"
    if allowed:
        workflow.transition(action, verb, setup[who], note="note")
    else:
        with pytest.raises(workflow.ReviewPermissionDenied):
            workflow.transition(action, verb, setup[who], note="note")


def test_reject_needs_a_note(setup):
    action = setup["action"]
    action.review_state = "submitted"
    with pytest.raises(workflow.ReviewError, match="note"):
        workflow.transition(action, "reject", setup["moderator"], note="  ")
    assert action.review_state == "submitted"


def test_trusted_organization_publishes_directly(setup):
    setup["org"].trusted = True
    workflow.transition(setup["action"], "submit", setup["editor"])
    assert setup["action"].review_state == "published"
    assert db.session.scalar(sa.select(AuditEvent.verb)) == "publish_trusted"


def test_featuring_needs_published_content_and_a_moderator(setup):
    action = setup["action"]
    with pytest.raises(workflow.TransitionNotAllowed):
        workflow.set_featured(action, setup["moderator"], True)
    action.review_state = "published"
    with pytest.raises(workflow.ReviewPermissionDenied):
        workflow.set_featured(action, setup["editor"], True)
    workflow.set_featured(action, setup["moderator"], True)
    assert action.featured
    workflow.transition(action, "unpublish", setup["moderator"], note="Outdated")
    assert not action.featured and action.review_state == "draft"


def test_edit_records_revision_and_detects_conflicts(setup):
    action, editor = setup["action"], setup["editor"]
    before = workflow.snapshot(action, ["title", "summary", "themes"])
    workflow.check_version(action, action.version)
    action.title = "A better title"
    workflow.record_edit(action, editor, before)
    db.session.commit()
    assert action.version == 2
    revision = db.session.scalar(sa.select(Revision))
    assert revision.data["title"] == before["title"] and revision.summary == "title"
    with pytest.raises(workflow.EditConflict):
        workflow.check_version(action, "1")
    with pytest.raises(workflow.EditConflict):
        workflow.check_version(action, "not a number")


def test_available_steps_depend_on_user_and_state(setup):
    action = setup["action"]
    assert [t.verb for t in workflow.available(action, setup["editor"])] == ["submit"]
    assert workflow.available(action, setup["outsider"]) == []
    action.review_state = "submitted"
    assert {t.verb for t in workflow.available(action, setup["moderator"])} >= {"approve", "reject", "request_changes"}
