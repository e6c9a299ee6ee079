"""The write API and its tokens: created by owners, shown once, hashed, scoped, revocable."""

from __future__ import annotations

import hashlib

import sqlalchemy as sa
from flask import g

from hub.actions.models import Action
from hub.auth.models import ApiToken
from hub.extensions import db

PAYLOAD = {"title": "Mobile clinic", "summary": "A clinic on wheels for rural districts.",
           "origin_countries": ["gha"], "implementation_countries": ["GHA"], "themes": ["health"],
           "sdgs": [3], "results": [{"indicator": "Patients seen", "target": "5000"}],
           "links": [{"label": "Site", "url": "https://example.org/clinic"}], "budget": "1200.5", "currency": "EUR"}


def post(client, secret, payload=PAYLOAD):
    headers = {"Authorization": f"Bearer {secret}"} if secret is not None else {}
    return client.post("/api/v1/actions", json=payload, headers=headers)


def test_token_creates_an_action_submitted_for_review(client, api_content, make_token, make_user, login_client):
    secret = make_token(api_content["ngo"], api_content["owner"])
    response = post(client, secret)
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["review_state"] == "submitted" and body["organization"]["slug"] == api_content["ngo"].slug
    action = db.session.scalar(sa.select(Action).where(Action.slug == body["slug"]))
    assert action.organization_id == api_content["ngo"].id
    assert [c.iso3 for c in action.origin_countries] == ["GHA"] and str(action.budget) == "1200.50"
    assert action.results[0].indicator == "Patients seen"
    # In the moderation queue, and not public until approved.
    moderator = make_user(role="moderator")
    assert "Mobile clinic" in login_client(moderator).get("/moderation").get_data(as_text=True)
    assert client.get(f"/api/v1/actions/{body['slug']}").status_code == 404
    token = db.session.scalar(sa.select(ApiToken))
    assert token.last_used_at is not None


def test_draft_when_asked(client, api_content, make_token):
    secret = make_token(api_content["ngo"], api_content["owner"])
    assert post(client, secret, {**PAYLOAD, "submit": False}).get_json()["review_state"] == "draft"


def test_missing_invalid_and_revoked_tokens_get_401(client, api_content, make_token):
    assert post(client, None).status_code == 401
    assert post(client, "dh_not-a-token").status_code == 401
    assert client.post("/api/v1/actions", json=PAYLOAD, headers={"Authorization": "Basic abc"}).status_code == 401
    secret = make_token(api_content["ngo"], api_content["owner"])
    token = db.session.scalar(sa.select(ApiToken))
    from hub.api import tokens

    tokens.revoke_token(token, api_content["owner"])
    db.session.commit()
    response = post(client, secret)
    assert response.status_code == 401 and response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.get_json()["error"]["code"] == 401
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Action).where(Action.title == "Mobile clinic")) == 0


def test_token_stops_when_its_creator_leaves(client, api_content, make_token):
    secret = make_token(api_content["ngo"], api_content["owner"])
    for membership in list(api_content["owner"].memberships):
        db.session.delete(membership)
    db.session.commit()
    assert post(client, secret).status_code == 401


def test_token_acts_only_for_its_organization(client, api_content, make_token, make_user):
    other_owner = make_user(org=api_content["assoc"])
    secret = make_token(api_content["assoc"], other_owner)
    # Nothing in the payload can point it at another organization.
    body = post(client, secret, {**PAYLOAD, "organization": api_content["ngo"].slug,
                                 "organization_id": api_content["ngo"].id}).get_json()
    assert body["organization"]["slug"] == api_content["assoc"].slug
    action = db.session.scalar(sa.select(Action).where(Action.slug == body["slug"]))
    assert action.organization_id == api_content["assoc"].id


def test_invalid_payloads_get_422_with_field_errors(client, api_content, make_token):
    secret = make_token(api_content["ngo"], api_content["owner"])
    cases = [
        ({"summary": "A summary long enough."}, "title"),
        ({**PAYLOAD, "themes": ["nope"]}, "themes"),
        ({**PAYLOAD, "origin_countries": ["XYZ"]}, "origin_countries"),
        ({**PAYLOAD, "start_date": "2024-05-01", "end_date": "2023-01-01"}, "end_date"),
        ({**PAYLOAD, "budget": "-5"}, "budget"),
        ({**PAYLOAD, "links": [{"url": "javascript:alert(1)"}]}, "links"),
        ({**PAYLOAD, "sdgs": [18]}, "sdgs"),
    ]
    for payload, field in cases:
        response = post(client, secret, payload)
        assert response.status_code == 422, (payload, response.get_json())
        assert field in response.get_json()["error"]["fields"]
    raw = client.post("/api/v1/actions", data="not json", headers={"Authorization": f"Bearer {secret}",
                                                                   "Content-Type": "application/json"})
    assert raw.status_code == 422


def test_owner_creates_lists_and_revokes_tokens_in_the_web_ui(api_content, login_client):
    owner = login_client(api_content["owner"])
    url = f"/organizations/{api_content['ngo'].slug}/tokens"
    assert owner.get(url).status_code == 200
    created = owner.post(url, data={"name": "Website form"})
    assert created.status_code == 201
    page = created.get_data(as_text=True)
    token = db.session.scalar(sa.select(ApiToken))
    secret = page.split('<code id="new-token">', 1)[1].split("</code>", 1)[0]
    assert secret.startswith(token.prefix)
    assert token.token_hash == hashlib.sha256(secret.encode()).hexdigest() and secret not in token.token_hash
    listing = owner.get(url).get_data(as_text=True)
    assert token.prefix in listing and secret not in listing and "Website form" in listing
    assert owner.post(f"{url}/{token.id}/revoke").status_code == 302
    db.session.refresh(token)
    assert token.revoked_at is not None
    assert owner.post(url, data={"name": ""}).status_code == 400


def test_only_owners_manage_tokens(api_content, make_user, login_client, client):
    url = f"/organizations/{api_content['ngo'].slug}/tokens"
    editor = make_user(org=api_content["ngo"], org_role="editor")
    stranger = make_user(org=api_content["assoc"])

    def status(test_client, method="get", **kw):
        g.pop("_login_user", None)  # requests share the test's app context, and Flask-Login caches the user in g
        return getattr(test_client, method)(url, **kw).status_code

    assert status(client) in (302, 401)
    assert status(login_client(editor)) == 403
    assert status(login_client(stranger)) == 403
    assert status(login_client(stranger), "post", data={"name": "x"}) == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(ApiToken)) == 0


def test_a_token_of_another_organization_cannot_be_revoked_through_this_one(api_content, make_token, make_user,
                                                                            login_client):
    other_owner = make_user(org=api_content["assoc"])
    make_token(api_content["assoc"], other_owner)
    token = db.session.scalar(sa.select(ApiToken))
    owner = login_client(api_content["owner"])
    assert owner.post(f"/organizations/{api_content['ngo'].slug}/tokens/{token.id}/revoke").status_code == 404
    db.session.refresh(token)
    assert token.revoked_at is None


def test_write_api_is_rate_limited_per_token(app, api_content, make_token):
    from hub import create_app

    first = make_token(api_content["ngo"], api_content["owner"], "one")
    second = make_token(api_content["ngo"], api_content["owner"], "two")
    keys = ("TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI", "INSTANCE_DIR", "SEARCH_INDEX_DIR", "UPLOAD_DIR",
            "MAIL_OUTBOX_DIR", "DATA_DIR", "SERVER_NAME", "WTF_CSRF_ENABLED")
    limited = create_app({**{key: app.config[key] for key in keys}, "RATELIMIT_ENABLED": True,
                          "API_WRITE_RATE_LIMIT": "2 per minute"})
    client = limited.test_client()
    assert [post(client, first).status_code for _ in range(3)] == [201, 201, 429]
    assert post(client, first).get_json()["error"]["code"] == 429
    assert post(client, second).status_code == 201  # the limit is the token's, not the address's
    with limited.app_context():
        db.engine.dispose()
