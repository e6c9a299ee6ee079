"""Organization directory and pages, profile and logo, members and invitations, the permission matrix."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from PIL import Image

from hub.auth.models import Invitation, Membership, User
from hub.extensions import db
from hub.orgs.models import Organization
from hub.review.models import AuditEvent, Revision
from tests.fixtures.auth import STRONG_PASSWORD

# Each request loads its user afresh, as in production (see tests/fixtures/auth.py).
pytestmark = pytest.mark.usefixtures("user_per_request")


def _png(size=(64, 48), color=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


def _profile(org, **overrides) -> dict:
    data = {
        "name": org.name, "acronym": "", "org_type": org.org_type, "hq_country": org.hq_country_iso3,
        "heritage_countries": [c.iso3 for c in org.heritage_countries], "operation_countries": ["GHA"],
        "themes": ["health"], "website": "", "description": "Updated description of the work.",
        "contact_email": "", "founded_year": "", "language": "en", "version": str(org.version),
    }
    data.update(overrides)
    return data


# -- the directory -----------------------------------------------------------------------------

def test_directory_lists_verified_orgs_with_filters(client, make_org):
    make_org(name="Ghana Nurses Abroad", hq="DEU", heritage=("GHA",))
    make_org(name="Indian Tech Diaspora", hq="USA", heritage=("IND",), org_type="diaspora-network")
    make_org(name="Hidden Pending Org", verified=False)
    html = client.get("/organizations").get_data(as_text=True)
    assert "Ghana Nurses Abroad" in html and "Indian Tech Diaspora" in html
    assert "Hidden Pending Org" not in html
    assert html.count("<h1") == 1 and "<script" not in html and "style=" not in html
    html = client.get("/organizations?country=IND").get_data(as_text=True)
    assert "Indian Tech Diaspora" in html and "Ghana Nurses Abroad" not in html
    html = client.get("/organizations?org_type=diaspora-network").get_data(as_text=True)
    assert "Indian Tech Diaspora" in html and "Ghana Nurses Abroad" not in html
    html = client.get("/organizations?q=nurses").get_data(as_text=True)
    assert "Ghana Nurses Abroad" in html and "Indian Tech Diaspora" not in html


def test_directory_theme_and_verified_filters(client, make_org, make_user, login_client):
    org = make_org(name="Remit Better")
    from tests.fixtures.factories import themes

    org.themes = themes("remittances")
    db.session.commit()
    make_org(name="Other Theme Org")
    html = client.get("/organizations?theme=remittances").get_data(as_text=True)
    assert "Remit Better" in html and "Other Theme Org" not in html
    make_org(name="Pending Org", verified=False)
    moderator = login_client(make_user(role="moderator"))
    html = moderator.get("/organizations?verified=no").get_data(as_text=True)
    assert "Pending Org" in html and "Remit Better" not in html


def test_directory_bad_filters_are_harmless(client, make_org):
    make_org(name="Still Listed")
    for query in ("country=<script>", "org_type=evil", "theme=x", "verified=maybe", "page=abc", "page=-5"):
        response = client.get("/organizations?" + query)
        assert response.status_code == 200, query


def test_directory_is_paged(client, make_org, app):
    app.config["PAGE_SIZE"] = 5
    for n in range(7):
        make_org(name=f"Paged Org {n:02d}")
    first = client.get("/organizations").get_data(as_text=True)
    second = client.get("/organizations?page=2").get_data(as_text=True)
    assert "Paged Org 00" in first and "Paged Org 05" not in first
    assert "Paged Org 05" in second and 'rel="prev"' in second


def _count_queries(app, client, path) -> int:
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    engine = db.engine
    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(path).status_code == 200
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def test_directory_makes_a_constant_number_of_queries(app, client, make_org):
    from tests.fixtures.factories import themes

    def add(n):
        for i in range(n):
            org = make_org(name=f"Query Org {i}-{n}", heritage=("GHA", "SEN"))
            org.themes = themes("health", "skills")
            org.operation_countries = org.heritage_countries
        db.session.commit()

    add(2)
    few = _count_queries(app, client, "/organizations")
    add(12)
    many = _count_queries(app, client, "/organizations")
    assert few == many


def test_org_page_makes_a_constant_number_of_queries(app, client, make_org, make_action, make_story):
    org = make_org(name="Busy Org")
    make_action(org)
    make_story(org)
    few = _count_queries(app, client, f"/organizations/{org.slug}")
    for _ in range(5):
        make_action(org)
        make_story(org)
    assert _count_queries(app, client, f"/organizations/{org.slug}") == few


# -- the organization's page ---------------------------------------------------------------------

def test_org_page_shows_badge_and_published_content_only(client, make_org, make_action, make_story):
    org = make_org(name="Kumasi Health Link")
    make_action(org, title="Nurses for Kumasi")
    make_action(org, title="Secret Draft Action", state="draft")
    make_story(org, title="A Story That Happened")
    html = client.get(f"/organizations/{org.slug}").get_data(as_text=True)
    assert "Kumasi Health Link" in html and "badge-verified" in html
    assert "Nurses for Kumasi" in html and "A Story That Happened" in html
    assert "Secret Draft Action" not in html
    assert "Edit the profile" not in html


def test_unverified_org_page_is_private(client, make_org, make_user, login_client):
    org = make_org(name="Not Yet Verified", verified=False)
    assert client.get(f"/organizations/{org.slug}").status_code == 404
    owner = make_user(org=org)
    assert login_client(owner).get(f"/organizations/{org.slug}").status_code == 200
    assert login_client(make_user(role="moderator")).get(f"/organizations/{org.slug}").status_code == 200
    assert client.get("/organizations/no-such-org").status_code == 404


def test_description_markdown_is_sanitized(client, make_org):
    org = make_org(description="Hello <script>alert(1)</script> **bold** [x](javascript:alert(1))")
    html = client.get(f"/organizations/{org.slug}").get_data(as_text=True)
    assert "<script>alert" not in html and "<strong>bold</strong>" in html and 'href="javascript:' not in html


# -- editing the profile and the logo -----------------------------------------------------------

def test_editor_edits_profile_and_a_revision_is_kept(cast, login_client, app):
    org = cast["org"]
    client = login_client(cast["editor"])
    assert client.get(f"/organizations/{org.slug}/edit").status_code == 200
    response = client.post(f"/organizations/{org.slug}/edit", data=_profile(org, acronym="SEF", founded_year="1998"))
    assert response.status_code == 302
    with app.app_context():
        saved = db.session.get(Organization, org.id)
        assert saved.acronym == "SEF" and saved.founded_year == 1998 and saved.version == 2
        assert [c.iso3 for c in saved.operation_countries] == ["GHA"]
        revision = db.session.scalar(sa.select(Revision).where(Revision.entity_id == org.id))
        assert revision.data["acronym"] == ""


def test_failed_edit_keeps_input(cast, login_client):
    org = cast["org"]
    client = login_client(cast["owner"])
    response = client.post(f"/organizations/{org.slug}/edit",
                           data=_profile(org, name="", website="ftp://nope", founded_year="1492",
                                         acronym="KEEP-ME"))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'value="KEEP-ME"' in html and "starting with https://" in html and "between 1800" in html.lower()


def test_stale_edit_is_refused(cast, login_client):
    org = cast["org"]
    client = login_client(cast["owner"])
    assert client.post(f"/organizations/{org.slug}/edit", data=_profile(org)).status_code == 302
    stale = client.post(f"/organizations/{org.slug}/edit", data=_profile(org, version="1", acronym="OLD"))
    assert stale.status_code == 409


def test_logo_upload_valid_png(cast, login_client, app, client):
    org = cast["org"]
    owner = login_client(cast["owner"])
    data = _profile(org, logo=(io.BytesIO(_png()), "logo.png"))
    response = owner.post(f"/organizations/{org.slug}/edit", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    with app.app_context():
        logo = db.session.get(Organization, org.id).logo
    assert logo.endswith(".png") and logo != "logo.png"
    media = client.get(f"/media/{logo}")
    assert media.status_code == 200 and media.mimetype == "image/png"
    assert "immutable" in media.headers["Cache-Control"]
    with Image.open(io.BytesIO(media.data)) as image:
        assert image.size == (64, 48)
    media.close()
    assert f"/media/{logo}" in client.get(f"/organizations/{org.slug}").get_data(as_text=True)


def test_logo_rejects_renamed_text_file(cast, login_client, app):
    org = cast["org"]
    owner = login_client(cast["owner"])
    data = _profile(org, logo=(io.BytesIO(b"just some text, honest"), "logo.png"))
    response = owner.post(f"/organizations/{org.slug}/edit", data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    assert "not an image" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Organization, org.id).logo == ""


def test_logo_rejects_oversized_file(cast, login_client, app):
    # A small limit keeps the upload under 500 kB: Werkzeug's test client spools bigger bodies
    # to a temporary file it never closes (a ResourceWarning, an error under filterwarnings).
    app.config["IMAGE_MAX_BYTES"] = 100_000
    org = cast["org"]
    owner = login_client(cast["owner"])
    big = _png() + b"\0" * 200_000
    data = _profile(org, logo=(io.BytesIO(big), "big.png"))
    response = owner.post(f"/organizations/{org.slug}/edit", data=data, content_type="multipart/form-data")
    assert response.status_code == 200
    assert "larger than" in response.get_data(as_text=True)


def test_logo_rejects_huge_dimensions(cast, login_client):
    org = cast["org"]
    buffer = io.BytesIO()
    Image.new("1", (9000, 6000)).save(buffer, format="PNG")
    data = _profile(org, logo=(io.BytesIO(buffer.getvalue()), "wide.png"))
    response = login_client(cast["owner"]).post(f"/organizations/{org.slug}/edit", data=data,
                                                content_type="multipart/form-data")
    assert response.status_code == 200
    assert "dimensions are too large" in response.get_data(as_text=True)


def test_save_image_strips_metadata(app_ctx):
    from werkzeug.datastructures import FileStorage

    from hub.images import StoredImage, save_image

    exif = Image.Exif()
    exif[0x010E] = "secret description"
    buffer = io.BytesIO()
    Image.new("RGB", (30, 20), "blue").save(buffer, format="JPEG", exif=exif)
    buffer.seek(0)
    name = save_image(FileStorage(buffer, filename="photo.png"))
    assert name.endswith(".jpg")
    stored = db.session.get(StoredImage, name)
    assert stored.content_type == "image/jpeg" and stored.size == len(stored.data)
    with Image.open(io.BytesIO(stored.data)) as image:
        assert not image.getexif()
    assert b"secret" not in stored.data


def test_media_refuses_unsafe_names(client):
    assert client.get("/media/../hub.sqlite3").status_code == 404
    assert client.get("/media/notarandomname.png").status_code == 404
    assert client.get("/media/" + "a" * 32 + ".png").status_code == 404


def test_confirm_details(cast, login_client, app):
    org = cast["org"]
    response = login_client(cast["editor"]).post(f"/organizations/{org.slug}/confirm")
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Organization, org.id).last_confirmed_at is not None


# -- members and invitations ---------------------------------------------------------------------

def test_invite_new_person_who_creates_an_account(cast, login_client, app, outbox, user_per_request):
    org = cast["org"]
    owner = login_client(cast["owner"])
    response = owner.post(f"/organizations/{org.slug}/members/invite",
                          data={"email": "New.Person@example.org", "role": "editor"})
    assert response.status_code == 302
    link = outbox.link(to="new.person@example.org", contains="/invitations/")
    assert "invitations" in owner.get(f"/organizations/{org.slug}/members").get_data(as_text=True).lower()

    visitor = app.test_client()
    page = visitor.get(link)
    assert page.status_code == 200 and org.name in page.get_data(as_text=True)
    weak = visitor.post(link, data={"signup-display_name": "New Person", "signup-password": "short",
                                    "signup-confirm": "short"})
    assert weak.status_code == 200 and 'value="New Person"' in weak.get_data(as_text=True)
    response = visitor.post(link, data={"signup-display_name": "New Person", "signup-password": STRONG_PASSWORD,
                                        "signup-confirm": STRONG_PASSWORD})
    assert response.status_code == 302
    with app.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == "new.person@example.org"))
        assert db.session.get(Membership, (user.id, org.id)).role == "editor"
        assert user.email_verified_at is not None
    assert "Senegalese Engineers in France" in visitor.get("/dashboard").get_data(as_text=True)
    # The link is used up.
    assert app.test_client().get(link).status_code == 400


def test_existing_user_accepts_when_signed_in_as_the_invited_address(cast, login_client, app, outbox):
    org = cast["org"]
    invitee = cast["member"]
    login_client(cast["owner"]).post(f"/organizations/{org.slug}/members/invite",
                                     data={"email": invitee.email, "role": "owner"})
    link = outbox.link(to=invitee.email, contains="/invitations/")
    wrong = login_client(cast["other_editor"]).post(link, data={})
    assert wrong.status_code == 200 and "another e-mail address" in wrong.get_data(as_text=True)
    response = login_client(invitee).post(link, data={})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Membership, (invitee.id, org.id)).role == "owner"


def test_invitation_expiry_and_bad_tokens(cast, login_client, app, outbox):
    org = cast["org"]
    login_client(cast["owner"]).post(f"/organizations/{org.slug}/members/invite",
                                     data={"email": "late@example.org", "role": "editor"})
    link = outbox.link(to="late@example.org", contains="/invitations/")
    with app.app_context():
        invitation = db.session.scalar(sa.select(Invitation))
        from datetime import timedelta

        invitation.expires_at = invitation.expires_at - timedelta(days=30)
        db.session.commit()
    assert app.test_client().get(link).status_code == 400
    assert app.test_client().get("/invitations/nonsense").status_code == 400


def test_inviting_a_member_twice_is_refused(cast, login_client):
    org = cast["org"]
    response = login_client(cast["owner"]).post(f"/organizations/{org.slug}/members/invite",
                                                data={"email": cast["editor"].email, "role": "editor"})
    assert response.status_code == 400 and "already a member" in response.get_data(as_text=True)


def test_remove_member_and_last_owner_rule(cast, login_client, app):
    org = cast["org"]
    owner = login_client(cast["owner"])
    response = owner.post(f"/organizations/{org.slug}/members/remove", data={"user_id": str(cast["editor"].id)})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Membership, (cast["editor"].id, org.id)) is None
        assert db.session.scalar(sa.select(AuditEvent).where(AuditEvent.verb == "remove_member")) is not None
    owner.post(f"/organizations/{org.slug}/members/remove", data={"user_id": str(cast["owner"].id)})
    with app.app_context():
        assert db.session.get(Membership, (cast["owner"].id, org.id)) is not None


def test_transfer_ownership(cast, login_client, app):
    org = cast["org"]
    response = login_client(cast["owner"]).post(f"/organizations/{org.slug}/members/transfer",
                                                data={"user_id": str(cast["editor"].id)})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Membership, (cast["editor"].id, org.id)).role == "owner"
        assert db.session.get(Membership, (cast["owner"].id, org.id)).role == "editor"


def test_cancel_invitation(cast, login_client, app, outbox):
    org = cast["org"]
    owner = login_client(cast["owner"])
    owner.post(f"/organizations/{org.slug}/members/invite", data={"email": "maybe@example.org", "role": "editor"})
    link = outbox.link(to="maybe@example.org", contains="/invitations/")
    with app.app_context():
        invitation_id = db.session.scalar(sa.select(Invitation.id))
    assert owner.post(f"/organizations/{org.slug}/invitations/{invitation_id}/cancel").status_code == 302
    assert app.test_client().get(link).status_code == 400
    other = cast["other"]
    assert owner.post(f"/organizations/{other.slug}/invitations/{invitation_id}/cancel").status_code == 403


# -- the permission matrix -----------------------------------------------------------------------

ROLES = ["anonymous", "member", "other_editor", "editor", "owner", "moderator", "admin"]
LOGIN = "login"  # a redirect to the sign-in page

# (method, path template, form data, expected status per role in ROLES order)
MATRIX = [
    ("GET", "/dashboard", None, [LOGIN, 200, 200, 200, 200, 200, 200]),
    ("GET", "/account", None, [LOGIN, 200, 200, 200, 200, 200, 200]),
    ("GET", "/organizations/{slug}", None, [200] * 7),
    ("GET", "/organizations/{slug}/edit", None, [LOGIN, 403, 403, 200, 200, 403, 200]),
    ("POST", "/organizations/{slug}/confirm", {}, [LOGIN, 403, 403, 302, 302, 403, 302]),
    ("GET", "/organizations/{slug}/members", None, [LOGIN, 403, 403, 200, 200, 403, 200]),
    ("POST", "/organizations/{slug}/members/invite", {"email": "x@example.org", "role": "editor"},
     [LOGIN, 403, 403, 403, 302, 403, 302]),
    ("POST", "/organizations/{slug}/members/remove", {"user_id": "999999"}, [LOGIN, 403, 403, 403, 302, 403, 302]),
    ("POST", "/organizations/{slug}/members/transfer", {"user_id": "999999"},
     [LOGIN, 403, 403, 403, 302, 403, 302]),
    ("GET", "/moderation", None, [403, 403, 403, 403, 403, 200, 200]),
    ("GET", "/moderation/users", None, [403, 403, 403, 403, 403, 200, 200]),
    ("GET", "/moderation/audit", None, [403, 403, 403, 403, 403, 200, 200]),
    ("POST", "/moderation/organizations/{org_id}/decision", {"org{org_id}-decision": "verify"},
     [403, 403, 403, 403, 403, 302, 302]),
    ("POST", "/moderation/organizations/{org_id}/trust", {"trusted": "1"}, [403, 403, 403, 403, 403, 302, 302]),
    ("POST", "/moderation/users/{member_id}/status", {"active": "0"}, [403, 403, 403, 403, 403, 302, 302]),
    # An unverified organization: its existence is private.
    ("GET", "/organizations/{pending_slug}", None, [404, 404, 404, 200, 200, 200, 200]),
    ("GET", "/organizations/{pending_slug}/edit", None, [404, 404, 404, 200, 200, 403, 200]),
    ("GET", "/organizations/{pending_slug}/members", None, [404, 404, 404, 200, 200, 403, 200]),
]


@pytest.fixture
def matrix_cast(cast, make_org, make_user):
    pending = make_org(name="Pending Matrix Org", verified=False)
    for role in ("editor", "owner"):
        db.session.add(Membership(user_id=cast[role].id, organization_id=pending.id, role=role))
    db.session.commit()
    return {**cast, "pending": pending}


@pytest.mark.parametrize("method,template,data,expected", MATRIX, ids=[f"{m} {t}" for m, t, _, _ in MATRIX])
def test_permission_matrix(app, matrix_cast, login_client, method, template, data, expected):
    values = {"slug": matrix_cast["org"].slug, "org_id": matrix_cast["org"].id,
              "pending_slug": matrix_cast["pending"].slug, "member_id": matrix_cast["member"].id}
    path = template.format(**values)
    form = {key.format(**values): value for key, value in (data or {}).items()}
    seen = {}
    for role, want in zip(ROLES, expected, strict=True):
        client = app.test_client() if role == "anonymous" else login_client(matrix_cast[role])
        response = client.open(path, method=method, data=form if method == "POST" else None)
        if want == LOGIN:
            ok = response.status_code == 302 and "/login" in response.headers["Location"]
        else:
            ok = response.status_code == want
        seen[role] = response.status_code
        assert ok, f"{role}: {method} {path} gave {response.status_code}, expected {want} ({seen})"


def test_permission_helper_on_content(cast, make_action):
    from hub.auth.permissions import can, require

    draft = make_action(cast["org"], state="draft")
    published = make_action(cast["org"])
    assert can(cast["editor"], "edit", draft) and can(cast["owner"], "delete", draft)
    assert not can(cast["editor"], "delete", draft)
    assert not can(cast["other_editor"], "edit", published)
    assert can(cast["other_editor"], "view", published) and not can(cast["other_editor"], "view", draft)
    assert can(cast["moderator"], "review", draft) and not can(cast["moderator"], "edit", draft)
    assert can(cast["admin"], "edit", draft)
    assert can(None, "view", published) and not can(None, "view", draft)
    from werkzeug.exceptions import Forbidden, NotFound

    with pytest.raises(NotFound):
        require(cast["other_editor"], "edit", draft)
    with pytest.raises(Forbidden):
        require(cast["other_editor"], "edit", published)
    assert require(cast["editor"], "edit", draft) is draft


def test_cli_orgs_list_and_verify(runner, make_org, app):
    org = make_org(name="Command Line Org", verified=False)
    listing = runner.invoke(args=["orgs", "list", "--state", "pending"])
    assert org.slug in listing.output
    result = runner.invoke(args=["orgs", "verify", org.slug])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.get(Organization, org.id).verification == "verified"
    assert runner.invoke(args=["orgs", "verify", "no-such-org"]).exit_code != 0
