"""Actions through the HTTP views: the review state machine, who may take each step, visibility."""

import pytest
import sqlalchemy as sa

from hub.extensions import db
from hub.review.models import AuditEvent
from tests.fixtures.actions import ROLES


def state_of(action) -> str:
    db.session.expire_all()
    return db.session.get(type(action), action.id).review_state


def post_step(client, action, verb, note=""):
    return client.post(f"/actions/{action.slug}/transition", data={"verb": verb, "note": note})


SUBMIT = {"anonymous": 404, "other_editor": 404, "editor": "submitted", "owner": "submitted",
          "moderator": 403, "admin": "submitted"}
APPROVE = {"anonymous": 404, "other_editor": 404, "editor": 403, "owner": 403,
           "moderator": "published", "admin": "published"}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_submit_a_draft(cast, as_role, make_action, role):
    action = make_action(cast["org"], state="draft")
    response = post_step(as_role(role), action, "submit")
    expected = SUBMIT[role]
    if isinstance(expected, int):
        assert response.status_code == expected
        assert state_of(action) == "draft"
    else:
        assert response.status_code == 302
        assert state_of(action) == expected


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("verb", ["approve", "request_changes", "reject"])
def test_who_may_review_a_submission(cast, as_role, make_action, role, verb):
    action = make_action(cast["org"], state="submitted")
    response = post_step(as_role(role), action, verb, note="Please add the results.")
    expected = APPROVE[role]
    if isinstance(expected, int):
        assert response.status_code == expected
        assert state_of(action) == "submitted"
    else:
        assert response.status_code == 302
        assert state_of(action) == {"approve": "published", "request_changes": "changes_requested",
                                    "reject": "rejected"}[verb]


def test_anonymous_posting_a_step_on_a_public_action_is_sent_to_sign_in(cast, as_role, make_action):
    action = make_action(cast["org"], state="published")
    response = post_step(as_role("anonymous"), action, "unpublish", note="x")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert state_of(action) == "published"


@pytest.mark.parametrize(
    ("state", "verb", "role"),
    [("draft", "approve", "moderator"), ("draft", "withdraw", "editor"), ("published", "submit", "editor"),
     ("rejected", "submit", "owner"), ("rejected", "approve", "moderator"), ("submitted", "unpublish", "moderator"),
     ("changes_requested", "approve", "moderator"), ("submitted", "submit", "editor")],
)
def test_forbidden_transitions_change_nothing(cast, as_role, make_action, state, verb, role):
    action = make_action(cast["org"], state=state)
    client = as_role(role)
    response = post_step(client, action, verb, note="note")
    assert response.status_code == 302
    assert state_of(action) == state
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "cannot be done while the record is" in page


@pytest.mark.parametrize("verb", ["request_changes", "reject", "unpublish"])
def test_sending_back_rejecting_or_unpublishing_needs_a_note(cast, as_role, make_action, verb):
    action = make_action(cast["org"], state="published" if verb == "unpublish" else "submitted")
    before = action.review_state
    client = as_role("moderator")
    response = post_step(client, action, verb, note="   ")
    assert state_of(action) == before
    assert "Please write a note saying why." in client.get(response.headers["Location"]).get_data(as_text=True)


def test_unknown_step_is_a_bad_request(cast, as_role, make_action):
    action = make_action(cast["org"], state="draft")
    assert post_step(as_role("editor"), action, "publish-now").status_code == 400
    assert as_role("editor").post(f"/actions/{action.slug}/transition", data={}).status_code == 400


def test_whole_cycle_with_the_reviewers_note_on_the_dashboard(cast, as_role, make_action):
    action = make_action(cast["org"], state="draft", title="Solar pumps for Thiès")
    editor, moderator = as_role("editor"), as_role("moderator")
    assert post_step(editor, action, "submit").status_code == 302
    assert post_step(editor, action, "withdraw").status_code == 302
    assert state_of(action) == "draft"
    post_step(editor, action, "submit")
    queue = moderator.get("/moderation").get_data(as_text=True)
    assert "Solar pumps for Thiès" in queue and f"/actions/{action.slug}/transition" in queue
    post_step(moderator, action, "request_changes", note="Say how many pumps were installed.")
    assert state_of(action) == "changes_requested"
    dashboard = editor.get("/dashboard").get_data(as_text=True)
    assert "Say how many pumps were installed." in dashboard
    assert "Make the changes the reviewer asked for" in dashboard
    assert f"/actions/{action.slug}/edit" in dashboard
    post_step(editor, action, "submit")
    post_step(moderator, action, "approve")
    assert state_of(action) == "published"
    assert as_role("anonymous").get(f"/actions/{action.slug}").status_code == 200
    post_step(moderator, action, "unpublish", note="Out of date.")
    assert state_of(action) == "draft"
    assert as_role("anonymous").get(f"/actions/{action.slug}").status_code == 404
    verbs = db.session.scalars(sa.select(AuditEvent.verb).where(AuditEvent.entity_type == "action")
                               .order_by(AuditEvent.id)).all()
    assert verbs == ["submit", "withdraw", "submit", "request_changes", "submit", "approve", "unpublish"]


def test_a_trusted_organization_publishes_at_once(cast, as_role, make_action):
    cast["org"].trusted = True
    db.session.commit()
    action = make_action(cast["org"], state="draft")
    post_step(as_role("editor"), action, "submit")
    assert state_of(action) == "published"


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("other_editor", 403), ("editor", 403),
                                              ("owner", 403), ("moderator", 302), ("admin", 302)])
def test_who_may_feature(cast, as_role, make_action, role, status):
    action = make_action(cast["org"], state="published", title="Featured pumps")
    response = as_role(role).post(f"/actions/{action.slug}/feature", data={"featured": "1"})
    assert response.status_code == status
    db.session.expire_all()
    featured = db.session.get(type(action), action.id).featured
    assert featured is (role in ("moderator", "admin"))
    if featured:
        assert "Featured pumps" in as_role("anonymous").get("/").get_data(as_text=True)


def test_only_published_actions_can_be_featured(cast, as_role, make_action):
    action = make_action(cast["org"], state="submitted")
    as_role("moderator").post(f"/actions/{action.slug}/feature", data={"featured": "1"})
    db.session.expire_all()
    assert db.session.get(type(action), action.id).featured is False


VIEW_DRAFT = {"anonymous": 404, "other_editor": 404, "editor": 200, "owner": 200, "moderator": 200, "admin": 200}


@pytest.mark.parametrize("role", ROLES)
def test_a_draft_is_seen_only_by_its_organization_and_moderators(cast, as_role, make_action, role):
    action = make_action(cast["org"], state="draft", title="Quiet draft")
    response = as_role(role).get(f"/actions/{action.slug}")
    assert response.status_code == VIEW_DRAFT[role]
    if response.status_code == 200:
        assert "Not public" in response.get_data(as_text=True)


def test_published_actions_of_unverified_organizations_are_not_public(make_org, make_action, client):
    action = make_action(make_org(verified=False), state="published")
    assert client.get(f"/actions/{action.slug}").status_code == 404
    assert action.title not in client.get("/actions").get_data(as_text=True)


EDIT = {"anonymous": 404, "other_editor": 404, "editor": 200, "owner": 200, "moderator": 403, "admin": 200}
TEAM = {"anonymous": 302, "other_editor": 403, "editor": 200, "owner": 200, "moderator": 200, "admin": 200}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_edit(cast, as_role, make_action, role):
    action = make_action(cast["org"], state="draft")
    response = as_role(role).get(f"/actions/{action.slug}/edit")
    assert response.status_code == EDIT[role]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", ["history", "preview"])
def test_who_sees_history_and_preview(cast, as_role, make_action, role, page):
    action = make_action(cast["org"], state="published")
    response = as_role(role).get(f"/actions/{action.slug}/{page}")
    assert response.status_code == TEAM[role]


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("moderator", 403), ("member", 403),
                                              ("editor", 200)])
def test_who_may_open_the_submission_form(cast, app, login_client, role, status):
    client = app.test_client() if role == "anonymous" else login_client(cast[role])
    assert client.get("/actions/new").status_code == status


def test_unknown_action_is_404(client):
    assert client.get("/actions/no-such-action").status_code == 404
    assert client.post("/actions/no-such-action/transition", data={"verb": "submit"}).status_code == 404
