"""Looking for partners: the list of calls, setting a call, offering to partner, answering offers."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.exceptions import NotFound

from hub.auth.permissions import can, require
from hub.extensions import db, limiter
from hub.offers import services
from hub.offers.forms import AnswerForm, CallFilters, CallForm, OfferForm
from hub.offers.models import ROLE_CHOICES, PartnerCall, PartnerOffer
from hub.pagination import paginate

bp = Blueprint("offers", __name__)


@bp.app_context_processor
def _offer_helpers():
    return {"partner_call": services.call_for, "call_roles": dict(ROLE_CHOICES)}


def _record(kind: str, slug: str, permission: str = "view"):
    model = services.MODELS.get(kind)
    record = db.session.scalar(sa.select(model).where(model.slug == slug)) if model else None
    if record is None:
        raise NotFound()
    return require(current_user, permission, record)


@bp.get("/looking-for-partners")
def index():
    """Actions and partnerships looking for partners, by kind and by the role wanted."""
    filters = CallFilters(request.args)
    filters.validate()
    page = paginate(services.open_calls(filters.value("kind"), filters.value("role")))
    return render_template("offers/index.html", page=page, filters=filters, records=services.records_for(page.items))


@bp.route("/looking-for-partners/<kind>/<slug>", methods=["GET", "POST"])
@login_required
def edit_call(kind: str, slug: str):
    """Say that an action or partnership is looking for partners (its editors)."""
    record = _record(kind, slug, "edit")
    call = services.call_for(record)
    form = CallForm(data={"is_open": call.is_open, "roles": call.role_list, "note": call.note} if call else None)
    if request.method == "POST":
        form = CallForm()
        if form.validate_on_submit():
            try:
                services.save_call(record, form.roles.data or [], form.note.data or "", form.is_open.data)
            except services.OfferError as exc:
                db.session.rollback()
                form.roles.errors.append(str(exc))
            else:
                db.session.commit()
                flash(_("Saved."), "success")
                return redirect(url_for(services.ENDPOINTS[kind], slug=record.slug))
    return render_template("offers/call_form.html", form=form, record=record, kind=kind), 400 if form.errors else 200


@bp.route("/looking-for-partners/<int:call_id>/offer", methods=["GET", "POST"])
@login_required
@limiter.limit("20 per hour", methods=["POST"])
def offer(call_id: int):
    """Offer to partner on behalf of your verified organization."""
    call = db.session.get(PartnerCall, call_id)
    record = services.record_of(call) if call else None
    if record is None or not can(current_user, "view", record) or not call.is_open:
        raise NotFound()
    orgs = services.offering_organizations(current_user)
    form = OfferForm()
    form.organization_id.choices = [(o.id, o.name) for o in orgs]
    form.role.choices = [c for c in form.role.choices if c.value in call.role_list]
    if not orgs:
        return render_template("offers/offer_form.html", form=None, call=call, record=record), 403
    if form.validate_on_submit():
        org = next(o for o in orgs if o.id == form.organization_id.data)
        try:
            services.make_offer(call, org, current_user, form.role.data, form.message.data)
        except services.OfferError as exc:
            db.session.rollback()
            form.message.errors.append(str(exc))
            return render_template("offers/offer_form.html", form=form, call=call, record=record), 400
        db.session.commit()
        flash(_("Your offer is sent to %(org)s.", org=call.organization.name), "success")
        return redirect(url_for("offers.inbox"))
    return render_template("offers/offer_form.html", form=form, call=call, record=record), 400 if form.errors else 200


@bp.get("/partner-offers")
@login_required
def inbox():
    """Offers to your organizations' calls, and the offers your organizations made."""
    return render_template("offers/inbox.html", incoming=services.incoming(current_user),
                           outgoing=services.outgoing(current_user), answer_form=AnswerForm())


@bp.post("/partner-offers/<int:offer_id>/answer")
@login_required
def answer(offer_id: int):
    """Accept or decline an offer (the lead organization's owners and editors)."""
    offer = db.session.get(PartnerOffer, offer_id)
    if offer is None or not services.may_answer(current_user, offer):
        raise NotFound()
    form = AnswerForm()
    if not form.validate_on_submit() or form.answer.data not in ("accept", "decline"):
        abort(400)
    try:
        services.answer_offer(offer, current_user, form.answer.data == "accept", form.note.data or "")
    except services.OfferError as exc:
        db.session.rollback()
        flash(str(exc), "info")
        return redirect(url_for("offers.inbox"))
    db.session.commit()
    flash(_("Accepted: %(org)s is now a confirmed partner.", org=offer.organization.name) if offer.status == "accepted"
          else _("Declined; %(org)s is told.", org=offer.organization.name), "success")
    return redirect(url_for("offers.inbox"))
