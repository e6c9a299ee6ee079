"""Follow and unfollow, alert preferences, the personal feed, immediate alerts and digests.

Following and preferences add and flush; the caller commits. The two senders
(send_immediate_alerts, send_due_digests) are jobs: each commits one user's mail at a time, so a
crash loses nothing already recorded and another host never sends the same digest again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer

from hub.auth.mail import send_mail
from hub.auth.models import User
from hub.extensions import db
from hub.follows.feed import FeedItem, feed_items, follow_keys, load_followed
from hub.follows.models import DEFAULT_FREQUENCY, FOLLOW_KINDS, AlertPreference, DigestRun, Follow
from hub.jobs import base_url_request
from hub.modeling import utcnow
from hub.models import Country, Organization
from hub.taxonomy import vocabulary

log = logging.getLogger(__name__)

MAX_FOLLOWS = 200
ALERT_ITEMS = 50
PERIODS = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}


class FollowError(Exception):
    """A follow that cannot be made; str() is for the user."""


# ----------------------------------------------------------------------------- following


def search_target(args) -> str:
    """The canonical query string of a search (its words and filters), as a follow's target."""
    from hub import search

    pairs = []
    text = (args.get("q") or "").strip()[:300]
    if text:
        pairs.append(("q", text))
    for facet in search.FACETS:
        getter = getattr(args, "getlist", None)
        values = getter(facet) if getter else args.get(facet, [])
        pairs += [(facet, value) for value in sorted(set(values)) if value]
    if partners := (args.get("partners") or "").strip()[:20]:
        pairs.append(("partners", partners))
    return urlencode(pairs)


def describe_target(kind: str, target: str) -> str | None:
    """The canonical target if it names something that exists (and may be followed), else None."""
    if kind == "organization":
        org = db.session.scalar(sa.select(Organization).where(
            Organization.slug == target, Organization.verification == "verified"))
        return str(org.id) if org else None
    if kind == "country":
        code = target.upper()
        return code if db.session.get(Country, code) else None
    if kind == "community":
        origin, _, residence = target.upper().partition("-")
        found = db.session.scalar(sa.select(sa.func.count()).select_from(Country).where(
            Country.iso3.in_([origin, residence])))
        return f"{origin}-{residence}" if origin != residence and found == 2 else None
    if kind == "theme":
        return target if target in vocabulary.codes(vocabulary.THEMES) else None
    if kind == "search":
        return target if target else None
    return None


def follow(user: User, kind: str, target: str, label: str = "") -> Follow:
    """Follow something; following it twice keeps the one follow (and renames a search)."""
    if kind not in FOLLOW_KINDS:
        raise FollowError(_l("This cannot be followed."))
    canonical = describe_target(kind, target)
    if canonical is None:
        raise FollowError(_l("This cannot be followed."))
    label = (label or "").strip()[:120]
    if kind == "search" and not label:
        raise FollowError(_l("Please give this search a name."))
    existing = find_follow(user, kind, canonical)
    if existing is not None:
        existing.label = label or existing.label
        db.session.flush()
        return existing
    count = db.session.scalar(sa.select(sa.func.count()).select_from(Follow).where(Follow.user_id == user.id))
    if count >= MAX_FOLLOWS:
        raise FollowError(_l("You follow %(n)s things already; unfollow some first.", n=MAX_FOLLOWS))
    record = Follow(user_id=user.id, kind=kind, target=canonical, label=label)
    db.session.add(record)
    preference(user)  # the alert clock starts now: no mail about what was published before
    db.session.flush()
    return record


def find_follow(user: User, kind: str, target: str) -> Follow | None:
    return db.session.scalar(sa.select(Follow).where(
        Follow.user_id == user.id, Follow.kind == kind, Follow.target == target))


def unfollow(user: User, kind: str, target: str) -> bool:
    """Stop following; True if there was something to stop."""
    canonical = describe_target(kind, target) if kind != "search" else target
    record = find_follow(user, kind, canonical) if canonical else None
    if record is None:
        return False
    db.session.delete(record)
    db.session.flush()
    return True


def unfollow_by_id(user: User, follow_id: int) -> bool:
    """Stop following one of the user's own follows (another user's id is ignored)."""
    record = db.session.get(Follow, follow_id)
    if record is None or record.user_id != user.id:
        return False
    db.session.delete(record)
    db.session.flush()
    return True


def follows_of(user: User) -> list[Follow]:
    return list(db.session.scalars(sa.select(Follow).where(Follow.user_id == user.id)
                                   .order_by(Follow.kind, Follow.created_at, Follow.id)))


def following_keys(user) -> set[tuple[str, str]]:
    """(kind, target) of everything the user follows (for the Follow/Unfollow buttons)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(db.session.execute(sa.select(Follow.kind, Follow.target).where(Follow.user_id == user.id)).all())


@dataclass
class FollowRow:
    follow: Follow
    name: str
    url: str | None


def describe_follows(user: User) -> list[FollowRow]:
    """The user's follows with their names and pages, for the /following page (constant queries)."""
    from hub.templating import url_if

    follows = follows_of(user)
    followed = load_followed([f for f in follows if f.kind != "search"])
    slugs = dict(db.session.execute(sa.select(Organization.id, Organization.slug).where(
        Organization.id.in_([int(f.target) for f in follows if f.kind == "organization"]))).all())
    rows = []
    for f in follows:
        if f.kind == "organization":
            rows.append(FollowRow(f, followed.organizations.get(int(f.target), "?"),
                                  url_if("orgs.detail", slug=slugs.get(int(f.target), "-"))))
        elif f.kind == "country":
            name = followed.countries.get(f.target, f.target)
            rows.append(FollowRow(f, name, url_if("places.country", code=f.target)))
        elif f.kind == "community":
            pair = tuple(f.target.split("-", 1))
            name = followed.communities.get(pair, f.target)
            rows.append(FollowRow(f, name, url_if("places.community", pair=f.target)))
        elif f.kind == "theme":
            rows.append(FollowRow(f, followed.themes.get(f.target, f.target), url_if("actions.index") and
                                  url_for("actions.index", theme=f.target)))
        else:
            rows.append(FollowRow(f, f.label, url_for("search.search") + "?" + f.target))
    return rows


# ----------------------------------------------------------------------------- preferences


def preference(user: User) -> AlertPreference:
    """The user's alert preference, created with the default (weekly) when missing."""
    pref = db.session.get(AlertPreference, user.id)
    if pref is None:
        pref = AlertPreference(user_id=user.id, frequency=DEFAULT_FREQUENCY, alerted_until=utcnow())
        db.session.add(pref)
        db.session.flush()
    return pref


def frequency_of(user: User) -> str:
    pref = db.session.get(AlertPreference, user.id)
    return pref.frequency if pref else DEFAULT_FREQUENCY


def set_frequency(user: User, frequency: str) -> AlertPreference:
    """Change how often the user hears about what they follow."""
    pref = preference(user)
    if frequency == "immediately" and pref.frequency != "immediately":
        pref.alerted_until = utcnow()  # alerts start from now, not from the last one
    pref.frequency = frequency
    db.session.flush()
    return pref


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="hub.follows.unsubscribe")


def unsubscribe_token(user: User) -> str:
    return _serializer().dumps({"u": user.id})


def user_for_unsubscribe(token: str) -> User | None:
    """The user a (signed) unsubscribe link was made for, or None if it was tampered with."""
    try:
        data = _serializer().loads(token)
    except BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return None
    return db.session.get(User, data["u"])


# ----------------------------------------------------------------------------- the feed


def feed_for(user: User, page: int, per_page: int) -> tuple[list[FeedItem], bool]:
    """One page of the user's feed, newest first, and whether an older page exists."""
    followed = load_followed(follows_of(user))
    return feed_items(followed, per_page, offset=(max(page, 1) - 1) * per_page)


# ----------------------------------------------------------------------------- mail


def _locale(user: User) -> str:
    return user.locale or current_app.config.get("BABEL_DEFAULT_LOCALE", "en")


def _unsubscribe_parts(user: User) -> tuple[str, dict]:
    url = url_for("follows.unsubscribe", token=unsubscribe_token(user), _external=True)
    headers = {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return url, headers


def _add_links(items: list[FeedItem]) -> None:
    from hub.templating import url_if

    for item in items:
        item.url = url_if(item.kind.endpoint, slug=item.record.slug, _external=True) or ""


def _send(user: User, subject, template: str, items: list[FeedItem], **context) -> None:
    unsubscribe_url, headers = _unsubscribe_parts(user)
    _add_links(items)
    send_mail(user.email, subject, f"follows/mail/{template}.txt", locale=_locale(user),
              html_template=f"follows/mail/{template}.html", headers=headers, user=user, items=items,
              unsubscribe_url=unsubscribe_url,
              preferences_url=url_for("follows.following", _external=True), **context)


def _recipients(condition) -> list[User]:
    """Active, verified users with at least one follow whose preference matches `condition`."""
    has_follow = sa.select(Follow.user_id).distinct()
    stmt = (sa.select(User).outerjoin(AlertPreference, AlertPreference.user_id == User.id)
            .where(User.active.is_(True), User.email_verified_at.is_not(None), User.id.in_(has_follow), condition)
            .order_by(User.id))
    return list(db.session.scalars(stmt))


def send_immediate_alerts(now: datetime | None = None, published: list[tuple[type, int]] | None = None) -> int:
    """Mail every "immediately" user what was published for them since their last alert; returns
    how many mails went out. Safe to run anywhere at any time: each user's watermark moves by
    compare-and-set in the same transaction as their mail.

    With `published` (the (model, id) of records just published) only the users who follow
    something those records match, or a search, are looked at; without it, every such user.
    """
    now = now or utcnow()
    sent = 0
    condition = AlertPreference.frequency == "immediately"
    if published is not None:
        keys = follow_keys(published)
        matching = sa.select(Follow.user_id).where(sa.or_(
            Follow.kind == "search", sa.tuple_(Follow.kind, Follow.target).in_(keys) if keys else sa.false()))
        condition = sa.and_(condition, User.id.in_(matching))
    with base_url_request(keep_request=True):  # from the CLI: links to HUB_BASE_URL
        for user in _recipients(condition):
            pref = db.session.get(AlertPreference, user.id)
            since = pref.alerted_until
            with force_locale(_locale(user)):
                items, _more = feed_items(load_followed(follows_of(user)), ALERT_ITEMS, since=since, until=now)
                if not items:
                    continue
                moved = db.session.execute(sa.update(AlertPreference).where(
                    AlertPreference.user_id == user.id, AlertPreference.alerted_until == since,
                ).values(alerted_until=now).execution_options(synchronize_session=False)).rowcount
                if moved != 1:
                    db.session.rollback()  # another process sent this alert
                    continue
                subject = (_l("New on Diaspora Hub: %(title)s", title=items[0].title) if len(items) == 1
                           else _l("%(n)s new items on Diaspora Hub", n=len(items)))
                _send(user, subject, "alert", items)
            db.session.commit()
            sent += 1
    return sent


def period_of(frequency: str, now: datetime) -> str:
    """The period a digest belongs to: the day ("2026-12-08") or the ISO week ("2026-W50")."""
    if frequency == "daily":
        return now.date().isoformat()
    year, week, _day = now.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class DigestSummary:
    sent: int = 0
    nothing_new: int = 0
    already_done: int = 0


def _group(items: list[FeedItem]) -> list[tuple[str, list[FeedItem]]]:
    """Items grouped by what was followed, in the order the groups first appear."""
    groups: dict[str, list[FeedItem]] = {}
    for item in items:
        for reason in item.reasons:
            groups.setdefault(reason, []).append(item)
    return list(groups.items())


def send_due_digests(now: datetime | None = None, frequency: str | None = None) -> DigestSummary:
    """Send the daily and weekly digests of the current period that have not gone out yet.

    Idempotent and safe on several hosts at once: a digest is sent only by the process whose
    digest_run row (unique per user, frequency and period) commits. No mail when nothing is new.
    """
    now = now or utcnow()
    summary = DigestSummary()
    frequencies = [frequency] if frequency else list(PERIODS)
    with base_url_request(keep_request=True):  # from the CLI: links to HUB_BASE_URL
        for freq in frequencies:
            period = period_of(freq, now)
            condition = AlertPreference.frequency == freq
            if freq == DEFAULT_FREQUENCY:
                condition = sa.or_(condition, AlertPreference.user_id.is_(None))
            for user in _recipients(condition):
                summary_key = _send_digest(user, freq, period, now)
                setattr(summary, summary_key, getattr(summary, summary_key) + 1)
    return summary


def _send_digest(user: User, frequency: str, period: str, now: datetime) -> str:
    done = sa.select(DigestRun.id).where(DigestRun.user_id == user.id, DigestRun.frequency == frequency,
                                         DigestRun.period == period)
    if db.session.scalar(done) is not None:
        return "already_done"
    last = db.session.scalar(sa.select(sa.func.max(DigestRun.created_at)).where(DigestRun.user_id == user.id))
    since = last if last is not None else now - PERIODS[frequency]
    run = DigestRun(user_id=user.id, frequency=frequency, period=period, created_at=now)
    db.session.add(run)
    try:
        db.session.flush()
    except sa.exc.IntegrityError:
        db.session.rollback()  # another host holds (or sent) this digest
        return "already_done"
    with force_locale(_locale(user)):
        items, _more = feed_items(load_followed(follows_of(user)), ALERT_ITEMS, since=since, until=now)
        run.items = len(items)
        if items:
            subject = (_l("Your daily digest from Diaspora Hub") if frequency == "daily"
                       else _l("Your weekly digest from Diaspora Hub"))
            _send(user, subject, "digest", items, groups=_group(items), frequency=frequency)
    try:
        db.session.commit()
    except sa.exc.IntegrityError:
        db.session.rollback()
        return "already_done"
    return "sent" if items else "nothing_new"
