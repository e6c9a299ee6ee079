"""What people type into actions: sanitized Markdown, validated images and fields, edit conflicts,
revisions and the preview."""

import io
import re
from html.parser import HTMLParser

import pytest
import sqlalchemy as sa

from hub.actions.models import Action
from hub.extensions import db
from hub.images import StoredImage
from hub.review.models import Revision
from tests.fixtures.actions import action_form, png_bytes

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    "[x](vbscript:msgbox(1))",
    '<svg onload="alert(1)"><script>alert(1)</script></svg>',
    "<<script>script>alert(1)<</script>/script>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>",
    '[x](<javascript:alert(1)>) and <javascript:alert(1)> and <a href="&#x6A;avascript:alert(1)">y</a>',
    "**bold** [ok](https://example.org)\n\n<details open ontoggle=alert(1)>",
]
FORBIDDEN_TAGS = {"script", "img", "svg", "iframe", "style", "math", "object", "embed", "details", "form", "input"}


class Collector(HTMLParser):
    """Tags and attributes (entities decoded) of an HTML fragment."""

    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend((tag, name, value or "") for name, value in attrs)


def prose_of(page: str) -> str:
    match = re.search(r'<div class="prose"[^>]*>(.*?)</div>\s*</section>', page, re.S)
    assert match, "the description is on the page"
    return match.group(1)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_no_script_survives_the_description(cast, make_action, client, payload):
    action = make_action(cast["org"], state="published", description=f"Intro.\n\n{payload}\n\nEnd.")
    page = client.get(f"/actions/{action.slug}").get_data(as_text=True)
    found = Collector()
    found.feed(prose_of(page))
    assert not FORBIDDEN_TAGS & set(found.tags)
    for _tag, name, value in found.attrs:
        assert not name.startswith("on")
        assert name in ("href", "title", "rel", "align")
        if name == "href":
            assert re.match(r"^(https?:|mailto:|/|#)", value.strip(), re.I), value
    assert "<script>alert" not in page


def test_title_summary_and_results_are_escaped(cast, make_action, client):
    action = make_action(cast["org"], state="published", title="<script>alert(1)</script>",
                         summary='"><img src=x onerror=alert(1)>')
    page = client.get(f"/actions/{action.slug}").get_data(as_text=True)
    assert "<script>alert(1)</script>" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_links_must_be_web_addresses(cast, login_client):
    editor = login_client(cast["editor"])
    for url in ("javascript:alert(1)", "data:text/html,x", " JavaScript:alert(1)"):
        response = editor.post("/actions/new", data=action_form(**{"links-0-url": url}))
        assert response.status_code == 400
        assert "Enter a web address starting with https://" in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Action.id))) == 0


def upload(client, content: bytes, filename: str, **fields):
    data = action_form(image=(io.BytesIO(content), filename), image_alt="Nurses in a classroom", **fields)
    return client.post("/actions/new", data=data, content_type="multipart/form-data")


def test_a_valid_png_is_reencoded_under_a_random_name_and_served_as_png(app, cast, login_client, client):
    response = upload(login_client(cast["editor"]), png_bytes(), "nurses.png")
    assert response.status_code == 302
    action = db.session.scalar(sa.select(Action))
    assert re.fullmatch(r"[0-9a-f]{32}\.png", action.image) and action.image_alt == "Nurses in a classroom"
    with client.get(f"/media/{action.image}") as served:
        assert served.status_code == 200 and served.mimetype == "image/png"
        assert served.data.startswith(b"\x89PNG") and served.data != png_bytes()  # re-encoded


def test_a_text_file_renamed_png_is_refused(app, cast, login_client):
    response = upload(login_client(cast["editor"]), b"just some text, not a picture\n" * 20, "photo.png")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "not an image the hub can read" in page
    assert 'value="Nurses for Kumasi"' in page  # the rest of the input is kept
    assert db.session.scalar(sa.select(sa.func.count(Action.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count()).select_from(StoredImage)) == 0


def test_a_huge_file_is_refused(app, cast, login_client):
    # Limits lowered so the test bodies stay in memory (the test client spools big ones to disk).
    app.config.update(IMAGE_MAX_BYTES=100 * 1024, MAX_CONTENT_LENGTH=300 * 1024)
    huge = png_bytes() + b"\0" * (100 * 1024 + 10)
    response = upload(login_client(cast["editor"]), huge, "big.png")
    assert response.status_code == 400
    assert "The image is larger than 0.1 MB." in response.get_data(as_text=True)
    too_big_for_a_request = upload(login_client(cast["editor"]), b"\0" * (400 * 1024), "bigger.png")
    assert too_big_for_a_request.status_code == 413
    assert db.session.scalar(sa.select(sa.func.count(Action.id))) == 0


BAD_INPUT = [
    ({"title": ""}, "This field is required."),
    ({"title": "Nul\x00 title"}, None),
    ({"summary": "x" * 501}, "Field cannot be longer than 500 characters."),
    ({"start_date": "2024-13-45"}, "Not a valid date value."),
    ({"start_date": "2024-05-01", "end_date": "2024-01-01"}, "The end date cannot be before the start date."),
    ({"budget": "abc", "currency": "EUR"}, "Not a valid decimal value."),
    ({"budget": "NaN", "currency": "EUR"}, "Enter a number."),
    ({"budget": "Infinity", "currency": "EUR"}, "Enter a number."),
    ({"budget": "-5", "currency": "EUR"}, "Number must be between"),
    ({"budget": "1e20", "currency": "EUR"}, "Number must be between"),
    ({"budget": "1000"}, "Give the currency of the budget."),
    ({"budget": "1000", "currency": "EURO"}, "Use a three-letter code"),
    ({"sdgs": ["99"]}, "is not a valid choice"),
    ({"sdgs": ["abc"]}, "Invalid choice(s)"),
    ({"themes": ["nope"]}, "is not a valid choice"),
    ({"origin_countries": ["XXX"]}, "is not a valid choice"),
    ({"partners": ["abc"]}, "Invalid choice(s)"),
    ({"status": "finished"}, "Not a valid choice"),
    ({"results-0-indicator": "", "results-0-target": "120"}, "Name the indicator these figures measure."),
    ({"links-0-label": ""}, "Say what the link leads to."),
    ({"links-0-url": ""}, "Give the address of this link"),
    ({"results-99999-indicator": "Far away row"}, None),
]


@pytest.mark.parametrize(("fields", "message"), BAD_INPUT)
def test_bad_input_is_explained_and_kept(cast, login_client, fields, message):
    response = login_client(cast["editor"]).post("/actions/new", data=action_form(**fields))
    page = response.get_data(as_text=True)
    if message is None:  # accepted, cleaned
        assert response.status_code == 302
        assert "\x00" not in db.session.scalar(sa.select(Action.title))
        return
    assert response.status_code == 400
    assert message in page
    assert "Please correct the problems marked below." in page
    assert "Ghanaian nurses in Germany train colleagues in Kumasi." in page or "x" * 501 in page  # input kept


def test_a_full_action_is_saved_with_its_rows_tags_and_partners(cast, login_client, make_org):
    partner = make_org(name="Kumasi Teaching Hospital Friends")
    response = login_client(cast["editor"]).post("/actions/new", data=action_form(
        budget="25000", currency="eur", sdgs=["3"], partners=[str(partner.id)],
        **{"results-1-indicator": "Wards equipped", "results-1-achieved": "4", "links-1-label": "Report",
           "links-1-url": "https://example.org/report.pdf"}))
    assert response.status_code == 302
    action = db.session.scalar(sa.select(Action))
    assert action.review_state == "draft" and action.organization_id == cast["org"].id
    assert str(action.budget) == "25000.00" and action.currency == "EUR"
    assert [r.indicator for r in action.results] == ["Nurses trained", "Wards equipped"]
    assert [link.label for link in action.links] == ["Project page", "Report"]
    assert {t.slug for t in action.themes} == {"health", "skills"} and [g.id for g in action.sdgs] == [3]
    assert [p.name for p in action.partners] == ["Kumasi Teaching Hospital Friends"]
    assert response.headers["Location"].endswith(f"/actions/{action.slug}/preview")


def test_the_edit_form_shows_the_saved_values_and_blank_rows(cast, login_client):
    editor = login_client(cast["editor"])
    slug = editor.post("/actions/new", data=action_form()).headers["Location"].split("/")[-2]
    page = editor.get(f"/actions/{slug}/edit").get_data(as_text=True)
    assert 'value="Nurses trained"' in page and 'name="results-5-indicator"' in page
    assert 'name="results-6-indicator"' not in page
    assert re.search(r'<input checked[^>]*value="health"', page) or 'value="health" checked' in page
    assert '<option selected value="GHA">' in page or 'value="GHA" selected' in page


def test_an_edit_conflict_is_shown_and_nothing_is_overwritten(cast, login_client, make_user):
    editor = login_client(cast["editor"])
    colleague = login_client(make_user(org=cast["org"], org_role="editor", name="Colleague"))
    slug = editor.post("/actions/new", data=action_form()).headers["Location"].split("/")[-2]
    # Both open version 1; the colleague saves first.
    assert colleague.post(f"/actions/{slug}/edit", data=action_form(title="Colleague's title")).status_code == 302
    response = editor.post(f"/actions/{slug}/edit", data=action_form(title="Editor's title", summary="Mine."))
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert "Someone else saved this record after you opened it." in page
    assert 'value="Editor\'s title"' in page or 'value="Editor&#39;s title"' in page  # the input is kept
    assert "Colleague&#39;s title" in page  # the version saved meanwhile is shown
    assert 'name="version" type="hidden" value="2"' in page or 'value="2"' in page
    db.session.expire_all()
    action = db.session.scalar(sa.select(Action))
    assert action.title == "Colleague's title" and action.version == 2
    # Having compared, the editor saves again on top of version 2.
    again = editor.post(f"/actions/{slug}/edit", data=action_form(title="Editor's title", version="2"))
    assert again.status_code == 302
    db.session.expire_all()
    assert db.session.scalar(sa.select(Action.title)) == "Editor's title"


def test_every_save_is_kept_and_the_history_shows_a_readable_diff(cast, login_client, make_user):
    editor = login_client(cast["editor"])
    slug = editor.post("/actions/new", data=action_form()).headers["Location"].split("/")[-2]
    editor.post(f"/actions/{slug}/edit", data=action_form(
        title="Nurses for Kumasi and Tamale", description="## Context\n\nLonger training visits, twice a year.",
        **{"results-0-achieved": "97"}))
    owner = login_client(cast["owner"])
    owner.post(f"/actions/{slug}/edit", data=action_form(
        title="Nurses for Kumasi and Tamale", description="## Context\n\nLonger training visits, twice a year.",
        status="completed", version="2", **{"results-0-achieved": "97"}))
    revisions = db.session.scalars(sa.select(Revision).where(Revision.entity_type == "action")
                                   .order_by(Revision.version)).all()
    assert [r.version for r in revisions] == [1, 2]
    assert revisions[0].data["title"] == "Nurses for Kumasi" and revisions[0].data["result_rows"][0]["achieved"] == "85"
    page = owner.get(f"/actions/{slug}/history").get_data(as_text=True)
    assert "Version 3" in page and "Version 2" in page and "Version 1" in page
    assert "<del class=\"plain\">Nurses for Kumasi</del>" in page
    assert "<ins class=\"plain\">Nurses for Kumasi and Tamale</ins>" in page
    assert "<ins>twice a year.</ins>" in page or "twice a year." in page
    assert "by Olu Owner" in page and "by Edi Editor" in page
    assert page.index("Version 3") < page.index("Version 2") < page.index("Version 1")


def test_saving_without_changes_records_no_revision(cast, login_client):
    editor = login_client(cast["editor"])
    slug = editor.post("/actions/new", data=action_form()).headers["Location"].split("/")[-2]
    assert editor.post(f"/actions/{slug}/edit", data=action_form()).status_code == 302
    assert db.session.scalar(sa.select(sa.func.count(Revision.id))) == 0


def test_editing_a_published_action_keeps_it_published(cast, login_client, make_action):
    action = make_action(cast["org"], state="published")
    response = login_client(cast["editor"]).post(f"/actions/{action.slug}/edit",
                                                 data=action_form(title="Renamed"))
    assert response.headers["Location"].endswith(f"/actions/{action.slug}")
    db.session.expire_all()
    action = db.session.get(Action, action.id)
    assert action.review_state == "published" and action.title == "Renamed" and action.version == 2


def article_of(page: str) -> str:
    return re.search(r'<article class="action-page">(.*?)</article>', page, re.S).group(1)


def test_the_preview_is_the_public_page(cast, login_client, client):
    editor, moderator = login_client(cast["editor"]), login_client(cast["moderator"])
    slug = editor.post("/actions/new", data=action_form(description="## Plan\n\n- one\n- two")).headers[
        "Location"].split("/")[-2]
    preview = editor.get(f"/actions/{slug}/preview").get_data(as_text=True)
    assert "This is how the page will look once it is published." in preview
    assert client.get(f"/actions/{slug}").status_code == 404
    editor.post(f"/actions/{slug}/transition", data={"verb": "submit"})
    moderator.post(f"/actions/{slug}/transition", data={"verb": "approve"})
    public = client.get(f"/actions/{slug}").get_data(as_text=True)
    assert article_of(preview) == article_of(public)
    assert "<li>one</li>" in public and "/countries/GHA" in public and "Nurses trained" in public
