"""Follow buttons, the /following page, one-click unsubscribe, and immediate alerts after a publication."""

from __future__ import annotations

import logging

from flask import Blueprint, flash, g, has_request_context, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from werkzeug.exceptions import NotFound

from hub.auth.views import safe_next
from hub.extensions import csrf, db, limiter
from hub.follows import services
from hub.follows.forms import FollowForm, FollowSearchForm, FrequencyForm, UnfollowForm
from hub.review import workflow

bp = Blueprint("follows", __name__)
log = logging.getLogger(__name__)


def _back(default: str) -> str:
    """The posted `next` if it is a path on this site, else `default`."""
    return safe_next(request.form.get("next")) or default


@bp.app_context_processor
def _follow_helpers():
    def is_following(kind: str, target: str) -> bool:
        if "hub.follow_keys" not in request.environ:  # one query per request, whatever the buttons
            request.environ["hub.follow_keys"] = services.following_keys(current_user)
        return (kind, target) in request.environ["hub.follow_keys"]

    def feed():
        page = max(request.args.get("feed", 1, type=int) or 1, 1)
        items, more = services.feed_for(current_user, page, 10)
        return {"items": items, "more": more, "page": page}

    return {"is_following": is_following, "follow_feed": feed, "search_target": services.search_target}


@bp.post("/follow")
@login_required
def follow():
    """Follow an organization, a country, a community, a theme or a search."""
    form = FollowSearchForm() if request.form.get("kind") == "search" else FollowForm()
    kind = request.form.get("kind", "")
    back = _back(url_for("follows.following"))
    if not form.validate_on_submit():
        flash(_("Please give this search a name.") if kind == "search" else _("This cannot be followed."), "error")
        return redirect(back)
    target = services.describe_target(kind, form.target.data) if kind != "search" else form.target.data
    try:
        services.follow(current_user, kind, form.target.data, getattr(form, "label", None) and form.label.data)
    except services.FollowError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return redirect(back)
    db.session.commit()
    log.info("User %s follows %s:%s", current_user.id, kind, target)
    flash(_("Followed. New items appear on your dashboard and in your alerts."), "success")
    return redirect(back)


@bp.post("/unfollow")
@login_required
def unfollow():
    """Stop following something (by kind and target, or one of your follows by its id)."""
    back = _back(url_for("follows.following"))
    by_id = UnfollowForm()
    if request.form.get("follow_id") and by_id.validate_on_submit() and by_id.follow_id.data.isdigit():
        done = services.unfollow_by_id(current_user, int(by_id.follow_id.data))
    else:
        form = FollowForm()
        done = form.validate_on_submit() and services.unfollow(current_user, form.kind.data, form.target.data)
    db.session.commit()
    flash(_("Unfollowed.") if done else _("You were not following this."), "success" if done else "info")
    return redirect(back)


@bp.route("/following", methods=["GET", "POST"])
@login_required
def following():
    """What you follow, and how often you get e-mail about it."""
    form = FrequencyForm(data={"frequency": services.frequency_of(current_user)})
    if request.method == "POST":
        form = FrequencyForm()
        if form.validate_on_submit():
            services.set_frequency(current_user, form.frequency.data)
            db.session.commit()
            flash(_("Your alert setting is saved."), "success")
            return redirect(url_for("follows.following"))
    return render_template("follows/following.html", form=form, rows=services.describe_follows(current_user),
                           unfollow_form=UnfollowForm()), 400 if form.errors else 200


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # RFC 8058: mail clients post the one-click unsubscribe without a form token
@limiter.limit("30 per hour", methods=["POST"])
def unsubscribe(token: str):
    """Stop alert and digest e-mail from a link in one; works without signing in."""
    user = services.user_for_unsubscribe(token)
    if user is None:
        raise NotFound()
    if request.method == "POST":
        services.set_frequency(user, "never")
        db.session.commit()
        return render_template("follows/unsubscribe.html", done=True, token=token)
    return render_template("follows/unsubscribe.html", done=False, token=token)


def _alerts_after_commit():
    """After a request whose commit published something, queue the immediate alerts it causes
    (a job, so the moderator's page does not wait for the followers' mail)."""
    @bp.after_app_request
    def _send(response):
        if published := g.pop("published_committed", None):
            from hub.jobs.tasks import alert_followers

            try:
                alert_followers([(model.__name__, record_id) for model, record_id in published])
            except Exception:  # noqa: BLE001 - the five-minute catch-up sends them; the page must not fail
                db.session.rollback()
                log.exception("Immediate alerts could not be queued; the catch-up job sends them")
        return response

    def _note(published):
        if has_request_context():
            g.setdefault("published_committed", []).extend(published)

    workflow.on_published_commit(_note)


_alerts_after_commit()
