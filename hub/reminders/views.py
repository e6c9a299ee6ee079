"""The signed link in the yearly reminder: an owner confirms the profile, signed in or not."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from hub.auth.tokens import TokenError
from hub.extensions import db
from hub.orgs import services as orgs
from hub.orgs.forms import ActionForm
from hub.reminders import services

bp = Blueprint("reminders", __name__)


@bp.route("/confirm-profile/<token>", methods=["GET", "POST"])
def confirm_profile(token: str):
    """GET shows the profile and a button (mail scanners that open links change nothing); POST confirms."""
    try:
        org, owner = services.read_confirm_token(token)
    except TokenError as exc:
        return render_template("auth/token_error.html", reason=exc.reason, kind="confirm-profile"), 400
    form = ActionForm()
    if form.validate_on_submit():
        orgs.confirm_details(org, owner)
        db.session.commit()
        flash(_("Thank you: the profile of %(org)s is confirmed.", org=org.name), "success")
        return redirect(url_for("orgs.detail", slug=org.slug))
    return render_template("reminders/confirm_profile.html", org=org, owner=owner, form=form)
