"""Which tables bump which version, the session hooks that bump them, and the current versions.

Every flush that changes a row, and every bulk insert, update or delete run through a session,
gives the versions it affects a new token in the same transaction, so the new token becomes
visible exactly when the change does (and a rollback forgets both). A table that is neither
reference data nor listed as private bumps `content`: a table added later is covered without
being named here. Readers take the versions once per request, before reading any data, so a value
cached under a token is never older than that token.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import NamedTuple

import sqlalchemy as sa
from flask import has_request_context, request
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from hub.caching.models import NAMES, CacheVersion, new_token
from hub.extensions import db
from hub.modeling import utcnow

# Imported figures: `hub import-reference` changes them, nothing else does.
REFERENCE_TABLES = frozenset({
    "country", "migrant_stock", "country_total", "bilateral_remittance", "remittance_received",
    "unlisted_remittance", "reference_import",
})
# Private and bookkeeping tables: no public page or API response shows them, so writing them
# leaves every cached page valid. A new table of that kind (tokens, an outgoing mail queue,
# follows, logs) is added HERE; anything not listed counts as public content.
PRIVATE_TABLES = frozenset({
    "cache_version", "search_outbox", "search_index_position", "search_log_state",
    "audit_event", "abuse_report", "api_token", "invitation",
    "outgoing_mail", "job_run", "reminder_sent",
    "follow", "alert_preference", "digest_run", "contact_message", "partner_offer",
})
# Columns of public tables that no public page shows: signing in must not empty the cache.
PRIVATE_COLUMNS = {"user": frozenset({"last_login_at", "password_hash", "auth_stamp", "email_verified_at"})}

_ENVIRON_KEY = "hub.cache_versions"
_LOCKED = "cache_versions_locked"


class Version(NamedTuple):
    """One version's token and when it last changed."""

    token: str
    changed_at: datetime


def version_for(table_name: str) -> str | None:
    """The version a change to `table_name` bumps: "reference", "content" or None (private)."""
    if table_name in PRIVATE_TABLES:
        return None
    return "reference" if table_name in REFERENCE_TABLES else "content"


# --- Reading ------------------------------------------------------------------------------------


def current() -> dict[str, Version]:
    """Every version, read with one query and kept for the rest of the request.

    A missing row (an emptied table, a database created some other way) is created with a new
    token, so nothing cached before can match it.
    """
    memo = request.environ.get(_ENVIRON_KEY) if has_request_context() else None
    if memo is not None:
        return memo
    versions = _read()
    if len(versions) < len(NAMES):
        _create_missing()
        versions = _read()
    if has_request_context():
        request.environ[_ENVIRON_KEY] = versions
    return versions


def _read() -> dict[str, Version]:
    table = CacheVersion.__table__
    rows = db.session.execute(sa.select(table.c.name, table.c.token, table.c.changed_at))
    return {name: Version(token, _aware(changed_at)) for name, token, changed_at in rows}


def _aware(value: datetime | None) -> datetime:
    if value is None:
        return utcnow()
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _insert(dialect: str):
    return postgresql_insert if dialect == "postgresql" else sqlite_insert


def _create_missing() -> None:
    """Insert the rows that are missing, on a connection of its own (this request only reads)."""
    with db.engine.begin() as connection:
        stmt = _insert(connection.dialect.name)(CacheVersion.__table__).values(
            [{"name": name, "token": new_token(), "changed_at": utcnow()} for name in NAMES])
        connection.execute(stmt.on_conflict_do_nothing(index_elements=["name"]))


# --- Bumping ------------------------------------------------------------------------------------


def bump(session: Session, names: set[str]) -> None:
    """Give `names` new tokens in the session's transaction (visible when it commits)."""
    names = {name for name in names if name in NAMES}
    if not names:
        return
    connection = session.connection()
    table = CacheVersion.__table__
    if connection.dialect.name == "postgresql" and not session.info.get(_LOCKED):
        # Every writer locks the rows in the same order first, so two transactions that bump
        # different versions in different orders never deadlock.
        connection.execute(sa.select(table.c.name).order_by(table.c.name).with_for_update())
        session.info[_LOCKED] = True
    now = utcnow()
    stmt = _insert(connection.dialect.name)(table).values(
        [{"name": name, "token": new_token(), "changed_at": now} for name in sorted(names)])
    connection.execute(stmt.on_conflict_do_update(
        index_elements=["name"], set_={"token": stmt.excluded.token, "changed_at": stmt.excluded.changed_at}))
    if has_request_context():
        request.environ.pop(_ENVIRON_KEY, None)  # this request reads its own change from now on


def _changed_columns(obj) -> set[str]:
    return {attr.key for attr in sa.inspect(obj).attrs if attr.history.has_changes()}


def _tables_of(obj) -> list[str]:
    return [table.name for table in sa.inspect(obj).mapper.tables]


def _affected(session: Session) -> set[str]:
    names: set[str] = set()
    for obj in (*session.new, *session.deleted):
        names.update(version_for(t) for t in _tables_of(obj))
    for obj in session.dirty:
        if not session.is_modified(obj):
            continue
        for table_name in _tables_of(obj):
            private = PRIVATE_COLUMNS.get(table_name)
            if private is None or not _changed_columns(obj) <= private:
                names.add(version_for(table_name))
    names.discard(None)
    return names


def _before_flush(session: Session, _flush_context, _instances) -> None:
    bump(session, _affected(session))


_READ_ONLY_TEXT = ("SELECT", "WITH", "SHOW", "SET", "PRAGMA", "EXPLAIN")


def _do_orm_execute(state) -> None:
    """Bulk insert/update/delete through the session bump like a flush; raw SQL that is not a
    read bumps `content`, since its tables are unknown."""
    statement = state.statement
    if isinstance(statement, sa.TextClause):
        if not statement.text.lstrip().upper().startswith(_READ_ONLY_TEXT):
            bump(state.session, {"content"})
        return
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    table = getattr(statement, "table", None)
    name = version_for(table.name) if getattr(table, "name", None) else "content"
    if name:
        bump(state.session, {name})


def _end(session: Session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(_LOCKED, None)


def install_listeners() -> None:
    """Hook every session (the app's and the ones services open themselves)."""
    if sa.event.contains(Session, "before_flush", _before_flush):
        return
    sa.event.listen(Session, "before_flush", _before_flush)
    sa.event.listen(Session, "do_orm_execute", _do_orm_execute)
    sa.event.listen(Session, "after_transaction_end", _end)
