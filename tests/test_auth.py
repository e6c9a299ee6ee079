"""Registering, verifying, signing in and out, resetting a password, the account page."""

from __future__ import annotations

import time

import pytest
import sqlalchemy as sa

from hub import create_app
from hub.auth import tokens
from hub.auth.models import Membership, User
from hub.auth.passwords import password_problems
from hub.extensions import db
from hub.orgs.models import Organization
from tests.fixtures.auth import STRONG_PASSWORD, registration_data
from tests.fixtures.factories import PASSWORD


def _user(email_address):
    return db.session.scalar(sa.select(User).where(User.email == email_address))


def test_register_creates_pending_org_and_owner_and_sends_link(client, app, outbox):
    response = client.post("/register", data=registration_data())
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/register/check-your-inbox")
    with app.app_context():
        user = _user("ama@example.org")
        org = db.session.scalar(sa.select(Organization))
        assert org.verification == "pending"
        assert org.slug == "ghana-health-professionals-network-germany"
        assert [c.iso3 for c in org.heritage_countries] == ["GHA"]
        assert {t.slug for t in org.themes} == {"health", "skills"}
        membership = db.session.get(Membership, (user.id, org.id))
        assert membership.role == "owner"
        assert user.email_verified_at is None
        assert user.password_hash != STRONG_PASSWORD
    assert outbox.last()["To"] == "ama@example.org"
    assert outbox.link(contains="/verify/").startswith("/verify/")


def test_failed_registration_keeps_input_and_says_what_is_wrong(client, app):
    data = registration_data(email="not-an-email", password="short", confirm="other", org_type="")
    response = client.post("/register", data=data)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert 'value="Ghana Health Professionals Network Germany"' in html
    assert 'value="Ama Mensah"' in html
    assert "Use at least 12 characters" in html
    assert "The two passwords do not match." in html
    assert "Choose the type of organization." in html
    assert "Invalid email address." in html
    assert '<option selected value="GHA">' in html or 'value="GHA" selected' in html
    assert 'aria-invalid="true"' in html
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(User.id))) == 0


@pytest.mark.parametrize("password", ["password1234", "Password2024!", "qwertyuiopasdfgh", "aaaaaaaaaaaaaa",
                                      "123456789012", "ama@example.org1"])
def test_common_or_personal_passwords_are_refused(client, password):
    response = client.post("/register", data=registration_data(password=password, confirm=password))
    assert response.status_code == 200
    assert "too common" in response.get_data(as_text=True) or "name or e-mail" in response.get_data(as_text=True)


def test_password_policy_accepts_a_passphrase(app_ctx):
    assert password_problems("tamarind kettle orbit 42", email="ama@example.org", name="Ama") == []


def test_bad_choices_never_cause_a_server_error(client):
    data = registration_data(hq_country="XXX", heritage_countries=["ZZZ"], themes=["nope"], org_type="evil")
    response = client.post("/register", data=data)
    assert response.status_code == 200
    assert "Not a valid choice" in response.get_data(as_text=True)


def test_registering_a_known_email_looks_the_same_and_warns_the_owner(client, app, make_user, outbox):
    make_user(email="ama@example.org")
    response = client.post("/register", data=registration_data())
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/register/check-your-inbox")
    assert "already has an account" in outbox.last().get_payload(decode=True).decode()
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Organization.id))) == 0


def test_verify_then_sign_in_then_sign_out(client, app, outbox, auth):
    client.post("/register", data=registration_data())
    # Not verified yet: no session, a fresh link is sent.
    response = auth.login("ama@example.org", STRONG_PASSWORD)
    assert response.status_code == 200
    assert "confirm your e-mail address first" in response.get_data(as_text=True)
    assert len(outbox) == 2
    link = outbox.link(contains="/verify/")
    response = client.get(link)
    assert response.status_code == 302
    with app.app_context():
        assert _user("ama@example.org").email_verified_at is not None
    # The same link again is refused as used.
    again = client.get(link)
    assert again.status_code == 400
    assert "already been used" in again.get_data(as_text=True)

    response = auth.login("ama@example.org", STRONG_PASSWORD)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/dashboard")
    dashboard = client.get("/dashboard").get_data(as_text=True)
    assert "Ghana Health Professionals Network Germany" in dashboard
    assert "/organizations/ghana-health-professionals-network-germany" in dashboard
    assert "Waiting for verification" in dashboard

    assert auth.logout().status_code == 302
    assert client.get("/dashboard").status_code == 302


def test_logout_needs_post(client):
    assert client.get("/logout").status_code == 405


def test_wrong_password_and_unknown_email_get_the_same_message(client, make_user, auth):
    make_user(email="known@example.org")
    wrong = auth.login("known@example.org", "not the password at all").get_data(as_text=True)
    unknown = auth.login("nobody@example.org", "not the password at all").get_data(as_text=True)
    message = "The e-mail address or the password is not right."
    assert message in wrong and message in unknown


def test_inactive_user_cannot_sign_in(client, make_user, auth):
    user = make_user(email="gone@example.org")
    user.active = False
    db.session.commit()
    assert auth.login("gone@example.org").status_code == 200


def test_verification_token_expires(app, make_user, monkeypatch):
    with app.test_request_context():
        user = make_user(verified=False)
        real_time = time.time
        monkeypatch.setattr(time, "time", lambda: real_time() - 4 * 24 * 3600)
        token = tokens.make_token(user, tokens.VERIFY_EMAIL)
        monkeypatch.setattr(time, "time", real_time)
        with pytest.raises(tokens.TokenError) as error:
            tokens.read_token(token, tokens.VERIFY_EMAIL)
        assert error.value.reason == "expired"


def test_tampered_and_cross_purpose_tokens_are_refused(client, app, make_user):
    with app.test_request_context():
        user = make_user(verified=False)
        reset_token = tokens.make_token(user, tokens.RESET_PASSWORD)
    assert client.get("/verify/" + reset_token).status_code == 400
    assert client.get("/verify/garbage.token.value").status_code == 400
    assert client.get("/reset-password/garbage").status_code == 400


def test_remember_me_sets_a_lasting_cookie(client, make_user, auth):
    make_user(email="keep@example.org")
    response = auth.login("keep@example.org", remember="y")
    assert any(c.startswith("remember_token=") for c in response.headers.getlist("Set-Cookie"))
    other = make_user(email="once@example.org")
    client.post("/logout")
    response = auth.login(other.email)
    assert not any(c.startswith("remember_token=") for c in response.headers.getlist("Set-Cookie"))


def test_session_cookie_flags(client, make_user, auth):
    make_user(email="flags@example.org")
    response = auth.login("flags@example.org")
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize("target,expected", [
    ("/organizations", "/organizations"),
    ("https://evil.example.com/", "/dashboard"),
    ("//evil.example.com/", "/dashboard"),
    ("/\\evil.example.com", "/dashboard"),
    ("javascript:alert(1)", "/dashboard"),
])
def test_next_only_redirects_to_local_paths(client, make_user, auth, target, expected):
    make_user(email="next@example.org")
    response = auth.login("next@example.org", next=target)
    assert response.status_code == 302
    assert response.headers["Location"] == expected


def test_login_page_carries_next_from_query(client):
    html = client.get("/login?next=/account").get_data(as_text=True)
    assert 'value="/account"' in html
    html = client.get("/login?next=https://evil.example.com").get_data(as_text=True)
    assert 'name="next" type="hidden" value=""' in html


def test_password_reset_flow(client, app, make_user, outbox, auth):
    make_user(email="reset@example.org")
    response = client.post("/reset-password", data={"email": "reset@example.org"})
    assert response.status_code == 302
    link = outbox.link(to="reset@example.org", contains="/reset-password/")
    assert client.get(link).status_code == 200
    weak = client.post(link, data={"password": "password1234", "confirm": "password1234"})
    assert "too common" in weak.get_data(as_text=True)
    response = client.post(link, data={"password": STRONG_PASSWORD, "confirm": STRONG_PASSWORD})
    assert response.status_code == 302
    # Single use: the stamp changed.
    used = client.get(link)
    assert used.status_code == 400 and "already been used" in used.get_data(as_text=True)
    assert auth.login("reset@example.org", PASSWORD).status_code == 200
    assert auth.login("reset@example.org", STRONG_PASSWORD).status_code == 302


def test_reset_for_unknown_email_looks_the_same(client, outbox):
    response = client.post("/reset-password", data={"email": "nobody@example.org"}, follow_redirects=True)
    assert "If an account uses this address" in response.get_data(as_text=True)
    assert len(outbox) == 0


def test_account_page_changes_name_language_and_password(login_client, make_user, app):
    user = make_user(email="acct@example.org")
    client = login_client(user)
    response = client.post("/account", data={"profile-display_name": "New Name", "profile-locale": "fr"})
    assert response.status_code == 302
    with app.app_context():
        assert _user("acct@example.org").display_name == "New Name"
        assert _user("acct@example.org").locale == "fr"
    bad = client.post("/account", data={"password-current_password": "wrong password!!",
                                        "password-password": STRONG_PASSWORD, "password-confirm": STRONG_PASSWORD})
    # The interface is French now (the locale just chosen): check the error by its place.
    assert 'id="password-current_password-error"' in bad.get_data(as_text=True)
    ok = client.post("/account", data={"password-current_password": PASSWORD,
                                       "password-password": STRONG_PASSWORD, "password-confirm": STRONG_PASSWORD})
    assert ok.status_code == 302
    # Still signed in on this device after the stamp changed.
    assert client.get("/account").status_code == 200


def test_password_change_signs_out_other_sessions(app, make_user, login_client, user_per_request):
    user = make_user(email="two@example.org")
    first, second = login_client(user), login_client(user)
    first.post("/account", data={"password-current_password": PASSWORD,
                                 "password-password": STRONG_PASSWORD, "password-confirm": STRONG_PASSWORD})
    assert second.get("/dashboard").status_code == 302


def test_switch_between_organizations(login_client, make_user, make_org, app):
    first, second = make_org(name="First Org"), make_org(name="Second Org")
    user = make_user(org=first)
    db.session.add(Membership(user_id=user.id, organization_id=second.id, role="editor"))
    db.session.commit()
    client = login_client(user)
    assert "First Org" in client.get("/dashboard").get_data(as_text=True)
    response = client.post("/organizations/switch", data={"organization_id": str(second.id)})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(User, user.id).current_organization_id == second.id
    stranger = make_org(name="Not Mine")
    assert client.post("/organizations/switch", data={"organization_id": str(stranger.id)}).status_code == 400
    assert client.post("/organizations/switch", data={"organization_id": "abc"}).status_code == 400


@pytest.fixture
def limited_app(app):
    """The same database, with rate limiting switched on (Flask-Limiter reads it at init_app)."""
    limited = create_app({**app.config, "RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "memory://"})
    yield limited
    create_app({**app.config, "RATELIMIT_ENABLED": False})  # leave the shared limiter off


def test_login_is_rate_limited_per_account(limited_app, make_user):
    make_user(email="target@example.org")
    client = limited_app.test_client()
    codes = [client.post("/login", data={"email": "target@example.org", "password": "wrong guess number x"},
                         environ_base={"REMOTE_ADDR": f"10.0.0.{i}"}).status_code for i in range(12)]
    assert codes[:10] == [200] * 10
    assert codes[10:] == [429, 429]
    # Another account from the same addresses is not blocked.
    other = client.post("/login", data={"email": "else@example.org", "password": "wrong guess number x"},
                        environ_base={"REMOTE_ADDR": "10.0.0.1"})
    assert other.status_code == 200


def test_login_is_rate_limited_per_ip(limited_app):
    client = limited_app.test_client()
    codes = [client.post("/login", data={"email": f"u{i}@example.org", "password": "wrong guess number x"})
             .status_code for i in range(21)]
    assert codes[-1] == 429 and codes[:20] == [200] * 20


def test_reset_and_registration_are_rate_limited(limited_app):
    client = limited_app.test_client()
    codes = [client.post("/reset-password", data={"email": "victim@example.org"},
                         environ_base={"REMOTE_ADDR": f"10.1.0.{i}"}).status_code for i in range(4)]
    assert codes == [302, 302, 302, 429]
    codes = [client.post("/register", data={"email": "same@example.org"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]


def test_csrf_is_enforced(app, make_user):
    protected = create_app({**app.config, "WTF_CSRF_ENABLED": True})
    make_user(email="csrf@example.org")
    client = protected.test_client()
    assert client.post("/login", data={"email": "csrf@example.org", "password": PASSWORD}).status_code == 400
    assert client.post("/register", data=registration_data()).status_code == 400
    assert client.post("/logout").status_code == 400
    # With the token from the form, it works.
    html = client.get("/login").get_data(as_text=True)
    import re

    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)
    response = client.post("/login", data={"email": "csrf@example.org", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 302


def test_security_headers(client):
    response = client.get("/login")
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_pages_have_one_h1_and_no_inline_script_or_style(client):
    for path in ("/login", "/register", "/reset-password", "/register/check-your-inbox"):
        html = client.get(path).get_data(as_text=True)
        assert html.count("<h1") == 1, path
        assert "<script" not in html and "style=" not in html, path


def test_cli_users_create_list_deactivate(runner, app):
    result = runner.invoke(args=["users", "create", "--role", "moderator", "--email", "Mod@Example.org",
                                 "--password", STRONG_PASSWORD, "--name", "Mod Erator"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = _user("mod@example.org")
        assert user.role == "moderator" and user.email_verified_at is not None
    weak = runner.invoke(args=["users", "create", "--email", "w@example.org", "--password", "short", "--name", "W"])
    assert weak.exit_code != 0 and "12 characters" in weak.output
    dup = runner.invoke(args=["users", "create", "--email", "mod@example.org", "--password", STRONG_PASSWORD,
                              "--name", "Again"])
    assert dup.exit_code != 0
    listing = runner.invoke(args=["users", "list"])
    assert "mod@example.org\tmoderator\tverified\tactive" in listing.output
    result = runner.invoke(args=["users", "deactivate", "mod@example.org"])
    assert result.exit_code == 0
    with app.app_context():
        assert _user("mod@example.org").active is False
    assert runner.invoke(args=["users", "deactivate", "nobody@example.org"]).exit_code != 0
