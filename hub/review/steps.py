"""The web side of a review step, shared by every kind of content's `/<slug>/workflow` view."""

from __future__ import annotations

from flask import abort, flash, request
from flask_login import current_user
from werkzeug.exceptions import Forbidden

from hub.extensions import db, login_manager
from hub.review import workflow
from hub.taxonomy.vocabulary import REVIEW_STATES, label


def state_label(record) -> str:
    """The record's review state in the interface language."""
    return label(REVIEW_STATES, record.review_state)


def back_to(default: str) -> str:
    """The local `next` address of the posted form, or `default`."""
    from hub.auth.views import safe_next

    return safe_next(request.form.get("next")) or default


def record_answer(invitee, respond, confirmed_message, declined_message) -> None:
    """A named organization's posted answer ("confirm" or "decline") to being named on a record.

    `respond(invitee, user, confirm)` is the feature's service; the caller checked who may answer.
    """
    from flask_babel import gettext as _
    from flask_wtf import FlaskForm

    choice = request.form.get("answer")
    if choice not in ("confirm", "decline") or not FlaskForm().validate_on_submit():
        flash(_("Choose to confirm or decline."), "error")
        return
    respond(invitee, current_user, choice == "confirm")
    db.session.commit()
    flash(confirmed_message if choice == "confirm" else declined_message,
          "success" if choice == "confirm" else "info")


def take_step(record, verb: str, note: str, done_message) -> bool:
    """Take review step `verb` (or feature/unfeature) as the current user, commit and flash.

    `done_message(state_label)` gives the success message. A refused permission answers 403
    (or sends an anonymous visitor to sign in); an impossible step is flashed, not raised.
    """
    try:
        if verb in ("feature", "unfeature"):
            workflow.set_featured(record, current_user, verb == "feature")
        else:
            workflow.transition(record, verb, current_user, note)
    except workflow.ReviewPermissionDenied:
        db.session.rollback()
        if not current_user.is_authenticated:
            abort(login_manager.unauthorized())
        raise Forbidden() from None
    except workflow.ReviewError as exc:
        db.session.rollback()
        flash(str(exc), "error")
        return False
    db.session.commit()
    flash(done_message(state_label(record)), "success")
    return True
