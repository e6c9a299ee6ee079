"""The data-source catalogue: browse and filter, read, submit (organizations), curate (moderators)."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from werkzeug.exceptions import Forbidden, NotFound

from hub.auth.permissions import can, is_moderator, require
from hub.auth.services import editable_organization
from hub.caching import cached_page
from hub.content import plain_text, render_markdown
from hub.extensions import db, login_manager
from hub.moderation.queue import QueueSection, register_section, submitted
from hub.orgs.models import Organization
from hub.pagination import paginate
from hub.review import workflow
from hub.review.steps import back_to, take_step
from hub.sources import services
from hub.sources.forms import SourceFilters, SourceForm
from hub.sources.models import DataSource

bp = Blueprint("sources", __name__, url_prefix="/sources")

register_section(QueueSection("sources", _l("Data sources submitted for review"), lambda: submitted(DataSource),
                              "partnerships/_review_queue.html"))


def get_source(slug: str, action: str = "view") -> DataSource:
    """The source with this slug if the current user may do `action` to it (else 404/403).

    Moderators may edit every source: they curate the catalogue."""
    source = db.session.scalar(sa.select(DataSource).where(DataSource.slug == slug))
    if source is None:
        raise NotFound()
    if action == "edit":
        require(current_user, "view", source)
        if services.may_edit(current_user, source):
            return source
        if not current_user.is_authenticated:
            abort(login_manager.unauthorized())
        raise Forbidden()
    return require(current_user, action, source)


def _current_org() -> Organization | None:
    """The organization the signed-in user works as, if they may edit for it."""
    return editable_organization(current_user)


@bp.get("")
@cached_page()
def index():
    """The catalogue, filtered by kind, country covered, years covered, theme, access and publisher."""
    filters = SourceFilters(request.args, publishers=services.publishers())
    filters.validate()
    year_from, year_to = filters.years()
    args = {name: filters.value(name) for name in ("kind", "country", "scope", "theme", "access", "publisher", "sort")}
    stmt = services.list_statement({**args, "q": filters.value("q")[:100], "year_from": year_from, "year_to": year_to})
    return render_template("sources/index.html", page=paginate(stmt), filters=filters,
                           can_submit=current_user.is_authenticated)


def _detail_context(source: DataSource) -> dict:
    can_edit = services.may_edit(current_user, source)
    return {
        "source": source, "description": render_markdown(source.description),
        "strengths": render_markdown(source.strengths_limitations),
        "meta_description": plain_text(source.description, 160), "can_edit": can_edit,
        "steps": workflow.available(source, current_user),
        "next_step": workflow.NEXT_STEP.get(source.review_state) if can(current_user, "edit", source) else None,
        "regions": [services.REGION_NAMES.get(w, w) for w in source.regions_covered.split() if w != "WLD"],
        "worldwide": "WLD" in source.regions_covered.split(),
    }


@bp.get("/<slug>")
@cached_page()
def detail(slug: str):
    """A data source: what it covers, how to get it and cite it, and whether its link still works."""
    return render_template("sources/detail.html", preview=False, **_detail_context(get_source(slug)))


@bp.get("/<slug>/preview")
def preview(slug: str):
    """The source as the public will see it, with the next review step."""
    return render_template("sources/detail.html", preview=True, **_detail_context(get_source(slug, "edit")))


def _form(source: DataSource | None) -> SourceForm:
    if request.method == "POST" or source is None:
        return SourceForm()
    data = {name: getattr(source, name) for name in services.TEXT_FIELDS}
    data.update(countries=[c.iso3 for c in source.countries], themes=[t.slug for t in source.themes],
                version=str(source.version))
    return SourceForm(data=data)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    """Submit a data source for your organization (reviewed), or add one to the catalogue (moderators)."""
    curator = is_moderator(current_user)
    org = None if curator else _current_org()
    if org is None and not curator:
        flash(_("Only owners and editors of an organization can submit a data source."), "warning")
        return redirect(url_for("auth.dashboard"))
    form = _form(None)
    if form.validate_on_submit():
        source = services.create_source(current_user, form.data_for_service(), org.id if org else None)
        db.session.commit()
        if curator:
            flash(_("The data source is published in the catalogue."), "success")
            return redirect(url_for("sources.detail", slug=source.slug))
        flash(_("The data source is saved as a draft. Preview it, then submit it for review."), "success")
        return redirect(url_for("sources.preview", slug=source.slug))
    status = 400 if request.method == "POST" else 200
    return render_template("sources/form.html", form=form, source=None, org=org), status


@bp.route("/<slug>/edit", methods=["GET", "POST"])
def edit(slug: str):
    """Edit a source (its organization's owners and editors, and moderators); conflicting saves are refused."""
    source = get_source(slug, "edit")
    form = _form(source)
    if form.validate_on_submit():
        try:
            workflow.check_version(source, form.version.data)
        except workflow.EditConflict as exc:
            flash(str(exc), "warning")
            form.version.data = str(source.version)
            return render_template("sources/form.html", form=form, source=source, org=source.organization), 409
        services.update_source(source, current_user, form.data_for_service())
        db.session.commit()
        flash(_("The data source has been saved."), "success")
        return redirect(url_for("sources.preview", slug=source.slug))
    status = 400 if request.method == "POST" else 200
    return render_template("sources/form.html", form=form, source=source, org=source.organization), status


@bp.post("/<slug>/workflow")
def step(slug: str):
    """Take a review step: submit or withdraw (the organization), approve, request changes or reject."""
    source = get_source(slug)
    verb = request.form.get("step", "")
    note = (request.form.get("note") or "")[:2000]
    if not FlaskForm().validate_on_submit():
        abort(400)
    take_step(source, verb, note, lambda state: _("Done: the data source is now “%(state)s”.", state=state))
    return redirect(back_to(url_for("sources.detail", slug=source.slug)))


