"""Actions: create and edit them with their rows and tags, list, history. Add and flush, never commit.

Review steps (submit, approve, ...) go through hub.review.workflow; this module only keeps the
record itself, its revisions and its image in order.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from hub import modeling
from hub.actions.models import Action, ActionLink, ActionResult
from hub.auth.models import User
from hub.extensions import db
from hub.modeling import rows_by_key
from hub.orgs.models import Organization
from hub.places.models import Country
from hub.review import changes, workflow
from hub.review.history import record_audit
from hub.review.visibility import public
from hub.taxonomy.models import SDG, Theme

SCALAR_FIELDS = ("title", "kind", "summary", "description", "status", "start_date", "end_date", "budget",
                 "currency", "beneficiaries", "image", "image_alt", "language")
LIST_FIELDS = ("origin_countries", "implementation_countries", "themes", "sdgs", "partners")
# Everything a revision keeps: result_rows and link_rows are the rows as plain dicts.
HISTORY_FIELDS = (*SCALAR_FIELDS, *LIST_FIELDS, "result_rows", "link_rows")
CENT = Decimal("0.01")
FIELD_LABELS = {
    "title": _l("Title"), "kind": _l("Kind of action"), "summary": _l("Short summary"),
    "description": _l("Description"), "status": _l("Status"), "start_date": _l("Start date"),
    "end_date": _l("End date"), "budget": _l("Budget"), "currency": _l("Currency"),
    "beneficiaries": _l("Beneficiaries"), "image": _l("Image"), "image_alt": _l("Image description"),
    "language": _l("Language"), "origin_countries": _l("Countries of origin"),
    "implementation_countries": _l("Countries of implementation"), "themes": _l("Themes"),
    "sdgs": _l("Sustainable Development Goals"), "partners": _l("Partner organizations"),
    "result_rows": _l("Results"), "link_rows": _l("Links"),
}


def unique_slug(title: str) -> str:
    """A slug from the title, numbered if it is taken."""
    return modeling.unique_slug(Action, title)


_rows = rows_by_key


def _apply(action: Action, data: dict) -> None:
    for name in SCALAR_FIELDS:
        if name in data:
            setattr(action, name, data[name])
    if isinstance(action.budget, Decimal):
        action.budget = action.budget.quantize(CENT)
    if "origin_countries" in data:
        action.origin_countries = _rows(Country, data["origin_countries"], Country.iso3, [Country.name])
    if "implementation_countries" in data:
        action.implementation_countries = _rows(Country, data["implementation_countries"], Country.iso3,
                                                [Country.name])
    if "themes" in data:
        action.themes = _rows(Theme, data["themes"], Theme.slug, [Theme.position])
    if "sdgs" in data:
        action.sdgs = _rows(SDG, data["sdgs"], SDG.id, [SDG.id])
    if "partners" in data:
        partner_ids = [pid for pid in data["partners"] if pid != action.organization_id]
        action.partners = _rows(Organization, partner_ids, Organization.id, [Organization.name])
    if "results" in data:
        action.results = [
            ActionResult(position=i, indicator=row["indicator"], baseline=row.get("baseline") or "",
                         target=row.get("target") or "", achieved=row.get("achieved") or "")
            for i, row in enumerate(data["results"]) if row.get("indicator")
        ]
    if "links" in data:
        action.links = [
            ActionLink(position=i, label=row.get("label") or row["url"], url=row["url"])
            for i, row in enumerate(data["links"]) if row.get("url")
        ]


def create_action(organization: Organization, user: User, data: dict) -> Action:
    """A new draft action of `organization` from form data (SCALAR_FIELDS, LIST_FIELDS, results, links).

    `image` is the name of a file already stored with hub.images.save_image.
    """
    action = Action(slug=unique_slug(data["title"]), organization_id=organization.id, review_state="draft",
                    created_by_id=user.id, version=1)
    db.session.add(action)
    _apply(action, data)
    db.session.flush()
    record_audit(user, "create", action, title=action.title)
    return action


def update_action(action: Action, user: User, data: dict, expected_version) -> Action:
    """Save an edit: refuse it on an edit conflict, keep the previous values as a revision.

    Raises workflow.EditConflict when someone saved the action after `expected_version`.
    A published action stays published. The caller deletes the old image file after commit when
    `data["image"]` replaced it.
    """
    workflow.check_version(action, expected_version)
    before = workflow.snapshot(action, HISTORY_FIELDS)
    _apply(action, data)
    db.session.flush()
    workflow.record_edit(action, user, before)
    return action


def get_by_slug(slug: str) -> Action | None:
    return db.session.scalar(sa.select(Action).where(Action.slug == slug))


LIST_OPTIONS = (
    selectinload(Action.organization),
    selectinload(Action.origin_countries),
    selectinload(Action.implementation_countries),
    selectinload(Action.themes),
)


@dataclass
class Filters:
    theme: str | None = None
    origin: str | None = None
    country: str | None = None
    status: str | None = None
    org_type: str | None = None
    year: int | None = None
    partners: str | None = None  # looking for partners: "any" or a role


def published_actions(filters: Filters):
    """A select of the public actions matching `filters`, newest first, with what a list card shows."""
    stmt = public(Action)
    if filters.theme:
        stmt = stmt.where(Action.themes.any(Theme.slug == filters.theme))
    if filters.origin:
        stmt = stmt.where(Action.origin_countries.any(Country.iso3 == filters.origin))
    if filters.country:
        stmt = stmt.where(Action.implementation_countries.any(Country.iso3 == filters.country))
    if filters.status:
        stmt = stmt.where(Action.status == filters.status)
    if filters.org_type:
        stmt = stmt.where(Action.organization.has(Organization.org_type == filters.org_type))
    if filters.year:
        # Active at some time during the year: started by its end, not finished before it began.
        stmt = stmt.where(Action.start_date <= date(filters.year, 12, 31),
                          sa.or_(Action.end_date.is_(None), Action.end_date >= date(filters.year, 1, 1)))
    if filters.partners:
        from hub.offers.models import looking_for_partners

        stmt = stmt.where(looking_for_partners(Action, "action", filters.partners))
    return stmt.order_by(Action.published_at.desc().nulls_last(), Action.id.desc()).options(*LIST_OPTIONS)


def submitted_actions(limit: int = 50) -> list[Action]:
    """Actions waiting for review, oldest submission first (for the moderation queue)."""
    stmt = (sa.select(Action).where(Action.review_state == "submitted")
            .order_by(Action.submitted_at.asc().nulls_last(), Action.id)
            .options(selectinload(Action.organization)).limit(limit))
    return list(db.session.scalars(stmt))


def related(action: Action) -> dict:
    """Public stories and partnerships linked to the action (one query each)."""
    from hub.partnerships.models import Partnership
    from hub.stories.models import Story

    stories = public(Story).where(Story.action_id == action.id).order_by(Story.published_at.desc()).limit(20)
    partnerships = (public(Partnership).where(Partnership.actions.any(Action.id == action.id))
                    .order_by(Partnership.published_at.desc()).limit(20))
    return {"stories": list(db.session.scalars(stories)),
            "partnerships": list(db.session.scalars(partnerships))}


def history(action: Action) -> list[changes.Save]:
    """Every save of the action, newest first: who, when, and what changed from the version before."""
    return changes.history(action, HISTORY_FIELDS)
