"""Who may do what to which record: the one place that decides, used by every view and the API.

    can(user, action, obj=None) -> bool
    require(user, action, obj=None) -> obj     (raises 404, 403, or sends to sign-in)

Actions on an Organization:  "view", "edit" (profile, logo, confirm details, its content),
"members" (see the member list), "manage_members" (invite, remove), "transfer", "review".
Actions on owned content (anything with organization_id or lead_organization_id and a
review_state: actions, partnerships, stories, data sources):  "view", "edit", "submit",
"delete", "review".  Actions on a User: "deactivate".  Site-wide actions (obj=None):
"moderate", "admin", "create" (sign-in is enough; pass the organization to check editing it).

Roles: a member belongs to organizations as "owner" or "editor"; a "moderator" reviews and
verifies; an "admin" may do everything. "view" decides whether a record's existence may be
shown at all: require() answers 404 where it is denied, 403 for every other refusal.
"""

from __future__ import annotations

from flask import abort
from werkzeug.exceptions import Forbidden, NotFound

from hub.extensions import login_manager

ORG_EDIT_ROLES = ("owner", "editor")


def _authenticated(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", False) and getattr(user, "active", False))


def is_admin(user) -> bool:
    return _authenticated(user) and user.role == "admin"


def is_moderator(user) -> bool:
    return _authenticated(user) and user.role in ("moderator", "admin")


def org_role(user, org) -> str | None:
    """The user's role in `org` ("owner", "editor") or None."""
    if not _authenticated(user) or org is None:
        return None
    org_id = org if isinstance(org, int) else org.id
    for membership in user.memberships:
        if membership.organization_id == org_id:
            return membership.role
    return None


def owning_organization_id(obj) -> int | None:
    """The id of the organization a piece of content belongs to (or None)."""
    for attr in ("organization_id", "lead_organization_id"):
        value = getattr(obj, attr, None)
        if value is not None:
            return value
    return None


def _can_organization(user, action: str, org) -> bool:
    role = org_role(user, org)
    if action == "view":
        return org.verification == "verified" or role is not None or is_moderator(user)
    if action == "edit":
        return role in ORG_EDIT_ROLES or is_admin(user)
    if action == "members":
        return role in ORG_EDIT_ROLES or is_admin(user)
    if action in ("manage_members", "transfer"):
        return role == "owner" or is_admin(user)
    if action == "review":
        return is_moderator(user)
    return False


def _can_content(user, action: str, obj) -> bool:
    from hub.extensions import db
    from hub.orgs.models import Organization

    org_id = owning_organization_id(obj)
    role = org_role(user, org_id) if org_id is not None else None
    if action == "view":
        if role is not None or is_moderator(user):
            return True
        if getattr(obj, "review_state", "published") != "published":
            return False
        org = db.session.get(Organization, org_id) if org_id is not None else None
        return org is None or org.verification == "verified"
    if action in ("edit", "submit"):
        return role in ORG_EDIT_ROLES or is_admin(user)
    if action == "delete":
        return role == "owner" or is_admin(user)
    if action == "review":
        return is_moderator(user)
    return False


def _can_user(user, action: str, target) -> bool:
    if action == "deactivate":
        if not is_moderator(user) or target.id == user.id:
            return False
        # Only an admin may deactivate another moderator or admin.
        return target.role == "member" or is_admin(user)
    if action == "view":
        return _authenticated(user) and (target.id == user.id or is_moderator(user))
    return False


def can(user, action: str, obj=None) -> bool:
    """May `user` (possibly anonymous) do `action` to `obj`? Never raises."""
    from hub.auth.models import User
    from hub.orgs.models import Organization

    if obj is None:
        if action == "moderate":
            return is_moderator(user)
        if action == "admin":
            return is_admin(user)
        if action == "create":
            return _authenticated(user)
        return False
    if isinstance(obj, Organization):
        return _can_organization(user, action, obj)
    if isinstance(obj, User):
        return _can_user(user, action, obj)
    if hasattr(obj, "review_state") or owning_organization_id(obj) is not None:
        return _can_content(user, action, obj)
    return False


def require(user, action: str, obj=None):
    """Return `obj` if `user` may do `action` to it; otherwise refuse the request.

    404 if the user may not even know that `obj` exists, a redirect to sign in for an
    anonymous visitor, 403 for a signed-in user without the right role.
    """
    if obj is not None and action != "view" and not can(user, "view", obj):
        raise NotFound()
    if can(user, action, obj):
        return obj
    if obj is not None and action == "view":
        raise NotFound()
    if not _authenticated(user):
        abort(login_manager.unauthorized())
    raise Forbidden()
