"""Calls for partners, offers to partner, and the lead organization's answer.

Add and flush, never commit. Offers are limited per offering organization, counted in the
database so the limit holds across hosts.
"""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa
from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from hub.auth.mail import send_mail
from hub.auth.permissions import ORG_EDIT_ROLES, can, org_role
from hub.contact.services import over_limit, settings_for
from hub.extensions import db
from hub.modeling import utcnow
from hub.models import Action, Membership, Organization, Partnership, PartnershipPartner, User
from hub.offers.models import CALL_ROLES, PartnerCall, PartnerOffer, looking_for_partners
from hub.review.history import record_audit
from hub.review.visibility import public

MODELS = {"action": Action, "partnership": Partnership}
ENDPOINTS = {"action": "actions.detail", "partnership": "partnerships.detail"}
OFFER_LIMITS = ((10, timedelta(days=1)),)


class OfferError(Exception):
    """An offer or answer that cannot be made; str() is for the user."""


def kind_of(record) -> str:
    return "action" if isinstance(record, Action) else "partnership"


def lead_id(record) -> int:
    return record.organization_id if isinstance(record, Action) else record.lead_organization_id


def call_for(record) -> PartnerCall | None:
    return db.session.scalar(sa.select(PartnerCall).where(
        PartnerCall.record_kind == kind_of(record), PartnerCall.record_id == record.id))


def record_of(call: PartnerCall):
    return db.session.get(MODELS[call.record_kind], call.record_id)


def save_call(record, roles: list[str], note: str, is_open: bool) -> PartnerCall:
    """Say that `record` is (or is no longer) looking for partners, in which roles."""
    roles = [r for r in CALL_ROLES if r in roles]
    if is_open and not roles:
        raise OfferError(_l("Choose at least one role."))
    call = call_for(record)
    if call is None:
        call = PartnerCall(record_kind=kind_of(record), record_id=record.id, organization_id=lead_id(record))
        db.session.add(call)
    call.roles = ",".join(roles)
    call.note = (note or "").strip()[:500]
    call.is_open = is_open
    db.session.flush()
    return call


def open_calls(kind: str = "", role: str = ""):
    """A select of the open calls on public actions and partnerships, newest first."""
    parts = []
    for key, model in MODELS.items():
        if kind and kind != key:
            continue
        visible = public(model).where(looking_for_partners(model, key, role)).with_only_columns(model.id)
        parts.append(sa.and_(PartnerCall.record_kind == key, PartnerCall.record_id.in_(visible)))
    return (sa.select(PartnerCall).where(sa.or_(*parts) if parts else sa.false())
            .options(selectinload(PartnerCall.organization))
            .order_by(PartnerCall.updated_at.desc(), PartnerCall.id.desc()))


def open_call_uids(role: str = "") -> list[str]:
    """The search documents ("action:12") of the public records with an open call, for `role`."""
    stmt = open_calls("", role).with_only_columns(PartnerCall.record_kind, PartnerCall.record_id)
    return [f"{kind}:{record_id}" for kind, record_id in db.session.execute(stmt.order_by(None))]


def records_for(calls: list[PartnerCall]) -> dict[tuple[str, int], object]:
    """The action or partnership of each call (one query per kind)."""
    found = {}
    for key, model in MODELS.items():
        ids = [c.record_id for c in calls if c.record_kind == key]
        if ids:
            found.update({(key, r.id): r for r in db.session.scalars(sa.select(model).where(model.id.in_(ids)))})
    return found


def offering_organizations(user) -> list[Organization]:
    """Verified organizations `user` may make offers for (as owner or editor)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(db.session.scalars(sa.select(Organization).join(Membership).where(
        Membership.user_id == user.id, Membership.role.in_(ORG_EDIT_ROLES),
        Organization.verification == "verified").order_by(Organization.name)))


def _already_partner(record, org_id: int) -> bool:
    if isinstance(record, Action):
        return any(p.id == org_id for p in record.partners)
    return any(p.organization_id == org_id and p.confirmation == "confirmed" for p in record.partners)


def make_offer(call: PartnerCall, org: Organization, user: User, role: str, message: str) -> PartnerOffer:
    """`org` offers to partner on `call` in `role`; the lead's owners are told by mail."""
    record = record_of(call)
    if org_role(user, org) not in ORG_EDIT_ROLES:
        raise OfferError(_l("You may only make offers for your own organization."))
    if org.verification != "verified":
        raise OfferError(_l("Only verified organizations can offer to partner."))
    if record is None or not call.is_open or not can(user, "view", record) or not record.is_published:
        raise OfferError(_l("This call for partners is closed."))
    if org.id == call.organization_id or _already_partner(record, org.id):
        raise OfferError(_l("Your organization is already part of this."))
    if role not in call.role_list:
        raise OfferError(_l("This call does not ask for that role."))
    lead = db.session.get(Organization, call.organization_id)
    if not settings_for(lead).accepts_offers:
        raise OfferError(_l("This organization does not receive offers through the hub."))
    pending = db.session.scalar(sa.select(PartnerOffer.id).where(
        PartnerOffer.call_id == call.id, PartnerOffer.organization_id == org.id, PartnerOffer.status == "pending"))
    if pending is not None:
        raise OfferError(_l("Your organization has already offered to partner on this; wait for the answer."))
    if over_limit(PartnerOffer.organization_id, org.id, OFFER_LIMITS, model=PartnerOffer):
        raise OfferError(_l("Your organization has made many offers today. Please try again tomorrow."))
    offer = PartnerOffer(call_id=call.id, organization_id=org.id, role=role, message=(message or "").strip(),
                         created_by_id=user.id, created_at=utcnow())
    db.session.add(offer)
    db.session.flush()
    _notify(lead, _l("%(org)s offers to partner on “%(title)s”", org=org.name, title=record.title),
            "offers/mail/offer.txt", offer=offer, record=record, org=org, lead=lead)
    return offer


def _team(org: Organization) -> list[User]:
    """The organization's active owners and editors: the people who may answer offers."""
    return list(db.session.scalars(sa.select(User).join(Membership).where(
        Membership.organization_id == org.id, Membership.role.in_(ORG_EDIT_ROLES), User.active.is_(True))))


def _notify(to: Organization, subject, template: str, extra: list[User] = (), **context) -> None:
    """Mail the owners and editors of `to` (and `extra` users), each in their language."""
    users = {u.id: u for u in [*_team(to), *extra] if u is not None}
    inbox = url_for("offers.inbox", _external=True)
    for user in users.values():
        send_mail(user.email, subject, template, locale=user.locale or None, user=user, inbox_url=inbox, **context)


def incoming(user) -> list[PartnerOffer]:
    """Pending and answered offers to the organizations `user` edits for, newest first."""
    org_ids = [m.organization_id for m in user.memberships if m.role in ORG_EDIT_ROLES]
    return _offers(PartnerCall.organization_id.in_(org_ids))


def outgoing(user) -> list[PartnerOffer]:
    """Offers made by the organizations `user` edits for, newest first."""
    org_ids = [m.organization_id for m in user.memberships if m.role in ORG_EDIT_ROLES]
    return _offers(PartnerOffer.organization_id.in_(org_ids))


def _offers(condition) -> list[PartnerOffer]:
    offers = list(db.session.scalars(
        sa.select(PartnerOffer).join(PartnerCall).where(condition)
        .options(selectinload(PartnerOffer.call).selectinload(PartnerCall.organization),
                 selectinload(PartnerOffer.organization))
        .order_by(PartnerOffer.created_at.desc(), PartnerOffer.id.desc()).limit(200)))
    records = records_for([o.call for o in offers])
    for offer in offers:
        offer.record = records.get((offer.call.record_kind, offer.call.record_id))
    return offers


def may_answer(user, offer: PartnerOffer) -> bool:
    """Owners and editors of the lead organization (and admins) answer offers."""
    record = record_of(offer.call)
    return record is not None and can(user, "edit", record) and org_role(user, offer.call.organization_id) is not None


def answer_offer(offer: PartnerOffer, user: User, accept: bool, note: str = "") -> PartnerOffer:
    """Accept (the organization becomes a confirmed partner) or decline with a note; both sides are told."""
    if not may_answer(user, offer):
        raise OfferError(_l("Only the lead organization answers this offer."))
    if offer.status != "pending":
        raise OfferError(_l("This offer has already been answered."))
    record = record_of(offer.call)
    now = utcnow()
    offer.status = "accepted" if accept else "declined"
    offer.answered_by_id, offer.answered_at, offer.answer_note = user.id, now, (note or "").strip()[:500]
    if accept:
        _add_partner(record, offer, user, now)
    record_audit(user, f"{offer.status}_offer", record, note=offer.answer_note, organization=offer.organization_id,
                 role=offer.role)
    db.session.flush()
    lead = db.session.get(Organization, offer.call.organization_id)
    subject = (_l("Offer accepted: %(org)s partners on “%(title)s”", org=offer.organization.name, title=record.title)
               if accept else _l("Offer declined: “%(title)s”", title=record.title))
    context = {"offer": offer, "record": record, "org": offer.organization, "lead": lead}
    _notify(offer.organization, subject, "offers/mail/answer.txt",
            extra=[db.session.get(User, offer.created_by_id)] if offer.created_by_id else [], **context)
    _notify(lead, subject, "offers/mail/answer.txt", **context)
    return offer


def _add_partner(record, offer: PartnerOffer, user: User, now) -> None:
    if isinstance(record, Action):
        if not _already_partner(record, offer.organization_id):
            record.partners.append(offer.organization)
        return
    existing = next((p for p in record.partners if p.organization_id == offer.organization_id), None)
    if existing is None:
        existing = PartnershipPartner(partnership=record, organization_id=offer.organization_id)
        db.session.add(existing)
    existing.role, existing.confirmation = offer.role, "confirmed"
    existing.responded_at, existing.responded_by_id = now, offer.created_by_id or user.id


def endpoint_of(call: PartnerCall) -> str:
    return ENDPOINTS[call.record_kind]
