"""A diaspora association registers, verifies its e-mail, edits its profile, invites a member
who accepts, and a moderator verifies it: its badge shows. All through the browser."""

import re
from email import message_from_bytes
from pathlib import Path

from hub.extensions import db
from tests.fixtures.factories import PASSWORD

NEW_PASSWORD = "kente bridge nurses 2026"


def last_link(outbox: Path, to: str) -> str:
    """The link in the newest message sent to `to`."""
    for path in sorted(outbox.glob("*.eml"), reverse=True):
        message = message_from_bytes(path.read_bytes())
        if message["To"] == to:
            body = message.get_payload(decode=True).decode()
            return re.search(r"https?://\S+", body).group(0)
    raise AssertionError(f"no mail to {to} in {outbox}")


def sign_in(page, base, email, password):
    page.goto(base + "/login")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def test_register_verify_edit_invite_and_get_verified(app, page, live_server, make_user):
    outbox = Path(app.config["MAIL_OUTBOX_DIR"])
    with app.test_request_context():
        moderator = make_user(role="moderator", email="mod@example.org")
        moderator_email = moderator.email
        db.session.remove()

    # Register the organization and its first user.
    page.goto(live_server + "/register")
    page.locator("main [name=name]").fill("Kente Bridge Nurses Network")
    page.locator("main [name=org_type]").select_option("diaspora-association")
    page.locator("main [name=hq_country]").select_option("DEU")
    page.locator("main [name=heritage_countries]").select_option(["GHA"])
    page.locator("textarea[name=description]").fill("Ghanaian nurses in Germany training colleagues at home.")
    page.locator("main [name=display_name]").fill("Ama Mensah")
    page.locator("main [name=email]").fill("ama@example.org")
    page.locator("main [name=password]").fill(NEW_PASSWORD)
    page.locator("main [name=confirm]").fill(NEW_PASSWORD)
    if page.locator("main [name=accept_terms]").count():
        page.locator("main [name=accept_terms]").check()
    page.locator("main form button[type=submit]").last.click()
    assert "inbox" in page.content().lower()

    # Follow the link from the outbox, then sign in.
    page.goto(last_link(outbox, "ama@example.org").replace("http://localhost", live_server))
    sign_in(page, live_server, "ama@example.org", NEW_PASSWORD)
    page.goto(live_server + "/dashboard")
    assert "Kente Bridge Nurses Network" in page.locator("main").inner_text()
    slug = re.search(r"/organizations/([a-z0-9-]+)\"", page.content()).group(1)

    # The public page is hidden while unverified.
    anonymous = page.context.browser.new_context()
    assert anonymous.new_page().goto(f"{live_server}/organizations/{slug}").status == 404

    # Edit the profile.
    page.goto(f"{live_server}/organizations/{slug}/edit")
    page.locator("main [name=acronym]").fill("KBNN")
    page.locator("main form button[type=submit]").first.click()
    assert "KBNN" in page.goto(f"{live_server}/organizations/{slug}").text()

    # Invite a member, who creates an account from the invitation and joins.
    page.goto(f"{live_server}/organizations/{slug}/members")
    page.locator("#invite-title ~ form [name=email], section[aria-labelledby=invite-title] [name=email]").first.fill(
        "kofi@example.org"
    )
    page.get_by_role("button", name="Send the invitation").click()
    invitee = anonymous.new_page()
    invitee.goto(last_link(outbox, "kofi@example.org").replace("http://localhost", live_server))
    invitee.get_by_label("Your name").fill("Kofi Boateng")
    invitee.get_by_label("Password", exact=True).fill("violet harbour lantern 88")
    invitee.get_by_label("Repeat the password").fill("violet harbour lantern 88")
    invitee.get_by_role("button", name="Create my account and accept").click()
    page.goto(f"{live_server}/organizations/{slug}/members")
    assert "Kofi Boateng" in page.locator("main").inner_text()

    # A moderator verifies the organization; the badge shows on its public page.
    moderator_context = page.context.browser.new_context()
    mod = moderator_context.new_page()
    sign_in(mod, live_server, moderator_email, PASSWORD)
    mod.goto(live_server + "/moderation")
    card = mod.locator("li.item-card").filter(has_text="Kente Bridge Nurses Network")
    card.get_by_label("Decision").select_option("verify")
    card.get_by_label("Note to the organization").fill("Welcome to the hub.")
    card.get_by_role("button", name="Record the decision on Kente Bridge Nurses Network").click()
    public = anonymous.new_page()
    assert public.goto(f"{live_server}/organizations/{slug}").status == 200
    assert public.locator(".badge-verified").count() >= 1
    moderator_context.close()
    anonymous.close()
