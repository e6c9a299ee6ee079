"""Success stories: browse, read, write and edit with an image, preview, review steps."""

from __future__ import annotations

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from werkzeug.exceptions import NotFound

from hub.auth.permissions import can, require
from hub.auth.services import editable_organization
from hub.caching import cached_page
from hub.content import plain_text, render_markdown
from hub.extensions import db
from hub.images import delete_image, store_upload
from hub.moderation.queue import QueueSection, register_section, submitted
from hub.orgs.models import Organization
from hub.pagination import paginate
from hub.review import workflow
from hub.review.steps import back_to, take_step
from hub.stories import services
from hub.stories.forms import StoryFilters, StoryForm
from hub.stories.models import Story

bp = Blueprint("stories", __name__, url_prefix="/stories")

register_section(QueueSection("stories", _l("Stories submitted for review"), lambda: submitted(Story),
                              "partnerships/_review_queue.html"))


def get_story(slug: str, action: str = "view") -> Story:
    """The story with this slug if the current user may do `action` to it (else 404/403)."""
    story = db.session.scalar(sa.select(Story).where(Story.slug == slug))
    if story is None:
        raise NotFound()
    return require(current_user, action, story)


def _current_org() -> Organization | None:
    """The organization the signed-in user works as, if they may edit for it."""
    return editable_organization(current_user)


@bp.get("")
@cached_page()
def index():
    """Published success stories, filtered by theme, country, organization type and language."""
    filters = StoryFilters(request.args)
    filters.validate()
    args = {name: filters.value(name) for name in ("theme", "country", "org_type", "language", "sort")}
    args["q"] = filters.value("q")[:100]
    stmt = services.list_statement(args)
    return render_template("stories/index.html", page=paginate(stmt), filters=filters)


def _detail_context(story: Story) -> dict:
    linked_action = story.action if story.action and can(current_user, "view", story.action) else None
    linked_partnership = None
    if story.partnership and can(current_user, "view", story.partnership):
        linked_partnership = story.partnership
    can_edit = can(current_user, "edit", story)
    return {
        "story": story, "body": render_markdown(story.body), "meta_description": plain_text(story.summary, 160),
        "linked_action": linked_action, "linked_partnership": linked_partnership, "can_edit": can_edit,
        "steps": workflow.available(story, current_user),
        "next_step": workflow.NEXT_STEP.get(story.review_state) if can_edit else None,
    }


@bp.get("/<slug>")
@cached_page()
def detail(slug: str):
    """A success story with its image, organization, linked action or partnership, countries and themes."""
    return render_template("stories/detail.html", preview=False, **_detail_context(get_story(slug)))


@bp.get("/<slug>/preview")
def preview(slug: str):
    """The story as the public will see it, with the next review step (owners and editors)."""
    return render_template("stories/detail.html", preview=True, **_detail_context(get_story(slug, "edit")))


def _form(story: Story | None, org_id: int) -> StoryForm:
    kwargs = {"action_choices": services.action_choices(org_id),
              "partnership_choices": services.partnership_choices(org_id),
              "has_image": bool(story and story.image)}
    if request.method == "POST":
        return StoryForm(**kwargs)
    if story is None:
        return StoryForm(data={"body": services.suggested_body(), "language": _ui_language()}, **kwargs)
    data = {key: getattr(story, key) for key in (
        "title", "summary", "body", "language", "image_alt", "image_credit", "consent_confirmed", "source_url")}
    data.update(action=story.action_id, partnership=story.partnership_id,
                countries=[c.iso3 for c in story.countries], themes=[t.slug for t in story.themes],
                version=str(story.version))
    return StoryForm(data=data, **kwargs)


def _ui_language() -> str:
    from flask_babel import get_locale

    return str(get_locale() or "en")


def _save_upload(form: StoryForm):
    """The stored name of a new upload, None if there is none, False if it failed (error on the form)."""
    if not form.new_upload():
        return None
    return store_upload(form.image)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    """Write a success story for your organization; it starts as a draft."""
    org = _current_org()
    if org is None:
        flash(_("Only owners and editors of an organization can write a story."), "warning")
        return redirect(url_for("auth.dashboard"))
    form = _form(None, org.id)
    if form.validate_on_submit():
        image = _save_upload(form)
        if image is not False:
            story = services.create_story(org.id, current_user, form.data_for_service())
            if image:
                story.image = image
            db.session.commit()
            flash(_("The story is saved as a draft. Preview it, then submit it for review."), "success")
            return redirect(url_for("stories.preview", slug=story.slug))
    status = 400 if request.method == "POST" else 200
    return render_template("stories/form.html", form=form, story=None, org=org), status


@bp.route("/<slug>/edit", methods=["GET", "POST"])
def edit(slug: str):
    """Edit a story (owners and editors of its organization); conflicting saves are refused."""
    story = get_story(slug, "edit")
    form = _form(story, story.organization_id)
    if form.validate_on_submit():
        try:
            workflow.check_version(story, form.version.data)
        except workflow.EditConflict as exc:
            flash(str(exc), "warning")
            form.version.data = str(story.version)
            return render_template("stories/form.html", form=form, story=story, org=story.organization), 409
        image = _save_upload(form)
        if image is not False:
            services.update_story(story, current_user, form.data_for_service())
            old = None
            if image:
                old = services.set_image(story, current_user, image)
            elif form.remove_image.data and story.image:
                old = services.set_image(story, current_user, "")
            delete_image(old)
            db.session.commit()
            flash(_("The story has been saved."), "success")
            return redirect(url_for("stories.preview", slug=story.slug))
    status = 400 if request.method == "POST" else 200
    return render_template("stories/form.html", form=form, story=story, org=story.organization), status


@bp.post("/<slug>/workflow")
def step(slug: str):
    """Take a review step: submit or withdraw (the organization), approve, request changes or reject."""
    story = get_story(slug)
    verb = request.form.get("step", "")
    note = (request.form.get("note") or "")[:2000]
    if not FlaskForm().validate_on_submit():
        abort(400)
    take_step(story, verb, note, lambda state: _("Done: the story is now “%(state)s”.", state=state))
    return redirect(back_to(url_for("stories.detail", slug=story.slug)))


