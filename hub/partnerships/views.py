"""Partnerships: browse, read, propose and edit, partner answers, progress reports, review steps."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from werkzeug.exceptions import Forbidden, NotFound
from wtforms import TextAreaField
from wtforms.validators import Length, Optional

from hub.auth.permissions import can, is_moderator, org_role
from hub.auth.services import editable_organization
from hub.caching import cached_page
from hub.content import plain_text, render_markdown
from hub.extensions import db, login_manager
from hub.moderation.queue import QueueSection, register_section, submitted
from hub.orgs.models import Organization
from hub.pagination import paginate
from hub.partnerships import services
from hub.partnerships.forms import PARTNER_ROWS, PartnershipFilters, PartnershipForm, ReportForm
from hub.partnerships.models import Partnership
from hub.review import workflow
from hub.review.steps import back_to, record_answer, take_step
from hub.review.visibility import public

bp = Blueprint("partnerships", __name__, url_prefix="/partnerships")


class StepForm(FlaskForm):
    """A review step (submit, approve, ...) with an optional note."""

    note = TextAreaField(_l("Note to the organization"), validators=[Optional(), Length(max=2000)])


register_section(QueueSection(
    "partnerships", _l("Partnerships submitted for review"), lambda: submitted(Partnership),
    "partnerships/_review_queue.html",
))


@bp.app_context_processor
def _dashboard_helpers():
    return {"partnership_invitations": services.pending_invitations, "freshness": services.freshness}


def get_partnership(slug: str, action: str = "view") -> Partnership:
    """The partnership with this slug if the current user may do `action` to it (else 404/403)."""
    partnership = db.session.scalar(sa.select(Partnership).where(Partnership.slug == slug))
    if partnership is None or not services.may_view(current_user, partnership):
        raise NotFound()
    if action == "view" or can(current_user, action, partnership):
        return partnership
    if not current_user.is_authenticated:
        abort(login_manager.unauthorized())
    raise Forbidden()


def _current_org() -> Organization | None:
    """The organization the signed-in user works as, if they may edit for it."""
    return editable_organization(current_user)


@bp.get("")
@cached_page()
def index():
    """Published partnerships, filtered by theme, country, partner type, role, status and freshness."""
    filters = PartnershipFilters(request.args)
    filters.validate()
    names = ("theme", "country", "partner_type", "role", "status", "freshness", "partners", "sort")
    args = {name: filters.value(name) for name in names}
    args["q"] = filters.value("q")[:100]
    stmt = services.list_statement(args)
    return render_template("partnerships/index.html", page=paginate(stmt), filters=filters, today=date.today())


def _insider(partnership: Partnership) -> bool:
    """Members of the lead or a named partner, and moderators, see unconfirmed partners and drafts."""
    if is_moderator(current_user):
        return True
    org_ids = {partnership.lead_organization_id, *services.partner_org_ids(partnership)}
    return any(org_role(current_user, org_id) for org_id in org_ids)


def _detail_context(partnership: Partnership) -> dict:
    from hub.stories.models import Story

    insider = _insider(partnership)
    partners = ([p for p in partnership.partners if p.organization_id != partnership.lead_organization_id]
                if insider else partnership.public_partners)
    actions = [a for a in partnership.actions if can(current_user, "view", a)]
    stories = list(db.session.scalars(
        public(Story).where(Story.partnership_id == partnership.id).order_by(Story.published_at.desc())
    ))
    my_answers = [p for p in partnership.partners if p.confirmation == "pending" and services.may_respond(
        current_user, p) and org_role(current_user, p.organization_id)]
    steps = workflow.available(partnership, current_user)
    return {
        "partnership": partnership, "description": render_markdown(partnership.description),
        "meta_description": plain_text(partnership.summary or partnership.description, 160),
        "partners": partners, "insider": insider, "actions": actions, "stories": stories,
        "freshness_light": services.freshness(partnership.last_report_on),
        "can_edit": can(current_user, "edit", partnership),
        "can_report": services.reporting_organization(current_user, partnership) is not None,
        # A form only when there is a step to take: a form makes a CSRF token, which opens a session.
        "steps": steps, "step_form": StepForm() if steps else None,
        "my_answers": my_answers, "next_step": workflow.NEXT_STEP.get(partnership.review_state),
    }


@bp.get("/<slug>")
@cached_page()
def detail(slug: str):
    """A partnership's page: partners, countries, linked actions and stories, progress, freshness."""
    partnership = get_partnership(slug)
    return render_template("partnerships/detail.html", preview=False, **_detail_context(partnership))


@bp.get("/<slug>/preview")
def preview(slug: str):
    """The page as the public will see it, with the next review step (owners and editors)."""
    partnership = get_partnership(slug, "edit")
    return render_template("partnerships/detail.html", preview=True, **_detail_context(partnership))


def _form(partnership: Partnership | None, lead_id: int) -> PartnershipForm:
    """The form with its choices; on GET for an edit, filled in from the stored partnership."""
    kwargs = {"partner_choices": services.partner_choices(lead_id),
              "action_choices": services.action_choices(lead_id)}
    if request.method == "POST" or partnership is None:
        return PartnershipForm(**kwargs)
    rows = [SimpleNamespace(organization=p.organization_id, role=p.role) for p in partnership.partners
            if p.organization_id != partnership.lead_organization_id]
    rows += [SimpleNamespace(organization=None, role="implementing")] * max(PARTNER_ROWS - len(rows), 1)
    data = {key: getattr(partnership, key) for key in (
        "title", "summary", "description", "status", "start_date", "end_date", "language")}
    data.update(
        countries=[c.iso3 for c in partnership.countries], themes=[t.slug for t in partnership.themes],
        sdgs=[g.id for g in partnership.sdgs], actions=[a.id for a in partnership.actions],
        version=str(partnership.version), partners=rows,
    )
    form = PartnershipForm(data=data, **kwargs)
    return form


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    """Propose a partnership led by your organization; each named partner then confirms."""
    org = _current_org()
    if org is None:
        flash(_("Only owners and editors of an organization can propose a partnership."), "warning")
        return redirect(url_for("auth.dashboard"))
    form = _form(None, org.id)
    if form.validate_on_submit():
        partnership = services.create_partnership(org, current_user, form.data_for_service())
        db.session.commit()
        flash(_("The partnership is saved as a draft. The partners you named are asked to confirm."), "success")
        return redirect(url_for("partnerships.preview", slug=partnership.slug))
    status = 400 if request.method == "POST" else 200
    return render_template("partnerships/form.html", form=form, partnership=None, org=org), status


@bp.route("/<slug>/edit", methods=["GET", "POST"])
def edit(slug: str):
    """Edit a partnership (owners and editors of the lead organization); conflicting saves are refused."""
    partnership = get_partnership(slug, "edit")
    lead = partnership.lead_organization
    form = _form(partnership, lead.id)
    if form.validate_on_submit():
        try:
            workflow.check_version(partnership, form.version.data)
        except workflow.EditConflict as exc:
            flash(str(exc), "warning")
            form.version.data = str(partnership.version)
            return render_template("partnerships/form.html", form=form, partnership=partnership, org=lead), 409
        services.update_partnership(partnership, current_user, form.data_for_service())
        db.session.commit()
        flash(_("The partnership has been saved."), "success")
        return redirect(url_for("partnerships.preview", slug=partnership.slug))
    status = 400 if request.method == "POST" else 200
    return render_template("partnerships/form.html", form=form, partnership=partnership, org=lead), status


@bp.post("/<slug>/workflow")
def step(slug: str):
    """Take a review step: submit or withdraw (the lead), approve, request changes or reject (moderators)."""
    partnership = get_partnership(slug)
    verb = request.form.get("step", "")
    form = StepForm()
    if not form.validate_on_submit():
        flash(_("The note is too long."), "error")
    else:
        take_step(partnership, verb, form.note.data or "",
                  lambda state: _("Done: the partnership is now “%(state)s”.", state=state))
    return redirect(back_to(url_for("partnerships.detail", slug=partnership.slug)))


@bp.post("/<slug>/partners/<int:org_id>/answer")
@login_required
def answer(slug: str, org_id: int):
    """A named partner organization confirms or declines (its owners and editors only)."""
    partnership = get_partnership(slug)
    partner = services.find_partner(partnership, org_id)
    if partner is None:
        raise NotFound()
    if not services.may_respond(current_user, partner):
        raise Forbidden()
    name = partner.organization.name
    record_answer(partner, services.respond, _("%(org)s is confirmed as a partner.", org=name),
                  _("%(org)s declined to be named as a partner.", org=name))
    return redirect(back_to(url_for("partnerships.detail", slug=partnership.slug)))


@bp.route("/<slug>/reports/new", methods=["GET", "POST"])
@login_required
def report(slug: str):
    """Add a progress report (the lead organization and confirmed partners)."""
    partnership = get_partnership(slug)
    org_id = services.reporting_organization(current_user, partnership)
    if org_id is None:
        raise Forbidden()
    form = ReportForm()
    if form.validate_on_submit():
        services.add_report(partnership, current_user, org_id, {
            "report_date": form.report_date.data, "achievements": form.achievements.data,
            "challenges": form.challenges.data or "",
        })
        db.session.commit()
        flash(_("Thank you: the progress report is published on the partnership's page."), "success")
        return redirect(url_for("partnerships.detail", slug=partnership.slug, _anchor="progress"))
    status = 400 if request.method == "POST" else 200
    return render_template("partnerships/report_form.html", form=form, partnership=partnership,
                           reporting_org=db.session.get(Organization, org_id)), status
