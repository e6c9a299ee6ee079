"""The factories other tests rely on make records the public pages can see."""

from hub.extensions import db
from hub.models import Action
from hub.review.visibility import public


def test_published_action_of_verified_org_is_public(make_org, make_action):
    org = make_org()
    shown = make_action(org, title="Nurses for Kumasi")
    pending = make_org(verified=False)
    make_action(pending, title="Hidden because unverified")
    make_action(org, title="Hidden draft", state="draft")
    titles = [a.title for a in db.session.scalars(public(Action))]
    assert titles == [shown.title]
