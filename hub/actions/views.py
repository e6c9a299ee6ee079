"""Actions: the public list and page, the submission form, preview, history and review steps."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import NotFound

from hub.actions import services
from hub.actions.forms import ActionFilters, ActionForm, FeatureForm, TransitionForm
from hub.actions.models import Action
from hub.auth.permissions import can, require
from hub.auth.services import current_membership
from hub.caching import cached_page
from hub.content import plain_text, render_markdown
from hub.extensions import db
from hub.images import delete_image, keep_image, store_upload
from hub.moderation.queue import QueueSection, register_section
from hub.pagination import paginate
from hub.review import workflow

bp = Blueprint("actions", __name__, url_prefix="/actions")

register_section(QueueSection("actions", _l("Actions submitted for review"), services.submitted_actions,
                              "actions/_review_queue.html"))

DONE = {
    "submit": _l("Submitted: a moderator will review it."),
    "publish_trusted": _l("Published: your organization is trusted, so it is public at once."),
    "withdraw": _l("Withdrawn: it is a draft again."),
    "approve": _l("Approved and published."),
    "request_changes": _l("Sent back to the organization with your note."),
    "reject": _l("Rejected; the organization sees your note."),
    "unpublish": _l("Unpublished: it is a draft again."),
}


@bp.app_context_processor
def _review_helpers():
    return {"review_next_step": lambda state: workflow.NEXT_STEP.get(state, ""),
            "review_steps": workflow.TRANSITIONS}


def get_action(slug: str, permission: str = "view") -> Action:
    """The action with this slug if the current user may do `permission` to it (else 404/403/sign-in)."""
    action = services.get_by_slug(slug)
    if action is None:
        raise NotFound()
    return require(current_user, permission, action)


def get_for_team(slug: str) -> Action:
    """An action for its organization's editors and the moderators (preview, history)."""
    action = get_action(slug)
    if not (can(current_user, "edit", action) or can(current_user, "review", action)):
        require(current_user, "edit", action)
    return action


def _back(default: str) -> str:
    """The `next` field of the posted form if it is a path on this site, else `default`."""
    target = request.form.get("next", "")
    if (not target.startswith("/") or target.startswith("//") or "\\" in target
            or urlsplit(target).netloc or any(ord(c) < 32 for c in target)):
        return default
    return target


@bp.get("")
@cached_page()
def index():
    """Published actions, filtered by theme, countries, status, organization type and year."""
    form = ActionFilters(request.args)
    form.validate()
    filters = services.Filters(**{name: form.value(name) for name in
                                  ("theme", "origin", "country", "status", "org_type", "year", "partners")})
    page = paginate(services.published_actions(filters))
    return render_template("actions/index.html", page=page, filters=form)


def _page_context(action: Action) -> dict:
    """What the action's page shows, the same for the public page and the preview."""
    return {"action": action, "description": render_markdown(action.description),
            "meta_description": action.summary or plain_text(action.description, 160),
            "related": services.related(action)}


@bp.get("/<slug>")
@cached_page()
def detail(slug: str):
    """The action's public page (not yet public: for its organization and moderators only)."""
    action = get_action(slug)
    return render_template(
        "actions/detail.html", **_page_context(action), preview=False,
        can_edit=can(current_user, "edit", action), can_review=can(current_user, "review", action),
        steps=workflow.available(action, current_user),
    )


@bp.get("/<slug>/preview")
def preview(slug: str):
    """The page exactly as the public will see it once published."""
    action = get_for_team(slug)
    return render_template("actions/detail.html", **_page_context(action), preview=True,
                           can_edit=can(current_user, "edit", action), can_review=False,
                           steps=[s for s in workflow.available(action, current_user) if s.verb == "submit"])


def _current_organization():
    membership = current_membership(current_user) if current_user.is_authenticated else None
    if membership is None:
        require(current_user, "create")  # sends anonymous visitors to sign in
        abort(403)
    return require(current_user, "edit", membership.organization)


def _store_image(form: ActionForm) -> str | None:
    """Save an uploaded image; None if there is none or it was refused (the error is on the form)."""
    return store_upload(form.image) or None


def _render_form(form: ActionForm, action: Action | None = None, status: int = 200, saved: Action | None = None):
    form.add_blank_rows()
    return render_template("actions/form.html", form=form, action=action, saved=saved), status


@bp.route("/new", methods=["GET", "POST"])
def new():
    """Draft a new action for the organization the user works for."""
    org = _current_organization()
    form = ActionForm(organization_id=org.id)
    if form.validate_on_submit():
        image = _store_image(form)
        if form.image.errors:
            return _render_form(form, status=400)
        data = form.data_for_service()
        data["image"] = image or ""
        if not image:
            data["image_alt"] = ""
        action = services.create_action(org, current_user, data)
        db.session.commit()
        flash(_("Your draft is saved. Check the preview, then submit it for review."), "success")
        return redirect(url_for("actions.preview", slug=action.slug))
    return _render_form(form, status=400 if form.errors else 200)


def _initial(action: Action) -> dict:
    return {
        **{name: getattr(action, name) for name in services.SCALAR_FIELDS},
        "origin_countries": [c.iso3 for c in action.origin_countries],
        "implementation_countries": [c.iso3 for c in action.implementation_countries],
        "themes": [t.slug for t in action.themes], "sdgs": [g.id for g in action.sdgs],
        "partners": [o.id for o in action.partners],
        "results": action.result_rows, "links": action.link_rows, "version": str(action.version),
    }


@bp.route("/<slug>/edit", methods=["GET", "POST"])
def edit(slug: str):
    """Edit an action (its organization's editors); a published action stays published."""
    action = get_action(slug, "edit")
    form = ActionForm(data=_initial(action) if request.method == "GET" else None,
                      organization_id=action.organization_id)
    if not form.validate_on_submit():
        return _render_form(form, action, 400 if form.errors else 200)
    try:
        workflow.check_version(action, form.version.data)
    except workflow.EditConflict as exc:
        return _conflict(form, action, exc)
    image = _store_image(form)
    if form.image.errors:
        return _render_form(form, action, 400)
    old_image = action.image
    data = form.data_for_service()
    keep_image(data, action, image, form.remove_image.data)
    try:
        services.update_action(action, current_user, data, form.version.data)
        if old_image and old_image != action.image:
            delete_image(old_image)
        db.session.commit()
    except (workflow.EditConflict, StaleDataError) as exc:
        # Someone saved in the moment between our check and our save; the rollback forgets the upload.
        db.session.rollback()
        action = get_action(slug, "edit")
        return _conflict(form, action, exc)
    flash(_("Your changes are saved."), "success")
    if action.is_published:
        return redirect(url_for("actions.detail", slug=action.slug))
    return redirect(url_for("actions.preview", slug=action.slug))


def _conflict(form: ActionForm, action: Action, exc: Exception):
    """Re-render the editor's input next to the version saved meanwhile; nothing is overwritten."""
    message = str(exc) if isinstance(exc, workflow.EditConflict) else str(workflow.EditConflict(_l(
        "Someone else saved this record after you opened it. Your text is kept below; "
        "compare it with the saved version and save again.")))
    form.version.data = str(action.version)
    flash(message, "warning")
    return _render_form(form, action, 409, saved=action)


@bp.get("/<slug>/history")
def history(slug: str):
    """Every saved version of the action with what changed (its organization and moderators)."""
    action = get_for_team(slug)
    return render_template("review/history.html", record=action, saves=services.history(action),
                           detail_url=url_for("actions.detail", slug=action.slug),
                           field_labels=services.FIELD_LABELS)


@bp.post("/<slug>/transition")
def transition(slug: str):
    """Take a review step: submit, withdraw, approve, request changes, reject or unpublish."""
    action = get_action(slug)
    form = TransitionForm()
    back = _back(url_for("actions.detail", slug=action.slug))
    if not form.validate_on_submit():
        abort(400)
    step = workflow.TRANSITIONS.get(form.verb.data)
    if step is None:
        abort(400)
    require(current_user, step.permission, action)
    try:
        workflow.transition(action, step.verb, current_user, form.note.data or "")
    except workflow.ReviewError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(back)
    db.session.commit()
    done = "publish_trusted" if step.verb == "submit" and action.is_published else step.verb
    flash(DONE[done], "success")
    return redirect(back)


@bp.post("/<slug>/feature")
def feature(slug: str):
    """Feature a published action on the home page, or stop featuring it (moderators)."""
    action = get_action(slug, "review")
    form = FeatureForm()
    if not form.validate_on_submit() or form.featured.data not in ("0", "1"):
        abort(400)
    try:
        workflow.set_featured(action, current_user, form.featured.data == "1")
    except workflow.ReviewError as exc:
        db.session.rollback()
        flash(str(exc), "error")
    else:
        db.session.commit()
        flash(_("Featured on the home page.") if action.featured else _("No longer featured."), "success")
    return redirect(_back(url_for("actions.detail", slug=action.slug)))
