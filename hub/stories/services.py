"""Success stories: write, edit, link to an action or a partnership, set the image. Add and flush, never commit."""

from __future__ import annotations

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, selectinload

from hub.actions.models import Action
from hub.extensions import db
from hub.modeling import slugify
from hub.orgs.models import Organization
from hub.partnerships.models import Partnership, PartnershipPartner
from hub.places.models import Country
from hub.review.history import record_audit
from hub.review.visibility import public
from hub.review.workflow import record_edit, snapshot
from hub.stories.models import Story
from hub.taxonomy.models import Theme

EDIT_FIELDS = ("title", "summary", "body", "action_id", "partnership_id", "image", "image_alt", "image_credit",
               "consent_confirmed", "source_url", "language", "countries", "themes")


def suggested_body() -> str:
    """The sections a new story starts with (in the interface language)."""
    sections = [_("Context"), _("What was done"), _("Results"), _("Lessons learnt")]
    return "\n\n".join(f"## {title}\n\n" for title in sections).rstrip() + "\n"


def action_choices(org_id: int | None) -> list[tuple[int, str]]:
    """Actions a story may be about: the organization's own and every published one."""
    published = public(Action).with_only_columns(Action.id)
    stmt = sa.select(Action.id, Action.title).where(sa.or_(Action.organization_id == org_id, Action.id.in_(published)))
    return [(row.id, row.title) for row in db.session.execute(stmt.order_by(Action.title, Action.id))]


def partnership_choices(org_id: int | None) -> list[tuple[int, str]]:
    """Partnerships a story may be about: those the organization leads or confirmed, and published ones."""
    published = public(Partnership).with_only_columns(Partnership.id)
    confirmed = sa.select(PartnershipPartner.partnership_id).where(
        PartnershipPartner.organization_id == org_id, PartnershipPartner.confirmation == "confirmed")
    stmt = sa.select(Partnership.id, Partnership.title).where(sa.or_(
        Partnership.lead_organization_id == org_id, Partnership.id.in_(confirmed), Partnership.id.in_(published)))
    return [(row.id, row.title) for row in db.session.execute(stmt.order_by(Partnership.title, Partnership.id))]


def unique_slug(title: str) -> str:
    base = slugify(title, max_length=90)
    taken = set(db.session.scalars(sa.select(Story.slug).where(Story.slug.like(f"{base}%"))))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply(story: Story, data: dict) -> None:
    for key in ("title", "summary", "body", "image_alt", "image_credit", "consent_confirmed", "source_url",
                "language"):
        setattr(story, key, data[key])
    # Links only to what the organization may link (its own or published records).
    story.action_id = data["action_id"] if data["action_id"] in dict(action_choices(story.organization_id)) else None
    allowed = dict(partnership_choices(story.organization_id))
    story.partnership_id = data["partnership_id"] if data["partnership_id"] in allowed else None
    story.countries = list(db.session.scalars(sa.select(Country).where(Country.iso3.in_(data["countries"]))))
    story.themes = list(db.session.scalars(sa.select(Theme).where(Theme.slug.in_(data["themes"]))))


def create_story(org_id: int, user, data: dict) -> Story:
    """A draft story of organization `org_id`."""
    story = Story(slug=unique_slug(data["title"]), title=data["title"], organization_id=org_id,
                  created_by_id=getattr(user, "id", None), review_state="draft")
    db.session.add(story)
    _apply(story, data)
    db.session.flush()
    record_audit(user, "create", story)
    return story


def update_story(story: Story, user, data: dict) -> Story:
    """Save an edit: the previous values become a revision, the version goes up."""
    before = snapshot(story, EDIT_FIELDS)
    _apply(story, data)
    db.session.flush()
    record_edit(story, user, before)
    return story


def set_image(story: Story, user, filename: str) -> str:
    """Replace the story's image (or remove it with ""); returns the old file name to delete after commit."""
    before = snapshot(story, ("image",))
    old, story.image = story.image, filename
    if not filename:
        story.image_alt = story.image_credit = ""
    db.session.flush()
    record_edit(story, user, before, summary="image")
    return old


# The list query: one definition for the page, the API and the CSV export.
LIST_OPTIONS = (
    joinedload(Story.organization),
    selectinload(Story.action).joinedload(Action.organization),
    selectinload(Story.partnership).joinedload(Partnership.lead_organization),
    selectinload(Story.countries),
    selectinload(Story.themes),
)


def list_statement(args: dict):
    """The story list's filters: title, theme, country, organization type, language."""
    stmt = public(Story)
    if query := args.get("q", "").strip():
        stmt = stmt.where(Story.title.ilike(f"%{query}%"))
    if theme := args.get("theme"):
        stmt = stmt.where(Story.themes.any(Theme.slug == theme))
    if code := args.get("country"):
        stmt = stmt.where(Story.countries.any(iso3=code))
    if org_type := args.get("org_type"):
        stmt = stmt.where(Story.organization.has(Organization.org_type == org_type))
    if language := args.get("language"):
        stmt = stmt.where(Story.language == language)
    order = {
        "updated": (Story.updated_at.desc(), Story.id.desc()),
        "title": (Story.title, Story.id),
    }.get(args.get("sort"), (Story.published_at.desc(), Story.id.desc()))
    return stmt.order_by(*order).options(*LIST_OPTIONS)
