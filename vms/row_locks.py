"""Hold the row that owns a rule while the rule is checked, on PostgreSQL and on SQLite.

Check-then-write is a race under several workers: two requests count a team's four members
at the same moment and both add a fifth. A service that checks a rule first locks the row
that owns it (the team for its size, the interview for its scorecards, the meeting for its
agenda); a second request waits for the lock, then checks against what the first wrote.

- PostgreSQL: ``SELECT … FOR UPDATE`` on that row, held to the end of the transaction; at
  READ COMMITTED every later statement sees what the previous holder committed.
- SQLite has one writer for the whole database, so the lock is the write transaction itself,
  taken (``BEGIN IMMEDIATE``, waiting out the busy timeout) before the rule's reads. pysqlite
  opens a transaction only before its first INSERT/UPDATE/DELETE, so a request that has not
  written yet holds no snapshot, and one that has already holds the write lock.

Either way everything read before the lock may be stale, so the session forgets it (after
flushing what it had not written) and reads it again on the next access. A lock never outlives
its request: a view that refuses a change and does not commit ends with a rollback.
"""

from __future__ import annotations

from flask import Flask, Response
from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from vms.extensions import db

_HOLDS_LOCK = "vms.holds_lock"


def init_app(app: Flask) -> None:
    # after_request, not teardown_request: emailed links are built in a nested request
    # context (vms.mail.links), whose teardown would roll back the request's work.
    app.after_request(_release)


def lock(owner: object, session: Session | None = None) -> None:
    """Lock ``owner``'s row until the commit and make the session read everything afresh."""
    session = session or db.session
    session.flush()
    if session.get_bind().dialect.name == "sqlite":
        begin_write(session)
    else:
        mapper = inspect(owner).mapper
        key = inspect(owner).identity
        where = [column == value for column, value in zip(mapper.primary_key, key, strict=True)]
        session.execute(select(mapper.class_).where(*where).with_for_update())
    session.info[_HOLDS_LOCK] = True
    session.expire_all()


def _release(response: Response) -> Response:
    """End a transaction that took a lock and was not committed (a refused change).

    Flask-SQLAlchemy rolls back when the app context ends, but an app context can outlive the
    request (a test keeps one), and until then the lock would keep others waiting.
    """
    if db.session.info.pop(_HOLDS_LOCK, False):
        db.session.rollback()
    return response


def begin_write(session: Session) -> None:
    """On SQLite, take the database's write lock now, unless this transaction already has it."""
    raw = session.connection().connection.dbapi_connection
    if not raw.in_transaction:
        raw.execute("BEGIN IMMEDIATE")
