"""Organizations: create, edit, members, invitations, verification. Add and flush, never commit."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, timedelta

import sqlalchemy as sa
from flask import url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import selectinload

from hub.auth.mail import send_mail
from hub.auth.models import Invitation, Membership, User
from hub.extensions import db
from hub.modeling import slugify, utcnow
from hub.orgs.models import Organization
from hub.places.models import Country
from hub.review.history import record_audit, record_revision
from hub.taxonomy.models import Theme
from hub.taxonomy.vocabulary import label

INVITATION_DAYS = 14
PROFILE_FIELDS = ("name", "acronym", "org_type", "description", "website", "contact_email", "hq_country_iso3",
                  "founded_year", "language")


class OrganizationError(Exception):
    """Something that cannot be done to an organization; str() is for the user."""


def unique_slug(name: str) -> str:
    base = slugify(name, max_length=90)
    taken = set(db.session.scalars(sa.select(Organization.slug).where(Organization.slug.like(f"{base}%"))))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _countries(codes) -> list[Country]:
    codes = list(codes or [])
    if not codes:
        return []
    return list(db.session.scalars(sa.select(Country).where(Country.iso3.in_(codes))))


def _themes(slugs) -> list[Theme]:
    slugs = list(slugs or [])
    if not slugs:
        return []
    return list(db.session.scalars(sa.select(Theme).where(Theme.slug.in_(slugs)).order_by(Theme.position)))


def _apply(org: Organization, data: dict) -> None:
    for field in PROFILE_FIELDS:
        if field in data:
            setattr(org, field, data[field] if data[field] is not None or field == "founded_year" else "")
    if "heritage_countries" in data:
        org.heritage_countries = _countries(data["heritage_countries"])
    if "operation_countries" in data:
        org.operation_countries = _countries(data["operation_countries"])
    if "themes" in data:
        org.themes = _themes(data["themes"])


def create_organization(data: dict, creator: User | None) -> Organization:
    """A new, unverified organization from profile data (see PROFILE_FIELDS and the lists)."""
    org = Organization(slug=unique_slug(data["name"]), verification="pending", last_confirmed_at=utcnow())
    _apply(org, data)
    db.session.add(org)
    db.session.flush()
    record_audit(creator, "register_organization", org, name=org.name)
    return org


def snapshot(org: Organization) -> dict:
    """The profile's current values, for the revision kept before an edit."""
    data = {field: getattr(org, field) for field in PROFILE_FIELDS}
    data.update(
        heritage_countries=[c.iso3 for c in org.heritage_countries],
        operation_countries=[c.iso3 for c in org.operation_countries],
        themes=[t.slug for t in org.themes],
        logo=org.logo,
    )
    return data


def update_profile(org: Organization, user: User, data: dict) -> Organization:
    """Save profile changes, keeping the previous values as a revision."""
    record_revision(org, user, snapshot(org), summary="profile")
    _apply(org, data)
    if org.verification == "rejected":  # a corrected profile goes back to the moderators
        org.verification = "pending"
    org.version = (org.version or 1) + 1
    org.last_confirmed_at = utcnow()
    db.session.flush()
    return org


def set_logo(org: Organization, filename: str) -> str:
    """Point the organization at a new logo file; returns the old file name to delete after commit."""
    old, org.logo = org.logo, filename
    db.session.flush()
    return old


def confirm_details(org: Organization, user: User) -> None:
    """The profile was checked and is current."""
    org.last_confirmed_at = utcnow()
    record_audit(user, "confirm_details", org)
    db.session.flush()


def members(org: Organization) -> list[Membership]:
    return list(db.session.scalars(
        sa.select(Membership).where(Membership.organization_id == org.id)
        .options(selectinload(Membership.user)).join(Membership.user).order_by(User.display_name)
    ))


def pending_invitations(org: Organization) -> list[Invitation]:
    return list(db.session.scalars(
        sa.select(Invitation).where(Invitation.organization_id == org.id, Invitation.accepted_at.is_(None),
                                    Invitation.expires_at > utcnow()).order_by(Invitation.created_at)
    ))


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite_member(org: Organization, inviter: User, email: str, role: str) -> tuple[Invitation, str]:
    """Invite `email` to `org` with `role` and mail them the link; returns (invitation, token)."""
    email = email.strip().lower()
    already = db.session.scalar(
        sa.select(Membership).join(Membership.user)
        .where(Membership.organization_id == org.id, sa.func.lower(User.email) == email)
    )
    if already is not None:
        raise OrganizationError(_l("This person is already a member of the organization."))
    token = secrets.token_urlsafe(32)
    invitation = Invitation(organization=org, email=email, role=role, token_hash=_hash(token),
                            invited_by_id=inviter.id, expires_at=utcnow() + timedelta(days=INVITATION_DAYS))
    db.session.add(invitation)
    record_audit(inviter, "invite_member", org, email=email, role=role)
    db.session.flush()
    from hub.orgs.forms import ROLE_CHOICES

    send_mail(email, _l("Invitation to join %(org)s on Diaspora Hub", org=org.name), "orgs/mail/invitation.txt",
              org=org, inviter=inviter, role_label=label(ROLE_CHOICES, role).split(":")[0], days=INVITATION_DAYS,
              url=url_for("orgs.invitation", token=token, _external=True))
    return invitation, token


def find_invitation(token: str) -> Invitation | None:
    """The open invitation of a token, or None if unknown, used or expired."""
    if not token or len(token) > 100:
        return None
    invitation = db.session.scalar(sa.select(Invitation).where(Invitation.token_hash == _hash(token)))
    if invitation is None or invitation.accepted_at is not None:
        return None
    expires = invitation.expires_at
    if expires.tzinfo is None:  # SQLite returns naive datetimes
        expires = expires.replace(tzinfo=UTC)
    return invitation if expires > utcnow() else None


def accept_invitation(invitation: Invitation, user: User) -> Membership:
    """Make `user` a member with the invitation's role; the invitation is used up."""
    if user.email.lower() != invitation.email.lower():
        raise OrganizationError(_l("This invitation was sent to another e-mail address."))
    invitation.accepted_at = utcnow()
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()  # the link reached their inbox
    membership = db.session.get(Membership, (user.id, invitation.organization_id))
    if membership is None:
        membership = Membership(user=user, organization_id=invitation.organization_id, role=invitation.role)
        db.session.add(membership)
    elif invitation.role == "owner":
        membership.role = "owner"
    db.session.flush()
    if user.current_organization_id is None:
        user.current_organization_id = invitation.organization_id
    record_audit(user, "accept_invitation", invitation.organization, role=invitation.role)
    db.session.flush()
    return membership


def cancel_invitation(invitation: Invitation, actor: User) -> None:
    record_audit(actor, "cancel_invitation", invitation.organization, email=invitation.email)
    db.session.delete(invitation)
    db.session.flush()


def _owners(org: Organization) -> list[Membership]:
    return [m for m in members(org) if m.role == "owner"]


def remove_member(org: Organization, actor: User, user_id: int) -> None:
    """Remove a member; the last owner cannot be removed (transfer ownership first)."""
    membership = db.session.get(Membership, (user_id, org.id))
    if membership is None:
        raise OrganizationError(_l("This person is not a member of the organization."))
    if membership.role == "owner" and len(_owners(org)) <= 1:
        raise OrganizationError(_l("The last owner cannot be removed. Transfer ownership first."))
    user = membership.user
    db.session.delete(membership)
    if user.current_organization_id == org.id:
        user.current_organization_id = None
    record_audit(actor, "remove_member", org, user_id=user_id, email=user.email)
    db.session.flush()


def transfer_ownership(org: Organization, actor: User, user_id: int) -> None:
    """Make another member the owner; the acting owner stays on as an editor."""
    target = db.session.get(Membership, (user_id, org.id))
    if target is None or user_id == actor.id:
        raise OrganizationError(_l("Choose another member of the organization."))
    target.role = "owner"
    mine = db.session.get(Membership, (actor.id, org.id))
    if mine is not None:
        mine.role = "editor"
    record_audit(actor, "transfer_ownership", org, to_user_id=user_id)
    db.session.flush()


def _notify_owners(org: Organization) -> None:
    for membership in _owners(org):
        user = membership.user
        send_mail(user.email, _l("Verification of %(org)s on Diaspora Hub", org=org.name),
                  "orgs/mail/decision.txt", locale=user.locale or None, user=user, org=org,
                  url=url_for("auth.dashboard", _external=True))


def verify_organization(org: Organization, moderator: User | None, note: str = "", notify: bool = True) -> None:
    """Mark the organization verified: its profile and published content become public."""
    org.verification = "verified"
    org.verification_note = note
    org.verified_at = utcnow()
    org.verified_by_id = getattr(moderator, "id", None)
    record_audit(moderator, "verify_organization", org, note=note)
    db.session.flush()
    if notify:
        _notify_owners(org)


def reject_organization(org: Organization, moderator: User, note: str, notify: bool = True) -> None:
    """Refuse verification, with a note the owners see on their dashboard."""
    org.verification = "rejected"
    org.verification_note = note
    org.verified_at = None
    org.verified_by_id = moderator.id
    record_audit(moderator, "reject_organization", org, note=note)
    db.session.flush()
    if notify:
        _notify_owners(org)


def set_trusted(org: Organization, moderator: User, trusted: bool) -> None:
    """Trusted organizations publish without review."""
    org.trusted = trusted
    record_audit(moderator, "trust_organization" if trusted else "untrust_organization", org)
    db.session.flush()


def pending_organizations() -> list[Organization]:
    """Organizations waiting for verification, oldest first, with what the queue shows."""
    return list(db.session.scalars(
        sa.select(Organization).where(Organization.verification == "pending").order_by(Organization.created_at)
        .options(selectinload(Organization.hq_country), selectinload(Organization.memberships)
                 .selectinload(Membership.user))
    ))


def filter_directory(stmt, args: dict):
    """The directory's filters (name, type, country in any role, theme), for the page and the API."""
    if query := (args.get("q") or "").strip()[:100]:
        stmt = stmt.where(Organization.name.ilike(f"%{query}%"))
    if org_type := args.get("org_type"):
        stmt = stmt.where(Organization.org_type == org_type)
    if code := args.get("country"):
        stmt = stmt.where(sa.or_(
            Organization.hq_country_iso3 == code,
            Organization.heritage_countries.any(iso3=code),
            Organization.operation_countries.any(iso3=code),
        ))
    if theme := args.get("theme"):
        stmt = stmt.where(Organization.themes.any(Theme.slug == theme))
    return stmt
