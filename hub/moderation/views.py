"""The moderators' tools: the review queue, organization verification, accounts, the audit log."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.exceptions import NotFound

from hub.auth import services as accounts
from hub.auth.models import User
from hub.auth.permissions import can, require
from hub.extensions import db
from hub.moderation.forms import AccountStatusForm, DecisionForm, TrustForm
from hub.moderation.queue import SECTIONS
from hub.orgs import services as orgs
from hub.orgs.models import Organization
from hub.pagination import paginate
from hub.review.models import AuditEvent

bp = Blueprint("moderation", __name__, url_prefix="/moderation")


@bp.before_request
def moderators_only():
    """Everything here is for moderators and admins: 403 for everyone else."""
    if not can(current_user, "moderate"):
        abort(403)


def _get(model, id_: int):
    obj = db.session.get(model, id_)
    if obj is None:
        raise NotFound()
    return obj


def decision_form(org: Organization) -> DecisionForm:
    return DecisionForm(prefix=f"org{org.id}")


def _queue(failed: DecisionForm | None = None, failed_org_id: int | None = None, status: int = 200):
    sections = [(section, section.load()) for section in SECTIONS.values()]
    forms = {}
    for section, items in sections:
        if section.key == "organizations":
            forms = {org.id: decision_form(org) for org in items}
    if failed is not None and failed_org_id in forms:
        forms[failed_org_id] = failed
    return render_template("moderation/queue.html", sections=sections, decision_forms=forms,
                           trust_form=TrustForm()), status


@bp.get("")
def queue():
    """What waits for a moderator, oldest first, one section per kind."""
    return _queue()


@bp.post("/organizations/<int:org_id>/decision")
def decide(org_id: int):
    """Verify or reject an organization, with a note its owners see."""
    org = require(current_user, "review", _get(Organization, org_id))
    form = decision_form(org)
    if not form.validate_on_submit():
        return _queue(form, org.id, 400)
    note = (form.note.data or "").strip()
    if form.decision.data == "verify":
        orgs.verify_organization(org, current_user, note)
        flash(_("%(org)s is verified.", org=org.name), "success")
    else:
        orgs.reject_organization(org, current_user, note)
        flash(_("%(org)s is rejected; its owners see your note.", org=org.name), "info")
    db.session.commit()
    return redirect(_back(url_for("moderation.queue")))


@bp.post("/organizations/<int:org_id>/trust")
def trust(org_id: int):
    """Mark an organization trusted (publishes without review) or not."""
    org = require(current_user, "review", _get(Organization, org_id))
    form = TrustForm()
    if form.validate_on_submit():
        orgs.set_trusted(org, current_user, form.trusted.data == "1")
        db.session.commit()
        flash(_("Saved: %(org)s is %(state)s.", org=org.name,
                state=_("trusted") if org.trusted else _("not trusted")), "success")
    return redirect(_back(url_for("orgs.detail", slug=org.slug)))


def _back(default: str) -> str:
    from hub.auth.views import safe_next

    return safe_next(request.form.get("next")) or default


@bp.get("/users")
def users():
    """Accounts, searchable by e-mail or name, to deactivate or reactivate."""
    q = request.args.get("q", "").strip()[:100]
    stmt = sa.select(User).order_by(User.created_at.desc(), User.id.desc())
    if q:
        pattern = f"%{q}%"
        stmt = stmt.where(sa.or_(User.email.ilike(pattern), User.display_name.ilike(pattern)))
    return render_template("moderation/users.html", page=paginate(stmt), q=q, form=AccountStatusForm(),
                           can=can)


@bp.post("/users/<int:user_id>/status")
def user_status(user_id: int):
    """Deactivate or reactivate an account; deactivating signs it out everywhere."""
    user = require(current_user, "deactivate", _get(User, user_id))
    form = AccountStatusForm()
    if form.validate_on_submit():
        activate = request.form.get("active") == "1"
        accounts.set_active(current_user, user, activate, note=(form.note.data or "").strip())
        db.session.commit()
        if activate:
            flash(_("%(email)s is active again.", email=user.email), "success")
        else:
            flash(_("%(email)s is deactivated and signed out.", email=user.email), "success")
    return redirect(url_for("moderation.users", q=request.args.get("q", "")))


@bp.get("/audit")
def audit():
    """Who did what, newest first: every moderation decision and membership change."""
    stmt = sa.select(AuditEvent).order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
    verb = request.args.get("verb", "").strip()[:40]
    if verb:
        stmt = stmt.where(AuditEvent.verb == verb)
    page = paginate(stmt)
    actor_ids = {e.actor_id for e in page.items if e.actor_id}
    actors = {u.id: u for u in db.session.scalars(sa.select(User).where(User.id.in_(actor_ids)))} if actor_ids else {}
    org_ids = {e.entity_id for e in page.items if e.entity_type == "organization" and e.entity_id}
    org_rows = db.session.scalars(sa.select(Organization).where(Organization.id.in_(org_ids))) if org_ids else []
    return render_template("moderation/audit.html", page=page, actors=actors, orgs={o.id: o for o in org_rows},
                           verb=verb)
