"""Organization owners manage their write-API tokens: create (shown once), list, revoke."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from werkzeug.exceptions import NotFound
from wtforms import StringField
from wtforms.validators import DataRequired, Length

from hub.api import tokens
from hub.auth.permissions import require
from hub.extensions import db, login_manager
from hub.orgs.models import Organization

bp = Blueprint("tokens", __name__, url_prefix="/organizations")


class TokenForm(FlaskForm):
    name = StringField(_l("Name of the token"), validators=[DataRequired(), Length(max=80)],
                       description=_l("Say what will use it, for example “our website's submission form”."))


class RevokeForm(FlaskForm):
    pass


def get_owned_org(slug: str) -> Organization:
    """The organization, if the current user owns it (tokens act for the whole organization)."""
    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())
    org = db.session.scalar(sa.select(Organization).where(Organization.slug == slug))
    if org is None:
        raise NotFound()
    require(current_user, "view", org)
    return require(current_user, "manage_members", org)


def _page(org: Organization, form: TokenForm, secret: str | None = None, status: int = 200):
    return render_template("api/tokens.html", org=org, form=form, revoke_form=RevokeForm(),
                           tokens=tokens.tokens_of(org), secret=secret), status


@bp.get("/<slug>/tokens")
def index(slug: str):
    """The organization's API tokens: name, prefix, created, last used, revoked."""
    return _page(get_owned_org(slug), TokenForm())


@bp.post("/<slug>/tokens")
def create(slug: str):
    """Create a token and show its secret, this once."""
    org = get_owned_org(slug)
    form = TokenForm()
    if not form.validate_on_submit():
        return _page(org, form, status=400)
    _token, secret = tokens.create_token(org, current_user, form.name.data)
    db.session.commit()
    # Shown in this response only: the secret is not stored, so it cannot go through a redirect.
    return _page(org, TokenForm(formdata=None), secret=secret, status=201)


@bp.post("/<slug>/tokens/<int:token_id>/revoke")
def revoke(slug: str, token_id: int):
    """Revoke a token; clients using it get 401 from then on."""
    org = get_owned_org(slug)
    token = tokens.get_token(org, token_id)
    if token is None or not RevokeForm().validate_on_submit():
        raise NotFound()
    tokens.revoke_token(token, current_user)
    db.session.commit()
    flash(_("The token “%(name)s” is revoked.", name=token.name), "success")
    return redirect(url_for("api.tokens.index", slug=org.slug))
