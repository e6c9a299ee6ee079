"""Partnerships: propose, edit, partner confirmation, progress reports, freshness. Add and flush, never commit.

The freshness light is decided here and nowhere else, in Python (`freshness`) and in SQL
(`freshness_condition`), from the same two cut-off dates:

    green   the last progress report is at most a year old (365 days)
    amber   a report is due: the last one is 366 to 730 days old
    red     over two years (more than 730 days) without a report: shown as inactive
    none    no progress report yet (shown grey, "no report yet"; it is not counted as inactive)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload, selectinload

from hub.actions.models import Action
from hub.auth.permissions import ORG_EDIT_ROLES, can, is_admin, org_role
from hub.extensions import db
from hub.modeling import slugify, utcnow
from hub.orgs.models import Organization
from hub.partnerships.models import Partnership, PartnershipPartner, ProgressReport
from hub.places.models import Country
from hub.review.history import record_audit
from hub.review.visibility import public
from hub.review.workflow import record_edit, snapshot
from hub.taxonomy.models import SDG, Theme

FRESH_DAYS = 365
DUE_DAYS = 730
EDIT_FIELDS = ("title", "summary", "description", "status", "start_date", "end_date", "language",
               "countries", "themes", "sdgs", "actions")


class PartnershipError(Exception):
    """Something that cannot be done to a partnership; str() is for the user."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return str(self.message)


@dataclass(frozen=True)
class Light:
    code: str
    label: object
    description: object


LIGHTS = {
    "green": Light("green", _l("Active"), _l("Progress reported within the last year.")),
    "amber": Light("amber", _l("Report due"), _l("The last progress report is more than a year old.")),
    "red": Light("red", _l("Inactive"), _l("No progress reported for over two years.")),
    "none": Light("none", _l("No report yet"), _l("No progress report has been published yet.")),
}
FRESHNESS_CHOICES = [(code, light.label) for code, light in LIGHTS.items()]


def _cutoffs(today: date) -> tuple[date, date]:
    """(oldest report date still green, oldest still amber)."""
    return today - timedelta(days=FRESH_DAYS), today - timedelta(days=DUE_DAYS)


def freshness(last_report_on: date | None, today: date | None = None) -> Light:
    """The freshness light for a partnership whose newest report is dated `last_report_on`."""
    if last_report_on is None:
        return LIGHTS["none"]
    green_since, amber_since = _cutoffs(today or date.today())
    if last_report_on >= green_since:
        return LIGHTS["green"]
    if last_report_on >= amber_since:
        return LIGHTS["amber"]
    return LIGHTS["red"]


def freshness_condition(code: str, today: date | None = None):
    """SQL condition selecting partnerships whose light is `code` (the same rule as `freshness`)."""
    green_since, amber_since = _cutoffs(today or date.today())
    column = Partnership.last_report_on
    return {
        "green": column >= green_since,
        "amber": sa.and_(column < green_since, column >= amber_since),
        "red": column < amber_since,
        "none": column.is_(None),
    }.get(code, sa.true())


# ---- who may do what (beyond hub.auth.permissions, which knows only the lead organization)


def partner_org_ids(partnership: Partnership, confirmation: str | None = None) -> set[int]:
    return {p.organization_id for p in partnership.partners if confirmation is None or p.confirmation == confirmation}


def may_view(user, partnership: Partnership) -> bool:
    """The public sees published partnerships; named partners see the proposal too."""
    if can(user, "view", partnership):
        return True
    return any(org_role(user, org_id) for org_id in partner_org_ids(partnership))


def may_respond(user, partner: PartnershipPartner) -> bool:
    """Only owners and editors of the named partner organization confirm or decline."""
    return org_role(user, partner.organization_id) in ORG_EDIT_ROLES or is_admin(user)


def reporting_organization(user, partnership: Partnership) -> int | None:
    """The organization `user` reports for: the lead or a confirmed partner they edit for."""
    eligible = [partnership.lead_organization_id, *sorted(partner_org_ids(partnership, "confirmed"))]
    mine = [org_id for org_id in eligible if org_role(user, org_id) in ORG_EDIT_ROLES]
    if not mine:
        return None
    current = getattr(user, "current_organization_id", None)
    return current if current in mine else mine[0]


# ---- choices


def partner_choices(lead_id: int | None) -> list[tuple[int, str]]:
    """Verified organizations (besides the lead) that can be named as partners."""
    stmt = sa.select(Organization.id, Organization.name).where(Organization.verification == "verified")
    if lead_id is not None:
        stmt = stmt.where(Organization.id != lead_id)
    return [(row.id, row.name) for row in db.session.execute(stmt.order_by(Organization.name))]


def action_choices(org_id: int | None) -> list[tuple[int, str]]:
    """Actions a partnership may link: the organization's own, and every published one."""
    published = public(Action).with_only_columns(Action.id)
    stmt = sa.select(Action.id, Action.title).where(
        sa.or_(Action.organization_id == org_id, Action.id.in_(published))
    )
    return [(row.id, row.title) for row in db.session.execute(stmt.order_by(Action.title, Action.id))]


# ---- create and edit


def unique_slug(title: str) -> str:
    base = slugify(title, max_length=90)
    taken = set(db.session.scalars(sa.select(Partnership.slug).where(Partnership.slug.like(f"{base}%"))))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _apply(partnership: Partnership, data: dict) -> None:
    for key in ("title", "summary", "description", "status", "start_date", "end_date", "language"):
        if key in data:
            setattr(partnership, key, data[key])
    partnership.countries = list(db.session.scalars(sa.select(Country).where(Country.iso3.in_(data["countries"]))))
    partnership.themes = list(db.session.scalars(sa.select(Theme).where(Theme.slug.in_(data["themes"]))))
    partnership.sdgs = list(db.session.scalars(sa.select(SDG).where(SDG.id.in_(data["sdgs"]))))
    allowed = {action_id for action_id, _title in action_choices(partnership.lead_organization_id)}
    wanted = [a for a in data["actions"] if a in allowed]
    partnership.actions = list(db.session.scalars(sa.select(Action).where(Action.id.in_(wanted))))


def _set_partners(partnership: Partnership, partners: list[tuple[int, str]], user) -> None:
    """Name the partner organizations; a new partner or a changed role asks for confirmation again."""
    wanted = {}
    for org_id, role in partners:
        if org_id and org_id != partnership.lead_organization_id:
            wanted.setdefault(org_id, role)
    existing = {p.organization_id: p for p in partnership.partners}
    for org_id, partner in existing.items():
        if org_id not in wanted and org_id != partnership.lead_organization_id:
            partnership.partners.remove(partner)
    for org_id, role in wanted.items():
        partner = existing.get(org_id)
        if partner is None:
            partnership.partners.append(PartnershipPartner(organization_id=org_id, role=role))
            record_audit(user, "partner_invited", partnership, organization_id=org_id, role=role)
        elif partner.role != role:
            partner.role, partner.confirmation, partner.responded_at = role, "pending", None
            record_audit(user, "partner_role_changed", partnership, organization_id=org_id, role=role)


def create_partnership(lead: Organization, user, data: dict) -> Partnership:
    """A draft partnership led by `lead`, naming its partners (each one then confirms)."""
    partnership = Partnership(
        slug=unique_slug(data["title"]), title=data["title"], lead_organization_id=lead.id,
        created_by_id=getattr(user, "id", None), review_state="draft",
    )
    db.session.add(partnership)
    _apply(partnership, data)
    _set_partners(partnership, data["partners"], user)
    db.session.flush()
    record_audit(user, "create", partnership)
    return partnership


def update_partnership(partnership: Partnership, user, data: dict) -> Partnership:
    """Save an edit: the previous values become a revision, the version goes up."""
    before = snapshot(partnership, EDIT_FIELDS)
    before["partners"] = sorted(f"{p.organization_id}:{p.role}" for p in partnership.partners)
    _apply(partnership, data)
    _set_partners(partnership, data["partners"], user)
    db.session.flush()
    after_partners = sorted(f"{p.organization_id}:{p.role}" for p in partnership.partners)
    if after_partners == before["partners"]:
        del before["partners"]  # unchanged; record_edit cannot compare partner rows with their codes
    record_edit(partnership, user, before)
    partnership.updated_at = utcnow()
    return partnership


# ---- partner confirmation


def find_partner(partnership: Partnership, org_id: int) -> PartnershipPartner | None:
    return next((p for p in partnership.partners if p.organization_id == org_id), None)


def respond(partner: PartnershipPartner, user, confirm: bool) -> PartnershipPartner:
    """The partner organization confirms (shown publicly from now on) or declines."""
    if not may_respond(user, partner):
        raise PartnershipError(_l("Only owners and editors of %(org)s can answer for it.",
                                  org=partner.organization.name))
    partner.confirmation = "confirmed" if confirm else "declined"
    partner.responded_at = utcnow()
    partner.responded_by_id = user.id
    partner.partnership.updated_at = utcnow()
    record_audit(user, "partner_confirmed" if confirm else "partner_declined", partner.partnership,
                 organization_id=partner.organization_id, role=partner.role)
    db.session.flush()
    return partner


def pending_invitations(org_id: int) -> list[PartnershipPartner]:
    """Partnerships naming this organization that wait for its answer, newest first."""
    stmt = (
        sa.select(PartnershipPartner)
        .join(PartnershipPartner.partnership)
        .where(PartnershipPartner.organization_id == org_id, PartnershipPartner.confirmation == "pending",
               Partnership.review_state != "rejected")
        .order_by(Partnership.created_at.desc())
    )
    return list(db.session.scalars(stmt))


# ---- progress reports


def add_report(partnership: Partnership, user, org_id: int, data: dict) -> ProgressReport:
    """A progress report from the lead or a confirmed partner; it sets the freshness light."""
    if org_id != partnership.lead_organization_id and org_id not in partner_org_ids(partnership, "confirmed"):
        raise PartnershipError(_l("Only the lead organization and confirmed partners report progress."))
    report = ProgressReport(
        partnership_id=partnership.id, organization_id=org_id, author_id=getattr(user, "id", None),
        report_date=data["report_date"], achievements=data["achievements"], challenges=data.get("challenges", ""),
    )
    db.session.add(report)
    partnership.reports.append(report)
    latest = max(r.report_date for r in partnership.reports)
    partnership.last_report_on = latest
    partnership.updated_at = utcnow()
    record_audit(user, "progress_report", partnership, report_date=report.report_date, organization_id=org_id)
    db.session.flush()
    return report


# The list query: one definition for the page, the API and the CSV export.
LIST_OPTIONS = (
    joinedload(Partnership.lead_organization),
    selectinload(Partnership.countries),
    selectinload(Partnership.themes),
    selectinload(Partnership.sdgs),
    selectinload(Partnership.partners).joinedload(PartnershipPartner.organization),
)


def list_statement(args: dict):
    """The partnership list's filters: title, theme, country, partner type and role, status, freshness."""
    stmt = public(Partnership)
    if query := args.get("q", "").strip():
        stmt = stmt.where(Partnership.title.ilike(f"%{query}%"))
    if theme := args.get("theme"):
        stmt = stmt.where(Partnership.themes.any(Theme.slug == theme))
    if code := args.get("country"):
        stmt = stmt.where(Partnership.countries.any(iso3=code))
    if org_type := args.get("partner_type"):
        stmt = stmt.where(sa.or_(
            Partnership.lead_organization.has(Organization.org_type == org_type),
            Partnership.partners.any(sa.and_(
                PartnershipPartner.confirmation == "confirmed",
                PartnershipPartner.organization.has(Organization.org_type == org_type),
            )),
        ))
    if role := args.get("role"):
        stmt = stmt.where(Partnership.partners.any(sa.and_(
            PartnershipPartner.confirmation == "confirmed", PartnershipPartner.role == role)))
    if status := args.get("status"):
        stmt = stmt.where(Partnership.status == status)
    if light := args.get("freshness"):
        stmt = stmt.where(freshness_condition(light))
    if wanted := args.get("partners"):
        from hub.offers.models import looking_for_partners

        stmt = stmt.where(looking_for_partners(Partnership, "partnership", wanted))
    order = {
        "newest": (Partnership.published_at.desc(), Partnership.id.desc()),
        "title": (Partnership.title, Partnership.id),
    }.get(args.get("sort"), (Partnership.updated_at.desc(), Partnership.id.desc()))
    return stmt.order_by(*order).options(*LIST_OPTIONS)
