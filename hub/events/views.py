"""Events: the list (upcoming, past, month), the page with both time zones, iCalendar, the form, review."""

from __future__ import annotations

import calendar as monthcal
from datetime import date

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from flask_wtf import FlaskForm
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import Forbidden, NotFound

from hub.auth.permissions import can, require
from hub.auth.services import editable_organization
from hub.caching import cached_page
from hub.content import plain_text, render_markdown
from hub.events import calendar, services
from hub.events.forms import EventFilters, EventForm, form_data
from hub.events.models import Event
from hub.extensions import db
from hub.images import delete_image, keep_image, store_upload
from hub.modeling import utcnow
from hub.moderation.queue import QueueSection, register_section, submitted
from hub.pagination import paginate
from hub.partnerships.services import may_respond
from hub.review import workflow
from hub.review.steps import back_to, record_answer, take_step
from hub.timezones import is_zone, local, zone_names

bp = Blueprint("events", __name__)

bp.add_app_template_global(local, "in_zone")  # macros imported without context use it too
register_section(QueueSection("events", _l("Events submitted for review"), lambda: submitted(Event),
                              "partnerships/_review_queue.html"))

TZ_COOKIE = "tz"
FILTER_NAMES = ("theme", "country", "format", "month", "language", "org")


def reader_zone() -> str | None:
    """The zone the reader chose to see times in (query string, else cookie), if valid."""
    name = request.args.get("tz") or request.cookies.get(TZ_COOKIE)
    return name if is_zone(name) else None


def cookie_zone() -> str:
    """The zone kept in the reader's cookie ("" if none or unknown): part of a cached page's key,
    because the page shows times in it and `_remember_zone` answers differently for it."""
    name = request.cookies.get(TZ_COOKIE)
    return name if is_zone(name) else ""


def _remember_zone(response):
    """Keep the reader's chosen zone for the next pages (a year; no account needed).

    The cookie is only written when it changes, so a page asked for in the zone already kept
    sets no cookie and can be cached (a response that sets one never is)."""
    chosen = request.args.get("tz")
    if chosen is not None:
        if is_zone(chosen) and chosen != cookie_zone():
            response.set_cookie(TZ_COOKIE, chosen, max_age=365 * 86400, samesite="Lax", httponly=True)
        elif chosen == "" and TZ_COOKIE in request.cookies:
            response.delete_cookie(TZ_COOKIE)
    return response


@bp.app_context_processor
def _event_helpers():
    return {"zone_names": zone_names(), "upcoming_events": services.upcoming_for,
            "pending_event_invitations": services.pending_invitations}


def get_event(slug: str, permission: str = "view") -> Event:
    """The event with this slug if the current user may do `permission` to it (else 404/403/sign-in)."""
    event = services.get_by_slug(slug)
    if event is None:
        raise NotFound()
    if permission == "view" and services.may_view(current_user, event):
        return event
    return require(current_user, permission, event)


def _filters(form: EventFilters) -> services.Filters:
    values = {name: form.value(name) for name in FILTER_NAMES}
    values["month"] = form.month_start()
    return services.Filters(**values)


def _month_grid(month: date) -> list[list[date | None]]:
    """The weeks of the month, Monday first, None outside it."""
    return [[d if d.month == month.month else None for d in week]
            for week in monthcal.Calendar(firstweekday=0).monthdatescalendar(month.year, month.month)]


def _shift(month: date, by: int) -> str:
    index = month.year * 12 + month.month - 1 + by
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _list_key() -> str:
    """The cookie's zone and today's date in the reader's zone (the month grid marks today)."""
    return f"{cookie_zone()}|{local(utcnow(), reader_zone() or 'UTC').date().isoformat()}"


@bp.get("/events")
@cached_page(extra=_list_key)
def index():
    """Public events: upcoming (default), past, or one month as a calendar grid; filtered and paged."""
    form = EventFilters(request.args)
    form.validate()
    tab = request.args.get("tab", "upcoming")
    tab = tab if tab in ("upcoming", "past", "month") else "upcoming"
    filters = _filters(form)
    context = {"filters": form, "tab": tab, "reader_tz": reader_zone(), "page": None}
    if tab == "month":
        today = local(utcnow(), reader_zone() or "UTC").date()
        filters.month = filters.month or today.replace(day=1)
        context.update(month=filters.month, weeks=_month_grid(filters.month), days=services.in_month(filters),
                       previous_month=_shift(filters.month, -1), next_month=_shift(filters.month, 1), today=today)
    else:
        stmt = services.published_events(filters)
        context["page"] = paginate(services.upcoming(stmt) if tab == "upcoming" else services.past(stmt))
    return _remember_zone(Response(render_template("events/index.html", **context)))


def _ics(body: bytes, filename: str) -> Response:
    """Cached like the pages (calendar apps ask again with the ETag), so an edit shows at once."""
    return Response(body, mimetype="text/calendar", headers={"Content-Disposition": f'inline; filename="{filename}"'})


@bp.get("/events.ics")
@cached_page()
def feed():
    """A subscribable calendar of the public events matching the list's filters."""
    form = EventFilters(request.args)
    form.validate()
    events = services.feed_events(_filters(form))
    return _ics(calendar.calendar(events, _("Diaspora Hub events")), "events.ics")


@bp.get("/events/<slug>.ics")
@cached_page()
def ics(slug: str):
    """One public event as an iCalendar file to add to a calendar."""
    event = get_event(slug)
    if not event.is_published:
        raise NotFound()
    return _ics(calendar.calendar([event], event.title), f"{event.slug}.ics")


def _page_context(event: Event, preview: bool) -> dict:
    can_edit = can(current_user, "edit", event)
    mine = [o for o in event.organizers if may_respond(current_user, o)] if current_user.is_authenticated else []
    return {
        "event": event, "description": render_markdown(event.description), "preview": preview,
        "meta_description": event.summary or plain_text(event.description, 160), "reader_tz": reader_zone(),
        "can_edit": can_edit, "steps": workflow.available(event, current_user),
        "next_step": workflow.NEXT_STEP.get(event.review_state) if can_edit else None,
        "my_invitations": mine, "ended": event.ends_at <= utcnow(),
    }


@bp.get("/events/<slug>")
@cached_page(extra=cookie_zone)
def detail(slug: str):
    """The event's page: its times in its zone and the reader's, where, how to join, who organizes it."""
    event = get_event(slug)
    return _remember_zone(Response(render_template("events/detail.html", **_page_context(event, False))))


@bp.get("/events/<slug>/preview")
def preview(slug: str):
    """The page as the public will see it once published (its organization)."""
    return render_template("events/detail.html", **_page_context(get_event(slug, "edit"), True))


def _form(event: Event | None, org_id: int) -> EventForm:
    kwargs = {"organization_id": org_id, **services.choices_for(org_id),
              "previous": (event.starts_at, event.ends_at) if event else None}
    if request.method == "GET":
        return EventForm(data=form_data(event) if event else None, **kwargs)
    return EventForm(**kwargs)


def _render_form(form: EventForm, event: Event | None, org, status: int):
    return render_template("events/form.html", form=form, event=event, org=org), status


@bp.route("/events/new", methods=["GET", "POST"])
@login_required
def new():
    """Propose an event for the organization the user works for; it starts as a draft."""
    org = editable_organization(current_user)
    if org is None:
        flash(_("Only owners and editors of an organization can propose an event."), "warning")
        return redirect(url_for("auth.dashboard"))
    form = _form(None, org.id)
    if not form.validate_on_submit():
        return _render_form(form, None, org, 400 if request.method == "POST" else 200)
    image = store_upload(form.image)
    if image is False:
        return _render_form(form, None, org, 400)
    data = form.data_for_service()
    data["image"] = image or ""
    if not image:
        data["image_alt"] = ""
    event = services.create_event(org, current_user, data)
    db.session.commit()
    flash(_("Your draft is saved. Check the preview, then submit it for review."), "success")
    return redirect(url_for("events.preview", slug=event.slug))


@bp.route("/events/<slug>/edit", methods=["GET", "POST"])
def edit(slug: str):
    """Edit an event (its organization's editors): postpone, cancel, correct; it stays published."""
    event = get_event(slug, "edit")
    form = _form(event, event.organization_id)
    if not form.validate_on_submit():
        return _render_form(form, event, event.organization, 400 if request.method == "POST" else 200)
    image = store_upload(form.image)
    if image is False:
        return _render_form(form, event, event.organization, 400)
    old_image = event.image
    data = form.data_for_service()
    keep_image(data, event, image, form.remove_image.data)
    try:
        services.update_event(event, current_user, data, form.version.data)
        if old_image and old_image != event.image:
            delete_image(old_image)
        db.session.commit()
    except (workflow.EditConflict, StaleDataError) as exc:
        db.session.rollback()
        event = get_event(slug, "edit")
        flash(str(exc) if isinstance(exc, workflow.EditConflict) else _(
            "Someone else saved this record after you opened it. Your text is kept below; "
            "compare it with the saved version and save again."), "warning")
        form.version.data = str(event.version)
        return _render_form(form, event, event.organization, 409)
    flash(_("Your changes are saved."), "success")
    return redirect(url_for("events.detail" if event.is_published else "events.preview", slug=event.slug))


@bp.get("/events/<slug>/history")
def history(slug: str):
    """Every saved version of the event with what changed (its organization and moderators)."""
    event = get_event(slug)
    if not (can(current_user, "edit", event) or can(current_user, "review", event)):
        require(current_user, "edit", event)
    return render_template("review/history.html", record=event, saves=services.history(event),
                           detail_url=url_for("events.detail", slug=event.slug), field_labels=services.FIELD_LABELS)


@bp.post("/events/<slug>/workflow")
def step(slug: str):
    """Take a review step: submit or withdraw (the organization), approve, request changes or reject."""
    event = get_event(slug)
    if not FlaskForm().validate_on_submit():
        abort(400)
    take_step(event, request.form.get("step", ""), (request.form.get("note") or "")[:2000],
              lambda state: _("Done: the event is now “%(state)s”.", state=state))
    return redirect(back_to(url_for("events.detail", slug=event.slug)))


@bp.post("/events/<slug>/organizers/<int:org_id>/answer")
@login_required
def answer(slug: str, org_id: int):
    """A named co-organizer confirms or declines (its owners and editors only)."""
    event = get_event(slug)
    organizer = services.find_organizer(event, org_id)
    if organizer is None:
        raise NotFound()
    if not may_respond(current_user, organizer):
        raise Forbidden()
    name = organizer.organization.name
    record_answer(organizer, services.respond, _("%(org)s is confirmed as a co-organizer.", org=name),
                  _("%(org)s declined to be named as a co-organizer.", org=name))
    return redirect(back_to(url_for("events.detail", slug=event.slug)))
