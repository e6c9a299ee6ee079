"""Register, verify, sign in and out, reset a password, the dashboard and the account page."""

from __future__ import annotations

from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from hub.auth import services, tokens
from hub.auth.forms import (
    AccountForm,
    ChangePasswordForm,
    LoginForm,
    RegistrationForm,
    ResetPasswordForm,
    ResetRequestForm,
    SwitchOrganizationForm,
)
from hub.extensions import db, limiter
from hub.orgs.forms import options

bp = Blueprint("auth", __name__)

# Per IP address, and per e-mail address typed in the form (failed sign-ins only).
LOGIN_LIMIT_IP = "20 per minute; 200 per day"
LOGIN_LIMIT_ACCOUNT = "10 per 15 minutes"
REGISTER_LIMIT_IP = "10 per hour"
REGISTER_LIMIT_ACCOUNT = "3 per hour"
RESET_LIMIT_IP = "10 per hour"
RESET_LIMIT_ACCOUNT = "3 per hour"


def account_key() -> str:
    """Rate-limit key: the e-mail address in the submitted form."""
    return "account:" + services.normalize_email(request.form.get("email", ""))[:254]


def safe_next(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None (no open redirects)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or any(ord(c) < 32 for c in target):
        return None
    return target


def _failed(response) -> bool:
    return response.status_code != 302


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(REGISTER_LIMIT_IP, methods=["POST"])
@limiter.limit(REGISTER_LIMIT_ACCOUNT, methods=["POST"], key_func=account_key)
def register():
    """Register an organization and its first account (the owner)."""
    if current_user.is_authenticated:
        return redirect(url_for("auth.dashboard"))
    form = RegistrationForm()
    if form.validate_on_submit():
        org_data = {
            "name": form.name.data, "acronym": form.acronym.data, "org_type": form.org_type.data,
            "hq_country_iso3": form.hq_country.data, "heritage_countries": form.heritage_countries.data,
            "operation_countries": form.operation_countries.data, "themes": form.themes.data,
            "website": form.website.data, "description": form.description.data,
        }
        services.register_organization(org_data, form.email.data, form.password.data, form.display_name.data)
        db.session.commit()
        return redirect(url_for("auth.check_inbox"))
    return render_template("auth/register.html", form=form)


@bp.get("/register/check-your-inbox")
def check_inbox():
    """What happens next after registering (the same page whether or not the e-mail was new)."""
    return render_template("auth/check_inbox.html")


@bp.get("/verify/<token>")
def verify(token: str):
    """Follow the link from the verification e-mail."""
    try:
        user = services.verify_email(token)
    except tokens.TokenError as exc:
        return render_template("auth/token_error.html", reason=exc.reason, kind="verify"), 400
    db.session.commit()
    flash(_("Thank you: your e-mail address is confirmed."), "success")
    if current_user.is_authenticated and current_user.id == user.id:
        return redirect(url_for("auth.dashboard"))
    return redirect(url_for("auth.login"))


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(LOGIN_LIMIT_IP, methods=["POST"])
@limiter.limit(LOGIN_LIMIT_ACCOUNT, methods=["POST"], key_func=account_key, deduct_when=_failed)
def login():
    """Sign in with e-mail and password."""
    form = LoginForm()
    if request.method == "GET":
        form.next.data = safe_next(request.args.get("next")) or ""
    if current_user.is_authenticated and request.method == "GET":
        return redirect(safe_next(form.next.data) or url_for("auth.dashboard"))
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            form.password.errors.append(_("The e-mail address or the password is not right."))
        elif user.email_verified_at is None:
            services.send_verification(user)
            db.session.commit()
            flash(_("Please confirm your e-mail address first: we have sent you a new link."), "warning")
        else:
            login_user(user, remember=form.remember.data)
            services.record_login(user)
            db.session.commit()
            flash(_("Welcome, %(name)s.", name=user.display_name), "success")
            return redirect(safe_next(form.next.data) or url_for("auth.dashboard"))
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout():
    """Sign out (POST, so a link or image elsewhere cannot sign anyone out)."""
    logout_user()
    flash(_("You are signed out."), "info")
    return redirect(url_for("core.home"))


@bp.route("/reset-password", methods=["GET", "POST"])
@limiter.limit(RESET_LIMIT_IP, methods=["POST"])
@limiter.limit(RESET_LIMIT_ACCOUNT, methods=["POST"], key_func=account_key)
def reset_request():
    """Ask for a password-reset link."""
    form = ResetRequestForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        db.session.commit()
        flash(_("If an account uses this address, we have sent it a link to choose a new password."), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_request.html", form=form)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
@limiter.limit(RESET_LIMIT_IP, methods=["POST"])
def reset_password(token: str):
    """Choose a new password from the link in the e-mail."""
    try:
        user = tokens.read_token(token, tokens.RESET_PASSWORD)
    except tokens.TokenError as exc:
        return render_template("auth/token_error.html", reason=exc.reason, kind="reset"), 400
    form = ResetPasswordForm(user=user)
    if form.validate_on_submit():
        services.reset_password(token, form.password.data)
        db.session.commit()
        flash(_("Your password has been changed. Please sign in with it."), "success")
        return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form)


@bp.get("/dashboard")
@login_required
def dashboard():
    """The signed-in member's organizations and what needs their attention."""
    memberships = services.memberships_of(current_user)
    current = services.current_membership(current_user)
    switch = SwitchOrganizationForm()
    switch.organization_id.choices = options([(m.organization_id, m.organization.name) for m in memberships])
    if current is not None:
        switch.organization_id.data = current.organization_id
    return render_template("auth/dashboard.html", memberships=memberships, current=current, switch=switch,
                           submissions=_submissions(current.organization) if current else {})


def _submissions(org) -> dict:
    """The organization's submissions of every kind with their review state, newest first."""
    from hub.models import Action, DataSource, Event, Opportunity, Partnership, Story

    kinds = {"actions": (Action, Action.organization_id),
             "partnerships": (Partnership, Partnership.lead_organization_id),
             "events": (Event, Event.organization_id), "opportunities": (Opportunity, Opportunity.organization_id),
             "stories": (Story, Story.organization_id), "sources": (DataSource, DataSource.organization_id)}
    return {
        kind: list(db.session.scalars(sa.select(model).where(column == org.id).order_by(model.updated_at.desc())
                                      .limit(20)))
        for kind, (model, column) in kinds.items()
    }


@bp.post("/organizations/switch")
@login_required
def switch_organization():
    """Work as another of the user's organizations."""
    form = SwitchOrganizationForm()
    form.organization_id.choices = options([(m.organization_id, "") for m in current_user.memberships])
    if not form.validate_on_submit():
        abort(400)
    services.switch_organization(current_user, form.organization_id.data)
    db.session.commit()
    return redirect(url_for("auth.dashboard"))


def _submitted(form) -> bool:
    """Was this form (one of several on the page, told apart by prefix) the one posted?"""
    return request.method == "POST" and any(key.startswith(form._prefix) for key in request.form)


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    """Change one's name, interface language and password."""
    profile = AccountForm(obj=current_user, prefix="profile")
    password = ChangePasswordForm(user=current_user, prefix="password")
    if _submitted(profile) and profile.validate_on_submit():
        services.update_account(current_user, profile.display_name.data, profile.locale.data)
        db.session.commit()
        flash(_("Your account has been updated."), "success")
        return redirect(url_for("auth.account"))
    if _submitted(password) and password.validate_on_submit():
        try:
            services.change_password(current_user, password.current_password.data, password.password.data)
        except services.AccountError as exc:
            password.current_password.errors.append(str(exc))
        else:
            # The new stamp signed out every session, this one included: sign it back in.
            login_user(current_user._get_current_object(), remember=False)
            db.session.commit()
            flash(_("Your password has been changed. Other devices have been signed out."), "success")
            return redirect(url_for("auth.account"))
    return render_template("auth/account.html", profile=profile, password=password)
