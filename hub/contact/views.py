"""Write to an organization, see what you sent and what your organization received, report a message."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from werkzeug.exceptions import NotFound

from hub.auth.permissions import can, require
from hub.contact import services
from hub.contact.forms import ContactForm, ContactSettingsForm, ReportMessageForm
from hub.contact.models import ContactMessage
from hub.extensions import db, limiter
from hub.moderation.queue import QueueSection, register_section
from hub.orgs.models import Organization

bp = Blueprint("contact", __name__)

register_section(QueueSection("messages", _l("Reported messages"), services.reported_messages, "contact/_queue.html"))


@bp.app_context_processor
def _contact_helpers():
    return {"accepts_messages": lambda org: services.settings_for(org).accepts_messages}


def get_org(slug: str, action: str = "view") -> Organization:
    org = db.session.scalar(sa.select(Organization).where(Organization.slug == slug))
    if org is None:
        raise NotFound()
    return require(current_user, action, org)


@bp.route("/organizations/<slug>/contact", methods=["GET", "POST"])
@login_required
@limiter.limit("10 per hour", methods=["POST"])
def write(slug: str):
    """Write to an organization through the hub (its address stays hidden)."""
    org = get_org(slug)
    if org.verification != "verified":
        raise NotFound()
    if not services.may_write(current_user):
        return render_template("contact/write.html", org=org, form=None, reason="unverified"), 403
    if not services.settings_for(org).accepts_messages:
        return render_template("contact/write.html", org=org, form=None, reason="off"), 403
    form = ContactForm()
    if form.validate_on_submit():
        try:
            services.send_message(current_user, org, form.subject.data, form.body.data, form.share_email.data)
        except services.ContactError as exc:
            db.session.rollback()
            form.body.errors.append(str(exc))
            return render_template("contact/write.html", org=org, form=form, reason=None), 429
        db.session.commit()
        flash(_("Your message is on its way to %(org)s.", org=org.name), "success")
        return redirect(url_for("contact.sent"))
    return render_template("contact/write.html", org=org, form=form, reason=None), 400 if form.errors else 200


@bp.get("/messages/sent")
@login_required
def sent():
    """The messages you sent to organizations."""
    return render_template("contact/sent.html", messages=services.sent_by(current_user))


@bp.route("/organizations/<slug>/messages", methods=["GET", "POST"])
@login_required
def received(slug: str):
    """Messages your organization received (its owners and editors), and whether it receives them."""
    org = get_org(slug, "members")
    settings = services.settings_for(org)
    form = ContactSettingsForm(data={"accepts_messages": settings.accepts_messages,
                                     "accepts_offers": settings.accepts_offers})
    if form.is_submitted():
        require(current_user, "edit", org)
        form = ContactSettingsForm()
        if form.validate_on_submit():
            services.save_settings(org, form.accepts_messages.data, form.accepts_offers.data)
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("contact.received", slug=org.slug))
    return render_template("contact/received.html", org=org, messages=services.received_by(org), form=form,
                           report_form=ReportMessageForm(), can_edit=can(current_user, "edit", org))


def _message_for_members(message_id: int) -> ContactMessage:
    message = db.session.get(ContactMessage, message_id)
    if message is None or not can(current_user, "members", message.organization):
        raise NotFound()
    return message


@bp.post("/messages/<int:message_id>/report")
@login_required
def report(message_id: int):
    """Report a message your organization received to the moderators."""
    message = _message_for_members(message_id)
    form = ReportMessageForm()
    if not form.validate_on_submit():
        abort(400)
    services.report_message(message, current_user, form.reason.data or "")
    db.session.commit()
    flash(_("Thank you: the moderators will look at this message."), "success")
    return redirect(url_for("contact.received", slug=message.organization.slug))


@bp.post("/moderation/messages/<int:message_id>/close")
@login_required
def close(message_id: int):
    """Mark a reported message as dealt with (moderators)."""
    require(current_user, "moderate")
    message = db.session.get(ContactMessage, message_id)
    if message is None or message.report_status != "open":
        raise NotFound()
    services.close_report(message, current_user)
    db.session.commit()
    flash(_("The report is closed."), "success")
    return redirect(url_for("moderation.queue"))
