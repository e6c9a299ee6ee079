"""Opportunities: open calls first with their deadline, closed ones apart; the page, the form, review."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import NotFound

from hub.auth.permissions import can, require
from hub.auth.services import editable_organization
from hub.caching import cached_page
from hub.content import plain_text, render_markdown
from hub.extensions import db
from hub.moderation.queue import QueueSection, register_section, submitted
from hub.opportunities import services
from hub.opportunities.forms import OpportunityFilters, OpportunityForm, form_data
from hub.opportunities.models import Opportunity
from hub.pagination import paginate
from hub.review import workflow
from hub.review.steps import back_to, take_step

bp = Blueprint("opportunities", __name__, url_prefix="/opportunities")

register_section(QueueSection("opportunities", _l("Opportunities submitted for review"),
                              lambda: submitted(Opportunity), "partnerships/_review_queue.html"))

FILTER_NAMES = ("kind", "theme", "country", "based_in", "language", "org")


@bp.app_context_processor
def _opportunity_helpers():
    return {"open_opportunities": services.open_for, "call_is_open": services.is_open,
            "call_days_left": services.days_left}


def get_opportunity(slug: str, permission: str = "view") -> Opportunity:
    """The call with this slug if the current user may do `permission` to it (else 404/403/sign-in)."""
    opportunity = services.get_by_slug(slug)
    if opportunity is None:
        raise NotFound()
    return require(current_user, permission, opportunity)


@bp.get("")
@cached_page()
def index():
    """Public calls: open ones (soonest deadline first) or closed ones; filtered and paged."""
    form = OpportunityFilters(request.args)
    form.validate()
    tab = "closed" if request.args.get("tab") == "closed" else "open"
    stmt = services.published_opportunities(services.Filters(**{n: form.value(n) for n in FILTER_NAMES}))
    page = paginate(services.open_now(stmt) if tab == "open" else services.closed_now(stmt))
    return render_template("opportunities/index.html", page=page, filters=form, tab=tab)


def _page_context(opportunity: Opportunity, preview: bool) -> dict:
    can_edit = can(current_user, "edit", opportunity)
    return {
        "opportunity": opportunity, "description": render_markdown(opportunity.description),
        "eligibility": render_markdown(opportunity.eligibility), "preview": preview,
        "meta_description": opportunity.summary or plain_text(opportunity.description, 160),
        "can_edit": can_edit, "steps": workflow.available(opportunity, current_user),
        "next_step": workflow.NEXT_STEP.get(opportunity.review_state) if can_edit else None,
        "is_open": services.is_open(opportunity), "days_left": services.days_left(opportunity),
    }


@bp.get("/<slug>")
@cached_page()
def detail(slug: str):
    """The call's page: what is offered, who may apply, the deadline in its zone, how to apply."""
    return render_template("opportunities/detail.html", **_page_context(get_opportunity(slug), False))


@bp.get("/<slug>/preview")
def preview(slug: str):
    """The page as the public will see it once published (its organization)."""
    return render_template("opportunities/detail.html", **_page_context(get_opportunity(slug, "edit"), True))


def _render_form(form, opportunity, org, status: int):
    return render_template("opportunities/form.html", form=form, opportunity=opportunity, org=org), status


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    """Publish a call for the organization the user works for; it starts as a draft."""
    org = editable_organization(current_user)
    if org is None:
        flash(_("Only owners and editors of an organization can publish an opportunity."), "warning")
        return redirect(url_for("auth.dashboard"))
    form = OpportunityForm(is_new=True)
    if not form.validate_on_submit():
        return _render_form(form, None, org, 400 if request.method == "POST" else 200)
    opportunity = services.create_opportunity(org, current_user, form.data_for_service())
    db.session.commit()
    flash(_("Your draft is saved. Check the preview, then submit it for review."), "success")
    return redirect(url_for("opportunities.preview", slug=opportunity.slug))


@bp.route("/<slug>/edit", methods=["GET", "POST"])
def edit(slug: str):
    """Edit a call (its organization's editors); a published call stays published."""
    opportunity = get_opportunity(slug, "edit")
    data = form_data(opportunity) if request.method == "GET" else None
    form = OpportunityForm(data=data, is_new=False)
    if not form.validate_on_submit():
        return _render_form(form, opportunity, opportunity.organization, 400 if request.method == "POST" else 200)
    try:
        services.update_opportunity(opportunity, current_user, form.data_for_service(), form.version.data)
        db.session.commit()
    except (workflow.EditConflict, StaleDataError):
        db.session.rollback()
        opportunity = get_opportunity(slug, "edit")
        flash(_("Someone else saved this record after you opened it. Your text is kept below; "
                "compare it with the saved version and save again."), "warning")
        form.version.data = str(opportunity.version)
        return _render_form(form, opportunity, opportunity.organization, 409)
    flash(_("Your changes are saved."), "success")
    return redirect(url_for("opportunities.detail" if opportunity.is_published else "opportunities.preview",
                            slug=opportunity.slug))


@bp.get("/<slug>/history")
def history(slug: str):
    """Every saved version of the call with what changed (its organization and moderators)."""
    opportunity = get_opportunity(slug)
    if not (can(current_user, "edit", opportunity) or can(current_user, "review", opportunity)):
        require(current_user, "edit", opportunity)
    return render_template("review/history.html", record=opportunity, saves=services.history(opportunity),
                           detail_url=url_for("opportunities.detail", slug=opportunity.slug),
                           field_labels=services.FIELD_LABELS)


@bp.post("/<slug>/workflow")
def step(slug: str):
    """Take a review step: submit or withdraw (the organization), approve, request changes or reject."""
    opportunity = get_opportunity(slug)
    if not FlaskForm().validate_on_submit():
        abort(400)
    take_step(opportunity, request.form.get("step", ""), (request.form.get("note") or "")[:2000],
              lambda state: _("Done: the opportunity is now “%(state)s”.", state=state))
    return redirect(back_to(url_for("opportunities.detail", slug=opportunity.slug)))
