"""Admins see outgoing mail that failed or is late, and send it again."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from hub.auth.permissions import can
from hub.extensions import db
from hub.mailqueue import services
from hub.mailqueue.models import OutgoingMail
from hub.orgs.forms import ActionForm
from hub.pagination import paginate

bp = Blueprint("mailqueue", __name__, url_prefix="/moderation/mail")


@bp.before_request
def admins_only():
    """Messages name their recipients: admins only, 403 for everyone else."""
    if not can(current_user, "admin"):
        abort(403)


@bp.get("")
def index():
    """Failed mail, and mail waiting longer than a few minutes (is a worker running?)."""
    return render_template("mailqueue/index.html", page=paginate(services.problem_mail_statement()),
                           counts=services.counts(), stuck_minutes=services.STUCK_MINUTES, form=ActionForm())


@bp.post("/<int:mail_id>/retry")
def retry(mail_id: int):
    """Send a failed message again, with a fresh round of tries."""
    mail = db.get_or_404(OutgoingMail, mail_id)
    if ActionForm().validate_on_submit() and mail.status == "failed":
        services.retry(mail)
        db.session.commit()
        flash(_("The message to %(to)s is queued again.", to=mail.to_addr), "success")
    return redirect(url_for("mailqueue.index"))
