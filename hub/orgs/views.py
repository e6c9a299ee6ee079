"""The organization directory and pages, profile editing, members and invitations."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user
from flask_wtf import FlaskForm
from sqlalchemy.orm import selectinload
from werkzeug.exceptions import NotFound
from wtforms import SelectField, StringField

from hub.auth import services as accounts
from hub.auth.forms import InvitationSignupForm
from hub.auth.permissions import can, is_moderator, require
from hub.caching import cached_page
from hub.content import plain_text, render_markdown
from hub.extensions import db
from hub.images import ImageError, delete_image, save_image
from hub.moderation.forms import DecisionForm, TrustForm
from hub.orgs import services
from hub.orgs.forms import ActionForm, InviteForm, MemberForm, OrganizationProfileForm, country_choices, options
from hub.orgs.models import Organization
from hub.pagination import paginate
from hub.review.visibility import public
from hub.taxonomy.vocabulary import ORGANIZATION_TYPES, THEMES

bp = Blueprint("orgs", __name__)


def get_org(slug: str, action: str = "view") -> Organization:
    """The organization with this slug, if the current user may do `action` to it (else 404/403)."""
    org = db.session.scalar(sa.select(Organization).where(Organization.slug == slug))
    if org is None:
        raise NotFound()
    return require(current_user, action, org)


class DirectoryFilters(FlaskForm):
    class Meta:
        csrf = False

    q = StringField(_l("Name contains"), default="")
    org_type = SelectField(_l("Type"), choices=options([("", _l("All types")), *ORGANIZATION_TYPES]), default="")
    country = SelectField(_l("Country"), default="")
    theme = SelectField(_l("Theme"), choices=options([("", _l("All themes")), *THEMES]), default="")
    verified = SelectField(_l("Verification"), choices=options([("", _l("All")), ("yes", _l("Verified")),
                                                               ("no", _l("Not yet verified"))]), default="")


    def value(self, name: str) -> str:
        """The field's value if it is valid, else "" (a bad filter is ignored, never an error)."""
        field = self[name]
        return "" if field.errors else (field.data or "").strip()


def _visible_organizations():
    """SQL condition: organizations the current user may see."""
    if is_moderator(current_user):
        return sa.true()
    visible = Organization.verification == "verified"
    if current_user.is_authenticated:
        mine = [m.organization_id for m in current_user.memberships]
        if mine:
            visible = sa.or_(visible, Organization.id.in_(mine))
    return visible


@bp.get("/organizations")
@cached_page()
def directory():
    """Every organization the visitor may see, filtered by type, country, theme and verification."""
    filters = DirectoryFilters(request.args)
    filters.country.choices = options([("", _("All countries")), *country_choices()])
    filters.validate()
    args = {name: filters.value(name) for name in ("q", "org_type", "country", "theme")}
    stmt = services.filter_directory(sa.select(Organization).where(_visible_organizations()), args)
    if filters.value("verified") == "yes":
        stmt = stmt.where(Organization.verification == "verified")
    elif filters.value("verified") == "no":
        stmt = stmt.where(Organization.verification != "verified")
    stmt = stmt.order_by(Organization.name, Organization.id).options(
        selectinload(Organization.hq_country),
        selectinload(Organization.heritage_countries),
        selectinload(Organization.themes),
    )
    return render_template("orgs/directory.html", page=paginate(stmt), filters=filters)


def _published_content(org: Organization) -> dict:
    """The organization's published actions, partnerships, stories and data sources (one query each)."""
    from hub.models import Action, DataSource, Partnership, PartnershipPartner, Story

    confirmed = sa.select(PartnershipPartner.partnership_id).where(
        PartnershipPartner.organization_id == org.id, PartnershipPartner.confirmation == "confirmed"
    )
    lists = {
        "actions": public(Action).where(Action.organization_id == org.id).order_by(Action.published_at.desc()),
        "partnerships": public(Partnership).where(sa.or_(
            Partnership.lead_organization_id == org.id, Partnership.id.in_(confirmed)
        )).order_by(Partnership.published_at.desc()),
        "stories": public(Story).where(Story.organization_id == org.id).order_by(Story.published_at.desc()),
        "sources": public(DataSource).where(DataSource.organization_id == org.id).order_by(DataSource.title),
    }
    return {kind: list(db.session.scalars(stmt.limit(20))) for kind, stmt in lists.items()}


@bp.get("/organizations/<slug>")
@cached_page()
def detail(slug: str):
    """An organization's public page (unverified ones: only for their members and moderators)."""
    org = get_org(slug)
    reviewer = can(current_user, "review", org)
    return render_template(
        "orgs/detail.html", org=org, description=render_markdown(org.description),
        summary=plain_text(org.description, 160),
        content=_published_content(org), can_edit=can(current_user, "edit", org),
        can_members=can(current_user, "members", org),
        # Forms only for those who see them: a form makes a CSRF token, which opens a session.
        review_form=DecisionForm(prefix=f"org{org.id}") if reviewer else None,
        trust_form=TrustForm(data={"trusted": "1" if org.trusted else "0"}) if reviewer else None,
    )


def _form_data(form: OrganizationProfileForm) -> dict:
    return {
        "name": form.name.data, "acronym": form.acronym.data, "org_type": form.org_type.data,
        "hq_country_iso3": form.hq_country.data, "heritage_countries": form.heritage_countries.data,
        "operation_countries": form.operation_countries.data, "themes": form.themes.data,
        "website": form.website.data, "description": form.description.data,
        "contact_email": form.contact_email.data, "founded_year": form.founded_year.data,
        "language": form.language.data,
    }


@bp.route("/organizations/<slug>/edit", methods=["GET", "POST"])
def edit(slug: str):
    """Edit the profile and the logo (owners and editors)."""
    org = get_org(slug, "edit")
    form = OrganizationProfileForm(obj=org)
    if request.method == "GET":
        form.hq_country.data = org.hq_country_iso3
        form.heritage_countries.data = [c.iso3 for c in org.heritage_countries]
        form.operation_countries.data = [c.iso3 for c in org.operation_countries]
        form.themes.data = [t.slug for t in org.themes]
        form.version.data = str(org.version)
    if form.validate_on_submit():
        if form.version.data and form.version.data != str(org.version):
            flash(_("Someone else saved this profile while you were editing it. Check it and save again."),
                  "warning")
            form.version.data = str(org.version)
            return render_template("orgs/edit.html", form=form, org=org), 409
        old_logo = None
        try:
            new_logo = save_image(form.logo.data) if getattr(form.logo.data, "filename", "") else None
        except ImageError as exc:
            form.logo.errors.append(str(exc))
            return render_template("orgs/edit.html", form=form, org=org)
        services.update_profile(org, current_user, _form_data(form))
        if new_logo:
            old_logo = services.set_logo(org, new_logo)
        elif form.remove_logo.data and org.logo:
            old_logo = services.set_logo(org, "")
        delete_image(old_logo)
        db.session.commit()
        flash(_("The profile has been saved."), "success")
        return redirect(url_for("orgs.detail", slug=org.slug))
    return render_template("orgs/edit.html", form=form, org=org)


@bp.post("/organizations/<slug>/confirm")
def confirm(slug: str):
    """One click: the profile was checked and is still current."""
    org = get_org(slug, "edit")
    if ActionForm().validate_on_submit():
        services.confirm_details(org, current_user)
        db.session.commit()
        flash(_("Thank you: the profile is marked as current."), "success")
    return redirect(url_for("orgs.detail", slug=org.slug))


def _members_page(org, invite_form=None, status=200):
    member_list = services.members(org)
    return render_template(
        "orgs/members.html", org=org, members=member_list, invitations=services.pending_invitations(org),
        invite_form=invite_form or InviteForm(), action_form=ActionForm(),
        can_manage=can(current_user, "manage_members", org), can_transfer=can(current_user, "transfer", org),
    ), status


@bp.get("/organizations/<slug>/members")
def members(slug: str):
    """The organization's members and open invitations (owners manage them; editors see them)."""
    return _members_page(get_org(slug, "members"))


@bp.post("/organizations/<slug>/members/invite")
def invite(slug: str):
    """Invite someone by e-mail as an owner or editor."""
    org = get_org(slug, "manage_members")
    form = InviteForm()
    if form.validate_on_submit():
        try:
            services.invite_member(org, current_user, form.email.data, form.role.data)
        except services.OrganizationError as exc:
            form.email.errors.append(str(exc))
        else:
            db.session.commit()
            flash(_("Invitation sent to %(email)s.", email=form.email.data), "success")
            return redirect(url_for("orgs.members", slug=org.slug))
    return _members_page(org, form, 400)


@bp.post("/organizations/<slug>/members/remove")
def remove_member(slug: str):
    """Remove a member from the organization."""
    org = get_org(slug, "manage_members")
    form = MemberForm()
    if form.validate_on_submit() and form.user_id.data.isdigit():
        try:
            services.remove_member(org, current_user, int(form.user_id.data))
        except services.OrganizationError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("The member has been removed."), "success")
    else:
        flash(_("Choose a member."), "error")
    if not can(current_user, "members", org):
        return redirect(url_for("auth.dashboard"))
    return redirect(url_for("orgs.members", slug=org.slug))


@bp.post("/organizations/<slug>/members/transfer")
def transfer(slug: str):
    """Make another member the owner (the current owner becomes an editor)."""
    org = get_org(slug, "transfer")
    form = MemberForm()
    if form.validate_on_submit() and form.user_id.data.isdigit():
        try:
            services.transfer_ownership(org, current_user, int(form.user_id.data))
        except services.OrganizationError as exc:
            flash(str(exc), "error")
        else:
            db.session.commit()
            flash(_("Ownership has been transferred."), "success")
    else:
        flash(_("Choose a member."), "error")
    return redirect(url_for("orgs.members", slug=org.slug))


@bp.post("/organizations/<slug>/invitations/<int:invitation_id>/cancel")
def cancel_invitation(slug: str, invitation_id: int):
    """Withdraw an invitation that has not been accepted."""
    from hub.auth.models import Invitation

    org = get_org(slug, "manage_members")
    invitation = db.session.get(Invitation, invitation_id)
    if invitation is None or invitation.organization_id != org.id:
        raise NotFound()
    if ActionForm().validate_on_submit():
        services.cancel_invitation(invitation, current_user)
        db.session.commit()
        flash(_("The invitation has been withdrawn."), "success")
    return redirect(url_for("orgs.members", slug=org.slug))


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def invitation(token: str):
    """Accept an invitation: signed in as the invited address, or by creating an account."""
    invite = services.find_invitation(token)
    if invite is None:
        return render_template("auth/token_error.html", reason="invalid", kind="invitation"), 400
    accept_form = ActionForm(prefix="accept")
    signup_form = InvitationSignupForm(prefix="signup", email=invite.email)
    if current_user.is_authenticated:
        if accept_form.validate_on_submit():
            try:
                services.accept_invitation(invite, current_user)
            except services.OrganizationError as exc:
                flash(str(exc), "error")
            else:
                current_user.current_organization_id = invite.organization_id
                db.session.commit()
                flash(_("Welcome to %(org)s.", org=invite.organization.name), "success")
                return redirect(url_for("auth.dashboard"))
    elif signup_form.validate_on_submit():
        try:
            user = accounts.create_user(invite.email, signup_form.password.data, signup_form.display_name.data)
        except accounts.AccountError:
            flash(_("An account already uses this e-mail address: please sign in to accept."), "warning")
            return redirect(url_for("auth.login", next=url_for("orgs.invitation", token=token)))
        services.accept_invitation(invite, user)
        db.session.commit()
        login_user(user)
        flash(_("Welcome to %(org)s.", org=invite.organization.name), "success")
        return redirect(url_for("auth.dashboard"))
    return render_template("orgs/invitation.html", invite=invite, token=token, accept_form=accept_form,
                           signup_form=signup_form)
