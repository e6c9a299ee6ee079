"""Report this: anyone flags a public record to the moderators, who resolve or dismiss the report.

The address of the form, for a "Report this" link on any public page:

    /report/<kind>/<slug>        url_for("reports.new", kind=kind, slug=record.slug)

where <kind> is one of "action", "partnership", "story", "source" (a data source), "event", "opportunity" or
"organization". In a template: {% if url_if('reports.new', kind='story', slug=story.slug) %}...
Records that are not public answer 404. Posting is rate limited per address (REPORT_LIMIT).
Open reports show in their own section of the moderation queue (/moderation).
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.exceptions import NotFound

from hub.auth.permissions import require
from hub.extensions import db, limiter
from hub.models import AbuseReport
from hub.moderation.queue import QueueSection, register_section
from hub.reports import services
from hub.reports.forms import REASONS, HandleReportForm, ReportForm
from hub.templating import url_if

bp = Blueprint("reports", __name__, url_prefix="/report")

REPORT_LIMIT = "5 per hour; 20 per day"

register_section(QueueSection("reports", _l("Reports of abuse"), services.open_reports, "reports/_queue.html"))


@bp.app_context_processor
def _report_helpers():
    return {"report_reasons": dict(REASONS), "report_kinds": services.KIND_LABELS}


@bp.route("/<kind>/<slug>", methods=["GET", "POST"])
@limiter.limit(REPORT_LIMIT, methods=["POST"])
def new(kind: str, slug: str):
    """Report a public record as abusive, wrong or spam."""
    record = services.find_public(kind, slug)
    if record is None:
        raise NotFound()
    back = url_if(services.KINDS[kind][1], slug=record.slug)
    form = ReportForm()
    if form.validate_on_submit():
        services.create_report(record, form.reason.data, form.details.data, form.email.data, current_user)
        db.session.commit()
        flash(_("Thank you: the moderators will look at your report."), "success")
        return redirect(back or url_for("core.home"))
    return render_template("reports/new.html", form=form, record=record, title=services.title_of(record),
                           kind=kind, back=back), 400 if form.errors else 200


@bp.post("/manage/<int:report_id>")
def handle(report_id: int):
    """Resolve or dismiss a report (moderators), recorded in the audit log."""
    require(current_user, "moderate")
    report = db.session.get(AbuseReport, report_id)
    if report is None:
        raise NotFound()
    form = HandleReportForm()
    if not form.validate_on_submit() or form.decision.data not in ("resolved", "dismissed"):
        abort(400)
    try:
        services.handle_report(report, current_user, form.decision.data, form.note.data or "")
    except services.ReportError:
        db.session.rollback()
        flash(_("This report has already been handled."), "info")
    else:
        db.session.commit()
        flash(_("The report is resolved.") if report.status == "resolved" else _("The report is dismissed."),
              "success")
    return redirect(url_for("moderation.queue"))
