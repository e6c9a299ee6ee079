"""Success stories: consent, suggested sections, links to actions and partnerships, image, review, lists."""

from __future__ import annotations

import io

import pytest
import sqlalchemy as sa
from PIL import Image

from hub.extensions import db
from hub.stories.models import Story
from tests.fixtures.content import count_queries


def story_form(**overrides) -> dict:
    data = {
        "title": "Kumasi nurses teach triage",
        "summary": "Trainees now teach triage on their own wards.",
        "body": "## Context\n\nLong waits in the emergency department.",
        "countries": ["GHA"],
        "themes": ["health"],
        "language": "en",
        "consent_confirmed": "y",
        "action": "",
        "partnership": "",
    }
    data.update(overrides)
    return data


def png() -> io.BytesIO:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, format="PNG")
    buffer.seek(0)
    return buffer


def _latest() -> Story:
    return db.session.scalar(sa.select(Story).order_by(Story.id.desc()))


def test_new_story_starts_with_the_suggested_sections(app, partners, login_client):
    page = login_client(partners["lead_editor"]).get("/stories/new").get_data(as_text=True)
    for section in ("## Context", "## What was done", "## Results", "## Lessons learnt"):
        assert section in page


def test_consent_is_required_and_input_kept(app, partners, login_client):
    client = login_client(partners["lead_editor"])
    data = story_form(title="My unsaved title")
    del data["consent_confirmed"]
    response = client.post("/stories/new", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "agreed to appear in it" in page and "My unsaved title" in page
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Story)) == 0
    assert client.post("/stories/new", data=story_form()).status_code == 302
    assert _latest().consent_confirmed is True


def test_image_needs_alt_text_and_credit(app, partners, login_client):
    client = login_client(partners["lead_editor"])
    response = client.post("/stories/new", data={**story_form(), "image": (png(), "photo.png")},
                           content_type="multipart/form-data")
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Describe the image" in page and "Credit the photographer" in page
    response = client.post("/stories/new", data={**story_form(), "image": (png(), "photo.png"),
                                                  "image_alt": "Nurses at a triage desk",
                                                  "image_credit": "Photo: A. Mensah"},
                           content_type="multipart/form-data")
    assert response.status_code == 302
    story = _latest()
    assert story.image.endswith(".png") and story.image_credit == "Photo: A. Mensah"
    page = client.get(f"/stories/{story.slug}/preview").get_data(as_text=True)
    assert 'alt="Nurses at a triage desk"' in page and "Photo: A. Mensah" in page


def test_not_an_image_is_refused(app, partners, login_client):
    client = login_client(partners["lead_editor"])
    response = client.post("/stories/new", data={**story_form(), "image": (io.BytesIO(b"<svg/>"), "x.png"),
                                                  "image_alt": "x", "image_credit": "y"},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert "not an image" in response.get_data(as_text=True)


def test_links_only_to_own_or_published_records(app, partners, login_client, make_action, make_partnership):
    own_draft = make_action(partners["lead"], title="Our draft action", state="draft")
    others_draft = make_action(partners["third"], title="Someone else's draft", state="draft")
    published = make_partnership(partners["third"], title="Published partnership", state="published")
    client = login_client(partners["lead_editor"])
    page = client.get("/stories/new").get_data(as_text=True)
    assert "Our draft action" in page and "Published partnership" in page
    assert "Someone else&#39;s draft" not in page and "Someone else's draft" not in page
    bad = client.post("/stories/new", data=story_form(action=str(others_draft.id)))
    assert bad.status_code == 400 and "Choose from the list." in bad.get_data(as_text=True)
    ok = client.post("/stories/new", data=story_form(action=str(own_draft.id), partnership=str(published.id)))
    assert ok.status_code == 302
    story = _latest()
    assert (story.action_id, story.partnership_id) == (own_draft.id, published.id)


def test_story_and_partnership_link_both_ways(app, partners, client, make_story, make_partnership):
    partnership = make_partnership(partners["lead"], title="Clinicians alliance")
    story = make_story(partners["lead"], title="Eleven placements", partnership_id=partnership.id)
    story_page = client.get(f"/stories/{story.slug}").get_data(as_text=True)
    assert f"/partnerships/{partnership.slug}" in story_page
    assert f"/organizations/{partners['lead'].slug}" in story_page
    assert "/countries/GHA" in story_page
    assert f"/stories/{story.slug}" in client.get(f"/partnerships/{partnership.slug}").get_data(as_text=True)


def test_review_through_the_views(app, partners, login_client, client):
    editor = login_client(partners["lead_editor"])
    editor.post("/stories/new", data=story_form())
    story = _latest()
    assert client.get(f"/stories/{story.slug}").status_code == 404
    assert editor.post(f"/stories/{story.slug}/workflow", data={"step": "submit"}).status_code == 302
    moderator = login_client(partners["moderator"])
    assert story.title in moderator.get("/moderation").get_data(as_text=True)
    moderator.post(f"/stories/{story.slug}/workflow", data={"step": "reject"})  # no note: refused
    db.session.expire_all()
    assert db.session.get(Story, story.id).review_state == "submitted"
    moderator.post(f"/stories/{story.slug}/workflow", data={"step": "approve"})
    db.session.expire_all()
    assert db.session.get(Story, story.id).review_state == "published"
    assert client.get(f"/stories/{story.slug}").status_code == 200
    assert login_client(partners["third_editor"]).get(f"/stories/{story.slug}/edit").status_code == 403


def test_edit_keeps_revision_and_detects_conflicts(app, partners, login_client):
    editor = login_client(partners["lead_editor"])
    editor.post("/stories/new", data=story_form())
    story = _latest()
    assert editor.get(f"/stories/{story.slug}/edit").status_code == 200
    version = str(story.version)
    assert editor.post(f"/stories/{story.slug}/edit", data=story_form(title="New title", version=version)
                       ).status_code == 302
    response = editor.post(f"/stories/{story.slug}/edit", data=story_form(title="Stale title", version=version))
    assert response.status_code == 409 and "Stale title" in response.get_data(as_text=True)


def test_list_filters(app, partners, client, make_story):
    from tests.fixtures.factories import themes

    ghana = make_story(partners["lead"], title="Ghana health story", country_codes=("GHA",))
    ghana.themes = themes("health")
    make_story(partners["third"], title="Senegal story en français", country_codes=("SEN",), language="fr")
    make_story(partners["lead"], title="Draft story", state="draft")
    db.session.commit()

    def titles(query):
        page = client.get(f"/stories?{query}").get_data(as_text=True)
        return {t for t in ("Ghana health story", "Senegal story en français", "Draft story") if t in page}

    assert titles("") == {"Ghana health story", "Senegal story en français"}
    assert titles("theme=health") == {"Ghana health story"}
    assert titles("country=SEN") == {"Senegal story en français"}
    assert titles("language=fr") == {"Senegal story en français"}
    assert titles("org_type=foundation") == {"Senegal story en français"}
    assert titles("language=xx&country=??&sort=bad") == {"Ghana health story", "Senegal story en français"}


@pytest.mark.parametrize("path", ["/stories", "/stories?theme=health&sort=updated"])
def test_list_makes_a_constant_number_of_queries(app, partners, client, make_story, path):
    from tests.fixtures.factories import themes

    def add(n, tag):
        for i in range(n):
            story = make_story(partners["lead"], title=f"Counted {tag} {i}", country_codes=("GHA", "SEN"))
            story.themes = themes("health", "education")
        db.session.commit()

    add(3, "a")
    few = count_queries(client, path)
    add(9, "b")
    assert count_queries(client, path) == few
